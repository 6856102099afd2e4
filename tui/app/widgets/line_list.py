"""A list drawn one line at a time (Textual's Line API): only the rows on screen are made.

The race picker holds 650 races and the overview a race's every candidate; each frame asks for
the 20-40 lines in view, never the rest, so a key costs the same with ten rows or ten thousand.
Lines are cached by (row, line of it, width, highlighted) and dropped when the rows change.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.events import Click, Resize
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...output.claim_text import wrap_hanging

RowText = Callable[[int, int], Text]  # (row, width) -> the row's words, as plain Text
HeaderText = Callable[[int], Text]  # width -> the header line


class LineList(ScrollView, can_focus=False):
    """`count` rows, each made by `row_text` only when it is on screen; a cursor row or none.

    With `wrap`, a row takes as many lines as its words need at the width (a line of words for
    a screen reader, or a candidate's topics stacked on a phone), never cut: then every row is
    made once per width, to know where each starts, so wrap only short lists (an overview's
    candidates, not the picker's 650 races).

    Not focusable: its keys belong to the screen (the command registry), like the comparison's.
    """

    COMPONENT_CLASSES = {"line-list--cursor"}

    class Chosen(Message):
        """A row was clicked."""

        def __init__(self, source: LineList, row: int) -> None:
            super().__init__()
            self.source = source
            self.row = row

        @property
        def control(self) -> LineList:
            return self.source

    def __init__(
        self,
        count: int,
        row_text: RowText,
        header: HeaderText | None = None,
        wrap: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.row_text = row_text
        self.header = header  # a first line that stays put: column titles, same width as rows
        self.top = 1 if header else 0
        self.count = count
        self.wrap = wrap
        self.cursor: int | None = None  # nothing highlighted until the voter moves
        self.words_at = 0  # the column where a row's words start (after a mark, a margin)
        self._cache: dict[tuple[int, int, int, bool], Strip] = {}  # (row, part, width, cursor)
        self._wrapped: tuple[int, list[list[Text]], list[int]] | None = None  # width, lines, starts
        self.virtual_size = Size(0, count + self.top)

    def reset(self, count: int, row_text: RowText | None = None) -> None:
        """New rows (a new filter): back to the top, no cursor unless one is set after."""
        self.count = count
        if row_text is not None:
            self.row_text = row_text
        self.cursor = None if self.cursor is None else (0 if count else None)
        self.redraw()
        self.scroll_to(y=0, animate=False, immediate=True)

    def redraw(self) -> None:
        """Every row may have changed: make them again."""
        self._cache.clear()
        self._wrapped = None
        self._set_height()
        self.refresh()

    def redraw_row(self, row: int) -> None:
        """Row `row` changed (a pick): drop its cached lines and repaint its lines alone (all,
        when wrapped: its words may now take another number of lines)."""
        if self.wrap:
            self.redraw()
            return
        for key in [k for k in self._cache if k[0] == row]:
            del self._cache[key]
        self.refresh(Region(0, self.top + row - round(self.scroll_y), self.size.width, 1))

    # -- where rows are: one line each, or as many as their words take when wrapped -----------

    def _width(self) -> int:
        return self.scrollable_content_region.width

    def _layout(self) -> tuple[list[list[Text]], list[int]] | None:
        """Wrapped: each row's lines and the line each row starts on (and one past the end)."""
        width = self._width()
        if not self.wrap or width <= 0:
            return None
        if self._wrapped is None or self._wrapped[0] != width:
            console = self.app.console
            lines = [
                _wrapped(self.row_text(row, width), console, width, self.words_at)
                for row in range(self.count)
            ]
            starts = [0]
            for row_lines in lines:
                starts.append(starts[-1] + len(row_lines))
            self._wrapped = (width, lines, starts)
            self._cache.clear()
        return self._wrapped[1], self._wrapped[2]

    def _set_height(self) -> None:
        layout = self._layout()
        height = layout[1][-1] if layout is not None else self.count
        if self.virtual_size.height != height + self.top:
            self.virtual_size = Size(0, height + self.top)

    def _span(self, row: int) -> tuple[int, int]:
        """(first line, line count) of `row`, lines counted below the header."""
        layout = self._layout()
        if layout is None:
            return row, 1
        starts = layout[1]
        return starts[row], starts[row + 1] - starts[row]

    def _at(self, line: int) -> tuple[int, int] | None:
        """(row, its line) drawn on `line` below the header; None past the last row."""
        layout = self._layout()
        if layout is None:
            return (line, 0) if 0 <= line < self.count else None
        starts = layout[1]
        if not 0 <= line < starts[-1]:
            return None
        row = bisect_right(starts, line) - 1
        return row, line - starts[row]

    def on_resize(self, event: Resize) -> None:
        self._set_height()

    # -- the cursor ---------------------------------------------------------------------------

    def move_cursor(self, row: int | None) -> None:
        """Move the highlight, repainting only the lines it leaves and reaches, and bring its
        row into view (its first line, when it is taller than the view)."""
        if row is not None:
            row = max(0, min(self.count - 1, row)) if self.count else None
        old, self.cursor = self.cursor, row
        top = round(self.scroll_y)
        for changed in (old, row):
            if changed is not None:
                first, lines = self._span(changed)
                self.refresh(Region(0, self.top + first - top, self.size.width, lines))
        if row is not None:
            height = max(1, self.scrollable_content_region.height - self.top)
            first, lines = self._span(row)
            if first < top or lines > height:
                self.scroll_to(y=first, animate=False, immediate=True)
            elif first + lines > top + height:
                self.scroll_to(y=first + lines - height, animate=False, immediate=True)

    def cursor_offset(self) -> Offset | None:
        """Where the highlighted row's words start on screen, for the terminal cursor; None
        with no row highlighted or the row out of view."""
        if self.cursor is None:
            return None
        view = self.scrollable_content_region
        line = self.top + self._span(self.cursor)[0] - round(self.scroll_y)
        if not self.top <= line < view.height:
            return None
        return Offset(view.x + min(self.words_at, max(view.width - 1, 0)), view.y + line)

    def jump(self, where: str) -> None:
        """Page keys ("page_up", "page_down", "home", "end") move the highlight, and the view
        with it: had they moved the view alone, Enter and Space acted on a line out of sight."""
        if not self.count:
            return
        if where in ("home", "end"):
            self.move_cursor(0 if where == "home" else self.count - 1)
            return
        page = max(1, self.scrollable_content_region.height - self.top - 1)
        first = self._span(self.cursor or 0)[0]
        line = first + page if where == "page_down" else first - page
        found = self._at(max(0, line))
        self.move_cursor(found[0] if found is not None else self.count - 1)

    # -- drawing ------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self._width()
        if self.header is not None and y == 0:
            return self._strip(self.header(width), width, None)
        found = self._at(y - self.top + round(self.scroll_y))
        if found is None or width <= 0:
            return Strip.blank(width, self.rich_style)
        row, part = found
        highlighted = row == self.cursor
        key = (row, part, width, highlighted)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._make(row, part, width, highlighted)
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[key] = strip
        return strip

    def _make(self, row: int, part: int, width: int, highlighted: bool) -> Strip:
        cursor = self.get_component_rich_style("line-list--cursor") if highlighted else None
        layout = self._layout()
        text = layout[0][row][part] if layout is not None else self.row_text(row, width)
        return self._strip(text, width, cursor)

    def _strip(self, text: Text, width: int, cursor: Style | None) -> Strip:
        text.no_wrap = True
        text.overflow = "ellipsis"
        text.truncate(width, overflow="ellipsis", pad=True)
        base = self.rich_style
        segments = []
        for segment in text.render(self.app.console):
            if segment.text == "\n":
                continue
            style = base + segment.style if segment.style else base
            segments.append(Segment(segment.text, style + cursor if cursor else style))
        return Strip(segments).crop_extend(0, width, base)

    def on_click(self, event: Click) -> None:
        found = self._at(event.y - self.top + round(self.scroll_y))
        if found is not None:
            self.post_message(self.Chosen(self, found[0]))


def _wrapped(text: Text, console: Console, width: int, hang: int) -> list[Text]:
    """A row's words as lines of `width`: at its own line breaks, then where they must wrap.
    A line that starts with spaces keeps them on the lines it wraps to; one that does not hangs
    its wrapped lines under its words (past the first `hang` cells: a mark, a margin)."""
    lines: list[Text] = []
    for part in text.split("\n"):
        if part.plain.startswith(" ") or not 0 < hang < width // 2:
            lines.extend(wrap_hanging(part, console, width))
            continue
        wrapped = part[hang:].wrap(console, width - hang)
        lines.extend(
            (part[:hang] if number == 0 else Text(" " * hang)) + line
            for number, line in enumerate(wrapped)
        )
    return lines
