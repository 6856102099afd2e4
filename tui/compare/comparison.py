"""The comparison: topic rows x policies, with comparability flags and derived figures.

Flags and derived figures are computed here from the data, never typed into a policy file, so a
reader can trust that the same rule was applied to every candidate. Every view (table, exports,
app) draws the same Comparison, so they can never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from ..policy.formatting import (
    money_counts,
    money_headline,
    officer_counts,
    officer_headline,
    officer_kinds,
    pounds,
)
from ..policy.model import (
    NOT_STATED,
    OFFICER_KINDS,
    QUALIFIER_BOUND,
    Claim,
    Money,
    Officers,
    Policy,
    Source,
)
from ..policy.policy_set import FieldProof, LoadedPolicy, PolicySet
from ..policy.problems import Problem
from ..policy.references import node_of
from ..policy.sanitize import safe
from .eras import When, one_term_before, source_when, term_years
from .flags import Flag, FlagKind

__all__ = ["ClaimView", "Comparison", "Derived", "Flag", "FlagKind", "compare"]


@dataclass(frozen=True, slots=True)
class RowSpec:
    key: str
    label: str
    topics: tuple[str, ...]
    # What an empty cell says: the articles' silence, in the same words for every candidate.
    empty: str
    # The label as a column heading where a topic gets ten-odd columns (the race overview).
    heading: str


ROWS: tuple[RowSpec, ...] = (
    RowSpec("officers", "Officer numbers", ("officers",),
            "The archived articles give no officer number.", "Officers"),
    RowSpec("funding", "Funding", ("funding",), "The archived articles give no funding.",
            "Funding"),
    RowSpec("conditions", "Conditions and caveats", ("condition",),
            "The archived articles state no condition or caveat.", "Conditions"),
    RowSpec("pledges", "Other pledges", ("pledge",),
            "The archived articles report no other pledge.", "Pledges"),
    RowSpec("record", "Record and criticism", ("record", "criticism"),
            "The archived articles report no record or criticism.", "Record"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Derived:
    """A figure we calculated, with its working: our arithmetic, not anyone's claim."""

    label: str
    working: str


# What a claim field is called where a reading of it is shown.
FIELD_WORDS = {
    "speaker": "speaker",
    "summary": "summary",
    "conditional_on": "condition",
    "part_of": "part of",
    "responds_to": "responds to",
    "officers.against": "against",
    "money.pays_for": "pays for",
    "officers.kinds": "kinds",
    "officers.scope": "scope",
    "officers.timeframe": "period",
    "money.kind": "kind of money",
    "money.comes_from": "where the money comes from",
    "money.scope": "scope",
    "money.period": "period",
}


@dataclass(frozen=True, slots=True)
class ReadingView:
    """A field's value that no words of the source carry, as ours: shown as "our reading"."""

    field: str  # "officers.scope", "speaker"
    value: str
    why: str
    rests_on: str  # the source's words it rests on
    checked: bool = True  # False: the claim's quote is not proven, so neither are these words

    @property
    def what(self) -> str:
        return FIELD_WORDS.get(self.field, self.field)

    def sentence(self) -> str:
        """'Our reading of the scope: London. Why: … It rests on the source's words "…".'
        Of a claim whose quote is not proven, the words are not called the source's."""
        why = self.why.rstrip()
        why = why if why.endswith((".", "!", "?")) else why + "."
        rests = (
            f"It rests on the source's words “{self.rests_on}”."
            if self.checked
            else f"It rests on the words “{self.rests_on}”, not proven from the archived source."
        )
        return f"Our reading of the {self.what}: {self.value}. {why} {rests}"


# One sentence for a candidate the archived sources say nothing about: the same for each.
NOTHING_SAID = "The archived articles say nothing about them."


