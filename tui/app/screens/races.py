"""Pick a race: every race the files name, filtered as the voter types (by name or id).

The list is a LineList: with 650 races a key press draws the lines in view and no more, and
filtering is one pass over the index's names (no policy is loaded until a race is opened).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.geometry import Offset
from textual.widgets import Input, Static

from ...policy.sanitize import safe_line
from ...races.index import Race, RaceIndex
from ..commands import PICKER
from ..cursor import caret
from ..widgets.key_bar import KeyBar
from ..widgets.line_list import LineList
from .base import HustingsScreen


class FilterInput(Input):
    """The filter box. It filters in the same step as the key that changed it, so the box and
    the list are drawn in one frame; `Input.Changed` reaches the screen a step later, which
    drew the box and the list in two frames, a timer tick apart (about 30 ms per key)."""

    def __init__(self, on_value: Callable[[str], None], **kwargs) -> None:
        super().__init__(**kwargs)
        self.on_value = on_value

    def watch_value(self, value: str) -> None:
        self.on_value(value)


class RacePickerScreen(HustingsScreen):
    """Type to filter; ↑↓ to highlight; ⏎ opens the race. Races are listed alphabetically by
    name, the order of the files' own words: no race is put first by us."""

    CONTEXT = PICKER
    AUTO_FOCUS = "#race-filter"

    def __init__(self, index: RaceIndex) -> None:
        self.index = index
        self.shown: list[Race] = list(index.races)
        super().__init__()

    def compose(self) -> ComposeResult:
        self.set_size_class()
        yield self.too_small_message()
        yield Static(self._title(), id="title")
        yield FilterInput(
            self._filter, placeholder="type part of a race's name or id", id="race-filter"
        )
        yield Static(self._count_text(), id="race-count")
        races = LineList(len(self.shown), self._row, id="race-list")
        races.words_at = 1  # past the margin of `_row`
        yield races
        yield KeyBar(self.commands, self.command_available, id="keys")

    def on_mount(self) -> None:
        from ...proof.elections import prepare

        self.call_after_refresh(prepare)

    def _title(self) -> Text:
        title = Text("hustings", style="bold")
        count = len(self.index.races)
        title.append(f"  Choose a race · {count:,} race{'s' * (count != 1)}, by name")
        return title

    def _count_text(self) -> Text:
        if not self.shown:
            return Text("No race matches: Esc clears the filter.")
        if len(self.shown) == len(self.index.races):
            return Text("↑↓ to highlight a race, ⏎ to open it")
        return Text(f"{len(self.shown):,} of {len(self.index.races):,} races match")

    def _row(self, row: int, width: int) -> Text:
        race = self.shown[row]
        people = len(race.candidates)
        # A ballot has candidates; the files with none (or an id no ballot has) are policies.
        if race.election:
            noun = "candidate" if people == 1 else "candidates"
        else:
            noun = "policy" if people == 1 else "policies"
        # The count before the id: where the line is cut (80 columns), it is the id's end that
        # goes, not how many stand.
        text = Text(f" {safe_line(race.name)}")
        text.append(f" · {people} {noun}", style="dim")
        if race.election:
            text.append(f" · {safe_line(race.election)}")
        return text

    def selection_offset(self) -> Offset | None:
        """The highlighted race's name; with none highlighted, the filter's caret."""
        offset = self.race_list.cursor_offset()
        if offset is None:
            return caret(self.query_one("#race-filter", Input))
        return offset

    @property
    def race_list(self) -> LineList:
        return self.query_one("#race-list", LineList)

    def _filter(self, query: str) -> None:
        if not self.is_mounted:
            return
        self.shown = self.index.matching(query)
        self.race_list.reset(len(self.shown))
        self.query_one("#race-count", Static).update(self._count_text())

    @on(Input.Submitted, "#race-filter")
    def _submitted(self) -> None:
        self.action_choose_race()

    @on(LineList.Chosen, "#race-list")
    def _clicked(self, event: LineList.Chosen) -> None:
        self.race_list.move_cursor(event.row)
        self.action_choose_race()

    def action_move_cursor(self, step: int) -> None:
        cursor = self.race_list.cursor
        self.race_list.move_cursor(0 if cursor is None else cursor + step)

    def action_choose_race(self) -> None:
        """Open the highlighted race; with none highlighted, the only match if there is one."""
        cursor = self.race_list.cursor
        if cursor is None and len(self.shown) == 1:
            cursor = 0
        if not self.shown:
            self.notify("No race matches: Esc clears the filter.")
            return
        if cursor is None or cursor >= len(self.shown):
            self.notify("Highlight a race with ↑↓ first (or type until one matches).")
            return
        self.hustings.open_race(self.shown[cursor])

    def action_clear_filter(self) -> None:
        self.query_one("#race-filter", Input).value = ""

    def action_scroll_body(self, where: str) -> None:
        self.race_list.jump(where)
