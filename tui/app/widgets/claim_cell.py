"""One candidate's claims on one topic, drawn as a single widget.

One widget per cell, not several per claim: a Textual app's start-up and each SSH session's cost
grow with its widget count, and this screen would otherwise have over a hundred. Selection is
the screen's state; the cell draws a bar beside the selected claim and, when the selection
moves, repaints only the bar's column for the lines that changed.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.segment import Segment
from rich.text import Text
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from ...compare import ROWS, ClaimView
from ...output.claim_text import claim_lines

MARK = "▌"
GAP = 1  # blank lines between claims
EMPTY_BY_ROW = {spec.key: spec.empty for spec in ROWS}  # the articles' silence, same for all


class ClaimCell(Widget):
    """Claims stacked in a column; `selected` is the index of the one with the bar, or None."""

    COMPONENT_CLASSES = {"claim-cell--mark"}

    class Clicked(Message):
        def __init__(self, cell: ClaimCell, index: int) -> None:
            self.cell, self.index = cell, index
            super().__init__()

    def __init__(
        self,
        row_key: str,
        policy_id: str,
        views: Sequence[ClaimView],
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.row_key, self.policy_id = row_key, policy_id
        self.views = tuple(views)
        self.selected: int | None = None
        self._width = -1
        self._lines: list[list[Segment]] = []
        self._starts: list[int] = []  # first line of each claim

    # -- layout ---------------------------------------------------------------------------

    def _claim_renderable(self, view: ClaimView) -> Group:
        # No bars: figures of different scope, era or precision ("fewer than", "around") on
        # one drawn scale suggest comparisons the flags forbid; the numbers say it plainly.
        return Group(*claim_lines(view))

    def _layout(self, width: int) -> None:
        """Render every claim at `width` (less the bar column) once per width."""
        if width == self._width:
            return
        console = self.app.console
        options = console.options.update_width(max(width - 2, 8))
        lines: list[list[Segment]] = []
        starts: list[int] = []
        if not self.views:
            empty = Text(EMPTY_BY_ROW[self.row_key], style="italic")
            lines.extend(console.render_lines(empty, options, pad=False))
        for index, view in enumerate(self.views):
            if index:
                lines.extend([] for _ in range(GAP))
            starts.append(len(lines))
            lines.extend(console.render_lines(self._claim_renderable(view), options, pad=False))
        self._width, self._lines, self._starts = width, lines, starts

    @property
    def is_laid_out(self) -> bool:
        return self._width > 0

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        self._layout(width)
        return len(self._lines)

    def claim_span(self, index: int) -> tuple[int, int]:
        """(first line, line count) of claim `index` within this cell."""
        start = self._starts[index]
        end = self._starts[index + 1] - GAP if index + 1 < len(self._starts) else len(self._lines)
        return start, end - start

    def index_at(self, y: int) -> int | None:
        """Which claim is drawn on line `y` (None for the gap between claims)."""
        for index in range(len(self._starts)):
            start, height = self.claim_span(index)
            if start <= y < start + height:
                return index
        return None

    # -- drawing --------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        self._layout(width)
        if y >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        selected = self.selected is not None and self._in_claim(y, self.selected)
        base = self.rich_style
        mark_style = base + self.get_component_rich_style("claim-cell--mark")
        mark = Segment(f"{MARK} " if selected else "  ", mark_style if selected else base)
        strip = Strip([mark, *Segment.apply_style(self._lines[y], base)])
        return strip.adjust_cell_length(width, base)

    def _in_claim(self, y: int, index: int) -> bool:
        start, height = self.claim_span(index)
        return start <= y < start + height

    def select(self, index: int | None) -> None:
        """Move the bar, repainting only the bar column of the claims it leaves and enters."""
        previous, self.selected = self.selected, index
        if not self.is_laid_out:  # it will be drawn whole anyway
            self.refresh()
            return
        for changed in {previous, index} - {None}:
            start, height = self.claim_span(changed)  # type: ignore[arg-type]
            self.refresh(Region(0, start, 4, height))  # padding and the bar column

    def on_click(self, event) -> None:
        index = self.index_at(event.y)
        if index is not None:
            self.post_message(self.Clicked(self, index))