@dataclass(frozen=True, slots=True)
class ClaimView:
    """One claim as every view shows it: headline first, then what it counts, then flags."""

    policy_id: str
    claim: Claim
    source: Source | None
    headline: str | None  # None: the claim carries no figure
    counts: str | None
    flags: tuple[Flag, ...]
    derived: tuple[Derived, ...]
    context: str | None  # the sentence around the quote in the archive; None if not proven
    when: When  # the source's place in time: "2024", "Dec 2019 or later", "undated"
    older: bool = False  # from before the previous election of this race's kind
    figure_words: str | None = None  # the source's words that prove the figure
    # Why a derived figure one might expect is not given ("No share of the 13,000: ...").
    not_derived: tuple[str, ...] = ()
    readings: tuple[ReadingView, ...] = ()  # the fields given as our readings, not the source's
    note: str | None = None  # context in our words, shown as a note wherever the claim is
    fields: tuple[FieldProof, ...] = ()  # how `check` proved each field (for the trace)

    @property
    def proven(self) -> bool:
        return self.context is not None

    @property
    def read(self) -> frozenset[str]:
        """The fields shown as our reading ("officers.scope", "speaker")."""
        return frozenset(reading.field for reading in self.readings)


@dataclass(frozen=True, slots=True)
class PolicyView:
    policy: Policy
    path: str

    @property
    def id(self) -> str:
        return self.policy.id

    @property
    def name(self) -> str:
        return self.policy.who.name

    @property
    def nothing_said(self) -> bool:
        """A candidate the archived sources say nothing about: shown with NOTHING_SAID."""
        return not self.policy.claims


@dataclass(frozen=True, slots=True)
class Row:
    spec: RowSpec
    cells: tuple[tuple[ClaimView, ...], ...]  # one cell per policy, in policy order


@dataclass(frozen=True, slots=True)
class Comparison:
    policies: tuple[PolicyView, ...]
    rows: tuple[Row, ...]
    problems: tuple[Problem, ...]
    order_note: str
    election: str | None = None  # the race, when the policies name one

    def views(self) -> Iterable[ClaimView]:
        for row in self.rows:
            for cell in row.cells:
                yield from cell


def short_name(policy: Policy) -> str:
    """A surname, or `who.sort_as`: 'Khan', 'Labour' (the whole name if it has no words)."""
    words = policy.who.name.split()
    return policy.who.sort_as or (words[-1] if words else policy.who.name)


def sort_key(policy: Policy) -> tuple[str, str]:
    """Alphabetical by surname (or `who.sort_as`), so no candidate is first by our choice."""
    return (short_name(policy).casefold(), policy.who.name.casefold())


ORDER_NOTE = "Ordered alphabetically by surname"
PARTY_ORDER_NOTE = "Ordered alphabetically by surname; party policies beside their candidates"


# Words in `who.party` that name no party: independents share no national policy.
NO_PARTY = frozenset({"independent", "none", "no party", "non-party"})


def stands_for_a_party(party: str) -> bool:
    return party.strip().casefold() not in NO_PARTY


def is_party_policy(policy: Policy, loaded: Sequence[LoadedPolicy]) -> bool:
    """A policy naming no election, of a party that has a candidate (naming one) here."""
    if policy.who.election is not None or not stands_for_a_party(policy.who.party):
        return False
    party = policy.who.party.casefold()
    return any(
        item.policy.who.election is not None and item.policy.who.party.casefold() == party
        for item in loaded
    )


def published_order(loaded: Sequence[LoadedPolicy]) -> tuple[list[LoadedPolicy], str]:
    """Alphabetical by surname; a party's national policy right after that party's (first)
    candidate, so it reads beside the people it applies to. The note says which rule applied."""
    ordered = sorted(loaded, key=lambda item: sort_key(item.policy))
    national = [item for item in ordered if is_party_policy(item.policy, ordered)]
    if not national:
        return ordered, ORDER_NOTE
    placed = {id(item) for item in national}
    result = [item for item in ordered if id(item) not in placed]
    for item in national:
        party = item.policy.who.party.casefold()
        at = next(
            i for i, other in enumerate(result)
            if other.policy.who.election is not None and other.policy.who.party.casefold() == party
        )  # fmt: skip
        while at + 1 < len(result) and id(result[at + 1]) in placed:
            at += 1  # after the party's other national policies already placed
        result.insert(at + 1, item)
    return result, (ORDER_NOTE if result == ordered else PARTY_ORDER_NOTE)


