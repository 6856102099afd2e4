"""Checks beyond the schema: ids, references, control characters and quote proofs.

A policy that passes these can be compared: every reference resolves and every quote has been
found, verbatim, in the archived article it cites.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import msgspec

from .loaded import LoadedPolicy
from .model import Claim, Policy
from .problem_codes import Code
from .problems import Problem
from .provenance import Archive
from .sanitize import UNSAFE, describe_char, find_unsafe

# A string can only hold such a character if the TOML text holds it raw or spells it with an
# escape, so one scan of the text decides whether the field-by-field walk is needed at all.
_TOML_ESCAPES = ("\\u", "\\U", "\\b", "\\f", "\\r", "\\e", "\\x", "\\t")
MAX_ARCHIVE_BYTES = 2_000_000


def may_hold_unsafe_text(toml_text: str) -> bool:
    """Cheap screen of a whole file: False means no string in it can hold a control character."""
    return any(e in toml_text for e in _TOML_ESCAPES) or UNSAFE.search(toml_text) is not None


def check_policy(
    policy: Policy,
    folder: Path,
    shown: str,
    archives: dict[Path, Archive | str] | None = None,
    toml_text: str | None = None,
) -> tuple[dict[str, str | None], list[Problem]]:
    """Check one valid policy; return the proven context of each claim and the problems."""
    problems = list(_duplicate_ids(policy, shown))
    if toml_text is None or may_hold_unsafe_text(toml_text):
        problems[:0] = _unsafe_text(policy, shown)
    problems.extend(_local_references(policy, shown))
    cache = {} if archives is None else archives
    sources: dict[str, Archive | None] = {}
    archive_paths = {source.id: source.archive for source in policy.sources}
    for index, source in enumerate(policy.sources):
        archive = _read_archive(folder / source.archive, cache)
        if isinstance(archive, str):
            field = f"sources[{index}].archive"
            problems.append(
                Problem(shown, f"{archive}: {source.archive}", field=field, code=Code.ARCHIVE)
            )
            sources[source.id] = None
        else:
            sources[source.id] = archive
    context: dict[str, str | None] = {}
    for index, claim in enumerate(policy.claims):
        archive = sources.get(claim.source)
        sentence = archive.sentence_around(claim.quote) if archive else None
        context[claim.id] = sentence
        if archive is not None and sentence is None:
            from .quote_diagnosis import quote_problem  # imported only when a quote fails

            problems.append(
                quote_problem(
                    shown,
                    index,
                    claim.id,
                    claim.source,
                    archive_paths[claim.source],
                    claim.quote,
                    folder,
                    MAX_ARCHIVE_BYTES,
                )
            )
    return context, problems


def _read_archive(path: Path, cache: dict[Path, Archive | str]) -> Archive | str:
    """An Archive, or a short reason it cannot be read; cached because sources are shared."""
    if path in cache:
        return cache[path]
    result: Archive | str
    try:
        if path.is_dir():
            result = "archive is a folder, not a file"
        elif path.stat().st_size > MAX_ARCHIVE_BYTES:
            result = "archive is larger than 2 MB"
        else:
            result = Archive.from_text(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        result = "archive file not found"
    except UnicodeDecodeError:
        result = "archive is not UTF-8 text"
    except OSError as exc:
        result = f"cannot read archive ({exc.strerror or exc})"
    cache[path] = result
    return result


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")


def _unsafe_text(policy: Policy, shown: str) -> Iterator[Problem]:
    for where, text in _strings(msgspec.to_builtins(policy), ""):
        char = find_unsafe(text)
        if char is not None:
            yield Problem(
                shown,
                f"character {describe_char(char)} is not allowed in text",
                field=where,
                code=Code.UNSAFE_CHARACTER,
            )


def _duplicate_ids(policy: Policy, shown: str) -> Iterator[Problem]:
    for kind, items in (("claims", policy.claims), ("sources", policy.sources)):
        first: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.id in first:
                yield Problem(
                    shown,
                    f'duplicate id "{item.id}" (first used at {kind}[{first[item.id]}])',
                    field=f"{kind}[{index}].id",
                    code=Code.DUPLICATE_ID,
                )
            else:
                first[item.id] = index


def _local_references(policy: Policy, shown: str) -> Iterator[Problem]:
    claims = {claim.id: claim for claim in policy.claims}
    source_ids = {source.id for source in policy.sources}
    for index, claim in enumerate(policy.claims):
        here = f"claims[{index}]"
        if claim.source not in source_ids:
            yield Problem(
                shown,
                f'no source with id "{claim.source}"',
                field=f"{here}.source",
                code=Code.BAD_REFERENCE,
            )
        for where, ref, needs in _references(claim, here):
            yield from _check_ref(policy, claims, ref, needs, shown, where)


def _references(claim: Claim, here: str) -> Iterator[tuple[str, str, str]]:
    """Each reference a claim makes: (field path, reference, what the target must be)."""
    for index, ref in enumerate(claim.conditional_on):
        yield f"{here}.conditional_on[{index}]", ref, "condition"
    if claim.part_of:
        yield f"{here}.part_of", claim.part_of, "officers" if claim.officers else "claim"
    if claim.officers and claim.officers.against:
        yield f"{here}.officers.against", claim.officers.against, "officers"
    if claim.money and claim.money.pays_for:
        yield f"{here}.money.pays_for", claim.money.pays_for, "officers"


def _check_ref(
    policy: Policy, claims: dict[str, Claim], ref: str, needs: str, shown: str, where: str
) -> Iterator[Problem]:
    owner, _, claim_id = ref.rpartition(":")
    if owner and owner != policy.id:
        return  # another file's claim: checked across the set, when that file is loaded
    target = claims.get(claim_id)
    bad = Code.BAD_REFERENCE
    if target is None:
        yield Problem(shown, f'no claim with id "{claim_id}" in this file', field=where, code=bad)
    elif needs == "condition" and target.topic != "condition":
        yield Problem(shown, f'"{claim_id}" is not a condition claim', field=where, code=bad)
    elif needs == "officers" and target.officers is None:
        yield Problem(shown, f'"{claim_id}" has no officer count', field=where, code=bad)


def check_set(loaded: Sequence[LoadedPolicy]) -> list[Problem]:
    """Checks across files: one id per policy, and references into other loaded policies."""
    problems: list[Problem] = []
    by_id: dict[str, LoadedPolicy] = {}
    for item in loaded:
        first = by_id.setdefault(item.policy.id, item)
        if first is not item:
            problems.append(
                Problem(
                    item.path,
                    f'policy id "{item.policy.id}" is also used by {first.path}',
                    field="id",
                    code=Code.DUPLICATE_POLICY_ID,
                )
            )
    for item in loaded:
        for index, claim in enumerate(item.policy.claims):
            for where, ref, needs in _references(claim, f"claims[{index}]"):
                owner, _, claim_id = ref.rpartition(":")
                if not owner or owner == item.policy.id or owner not in by_id:
                    continue
                other = by_id[owner].policy
                claims = {c.id: c for c in other.claims}
                problems.extend(_check_ref(other, claims, claim_id, needs, item.path, where))
    return problems
