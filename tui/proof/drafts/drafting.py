"""From an archived article to claim drafts: every figure a policy can carry, each with its
quote, speaker, fields and suggested topic, each proven as `check` would prove it.

A figure a policy can carry is money (with £ or "pounds") or a count of police: one followed by
what it counts ("1,300 additional neighbourhood police officers"), or a count in digits with no
noun of its own ("London should get 2,000 in the first round") in a sentence that, or whose
sentence before, speaks of police. Counts of anything else, years, dates and shares are left.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from ...policy.formatting import pounds
from ...policy.model import MAX_PEOPLE, MAX_POUNDS, NOT_STATED, Claim
from ...policy.sanitize import find_unsafe
from ...policy.scaffold import policy_id
from ..figure_proofs import check_figures
from ..figures import StatedFigure, read_figures
from ..provenance import Archive, article_body
from . import reading
from .context import PolicyContext
from .header import Header, read_header
from .speakers import Attribution, attributions, role_of, sole_person, speaker_for
from .text import Layout, Quotation, Sentence, Span, clauses, layout, trimmed

MIN_DIRECT_WORDS = 5  # a quotation of fewer words ("around 1,300") is the reporter's account
_PRONOUN_DEPTH = 3
_TITLE = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Cllr|Councillor|Prof)\.?\s+")


@dataclass
class Draft:
    """One claim draft: the claim's fields, its figure table, and notes for the author."""

    fields: dict[str, Any]
    table: str | None  # "officers", "money", or None for words only
    figure_fields: dict[str, Any]
    notes: list[str]
    figure: StatedFigure
    speaker_stated: bool
    paragraph: int


@dataclass
class Drafted:
    """What `hustings claims` found in one archive."""

    archive: str  # as the drafts name it: "sources/NAME.txt"
    header: Header
    source_id: str
    source: dict[str, str] | None  # a [[sources]] table to add, or None: the policy has it
    source_notes: list[str]
    drafts: list[Draft] = field(default_factory=list)
    figures_read: int = 0
    skipped: list[str] = field(default_factory=list)  # why a figure got no draft, one line each


def _words(text: str) -> str:
    return " ".join(text.split())


class _Reader:
    """One article, read once: its layout, attributions and speakers cached per sentence."""

    def __init__(self, body: str, context: PolicyContext | None, author: str = "") -> None:
        self.body = body
        # The candidate wrote the archive (a statement to voters): its unattributed words are
        # the candidate's own, where an article's are its reporter's.
        name = context.name if context else None
        self.own_words = bool(name) and re.match(rf"{re.escape(name or '')}(?:$|\s\()", author)

        self.layout: Layout = layout(body)
        self.context = context
        self._found: dict[int, list[Attribution]] = {}
        # Per sentence or quoted span, not per figure: a sentence of a thousand figures is
        # cut into clauses once (per figure, that was quadratic).
        self._clauses: dict[Span, list[Span]] = {}
        self._topics: dict[tuple[int, bool], str] = {}

    def clauses(self, region: Span) -> list[Span]:
        if region not in self._clauses:
            self._clauses[region] = clauses(self.body, region)
        return self._clauses[region]

    def topic(self, index: int, money: bool) -> str:
        if (index, money) not in self._topics:
            sentence = self.layout.sentences[index]
            words = self.body[sentence.start : sentence.end]
            self._topics[index, money] = reading.topic(words, money=money)
        return self._topics[index, money]

    def attributions(self, index: int) -> list[Attribution]:
        if index not in self._found:
            sentence = self.layout.sentences[index]
            self._found[index] = attributions(self.body, sentence.start, sentence.end)
        return self._found[index]

    def speaker(self, index: int, at: int, depth: int = 0) -> tuple[str | None, Attribution | None]:
        """(who, the attribution naming them) for words at `at` in sentence `index`."""
        found = speaker_for(self.attributions(index), at)
        if found is None:
            return self._continued(index, at, depth)
        if not found.pronoun:
            return found.who, found
        if depth >= _PRONOUN_DEPTH or index == 0:
            return None, None
        sentence, before = self.layout.sentences[index], self.layout.sentences[index - 1]
        if before.paragraph < sentence.paragraph - 1:
            return None, None
        who, named = self.speaker(index - 1, before.end, depth + 1)
        if who is None and not self.attributions(index - 1):
            who = sole_person(self.body, before.start, before.end)
        return who, named

    def _continued(self, index: int, at: int, depth: int) -> tuple[str | None, Attribution | None]:
        """A quotation that goes on from the paragraph before has that paragraph's speaker."""
        sentence = self.layout.sentences[index]
        quotation = self.layout.quotation_around(at, at)
        if quotation is None or depth >= 10:
            return None, None
        opening = self.body[sentence.start : quotation.start].strip()
        first = self.layout.sentence_at(quotation.start)
        if first != index and self.layout.sentences[first].paragraph == sentence.paragraph:
            return self.speaker(first, quotation.start, depth + 1)
        if opening not in ("“", '"') or index == 0:
            return None, None
        previous = self._unclosed_before(sentence.paragraph)
        if previous is None:
            return None, None
        return self.speaker(self.layout.sentence_at(previous.start), previous.start, depth + 1)

    def _unclosed_before(self, paragraph: int) -> Quotation | None:
        ends = [s.end for s in self.layout.sentences if s.paragraph == paragraph - 1]
        if not ends:
            return None
        for quotation in self.layout.quotations:
            if not quotation.closed and quotation.end == ends[-1]:
                return quotation
        return None