OUR_ARITHMETIC = "Our arithmetic, not anyone's claim."


def _flag(kind: FlagKind, label: str, detail: str, words: str = "") -> Flag:
    """A flag whose words are safe to print: labels and details are built from policy data.
    `words`: the label as a sentence says it, names with their capitals."""
    return Flag(kind, safe(label), safe(detail), safe(words))


def _legend_flag(kind: FlagKind) -> Flag:
    """A flag that reads as its legend says: the same words wherever it appears."""
    return Flag(kind, kind.legend, kind.meaning)


def race_of(loaded: Sequence[LoadedPolicy]) -> str | None:
    """The one election the policies name, or None when they name none or several."""
    elections = {item.policy.who.election for item in loaded} - {None}
    return elections.pop() if len(elections) == 1 else None


def compare(policy_set: PolicySet) -> Comparison:
    """Build the comparison of every loaded policy.

    A policy id names one column, one pick, one export record: of two files with the same id
    (a copied template) only the first, by file name, is compared, and `check` already reports
    the second ('policy id "x" is also used by ...'). Both shown, the views mixed them up.
    """
    loaded, order_note = published_order(_first_of_each_id(policy_set.policies))
    index = _ClaimIndex(loaded)
    election = race_of(loaded)
    cutoff = one_term_before(election) if election else None
    years = term_years(election) if election else 0
    names = {item.policy.id: short_name(item.policy) for item in loaded}
    rows = []
    for spec in ROWS:
        per_policy = [[c for c in item.policy.claims if c.topic in spec.topics] for item in loaded]
        row_flags = _row_flags(
            [
                (item.policy.id, c)
                for item, cell in zip(loaded, per_policy, strict=True)
                for c in cell
            ],
            names,
        )
        cells = tuple(
            tuple(_view(item, claim, index, row_flags, cutoff, years) for claim in claims)
            for item, claims in zip(loaded, per_policy, strict=True)
        )
        rows.append(Row(spec, cells))
    views = tuple(PolicyView(item.policy, item.path) for item in loaded)
    return Comparison(views, tuple(rows), policy_set.problems, order_note, election)


def _first_of_each_id(loaded: Sequence[LoadedPolicy]) -> list[LoadedPolicy]:
    seen: set[str] = set()
    first = []
    for item in loaded:
        if item.policy.id not in seen:
            seen.add(item.policy.id)
            first.append(item)
    return first


class _ClaimIndex:
    """Find a claim by reference ("id" in the same file, or "policy:id") across loaded files."""

    def __init__(self, loaded: Sequence[LoadedPolicy]) -> None:
        self.policies = {item.policy.id: item.policy for item in loaded}
        self.claims = {
            (item.policy.id, claim.id): claim for item in loaded for claim in item.policy.claims
        }
        self.sources = {
            (item.policy.id, claim.id): source_when(_source_of(item.policy, claim))
            for item in loaded
            for claim in item.policy.claims
        }
        self.part_of: dict[tuple[str, str], list[tuple[str, Claim]]] = {}
        for item in loaded:
            for claim in item.policy.claims:
                if claim.part_of:
                    whole = node_of(claim.part_of, item.policy.id)
                    if whole != (item.policy.id, claim.id):
                        self.part_of.setdefault(whole, []).append((item.policy.id, claim))

    def get(self, here: str, ref: str) -> Claim | None:
        return self.claims.get(node_of(ref, here))

    def when(self, here: str, ref: str) -> When:
        return self.sources.get(node_of(ref, here), source_when(None))

    def owner_name(self, policy_id: str) -> str:
        policy = self.policies.get(policy_id)
        return short_name(policy) if policy else policy_id


def _source_of(policy: Policy, claim: Claim) -> Source | None:
    return next((s for s in policy.sources if s.id == claim.source), None)


