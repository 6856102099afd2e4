"""From an archived article to claim drafts: every figure a policy can carry, each with its
quote, speaker, fields and suggested topic, each proven as `check` would prove it.

A figure a policy can carry is money (with £ or "pounds") or a count of police: one followed by
what it counts ("1,300 additional neighbourhood police officers"), or a count in digits with no
noun of its own ("London should get 2,000 in the first round") in a sentence that, or whose
sentence before, speaks of police. Counts of anything else, years, dates and shares are left.

A field is set only where words of the article carry it: the quote, or else the article's words
it was read from, written in the figure's `words` table as the format asks. The quote of words
"X said" reports starts after "X said", so that the naming nearest it is its speaker's, as check
reads it; a quotation whose speaker is named after it ("..., said X") is quoted with that name.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from ...policy.formatting import any_of, pounds
from ...policy.model import (
    MAX_PEOPLE,
    MAX_POUNDS,
    NOT_STATED,
    OFFICER_KINDS,
    SPEAKER_ROLES,
    Claim,
    OfficerKind,
    SpeakerRole,
)
from ...policy.sanitize import find_unsafe
from ...policy.scaffold import policy_id
from ..field_proofs import Said, carries, kinds_named, names, scope_test
from ..figure_proofs import check_figures
from ..figures import StatedFigure, read_figures
from ..header import Header, read_header
from ..provenance import Archive, article_body, normalise
from . import reading
from .context import PolicyContext
from .draft import Draft, reporter, summary
from .proving import SourceFile, file_scopes, settle, source_file
from .speakers import Attribution, attributions, role_of, sole_person, speaker_for
from .text import Layout, Quotation, Sentence, Span, clauses, layout, trimmed

MIN_DIRECT_WORDS = 5  # a quotation of fewer words ("around 1,300") is the reporter's account
MAX_PER_SENTENCE = 200  # drafts from one sentence (see _within_reason)
_PRONOUN_DEPTH = 3
_TITLE = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Cllr|Councillor|Prof)\.?\s+")
# What may stand between "X said" and what was said: "that", a comma, a colon.
_SAID_THAT = re.compile(r"[\s,:]*(?:that\s+)?")


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

    def __init__(self, body: str, context: PolicyContext | None, known: SourceFile) -> None:
        self.body = body
        self.known = known  # the file's source table and its claims: who check reads as whom
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
    """Whether the article's name for the speaker is this policy's candidate, by a name check
    reads as theirs: the whole name, or a two-word name's surname, with or without a title
    ("Mr Khan"). A title alone ("the mayor") is not: a candidate for mayor is not the mayor."""
    if context is None or context.name is None:
        return False
    said = normalise(_TITLE.sub("", who)).casefold()
    return any(said == normalise(name).casefold() for name in names(context.name))


@dataclass
class _Speaker:
    speaker: str
    role: SpeakerRole
    notes: list[str]
    stated: bool
    placeholder: bool = False  # the role is our stand-in: the words do not give it
    own_words: bool = False  # the source is theirs: its words are their own, not reported


def _speaker(reader: _Reader, index: int, figure: StatedFigure) -> _Speaker:
    """Who said the words at the figure, written as check will prove them."""
    who, found = reader.speaker(index, figure.start)
    context, known = reader.context, reader.known
    if who is None and known.own:
        assert context is not None and context.name is not None
        own = f"speaker: the source's author is {context.name}: words it gives to no one are theirs"
        return _Speaker(context.name, "candidate", [own], True, own_words=True)
    if who is None:
        note = "speaker: the article gives these words to no one, so they are its reporter's"
        return _Speaker(reporter(known.source), "reporter", [note], False)
    person = known.person(who)
    if person is not None:
        read = [] if who == person else [
            f'speaker: the article says "{who}", which this file\'s claims of this source read '
            f"as {person}"
        ]  # fmt: skip
        role = known.roles.get(person)
        if role is not None:
            read.append(f'speaker_role: "{role}", as this file\'s claims of {person} give it')
            return _Speaker(known.speakers[person], role, read, True)
        who = person
    if _is_candidate(who, context):
        assert context is not None and context.name is not None
        read_as = [] if who == context.name else [
            f'speaker: the article says "{who}", read as {context.name}, this policy\'s candidate'
        ]  # fmt: skip
        return _Speaker(context.name, "candidate", read_as, True)
    speaker = who[0].upper() + who[1:] if who.startswith("the ") else who
    titled = _title_note(who, context)
    role = _role(role_of(f"{found.role_words} {who}" if found else who))
    if role is None or role == "reporter":  # a reporter's words are the author's, not theirs
        return _Speaker(speaker, "official", [*titled,
            f'speaker_role: the words do not say what "{who}" is in this story; "official" is '
            f"our placeholder, not the article's: choose {any_of(SPEAKER_ROLES)}"
        ], True, placeholder=True)  # fmt: skip
    return _Speaker(speaker, role, titled, True)


def _role(words: str | None) -> SpeakerRole | None:
    return next((role for role in SPEAKER_ROLES if role == words), None)


def _title_note(who: str, context: PolicyContext | None) -> list[str]:
    """A note where a title ("the mayor") is one the policy's own role holds ("Mayor of
    Anytown"; not "Candidate for Mayor", who is not the mayor): the article may mean its
    candidate, but never sets the title beside their name, so check proves it only as a reading
    of ours, declared with why."""
    if context is None or not context.name or not context.role or not who.startswith("the "):
        return []
    if re.search(r"\bcandidate\b", context.role, re.IGNORECASE):
        return []
    noun = who.split()[-1]
    if re.search(rf"\b{re.escape(noun)}\b", context.role, re.IGNORECASE) is None:
        return []
    return [
        f'speaker: "{who}" may be {context.name} (the policy\'s role is "{context.role}"), but '
        "the article does not set it beside the name: to read it so, add a [[sources.names]] "
        "table with why (check then shows the speaker as our reading) and draft again"
    ]


def _region(reader: _Reader, sentence: Sentence, figure: StatedFigure) -> tuple[Span, bool]:
    """(the words to quote, direct): a quotation of the speaker's own words that holds the
    figure, else the whole sentence."""
    quotation = reader.layout.quotation_around(figure.start, figure.end)
    if quotation is not None:
        inner = Span(max(quotation.start, sentence.start), min(quotation.end, sentence.end))
        if len(reader.body[inner.start : inner.end].split()) >= MIN_DIRECT_WORDS:
            return trimmed(reader.body, inner), True
    return Span(sentence.start, sentence.end), False


def _clause(reader: _Reader, region: Span, figure: StatedFigure, crowded: bool) -> Span:
    """The region, or where it holds other figures too, the clause that holds this one."""
    if crowded:
        pieces = reader.clauses(region)
        at = bisect_right([piece.start for piece in pieces], figure.start) - 1
        if at >= 0 and pieces[at].holds(figure.start, figure.end):
            piece = pieces[at]
            body = reader.body
            end = piece.start + len(body[piece.start : piece.end].rstrip(". "))
            return Span(piece.start, end)
    return region


def _attributed(
    reader: _Reader, span: Span, sentence: Sentence, figure: StatedFigure, crowded: bool
) -> Span:
    """The quote as check reads its speaker: what "X said" reports starts after "X said" (so
    the naming nearest it is X's, not an earlier one in the sentence); a quotation whose
    speaker is named after it ("..., said X") takes in its sentence, and so that name."""
    local = speaker_for(reader.attributions(reader.layout.sentence_at(figure.start)), figure.start)
    if local is None:
        return span
    if not local.after and span.start <= local.at and local.end <= figure.start:
        said = _SAID_THAT.match(reader.body, local.end)
        start = said.end() if said else local.end
        return trimmed(reader.body, Span(start, span.end)) if start <= figure.start else span
    if local.after and local.at >= span.end and not local.pronoun and not crowded:
        return Span(sentence.start, sentence.end)
    return span


def _carried(
    value: Any, quote: str, evidence: str | None, test: Callable[[str], bool]
) -> tuple[Any, str | None]:
    """(value, the words for its `words` entry): carried by the quote (no entry needed), else
    by the words it was read from; "not stated" when neither carries it, as check reads."""
    if value == NOT_STATED or test(quote):
        return value, None
    if evidence and test(evidence):
        return value, evidence
    return NOT_STATED, None


@dataclass(frozen=True, slots=True)
class _Found:
    figure: StatedFigure
    sentence: int
    table: str | None  # officers, money, or None: money with a hedge the format cannot carry
    noun: str  # what an officer figure counts, in the article's words
    kinds: list[OfficerKind] | str
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


def _kinds_carried(kinds: list[OfficerKind]) -> Callable[[str], bool]:
    """Words that name exactly these kinds, as check reads them (none left out or added)."""
    return lambda text: kinds_named(text) == frozenset(kinds)


def _carrying(value: str) -> Callable[[str], bool]:
    return lambda text: carries(text, value)


def _stating(test: Callable[[str], Said]) -> Callable[[str], bool]:
    """Words that state the value as check reads them: carried, and naming no other."""
    return lambda text: test(text).states


def _draft(reader: _Reader, found: _Found, crowded: bool, source_id: str) -> Draft:
    body, figure = reader.body, found.figure
    sentence = reader.layout.sentences[found.sentence]
    region, direct = _region(reader, sentence, figure)
    span = _attributed(reader, _clause(reader, region, figure, crowded), sentence, figure, crowded)
    quote = _words(body[span.start : span.end])
    said = _speaker(reader, found.sentence, figure)
    notes = said.notes
    scope_context = reader.context.scope if reader.context else None
    scope, places = reading.scope(quote, scope_context)
    scope_words: str | None = None
    following = (
        reading.national_after(body, found.noun_end, sentence.end) if found.noun_end else None
    )
    if following is not None:  # "13,000 extra officers nationwide"
        scope, places = reading.national(following), []
        scope_words = _words(body[figure.start : following.end()])
    if len(places) > 1:
        notes.append(f"scope: the words name {' and '.join(places)}: say which, or keep not stated")
    what = f"{figure.words} {found.noun}".strip()
    figure_fields: dict[str, Any] = {}
    words: dict[str, str] = {}
    scopes = reader.known.scopes | {scope}
    scope, scope_words = _carried(scope, quote, scope_words, _stating(scope_test(scope, scopes)))
    if found.table == "officers":
        topic = reader.topic(found.sentence, money=False)
        figure_fields = {"number": figure.value}
        if figure.hedge:
            figure_fields["approximate"] = True
        if figure.qualifier:
            figure_fields["qualifier"] = figure.qualifier
        noun = _words(body[figure.start : found.noun_end]) if found.noun_end else None
        kinds, kinds_words = (
            _carried(found.kinds, quote, noun, _kinds_carried(found.kinds))
            if isinstance(found.kinds, list)
            else (NOT_STATED, None)
        )
        if kinds == NOT_STATED and (named := kinds_named(quote)):
            # The kinds are the kinds the words name: "not stated" only where they name none.
            kinds = [kind for kind in OFFICER_KINDS if kind in named]
            notes.append(
                f"kinds: the quote names {', '.join(kinds)} but not beside the figure: check "
                "they are what it counts, or choose a quote that names only what it counts"
            )
        figure_fields |= {"kinds": kinds, "scope": scope, "timeframe": reading.period(quote)}
        words = {k: v for k, v in (("kinds", kinds_words), ("scope", scope_words)) if v}
    elif found.table == "money":
        topic = reader.topic(found.sentence, money=True)
        source, source_end = reading.comes_from(body, figure.end, sentence.end)
        evidence = _words(body[figure.start : source_end]) if source_end else None
        comes_from, from_words = _carried(source, quote, evidence, _carrying(source))
        figure_fields = {
            "amount": figure.value,
            "kind": reading.money_kind(quote),
            "comes_from": comes_from,
            "scope": scope,
            "period": reading.period(quote),
        }
        words = {k: v for k, v in (("comes_from", from_words), ("scope", scope_words)) if v}
        what = figure.words
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
    notes.append(
        "summary: who said it, the one verb and the figure in the article's words: say what "
        "the quote says in neutral words taken from it, keeping the opening and the figure as "
        "it is (check finds each word near the quote; the meaning is yours to check)"
    )
    # Words with no figure table keep no number: the summary is the quote's words without it.
    said_words = what if found.table else _without(quote, figure.words) or what
    fields = {
        "id": f"{topic}-{_compact(figure)}",  # made unique once the drafts are merged
        "topic": topic,
        "summary": summary(said.speaker, said.role, said_words),
        "quote": quote,
        "quote_kind": "reported" if said.stated and not (direct or said.own_words) else "direct",
        "speaker": said.speaker,
        "speaker_role": said.role,
        "source": source_id,
    }
    draft = Draft(fields, found.table, figure_fields, notes, figure, said.stated,
                  sentence.paragraph, what, words)  # fmt: skip
    if said.placeholder:
        draft.comments["speaker_role"] = "our placeholder: the article does not say; see the note"
    return draft


def _without(quote: str, words: str) -> str:
    """The quote's words without the figure's: what a summary of words, no figure, may say."""
    return " ".join(quote.replace(words, " ").split()).strip(" ,.;:")


def _proof_problem(draft: Draft, archive: Archive) -> str | None:
    """Why `check` would refuse the draft's quote or figure, or None: the same proofs it runs
    (its speaker and other fields are proven with the file's claims, in proving.py)."""
    document = draft.document()
    if any(find_unsafe(value) for value in _texts(document)):
        return "its sentence holds characters policy text may not hold"
    try:
        claim = msgspec.convert(document, Claim)
    except msgspec.ValidationError as exc:
        return f"it would not be a valid claim ({exc})"
    if not archive.contains(claim.quote):
        return "its quote would not be found in the archive"
    wrong = [result.problem for result in check_figures(claim) if result.problem]
    return wrong[0] if wrong else None


def _texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    return [value] if isinstance(value, str) else []


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
    known = _known(source, source_id, archive, header, context)
    reader = _Reader(body, context, known)
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
    found = _within_reason(found, per_sentence, reader, drafted)
    taken = set(context.ids) if context else set()
    drafts: list[Draft] = []
    for item in found:
        draft = _draft(reader, item, per_sentence[item.sentence] > 1, source_id)
        problem = _proof_problem(draft, archive)
        if problem is not None:
            drafted.skipped.append(f'"{item.figure.words}": {problem}')
            continue
        drafts.append(draft)
    fresh = [
        d for d in _merge(drafts) if not (context and _already(d, context, source_id, drafted))
    ]
    refused = settle(fresh, known)
    for draft, reason in refused:
        drafted.skipped.append(f'"{draft.figure.words}": {reason}')
    dropped = {id(draft) for draft, _ in refused}
    for draft in fresh:
        if id(draft) not in dropped:
            draft.fields["id"] = _new_id(draft.fields["id"], taken)
            drafted.drafts.append(draft)
    return drafted


def _within_reason(
    found: list[_Found], per_sentence: dict[int, int], reader: _Reader, drafted: Drafted
) -> list[_Found]:
    """The figures of a sentence, up to MAX_PER_SENTENCE: check proves each quote's speaker over
    its sentence up to the quote, so the drafts of one sentence of thousands of figures (a
    table pasted as prose) would take check, and the drafting, time growing as their square."""
    kept: list[_Found] = []
    counted: dict[int, int] = {}
    for item in found:
        counted[item.sentence] = counted.get(item.sentence, 0) + 1
        if counted[item.sentence] <= MAX_PER_SENTENCE:
            kept.append(item)
        elif counted[item.sentence] == MAX_PER_SENTENCE + 1:
            left = per_sentence[item.sentence] - MAX_PER_SENTENCE
            paragraph = reader.layout.sentences[item.sentence].paragraph + 1
            drafted.skipped.append(
                f"{left:,} figures of one sentence in paragraph {paragraph}, from "
                f'"{item.figure.words}" on: a sentence gets at most {MAX_PER_SENTENCE} drafts '
                "(one of more figures is a list; quote its figures yourself)"
            )
    return kept


def _known(
    table: dict[str, str] | None,
    source_id: str,
    archive: Archive,
    header: Header,
    context: PolicyContext | None,
) -> SourceFile:
    """The source as check will read it with the drafts: the policy's own table and claims,
    or the table the drafts add. A table of the policy's that is not valid (check reports it)
    is read as its header says, under its id."""
    document = context.document if context else {}
    if table is None:
        table = next(
            (s for s in document.get("sources") or [] if isinstance(s, dict)
             and s.get("id") == source_id),
            None,
        )  # fmt: skip
    candidate = context.name if context else None
    if table is not None:
        try:
            return source_file(table, archive, document, candidate)
        except msgspec.ValidationError:
            pass
    fallback = {
        "id": source_id,
        "headline": header.headline,
        "publisher": header.publisher,
        "author": header.author,
        "date": header.date,
        "archive": "sources/a.txt",  # not read: the proofs are given the archive itself
    }
    known = source_file(fallback, archive, {}, candidate)
    known.scopes = file_scopes({}, context.scope if context else None)
    return known


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
