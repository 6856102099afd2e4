"""What an archive's header says about its article: headline, publisher, author, date, URL.

The header is our attribution note above the `---` line (policies/README.md, "Archived
sources"): `Name: value` lines, a value sometimes running on to the next lines. Only the first
line of a value is read, up to its first full stop, so "Publisher: X. The same story was also
carried by ..." gives "X". A value that says it is unknown ("not stated", "not printed") is
"not stated"; so is one holding characters policy text may not hold.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ...policy.model import NOT_STATED
from ...policy.sanitize import find_unsafe
from ..provenance import BODY_MARKER

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


def _fields(archive_text: str) -> dict[str, str]:
    """The first line of each `Name: value` field above the `---` line."""
    found: dict[str, str] = {}
    for line in archive_text.splitlines():
        if line.strip() == BODY_MARKER:
            break
        match = _FIELD.match(line.strip())
        if match:
            found.setdefault(match["name"].strip().casefold(), match["value"].strip())
    return found


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


def read_header(archive_text: str) -> Header:
    fields = _fields(archive_text)
    url = _URL.match(fields.get("url", ""))
    return Header(
        headline=_text(fields.get("headline")),
        publisher=_text(fields.get("publisher")),
        author=_text(fields.get("author")),
        date=parse_date(fields.get("date")),
        url=url.group().rstrip(".,;)") if url and not find_unsafe(url.group()) else None,
    )
