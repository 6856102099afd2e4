"""Proving every field a voter reads, beyond the quote and the figure: speaker, kinds, scope,
period, kind of money, where it comes from, relations and the summary.

A field is proven when words of the source carry its value: the quote, the claim's
figure_quote, or the field's own `words` (other words of the same article, proven to be in it).
A field may instead say "not stated" (the source was read and does not say), or be given as a
reading of ours (`[[claims.readings]]`: why, and the words it rests on), which every view shows
as our reading. Anything else is a problem that names the claim and the field. The rules, the
same for everyone, are written out for authors in policies/README.md ("What check proves").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import msgspec

from ..policy.model import (
    AREA_WORDS,
    ATTRIBUTION_VERB,
    CALENDAR_NAMES,
    KIND_CARRIERS,
    MONEY_KIND_CARRIERS,
    MONEY_KINDS,
    NOT_STATED,
    OFFICER_KINDS,
    REPORTER_NOT_NAMED,
    TIME_WORDS,
    Claim,
    Money,
    MoneyKind,
    OfficerKind,
    Officers,
    Reading,
    Source,
)
from ..policy.policy_set import FieldProof, Group
from .figures import NUMBER_WORDS, StatedFigure, read_figures
from .provenance import Archive, normalise

# How far back from the quote's sentence its speaker may be named (a quote is often a
# reporter's "she said" a few sentences after the name).
SENTENCES_BEFORE = 4
# Titles that may stand before a surname without making it part of another name.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady"})
# Verbs by which an article gives words to someone ("Boris Johnson promised"), and the words
# that name no one ("He said").
SPEECH_VERBS = ("said", "says", "added", "adds", "warned", "warns", "argued", "argues", "claim",
                "claims", "claimed", "admitted", "admits", "promised", "promises", "pledged",
                "pledges", "told", "tells", "praised", "praises", "attacked", "attacks",
                "confirmed", "confirms", "announced", "announces")  # fmt: skip
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
# A capitalised word, taken whole (*+): only a space may follow it, so giving letters back
# could never make a match, and trying to took much of the speaker check's time.
_CAPITALISED = r"[A-Z][\w'’-]*+"
_ATTRIBUTION = re.compile(
    # Tried only where a match can begin (a capital, or "the "): the whole pattern is slow to
    # try and fail at every other character of a window.
    r"(?=[A-Z]|the\s)"
    rf"(?P<who>(?:[Tt]he\s+)?{_CAPITALISED}(?:\s+(?:{_CAPITALISED}|of|for|and))*)"
    rf"\s+(?:also\s+|has\s+|have\s+|had\s+)?(?:{'|'.join(SPEECH_VERBS)})\b"
)
# The small words a summary may use that the source's words need not hold (our sentence's
# grammar: "Khan said he would …" for "I will …"). No negation, "only" or other word that
# changes what is said: those must be the source's own.
SUMMARY_SMALL_WORDS = frozenset({
    "a", "an", "the", "and", "or", "but", "if", "that", "this", "these", "those", "it", "its",
    "is", "are", "was", "were", "be", "been", "being", "to", "of", "in", "on", "at", "by",
    "for", "from", "with", "as", "into", "than", "then", "so", "also", "both", "either", "he",
    "she", "they", "we", "i", "you", "his", "her", "their", "our", "my", "your", "him", "them",
    "us", "me", "who", "which", "what", "whose", "would", "will", "could", "can", "should",
    "may", "might", "must", "shall", "do", "does", "did", "had", "has", "have", "there", "here",
    "about", "after", "before", "when", "where", "while", "because", "such",
})  # fmt: skip
# What makes a figure a target, so that a difference from it compares like with like.
TARGET_WORDS = ("target", "tasked with")
# Endings a word of the source may add to a word of the value ("allocation" - "allocations",
# "national" - "nationally"), and nothing else.
_ENDINGS = ("", "s", "es", "ly")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Capitalised words that name no place (a sentence may begin with them).
NOT_NAMES = frozenset({"the", "a", "an", "this", "that", "these", "those", "what", "which",
                       "there", "here"}) | PRONOUNS  # fmt: skip


@dataclass(frozen=True, slots=True)
class Said:
    """What some words say of one field's value: whether they carry it, which other values of
    the same field they name besides it, and why they do not state this field (None: they do)."""

    carried: bool
    others: tuple[str, ...] = ()
    unfit: str | None = None

    @property
    def states(self) -> bool:
        return self.carried and not self.others and self.unfit is None


Test = Callable[[str], Said]


@dataclass(frozen=True, slots=True)
class FieldProblem:
    field: str  # relative to the claim: "officers.scope", "readings[0].rests_on"
    message: str


@lru_cache(maxsize=4096)
def words_of(text: str) -> tuple[str, ...]:
    """The words of a text, folded: case, quote marks and a possessive "'s" do not count."""
    flat = normalise(text).casefold().replace("'s ", " ").removesuffix("'s")
    return tuple(_WORD.findall(flat))


def _same_word(value: str, source: str) -> bool:
    return any(source == value + ending or value == source + ending for ending in _ENDINGS)


def carries(text: str, value: str) -> bool:
    """Whether `text` states `value`: its words, in order and next to each other."""
    wanted, found = words_of(value), words_of(text)
    if not wanted:
        return False
    if f" {' '.join(wanted)} " in _joined(text):  # the common case: the very words
        return True
    first, rest = wanted[0], wanted[1:]
    last_start = max(0, len(found) - len(rest))  # fewer words than the value's: none can
    return any(
        _same_word(first, word)
        and all(_same_word(w, found[at + i]) for i, w in enumerate(rest, start=1))
        for at, word in enumerate(found[:last_start])
    )


@lru_cache(maxsize=4096)
def _joined(text: str) -> str:
    return f" {' '.join(words_of(text))} "


class ClaimFields:
    """The proofs of one claim's fields, against the archive of its source."""

    def __init__(
        self,
        claim: Claim,
        source: Source,
        archive: Archive,
        namer: Namer,
        scopes: frozenset[str] = frozenset(),
    ) -> None:
        self.claim = claim
        self.source = source
        self.archive = archive
        self.namer = namer  # every speaker this file quotes from this source, and their names
        self.scopes = scopes  # every scope the file gives: words that name another place
        self.proofs: list[FieldProof] = []
        self.problems: list[FieldProblem] = []
        self.readings: dict[str, Reading] = {r.field: r for r in claim.readings}
        self.texts = [claim.quote] + ([claim.figure_quote] if claim.figure_quote else [])

    def run(self, figure_words: str | None) -> None:
        self._readings()
        self._speaker()
        if self.claim.officers is not None:
            self._officers(self.claim.officers)
        if self.claim.money is not None:
            self._money(self.claim.money)
        self._relations()
        self._summary(figure_words)

    # -- plumbing ---------------------------------------------------------------------------

    def _proven(self, field: str, group: Group, words: str | None) -> None:
        self.proofs.append(FieldProof(field, group, "proven", words))

    def _problem(self, field: str, message: str) -> None:
        self.problems.append(FieldProblem(field, message))

    def _in_article(self, field: str, words: str) -> bool:
        if self.archive.contains(words):
            return True
        self._problem(field, f'"{_short(words)}" is not in the archived article')
        return False

    def _carrier(
        self, words_field: str, extra: str | None, test: Test
    ) -> tuple[str | None, tuple[str, Said] | None]:
        """The words that carry a value: the quote (None stands for it), figure_quote or the
        field's own words; _MISSING when none does, _REPORTED when that is already a problem.
        Also the first of the quote and figure_quote that hold the value but do not state it
        alone (naming another value of the field too), for the message."""
        partial: tuple[str, Said] | None = None
        for text in self.texts:
            said = test(text)
            if said.states:
                return (None if text == self.claim.quote else text), None
            if said.carried and partial is None:
                partial = ("the quote" if text == self.claim.quote else "figure_quote", said)
        if extra is None:
            return _MISSING, partial
        if not self._in_article(words_field, extra):
            return _REPORTED, None
        said = test(extra)
        if not said.states:
            field = words_field.replace(".words.", ".")
            given = f'{words_field} "{_short(extra)}"'
            if not said.carried:
                self._problem(field, f"{given} does not state this value")
            elif said.unfit is not None:
                self._problem(field, f"{given}: {said.unfit}")
            else:
                self._problem(field, f"{given} {_why_not_alone(field, said)}")
            return _REPORTED, None
        return extra, None

    def _value(
        self,
        table: str,
        name: str,
        group: Group,
        value: str | None,
        words: str | None,
        test: Test | None,
    ) -> None:
        """One field: not recorded, not stated, carried by the source's words, or a reading."""
        field = f"{table}.{name}"
        if value is None or value == NOT_STATED:
            if value == NOT_STATED:
                self.proofs.append(FieldProof(field, group, "not stated"))
            if field in self.readings:
                self._problem(field, f"has a reading but is {value or 'not recorded'}")
            return
        assert test is not None
        carrier, partial = self._carrier(f"{table}.words.{name}", words, test)
        if carrier is _REPORTED:
            return
        reading = self.readings.get(field)
        if carrier is not _MISSING:
            if reading is not None:
                self._problem(
                    f"readings[{self.claim.readings.index(reading)}]",
                    f"{field} is carried by the source's words, so it is not a reading: "
                    "remove the reading",
                )
            self._proven(field, group, carrier)
        elif reading is not None:
            self.proofs.append(FieldProof(field, group, "reading", reading.rests_on))
        elif partial is not None and partial[1].unfit is not None:
            self._problem(field, partial[1].unfit)
        elif partial is not None:
            where, said = partial
            self._problem(
                field,
                f'"{_short(value)}" is in {where}, which {_why_not_alone(field, said)}, or '
                "give it as a reading of ours in [[claims.readings]]",
            )
        else:
            where = f"the quote, figure_quote or {table}.words.{name}"
            self._problem(
                field,
                f'"{_short(value)}" is not carried by {where}: give the article\'s '
                f'words that state it in [claims.{table}.words], write "not stated", or give '
                "it as a reading of ours in [[claims.readings]]",
            )

    # -- readings ---------------------------------------------------------------------------

    def _readings(self) -> None:
        seen: set[str] = set()
        for index, reading in enumerate(self.claim.readings):
            here = f"readings[{index}]"
            if reading.field in seen:
                self._problem(f"{here}.field", f"{reading.field} has two readings")
            seen.add(reading.field)
            table = reading.field.split(".", 1)[0]
            if getattr(self.claim, table) is None:
                self._problem(f"{here}.field", f"a reading of {reading.field}, which has no table")
            self._in_article(f"{here}.rests_on", reading.rests_on)

    # -- speaker ----------------------------------------------------------------------------

    def _speaker(self) -> None:
        claim, source = self.claim, self.source
        if claim.speaker_role == "reporter":
            author = source.author
            expected = REPORTER_NOT_NAMED if author == NOT_STATED else author
            if claim.speaker == expected:
                self._proven("speaker", "speakers", f"the article's author: {author}")
            else:
                self._problem(
                    "speaker",
                    f"a reporter's words are the article's author's: \"{_short(expected)}\", "
                    f'not "{_short(claim.speaker)}"',
                )
            return
        name, _, title = (part.strip() for part in claim.speaker.partition(","))
        if title and not _beside(self.archive, name, title):
            self._problem(
                "speaker",
                f'the article never sets the title "{_short(title)}" beside the name '
                f'"{_short(name)}": write the speaker as the article names them',
            )
            return
        found = self._nearest_naming()
        if found is None:
            return  # the quote is not proven: already a problem
        text, nearest = found
        called = {normalise(n.called).casefold(): n for n in self.source.names}
        if nearest is None:
            if normalise(claim.speaker).casefold() == normalise(source.author).casefold():
                # The source is the speaker's own (a statement to voters): words it gives to
                # no one are its author's, as an article's are its reporter's.
                self._proven("speaker", "speakers", f"the source's author: {source.author}")
                return
            self._problem(
                "speaker",
                f'"{_short(name)}" is not named in the quote\'s sentence or the '
                f"{SENTENCES_BEFORE} before it",
            )
            return
        words = text[nearest[0] : nearest[1]]
        if nearest[2] != name:
            self._problem(
                "speaker",
                f'the source gives these words to "{_short(nearest[2])}" (named as '
                f'"{_short(words)}" just before them), not "{_short(name)}"',
            )
            return
        used = called.get(normalise(words).casefold())
        if used is not None and not _beside(self.archive, name, used.called):
            why = used.why or ""
            self.proofs.append(FieldProof("speaker", "speakers", "reading", words, why))
        else:
            self._proven("speaker", "speakers", words)

    def _nearest_naming(self) -> tuple[str, tuple[int, int, str] | None] | None:
        """The naming that gives the quote its speaker: the first inside the quote, else the
        last before it, in its sentence or the SENTENCES_BEFORE before (read nearest first:
        most quotes name their speaker in their own sentence)."""
        for back in (0, SENTENCES_BEFORE):
            window = self.archive.window(self.claim.quote, back)
            if window is None:
                return None
            text, start, end = window
            named = self.namer.namings(text)
            inside = [n for n in named if start <= n[0] < end]
            before = [n for n in named if n[0] < start]
            if inside or before:
                return text, inside[0] if inside else before[-1]
        return text, None

    # -- figures' fields --------------------------------------------------------------------

    def _officers(self, figure: Officers) -> None:
        words = figure.words
        if isinstance(figure.kinds, list):
            self._value(
                "officers", "kinds", "kinds", ", ".join(figure.kinds), _get(words, "kinds"),
                _kinds_test(frozenset(figure.kinds)),
            )  # fmt: skip
        else:
            self._kinds_not_stated()
        self._where_and_when("officers", figure.scope, "timeframe", figure.timeframe, words)

    def _kinds_not_stated(self) -> None:
        """ "not stated" only where the quote and figure_quote name no kind: the kinds are
        the kinds the words name, for everyone alike ("police officers" names one)."""
        for text in self.texts:
            named = kinds_named(text)
            if named:
                where = "the quote" if text == self.claim.quote else "figure_quote"
                listed = ", ".join(f'"{kind}"' for kind in OFFICER_KINDS if kind in named)
                self._problem(
                    "officers.kinds",
                    f'"not stated", but {where} names {listed}: the kinds are the kinds the '
                    "words name, none left out and none added",
                )
                return
        self._value("officers", "kinds", "kinds", NOT_STATED, None, None)

    def _money(self, figure: Money) -> None:
        words = figure.words
        kind = figure.kind
        test = None if kind == "not stated" else _money_kind_test(kind)
        self._value("money", "kind", "money kinds", kind, _get(words, "kind"), test)
        self._value(
            "money", "comes_from", "money sources", figure.comes_from,
            _get(words, "comes_from"), _carrying(figure.comes_from),
        )  # fmt: skip
        self._where_and_when("money", figure.scope, "period", figure.period, words)

    def _where_and_when(
        self, table: str, scope: str | None, period_field: str, period: str | None, words: object
    ) -> None:
        """A figure's scope and period, proven alike for officers and money."""
        self._value(table, "scope", "scopes", scope, _get(words, "scope"),
                    scope_test(scope, self.scopes))  # fmt: skip
        self._value(table, period_field, "periods", period, _get(words, period_field),
                    period_test(period))  # fmt: skip

    # -- relations --------------------------------------------------------------------------

    def _relations(self) -> None:
        claim = self.claim
        officers_words = claim.officers.words if claim.officers else None
        money_words = claim.money.words if claim.money else None
        claim_words = claim.words
        for field, present, words in (
            ("conditional_on", bool(claim.conditional_on), _get(claim_words, "conditional_on")),
            ("part_of", claim.part_of is not None, _get(claim_words, "part_of")),
            ("responds_to", bool(claim.responds_to), _get(claim_words, "responds_to")),
            (
                "officers.against",
                bool(claim.officers and claim.officers.against),
                _get(officers_words, "against"),
            ),
            (
                "money.pays_for",
                bool(claim.money and claim.money.pays_for),
                _get(money_words, "pays_for"),
            ),
        ):
            table, _, name = field.rpartition(".")
            words_field = f"{table + '.' if table else ''}words.{name}"
            if present and words is None:
                self._problem(
                    field,
                    f"give the article's words that make this relation in {words_field}; "
                    "the views word the relation with them",
                )
            elif words is not None and not present:
                self._problem(words_field, f"words for a relation the claim does not make ({name})")
            elif words is not None and self._in_article(words_field, words):
                if name == "against" and not any(carries(words, w) for w in TARGET_WORDS):
                    self._problem(
                        words_field,
                        "a difference is worked out only from a target: these words do not "
                        f"call the other figure one ({' or '.join(TARGET_WORDS)})",
                    )
                    continue
                self._proven(field, "relations", words)

    # -- summary ----------------------------------------------------------------------------

    def _summary(self, figure_words: str | None) -> None:
        claim = self.claim
        summary = normalise(claim.summary)
        verb = ATTRIBUTION_VERB[claim.speaker_role]
        subjects = subject_forms(claim)
        opening = next((s for s in subjects if summary.startswith(f"{s} {verb} ")), None)
        if opening is None:
            self._problem(
                "summary",
                f'must begin with who said it and "{verb}", as every summary does: '
                + " or ".join(f'"{s} {verb} …"' for s in subjects),
            )
            return
        said = summary[len(opening) + len(verb) + 2 :]  # a name may hold a number: not a figure
        spelt = not NUMBER_WORDS.isdisjoint(words_of(said))  # reading words costs: only if any
        for stated in read_figures(said, words=spelt):
            problem = _summary_figure(claim, stated, figure_words is not None)
            if problem is not None:
                self._problem("summary", problem)
                return
        foreign = self._foreign_words(said)
        if foreign:
            listed = ", ".join(f'"{word}"' for word in foreign[:6])
            self._problem(
                "summary",
                f"{listed} {'is' if len(foreign) == 1 else 'are'} not among the source's words "
                "near the quote: a summary says what the quote says, in its words (beyond the "
                f'speaker, "{verb}", and small words such as "the" and "would")',
            )
            return
        # A summary is our words: its speaker, verb, numbers and wording are checked against
        # the source, never its meaning, so it is counted apart from what is proven.
        self.proofs.append(FieldProof("summary", "summaries", "our words", f"{opening} {verb}"))

    def _foreign_words(self, said: str) -> list[str]:
        """The summary's words that are not the source's: not in the quote, its sentence, the
        sentences before it where its speaker is named, or the claim's own words tables; nor
        a small word (SUMMARY_SMALL_WORDS), the speaker's name, or a number (the figure proof
        reads those)."""
        claim = self.claim
        texts = [*self.texts, claim.speaker, self.archive.sentence_around(claim.quote) or ""]
        window = self.archive.window(claim.quote, SENTENCES_BEFORE)
        texts.append(window[0] if window else "")
        for table in (claim.words, claim.officers and claim.officers.words,
                      claim.money and claim.money.words):  # fmt: skip
            if table:
                texts += [w for w in msgspec.structs.astuple(table) if isinstance(w, str)]
        source = {word for text in texts for word in words_of(text)}
        foreign = []
        for word in dict.fromkeys(words_of(said)):
            if word in SUMMARY_SMALL_WORDS or word.isdigit() or word in source:
                continue
            if not any(_same_word(word, known) or _same_word(known, word) for known in source):
                foreign.append(word)
        return foreign