# Flags that say what a figure is set beside; the rest belong to the claim, wherever it is shown.
ROW_FLAG_KINDS = frozenset({FlagKind.SCOPE, FlagKind.MONEY_KIND})


def as_shown(comparison: Comparison, shown: Collection[str]) -> Comparison:
    """The comparison as the panes set `shown` (policy ids) side by side.

    "Not like for like" is said of figures that share a row on screen. With three of a race's
    sixteen picked, a flag earned against a hidden national figure ("≠ NORTHFIELD" on three
    Northfield figures) points at nothing the voter can see; so the row flags are made again
    from the shown policies alone, by the same rule for every one of them. Every other flag
    belongs to the claim and is kept. Nothing hidden: the comparison itself.
    """
    if all(policy.id in shown for policy in comparison.policies):
        return comparison
    rows = []
    for row in comparison.rows:
        claims = [
            (view.policy_id, view.claim)
            for policy, cell in zip(comparison.policies, row.cells, strict=True)
            if policy.id in shown
            for view in cell
        ]
        flags = _row_flags(claims, {p.id: short_name(p.policy) for p in comparison.policies})
        cells = tuple(
            tuple(
                _with_row_flags(view, flags.get((view.policy_id, view.claim.id), ()))
                for view in cell
            )
            if policy.id in shown
            else cell
            for policy, cell in zip(comparison.policies, row.cells, strict=True)
        )
        rows.append(Row(row.spec, cells))
    return replace(comparison, rows=tuple(rows))


def _with_row_flags(view: ClaimView, row_flags: tuple[Flag, ...]) -> ClaimView:
    kept = tuple(flag for flag in view.flags if flag.kind not in ROW_FLAG_KINDS)
    return replace(view, flags=(*kept, *row_flags))  # row flags come last, as `_view` puts them


def _stated_figures(claim: Claim) -> Iterator[tuple[Officers | Money, str]]:
    """The claim's figures that are stated (a number, an amount), with their headlines: a
    figure that is "not stated" is compared with nothing, so no flag warns about it."""
    if claim.officers and isinstance(claim.officers.number, int):
        yield claim.officers, officer_headline(claim.officers)
    if claim.money and isinstance(claim.money.amount, int):
        yield claim.money, money_headline(claim.money)


def _others(items: list[str]) -> str:
    shown = items[:3] + ([f"{len(items) - 3} more"] if len(items) > 3 else [])
    return ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]


def _row_flags(
    claims: list[tuple[str, Claim]], names: dict[str, str]
) -> dict[tuple[str, str], tuple[Flag, ...]]:
    """Flags that depend on the row: stated figures of different scope, or amounts of different
    kinds of money, side by side. Each says which figures beside it differ, and how.

    Keyed by (policy id, claim id): two policies may use the same claim id. `names`: policy id
    -> the short name a figure is owned by ("Labour's 13,000").
    """
    figures = [
        (policy_id, claim, figure, headline)
        for policy_id, claim in claims
        for figure, headline in _stated_figures(claim)
    ]
    flags: dict[tuple[str, str], list[Flag]] = {(p, c.id): [] for p, c in claims}
    for policy_id, claim, figure, _ in figures:
        mine = figure.scope.casefold()
        # (flag, the value it names, how this figure is, the figures that differ, the advice)
        differences = [(
            FlagKind.SCOPE, figure.scope, f"this figure is {figure.scope}",
            [f"{names.get(p, p)}'s {h} is {f.scope}"
             for p, c, f, h in figures if f.scope.casefold() != mine],
            "not like for like, so do not compare them directly",
        )]  # fmt: skip
        if isinstance(figure, Money) and figure.kind != NOT_STATED:
            differences.append((
                FlagKind.MONEY_KIND, figure.kind, f"this is {figure.kind}",
                [f"{names.get(p, p)}'s {h} is {f.kind}" for p, c, f, h in figures
                 if isinstance(f, Money) and f.kind not in (NOT_STATED, figure.kind)],
                "do not compare the amounts directly",
            ))  # fmt: skip
        for kind, value, this, others, advice in differences:
            if others:
                detail = f"{this}; in this row, {_others(others)}: {advice}"
                flags[(policy_id, claim.id)].append(_flag(kind, value.upper(), detail, value))
    return {key: tuple(found) for key, found in flags.items()}


