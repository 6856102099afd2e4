"""A list drawn one line at a time (Textual's Line API): only the rows on screen are made.

The race picker holds 650 races and the overview a race's every candidate; each frame asks for
the 20-40 lines in view, never the rest, so a key costs the same with ten rows or ten thousand.
Lines are cached by (row, width, highlighted) and the cache is dropped when the rows change.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.events import Click
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

RowText = Callable[[int, int], Text]  # (row, width) -> the row's one line, as plain Text
HeaderText = Callable[[int], Text]  # width -> the header line


class LineList(ScrollView, can_focus=False):
    """`count` rows, each made by `row_text` only when it is on screen; a cursor row or none.

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
        self, count: int, row_text: RowText, header: HeaderText | None = None, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self.row_text = row_text
        self.header = header  # a first line that stays put: column titles, same width as rows
        self.top = 1 if header else 0
        self.count = count
        self.cursor: int | None = None  # nothing highlighted until the voter moves
        self.words_at = 0  # the column where a row's words start (after a mark, a margin)
        self._cache: dict[tuple[int, int, bool], Strip] = {}
        self.virtual_size = Size(0, count + self.top)

    def reset(self, count: int, row_text: RowText | None = None) -> None:
        """New rows (a new filter): back to the top, no cursor unless one is set after."""
        self.count = count
        if row_text is not None:
            self.row_text = row_text
        self._cache.clear()
        self.cursor = None if self.cursor is None else (0 if count else None)
        self.virtual_size = Size(0, count + self.top)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def redraw_row(self, row: int) -> None:
        """Row `row` changed (a pick): drop its cached lines and repaint that line alone."""
        for key in [k for k in self._cache if k[0] == row]:
            del self._cache[key]
        self.refresh(Region(0, self.top + row - round(self.scroll_y), self.size.width, 1))

    def move_cursor(self, row: int | None) -> None:
        """Move the highlight, repainting only the two lines it leaves and reaches."""
        if row is not None:
            row = max(0, min(self.count - 1, row)) if self.count else None
        old, self.cursor = self.cursor, row
        top = round(self.scroll_y)
        for changed in (old, row):
            if changed is not None:
                self.refresh(Region(0, self.top + changed - top, self.size.width, 1))
        if row is not None:
            height = self.scrollable_content_region.height - self.top
            if row < top:
                self.scroll_to(y=row, animate=False, immediate=True)
            elif row >= top + height:
                self.scroll_to(y=row - height + 1, animate=False, immediate=True)

    def cursor_offset(self) -> Offset | None:
        """Where the highlighted row's words start on screen, for the terminal cursor; None
        with no row highlighted or the row out of view."""
        if self.cursor is None:
            return None
        view = self.scrollable_content_region
        line = self.top + self.cursor - round(self.scroll_y)
        if not self.top <= line < view.height:
            return None
        return Offset(view.x + min(self.words_at, max(view.width - 1, 0)), view.y + line)

    def jump(self, where: str) -> None:
        """Page keys ("page_up", "page_down", "home", "end") move the highlight, and the view
        with it: had they moved the view alone, Enter and Space acted on a line out of sight."""
        if not self.count:
            return
        page = max(1, self.scrollable_content_region.height - self.top - 1)
        cursor = self.cursor or 0
        targets = {"home": 0, "end": self.count - 1}
        targets |= {"page_up": cursor - page, "page_down": cursor + page}
        self.move_cursor(targets[where])

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if self.header is not None and y == 0:
            return self._strip(self.header(width), width, None)
        row = y - self.top + round(self.scroll_y)
        if row >= self.count or width <= 0:
            return Strip.blank(width, self.rich_style)
        highlighted = row == self.cursor
        key = (row, width, highlighted)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._make(row, width, highlighted)
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[key] = strip
        return strip

    def _make(self, row: int, width: int, highlighted: bool) -> Strip:
        cursor = self.get_component_rich_style("line-list--cursor") if highlighted else None
        return self._strip(self.row_text(row, width), width, cursor)

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
        row = event.y - self.top + round(self.scroll_y)
        if 0 <= row < self.count:
            self.post_message(self.Chosen(self, row))
