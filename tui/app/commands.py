"""Every command of the app, declared once: its id, keys, action, words and where it shows.

The key bindings, the footer, the help screen and the command palette are all made from
`COMMANDS`, so they cannot disagree. The id is what a voter writes in `keys.toml` to move a
command to another key (see `config.py`); the words are what the footer, help and palette say.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.binding import BindingType

MAIN, DOCUMENT, DIALOG = "main", "document", "dialog"
# The race picker (letters type into its filter) and a race's one-line-per-candidate overview.
PICKER, OVERVIEW = "picker", "overview"


@dataclass(frozen=True, slots=True)
class Command:
    """One thing a voter can do, and how they find it."""

    id: str  # stable: the name in keys.toml
    keys: tuple[str, ...]  # Textual key names; the first is the one shown
    action: str  # a Textual action on the screen ("app." for the app)
    description: str  # what help and the palette say
    where: frozenset[str]  # the screens (contexts) it works on
    label: str = ""  # the footer's shorter word; "" = the description
    footer: int | None = None  # place in the footer (lower first); None: not in the footer
    group: str = ""  # commands in one group share one footer entry: "↑↓←→ Select"
    palette: bool = False  # listed by name in the command palette
    numbered: bool = False  # one binding per key, the key's position passed to the action
    priority: bool = False  # before the widget under it (arrows, Enter)
    needs_policies: bool = False  # off (and out of the footer) with nothing loaded
    # Screens it leads to or from, one of which must be reachable in this app for it to act
    # (the race picker for `r`): otherwise help leaves it out. Empty: always.
    needs: frozenset[str] = frozenset()
    unavailable: str = ""  # said when its key is pressed and it cannot act ("" = nothing)

    @property
    def short(self) -> str:
        return self.label or self.description


def _cmd(id: str, keys: str, action: str, description: str, *where: str, **extra) -> Command:
    if "needs" in extra:
        extra["needs"] = frozenset(extra["needs"])
    return Command(id, tuple(keys.split()), action, description, frozenset(where), **extra)


COMMANDS: tuple[Command, ...] = (
    # Help and Quit come first in every footer, at any width.
    _cmd("help", "question_mark f1", "app.help", "Help: keys and what each flag means",
         MAIN, DOCUMENT, OVERVIEW, label="Help", footer=0, palette=True),
    _cmd("quit", "q", "app.quit", "Quit hustings", MAIN, DOCUMENT, OVERVIEW, label="Quit",
         footer=1, palette=True),
    _cmd("back", "escape backspace", "app.go_back", "Back to the screen this page was opened from",
         DOCUMENT, label="Back", footer=2),
    _cmd("trace", "enter", "trace", "Trace the selected claim to its quote and source", MAIN,
         label="Trace", footer=2, priority=True, needs_policies=True,
         unavailable="Nothing to trace: no one shown has a claim in the topics shown."),
    _cmd("previous-claim", "up", "select_claim(-1)", "Select the claim above", MAIN,
         footer=3, group="Select", priority=True, needs_policies=True),
    _cmd("next-claim", "down", "select_claim(1)", "Select the claim below", MAIN,
         footer=3, group="Select", priority=True, needs_policies=True),
    _cmd("previous-candidate", "left", "select_candidate(-1)",
         "Select the candidate to the left", MAIN, footer=3, group="Select", priority=True,
         needs_policies=True),
    _cmd("next-candidate", "right", "select_candidate(1)", "Select the candidate to the right",
         MAIN, footer=3, group="Select", priority=True, needs_policies=True),
    # The id is older than the command's meaning (it once toggled by place in the whole
    # order): kept, so that keys.toml files naming it still work.
    _cmd("toggle-candidate", "1 2 3 4 5 6 7 8 9", "hide_pane",
         "Hide a pane: 1 the leftmost, 2 the next, and so on (a hidden candidate is shown "
         "again from the command palette, or the race's overview)", MAIN, label="Hide",
         footer=4, numbered=True, needs_policies=True,
         unavailable="The last pane stays: show another candidate first (command palette)."),
    _cmd("move-left", "less_than_sign", "move_candidate(-1)",
         "Move the selected candidate left", MAIN, footer=5, group="Move", palette=True,
         needs_policies=True),
    _cmd("move-right", "greater_than_sign", "move_candidate(1)",
         "Move the selected candidate right", MAIN, footer=5, group="Move", palette=True,
         needs_policies=True),
    _cmd("topics", "f", "filter_topics", "Choose which topics to show", MAIN, label="Topics",
         footer=6, palette=True, needs_policies=True),
    _cmd("problems", "p", "problems", "List every problem found loading policies", MAIN,
         OVERVIEW, label="Problems", footer=7, palette=True),
    _cmd("contrast", "c", "app.toggle_contrast", "Switch high contrast on or off", MAIN,
         DOCUMENT, OVERVIEW, label="Contrast", footer=8, palette=True),
    _cmd("screen-reader", "s", "app.toggle_screen_reader",
         "Screen-reader layout on or off: one candidate at a time, claims in words", MAIN,
         OVERVIEW, palette=True),
    _cmd("alphabetical", "o", "restore_order", "Order candidates by surname again", MAIN,
         label="A-Z", footer=9, palette=True, needs_policies=True),
    _cmd("page-up", "pageup", "scroll_body('page_up')", "Scroll up a page", MAIN, DOCUMENT,
         OVERVIEW, PICKER, group="Scroll"),
    _cmd("page-down", "pagedown", "scroll_body('page_down')", "Scroll down a page", MAIN,
         DOCUMENT, OVERVIEW, PICKER, group="Scroll"),
    _cmd("top", "home", "scroll_body('home')", "Scroll to the top", MAIN, DOCUMENT, OVERVIEW,
         group="Scroll"),
    _cmd("bottom", "end", "scroll_body('end')", "Scroll to the bottom", MAIN, DOCUMENT, OVERVIEW,
         group="Scroll"),
    _cmd("palette", "ctrl+p", "app.command_palette", "Every command by name, themes included",
         MAIN, DOCUMENT, OVERVIEW, PICKER, label="Commands", footer=10),
    # Races: the picker, and a race's overview of every candidate.
    # In the picker every letter types into the filter: help and quit take keys that do not.
    # No priority here: a priority key jumps the queue, so "west⏎" pasted in one read opened
    # the race highlighted before the filter had seen "west", and ↓ Space ↓ picked a line late.
    _cmd("picker-help", "f1", "app.help",
         "Help, in the race picker (where letters type into the filter)", PICKER,
         label="Help", footer=0),
    _cmd("picker-quit", "ctrl+q", "app.quit", "Quit, in the race picker", PICKER, label="Quit",
         footer=1),
    _cmd("choose-race", "enter", "choose_race", "Open the highlighted race", PICKER,
         label="Open", footer=2),
    _cmd("clear-filter", "escape", "clear_filter", "Clear the filter", PICKER, label="Clear",
         footer=5),
    _cmd("races", "r", "races", "Choose another race", MAIN, OVERVIEW, label="Races", footer=2,
         palette=True, needs=[PICKER],
         unavailable="Only one race is loaded: there is no other race to choose."),
    _cmd("overview", "v", "overview", "Every candidate of this race, one line each", MAIN,
         label="Overview", footer=2, palette=True, needs=[OVERVIEW],
         unavailable="No overview here: every candidate of this race is in the panes."),
    _cmd("step-back", "escape", "step_back",
         "Back a step: from the panes to the race's overview, from there to the race picker",
         MAIN, OVERVIEW, needs=[OVERVIEW, PICKER],
         unavailable="Only one race is loaded: there is no race picker to go back to."),
    _cmd("compare-picked", "enter", "compare_picked",
         "Set the picked candidates side by side (or the highlighted one)", OVERVIEW,
         label="Compare", footer=2),
    _cmd("quoted", "a", "quoted_side_by_side",
         "Set side by side everyone the archived articles quote, in the published order",
         OVERVIEW, label="Quoted", footer=3, palette=True, needs=[OVERVIEW]),
    _cmd("pick", "space", "pick",
         "Pick or unpick the highlighted candidate (back from the panes, the picks are who was "
         "side by side)", OVERVIEW, label="Pick", footer=3),
    _cmd("previous-row", "up", "move_cursor(-1)", "Highlight the line above", OVERVIEW, PICKER,
         footer=4, group="Highlight"),
    _cmd("next-row", "down", "move_cursor(1)", "Highlight the line below", OVERVIEW, PICKER,
         footer=4, group="Highlight"),
    _cmd("tick", "space", "tick", "Tick or untick the highlighted topic", DIALOG,
         label="Tick", footer=0),
    _cmd("apply", "enter", "apply", "Show the ticked topics", DIALOG, label="Apply", footer=1,
         priority=True),
    _cmd("cancel", "escape", "cancel", "Close without changing anything", DIALOG,
         label="Cancel", footer=2),
)  # fmt: skip

BY_ID: Mapping[str, Command] = {command.id: command for command in COMMANDS}


def with_keys(
    commands: Iterable[Command], keymap: Mapping[str, Sequence[str]]
) -> tuple[Command, ...]:
    """The commands with the voter's own keys (from keys.toml) in place of the defaults."""
    return tuple(
        replace(command, keys=tuple(keymap[command.id])) if command.id in keymap else command
        for command in commands
    )


