"""The command palette's entries: the registry's commands by name, and one per candidate.

A candidate's name is data: it is shown as plain Content, never parsed as markup (a name such as
`[link=http://x]Evil[/link]` must read as written, and must not break the palette). Only what
exists is offered: Hide for each candidate shown and Show for each hidden one (while a pane
more fits), commands that can act now.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from ..policy.sanitize import safe_line
from .commands import key_label
from .state import room_for_another

if TYPE_CHECKING:
    from .screens.comparison import ComparisonScreen


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
            yield from _pane_entries(screen)
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


def _pane_entries(screen: ComparisonScreen) -> Iterator[tuple[str, str, Callable]]:
    """Hide each candidate shown, by name and by its key (its place from the left, as the
    number keys count); then Show each hidden one, while there is room for another pane."""
    state = screen.state
    keys = next((c.keys for c in screen.commands if c.id == "toggle-candidate"), ())
    names = {p.id: safe_line(p.name) for p in screen.comparison.policies}
    last = len(state.visible) == 1
    for number, pid in enumerate(state.visible, start=1):
        if last:
            break  # the last pane stays
        key = f"key {key_label(keys[number - 1])}" if number <= len(keys) else "no key"
        where = f"pane {number} from the left"
        yield (f"Hide {names[pid]}", f"Hide this candidate's pane ({where}: {key})",
               partial(screen.hide_candidate, pid))  # fmt: skip
    if not room_for_another(state):
        return
    for pid in (pid for pid in state.order if pid in state.hidden):
        yield (f"Show {names[pid]}", "Show this candidate's pane again, in its place",
               partial(screen.show_candidate, pid))  # fmt: skip


def _highlight(matcher, name: str) -> Content:
    """The name as plain text with the matched letters marked (Textual's own would parse it)."""
    content = Content(name)
    _, offsets = matcher.fuzzy_search.match(matcher.query, name)
    for offset in offsets:
        if not name[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
