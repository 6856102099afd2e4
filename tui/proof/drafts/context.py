"""What a policy file already holds, so drafts fit it: its candidate, its scope, its sources,
and the claim ids and quotes taken (commented-out drafts of an earlier run included)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import rtoml

from ...policy.files import FileRefused, read_regular_file
from ...policy.sanitize import safe_line
from ..checks import MAX_ARCHIVE_BYTES

MAX_POLICY_BYTES = 1_000_000  # as `check` reads a policy file
_COMMENTED = re.compile(r"^#\s*(?P<key>id|quote)\s*=\s*(?P<value>.+?)\s*$", re.MULTILINE)


class DraftRefused(Exception):
    """Nothing can be drafted: the one-line message says which file and why."""


@dataclass
class PolicyContext:
    path: Path
    text: str
    name: str | None = None
    role: str | None = None
    scope: str | None = None
    ids: set[str] = field(default_factory=set)
    quotes: set[str] = field(default_factory=set)
    # (source id, archive path as written) of each [[sources]] table
    sources: list[tuple[str, str]] = field(default_factory=list)
    # (source id, value, money) of each figure a claim carries, and the claim's id
    figures: dict[tuple[str, int, bool], str] = field(default_factory=dict)
    # The file as TOML reads it: its sources and claims are proven with the drafts, since a
    # draft's speaker changes whose words a quote of the same source is.
    document: dict[str, Any] = field(default_factory=dict)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def read_archive(path: Path) -> str:
    """The text of an archived article to draft from; DraftRefused saying why it cannot be read."""
    shown = safe_line(str(path))
    try:
        return read_regular_file(path, MAX_ARCHIVE_BYTES).decode("utf-8").removeprefix("\ufeff")
    except FileRefused as exc:
        raise DraftRefused(f"{shown}: {exc}") from None
    except UnicodeDecodeError:
        raise DraftRefused(f"{shown}: not UTF-8 text") from None


def read_context(path: Path) -> PolicyContext:
    shown = safe_line(str(path))
    try:
        data = read_regular_file(path, MAX_POLICY_BYTES)
    except FileRefused as exc:
        raise DraftRefused(f"{shown}: {exc}") from None
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
        document = rtoml.loads(text)
    except UnicodeDecodeError:
        raise DraftRefused(f"{shown}: not UTF-8 text") from None
    except rtoml.TomlParsingError as exc:
        first = safe_line(str(exc).splitlines()[0] if str(exc) else "not TOML")
        raise DraftRefused(f"{shown}: not valid TOML ({first}); fix it first") from None
    context = PolicyContext(path=path, text=text, document=document)
    who = document.get("who")
    if isinstance(who, dict):
        context.name, context.role = _text(who.get("name")), _text(who.get("role"))
        context.scope = _text(who.get("scope"))
    for source in document.get("sources") or []:
        if isinstance(source, dict) and _text(source.get("id")) and _text(source.get("archive")):
            context.sources.append((source["id"], source["archive"]))
    for claim in document.get("claims") or []:
        if not isinstance(claim, dict):
            continue
        claim_id = _text(claim.get("id"))
        if claim_id:
            context.ids.add(claim_id)
        if _text(claim.get("quote")):
            context.quotes.add(" ".join(claim["quote"].split()))
        for table, key, money in (("officers", "number", False), ("money", "amount", True)):
            figure = claim.get(table)
            value = figure.get(key) if isinstance(figure, dict) else None
            if isinstance(value, int) and claim_id and _text(claim.get("source")):
                context.figures.setdefault((claim["source"], value, money), claim_id)
    for match in _COMMENTED.finditer(text):  # drafts an earlier run appended, still commented
        try:
            value = rtoml.loads(f"v = {match['value']}")["v"]
        except rtoml.TomlParsingError:
            continue
        if isinstance(value, str):
            bucket = context.ids if match["key"] == "id" else context.quotes
            bucket.add(value if match["key"] == "id" else " ".join(value.split()))
    return context
