"""`hustings import-candidates FILE.csv --ballot ID`: one starter policy per candidate on a
ballot, from Democracy Club's candidate list.

Each starter is `hustings new`'s (scaffold.py), with what the list says filled in: name, party,
post, ballot, and the candidate's statement to voters archived word for word as a source that
claims can quote. Files are keyed by Democracy Club's person id (NAME-dc-ID.toml), so a second
run finds each candidate's file even if a name was corrected, and never overwrites one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import democracy_club as dc
from .model import NOT_STATED
from .sanitize import describe_char, find_unsafe, safe_line
from .scaffold import Details, NameRefused, policy_id, write_new

MAX_TEXT = 4000  # the format's longest text
MAX_STATEMENT_BYTES = 1_900_000  # an archive may be 2 MB, header included
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$")
_BALLOT = re.compile(r"^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*\.\d{4}-\d{2}-\d{2}$")


@dataclass
class Imported:
    """What a run did, candidate by candidate, to be said in one line each."""

    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class BallotNotFound(Exception):
    """No row names the ballot: the message names the nearest ids in the file."""


def _short(text: str, most: int = 60) -> str:
    shown = safe_line(text)
    return shown if len(shown) <= most else shown[: most - 1] + "…"


def _usable(value: str | None) -> str | None:
    """A cell fit for one line of policy text, or None: empty, unsafe or too long."""
    if not value or find_unsafe(value) or "\n" in value or len(value) > MAX_TEXT:
        return None
    return value


def statement_archive(name: str, statement: str, updated: str) -> str:
    """The archive of a statement to voters: our header, the `---` line, the words."""
    return (
        "Archived for hustings: the candidate's statement to voters, as received in Democracy\n"
        "Club's candidate data (the statement_to_voters column of its CSV export).\n"
        "Headline: not stated\n"
        "Publisher: Democracy Club (candidate data)\n"
        f"Author: {name} (the candidate's statement to voters)\n"
        f"Date: {updated} (statement_last_updated in the export)\n"
        "URL: not stated (the export gives none)\n"
        f"Licence: {dc.ATTRIBUTION}. Terms: {dc.TERMS_URL}\n"
        "---\n" + statement.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n") + "\n"
    )


def _statement(row: dc.Row, name: str, ident: str) -> tuple[dict[str, str], str, str] | str:
    """(source table, archive path, archive text), or why the statement is not archived."""
    statement = row.get("statement_to_voters")
    if statement is None:
        return "this export has no statement_to_voters column"
    if not statement.strip():
        return "no statement to voters in the export"
    unsafe = find_unsafe(statement.replace("\t", " "))
    if unsafe is not None:
        return f"statement to voters not archived: it holds {describe_char(unsafe)}"
    if any(line.strip() == "---" for line in statement.splitlines()):
        return "statement to voters not archived: a line of it is exactly ---"
    if len(statement.encode("utf-8")) > MAX_STATEMENT_BYTES:
        return "statement to voters not archived: longer than an archive may be"
    date = _DATE.match(row.get("statement_last_updated") or "")
    updated = date[1] if date else NOT_STATED
    path = f"sources/{ident}-statement.txt"
    source = {
        "id": "dc-statement",
        "headline": NOT_STATED,
        "publisher": "Democracy Club (candidate data)",
        "author": name,
        "date": updated,
        "date_note": "The date Democracy Club's export gives as the statement's last update "
        "(statement_last_updated)"
        if date
        else "Democracy Club's export gives no date for the statement",
        "archive": path,
    }
    return source, path, statement_archive(name, statement, updated)


def _existing(folder: Path, person_id: str) -> Path | None:
    found = sorted(folder.glob(f"*-dc-{person_id}.toml"))
    return found[0] if found else None


def _candidate(row: dc.Row, folder: Path, report: Imported) -> bool:
    """Write one candidate's starter; False when the row could not be used."""
    where = f"line {row.line}"
    person_id = row.get("person_id") or ""
    if not dc.PERSON_ID.match(person_id):
        report.skipped.append(f"{where}: person_id {_short(person_id)!r} is not a number")
        return False
    name = row.get("person_name") or ""
    existing = _existing(folder, person_id)
    if existing is not None:
        report.kept.append(f"{existing} (person {person_id}) exists; left as it is")
        return True
    ident = f"{policy_id(name)[:60].strip('-') or 'candidate'}-dc-{person_id}"
    post, date, ballot = (
        _usable(row.get(c)) for c in ("post_label", "election_date", "ballot_paper_id")
    )
    party_id = row.get("party_id") or ""
    preface = [
        f"From Democracy Club's candidate data: person id {person_id}, ballot "
        f"{ballot or NOT_STATED}, party id {_short(party_id, 40) or NOT_STATED}"
        + ("" if not party_id or dc.PARTY_ID.match(party_id) else " (not in a form known here)")
        + ".",
        dc.ATTRIBUTION + ".",
        f"Democracy Club's reuse terms: {dc.TERMS_URL}",
    ]
    statement = _statement(row, name, ident)
    sources: tuple[dict[str, str], ...] = ()
    files: dict[str, str] = {}
    if isinstance(statement, str):
        report.notes.append(f"{ident}: {statement}")
    else:
        source, path, text = statement
        sources, files = (source,), {path: text}
    details = Details(
        ident=ident,
        role=f"Candidate for {post}" if post else None,
        race=f"{post}, {date}" if post and date else None,
        scope=post,
        election=ballot if ballot and _BALLOT.match(ballot) else None,
        sources=sources,
        preface=tuple(preface),
        command="import-candidates",
    )
    party = _usable(row.get("party_name"))
    try:
        written = write_new(name, party, folder / f"{ident}.toml", details, files)
    except NameRefused as exc:
        report.skipped.append(f"{where} (person {person_id}): {_short(str(exc), 120)}")
        return False
    except FileExistsError:
        report.kept.append(f"{folder / ident}.toml exists; left as it is")
        return True
    report.written.append(f"{written.policy} ({_short(name)}, {_short(party or NOT_STATED)})")
    return True


def import_candidates(csv_path: str, ballot: str, folder: Path) -> Imported:
    """Write a starter for every candidate on `ballot`; CandidatesRefused or BallotNotFound."""
    rows, problems = dc.read_rows(csv_path)
    chosen = [row for row in rows if row.get("ballot_paper_id") == ballot]
    if not chosen:
        raise BallotNotFound(_no_ballot(csv_path, ballot, dc.ballots(rows)))
    report = Imported(skipped=list(problems))
    seen: set[str] = set()
    folder.mkdir(parents=True, exist_ok=True)
    for row in chosen:
        person_id = row.get("person_id") or ""
        if person_id in seen:
            report.skipped.append(f"line {row.line}: person {_short(person_id)} listed twice")
            continue
        seen.add(person_id)
        _candidate(row, folder, report)
    return report


def _no_ballot(csv_path: str, ballot: str, known: dict[str, int]) -> str:
    import difflib

    ids = [b for b in known if b]
    near = difflib.get_close_matches(ballot, ids, n=3)
    hint = (
        "; did you mean " + " or ".join(f'"{n}"' for n in near) + "?"
        if near
        else f' ({len(ids):,} ballots in it, e.g. "{ids[0]}")'
        if ids
        else " (it names no ballot)"
    )
    return safe_line(f'{csv_path}: no candidate on ballot "{ballot}"{hint}')
