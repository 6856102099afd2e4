'''Reading Democracy Club's candidate list: the CSV that candidates.democracyclub.org.uk exports
(YourNextRepresentative), one row per candidacy.

The export's quirks, each met here: a cell quoted twice over (`"""London"""` reads as
`"London"`, so one layer of quote marks around a whole cell is taken off); party ids in several
forms (`PP52`, `joint-party:53-119`, `ynmp-party:2`); an empty cell (the data says nothing) and
a column the export left out (nobody asked for it) told apart; many ballots in one file; a byte
order mark; cells far longer than any name. A row that cannot be used is skipped with its line
number and why, never the whole file.
'''

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .dc_terms import (
    ATTRIBUTION,
    ATTRIBUTION_URL,
    LICENCE_NAME,
    LICENCE_TITLE,
    LICENCE_URL,
    TERMS_URL,
)
from .files import FileRefused, read_regular_file
from .sanitize import safe_line

__all__ = [
    "ATTRIBUTION", "ATTRIBUTION_URL", "LICENCE_NAME", "LICENCE_TITLE", "LICENCE_URL", "TERMS_URL",
]  # fmt: skip

MAX_CSV_BYTES = 512_000_000  # the whole country's export is far smaller
REQUIRED = ("person_id", "person_name", "ballot_paper_id")
PARTY_ID = re.compile(r"^(?:PP\d+|joint-party:\d+(?:-\d+)+|ynmp-party:\d+)$")
PERSON_ID = re.compile(r"^\d{1,12}$")


class CandidatesRefused(Exception):
    """The file cannot be read as a candidate list: the one-line message says why."""


@dataclass(frozen=True, slots=True)
class Row:
    """One candidacy: each column's cell, "" when empty, None when the export has no such
    column."""

    line: int
    cells: dict[str, str]
    columns: frozenset[str]

    def get(self, column: str) -> str | None:
        if column not in self.columns:
            return None
        return self.cells.get(column, "")


def unquote(cell: str) -> str:
    """A cell without the extra layers of quote marks some exports wrap it in, and spaces."""
    cell = cell.strip()
    while len(cell) >= 2 and cell[0] == cell[-1] == '"':
        cell = cell[1:-1].strip()
    return cell


def read_rows(path: str) -> tuple[list[Row], list[str]]:
    """Every row of the export, and one line for each row that could not be read."""
    shown = safe_line(path)
    try:
        data = read_regular_file(path, MAX_CSV_BYTES)
    except FileRefused as exc:
        raise CandidatesRefused(f"{shown}: {exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CandidatesRefused(f"{shown}: not UTF-8 text (byte {exc.start:,})") from None
    return _rows(text, shown)


def _rows(text: str, shown: str) -> tuple[list[Row], list[str]]:
    # csv's field limit is one setting for the process; a cell may be as long as the file.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise CandidatesRefused(f"{shown}: line 1: {safe_line(str(exc))}") from None
    if not header:
        raise CandidatesRefused(f"{shown}: empty file, no header line")
    names = [unquote(name).casefold() for name in header]
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise CandidatesRefused(
            f"{shown}: not a Democracy Club candidate list: no column {', '.join(missing)}"
        )
    columns = frozenset(names)
    rows: list[Row] = []
    problems: list[str] = []
    for line, cells in _numbered(reader, shown, problems):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(names):
            problems.append(f"{shown}:{line}: {len(cells)} cells, the header names {len(names)}")
            continue
        values = {name: unquote(cell) for name, cell in zip(names, cells, strict=False)}
        rows.append(Row(line, values, columns))
    return rows, problems


def _numbered(
    reader: Iterator[list[str]], shown: str, problems: list[str]
) -> Iterator[tuple[int, list[str]]]:
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(f"{shown}: after line {line}: {safe_line(str(exc))}; reading stopped")
            return
        line = getattr(reader, "line_num", line + 1)
        yield line, cells


def ballots(rows: list[Row]) -> dict[str, int]:
    """Each ballot paper id in the file, with how many rows name it."""
    counts: dict[str, int] = {}
    for row in rows:
        ballot = row.get("ballot_paper_id") or ""
        counts[ballot] = counts.get(ballot, 0) + 1
    return counts
