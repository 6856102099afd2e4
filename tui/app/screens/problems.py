"""Every problem found while loading, each line exactly as `hustings check` prints it."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from ...policy.problems import Problem
from ...policy.sanitize import safe
from .document import DocumentScreen


class ProblemsScreen(DocumentScreen):
    BODY_ID = "problems"

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(f"Problems ({len(problems)})" if problems else "Problems")
        self.problems = problems

    def document(self) -> ComposeResult:
        if not self.problems:
            yield Static("No problems: every file loaded, and every quote and figure was proven.")
            return
        yield Static(Text("\n".join(safe(str(p)) for p in self.problems)), id="problem-lines")
        yield Static(
            "Policies with these problems are left out or flagged; the rest are shown.",
            classes="hint",
        )
