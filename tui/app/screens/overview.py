"""Every candidate of a race on one screen: one line each, one column per topic.

Why this shape: a race of 13 set side by side leaves each pane eight columns wide. One line per
candidate keeps every name on a 120x40 screen (and an 80x24 one) and reads across like a ballot
paper; each topic cell holds what compares at a glance (the headline figure, its year, its flag
symbols), and the voter picks who to set side by side in the detailed panes. Everyone gets the
same line, in the published order; nobody is picked, or highlighted, until the voter moves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.geometry import Offset
from textual.widgets import Static

from ...compare.comparison import NOTHING_SAID, ClaimView, Comparison, Row, is_party_policy
from ...compare.flags import symbol_key
from ...output import linear
from ...policy.formatting import shorten
from ...policy.model import NOT_STATED
from ...policy.sanitize import safe_line
from ..commands import OVERVIEW, Command
from ..cursor import start_of
from ..state import MAX_SIDE_BY_SIDE
from ..widgets.key_bar import KeyBar
from ..widgets.line_list import LineList
from .base import HustingsScreen

MARK_WIDTH = 4  # "[x] "
GAP = 2  # spaces between columns (one, where that lets every figure show whole)
NAME_LEAST, NAME_MOST = 12, 30  # the name column's width, before and after topics have theirs
RACE_NAME_MAX = 80  # a race's name in the title: a 3,000-character one hid every candidate


def race_in_words(comparison: Comparison) -> str:
    """The race as most of its candidates' files write it (ties: alphabetical), else ""."""
    races = Counter(p.policy.who.race for p in comparison.policies if p.policy.who.election)
    return min(races, key=lambda words: (-races[words], words)) if races else ""


def standing(comparison: Comparison) -> str:
    """'13 candidates, 1 party policy': who the race has, never just 'policies'."""
    candidates = sum(1 for p in comparison.policies if p.policy.who.election is not None)
    others = len(comparison.policies) - candidates
    words = f"{candidates} candidate{'s' * (candidates != 1)}"
    return words + (f", {others} party polic{'ies' if others != 1 else 'y'}" if others else "")


@dataclass(frozen=True, slots=True)
class TableLayout:
    """The overview's columns at one width: the name's, and each topic's with or without years,
    `gap` spaces apart."""

    name: int
    topics: tuple[int, ...]
    years: tuple[bool, ...]
    gap: int


