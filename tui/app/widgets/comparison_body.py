"""The comparison's scrolling body as one Line-API widget: topic rows of claims, pane by pane.

Why one widget, not a label and a row of cells per topic: Textual lays out, styles and renders
every widget, on screen or not, and a scroll re-lays out the whole container. Here a layout is
plain arithmetic over wrapped lines, made once per (width, panes) and cached; `render_line`
turns into styled cells only the lines on screen; a selection move repaints the bar's column of
the claims it leaves and enters, and any scroll it needs happens in the same refresh.

What the voter sees is unchanged: a blank line, the topic heading (bold reverse), then the
claims side by side, each pane `1fr` wide with one column of padding either side, a two-column
bar gutter (`▌ ` beside the selected claim), and a blank line between claims.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.events import Click, Resize
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...compare.comparison import NOTHING_SAID, ROWS, ClaimView, Comparison
from ...output import linear
from ...output.claim_text import claim_lines, wrap_hanging
from ...output.spoken import claim_sentences
from ..state import ScreenState, Selection, visible_policies, visible_rows

MARK = "▌ "
GAP = 1  # blank lines between claims
HEAD = 2  # lines above a row's claims: the blank margin and the heading
EMPTY_BY_ROW = {spec.key: spec.empty for spec in ROWS}  # the articles' silence, same for all


@dataclass
class Cell:
    """One candidate's claims on one topic, wrapped to one width."""

    policy_id: str
    x: int  # first column of the pane
    width: int  # the pane's width, padding included
    lines: list[Text]
    starts: list[int]  # first line of each claim
    claim_ids: list[str]
    rendered: dict[int, list[Segment]] = field(default_factory=dict)

    def span(self, index: int) -> tuple[int, int]:
        """(first line, line count) of claim `index`."""
        start = self.starts[index]
        end = self.starts[index + 1] - GAP if index + 1 < len(self.starts) else len(self.lines)
        return start, end - start

    def index_at(self, line: int) -> int | None:
        for index in range(len(self.starts)):
            start, height = self.span(index)
            if start <= line < start + height:
                return index
        return None


@dataclass
class RowLayout:
    top: int  # the blank margin line; the heading is the next, claims start at top + HEAD
    key: str
    label: str
    cells: list[Cell]
    height: int  # lines of claims (the tallest cell)


@dataclass
class Layout:
    width: int
    rows: list[RowLayout]
    height: int
    tops: list[int]  # each row's top, for bisecting


