"""Proving that each quote is really in its archived source, and finding the sentence around it.

The match ignores only whitespace, the style of quote marks (curly or straight) and the Unicode
form (NFC: an é typed as one character or as e plus an accent), never case or wording: changing
one letter of a quote must make the check fail.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

BODY_MARKER = "---"
LINES = "lines"  # Archive.memo's key for a candidate list's lines (a candidate a line)
_LINE_BREAKING_SPACE = re.compile(r"[^\S\n]*\n\s*")
_PLAIN_SPACE = re.compile(r"[^\S\n]+")
_QUOTE_MARKS = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
    }
)
# The same folding as patterns, one per mark it folds to: a substitution scans in C, where
# translate() looks each character of a non-ASCII text up in the table (ten times slower).
_TO_STRAIGHT = tuple(
    (re.compile("[" + "".join(chr(k) for k, v in _QUOTE_MARKS.items() if v == mark) + "]"), mark)
    for mark in sorted(set(_QUOTE_MARKS.values()))
)
_SENTENCE_END = re.compile(r"(?<=[.!?\"'])\s+(?=[\"'A-Z0-9£])|\n")


def normalise(text: str) -> str:
    """Fold whitespace runs to one space, curly quote marks to straight ones, and to NFC."""
    if not text.isascii():  # only non-ASCII text can hold curly quote marks or accents
        text = _straighten(unicodedata.normalize("NFC", text))
    return " ".join(text.split())


def _straighten(text: str) -> str:
    """Curly quote marks (and their kin in _QUOTE_MARKS) made straight."""
    for marks, mark in _TO_STRAIGHT:
        text = marks.sub(mark, text)
    return text


class ArchiveFormatError(ValueError):
    """An archive without exactly one '---' line: nothing in it can prove anything."""


def article_body(archive_text: str) -> str:
    """The article text of an archive file: what follows its one line that is exactly '---'.

    The header above it holds our attribution notes, which must never count as proof of a quote;
    so an archive without that line, or with two (which would make the split ambiguous), is an
    error rather than a file whose every word counts.
    """
    lines = archive_text.splitlines(keepends=True)
    markers = [index for index, line in enumerate(lines) if line.strip() == BODY_MARKER]
    if not markers:
        raise ArchiveFormatError(
            "archive has no line that is exactly '---' between our header and the article"
        )
    if len(markers) > 1:
        raise ArchiveFormatError(
            f"archive has {len(markers)} lines that are exactly '---'; it needs exactly one"
        )
    return "".join(lines[markers[0] + 1 :])


@dataclass(frozen=True, slots=True)
class Archive:
    """An archived source, normalised once so that checking many quotes against it is cheap.

    One Archive serves a whole load (every file that cites the same archive), so what is
    worked out from it is kept on it: it lives exactly as long as the load that needs it.
    """

    body: str  # normalised: whitespace runs are one space, quote marks are straight
    # Where sentences break, found once so each lookup is a bisect rather than a rescan.
    break_starts: tuple[int, ...]
    break_ends: tuple[int, ...]
    # The same text with its quote marks as the source wrote them (the same length: each mark
    # is one character either way), for the sentence a reader is shown.
    shown: str = field(default="", repr=False, compare=False)
    # Where each quote stands (None: nowhere), by the quote as written: a claim's quote is
    # looked for again for its sentence and its speaker, and many files quote the same words.
    _spans: dict[str, tuple[int, int] | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # Answers other proofs work out from this archive (field_proofs: the body casefolded, the
    # fields of a claim other files repeat), kept for the same reason; each asker has its keys.
    memo: dict[Hashable, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    # Our header's fields (headline, publisher, author, date, URL …), by name folded: what
    # `check` compares a source's own fields with. Never proof of a quote.
    header: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_text(cls, archive_text: str) -> Archive:
        from .header import header_fields

        body = unicodedata.normalize("NFC", article_body(archive_text)).strip()
        # Keep one "\n" where the source broke a line: a line break also ends a sentence.
        # Straightening marks changes no length, so the shown text keeps the same offsets.
        shown = _PLAIN_SPACE.sub(" ", _LINE_BREAKING_SPACE.sub("\n", body))
        lines = _straighten(shown) if not shown.isascii() else shown
        breaks = list(_SENTENCE_END.finditer(lines))
        archive = cls(
            body=lines.replace("\n", " "),  # same length, so offsets agree
            shown=shown.replace("\n", " "),
            break_starts=tuple(m.start() for m in breaks),
            break_ends=tuple(m.end() for m in breaks),
            header=header_fields(archive_text),
        )
        if archive.header.get("kind", "").casefold() == "candidate list":  # a line a candidate
            archive.memo[LINES] = tuple(shown.splitlines())
        return archive

    def contains(self, quote: str) -> bool:
        return self.find(quote) is not None

    def sentence_around(self, quote: str) -> str | None:
        """The whole sentence (or sentences) holding the quote, so a reader sees its context."""
        span = self.find(quote)
        if span is None:
            return None
        start, end = span
        before = bisect_right(self.break_ends, start) - 1
        left = self.break_ends[before] if before >= 0 else 0
        after = bisect_left(self.break_starts, end)
        right = self.break_starts[after] if after < len(self.break_starts) else len(self.body)
        return self.shown[left:right].strip()  # with the source's own quote marks

    def find(self, quote: str) -> tuple[int, int] | None:
        """Where the quote stands in the normalised body, as (start, end); None if absent."""
        if quote not in self._spans:
            needle = normalise(quote)
            start = self.body.find(needle) if needle else -1
            self._spans[quote] = None if start < 0 else (start, start + len(needle))
        return self._spans[quote]

    def window(self, quote: str, sentences_before: int) -> tuple[str, int, int] | None:
        """The text from `sentences_before` sentences before the quote's sentence to the end
        of the quote, and where the quote stands in it: where its speaker must be named."""
        span = self.find(quote)
        if span is None:
            return None
        start, end = span
        sentence = bisect_right(self.break_ends, start) - 1
        first = sentence - sentences_before
        left = self.break_ends[first] if first >= 0 else 0
        return self.body[left:end], start - left, end - left
