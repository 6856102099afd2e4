"""The footer: the keys of the screen, from the command registry, Help and Quit always first.

One line drawn as one Text: cheaper than Textual's Footer (a widget per key, recomposed after
every binding change) and it never cuts an entry in half: entries that do not fit are left out
whole, from the end of the registry's footer order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.events import Click
from textual.widget import Widget

from ..commands import Command, FooterEntry, footer_entries

GAP = "  "


class KeyBar(Widget):
    """`available(command)` says whether a command can act now; others are left out."""

    COMPONENT_CLASSES = {"key-bar--key"}

    def __init__(
        self,
        commands: Sequence[Command],
        available: Callable[[Command], bool],
        count: int = 9,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.commands = tuple(commands)
        self.available = available
        self.count = count
        self._spans: list[tuple[int, int, FooterEntry]] = []

    def entries(self) -> list[FooterEntry]:
        usable = [c for c in self.commands if self.available(c)]
        return footer_entries(usable, self.count)

    def render(self) -> Text:
        width = self.size.width or 80
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        text = Text(no_wrap=True, overflow="crop", end="")
        spans = []
        for number, entry in enumerate(self.entries()):
            piece = len(entry.keys) + 1 + len(entry.label)
            start = len(text) + (len(GAP) if number else 0)
            if start + piece > width and number >= 2:  # Help and Quit stay, whatever the width
                break
            if number:
                text.append(GAP)
            text.append(entry.keys, style=key_style)
            text.append(" " + entry.label)
            spans.append((start, start + piece, entry))
        self._spans = spans
        return text

    async def on_click(self, event: Click) -> None:
        for start, end, entry in self._spans:
            if start <= event.x < end and len(entry.commands) == 1:
                command = entry.commands[0]
                action = f"{command.action}(1)" if command.numbered else command.action
                await self.screen.run_action(action)
                return
