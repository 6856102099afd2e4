"""What an archive's header says about its source: headline, publisher, author, date, URL.

The header is our attribution note above the `---` line (policies/README.md, "Archived
sources"): `Name: value` lines, a value sometimes running on to the next lines. `check`
compares a source's fields with it (source_facts.py); `hustings claims` drafts a [[sources]]
table from it, reading only a value's first sentence, so "Publisher: X. The same story was also
carried by ..." gives "X". A value that says it is unknown ("not stated", "not printed") is
"not stated"; so is one holding characters policy text may not hold.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..policy.model import NOT_STATED
from ..policy.sanitize import find_unsafe

# The names a header's fields have (policies/README.md): a line that starts with another name
# and a colon goes on with the field before it.
HEADER_KEYS = ("headline", "publisher", "author", "date", "url", "received as", "kind", "what")
_FIELD = re.compile(r"^(?P<name>[A-Za-z][A-Za-z ]{0,30}):\s*(?P<value>.*)$")
_UNKNOWN = re.compile(r"^(?:not\s+(?:stated|printed|known|given)|unknown|none)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"\.\s+(?=[A-Z])")
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"),
        start=1,
    )
}  # fmt: skip
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\b")
_WRITTEN = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+),?\s+(\d{4})\b")
_URL = re.compile(r"^https?://\S+")
MAX_VALUE = 4000  # the format's longest text


@dataclass(frozen=True, slots=True)
class Header:
    """The header's facts, each as written or "not stated"."""

    headline: str
    publisher: str
    author: str
    date: str  # YYYY-MM-DD or "not stated"
    url: str | None  # only a URL the header gives; never made up


def header_fields(archive_text: str) -> dict[str, str]:
    """Each `Name: value` field above the `---` line, by its name folded, the lines it runs on
    to joined by one space; the first of two fields of one name is kept."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in archive_text.splitlines():
        if line.strip() == "---":
            break
        match = _FIELD.match(line.strip())
        name = match["name"].strip().casefold() if match else None
        if match and name in HEADER_KEYS:
            current = [match["value"].strip()] if name not in found else None
            if current is not None:
                found[name] = current
        elif current is not None and line.strip():
            current.append(line.strip())
        elif not line.strip():
            current = None
    return {name: " ".join(" ".join(lines).split()) for name, lines in found.items()}


def is_unknown(value: str) -> bool:
    """Whether a header's value says the fact is not known ("not stated", "not printed")."""
    return _UNKNOWN.match(value) is not None


def _text(value: str | None) -> str:
    if not value or _UNKNOWN.match(value) or find_unsafe(value):
        return NOT_STATED
    first = _SENTENCE_END.split(value, maxsplit=1)[0].strip().rstrip(".")
    return first[:MAX_VALUE] if first else NOT_STATED


def parse_date(value: str | None) -> str:
    """ "27 March 2024, from the URL" -> "2024-03-27"; a value not starting with a date, or an
    impossible one, -> "not stated"."""
    if not value:
        return NOT_STATED
    iso = _ISO.match(value)
    if iso:
        parts = (int(iso[1]), int(iso[2]), int(iso[3]))
    else:
        written = _WRITTEN.match(value)
        month = _MONTHS.get(written[2].casefold()) if written else None
        if written is None or month is None:
            return NOT_STATED
        parts = (int(written[3]), month, int(written[1]))
    try:
        return dt.date(*parts).isoformat()
    except ValueError:
        return NOT_STATED


def dates_in(value: str) -> list[str]:
    """Every date a header's value writes ("12 December 2019", "2024-03-27"), as YYYY-MM-DD."""
    found = []
    for match in _ANY_DATE.finditer(value):
        date = parse_date(match.group())
        if date != NOT_STATED:
            found.append(date)
    return found


_ANY_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+,?\s+\d{4}")


def read_header(archive_text: str) -> Header:
    fields = header_fields(archive_text)
    url = _URL.match(fields.get("url", ""))
    return Header(
        headline=_text(fields.get("headline")),
        publisher=_text(fields.get("publisher")),
        author=_text(fields.get("author")),
        date=parse_date(fields.get("date")),
        url=url.group().rstrip(".,;)") if url and not find_unsafe(url.group()) else None,
    )