def _view(
    item: LoadedPolicy,
    claim: Claim,
    index: _ClaimIndex,
    row_flags: dict[tuple[str, str], tuple[Flag, ...]],
    cutoff: dt.date | None,
    years: int = 0,
) -> ClaimView:
    here = item.policy.id
    readings = _readings(item, claim)
    ours = frozenset(reading.field for reading in readings)
    headline = counts = None
    if claim.officers:
        headline, counts = officer_headline(claim.officers), officer_counts(claim.officers, ours)
    elif claim.money:
        headline, counts = money_headline(claim.money), money_counts(claim.money, ours)
    source = _source_of(item.policy, claim)
    when = source_when(source)
    older = when.older_than(cutoff)
    flags = [*_claim_flags(here, claim, index), *row_flags.get((here, claim.id), ())]
    if older:
        flags.insert(
            0,
            _flag(
                FlagKind.OLDER,
                f"OLDER CONTEXT ({when.short})",
                f"Source date: {when.long}. "
                + ("The earliest date its text allows" if when.earliest else "That")
                + f" is more than {years} years before this election ({years} years: the usual "
                "time between elections of this kind), so this is shown as context, not as a "
                "current pledge.",
                f"older context ({when.short})",
            ),
        )
    figure_words = item.figure_words.get(claim.id)
    if headline is not None and headline != NOT_STATED and figure_words is None:
        flags.insert(0, _legend_flag(FlagKind.FIGURE_UNPROVEN))
    if not item.is_proven(claim.id):
        flags.insert(0, _legend_flag(FlagKind.UNVERIFIED))
    derived, not_derived = _derived(here, claim, index, when)
    return ClaimView(
        policy_id=here,
        claim=claim,
        source=source,
        headline=headline,
        counts=counts,
        flags=tuple(flags),
        derived=tuple(derived),
        context=item.context.get(claim.id),
        when=when,
        older=older,
        figure_words=figure_words,
        not_derived=tuple(not_derived),
        readings=readings,
        note=safe(claim.note) if claim.note else None,
        fields=item.fields.get(claim.id, ()),
    )


def _readings(item: LoadedPolicy, claim: Claim) -> tuple[ReadingView, ...]:
    """The claim's fields given as our readings: its [[claims.readings]], and a speaker named
    by words the article never sets beside their name (check says which)."""
    found = []
    for proof in item.fields.get(claim.id, ()):
        if proof.field == "speaker" and proof.status == "reading":
            name = claim.speaker.partition(",")[0].strip()
            found.append(ReadingView("speaker", safe(name), safe(proof.why or ""),
                                     safe(proof.words or "")))  # fmt: skip
    for reading in claim.readings:
        table, _, name = reading.field.partition(".")
        figure = getattr(claim, table)
        value = getattr(figure, name, None) if figure is not None else None
        if isinstance(value, list):
            value = ", ".join(value)
        found.append(ReadingView(reading.field, safe(str(value or NOT_STATED)),
                                 safe(reading.why), safe(reading.rests_on),
                                 checked=item.is_proven(claim.id)))  # fmt: skip
    return tuple(found)