def _is_candidate(who: str, context: PolicyContext | None) -> bool:
    """Whether the article's name for the speaker is this policy's candidate, by the words:
    the full name, a title and the surname ("Mr Khan"), the surname, or "the mayor" when the
    policy's own role says mayor."""
    if context is None or context.name is None:
        return False
    name = context.name.casefold()
    said = _TITLE.sub("", who).casefold()
    if said == name or (said and said == name.split()[-1]):
        return True
    if who.startswith("the ") and context.role:
        noun = who.split()[-1].casefold()
        return re.search(rf"\b{re.escape(noun)}\b", context.role.casefold()) is not None
    return False


def _speaker(reader: _Reader, index: int, figure: StatedFigure) -> tuple[str, str, list[str], bool]:
    """(speaker, speaker_role, notes, stated)."""
    who, found = reader.speaker(index, figure.start)
    context = reader.context
    if who is None and reader.own_words:
        assert context is not None and context.name is not None
        own = f"speaker: the archive's author is {context.name}: unattributed words are theirs"
        return context.name, "candidate", [own], True
    if who is None:
        return NOT_STATED, "reporter", [
            "speaker: the article attributes these words to no one, so they are its reporter's"
        ], False  # fmt: skip
    if _is_candidate(who, context):
        assert context is not None and context.name is not None
        note = [] if who == context.name else [
            f'speaker: the article says "{who}", read as {context.name}, this policy\'s candidate'
        ]  # fmt: skip
        return context.name, "candidate", note, True
    role = role_of(f"{found.role_words} {who}" if found else who)
    if role is None:
        return who, "official", [
            f'speaker_role: the words do not say who "{who}" is; "official" stands in: choose '
            "candidate, spokesperson, reporter, opponent or official"
        ], True  # fmt: skip
    return who, role, [], True


def _region(reader: _Reader, sentence: Sentence, figure: StatedFigure) -> tuple[Span, bool]:
    """(the words to quote, direct): a quotation of the speaker's own words that holds the
    figure, else the whole sentence."""
    quotation = reader.layout.quotation_around(figure.start, figure.end)
    if quotation is not None:
        inner = Span(max(quotation.start, sentence.start), min(quotation.end, sentence.end))
        if len(reader.body[inner.start : inner.end].split()) >= MIN_DIRECT_WORDS:
            return trimmed(reader.body, inner), True
    return Span(sentence.start, sentence.end), False


def _clause(reader: _Reader, region: Span, figure: StatedFigure, crowded: bool) -> str:
    """The region, or where it holds other figures too, the clause that holds this one."""
    body = reader.body
    if crowded:
        pieces = reader.clauses(region)
        at = bisect_right([piece.start for piece in pieces], figure.start) - 1
        if at >= 0 and pieces[at].holds(figure.start, figure.end):
            piece = pieces[at]
            return _words(body[piece.start : piece.end].rstrip(". "))
    return _words(body[region.start : region.end])


@dataclass(frozen=True, slots=True)
class _Found:
    figure: StatedFigure
    sentence: int
    table: str | None  # officers, money, or None: money with a hedge the format cannot carry
    noun: str  # what an officer figure counts, in the article's words
    kinds: list[str] | str
    noun_end: int = 0  # where those words end in the article (0: no noun)


