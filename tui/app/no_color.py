"""NO_COLOR without losing the cursor: the highlighted line drawn in reverse video.

Textual's NoColor filter drops every colour, and with it the block cursor, which is only a
background: the command palette's highlighted command and the Topics dialog's row were drawn
exactly like the others (the bytes were identical after ↓). Reverse video is not colour, so
NO_COLOR allows it; and Textual's CSS cannot ask for it there (an OptionList's highlight style
keeps bold, italic and underline from `text-style`, but drops `reverse`).
"""

from __future__ import annotations

from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import NoColor

REVERSE = Style(reverse=True)


class NoColorKeepingCursor(NoColor):
    """NoColor, except that text on the block cursor's background is reversed."""

    def __init__(self, cursor_backgrounds: frozenset[RichColor]) -> None:
        super().__init__()
        self.cursor_backgrounds = cursor_backgrounds

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        plain = self.DEFAULT_COLORS
        cursors = self.cursor_backgrounds
        return [
            Segment(
                text,
                None
                if style is None
                else style + plain + REVERSE
                if style.bgcolor in cursors
                else style + plain,
                control,
            )
            for text, style, control in segments
        ]


def cursor_backgrounds(variables: dict[str, str]) -> frozenset[RichColor]:
    """The theme's block cursor backgrounds (focused, and blurred where it differs from the
    screen's), as the colours segments carry."""
    found = set()
    for name in ("block-cursor-background", "block-cursor-blurred-background"):
        value = variables.get(name)
        if not value:
            continue
        color = Color.parse(value)
        if color.a and value not in (variables.get("background"), "ansi_default"):
            found.add(color.rich_color)
    return frozenset(found)