# Sentinels no text can be (a NUL is never in a proven text): no words carry the value; or
# the words given for it fail, which is already a problem.
_MISSING = "\x00missing"
_REPORTED = "\x00reported"


def naming_problems(source: Source, archive: Archive) -> Iterator[FieldProblem]:
    """What is wrong with a source's [[sources.names]]: words not in the article, or a reading
    (the article never sets them beside the name) that does not say why."""
    for index, naming in enumerate(source.names):
        here = f"names[{index}]"
        if normalise(naming.called).casefold() not in _folded(archive):
            yield FieldProblem(f"{here}.called", f'"{_short(naming.called)}" is not in the article')
        elif naming.why is None and not _beside(archive, naming.speaker, naming.called):
            yield FieldProblem(
                f"{here}.why",
                f'the article never sets "{_short(naming.called)}" beside '
                f'"{_short(naming.speaker)}": say why you read it as them (it is then shown as '
                "our reading)",
            )


def _carrying(value: str | None) -> Test:
    return lambda text: Said(value is not None and carries(text, value))


def kinds_named(text: str) -> frozenset[OfficerKind]:
    """The kinds of officer the words name, each by its carriers (KIND_CARRIERS)."""
    return frozenset(k for k in OFFICER_KINDS if _any_carrier(text, KIND_CARRIERS[k]))