def _classify(reader: _Reader, figure: StatedFigure, index: int) -> _Found | str | None:
    """What a figure is, or why it gets no draft (a line for the report), or None: not a
    figure a policy carries (a count of something else, a year, a share)."""
    body = reader.body
    sentence = reader.layout.sentences[index]
    if figure.money:
        if figure.value > MAX_POUNDS:
            return f'"{figure.words}" is more than the format\'s largest amount'
        hedged = figure.hedge is not None or figure.qualifier is not None
        return _Found(figure, index, None if hedged else "money", "", NOT_STATED)
    if figure.value > MAX_PEOPLE:
        return None
    noun = reading.noun_after(body, figure.end, sentence.end)
    if noun is not None:
        words = _words(noun.group().lstrip('”"’ '))
        return _Found(figure, index, "officers", words, reading.kinds(noun), noun.end())
    if reading.looks_like_year(figure.value, figure.words) or not reading.is_bare_count(
        body, figure.start, figure.end, sentence.end, figure.words
    ):
        return None
    near = body[sentence.start : sentence.end]
    if index > 0:
        before = reader.layout.sentences[index - 1]
        near = body[before.start : before.end] + " " + near
    if not reading.OFFICER_WORDS.search(near):
        return None
    return _Found(figure, index, "officers", "", NOT_STATED)


def _compact(figure: StatedFigure) -> str:
    shown = pounds(figure.value)[1:] if figure.money else str(figure.value)
    return re.sub(r"[^a-z0-9]+", "-", shown.casefold()).strip("-")


def _new_id(base: str, taken: set[str]) -> str:
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _summary(speaker: str, stated: bool, direct: bool, words: str) -> str:
    if not stated:
        return f"The article gives the figure {words}."
    if direct:
        return f"{speaker} is quoted on the figure {words}."
    return f"The article reports {speaker} on the figure {words}."


def _draft(reader: _Reader, found: _Found, crowded: bool, source_id: str) -> Draft:
    body, figure = reader.body, found.figure
    sentence = reader.layout.sentences[found.sentence]
    region, direct = _region(reader, sentence, figure)
    quote = _clause(reader, region, figure, crowded)
    speaker, role, notes, stated = _speaker(reader, found.sentence, figure)
    scope_context = reader.context.scope if reader.context else None
    after = body[found.noun_end : found.noun_end + 40] if found.noun_end else ""
    scope, places = reading.scope(quote, scope_context, after)
    if len(places) > 1:
        notes.append(f"scope: the words name {' and '.join(places)}: say which, or keep not stated")
    what = f"{figure.words} {found.noun}".strip()
    figure_fields: dict[str, Any] = {}
    if found.table == "officers":
        topic = reader.topic(found.sentence, money=False)
        figure_fields = {"number": figure.value}
        if figure.hedge:
            figure_fields["approximate"] = True
        if figure.qualifier:
            figure_fields["qualifier"] = figure.qualifier
        figure_fields |= {"kinds": found.kinds, "scope": scope, "timeframe": reading.period(quote)}
    elif found.table == "money":
        topic = reader.topic(found.sentence, money=True)
        figure_fields = {
            "amount": figure.value,
            "kind": reading.money_kind(quote),
            "comes_from": reading.comes_from(body, figure.end, sentence.end),
            "scope": scope,
            "period": reading.period(quote),
        }
    else:
        criticism = reader.topic(found.sentence, money=True) == "criticism"
        topic = "criticism" if criticism else "pledge"
        notes.append(
            f'"{figure.words}": the format has no "around" or "up to" for money (those are '
            "officer fields), so this draft keeps the amount as words, with no money table"
        )
        what = "an amount of money"
    notes.append(f'topic: suggested from the sentence; "{topic}" compares it in the '
                 f"{'row of its figure' if found.table else 'words only'}")  # fmt: skip
    fields = {
        "id": f"{topic}-{_compact(figure)}",  # made unique once the drafts are merged
        "topic": topic,
        "summary": _summary(speaker, stated, direct, what),
        "quote": quote,
        "quote_kind": "reported" if stated and not direct else "direct",
        "speaker": speaker,
        "speaker_role": role,
        "source": source_id,
    }
    return Draft(fields, found.table, figure_fields, notes, figure, stated, sentence.paragraph)


def _proof_problem(draft: Draft, archive: Archive) -> str | None:
    """Why `check` would refuse the draft, or None: proven by the same proofs it runs."""
    document = dict(draft.fields)
    if draft.table:
        document[draft.table] = draft.figure_fields
    for value in document.values():
        if isinstance(value, str) and find_unsafe(value):
            return "its sentence holds characters policy text may not hold"
    try:
        claim = msgspec.convert(document, Claim)
    except msgspec.ValidationError as exc:
        return f"it would not be a valid claim ({exc})"
    if not archive.contains(claim.quote):
        return "its quote would not be found in the archive"
    wrong = [result.problem for result in check_figures(claim) if result.problem]
    return wrong[0] if wrong else None


