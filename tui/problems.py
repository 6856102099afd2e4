"""Problems: every error is a value with a place, printed as one line at the edge (CLI or app)."""

from __future__ import annotations

from dataclasses import dataclass


class PolicyError(Exception):
    """The project's own error type: raised by `load_policy_text` when a document cannot load."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one file, with the most precise place we know (line/col or field)."""

    path: str
    message: str
    line: int | None = None
    col: int | None = None
    field: str | None = None
    claim_id: str | None = None

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.path}:{self.line}:{self.col or 1}: {self.message}"
        if self.field:
            return f"{self.path}: {self.field}: {self.message}"
        return f"{self.path}: {self.message}"
