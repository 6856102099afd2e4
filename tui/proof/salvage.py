"""All the problems of a file in one run: the checks that can still run when the schema fails.

A schema error used to stop a file before its quotes were proved, so an author fixed one problem,
ran `check`, and only then learnt of the next. Here every source and claim that is valid on its
own is checked as usual (ids, references, control characters, quotes) by building a policy of
just those, running `check_policy` on it, and giving the problems back their original indexes.
A reference to a claim or source that exists but is itself invalid is not reported again: its
own schema problem already is.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import msgspec

from ..policy.model import Claim, Id, Policy, Source, Who
from ..policy.policy_set import LoadedPolicy
from ..policy.problem_codes import Code
from ..policy.problems import Problem
from ..policy.references import node_of
from .annotate import value_at
from .checks import check_policy
from .provenance import Archive
from .relations import check_set

_INDEXED = re.compile(r"\b(claims|sources)\[(\d+)\]")
_STAND_IN = "not-checked"  # stands in for an invalid policy id or `who`; never reported


def check_valid_parts(
    document: dict[str, Any],
    folder: Path,
    shown: str,
    archives: dict[Path, Archive | str] | None = None,
    toml_text: str | None = None,
) -> list[Problem]:
    """The problems `check_policy` finds in the valid sources and claims of an invalid document."""
    sources, source_indexes = _valid(document.get("sources"), Source)
    claims, claim_indexes = _valid(document.get("claims"), Claim)
    if not sources and not claims:
        return []
    policy = Policy(
        format=1,
        id=_convert(document.get("id"), Id) or _STAND_IN,
        who=_convert(document.get("who"), Who) or Who(**_STAND_IN_WHO),
        sources=sources,
        claims=claims,
    )
    _, _, _, problems = check_policy(policy, folder, shown, archives, toml_text=toml_text)
    # References within the file; one into another file cannot be judged from a broken one.
    problems += check_set([LoadedPolicy(policy, shown)], whole_set=False)
    indexes = {"claims": claim_indexes, "sources": source_indexes}

    def original(text: str) -> str:
        return _INDEXED.sub(lambda m: f"{m[1]}[{indexes[m[1]][int(m[2])]}]", text)

    kept = []
    for problem in problems:
        field = original(problem.field) if problem.field else problem.field
        problem = replace(problem, field=field, message=original(problem.message))
        if not _about_an_invalid_item(problem, document, claims, sources):
            kept.append(problem)
    return kept


_STAND_IN_WHO: dict[str, Any] = dict.fromkeys(("name", "party", "role", "race", "scope"), _STAND_IN)


def _valid(items: Any, kind: type) -> tuple[list[Any], list[int]]:
    """The items that convert on their own, and the index each had in the file."""
    valid, indexes = [], []
    for index, item in enumerate(items if isinstance(items, list) else ()):
        converted = _convert(item, kind)
        if converted is not None:
            valid.append(converted)
            indexes.append(index)
    return valid, indexes


def _convert(value: Any, kind: Any) -> Any:
    try:
        return msgspec.convert(value, kind)
    except msgspec.ValidationError:
        return None


def _about_an_invalid_item(
    problem: Problem, document: dict[str, Any], claims: list[Claim], sources: list[Source]
) -> bool:
    """A "no such claim/source" whose target is in the file but was left out as invalid."""
    if problem.code != Code.BAD_REFERENCE or not problem.field:
        return False
    value = value_at(document, problem.field)
    if not isinstance(value, str):
        return False
    _, name = node_of(value)
    if problem.field.endswith(".source"):
        everything, checked = document.get("sources"), {s.id for s in sources}
    else:
        everything, checked = document.get("claims"), {c.id for c in claims}
    items = everything if isinstance(everything, list) else []
    listed = {item.get("id") for item in items if isinstance(item, dict)}
    return name in listed and name not in checked
