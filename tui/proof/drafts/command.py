"""`hustings claims ARCHIVE [--policy FILE]`: draft the claims an archived article carries."""

from __future__ import annotations

import sys
from pathlib import Path

from ...policy.sanitize import safe_line
from ..checks import MAX_ARCHIVE_BYTES
from ..files import FileRefused, read_regular_file
from ..header import header_fields
from ..provenance import ArchiveFormatError
from ..source_facts import CANDIDATE_LIST
from .context import DraftRefused, read_context
from .drafting import draft_claims
from .toml_out import append_drafts, render

EXIT_OK, EXIT_PROBLEMS = 0, 1


def _archive_text(path: Path) -> str:
    shown = safe_line(str(path))
    try:
        return read_regular_file(path, MAX_ARCHIVE_BYTES).decode("utf-8").removeprefix("\ufeff")
    except FileRefused as exc:
        raise DraftRefused(f"{shown}: {exc}") from None
    except UnicodeDecodeError:
        raise DraftRefused(f"{shown}: not UTF-8 text") from None


def run_claims(archive: str, policy: str | None) -> int:
    """Print the drafts as TOML, or append them commented out to the policy file."""
    path = Path(archive)
    try:
        context = read_context(Path(policy)) if policy else None
        text = _archive_text(path)
        if header_fields(text).get("kind", "").casefold() == CANDIDATE_LIST:
            raise DraftRefused(
                f"{safe_line(archive)}: a list of candidates, not an article: no claim may "
                "quote it, so there is nothing to draft"
            )
        try:
            drafted = draft_claims(text, path, context)
        except ArchiveFormatError as exc:
            raise DraftRefused(f"{safe_line(archive)}: {exc}") from None
        rendered = render(drafted, commented=context is not None)
        if context is not None and drafted.drafts:
            append_drafts(context, rendered)
    except DraftRefused as exc:
        print(f"hustings: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    if context is None:
        sys.stdout.write(rendered)
    for reason in drafted.skipped:
        print(safe_line(f"not drafted: {reason}"), file=sys.stderr)
    count = len(drafted.drafts)
    drafts = f"{count} claim draft{'s' * (count != 1)}"
    where = f"appended to {policy}, commented out" if context and count else "printed"
    if context and not count:
        where = f"so nothing appended to {policy}"
    print(
        safe_line(f"{archive}: {drafted.figures_read} figures read, {drafts}, {where}"),
        file=sys.stderr,
    )
    return EXIT_OK
