"""A claim in a pane: focusable, and Enter or a click opens where it came from."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from ...compare import ClaimView
from ...output.claim_text import attribution_lines, flag_lines, headline_lines
from .officer_bar import OfficerBar


class ClaimMark(Widget, can_focus=True):
    """The one-column bar beside a claim; it is what takes the focus when a claim is selected.

    Textual repaints whichever widget gains or loses focus. Making this thin mark the focus
    target means moving the selection repaints two one-column strips, not two whole claims
    (over SSH: hundreds of bytes per key instead of kilobytes). It draws a glyph, not just a
    colour, so the selection still shows with NO_COLOR.
    """

    BINDINGS = [Binding("enter", "open", "Trace", tooltip="Open the quote and its source")]

    @property
    def card(self) -> ClaimCard:
        return self.parent  # type: ignore[return-value]

    def render(self) -> str:
        glyph = "▌" if self.has_focus else " "
        return "\n".join(glyph * self.size.height)

    def action_open(self) -> None:
        self.card.action_open()


class ClaimCard(Horizontal):
    """One claim: figure, what it counts, optional bar, flags, then who said it."""

    class Opened(Message):
        def __init__(self, view: ClaimView) -> None:
            self.view = view
            super().__init__()

    def __init__(self, view: ClaimView, bar: OfficerBar | None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.view = view
        self.bar = bar

    def compose(self) -> ComposeResult:
        yield ClaimMark(classes="mark")
        yield Static(self._renderable(), classes="claim-body")

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

    @property
    def mark(self) -> ClaimMark:
        return self.query_one(ClaimMark)

    def focus(self, scroll_visible: bool = True) -> ClaimCard:
        self.mark.focus(scroll_visible=scroll_visible)
        return self

    @property
    def is_selected(self) -> bool:
        return self.mark.has_focus

    def action_open(self) -> None:
        self.post_message(self.Opened(self.view))

    def on_click(self) -> None:
        self.mark.focus(scroll_visible=False)
        self.action_open()


class EmptyCell(Static):
    """Said plainly, the same for everyone: nothing on this topic in the sources we hold."""

    def __init__(self, **kwargs) -> None:
        super().__init__(Text("nothing in the archived sources", style="italic"), **kwargs)
