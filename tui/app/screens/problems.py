"""Every problem found while loading, each line exactly as `hustings check` prints it."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...formatting import safe
from ...problems import Problem


class ProblemsScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("q", "app.pop_screen", "Back", show=False),
    ]

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        count = len(self.problems)
        title = f"Problems ({count})" if count else "Problems"
        yield Static(Text(title, style="bold"), id="title")
        with VerticalScroll(id="problems-body"):
            if not self.problems:
                yield Static("No problems: every file loaded and every quote was found.")
            else:
                lines = "\n".join(safe(str(p)) for p in self.problems)
                yield Static(Text(lines), id="problem-lines")
                yield Static(
                    "Policies with these problems are left out or flagged; the rest are shown.",
                    classes="hint",
                )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#problems-body").focus()
