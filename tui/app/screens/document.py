"""A screen that shows one document and goes back: the shape of trace, help and problems."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Offset
from textual.widgets import Static

from ..commands import DOCUMENT
from ..cursor import start_of
from ..widgets.key_bar import KeyBar
from .base import HustingsScreen


class DocumentScreen(HustingsScreen):
    """A title, a scrolling document, the keys; Escape goes back."""

    CONTEXT = DOCUMENT
    BODY_ID = "document"

    def __init__(self, title: str) -> None:
        super().__init__()
        self.document_title = title

    def document(self) -> ComposeResult:
        """The widgets of the document itself."""
        yield from ()

    def compose(self) -> ComposeResult:
        self.set_size_class()
        yield self.too_small_message()
        yield Static(Text(self.document_title, style="bold"), id="title")
        with VerticalScroll(id=f"{self.BODY_ID}-body", classes="document-body"):
            yield from self.document()
        yield KeyBar(self.commands, self.command_available, self.most_panes, id="keys")

    def on_mount(self) -> None:
        self.query_one(".document-body").focus()  # the arrows scroll it

    def selection_offset(self) -> Offset | None:
        """The document's first line in view: its heading when opened (a trace's candidate and
        topic, help's 'Keys'), and wherever the page keys scroll it."""
        return start_of(self.query_one(".document-body"))

    def action_scroll_body(self, where: str) -> None:
        body = self.query_one(".document-body", VerticalScroll)
        getattr(body, f"scroll_{where}")(animate=False)
