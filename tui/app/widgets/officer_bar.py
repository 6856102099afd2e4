"""Officer numbers as bars, drawn to a scale shared only by figures of the same scope."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text


class OfficerBar:
    """A Rich renderable: a bar as wide as the number's share of its scale, and the scale."""

    def __init__(self, number: int, scale_max: int, scope: str) -> None:
        self.number, self.scale_max, self.scope = number, max(scale_max, 1), scope

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width, 4)
        filled = max(1, round(width * self.number / self.scale_max))
        yield Segment("█" * filled + "░" * (width - filled), Style())
        yield Segment.line()
        yield Text(f"scale: {self.scope} figures, 0-{self.scale_max:,}", style="dim")