def _kinds_test(wanted: frozenset[OfficerKind]) -> Test:
    """Kinds are exactly the kinds the words name: none left out, none added."""

    def test(text: str) -> Said:
        named = kinds_named(text)
        others = tuple(f'"{kind}"' for kind in OFFICER_KINDS if kind in named - wanted)
        return Said(wanted <= named, others)

    return test


def _money_kind_test(kind: MoneyKind) -> Test:
    def test(text: str) -> Said:
        named = [k for k in MONEY_KINDS if _any_carrier(text, MONEY_KIND_CARRIERS[k])]
        return Said(kind in named, tuple(f'"{k}"' for k in named if k != kind))

    return test


def scope_test(value: str | None, scopes: frozenset[str]) -> Test:
    """A scope is carried by words naming a place, and no other place besides."""
    candidates = (*AREA_WORDS, *sorted(scopes))
    unfit = "names no place: a scope is a name the source capitalises, or an area word"
    return _field_test(value, _is_place, candidates, "scope", unfit)


def period_test(value: str | None) -> Test:
    """A period is carried by words of time, and no other time besides."""
    unfit = 'holds no word of time (a year, a month, "year", "term", "round" …)'
    return _field_test(value, _is_time, (), "period", unfit)


def _field_test(
    value: str | None,
    fits: Callable[[Sequence[str]], bool],
    candidates: Iterable[str],
    noun: str,
    unfit: str,
) -> Test:
    wanted = tuple(word.casefold() for word in _tokens(value or ""))
    phrases = [p for p in (tuple(w.casefold() for w in _tokens(c)) for c in candidates) if p]

    def test(text: str) -> Said:
        written = _tokens(text)
        found = tuple(word.casefold() for word in written)
        spans = _spans(found, wanted)
        if not wanted or not spans:
            return Said(False)
        if not any(fits(written[start:end]) for start, end in spans):
            return Said(True, unfit=f'"{_short(value or "")}" {unfit}')
        inside = {at for start, end in spans for at in range(start, end)}
        others: list[str] = []
        for phrase in phrases:
            if phrase == wanted:
                continue
            for start, end in _spans(found, phrase):
                if inside.isdisjoint(range(start, end)):
                    others.append(" ".join(written[start:end]))
        if noun == "period":
            others += [w for at, w in enumerate(written) if at not in inside and _is_time((w,))]
        return Said(True, tuple(dict.fromkeys(f'"{o}"' for o in others)))

    return test


