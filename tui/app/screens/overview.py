"""Every candidate of a race on one screen: one line each, one column per topic.

Why this shape: a race of 13 set side by side leaves each pane eight columns wide. One line per
candidate keeps every name on a 120x40 screen (and an 80x24 one) and reads across like a ballot
paper; each topic cell holds what compares at a glance (the headline figure, its year, its flag
symbols), and the voter picks who to set side by side in the detailed panes. Everyone gets the
same line, in the published order; nobody is picked, or highlighted, until the voter moves.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.geometry import Offset
from textual.widgets import Static

from ...compare.comparison import ClaimView, Comparison, Row, is_party_policy
from ...compare.flags import symbol_key
from ...output import linear
from ...policy.formatting import shorten
from ...policy.model import NOT_STATED
from ...policy.sanitize import safe_line
from ..commands import OVERVIEW, Command
from ..cursor import start_of
from ..widgets.key_bar import KeyBar
from ..widgets.line_list import LineList
from .base import HustingsScreen

# Side by side, a pane needs about 30 columns to be read: four fit at 120.
MAX_SIDE_BY_SIDE = 4
MARK_WIDTH = 4  # "[x] "
GAP = "  "
RACE_NAME_MAX = 80  # a race's name in the title: a 3,000-character one hid every candidate


def column_widths(width: int, topics: int) -> tuple[int, int]:
    """(name, topic) column widths for a line `width` wide: names get about a quarter."""
    usable = max(0, width - MARK_WIDTH)
    name = max(12, min(30, usable * 27 // 100))
    topic = max(6, (usable - name - len(GAP) * topics) // max(1, topics))
    return name, topic


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


def years_fit(row: Row, width: int) -> bool:
    """Whether every cell of a topic keeps its year at this width. Decided for the whole
    column: a year beside one candidate's figure and not the next would treat them unequally."""
    return all(len(cell_words(cells)) <= width for cells in row.cells)


class OverviewScreen(HustingsScreen):
    """The race at a glance; Space picks (up to four), ⏎ sets the picked side by side."""

    CONTEXT = OVERVIEW

    def __init__(self, comparison: Comparison, race_name: str) -> None:
        self.comparison = comparison
        self.race_name = race_name
        self.picked: list[str] = []  # policy ids, in the order picked
        self._years: dict[tuple[str, int], bool] = {}  # (topic, width): years_fit, once
        super().__init__()

    def compose(self) -> ComposeResult:
        self.set_size_class()
        yield self.too_small_message()
        yield Static(self._title(), id="title")
        yield Static(self._where_text(), id="where")
        reading = self.hustings.screen_reader  # a sentence per line: no columns to title
        header = None if reading else self._header
        table = LineList(len(self.comparison.policies), self._row, header, id="overview")
        table.words_at = MARK_WIDTH  # the name, after "[ ] "
        yield table
        yield Static(self._legend(), id="overview-legend")
        yield KeyBar(self.commands, self.command_available, id="keys")

    # -- text ---------------------------------------------------------------------------------

    def _title(self) -> Text:
        title = Text("hustings", style="bold")
        people = len(self.comparison.policies)
        title.append(
            f"  {shorten(safe_line(self.race_name), RACE_NAME_MAX)} · {people} policies · "
        )
        title.append(self.comparison.order_note)
        return title

    def _where_text(self) -> Text:
        if not self.picked:
            if self.hustings.screen_reader:  # arrows and ⏎ are silent in speech
                return Text(f"Up and Down highlight, Space picks (up to {MAX_SIDE_BY_SIDE}), "
                            "Enter sets them side by side")  # fmt: skip
            return Text(
                f"↑↓ highlight, Space picks (up to {MAX_SIDE_BY_SIDE}), ⏎ sets them side by side"
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

    def _header(self, width: int) -> Text:
        name_width, topic_width = column_widths(width, len(self._rows))
        text = Text(" " * MARK_WIDTH)
        text.append(_fit("Candidate · party", name_width), style="bold underline")
        for spec_row in self._rows:
            text.append(GAP + _fit(spec_row.spec.heading, topic_width), style="bold underline")
        return text

    def _row(self, row: int, width: int) -> Text:
        view = self.comparison.policies[row]
        who = view.policy.who
        name_width, topic_width = column_widths(width, len(self._rows))
        text = Text("[x] " if view.id in self.picked else "[ ] ")
        party_policy = is_party_policy(view.policy, self._loaded_like())
        # A party's national policy sits under its candidate, marked as the party's.
        label = f"↳ {who.name}" if party_policy else f"{who.name} · {who.party}"
        if self.hustings.screen_reader:  # "[x]" is said as "x", and "[ ]" not at all
            cells = [(spec_row.spec, spec_row.cells[row]) for spec_row in self._rows]
            text.append("Picked: " if view.id in self.picked else "")
            text.append(safe_line(linear.candidate_summary(label, cells)))
            return text
        text.append(_fit(safe_line(label), name_width), style="bold")
        for spec_row in self._rows:
            words = cell_words(spec_row.cells[row], self._years_fit(spec_row, topic_width))
            text.append(GAP + _fit(words, topic_width))
        return text

    def _years_fit(self, row: Row, width: int) -> bool:
        key = (row.spec.key, width)
        if key not in self._years:
            self._years[key] = years_fit(row, width)
        return self._years[key]

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
        self._years.clear()
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

    def action_compare_picked(self) -> None:
        """⏎: the picked side by side, in the published order; none picked: the highlighted."""
        chosen = set(self.picked)
        if not chosen and self.table.cursor is not None:
            chosen = {self.comparison.policies[self.table.cursor].id}
        if not chosen:
            self.notify("Pick candidates with Space (or highlight one with ↑↓) first.")
            return
        self.hustings.show_side_by_side(self.comparison, frozenset(chosen))

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