def pane_edges(width: int, panes: int) -> list[int]:
    """Where each `1fr` pane starts (and the last ends), as Textual divides a width."""
    return [width * number // panes for number in range(panes + 1)]


class ComparisonBody(ScrollView, can_focus=False):
    """The topic rows. Not focusable: the page keys belong to the screen, so they work without
    Tab, and Tab has nothing invisible to move to."""

    COMPONENT_CLASSES = {"comparison-body--mark", "comparison-body--heading"}

    class Clicked(Message):
        """A claim was clicked."""

        def __init__(self, selection: Selection) -> None:
            self.selection = selection
            super().__init__()

    def __init__(
        self,
        comparison: Comparison,
        state: ScreenState,
        narrow: bool,
        reading: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.comparison = comparison
        self.state = state
        self.narrow = narrow
        self.reading = reading  # the screen-reader layout: each claim in `read`'s sentences
        self.selection: tuple[str, str] | None = None  # (policy id, claim id) with the bar
        self._layouts: dict[tuple[int, bool, str | None], Layout] = {}
        self._layout: Layout | None = None
        self._wrapped: dict[tuple[str, str, int], tuple[list[Text], list[int], list[str]]] = {}
        self._strips: dict[int, Strip] = {}  # drawn lines of the current layout and styles

    # -- layout: arithmetic over wrapped lines, cached by width ----------------------------

    @property
    def shown_policies(self) -> list[str]:
        """The candidates whose claims are drawn (one, when narrow)."""
        shown = [policy.id for _, policy in visible_policies(self.comparison, self.state)]
        if self.narrow and self.state.in_view is not None:
            return [self.state.in_view]
        return shown

    def set_view(self, state: ScreenState, narrow: bool) -> None:
        """Show `state` (same panes and rows as built with) at this width class."""
        changed = narrow != self.narrow or (narrow and state.in_view != self.state.in_view)
        self.state, self.narrow = state, narrow
        if changed:
            self._layout = None
            self._strips.clear()
            self._ensure_layout()
            self.refresh()

    @property
    def drawn(self) -> Layout | None:
        """The layout at the current width: rows, panes and claims as drawn."""
        return self._ensure_layout()

    def _content_width(self) -> int:
        return self.scrollable_content_region.width

    def _ensure_layout(self) -> Layout | None:
        width = self._content_width()
        if width <= 0:
            return None
        key = (width, self.narrow, self.state.in_view if self.narrow else None)
        layout = self._layouts.get(key)
        if layout is None:
            layout = self._layouts[key] = self._build(width)
        if layout is not self._layout:
            self._layout = layout
            self._strips.clear()
            if self.virtual_size != Size(width, layout.height):
                self.virtual_size = Size(width, layout.height)
        return layout

    def _build(self, width: int) -> Layout:
        at = {p.id: i for i, p in enumerate(self.comparison.policies)}
        panes = self.shown_policies
        edges = pane_edges(width, len(panes)) if panes else [0]
        rows: list[RowLayout] = []
        top = 0
        silent = {p.id for p in self.comparison.policies if p.nothing_said}
        for number_of_row, row in enumerate(
            visible_rows(self.comparison, self.state) if panes else ()
        ):
            cells = []
            for number, pid in enumerate(panes):
                x, pane_width = edges[number], edges[number + 1] - edges[number]
                views = row.cells[at[pid]]
                if pid in silent:  # one sentence, in the first row: no column of empty rows
                    empty = NOTHING_SAID if number_of_row == 0 else ""
                    lines, starts, ids = self._silence(empty, pane_width)
                else:
                    lines, starts, ids = self._wrap(row.spec.key, pid, views, pane_width)
                cells.append(Cell(pid, x, pane_width, lines, starts, ids))
            height = max((len(cell.lines) for cell in cells), default=0)
            if not height:  # everyone shown is silent: the topic's heading over nothing
                continue
            rows.append(RowLayout(top, row.spec.key, row.spec.label, cells, height))
            top += HEAD + height
        return Layout(width, rows, top, [row.top for row in rows])

    def _silence(self, words: str, pane_width: int) -> tuple[list[Text], list[int], list[str]]:
        """A candidate the articles say nothing about: the one sentence, as elsewhere (or no
        line at all), and no claims."""
        text_width = max(pane_width - 4, 8)
        console = self.app.console
        return list(Text(words, style="italic").wrap(console, text_width)) if words else [], [], []

    def _wrap(
        self, row_key: str, pid: str, views: tuple[ClaimView, ...], pane_width: int
    ) -> tuple[list[Text], list[int], list[str]]:
        """A cell's claims wrapped to its text width (padding and bar column taken off)."""
        text_width = max(pane_width - 4, 8)
        key = (pid, row_key, text_width)
        if key in self._wrapped:
            return self._wrapped[key]
        console = self.app.console
        lines: list[Text] = []
        starts: list[int] = []
        if not views:
            lines.extend(Text(EMPTY_BY_ROW[row_key], style="italic").wrap(console, text_width))
        for index, view in enumerate(views):
            if index:
                lines.extend(Text() for _ in range(GAP))
            starts.append(len(lines))
            for text in self._claim_texts(view, row_key, index + 1, len(views)):
                lines.extend(wrap_hanging(text, console, text_width))
        wrapped = self._wrapped[key] = (lines, starts, [v.claim.id for v in views])
        return wrapped

    def _claim_texts(self, view: ClaimView, row_key: str, number: int, count: int) -> list[Text]:
        """A claim's lines: as the table draws it; in the reading layout, first the line said
        where the cursor is (who, topic, figure, flags), then what `read` says of it."""
        if not self.reading:
            return claim_lines(view, notes=False)
        name = next(p.name for p in self.comparison.policies if p.id == view.policy_id)
        topic = next(spec.label for spec in ROWS if spec.key == row_key)
        said = linear.announcement(view, name, topic, number, count)
        sentences = claim_sentences(view)
        return [*(Text(line, style="bold") for line in said), *(Text(line) for line in sentences)]

    # -- where things are -------------------------------------------------------------------

    def _find(self, pid: str, claim_id: str) -> tuple[RowLayout, Cell, int] | None:
        layout = self._ensure_layout()
        for row in layout.rows if layout else ():
            for cell in row.cells:
                if cell.policy_id == pid and claim_id in cell.claim_ids:
                    return row, cell, cell.claim_ids.index(claim_id)
        return None

    def claim_region(self, pid: str, claim_id: str) -> Region | None:
        """Where a claim is drawn, in the body's scrolled content (for tests and clicks)."""
        found = self._find(pid, claim_id)
        if found is None:
            return None
        row, cell, index = found
        start, height = cell.span(index)
        return Region(cell.x, row.top + HEAD + start, cell.width, height)

    def selection_offset(self) -> Offset | None:
        """Where the selected claim's words start on screen (its first line in view, past the
        bar), for the terminal cursor; None with nothing selected or the claim out of view."""
        if self.selection is None:
            return None
        found = self._find(*self.selection)
        if found is None:
            return None
        row, cell, index = found
        start, height = cell.span(index)
        top = row.top + HEAD + start
        scroll = round(self.scroll_y)
        view = self.scrollable_content_region
        line = max(top, scroll)  # a claim taller than the view: its first line in view
        if line >= min(top + height, scroll + view.height):
            return None
        return Offset(view.x + cell.x + 1 + len(MARK), view.y + line - scroll)

    # -- the selection: the bar moves and any scroll happens in one refresh ----------------

    def select(self, selection: tuple[str, str] | None) -> None:
        previous, self.selection = self.selection, selection
        for changed in {previous, selection} - {None}:
            region = self.claim_region(*changed)  # type: ignore[misc]
            if region is not None:
                for line in range(region.y, region.bottom):
                    self._strips.pop(line, None)
                # The pane's padding and bar column, on the lines of that claim.
                self.refresh(Region(region.x, region.y - round(self.scroll_y), 3, region.height))
        if selection is not None:
            self._bring_into_view(*selection)

    def _bring_into_view(self, pid: str, claim_id: str) -> None:
        """Scroll (a jump) so the claim and its topic heading are in view; when both do not
        fit (a long row), the claim wins and the line above the panes names its topic."""
        found = self._find(pid, claim_id)
        if found is None:
            return
        row, cell, index = found
        start, height = cell.span(index)
        top = row.top + HEAD + start
        viewport = self.scrollable_content_region.height
        if top + height - row.top <= viewport:
            wanted = Region(0, row.top, 1, top + height - row.top)
        else:
            wanted = Region(0, top, 1, min(height, viewport))
        shown = Region(0, round(self.scroll_y), 1, viewport)
        if not shown.contains_region(wanted):
            # Forced: laid out for the first time, Textual has not yet worked out that the
            # body scrolls, and would refuse the scroll until the frame after.
            self.scroll_to(y=wanted.y, animate=False, immediate=True, force=True)

    # -- drawing ----------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        """Laid out (new, after a rebuild, or at a new width): the selected claim in view,
        where the terminal cursor, and so a screen reader, then finds it."""
        self._ensure_layout()
        if self.selection is not None:
            self._bring_into_view(*self.selection)

    def on_mount(self) -> None:
        super().on_mount()
        self._ensure_layout()

    def notify_style_update(self) -> None:
        """A theme or class change restyles every line: forget the drawn ones."""
        super().notify_style_update()
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        """Line `y` of the view: drawn once, then kept until the layout, styles or the bar
        on it change (a scroll redraws the view from these)."""
        self._ensure_layout()  # a new width or pane clears the kept lines first
        line = y + round(self.scroll_y)
        strip = self._strips.get(line)
        if strip is None:
            strip = self._strips[line] = self._draw_line(line)
        return strip

    def _draw_line(self, line: int) -> Strip:
        layout = self._ensure_layout()
        width = self.scrollable_content_region.width
        base = self.rich_style
        background = Style(bgcolor=base.bgcolor)
        if layout is None or line >= layout.height or not layout.rows:
            return Strip.blank(width, background)
        row = layout.rows[bisect_right(layout.tops, line) - 1]
        offset = line - row.top
        if offset == 0:
            return Strip.blank(width, background)
        if offset == 1:
            heading = base + self.get_component_rich_style("comparison-body--heading")
            strip = Strip([Segment(" ", background), Segment(row.label, heading)])
            return strip.adjust_cell_length(width, background)
        segments: list[Segment] = []
        for cell in row.cells:
            segments.extend(self._cell_line(cell, offset - HEAD, base, background))
        return Strip(segments).adjust_cell_length(width, background)

    def _cell_line(self, cell: Cell, line: int, base: Style, background: Style) -> list[Segment]:
        if line >= len(cell.lines):
            return [Segment(" " * cell.width, background)]
        text_width = cell.width - 4
        rendered = cell.rendered.get(line)
        if rendered is None:
            text = cell.lines[line]
            console = self.app.console
            segments = list(text.render(console))
            if text.style:  # a Text's own style is not in its rendered spans
                segments = list(Segment.apply_style(segments, console.get_style(text.style)))
            rendered = cell.rendered[line] = Segment.adjust_line_length(segments, text_width)
        marked = False
        if self.selection is not None and self.selection[0] == cell.policy_id:
            claim_id = self.selection[1]
            if claim_id in cell.claim_ids:
                start, height = cell.span(cell.claim_ids.index(claim_id))
                marked = start <= line < start + height
        mark_style = base + self.get_component_rich_style("comparison-body--mark")
        mark = Segment(MARK, mark_style) if marked else Segment("  ", base)
        right = max(cell.width - 3 - text_width, 0)
        return [
            Segment(" ", background),
            mark,
            *Segment.apply_style(rendered, base),
            Segment(" " * right, background),
        ]

    # -- the mouse --------------------------------------------------------------------------

    def on_click(self, event: Click) -> None:
        layout = self._ensure_layout()
        if layout is None or not layout.rows:
            return
        line = event.y + round(self.scroll_y)
        row = layout.rows[max(bisect_right(layout.tops, line) - 1, 0)]
        for cell in row.cells:
            if cell.x <= event.x < cell.x + cell.width:
                index = cell.index_at(line - row.top - HEAD)
                if index is not None:
                    selection = Selection(cell.policy_id, cell.claim_ids[index])
                    self.post_message(self.Clicked(selection))
