"""Claim drafts as TOML: printed as they are, or appended to a policy file commented out.

Appended drafts are comments until the author uncomments them ("# " off each line), so a file
that passed `check` still passes, and nothing already in it is touched: the drafts are added at
its end in one write, never by rewriting the file. Notes for the author are "## " lines, which
stay comments when a draft is uncommented.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from ...policy.model import NOT_STATED
from ...policy.sanitize import safe_line
from ...policy.scaffold import toml_string
from .context import DraftRefused, PolicyContext
from .drafting import Drafted


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_string(item) for item in value) + "]"
    return toml_string(str(value))


def _table(
    header: str, fields: dict[str, Any], comments: dict[str, str] | None = None
) -> list[str]:
    said = comments or {}
    return [
        header,
        *(
            f"{key} = {_value(value)}" + (f"  # {safe_line(said[key])}" if key in said else "")
            for key, value in fields.items()
        ),
    ]


def render(drafted: Drafted, *, commented: bool) -> str:
    """The drafts (and the [[sources]] table they need, if the policy lacks it) as TOML."""
    note = "## " if commented else "# "
    code = "# " if commented else ""
    count = len(drafted.drafts)
    lines = [
        f"{note}--- {count} claim draft{'s' * (count != 1)} by `hustings claims` from "
        f"{drafted.archive} ({_dated(drafted.header.date)}) ---",
        f'{note}Confirm or delete each. Fields the words do not carry are "not stated": fill '
        "them only from the article.",
    ]
    if commented:
        lines.append(
            f'{note}To use a draft, delete the "# " at the start of each of its lines (notes '
            "like this one stay comments), then run: hustings check"
        )
    blocks: list[list[str]] = []
    if drafted.source is not None:
        block = [f"{note}{safe_line(text)}" for text in drafted.source_notes]
        block += _table("[[sources]]", drafted.source)
        blocks.append(block)
    for draft in drafted.drafts:
        block = [f"{note}{safe_line(text)}" for text in draft.notes]
        block += _table("[[claims]]", draft.fields, draft.comments)
        if draft.table:
            block += ["", *_table(f"[claims.{draft.table}]", draft.figure_fields)]
            if draft.words:
                block += ["", *_table(f"[claims.{draft.table}.words]", draft.words)]
        blocks.append(block)
    out = [*lines]
    for block in blocks:
        out.append("")
        out += [line if line.startswith(note) else (code + line).rstrip() for line in block]
    return "\n".join(out) + "\n"


def append_drafts(context: PolicyContext, text: str) -> None:
    """Add `text` at the end of the policy file in one write; refuse if it is not a regular
    file or changed since it was read (its ids and quotes were read to make the drafts)."""
    path: Path = context.path
    shown = safe_line(str(path))
    before = context.text.encode("utf-8")
    flags = os.O_WRONLY | os.O_APPEND | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise DraftRefused(f"{shown}: cannot write ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DraftRefused(f"{shown}: not a regular file")
        if info.st_size not in (len(before), len(before) + 3):  # + 3: a byte order mark
            raise DraftRefused(f"{shown}: changed while the drafts were made; run again")
        data = ("" if context.text.endswith("\n") or not context.text else "\n") + "\n" + text
        payload = data.encode("utf-8")
        while payload:
            written = os.write(fd, payload)
            payload = payload[written:]
    except OSError as exc:
        raise DraftRefused(f"{shown}: cannot write ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def _dated(date: str) -> str:
    """What the archive's header says of the date, in words: "dated 2024-03-27 in its
    header", or "its header gives no date"."""
    return "its header gives no date" if date == NOT_STATED else f"dated {date} in its header"