def _claim_flags(here: str, claim: Claim, index: _ClaimIndex) -> Iterable[Flag]:
    """Flags that belong to the claim itself, whatever it is compared with."""
    for ref in claim.conditional_on:
        condition = index.get(here, ref)
        detail = condition.summary if condition else f"on {ref} (not loaded)"
        yield _flag(FlagKind.CONDITIONAL, "CONDITIONAL", detail)
    if claim.officers:
        yield from _officer_flags(claim.officers)
    if claim.money:
        if claim.money.comes_from in (None, NOT_STATED):
            yield _legend_flag(FlagKind.MONEY_SOURCE_NOT_STATED)
        if claim.money.period in (None, NOT_STATED):
            yield _legend_flag(FlagKind.PERIOD_NOT_STATED)
    if claim.part_of:
        whole_id = node_of(claim.part_of, here)
        whole = index.claims.get(whole_id)
        words = claim.words.part_of if claim.words else None
        if whole is None or whole_id == (here, claim.id):
            yield _flag(
                FlagKind.PART_OF,
                f"{claim.part_of} (NOT LOADED)",
                "the source links this figure to another policy's, not loaded here: never add "
                "the two",
                f"linked to {claim.part_of} (not loaded)",
            )
        else:
            owner = index.owner_name(whole_id[0])
            figure = officer_headline(whole.officers) if whole.officers else whole.id
            yield _flag(
                FlagKind.PART_OF,
                _linked(f"{owner.upper()}'S {figure}", words),
                _linked_detail(words),
                "linked to " + _linked(f"{owner}'s {figure}", words),
            )
    for owner_id, part in index.part_of.get((here, claim.id), []):
        owner = index.owner_name(owner_id)
        figure = officer_headline(part.officers) if part.officers else part.id
        words = part.words.part_of if part.words else None
        yield _flag(
            FlagKind.CONTAINS,
            _linked(f"{owner.upper()}'S {figure}", words),
            _linked_detail(words),
            "linked to " + _linked(f"{owner}'s {figure}", words),
        )


def _linked(figure: str, words: str | None) -> str:
    """A link between two figures, as the source words it: 'LABOUR'S 13,000: “would come…”'."""
    return f"{figure}: “{words}”" if words else figure


def _linked_detail(words: str | None) -> str:
    """Worded like every other flag's detail: in lower case, with no full stop of its own."""
    shown = " in the words shown" if words else ""
    return f"the source links the two figures{shown}: never add them together"


def _officer_flags(figure: Officers) -> Iterable[Flag]:
    if figure.kinds == NOT_STATED:
        yield _legend_flag(FlagKind.KINDS_NOT_STATED)
    else:
        extra = [k for k in OFFICER_KINDS if k != "police officers" and k in figure.kinds]
        if extra:
            label = "INCLUDES " + " AND ".join(k if k != k.casefold() else k.upper() for k in extra)
            yield _flag(
                FlagKind.KINDS,
                label,
                "the source counts "
                + " and ".join(k for k in figure.kinds if k != "police officers")
                + " in this figure: it is not a count of police officers alone",
                "includes " + " and ".join(extra),
            )
    if figure.timeframe in (None, NOT_STATED):
        yield _legend_flag(FlagKind.PERIOD_NOT_STATED)


def _derived(
    here: str, claim: Claim, index: _ClaimIndex, when: When
) -> tuple[list[Derived], list[str]]:
    """Our arithmetic on figures the sources give, only where it is sound, else why not.

    The same rules for every candidate: a share only between counts of the same stated kinds;
    money per head only when the heads' kinds and the money's period are stated; a difference
    only between figures of the same scope and kinds; never across eras.
    """
    results: list[Derived | str] = []
    money = claim.money
    if money and money.pays_for:
        target = index.get(here, money.pays_for)
        results.append(_per_head(claim, target, when, index.when(here, money.pays_for)))
    figure = claim.officers
    if figure and claim.part_of:
        whole = index.get(here, claim.part_of)
        if whole is not None and whole is not claim:
            results.append(_share(figure, whole, when, index.when(here, claim.part_of)))
    if figure and figure.against:
        target = index.get(here, figure.against)
        if target is not None and target is not claim:
            results.append(_difference(figure, target, when, index.when(here, figure.against)))
    derived = [result for result in results if isinstance(result, Derived)]
    refused = [safe(result) for result in results if isinstance(result, str)]
    return derived, refused


