"""Choose which topic rows to see."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, SelectionList, Static

from ...compare import ROWS


class TopicFilterScreen(ModalScreen[frozenset[str] | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "done", "Apply", priority=True),
    ]

    def __init__(self, chosen: frozenset[str]) -> None:
        super().__init__()
        self.chosen = chosen

    def compose(self) -> ComposeResult:
        with Vertical(id="topics-dialog"):
            yield Static("Topics to show (space to tick, enter to apply)", id="topics-title")
            yield SelectionList[str](
                *((row.label, row.key, row.key in self.chosen) for row in ROWS), id="topics"
            )
        yield Footer()

    def action_done(self) -> None:
        selected = frozenset(self.query_one(SelectionList).selected)
        self.dismiss(selected or self.chosen)  # at least one topic stays

    def action_cancel(self) -> None:
        self.dismiss(None)
