"""The one post-pass that makes a file's problems say where and why.

Problems are made deep in the validator and the checks, which know a field path but not the text.
This pass, run once per file and only when it has problems, gives each problem with a field path:
its line and column (`positions`), the id of the claim it is about (an author thinks "hire-500",
not "claims[3]"), and for a reference or archive that does not exist, the nearest that does
(`suggest`). Keeping it here, not at each place a problem is made, keeps those places simple.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import msgspec

from ..policy.policy_set import LoadedPolicy
from ..policy.problem_codes import Code
from ..policy.problems import Problem
from ..policy.references import node_of

_STEP = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")
_CLAIM = re.compile(r"^claims\[(\d+)\]")
_MAX_LISTED_ARCHIVES = 2_000  # a sources/ folder this large gets no file-name hint, not a slow one
MAX_ID_SHOWN = 80


def annotate(
    problems: Sequence[Problem], text: str, document: Any, folder: Path | None = None
) -> list[Problem]:
    """Each problem with its place in `text`, its claim id and a hint, where they can be known."""
    if not problems:
        return list(problems)
    from ..policy.positions import TomlPlaces  # only a file with problems pays for these imports

    places: TomlPlaces | None = None
    done = []
    for problem in problems:
        changes: dict[str, Any] = {}
        if problem.field and problem.line is None:
            places = places or TomlPlaces(text)
            place = places.nearest(problem.field)
            if place is not None:
                changes.update(line=place.line, col=place.col)
        if problem.field and problem.claim_id is None:
            claim_id = claim_id_of(document, problem.field)
            if claim_id is not None:
                changes["claim_id"] = claim_id
        if problem.hint is None:
            hint = _hint(problem, document, folder)
            if hint is not None:
                changes["hint"] = hint
        done.append(replace(problem, **changes) if changes else problem)
    return done


def annotate_set(
    problems: Sequence[Problem], loaded: Sequence[LoadedPolicy], read: Any
) -> list[Problem]:
    """The same for problems found across files; `read(path)` gives a file's text (or None)."""
    if not problems:
        return list(problems)
    by_path = {item.path: item for item in loaded}
    by_id = {item.policy.id: item for item in loaded}
    done = []
    for problem in problems:
        item = by_path.get(problem.path)
        text = read(problem.path) if item is not None and problem.field else None
        if item is None or text is None:
            done.append(problem)
            continue
        document = msgspec.to_builtins(item.policy)
        (placed,) = annotate([problem], text, document)
        if placed.hint is None and placed.code == Code.BAD_REFERENCE:
            owner, claim_id = node_of(str(value_at(document, problem.field or "")))
            if owner in by_id:
                ids = (claim.id for claim in by_id[owner].policy.claims)
                placed = replace(placed, hint=_hint_for_missing(claim_id, ids))
        done.append(placed)
    return done


def value_at(document: Any, field: str) -> Any:
    """The value a field path names in a parsed document, or None if there is no such value."""
    value = document
    for match in _STEP.finditer(field):
        index, key = match.groups()
        if index is not None:
            if not isinstance(value, list) or int(index) >= len(value):
                return None
            value = value[int(index)]
        else:
            if not isinstance(value, dict) or key not in value:
                return None
            value = value[key]
    return value


def claim_id_of(document: Any, field: str) -> str | None:
    """The id of the claim a field path is inside (`claims[3].quote` -> "hire-500")."""
    match = _CLAIM.match(field)
    if not match:
        return None
    claim_id = value_at(document, f"claims[{match[1]}].id")
    if isinstance(claim_id, str) and 0 < len(claim_id) <= MAX_ID_SHOWN:
        return claim_id
    return None


def _ids(items: Any) -> Iterator[str]:
    for item in items if isinstance(items, list) else ():
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            yield item["id"]


def _hint(problem: Problem, document: Any, folder: Path | None) -> str | None:
    """A nearest existing name, for a reference or archive path that names nothing."""
    if not problem.field:
        return None
    value = value_at(document, problem.field)
    if not isinstance(value, str) or not isinstance(document, dict):
        return None
    if problem.code == Code.BAD_REFERENCE:
        if problem.field.endswith(".source"):
            return _hint_for_missing(value, _ids(document.get("sources")))
        owner, claim_id = node_of(value)
        if owner and owner != document.get("id"):
            return None  # another file's claim: hinted across the set
        return _hint_for_missing(claim_id, _ids(document.get("claims")))
    if problem.code == Code.ARCHIVE and folder is not None and not (folder / value).exists():
        return _hint_for_missing(value, _archive_files(folder))
    return None


def _hint_for_missing(name: str, existing: Iterable[str]) -> str | None:
    from ..policy.suggest import did_you_mean

    names = list(existing)
    return None if name in names else did_you_mean(name, names)


def _archive_files(folder: Path) -> list[str]:
    """`sources/NAME.txt` for each archive beside the policy file (bounded: never a slow hint)."""
    found: list[str] = []
    try:
        for entry in (folder / "sources").iterdir():
            if len(found) >= _MAX_LISTED_ARCHIVES:
                return []
            if entry.suffix == ".txt":
                found.append(f"sources/{entry.name}")
    except OSError:
        return []
    return sorted(found)