def _per_head(claim: Claim, target: Claim | None, when: When, target_when: When) -> Derived | str:
    money = claim.money
    assert money is not None
    heads = target.officers if target else None
    if heads is None or not isinstance(heads.number, int) or not isinstance(money.amount, int):
        return "No cost per officer: one of the two figures is not stated."
    number = heads.number
    missing = []
    if heads.kinds == NOT_STATED:
        missing.append(f"what kinds of officer the {number:,} are")
    if money.period in (None, NOT_STATED):
        missing.append(f"over what period the {pounds(money.amount)} would be spent")
    if missing:
        return "No cost per officer: the article does not say " + ", nor ".join(missing) + "."
    if when.short != target_when.short:
        return "No cost per officer: the two figures come from sources of different dates."
    if number == 0:
        return "No cost per officer: the officer count is zero."
    each = round(money.amount / number)
    kinds = officer_kinds(heads)
    return Derived(
        safe(f"{pounds(each)} per head ({kinds}), if all of it went on them"),
        safe(
            f"{pounds(money.amount)} ÷ {number:,} {kinds} = {pounds(each)} each, over "
            f"{money.period}. {OUR_ARITHMETIC} Only if all of the money paid for those people."
        ),
    )


def _share(figure: Officers, whole_claim: Claim, when: When, whole_when: When) -> Derived | str:
    whole = whole_claim.officers
    if whole is None or not isinstance(whole.number, int) or not isinstance(figure.number, int):
        return "No share of the whole: one of the two figures is not stated."
    total = f"{whole.number:,}"
    if figure.kinds == NOT_STATED or whole.kinds == NOT_STATED:
        unstated = (
            "either figure counts"
            if figure.kinds == whole.kinds
            else f"the {total if whole.kinds == NOT_STATED else f'{figure.number:,}'} counts"
        )
        return (
            f"No share of the {total}: the article does not say what kinds of officer "
            f"{unstated}, so the two may not count the same people."
        )
    if set(figure.kinds) != set(whole.kinds):
        return (
            f"No share of the {total}: the two figures count different kinds of officer "
            f"({officer_kinds(figure)}; {officer_kinds(whole)})."
        )
    if when.short != whole_when.short:
        return f"No share of the {total}: the two figures come from sources of different dates."
    if whole.number == 0:
        return f"No share of the {total}: the whole is zero."
    share = figure.number / whole.number * 100
    about = "about " if figure.approximate or whole.approximate or figure.qualifier else ""
    return Derived(
        f"{about}{share:.0f}% of {total}",
        f"{figure.number:,} ÷ {total} = {about}{share:.0f}%. {OUR_ARITHMETIC}",
    )


def _difference(
    actual: Officers, target_claim: Claim, when: When, target_when: When
) -> Derived | str:
    target = target_claim.officers
    if target is None or not isinstance(target.number, int) or not isinstance(actual.number, int):
        return "No difference from the target: one of the two figures is not stated."
    if actual.scope.casefold() != target.scope.casefold():
        return "No difference from the target: the two figures are of different scope."
    if actual.kinds != target.kinds:
        return "No difference from the target: the two figures count different kinds of officer."
    if when.short != target_when.short:
        return "No difference from the target: the two come from sources of different dates."
    gap = target.number - actual.number
    bound = _gap_bound(actual, gap)
    shown = f"{actual.qualifier} {actual.number:,}" if actual.qualifier else f"{actual.number:,}"
    word = "below" if gap >= 0 else "above"
    return Derived(
        f"{bound}{abs(gap):,} {word} the target of {target.number:,}",
        f"{target.number:,} − {shown} = {bound}{abs(gap):,}. {OUR_ARITHMETIC}",
    )


def _gap_bound(actual: Officers, gap: int) -> str:
    """How exact a gap from a target is, from how exact the figure is: "fewer than 1,400" is
    "more than 600" short of 2,000, "up to 1,400" is "at least 600" short of it."""
    if actual.qualifier is None:
        return "about " if actual.approximate else ""
    side, strict = QUALIFIER_BOUND[actual.qualifier]
    # Below the target, a figure bounded from above leaves a gap bounded from below.
    gap_bounded_below = (side == "upper") == (gap >= 0)
    if gap_bounded_below:
        return "more than " if strict else "at least "
    return "fewer than " if strict else "up to "