def for_context(commands: Iterable[Command], where: str) -> tuple[Command, ...]:
    return tuple(command for command in commands if where in command.where)


def key_label(key: str) -> str:
    """How a key is written for a person: '?', '<', '^p', 'PgUp', '↑'."""
    from textual.keys import format_key

    special = {"pageup": "PgUp", "pagedown": "PgDn", "home": "Home", "end": "End",
               "escape": "Esc", "backspace": "⌫", "enter": "⏎", "space": "Space"}  # fmt: skip
    if key in special:
        return special[key]
    modifiers, _, name = key.rpartition("+")
    shown = format_key(name)
    if modifiers == "ctrl":
        return f"^{shown}"
    return f"{modifiers}+{shown}" if modifiers else shown


def keys_label(command: Command, count: int | None = None) -> str:
    """The keys of one command: '?', '1-3' for a numbered command with three candidates."""
    if command.numbered:
        keys = command.keys[: count if count is not None else len(command.keys)]
        if not keys:
            return ""
        if len(keys) == 1:
            return key_label(keys[0])
        return f"{key_label(keys[0])}-{key_label(keys[-1])}"
    return key_label(command.keys[0]) if command.keys else ""


def binding_id(command: Command, number: int | None = None) -> str:
    """The id Textual's keymap knows a binding by: the command's id, and for a numbered
    command its place as well ("toggle-candidate-2"), so that each number moves on its own."""
    return command.id if number is None else f"{command.id}-{number}"


