"""Problems for people and for machines: `check --format text|json|github`.

text: one safe line per problem, as `Problem.__str__` prints it.
json: a list of objects (file, line, column, field, claim, code, message, hint) for scripts.
github: workflow commands (`::error file=…,line=…,col=…::…`) that GitHub Actions shows as
annotations on the lines of a pull request.

Every string came from a file that may be hostile, so each is made one safe line (`safe_line`)
before it is formatted; GitHub's own escapes are applied on top (see `_github_data`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..policy.problems import Problem
from ..policy.sanitize import safe_line

FORMATS = ("text", "json", "github")


def render_problems(problems: Sequence[Problem], fmt: str) -> str:
    """All problems in one format, ending in a newline (json: `[]` when there are none)."""
    if fmt == "json":
        return as_json(problems)
    if fmt == "github":
        return "".join(as_github(problem) + "\n" for problem in problems)
    return "".join(f"{problem}\n" for problem in problems)


def problem_record(problem: Problem) -> dict[str, object]:
    """One problem as a JSON object; every string safe to print, absent parts null."""

    def text(value: str | None) -> str | None:
        return None if value is None else safe_line(value)

    return {
        "file": text(problem.path),
        "line": problem.line,
        "column": problem.col if problem.line is not None else None,
        "field": text(problem.field),
        "claim": text(problem.claim_id),
        "code": None if problem.code is None else str(problem.code),
        "message": text(problem.message),
        "hint": text(problem.hint),
    }


def as_json(problems: Sequence[Problem]) -> str:
    import json

    records = [problem_record(problem) for problem in problems]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def as_github(problem: Problem) -> str:
    """`::error file=F,line=L,col=C,title=hustings CODE::detail` for one problem."""
    properties = {"file": problem.path}
    if problem.line is not None:
        properties["line"] = str(problem.line)
        properties["col"] = str(problem.col or 1)
    if problem.code is not None:
        properties["title"] = f"hustings {problem.code}"
    joined = ",".join(f"{key}={_github_property(value)}" for key, value in properties.items())
    return f"::error {joined}::{_github_data(problem.detail())}"


def _github_data(text: str) -> str:
    """GitHub's escapes for a command's message: %, CR and LF (after making it one safe line)."""
    return safe_line(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    """A property value also escapes ':' and ',', which would end it."""
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")
