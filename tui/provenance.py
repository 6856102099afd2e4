"""Proving that each quote is really in its archived source, and finding the sentence around it.

The match ignores only whitespace and the style of quote marks (curly or straight), never case or
wording: changing one letter of a quote must make the check fail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BODY_MARKER = "---"
_SPACES = re.compile(r"\s+")
_LINE_BREAKING_SPACE = re.compile(r"[^\S\n]*\n\s*")
_PLAIN_SPACE = re.compile(r"[^\S\n]+")
_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
                              "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'"})  # fmt: skip
_SENTENCE_END = re.compile(r"(?<=[.!?\"'])\s+(?=[\"'A-Z0-9£])|\n")


def normalise(text: str) -> str:
    """Fold whitespace runs to one space and curly quote marks to straight ones."""
    return _SPACES.sub(" ", text.translate(_QUOTE_MARKS)).strip()


def article_body(archive_text: str) -> str:
    """The article text of an archive file: what follows the first line that is exactly '---'.

    The header above it holds our attribution notes, which must never count as proof of a quote.
    """
    lines = archive_text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.strip() == BODY_MARKER:
            return "".join(lines[index + 1 :])
    return archive_text


@dataclass(frozen=True, slots=True)
class Archive:
    """An archived source, normalised once so that checking many quotes against it is cheap."""

    lines: str  # normalised, with one "\n" where the source broke a line (for sentence bounds)
    body: str  # the same text with those breaks as spaces (for matching); same length

    @classmethod
    def from_text(cls, archive_text: str) -> Archive:
        text = article_body(archive_text).translate(_QUOTE_MARKS).strip()
        lines = _PLAIN_SPACE.sub(" ", _LINE_BREAKING_SPACE.sub("\n", text))
        return cls(lines=lines, body=lines.replace("\n", " "))

    def contains(self, quote: str) -> bool:
        needle = normalise(quote)
        return bool(needle) and needle in self.body

    def sentence_around(self, quote: str) -> str | None:
        """The whole sentence (or sentences) holding the quote, so a reader sees its context."""
        needle = normalise(quote)
        start = self.body.find(needle) if needle else -1
        if start < 0:
            return None
        end = start + len(needle)
        bounds = [m.end() for m in _SENTENCE_END.finditer(self.lines, 0, start)]
        left = bounds[-1] if bounds else 0
        after = _SENTENCE_END.search(self.lines, end)
        right = after.start() if after else len(self.lines)
        return self.body[left:right].strip()