def bindings(commands: Iterable[Command]) -> list[BindingType]:
    """Textual bindings for `commands` at their default keys (a screen's BINDINGS); a numbered
    command gets one binding per key, its place passed to the action. Keys the voter moved
    come from `keymap`; numbers beyond the candidates are switched off by the screen."""
    from textual.binding import Binding

    made: list[BindingType] = []
    for command in commands:
        if command.numbered:
            for number, key in enumerate(command.keys, start=1):
                made.append(
                    Binding(key, f"{command.action}({number})", command.short, show=False,
                            priority=command.priority, id=binding_id(command, number))
                )  # fmt: skip
            continue
        for key in command.keys:
            made.append(
                Binding(key, command.action, command.short, show=False,
                        priority=command.priority, id=binding_id(command))
            )  # fmt: skip
    return made


def keymap(commands: Iterable[Command]) -> dict[str, str]:
    """Textual's keymap (binding id to its keys) for the commands whose keys are not the
    defaults (moved in keys.toml): `App.set_keymap` then moves every screen's bindings."""
    moved: dict[str, str] = {}
    for command in commands:
        default = BY_ID[command.id]
        if command.keys == default.keys:
            continue
        if command.numbered:
            for number, key in enumerate(command.keys[: len(default.keys)], start=1):
                moved[binding_id(command, number)] = key
        else:
            moved[binding_id(command)] = ",".join(command.keys)
    return moved


