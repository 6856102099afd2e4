"""Checks of one file beyond the schema: ids, unsafe text, topics, archives, quotes and figures.

A policy that passes these (and the checks across files in relations.py) can be compared: every
quote has been found, verbatim, in the archived article it cites, inside the policy's folder, and
every figure is the one those words state.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec

from ..policy.files import FileRefused, read_regular_file
from ..policy.model import Claim, Policy
from ..policy.policy_set import FieldProof
from ..policy.problem_codes import Code
from ..policy.problems import Problem
from ..policy.sanitize import UNSAFE, describe_char, find_unsafe
from .field_proofs import (
    Namer,
    namer_for,
    naming_problems,
    prove_fields,
    scopes_of,
    speakers_by_source,
)
from .figure_proofs import check_figures
from .provenance import LINES, Archive, ArchiveFormatError
from .source_facts import listing_facts, source_facts

# A string can only hold an unsafe character if the TOML text holds it raw or spells it with an
# escape, so a scan of the text decides whether the field-by-field walk is needed at all.
_TOML_ESCAPE = re.compile(r"\\[uUbfrext]")
MAX_ARCHIVE_BYTES = 2_000_000
FieldProofs = dict[str, tuple[FieldProof, ...]]

# Which figure table each topic takes: (required, allowed). A row compares like with like, so an
# officers row needs an officer count and a funding row an amount of money.
TOPIC_FIGURES: dict[str, tuple[str | None, frozenset[str]]] = {
    "officers": ("officers", frozenset({"officers"})),
    "funding": ("money", frozenset({"money"})),
    "condition": (None, frozenset()),
    "pledge": (None, frozenset()),
    "record": (None, frozenset({"officers", "money"})),
    "criticism": (None, frozenset({"officers", "money"})),
}


def may_hold_unsafe_text(toml_text: str) -> bool:
    """Cheap screen of a whole file: False means no string in it can hold an unsafe character."""
    if "\\" in toml_text and _TOML_ESCAPE.search(toml_text):
        return True
    return UNSAFE.search(toml_text) is not None


def check_policy(
    policy: Policy,
    folder: Path,
    shown: str,
    archives: dict[Path, Archive | str] | None = None,
    toml_text: str | None = None,
) -> tuple[dict[str, str | None], dict[str, str], FieldProofs, list[Problem]]:
    """Check one valid policy.

    Returns the sentence around each claim's quote (None when not proven), the source's words
    that prove each claim's figure, how each of its other fields stands, and the problems.
    """
    problems = list(_duplicate_ids(policy, shown))
    if toml_text is None or may_hold_unsafe_text(toml_text):
        problems[:0] = _unsafe_text(policy, shown)
    problems.extend(_topic_figures(policy, shown))

    if policy.who.election is not None:
        problems.extend(_election(policy.who.election, shown))
    cache = {} if archives is None else archives
    sources: dict[str, Archive | None] = {}
    # By claim id; a source's facts by "sources[N]" and the candidate's by "[who]" (no claim
    # id holds a bracket, so the keys cannot collide).
    proofs: FieldProofs = {}
    for index, source in enumerate(policy.sources):
        read = read_archive(folder, source.archive, cache)
        if isinstance(read, str):
            field = f"sources[{index}].archive"
            problems.append(
                Problem(shown, f"{read}: {source.archive}", field=field, code=Code.ARCHIVE)
            )
            sources[source.id] = None
        else:
            sources[source.id] = read
            facts, wrong = source_facts(source, read.header)
            proofs[f"sources[{index}]"] = tuple(facts)
            problems.extend(
                Problem(shown, f.message, field=f"sources[{index}].{f.field}",
                        code=Code.FIELD_NOT_PROVEN)
                for f in [*wrong, *naming_problems(source, read)]
            )  # fmt: skip
    problems.extend(_listing(policy, folder, shown, cache, proofs))
    archive_paths = {source.id: source.archive for source in policy.sources}
    by_id = {source.id: source for source in policy.sources}
    speakers = speakers_by_source(policy.claims)
    scopes = scopes_of(policy.who.scope, policy.claims)
    namers: dict[str, Namer] = {}
    context: dict[str, str | None] = {}
    figure_words: dict[str, str] = {}
    for index, claim in enumerate(policy.claims):
        here = f"claims[{index}]"
        if claim.source not in sources:
            problems.append(
                Problem(shown, f'no source with id "{claim.source}"', field=f"{here}.source",
                        claim_id=claim.id, code=Code.BAD_REFERENCE)
            )  # fmt: skip
            context[claim.id] = None
            continue
        archive = sources[claim.source]
        if archive is None:  # its archive could not be read: already reported
            context[claim.id] = None
            continue
        where = f'its source "{claim.source}" ({archive_paths[claim.source]})'
        sentence = archive.sentence_around(claim.quote)
        context[claim.id] = sentence
        if sentence is None:
            from .quote_diagnosis import quote_problem  # imported only when a quote fails

            problems.append(
                quote_problem(shown, index, claim.id, claim.source, archive_paths[claim.source],
                              claim.quote, folder, MAX_ARCHIVE_BYTES)
            )  # fmt: skip
        if claim.figure_quote is not None and not archive.contains(claim.figure_quote):
            problems.append(
                Problem(shown, f"figure_quote not found in {where}",
                        field=f"{here}.figure_quote", claim_id=claim.id, code=Code.QUOTE_NOT_FOUND)
            )  # fmt: skip
            continue
        problems.extend(_figures(claim, here, shown, figure_words))
        if sentence is not None:
            source = by_id[claim.source]
            if claim.source not in namers:
                namers[claim.source] = namer_for(speakers.get(claim.source, set()), source)
            found, failed = prove_fields(
                claim, source, archive, namers[claim.source], figure_words.get(claim.id), scopes
            )
            proofs[claim.id] = tuple(found)
            problems.extend(
                Problem(shown, f.message, field=f"{here}.{f.field}", claim_id=claim.id,
                        code=Code.FIELD_NOT_PROVEN)
                for f in failed
            )  # fmt: skip
    return context, figure_words, proofs, problems


def _listing(
    policy: Policy,
    folder: Path,
    shown: str,
    cache: dict[Path, Archive | str],
    proofs: FieldProofs,
) -> Iterator[Problem]:
    """The candidate's name and ballot description, proven from the archived list of
    candidates its [who.listed_in] names (when it names one)."""
    listed = policy.who.listed_in
    if listed is None or listed.archive is None:
        return
    read = read_archive(folder, listed.archive, cache)
    if isinstance(read, str):
        yield Problem(shown, f"{read}: {listed.archive}", field="who.listed_in.archive",
                      code=Code.ARCHIVE)  # fmt: skip
        return
    facts, wrong = listing_facts(policy.who, listed, read.header, read.memo.get(LINES, ()))
    proofs["[who]"] = tuple(facts)
    for problem in wrong:
        yield Problem(shown, problem.message, field=f"who.{problem.field}",
                      code=Code.FIELD_NOT_PROVEN)  # fmt: skip


def _figures(claim: Claim, here: str, shown: str, proven: dict[str, str]) -> Iterator[Problem]:
    for result in check_figures(claim):
        if result.problem is None:
            proven.setdefault(claim.id, result.words or "")
        else:
            yield Problem(
                shown,
                result.problem,
                field=f"{here}.{result.field}",
                claim_id=claim.id,
                code=Code.FIGURE_NOT_PROVEN,
            )


def read_archive(folder: Path, relative: str, cache: dict[Path, Archive | str]) -> Archive | str:
    """An Archive, or a short reason it cannot be used; cached because sources are shared.

    The path must resolve, after every symbolic link, inside the policy file's folder: an
    archive that is a link to /etc/passwd must not let a quote "prove" itself from that file.
    """
    named = folder / relative
    if named in cache:  # the same path from the same folder: resolved once
        return cache[named]
    root = Path(os.path.realpath(folder))
    target = Path(os.path.realpath(named))
    if target in cache:
        cache[named] = cache[target]
        return cache[target]
    result: Archive | str
    if not target.is_relative_to(root):
        result = "archive resolves to a path outside the policy file's folder"
    else:
        try:
            data = read_regular_file(target, MAX_ARCHIVE_BYTES, follow_last_link=False)
            result = Archive.from_text(data.decode("utf-8"))
        except FileRefused as exc:
            result = f"archive {exc}"
        except UnicodeDecodeError:
            result = "archive is not UTF-8 text"
        except ArchiveFormatError as exc:
            result = str(exc)
    cache[target] = cache[named] = result
    return result


def no_claims(policy: Policy, shown: str) -> Iterator[Problem]:
    """A valid policy with no claims stands only as a candidate on a published list."""
    if not policy.claims and policy.who.listed_in is None:
        yield Problem(
            shown,
            "no claims: a policy quotes at least one archived source; a candidate the sources "
            "say nothing about names the published list of candidates in [who.listed_in]",
            field="claims",
            code=Code.EMPTY_POLICY,
        )


def _election(election: str, shown: str) -> Iterator[Problem]:
    from .elections import election_problem  # only a file that names a ballot pays for it

    problem = election_problem(election)
    if problem is not None:
        yield Problem(shown, problem, field="who.election", code=Code.ELECTION_ID)


def _topic_figures(policy: Policy, shown: str) -> Iterator[Problem]:
    for index, claim in enumerate(policy.claims):
        required, allowed = TOPIC_FIGURES[claim.topic]
        present = {name for name in ("officers", "money") if getattr(claim, name) is not None}
        wrong: list[tuple[str, str]] = []  # (the figure table, what is wrong with it)
        if required and required not in present:
            wrong.append((required, f"needs a [claims.{required}] table"))
        for name in sorted(present - allowed):
            what = "no figure table" if not allowed else f"only [claims.{next(iter(allowed))}]"
            wrong.append((name, f"takes {what}, not [claims.{name}]"))
        for table, message in wrong:
            yield Problem(shown, f'topic "{claim.topic}" {message}',
                          field=f"claims[{index}].{table}", claim_id=claim.id,
                          code=Code.TOPIC_FIGURE)  # fmt: skip


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
    for kind, ids in (
        ("claims", [claim.id for claim in policy.claims]),
        ("sources", [source.id for source in policy.sources]),
    ):
        first: dict[str, int] = {}
        for index, item_id in enumerate(ids):
            if item_id in first:
                yield Problem(
                    shown,
                    f'duplicate id "{item_id}" (first used at {kind}[{first[item_id]}])',
                    field=f"{kind}[{index}].id",
                    code=Code.DUPLICATE_ID,
                )
            else:
                first[item_id] = index
