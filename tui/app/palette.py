"""The command palette's entries: the registry's commands by name, and one per candidate.

A candidate's name is data: it is shown as plain Content, never parsed as markup (a name such as
`[link=http://x]Evil[/link]` must read as written, and must not break the palette). Only what
exists is offered: one show/hide entry per loaded candidate, commands that can act now.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from ..policy.sanitize import safe_line


class HustingsCommands(Provider):
    def _entries(self) -> Iterator[tuple[str, str, Callable]]:
        """(name, help, callback) for every command that can act on the screen below."""
        from .screens.base import HustingsScreen
        from .screens.comparison import ComparisonScreen

        screen = self.screen
        if not isinstance(screen, HustingsScreen):
            for system in self.app.get_system_commands(screen):
                yield (system.title, system.help, system.callback)
            return
        if isinstance(screen, ComparisonScreen):
            # The number keys (1-9) reach the first places; a race of more has places past them.
            keys = next((len(c.keys) for c in screen.commands if c.id == "toggle-candidate"), 0)
            for number, pid in enumerate(screen.state.order, start=1):
                policy = next(p for p in screen.comparison.policies if p.id == pid)
                verb = "Show" if pid in screen.state.hidden else "Hide"
                key = f"key {number}" if number <= keys else f"no key: place {number}"
                yield (
                    f"{verb} {safe_line(policy.name)}",
                    f"{verb} this candidate's pane ({key} in the current order)",
                    partial(screen.run_action, f"toggle_candidate({number})"),
                )
        for command in screen.commands:
            if command.palette and screen.command_available(command):
                yield (command.description, "", partial(screen.run_action, command.action))
        for system in self.app.get_system_commands(screen):  # Theme, Screenshot
            yield (system.title, system.help, system.callback)

    async def discover(self) -> Hits:
        for name, help_text, callback in self._entries():
            yield DiscoveryHit(Content(name), callback, text=name, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, _highlight(matcher, name), callback, name, escape(help_text))


def _highlight(matcher, name: str) -> Content:
    """The name as plain text with the matched letters marked (Textual's own would parse it)."""
    content = Content(name)
    _, offsets = matcher.fuzzy_search.match(matcher.query, name)
    for offset in offsets:
        if not name[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