def _why_not_alone(field: str, said: Said) -> str:
    """Why words holding a value do not state it alone: they name another value too."""
    others = ", ".join(said.others)
    if field.endswith(".kinds"):
        return (
            f"names {others} too: the kinds are exactly the kinds the words name, none left "
            "out and none added"
        )
    noun = {"scope": "scope", "timeframe": "period", "period": "period", "kind": "kind of money"}
    what = noun.get(field.rpartition(".")[2], "value")
    return (
        f"names {others} too: give the article's words that state this figure's {what} alone "
        f"in [claims.{field.partition('.')[0]}.words]"
    )


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    """The words of a text as written (case kept), without a possessive "'s"."""
    return tuple(_WORD.findall(_POSSESSIVE.sub("", normalise(text))))


_POSSESSIVE = re.compile(r"'[sS](?![^\W_])")


def _spans(found: Sequence[str], wanted: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of each place the words `wanted` stand in `found`, in order, next to
    each other (folded words; a word may add an ending, as in `carries`)."""
    size = len(wanted)
    if not size:
        return []
    return [
        (at, at + size)
        for at in range(len(found) - size + 1)
        if all(_same_word(word, found[at + i]) for i, word in enumerate(wanted))
    ]


_AREA = frozenset(word.casefold() for word in AREA_WORDS)
_TIME = frozenset(TIME_WORDS)
_CALENDAR = frozenset(CALENDAR_NAMES)


def _is_place(words: Sequence[str]) -> bool:
    """Whether the words (as the source writes them) name a place: a capitalised name, or
    an area word."""
    return any(
        (word[:1].isupper() and word.casefold() not in NOT_NAMES)
        or any(_same_word(area, word.casefold()) for area in _AREA)
        for word in words
    )


def _is_time(words: Sequence[str]) -> bool:
    """Whether the words (as the source writes them) say a time: a time word, a year, or a
    month or weekday the source capitalises."""
    return any(
        word in _CALENDAR
        or (word.isdigit() and len(word) == 4 and 1800 <= int(word) <= 2199)
        or any(_same_word(time, word.casefold()) for time in _TIME)
        for word in words
    )


def _get(words: object, name: str) -> str | None:
    return None if words is None else getattr(words, name)


def _short(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _any_carrier(text: str, carriers: Iterable[str]) -> bool:
    return any(carries(text, carrier) for carrier in carriers)


def forms(speaker: str) -> tuple[str, ...]:
    """Every way an article may name a speaker written "Name, title": the name's forms, the
    title ("London mayor") and "the" with the title's last word ("the mayor")."""
    name, _, title = (part.strip() for part in speaker.partition(","))
    if not title:
        return names(name)
    return (*names(name), title, f"the {title.split()[-1]}")


def names(person: str) -> tuple[str, ...]:
    """How an article may name a person: the whole name, and a two-word name's second word
    ("Khan" for "Sadiq Khan"). Longer names (a group, "City Hall Conservatives") only whole."""
    words = person.split()
    return (person, words[1]) if len(words) == 2 else (person,)


def subject_forms(claim: Claim) -> tuple[str, ...]:
    """Who a summary may open with: the speaker's name, its short form, or "The reporter"."""
    if claim.speaker_role == "reporter":
        return ("The reporter",)
    return names(claim.speaker.partition(",")[0].strip())


def _beside(archive: Archive, name: str, title: str) -> bool:
    """Whether the article sets the title beside the name: "shadow home secretary Yvette
    Cooper", "Yvette Cooper, shadow home secretary" or "the Home Secretary [Priti Patel]"."""
    folded = _folded(archive)
    name, title = normalise(name).casefold(), normalise(title).casefold()
    beside = (f"{title} {name}", f"{title}, {name}", f"{name}, {title}", f"{title} [{name}]")
    return any(form in folded for form in beside)


def _folded(archive: Archive) -> str:
    """The article's words casefolded, for searches that ignore case: folded once per archive
    and load, not once per claim that names a title (the body is normalised already)."""
    folded = archive.memo.get(_FOLDED)
    if folded is None:
        folded = archive.memo[_FOLDED] = archive.body.casefold()
    return folded


_FOLDED = "casefolded body"  # field_proofs' key in Archive.memo


def namer_for(speakers: set[str], source: Source) -> Namer:
    """A Namer, shared by every file that quotes the same speakers from the same source."""
    return _namer(frozenset(speakers), tuple((n.speaker, n.called) for n in source.names))


@lru_cache(maxsize=256)
def _namer(speakers: frozenset[str], names: tuple[tuple[str, str], ...]) -> Namer:
    return Namer(speakers, names)


class Namer:
    """Finds where a text names one of a source's speakers, or gives words to someone else.

    Built once per policy file and source, for every form of every speaker at once (the
    longest first, so "Susan Hall" is read before "Hall"), not one search per person.
    """

    def __init__(self, speakers: Iterable[str], names: Iterable[tuple[str, str]] = ()) -> None:
        people: dict[str, str] = {}  # a form, folded -> the person it names (first kept)
        for speaker in sorted(set(speakers)):
            person = speaker.partition(",")[0].strip()
            for form in forms(speaker):
                people.setdefault(normalise(form).casefold(), person)
        for speaker, called in names:
            people.setdefault(normalise(called).casefold(), speaker.strip())
        self.people = people
        self.ordered = sorted(people, key=len, reverse=True)
        # Plain forms (ASCII, not empty) can be found without the pattern: see form_spans.
        self.plain = all(form and form.isascii() for form in self.ordered)
        self._pattern: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        """One pattern for every form, case ignored, not inside a longer word or hyphenation.

        Compiled on first use only: it costs more than all of a file's other proofs, and most
        files never need it (see form_spans).
        """
        if self._pattern is None:
            alternatives = "|".join(re.escape(form) for form in self.ordered) or r"(?!)"
            self._pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
        return self._pattern

    def form_spans(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of each form in `text`, in order, exactly as `pattern` finds them.

        Plain forms in a text without the few characters the pattern would read as ASCII
        letters (_LOOKALIKES) are found by searching the lower-cased text: the same places,
        without compiling a pattern for every file's speakers.
        """
        if not self.plain or _LOOKALIKES.search(text):
            for match in self.pattern.finditer(text):
                yield match.span()
            return
        lowered = text.lower()  # as long as text: only a lookalike (İ) lower-cases longer
        found = []  # (start, -length): at each place, the longest form first, as the pattern
        for form in self.ordered:
            at = lowered.find(form)
            while at >= 0:
                found.append((at, -len(form)))
                at = lowered.find(form, at + 1)
        found.sort()
        after = 0
        for start, negative in found:
            end = start - negative
            if start >= after and not _in_a_word(text, start - 1) and not _in_a_word(text, end):
                yield start, end
                after = end

    def namings(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, person) wherever `text` names someone, in order of place.

        A one-word form ("Hall") right after a capitalised word is part of another name ("City
        Hall"), unless that word is an honorific ("Mr Khan"). Someone who is not one of the
        speakers is named by their own words when the text gives them words ("Boris Johnson
        promised"), so that a quote is never given to the nearest speaker we know of when the
        article gives it to someone else.
        """
        kept: list[tuple[int, int, str]] = []
        for start, end in self.form_spans(text):
            form = text[start:end]
            if " " not in form and _after_a_capitalised_word(text, start):
                continue
            kept.append((start, end, self.people[form.casefold()]))
        for match in _ATTRIBUTION.finditer(text):
            start, end = match.span("who")
            who = _LEADING_THE.sub("", match["who"])
            if who.casefold() in PRONOUNS or any(s < end and start < e for s, e, _ in kept):
                continue
            kept.append((start, end, who))
        return sorted(kept)


# The only characters besides ASCII that a case-ignoring pattern reads as an ASCII letter (İ
# and ı as i, ſ as s, the Kelvin sign as k); a test checks this against the re module.
LOOKALIKES = "\u0130\u0131\u017f\u212a"
_LOOKALIKES = re.compile(f"[{LOOKALIKES}]")
_LEADING_THE = re.compile(r"^(?:the|The)\s+")


def _in_a_word(text: str, at: int) -> bool:
    r"""Whether the character at `at` (if any) continues a word: what the pattern's (?<![\w-])
    and (?![\w-]) refuse beside a form (str.isalnum is the re module's \w, less "_")."""
    if not 0 <= at < len(text):
        return False
    char = text[at]
    return char.isalnum() or char in "_-"


def _after_a_capitalised_word(text: str, at: int) -> bool:
    """Whether a capitalised word (not an honorific, not a sentence's first) stands just before
    `at`: "City" before "Hall"."""
    offset = max(0, at - 40)
    before = _WORD_BEFORE.search(text[offset:at])
    if before is None:
        return False
    word = before.group(1)
    return (
        word[0].isupper()
        and word.casefold() not in HONORIFICS
        and not _starts_sentence(text, offset + before.start(1))
    )


_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s+$")


def _starts_sentence(text: str, at: int) -> bool:
    head = text[:at].rstrip()
    return not head or head[-1] in ".!?\"'"


def _summary_figure(claim: Claim, stated: StatedFigure, proven: bool) -> str | None:
    """Why a number in the summary is not a proven figure of the claim (None: it is)."""
    figures: list[tuple[int, bool, Officers | None]] = []
    if claim.officers and isinstance(claim.officers.number, int):
        figures.append((claim.officers.number, False, claim.officers))
    if claim.money and isinstance(claim.money.amount, int):
        figures.append((claim.money.amount, True, None))
    for value, money, officers in figures:
        if stated.value != value or stated.money != money:
            continue
        if not proven:
            return f'states "{stated.words}", a figure not proven from the source'
        if officers is not None and (
            stated.qualifier != officers.qualifier
            or (stated.hedge is not None) != officers.approximate
        ):
            return f'states "{stated.words}", not the figure as the source states it'
        return None
    return f'states "{stated.words}", which is not a figure of this claim'


def prove_fields(
    claim: Claim,
    source: Source,
    archive: Archive,
    namer: Namer,
    figure_words: str | None,
    scopes: frozenset[str] = frozenset(),
) -> tuple[list[FieldProof], list[FieldProblem]]:
    """Every field proof of one claim whose quote is proven, and every field that fails.

    They follow from these inputs alone, so a claim that another file of the same load
    repeats (a party's pledge copied into each candidate's file), from an equal source and for
    the same speakers and scopes, is proven once: the archive keeps each answer by the claim's
    quote, and one is reused only when every input is equal. An input added here joins that
    comparison.
    """
    inputs = (claim, source, namer, figure_words, scopes)
    earlier: list[_Proven] = archive.memo.setdefault((_PROVEN, claim.quote), [])
    for seen, proofs, problems in earlier:
        if seen == inputs:
            return list(proofs), list(problems)
    fields = ClaimFields(claim, source, archive, namer, scopes)
    fields.run(figure_words)
    earlier.append((inputs, tuple(fields.proofs), tuple(fields.problems)))
    return fields.proofs, fields.problems


def scopes_of(policy_scope: str | None, claims: Iterable[Claim]) -> frozenset[str]:
    """Every scope a file gives (its `who.scope` and each figure's): the places whose naming
    beside a figure's scope makes the words say no one scope."""
    found = {policy_scope} if policy_scope else set()
    for claim in claims:
        for figure in (claim.officers, claim.money):
            if figure is not None:
                found.add(figure.scope)
    return frozenset(found - {NOT_STATED})


# field_proofs' key in Archive.memo for claims already proven: (inputs, proofs, problems).
_PROVEN = "proven claims"
_Proven = tuple[
    tuple[Claim, Source, Namer, str | None, frozenset[str]],
    tuple[FieldProof, ...],
    tuple[FieldProblem, ...],
]


def speakers_by_source(claims: Iterable[Claim]) -> dict[str, set[str]]:
    """Each source's speakers as the claims write them, of every claim but a reporter's: the
    people whose names decide whose words a quote is."""
    found: dict[str, set[str]] = {}
    for claim in claims:
        if claim.speaker_role != "reporter":
            found.setdefault(claim.source, set()).add(claim.speaker)
    return found