def number_bound(command: Command, parameters: tuple[object, ...], count: int) -> bool:
    """Whether a numbered command's binding (its place in `parameters`) has a key and a
    candidate: with three candidates, 4 to 9 do nothing."""
    if not command.numbered or not parameters or not isinstance(parameters[0], int):
        return True
    return parameters[0] <= min(count, len(command.keys))


@dataclass(frozen=True, slots=True)
class FooterEntry:
    keys: str  # as shown: "?", "↑↓←→", "1-3"
    label: str
    key: str  # the key a click on this entry presses
    commands: tuple[Command, ...]


def footer_entries(commands: Iterable[Command], count: int = 9) -> list[FooterEntry]:
    """The footer's entries in order: groups become one entry ('↑↓←→ Select')."""
    entries: list[FooterEntry] = []
    placed = sorted(
        (c for c in commands if c.footer is not None and c.keys), key=lambda c: c.footer or 0
    )
    for command in placed:
        if command.group and entries and entries[-1].label == command.group:
            last = entries[-1]
            joiner = " " if command.group == "Move" else ""
            entries[-1] = replace(
                last,
                keys=last.keys + joiner + keys_label(command, count),
                commands=(*last.commands, command),
            )
            continue
        keys = keys_label(command, count)
        if not keys:
            continue
        entries.append(
            FooterEntry(keys, command.group or command.short, command.keys[0], (command,))
        )
    return entries


def help_rows(commands: Iterable[Command], count: int = 9) -> list[tuple[str, str, str]]:
    """(keys, description, id) for the help screen: every key, each command once."""
    rows = []
    for command in commands:
        if command.numbered:
            keys = keys_label(command, count)
        else:
            keys = " ".join(key_label(key) for key in command.keys)
        if keys:
            rows.append((keys, command.description, command.id))
    return rows


# The help screen's headings, one per screen, in the order a voter meets them.
HELP_SECTIONS: tuple[tuple[str, str], ...] = (
    (MAIN, "In the comparison (the candidates side by side)"),
    (OVERVIEW, "In a race's overview (one line per candidate)"),
    (DOCUMENT, "On a trace, help or problems page"),
    (PICKER, "In the race picker (letters type into its filter)"),
    (DIALOG, "In the Topics dialog"),
)
# Screens with keys of their own: the keys shared by the others are not theirs.
OWN_KEYS = (PICKER, DIALOG)


def reachable_commands(commands: Iterable[Command], reachable: frozenset[str]) -> list[Command]:
    """The commands that can act somewhere in this app (no `r` with only one race)."""
    return [c for c in commands if not c.needs or c.needs & reachable]


def help_sections(
    commands: Iterable[Command], reachable: frozenset[str], count: int = 9
) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(heading, rows) for the help screen: first the keys that work on every screen but those
    with keys of their own, then each screen's other keys under its name, each in footer order.
    Screens this app cannot reach, and commands that cannot act in it, are left out."""
    usable = _footer_order(reachable_commands(commands, reachable))
    shared_by = reachable & {MAIN, OVERVIEW, DOCUMENT}
    shared = [c for c in usable if shared_by <= c.where]
    own = [name for where, name in HELP_SECTIONS if where in OWN_KEYS and where in reachable]
    but = " but " + " and ".join(name.removeprefix("In ").split(" (")[0] for name in own)
    sections = [("On every screen" + (but if own else ""), help_rows(shared, count))]
    for where, heading in HELP_SECTIONS:
        if where not in reachable:
            continue
        rest = [c for c in usable if where in c.where and (where in OWN_KEYS or c not in shared)]
        if rest:
            sections.append((heading, help_rows(rest, count)))
    return sections


def _footer_order(commands: Iterable[Command]) -> list[Command]:
    """As the footer orders them (Help and Quit first), then the rest as declared."""
    return sorted(commands, key=lambda c: (c.footer is None, c.footer or 0))
