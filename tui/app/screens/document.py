"""A screen that shows one document and goes back: the shape of trace, help and problems."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static


class DocumentScreen(Screen):
    """A title, a scrolling document, a footer; Escape (or q) goes back."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("q", "app.pop_screen", "Back", show=False),
    ]
    BODY_ID = "document"

    def __init__(self, title: str) -> None:
        super().__init__()
        self.document_title = title

    def document(self) -> ComposeResult:
        """The widgets of the document itself."""
        yield from ()

    def compose(self) -> ComposeResult:
        yield Static(Text(self.document_title, style="bold"), id="title")
        with VerticalScroll(id=f"{self.BODY_ID}-body", classes="document-body"):
            yield from self.document()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(".document-body").focus()  # arrows and page keys scroll it
