"""Where an article's paragraphs, sentences, quotations and clauses are, as offsets into it.

Offsets into the article as written (not a normalised copy), so a quote cut from them is the
article's own text, curly quote marks and all; `check` then finds it as written.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# A sentence ends at . ! or ? (and any closing quote marks or brackets after it) followed by
# space and a capital, a digit, £ or an opening quote mark; never after "Mr." or an initial.
_BREAK = re.compile(r"[.!?][”’\"')\]]*\s+(?=[“‘\"'(\[]?[A-Z0-9£])")
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "st", "no", "cllr", "prof", "sir", "rev", "gen", "lt", "col",
     "sgt", "insp", "supt", "det", "vs", "etc", "approx"}
)  # fmt: skip
# Where a sentence with several figures is cut so each figure keeps its own clause.
_CLAUSE_BREAK = re.compile(r";\s+|\s+[–—]\s+|,\s+(?=(?:but|and|while|whereas)\b)|\s+(?=but\b)")
_TRIM = " \t,;:–—"
_OPENING = '“"'
_CLOSING = '”"'


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article: [start, end)."""

    start: int
    end: int

    def holds(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


@dataclass(frozen=True, slots=True)
class Sentence(Span):
    paragraph: int


@dataclass(frozen=True, slots=True)
class Quotation(Span):
    """Words inside quotation marks; `closed` is False when the paragraph ends first, which in
    British news style means the same speaker's quotation goes on in the next paragraph."""

    closed: bool


@dataclass(frozen=True, slots=True)
class Layout:
    """The article's sentences and quotations, found once."""

    text: str
    sentences: tuple[Sentence, ...]
    quotations: tuple[Quotation, ...]
    starts: tuple[int, ...]  # each sentence's start, for bisect

    def sentence_at(self, offset: int) -> int:
        """The index of the sentence holding `offset`."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def quotation_around(self, start: int, end: int) -> Quotation | None:
        for quotation in self.quotations:
            if quotation.holds(start, end):
                return quotation
        return None


def _paragraphs(text: str) -> list[Span]:
    spans: list[Span] = []
    at = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            lead = len(body) - len(body.lstrip())
            spans.append(Span(at + lead, at + len(body.rstrip())))
        at += len(line)
    return spans


def _sentences(text: str, paragraph: Span, index: int) -> list[Sentence]:
    found: list[Sentence] = []
    start = paragraph.start
    for match in _BREAK.finditer(text, paragraph.start, paragraph.end):
        word = re.search(r"(\w+)$", text[start : match.start()])
        if word and (word[1].casefold() in _ABBREVIATIONS or len(word[1]) == 1):
            continue
        end = match.end() - len(match.group()) + len(match.group().rstrip())
        found.append(Sentence(start, end, index))
        start = match.end()
    if start < paragraph.end:
        found.append(Sentence(start, paragraph.end, index))
    return found


def _quotations(text: str, paragraph: Span) -> list[Quotation]:
    found: list[Quotation] = []
    opened: int | None = None
    for at in range(paragraph.start, paragraph.end):
        char = text[at]
        if opened is None and char in _OPENING:
            opened = at + 1
        elif opened is not None and char in _CLOSING:
            found.append(Quotation(opened, at, True))
            opened = None
    if opened is not None:
        found.append(Quotation(opened, paragraph.end, False))
    return found


def layout(text: str) -> Layout:
    sentences: list[Sentence] = []
    quotations: list[Quotation] = []
    for index, paragraph in enumerate(_paragraphs(text)):
        sentences.extend(_sentences(text, paragraph, index))
        quotations.extend(_quotations(text, paragraph))
    return Layout(text, tuple(sentences), tuple(quotations), tuple(s.start for s in sentences))


def trimmed(text: str, span: Span) -> Span:
    """The span without the spaces and clause punctuation at its ends."""
    start, end = span.start, span.end
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return Span(start, end)


def clauses(text: str, span: Span) -> list[Span]:
    """`span` cut at its clause breaks (";", a dash, ", but", ", and"), each trimmed."""
    pieces: list[Span] = []
    start = span.start
    for match in _CLAUSE_BREAK.finditer(text, span.start, span.end):
        pieces.append(trimmed(text, Span(start, match.start())))
        start = match.end()
    pieces.append(trimmed(text, Span(start, span.end)))
    return [piece for piece in pieces if piece.end > piece.start]
