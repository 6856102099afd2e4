"""A claim in a pane: focusable, and Enter or a click opens where it came from."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from ...compare import ClaimView
from ...output.claim_text import attribution_lines, flag_lines, headline_lines
from .officer_bar import OfficerBar


class ClaimCard(Static, can_focus=True):
    """One claim: figure, what it counts, optional bar, flags, then who said it."""

    BINDINGS = [Binding("enter", "open", "Trace", tooltip="Open the quote and its source")]

    class Opened(Message):
        def __init__(self, view: ClaimView) -> None:
            self.view = view
            super().__init__()

    def __init__(self, view: ClaimView, bar: OfficerBar | None, **kwargs) -> None:
        self.view = view
        self.bar = bar
        super().__init__(self._renderable(), **kwargs)

    def _renderable(self) -> Group:
        parts: list = [*headline_lines(self.view)]
        if self.bar is not None:
            parts.append(self.bar)
        parts.extend(flag_lines(self.view))
        parts.extend(attribution_lines(self.view))
        return Group(*parts)

    @property
    def key(self) -> tuple[str, str]:
        return (self.view.policy_id, self.view.claim.id)

    def action_open(self) -> None:
        self.post_message(self.Opened(self.view))

    def on_click(self) -> None:
        self.focus()
        self.action_open()


class EmptyCell(Static):
    """Said plainly, the same for everyone: nothing on this topic in the sources we hold."""

    def __init__(self, **kwargs) -> None:
        super().__init__(Text("nothing in the archived sources", style="italic"), **kwargs)
