"""Problems: every error is a value with a place, printed as one line at the edge (CLI or app)."""

from __future__ import annotations

from dataclasses import dataclass

from .sanitize import safe_line


class PolicyError(Exception):
    """The project's own error type: raised by `load_policy_text` when a document cannot load."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one file, with the most precise place we know (line/col or field).

    `code` names the kind of problem for machines (`check --format json`); `hint` is a short
    suggestion for people ("did you mean ...?"). Every part is data from a file that may be
    hostile, so `__str__` makes the whole line safe: one line, no control characters.
    """

    path: str
    message: str
    line: int | None = None
    col: int | None = None
    field: str | None = None
    claim_id: str | None = None
    code: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        """`file:line:col: claim "id" (field): message (hint)`, parts left out when unknown."""
        where = self.path if self.line is None else f"{self.path}:{self.line}:{self.col or 1}"
        return safe_line(f"{where}: {self.detail()}")

    def detail(self) -> str:
        """The problem without its file and place: which claim or field, what, and a hint."""
        hint = f" ({self.hint})" if self.hint else ""
        if self.claim_id is not None:
            subject = f'claim "{self.claim_id}"' + (f" ({self.field})" if self.field else "")
        else:
            subject = self.field or ""
        return safe_line(f"{subject}: {self.message}{hint}" if subject else self.message + hint)
