"""Why a quote is not in its archive: the nearest passage, the first word that differs, the cause.

"Not found" is the hardest problem for an author to fix by eye: one changed word, a capital, an
elision, a hyphen where the article broke a line, a soft hyphen or zero-width space pasted from a
web page, an NFD "é", a ʼ for a '. So when the proof fails we align the quote with the archive
word by word, show the passage it is nearest to, and name the likely cause of the first difference.

The alignment compares loose word keys (NFC, case-folded, letters and digits only), so the
passage is found despite the very differences we then name; the first difference is judged on the
words as the proof sees them (`provenance.normalise`). It runs only on failure and is linear-ish
in the archive (difflib indexes the archive's words once; a 50 KB archive takes milliseconds).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from ..policy.files import FileRefused, read_regular_file
from ..policy.problem_codes import Code
from ..policy.problems import Problem
from ..policy.sanitize import escape_char
from .provenance import ArchiveFormatError, article_body, normalise

MAX_PASSAGE = 110  # characters of passage shown: enough for context, short enough for one line
MAX_WORD = 40
_ELLIPSIS = ("...", "…")
# Marks the proof does not fold (it folds the curly ones): all stand for an apostrophe or quote.
_PUNCTUATION = "\"'“”‘’„«»‹›([{—–-:;,.!?…"
_APOSTROPHES = str.maketrans(dict.fromkeys("ʼʹʻʽ´`＇′‵", "'") | dict.fromkeys("＂″‶〃", '"'))
_WORD = re.compile(r"\S+")
_HYPHEN_BREAK = re.compile(r"(\w)-[ \t]*\r?\n\s*")


@dataclass(frozen=True, slots=True)
class QuoteDiagnosis:
    """What the archive holds nearest to a quote, and why the two probably differ."""

    passage: str | None  # nearest passage: whitespace folded, bounded, the differing word marked
    quote_word: str | None  # the first word of the quote that differs
    archive_word: str | None  # what the archive has in its place (None: nothing)
    cause: str  # the likely cause, in words

    def explain(self) -> str:
        """`nearest passage: "…"; differs at "x" where the source has "y"` (the cause apart)."""
        if self.passage is None:
            return "no passage of the source is near it"
        parts = [f'nearest passage: "{self.passage}"']
        if self.quote_word is not None:
            where = f'differs at "{_visible(self.quote_word)}"'
            if self.archive_word is not None:
                where += f' where the source has "{_visible(self.archive_word)}"'
            parts.append(where)
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class _Word:
    text: str  # as written (a word broken by "-" and a line break is joined: "recruit-ment")
    start: int
    end: int
    broken: bool = False  # the archive hyphenated it across a line break


def diagnose(body: str, quote: str) -> QuoteDiagnosis:
    """Explain why `quote` is not in `body` (an archive's article text, from `article_body`)."""
    quoted = [_Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(quote)]
    words = _archive_words(body)
    if not quoted:
        return QuoteDiagnosis(None, None, None, "the quote is empty")
    quote_keys = [_key(w.text) for w in quoted]
    archive_keys = [_key(w.text) for w in words]
    matcher = SequenceMatcher(None, quote_keys, archive_keys, autojunk=False)
    anchor = matcher.find_longest_match(0, len(quote_keys), 0, len(archive_keys))
    if anchor.size == 0:
        return QuoteDiagnosis(None, None, None, "different words: none of them is in the source")
    # Look closely only near the anchor: the quote's length either side, plus room for a gap.
    low = max(0, anchor.b - anchor.a - 5)
    high = min(len(words), anchor.b + (len(quoted) - anchor.a) + 5)
    region = words[low:high]
    quote_index, archive_index, first, last = _first_difference(quoted, region)
    passage = _passage(body, region, first, last, archive_index)
    whole = _whole_quote_cause(body, quote)
    if quote_index is None:
        cause = whole or "the words match one by one but not as one run: check the spaces"
        return QuoteDiagnosis(passage, None, None, cause)
    quote_word = quoted[quote_index].text
    archive_word = region[archive_index] if archive_index is not None else None
    if archive_word is not None:  # a quote may begin or end inside a word: "We of "“We
        archive_word = _trim(archive_word, quote_word, quote_index, len(quoted))
    cause = whole or likely_cause(quote_word, archive_word)
    return QuoteDiagnosis(passage, quote_word, archive_word.text if archive_word else None, cause)


ELISION = 'an elision ("..." or "…"): quote the words in full, or each part as its own claim'
HYPHENATION = "a hyphen across a line break in the source: quote the word as the source prints it"
CAPITALS = "capitalisation: quote the capitals as the source prints them"
MARKS = "an apostrophe or quote-mark variant: copy the mark the source uses"


def _whole_quote_cause(body: str, quote: str) -> str | None:
    """The one change to the whole quote (or source) that would make it found, if there is one.

    More reliable than judging one pair of words: a soft hyphen inside a word splits nothing, an
    elision may join two words, and the first difference is not always the only one.
    """
    decomposed = "quote" if not unicodedata.is_normalized("NFC", quote) else "source"
    body, quote = unicodedata.normalize("NFC", body), unicodedata.normalize("NFC", quote)
    if any(mark in quote for mark in _ELLIPSIS) and _found_in_order(quote, body):
        return ELISION
    if _found(quote, body):
        return _unicode_form(decomposed)
    invisible = _invisible(quote) or _invisible(body)
    if invisible and _found(_drop_invisible(quote), _drop_invisible(body)):
        where = "quote" if _invisible(quote) else "source"
        return f"an invisible character in the {where} ({_char_name(invisible)})"
    if _found(_fold_marks(quote), _fold_marks(body)):
        return MARKS
    joined = _HYPHEN_BREAK.sub(r"\1", body)
    kept = _HYPHEN_BREAK.sub(r"\1-", body)
    if joined != body and (_found(quote, joined) or _found(quote, kept)):
        return HYPHENATION
    if _found(quote.casefold(), body.casefold()):
        return CAPITALS
    return None


def _unicode_form(which: str) -> str:
    return f"a different Unicode form: the {which} is decomposed (NFD); retype its accents"


def likely_cause(quote_word: str, archive_word: _Word | None) -> str:
    """Name why two aligned words differ, most specific cause first."""
    if any(mark in quote_word for mark in _ELLIPSIS):
        return ELISION
    if archive_word is None:
        return "the source ends before the quote does"
    seen = archive_word.text
    if archive_word.broken:
        return HYPHENATION
    invisible = _invisible(quote_word) or _invisible(seen)
    if invisible and _drop_invisible(quote_word) == _drop_invisible(seen):
        where = "quote" if _invisible(quote_word) else "source"
        return f"an invisible character in the {where} ({_char_name(invisible)})"
    if unicodedata.normalize("NFC", quote_word) == unicodedata.normalize("NFC", seen):
        which = "quote" if not unicodedata.is_normalized("NFC", quote_word) else "source"
        return _unicode_form(which)
    if _fold_marks(quote_word) == _fold_marks(seen):
        return MARKS
    if quote_word.casefold() == seen.casefold():
        return CAPITALS
    if _key(quote_word) == _key(seen):
        return "punctuation: copy the source's punctuation, quote marks included"
    if invisible:
        return f"different words, with an invisible character ({_char_name(invisible)})"
    return "different words"


def quote_problem(
    shown: str,
    index: int,
    claim_id: str,
    source_id: str,
    archive: str,
    quote: str,
    folder: Path,
    limit: int,
) -> Problem:
    """The problem for a quote the proof did not find: where it looked, and why it may differ.

    The archive is read again (bounded) because the proof keeps only its normalised text, and
    the diagnosis must see the source as written: line breaks, hyphens, invisible characters.
    The likely cause goes in the hint, so the line ends "(likely cause: ...)".
    """
    message = f'quote not found in its source "{source_id}" ({archive})'
    hint = None
    body = read_archive_body(folder / archive, limit)
    if body is not None:
        found = diagnose(body, quote)
        message = f"{message}; {found.explain()}"
        hint = f"likely cause: {found.cause}"
    return Problem(
        shown,
        message,
        field=f"claims[{index}].quote",
        claim_id=claim_id,
        code=Code.QUOTE_NOT_FOUND,
        hint=hint,
    )


def read_archive_body(path: Path, limit: int) -> str | None:
    """The article text of an archive file, read the one safe way (files.py); None if it
    cannot be read or has no single '---' line (those problems are reported on their own)."""
    try:
        data = read_regular_file(path, limit)
        return article_body(data.decode("utf-8", errors="replace"))
    except (FileRefused, ArchiveFormatError):
        return None


# -- alignment -------------------------------------------------------------------------------


def _archive_words(body: str) -> list[_Word]:
    """The archive's words; a word hyphenated across a line break is joined into one."""
    words: list[_Word] = []
    pending: _Word | None = None
    for match in _WORD.finditer(body):
        word = _Word(match.group(), match.start(), match.end())
        if pending is not None:
            word = _Word(pending.text + word.text, pending.start, word.end, broken=True)
            pending = None
        gap_end = match.end()
        while gap_end < len(body) and body[gap_end] in " \t\r":
            gap_end += 1
        ends_line = gap_end < len(body) and body[gap_end] == "\n"
        if ends_line and len(word.text) > 1 and word.text[-1] == "-" and word.text[-2].isalpha():
            pending = word
            continue
        words.append(word)
    if pending is not None:
        words.append(pending)
    return words


def _key(word: str) -> str:
    """A loose key: NFC, case-folded, letters and digits only (so variants still align)."""
    folded = unicodedata.normalize("NFC", word).casefold()
    return "".join(char for char in folded if char.isalnum())


def _found(quote: str, body: str) -> bool:
    """The proof's own test (whitespace and curly quotes ignored), on texts we have changed."""
    needle = normalise(quote)
    return bool(needle) and needle in normalise(body)


def _found_in_order(quote: str, body: str) -> bool:
    """Every part of an elided quote is in the source, in order."""
    haystack, at = normalise(body), 0
    for part in re.split(r"\.\.\.|…", quote):
        needle = normalise(part)
        if not needle:
            continue
        at = haystack.find(needle, at)
        if at < 0:
            return False
        at += len(needle)
    return True


def _trim(word: _Word, quote_word: str, index: int, count: int) -> _Word:
    """The part of a source word a quote's first or last word can stand for: "“We" -> "We"."""
    text = word.text
    if index == 0 and quote_word[:1].isalnum():
        text = text.lstrip(_PUNCTUATION)
    if index == count - 1 and quote_word[-1:].isalnum():
        text = text.rstrip(_PUNCTUATION)
    return _Word(text or word.text, word.start, word.end, word.broken)


def _matches(quote_word: str, source_word: str, index: int, count: int) -> bool:
    """Equal as the proof sees them; the first word may end, the last begin, a source word."""
    quoted, seen = normalise(quote_word), normalise(source_word)
    if count == 1:
        return quoted in seen
    if index == 0:
        return seen.endswith(quoted)
    if index == count - 1:
        return seen.startswith(quoted)
    return quoted == seen


def _first_difference(
    quoted: list[_Word], region: list[_Word]
) -> tuple[int | None, int | None, int, int]:
    """(quote index, region index) of the first differing word, and the span of region aligned."""
    opcodes = SequenceMatcher(
        None, [_key(w.text) for w in quoted], [_key(w.text) for w in region], autojunk=False
    ).get_opcodes()
    equal = [op for op in opcodes if op[0] == "equal"]
    first = max(0, equal[0][3] - equal[0][1]) if equal else 0
    last = min(len(region), equal[-1][4] + (len(quoted) - equal[-1][2])) if equal else len(region)
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            for offset in range(i2 - i1):
                if not _matches(
                    quoted[i1 + offset].text, region[j1 + offset].text, i1 + offset, len(quoted)
                ):
                    return i1 + offset, j1 + offset, first, last
                if region[j1 + offset].broken:
                    return i1 + offset, j1 + offset, first, last
        elif tag == "insert":  # words in the source the quote does not have
            if i1 == 0:
                continue  # the source's words before the quote begins
            return min(i1, len(quoted) - 1), j1, first, last
        else:  # "replace" or "delete": quote words the source does not have here
            if tag == "delete":
                return i1, (j1 if j1 < len(region) else None), first, last
            # At the start, the source word nearest the matching part is the one to compare.
            at = j2 - (i2 - i1) if i1 == 0 and j2 - j1 >= i2 - i1 else j1
            return i1, at, first, last
    return None, None, first, last


def _passage(body: str, region: list[_Word], first: int, last: int, mark: int | None) -> str:
    """The source text of region[first:last], whitespace folded, the differing word marked."""
    if not region:
        return ""
    last = max(last, first + 1, (mark + 1) if mark is not None else 0)
    first = min(first, mark) if mark is not None else first
    pieces = []
    for index in range(first, min(last, len(region))):
        text = _escape_invisible(" ".join(body[region[index].start : region[index].end].split()))
        pieces.append(f"»{text}«" if index == mark else text)
    text = " ".join(pieces)
    if len(text) <= MAX_PASSAGE:
        return text
    centre = text.find("»") if "»" in text else 0
    start = max(0, min(centre - MAX_PASSAGE // 2, len(text) - MAX_PASSAGE))
    clipped = text[start : start + MAX_PASSAGE]
    return ("…" if start > 0 else "") + clipped + ("…" if start + MAX_PASSAGE < len(text) else "")


# -- character classes -------------------------------------------------------------------------


def _invisible(text: str) -> str | None:
    """The first format character (soft hyphen, zero-width space, BOM...) in `text`."""
    return next((c for c in text if unicodedata.category(c) == "Cf"), None)


def _drop_invisible(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def _fold_marks(text: str) -> str:
    return normalise(text).translate(_APOSTROPHES)


def _char_name(char: str) -> str:
    name = unicodedata.name(char, "").lower()
    return f"U+{ord(char):04X} {name}".rstrip()


def _escape_invisible(text: str) -> str:
    return "".join(c if c.isprintable() else escape_char(c) for c in text)


def _visible(word: str) -> str:
    """A word shown safely and visibly: invisible characters as escapes, bounded in length."""
    shown = _escape_invisible(word)
    return shown if len(shown) <= MAX_WORD else shown[: MAX_WORD - 1] + "…"