def _merge(drafts: list[Draft]) -> list[Draft]:
    """One draft per figure and speaker: the same "around 1,300" in the standfirst and the
    body is one claim; where only one says who said it, that one is kept."""
    kept: list[Draft | None] = []
    alike: dict[tuple[int, bool, str | None, str | None], list[int]] = {}
    for draft in drafts:
        figure = draft.figure
        same = alike.setdefault((figure.value, figure.money, figure.hedge, figure.qualifier), [])
        twin_at = next(
            (
                at for at in same
                if (twin := kept[at]) is not None
                and (twin.fields["speaker"] == draft.fields["speaker"]
                     or not twin.speaker_stated or not draft.speaker_stated)
            ),
            None,
        )  # fmt: skip
        if twin_at is None:
            same.append(len(kept))
            kept.append(draft)
            continue
        twin = kept[twin_at]
        assert twin is not None
        if draft.speaker_stated and not twin.speaker_stated:
            draft.notes.append(
                f"also stated, attributed to no one, in paragraph {twin.paragraph + 1}"
            )
            kept[twin_at] = draft
        else:
            twin.notes.append(f"also stated in paragraph {draft.paragraph + 1}")
    return [draft for draft in kept if draft is not None]


def _source(
    archive_path: Path, header: Header, context: PolicyContext | None
) -> tuple[str, str, dict[str, str] | None, list[str]]:
    """(archive as named, source id, a [[sources]] table to add or None, notes)."""
    folder = context.path.parent if context else Path.cwd()
    real = os.path.realpath(archive_path)
    if context:
        for source_id, named in context.sources:
            if os.path.realpath(folder / named) == real:
                return named, source_id, None, []
    relative = os.path.relpath(real, os.path.realpath(folder))
    notes: list[str] = []
    named = Path(relative).as_posix()
    if not re.fullmatch(r"sources/[A-Za-z0-9._-]+\.txt", named):
        safe_name = re.sub(r"[^A-Za-z0-9._-]+", "-", archive_path.stem).strip("-.") or "article"
        named = f"sources/{safe_name}.txt"
        notes.append(f"archive: the policy file needs this archive at {named}, beside it")
    taken = {source_id for source_id, _ in context.sources} if context else set()
    source_id = _new_id(policy_id(archive_path.stem)[:60].strip("-") or "article", taken)
    table = {
        "id": source_id,
        "headline": header.headline,
        "publisher": header.publisher,
        "author": header.author,
        "date": header.date,
    }
    if header.url:
        table["url"] = header.url
    table["archive"] = named
    return named, source_id, table, notes


def draft_claims(
    archive_text: str, archive_path: Path, context: PolicyContext | None = None
) -> Drafted:
    """Every figure a policy can carry in the article, drafted as a claim (ArchiveFormatError
    if the archive has no single `---` line)."""
    body = article_body(archive_text)
    archive = Archive.from_text(archive_text)
    header = read_header(archive_text)
    named, source_id, source, source_notes = _source(archive_path, header, context)
    drafted = Drafted(named, header, source_id, source, source_notes)
    reader = _Reader(body, context, header.author)
    figures = read_figures(body)
    drafted.figures_read = len(figures)
    found: list[_Found] = []
    for figure in figures:
        index = reader.layout.sentence_at(figure.start)
        result = _classify(reader, figure, index)
        if isinstance(result, str):
            drafted.skipped.append(result)
        elif result is not None:
            found.append(result)
    per_sentence: dict[int, int] = {}
    for item in found:
        per_sentence[item.sentence] = per_sentence.get(item.sentence, 0) + 1
    taken = set(context.ids) if context else set()
    drafts: list[Draft] = []
    for item in found:
        draft = _draft(reader, item, per_sentence[item.sentence] > 1, source_id)
        problem = _proof_problem(draft, archive)
        if problem is not None:
            drafted.skipped.append(f'"{item.figure.words}": {problem}')
            continue
        drafts.append(draft)
    for draft in _merge(drafts):
        if context and _already(draft, context, source_id, drafted):
            continue
        draft.fields["id"] = _new_id(draft.fields["id"], taken)
        drafted.drafts.append(draft)
    return drafted


def _already(draft: Draft, context: PolicyContext, source_id: str, drafted: Drafted) -> bool:
    figure = draft.figure
    words = figure.words
    if _words(draft.fields["quote"]) in context.quotes:
        drafted.skipped.append(f'"{words}": already drafted or claimed with the same quote')
        return True
    if draft.table:
        claim = context.figures.get((source_id, figure.value, figure.money))
        if claim is not None:
            drafted.skipped.append(f'"{words}": claim "{claim}" already carries it')
            return True
    return False
