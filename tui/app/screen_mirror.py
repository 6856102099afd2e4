"""What the terminal shows, line by line, so that a frame sends only the lines that change.

Textual repaints more than changes. A new screen is drawn when it opens and again a timer tick
later, when its widgets answer their first size: the same cells, a whole screen of bytes, and
on a race's overview the key's last byte came 25 ms after the screen was complete. Switching
between the overview and the panes repaints a title and a footer that did not change.

The mirror keeps, for each line, the cells last written to all of it (as a Strip). A line a frame
would write with the same cells is left out; a frame with nothing left is not sent at all.
A piece of a line already known is compared with the cells under it, and written into it.
What it cannot know it does not guess: part of a line never written whole stays unknown (and
is always written), and everything is forgotten when the size changes or the app resumes after
a suspend, when the terminal may show anything.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.geometry import Offset, Size
from textual.strip import Strip

from .terminal_output import Piece


class ScreenMirror:
    """The terminal's lines as last written; `changes` filters a frame against them."""

    def __init__(self) -> None:
        self._lines: dict[int, Strip] = {}
        self._size: Size | None = None
        self._cursor: Offset | None = None

    def forget(self) -> None:
        """The terminal may show anything now: the next frame writes every line it has."""
        self._lines.clear()
        self._cursor = None

    def changes(self, pieces: Iterable[Piece], size: Size, cursor: Offset) -> list[Piece] | None:
        """The pieces that change what the terminal shows, now recorded as written; None when
        nothing would change (not a cell, not the cursor), so the frame need not be sent."""
        if size != self._size:
            self.forget()
            self._size = size
        by_line: dict[int, list[Piece]] = {}
        for piece in pieces:
            by_line.setdefault(piece[1], []).append(piece)
        changed: list[Piece] = []
        for y, line_pieces in by_line.items():
            whole = _whole_line(line_pieces, size.width)
            if whole is not None:
                if self._lines.get(y) != whole:
                    self._lines[y] = whole
                    changed.extend(line_pieces)
            elif y in self._lines:
                changed.extend(self._patch(y, line_pieces, size.width))
            else:
                changed.extend(line_pieces)  # part of a line not known: it stays unknown
        if not changed and cursor == self._cursor:
            return None
        self._cursor = cursor
        return changed

    def _patch(self, y: int, pieces: list[Piece], width: int) -> list[Piece]:
        """Pieces of a known line: those that change its cells, now written into it."""
        line = self._lines[y]
        changed = []
        for piece in pieces:
            x, _, strip = piece
            end = x + strip.cell_length
            if line.crop(x, end).simplify() == strip.simplify():
                continue
            line = Strip.join([line.crop(0, x), strip, line.crop(end, width)])
            changed.append(piece)
        if line.cell_length == width:
            self._lines[y] = line.simplify()
        else:  # a piece past the edge: do not guess what the terminal made of it
            del self._lines[y]
        return changed


def _whole_line(pieces: list[Piece], width: int) -> Strip | None:
    """The line's cells if the pieces cover it from edge to edge, one after another (as a
    full repaint writes it), simplified so that the same cells compare equal however Textual
    split them into segments; else None."""
    pieces = sorted(pieces, key=lambda piece: piece[0])
    edge = 0
    for x, _, strip in pieces:
        if x != edge:
            return None
        edge += strip.cell_length
    if edge != width:
        return None
    return Strip.join(strip for _, _, strip in pieces).simplify()
