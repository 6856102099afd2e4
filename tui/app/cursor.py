"""The terminal cursor follows the selection, because screen readers and braille displays do.

BRLTTY moves its braille window to the cursor, and Orca and NVDA read the line it is on (and
magnifiers follow it). Textual hides the cursor and leaves it where the last text input put it,
so none of them could find the selected claim, race or candidate. Here, before every frame is
written, the cursor is put on the words of what is selected: each screen says where
(`cursor_offset`), and Textual's public `App.cursor_position`, which it writes after every
frame, carries it to the terminal. The cursor stays hidden: sighted voters see the bar and the
highlight as before, and the terminal still reports where it is.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from rich.cells import cell_len
from textual.css.query import NoMatches
from textual.geometry import Offset
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input


@runtime_checkable
class PlacesCursor(Protocol):
    """A screen that knows where its selection is."""

    def cursor_offset(self) -> Offset | None: ...


def start_of(widget: Widget) -> Offset | None:
    """The top-left cell of a widget's content on screen; None while it is not shown."""
    region = widget.content_region
    if not widget.display or not region.area:
        return None
    return region.offset


def caret(field: Input) -> Offset:
    """Where the next letter typed goes. Input's own `cursor_screen_offset` is a cell past the
    end of what was typed, so a screen reader or braille display showed a blank there."""
    x, y = field.content_region.offset
    return Offset(x + cell_len(field.value[: field.cursor_position]) - field.scroll_offset.x, y)


def notice_offset(screen: Screen) -> Offset | None:
    """The start of the newest notice (toast) on `screen`, if one is shown."""
    toasts = screen.query("Toast")
    return start_of(toasts.last()) if toasts else None


def cursor_for(screen: Screen) -> Offset | None:
    """Where the cursor goes on `screen`; on one that is not ours (Textual's command palette),
    at its focused input's caret."""
    if not isinstance(screen, PlacesCursor):
        focused = screen.focused
        return caret(focused) if isinstance(focused, Input) else None
    try:
        return screen.cursor_offset()
    except NoMatches:  # between a screen's widgets going and coming back (a recompose)
        return None