def table_layout(rows: Sequence[Row], width: int, longest_name: int = 0) -> TableLayout | None:
    """Columns for a line `width` wide, each topic as wide as its widest cell, so that every
    figure and its flag symbols show whole; None when they cannot (a phone): then each
    candidate's topics are stacked under their name. Names get what is left, up to the longest
    (`longest_name`) or NAME_MOST, cut if they must (a name cut still reads; a figure cut
    misleads: "≈1,30…"); columns close up to one space apart before that. A topic keeps its
    years where there is room, for every candidate of the column or for none."""
    needs = [max(len(row.spec.heading), *(len(cell_words(c, False)) for c in row.cells))
             for row in rows]  # fmt: skip
    with_years = [max(len(row.spec.heading), *(len(cell_words(c)) for c in row.cells))
                  for row in rows]  # fmt: skip
    gap = GAP
    room = width - MARK_WIDTH - gap * len(rows) - sum(needs)
    if room < NAME_LEAST:  # closer columns: one space apart
        gap = 1
        room = width - MARK_WIDTH - gap * len(rows) - sum(needs)
    if room < NAME_LEAST:
        return None
    name = min(NAME_MOST, max(NAME_LEAST, (width - MARK_WIDTH) // 5), room)  # then years
    left = room - name
    topics, years = list(needs), [False] * len(rows)
    for at, wanted in enumerate(with_years):
        if wanted - needs[at] <= left:
            left -= wanted - needs[at]
            topics[at], years[at] = wanted, True
    name = min(max(NAME_MOST, longest_name), name + left)
    return TableLayout(name, tuple(topics), tuple(years), gap)


def cell_words(views: tuple[ClaimView, ...], with_year: bool = True) -> str:
    """A topic cell: the first claim's figure (or how many claims), its year and flag symbols."""
    if not views:
        return "—"
    first = views[0]
    figure = first.headline if first.headline not in (None, NOT_STATED) else None
    what = figure or f"{len(views)} claim{'s' * (len(views) != 1)}"
    symbols = "".join(dict.fromkeys(flag.symbol for view in views for flag in view.flags))
    more = f" +{len(views) - 1}" if figure and len(views) > 1 else ""
    year = f" {first.when.short}" if with_year else ""
    return safe_line(f"{what}{more}{year} {symbols}".rstrip())


class OverviewScreen(HustingsScreen):
    """The race at a glance; Space picks (up to four), ⏎ sets the picked side by side."""

    CONTEXT = OVERVIEW

    def __init__(self, comparison: Comparison, race_name: str) -> None:
        self.comparison = comparison
        # Given by the race index; a comparison made without one (the public demo) still names
        # its race, as most of its candidates' files write it.
        self.race_name = race_name or race_in_words(comparison)
        self.picked: list[str] = []  # policy ids, in the order picked
        self._layouts: dict[int, TableLayout | None] = {}  # by width
        super().__init__()

    def compose(self) -> ComposeResult:
        self.set_size_class()
        self.set_class(self.hustings.screen_reader, "-reading")
        yield self.too_small_message()
        yield Static(self._title(), id="title")
        yield Static(self._where_text(), id="where")
        reading = self.hustings.screen_reader  # a sentence per line: no columns to title
        header = None if reading else self._header
        # Wrapped: a line of words, or a phone's stacked topics, is never cut.
        table = LineList(len(self.comparison.policies), self._row, header, wrap=True, id="overview")
        table.words_at = MARK_WIDTH  # the name, after "[ ] "
        yield table
        yield Static(self._legend(), id="overview-legend")
        yield KeyBar(self.commands, self.command_available, id="keys")

    # -- text ---------------------------------------------------------------------------------

    def _title(self) -> Text:
        title = Text("hustings", style="bold")
        race = shorten(safe_line(self.race_name), RACE_NAME_MAX)
        title.append(f"  {race} · {standing(self.comparison)} · ")
        title.append(self.comparison.order_note)
        return title

    def _where_text(self) -> Text:
        if not self.picked:
            if self.hustings.screen_reader:  # arrows and ⏎ are silent in speech
                return Text(f"Up and Down highlight, Space picks (up to {MAX_SIDE_BY_SIDE}), "
                            "Enter sets them side by side, the a key sets everyone quoted "
                            "side by side")  # fmt: skip
            return Text(
                f"↑↓ highlight · Space picks up to {MAX_SIDE_BY_SIDE} · ⏎ side by side · "
                "a: all quoted"
            )
        # In the published order, as the panes will show them, not the order picked.
        names = ", ".join(
            safe_line(p.name) for p in self.comparison.policies if p.id in self.picked
        )
        # The key first: at 80 columns four names pushed "⏎ compares" off the line.
        enter = "Enter" if self.hustings.screen_reader else "⏎"
        return Text(f"Picked {len(self.picked)} of {MAX_SIDE_BY_SIDE}, {enter} compares: {names}")

    def _legend(self) -> Text:
        """The key to the symbols, made from the one flag vocabulary (it wraps when narrow)."""
        return Text(f"≈ about · {symbol_key()} · press ? for help", style="dim")

    @property
    def _rows(self) -> tuple[Row, ...]:
        return self.comparison.rows

    def _layout(self, width: int) -> TableLayout | None:
        """The columns at this width (None: stacked), worked out once per width."""
        if width not in self._layouts:
            longest = max((len(self._label(row)) for row in range(len(self.comparison.policies))),
                          default=0)  # fmt: skip
            self._layouts[width] = table_layout(self._rows, width, longest)
        return self._layouts[width]

    def _header(self, width: int) -> Text:
        layout = self._layout(width)
        text = Text(" " * MARK_WIDTH)
        if layout is None:  # stacked: the topics are named on each candidate's lines
            text.append("Candidate · party, then each topic", style="bold underline")
            return text
        text.append(_fit("Candidate · party", layout.name), style="bold underline")
        for spec_row, topic_width in zip(self._rows, layout.topics, strict=True):
            heading = " " * layout.gap + _fit(spec_row.spec.heading, topic_width)
            text.append(heading, style="bold underline")
        return text

    def _label(self, row: int) -> str:
        """Who a line is: name and party; a party's national policy, under its candidate,
        marked as the party's."""
        view = self.comparison.policies[row]
        who = view.policy.who
        if is_party_policy(view.policy, self._loaded_like()):
            return f"↳ {who.name}"
        return f"{who.name} · {who.party}"

    def _row(self, row: int, width: int) -> Text:
        view = self.comparison.policies[row]
        text = Text("[x] " if view.id in self.picked else "[ ] ")
        label = self._label(row)
        if self.hustings.screen_reader:  # "[x]" is said as "x", and "[ ]" not at all
            cells = [(spec_row.spec, spec_row.cells[row]) for spec_row in self._rows]
            text.append("Picked: " if view.id in self.picked else "")
            text.append(safe_line(linear.candidate_summary(label, cells, view.nothing_said)))
            return text
        layout = self._layout(width)
        if layout is None:
            return self._stacked(text, safe_line(label), row)
        text.append(_fit(safe_line(label), layout.name), style="bold")
        if view.nothing_said:  # one sentence across the topics, the same for each
            gap = " " * layout.gap
            rest = sum(layout.topics) + layout.gap * (len(self._rows) - 1)
            text.append(gap + _fit(NOTHING_SAID, rest), style="italic")
            return text
        for spec_row, topic_width, years in zip(
            self._rows, layout.topics, layout.years, strict=True
        ):
            words = cell_words(spec_row.cells[row], years)
            text.append(" " * layout.gap + _fit(words, topic_width))
        return text

    def _stacked(self, text: Text, label: str, row: int) -> Text:
        """Too narrow for columns (a phone): the name, then a line per topic, each whole."""
        text.append(label, style="bold")
        indent = " " * MARK_WIDTH
        if self.comparison.policies[row].nothing_said:
            text.append(f"\n{indent}")
            text.append(NOTHING_SAID, style="italic")
            return text
        for spec_row in self._rows:
            text.append(f"\n{indent}{spec_row.spec.heading}: {cell_words(spec_row.cells[row])}")
        return text

    def _loaded_like(self):
        """The policies as `is_party_policy` reads them (it needs only `.policy`)."""
        return self.comparison.policies

    # -- keys ---------------------------------------------------------------------------------

    @property
    def table(self) -> LineList:
        return self.query_one("#overview", LineList)

    async def reading_changed(self) -> None:
        """The screen-reader layout was switched: lines in words or in columns, the highlight
        and the picks kept."""
        cursor = self.table.cursor
        await self.recompose()
        self.table.move_cursor(cursor)

    def selection_offset(self) -> Offset | None:
        """The highlighted candidate's name; with none highlighted, the line saying how."""
        return self.table.cursor_offset() or start_of(self.query_one("#where"))

    def command_available(self, command: Command) -> bool:
        if command.id == "problems":
            return bool(self.comparison.problems)
        return super().command_available(command)

    def action_move_cursor(self, step: int) -> None:
        cursor = self.table.cursor
        self.table.move_cursor(0 if cursor is None else cursor + step)

    def action_pick(self) -> None:
        cursor = self.table.cursor
        if cursor is None:
            self.notify("Highlight a candidate with ↑↓ first.")
            return
        pid = self.comparison.policies[cursor].id
        if pid in self.picked:
            self.picked.remove(pid)
        elif len(self.picked) >= MAX_SIDE_BY_SIDE:
            self.notify(
                f"Up to {MAX_SIDE_BY_SIDE} side by side: unpick one first (Space).",
                severity="warning",
            )
            return
        else:
            self.picked.append(pid)
        self.table.redraw_row(cursor)
        self.query_one("#where", Static).update(self._where_text())

    def pick_only(self, picked: Iterable[str]) -> None:
        """These candidates picked, and no others (back from the panes: who was there)."""
        self.picked = [p.id for p in self.comparison.policies if p.id in set(picked)]
        self.table.redraw()
        self.query_one("#where", Static).update(self._where_text())

    def action_compare_picked(self) -> None:
        """⏎: the picked side by side, in the published order; none picked: the highlighted."""
        chosen = set(self.picked)
        if not chosen and self.table.cursor is not None:
            chosen = {self.comparison.policies[self.table.cursor].id}
        if not chosen:
            self.notify("Pick candidates with Space (or highlight one with ↑↓) first.")
            return
        self.hustings.show_side_by_side(self.comparison, frozenset(chosen))

    def action_quoted_side_by_side(self) -> None:
        """a: every policy with a claim from the archived articles, side by side (the published
        rule, the same for everyone; nobody is picked by us)."""
        quoted = frozenset(p.id for p in self.comparison.policies if not p.nothing_said)
        if not quoted:
            self.notify("The archived articles quote no one in this race.")
            return
        if len(quoted) > MAX_SIDE_BY_SIDE:  # the rule picks no few of them: the voter does
            self.notify(
                f"The archived articles quote {len(quoted)} in this race, more than "
                f"{MAX_SIDE_BY_SIDE} side by side: pick up to {MAX_SIDE_BY_SIDE} (Space).",
                severity="warning",
            )
            return
        self.hustings.show_side_by_side(self.comparison, quoted)

    @on(LineList.Chosen, "#overview")
    def _clicked(self, event: LineList.Chosen) -> None:
        self.table.move_cursor(event.row)
        self.action_pick()

    def action_scroll_body(self, where: str) -> None:
        self.table.jump(where)

    def action_problems(self) -> None:
        from .problems import ProblemsScreen

        self.app.push_screen(ProblemsScreen(self.comparison.problems))


def _fit(words: str, width: int) -> str:
    """Exactly `width` cells: cut with an ellipsis, or padded, so columns line up."""
    return shorten(words, width).ljust(width)
