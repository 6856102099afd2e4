"""The comparison: topic rows x policies, with comparability flags and derived figures.

Flags and derived figures are computed here from the data, never typed into a policy file, so a
reader can trust that the same rule was applied to every candidate. Every view (table, exports,
app) draws the same Comparison, so they can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .formatting import money_counts, money_headline, officer_counts, officer_headline, pounds
from .loaded import LoadedPolicy, PolicySet
from .model import NOT_STATED, Claim, Officers, Policy, Source
from .problems import Problem


@dataclass(frozen=True, slots=True)
class RowSpec:
    key: str
    label: str
    topics: tuple[str, ...]


ROWS: tuple[RowSpec, ...] = (
    RowSpec("officers", "Officer numbers", ("officers",)),
    RowSpec("funding", "Funding", ("funding",)),
    RowSpec("conditions", "Conditions and caveats", ("condition",)),
    RowSpec("pledges", "Other pledges", ("pledge",)),
    RowSpec("record", "Record and criticism", ("record", "criticism")),
)

# One symbol per kind of flag, so a flag never relies on colour alone.
SYMBOLS = {
    "conditional": "◆",
    "scope": "≠",
    "money-kind": "≠",
    "kinds": "+",
    "kinds-not-stated": "?",
    "part-of": "⊂",
    "contains": "⊃",
    "period-not-stated": "?",
    "money-source-not-stated": "?",
    "unverified": "✗",
}


@dataclass(frozen=True, slots=True)
class Flag:
    """A reason two figures may not be comparable, or a condition or unknown to read first."""

    code: str
    label: str
    detail: str

    @property
    def symbol(self) -> str:
        return SYMBOLS.get(self.code, "!")

    def __str__(self) -> str:
        return f"{self.symbol} {self.label}"


@dataclass(frozen=True, slots=True)
class Derived:
    """A figure we calculated, with its working: our arithmetic, not anyone's claim."""

    label: str
    working: str


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

    @property
    def proven(self) -> bool:
        return self.context is not None


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

    def views(self) -> Iterable[ClaimView]:
        for row in self.rows:
            for cell in row.cells:
                yield from cell


def short_name(policy: Policy) -> str:
    """A surname, or `who.sort_as`: 'Khan', 'Labour'."""
    return policy.who.sort_as or policy.who.name.split()[-1]


def sort_key(policy: Policy) -> tuple[str, str]:
    """Alphabetical by surname (or `who.sort_as`), so no candidate is first by our choice."""
    return (short_name(policy).casefold(), policy.who.name.casefold())


ORDER_NOTE = "Ordered alphabetically by surname"


def compare(policy_set: PolicySet) -> Comparison:
    """Build the comparison of every loaded policy."""
    loaded = sorted(policy_set.policies, key=lambda item: sort_key(item.policy))
    index = _ClaimIndex(loaded)
    rows = []
    for spec in ROWS:
        per_policy = [[c for c in item.policy.claims if c.topic in spec.topics] for item in loaded]
        row_flags = _row_flags([c for cell in per_policy for c in cell])
        cells = tuple(
            tuple(_view(item, claim, index, row_flags) for claim in claims)
            for item, claims in zip(loaded, per_policy, strict=True)
        )
        rows.append(Row(spec, cells))
    views = tuple(PolicyView(item.policy, item.path) for item in loaded)
    return Comparison(views, tuple(rows), policy_set.problems, ORDER_NOTE)


class _ClaimIndex:
    """Find a claim by reference ("id" in the same file, or "policy:id") across loaded files."""

    def __init__(self, loaded: Sequence[LoadedPolicy]) -> None:
        self.policies = {item.policy.id: item.policy for item in loaded}
        self.claims = {
            (item.policy.id, claim.id): claim for item in loaded for claim in item.policy.claims
        }
        self.part_of: dict[tuple[str, str], list[tuple[str, Claim]]] = {}
        for item in loaded:
            for claim in item.policy.claims:
                if claim.part_of:
                    whole = self.resolve(item.policy.id, claim.part_of)
                    self.part_of.setdefault(whole, []).append((item.policy.id, claim))

    def resolve(self, here: str, ref: str) -> tuple[str, str]:
        owner, _, claim_id = ref.rpartition(":")
        return owner or here, claim_id

    def get(self, here: str, ref: str) -> Claim | None:
        return self.claims.get(self.resolve(here, ref))

    def owner_name(self, policy_id: str) -> str:
        policy = self.policies.get(policy_id)
        return short_name(policy) if policy else policy_id


def _row_flags(claims: list[Claim]) -> dict[str, tuple[Flag, ...]]:
    """Flags that depend on the row: figures of different scope or kind of money side by side."""
    scopes: dict[str, str] = {}  # casefolded -> as first written
    for claim in claims:
        for figure in (claim.officers, claim.money):
            if figure:
                scopes.setdefault(figure.scope.casefold(), figure.scope)
    money_kinds = {c.money.kind for c in claims if c.money and c.money.kind != NOT_STATED}
    flags: dict[str, tuple[Flag, ...]] = {}
    for claim in claims:
        found: list[Flag] = []
        for figure in (claim.officers, claim.money):
            if figure and len(scopes) > 1:
                mine = figure.scope.casefold()
                others = ", ".join(sorted(v for k, v in scopes.items() if k != mine))
                detail = f"this figure is {figure.scope}; others in this row are {others}"
                found.append(Flag("scope", figure.scope.upper(), detail))
        money = claim.money
        if money and money.kind != NOT_STATED and len(money_kinds) > 1:
            others = ", ".join(sorted(k for k in money_kinds if k != money.kind))
            detail = f"this is {money.kind}; others in this row are {others}"
            found.append(Flag("money-kind", money.kind.upper(), detail))
        flags[claim.id] = tuple(found)
    return flags


def _view(
    item: LoadedPolicy, claim: Claim, index: _ClaimIndex, row_flags: dict[str, tuple[Flag, ...]]
) -> ClaimView:
    here = item.policy.id
    headline = counts = None
    if claim.officers:
        headline, counts = officer_headline(claim.officers), officer_counts(claim.officers)
    elif claim.money:
        headline, counts = money_headline(claim.money), money_counts(claim.money)
    flags = [*_claim_flags(here, claim, index), *row_flags.get(claim.id, ())]
    if not item.is_proven(claim.id):
        flags.insert(
            0,
            Flag(
                "unverified",
                "QUOTE NOT FOUND IN SOURCE",
                "`check` could not find this quote in its archived source",
            ),
        )
    sources = {source.id: source for source in item.policy.sources}
    return ClaimView(
        policy_id=here,
        claim=claim,
        source=sources.get(claim.source),
        headline=headline,
        counts=counts,
        flags=tuple(flags),
        derived=tuple(_derived(here, claim, index)),
        context=item.context.get(claim.id),
    )


def _claim_flags(here: str, claim: Claim, index: _ClaimIndex) -> Iterable[Flag]:
    """Flags that belong to the claim itself, whatever it is compared with."""
    for ref in claim.conditional_on:
        condition = index.get(here, ref)
        detail = condition.summary if condition else f"on {ref} (not loaded)"
        yield Flag("conditional", "CONDITIONAL", detail)
    if claim.officers:
        yield from _officer_flags(claim.officers)
    if claim.money:
        if claim.money.comes_from in (None, NOT_STATED):
            yield Flag(
                "money-source-not-stated",
                "SOURCE OF MONEY NOT STATED",
                "where the money would come from is not stated",
            )
        if claim.money.period in (None, NOT_STATED):
            yield Flag(
                "period-not-stated",
                "PERIOD NOT STATED",
                "over what period the money would be spent is not stated",
            )
    if claim.part_of:
        whole_id = index.resolve(here, claim.part_of)
        whole = index.claims.get(whole_id)
        if whole is None:
            yield Flag(
                "part-of",
                f"PART OF {claim.part_of} (NOT LOADED)",
                "counted inside another policy's figure, not loaded here: never add the two",
            )
        else:
            owner = index.owner_name(whole_id[0])
            figure = officer_headline(whole.officers) if whole.officers else whole.id
            yield Flag(
                "part-of",
                f"PART OF {owner.upper()}'S {figure}",
                f"counted inside {owner}'s {figure}: never add the two",
            )
    for owner_id, part in index.part_of.get((here, claim.id), []):
        owner = index.owner_name(owner_id)
        figure = officer_headline(part.officers) if part.officers else part.id
        yield Flag(
            "contains",
            f"INCLUDES {owner.upper()}'S {figure}",
            f"{owner}'s {figure} is counted inside this figure: never add the two",
        )


def _officer_flags(figure: Officers) -> Iterable[Flag]:
    if figure.kinds == NOT_STATED:
        yield Flag(
            "kinds-not-stated",
            "KINDS NOT STATED",
            "the source does not say whether PCSOs or volunteer specials are counted",
        )
    else:
        extra = [k for k in ("PCSOs", "special constables") if k in figure.kinds]
        if extra:
            label = "INCLUDES " + " AND ".join(
                "PCSOs" if k == "PCSOs" else "SPECIALS" for k in extra
            )
            yield Flag(
                "kinds",
                label,
                "PCSOs are not warranted officers; special constables are unpaid volunteers",
            )
    if figure.timeframe in (None, NOT_STATED):
        yield Flag(
            "period-not-stated", "PERIOD NOT STATED", "by when, or over what period, is not stated"
        )


def _derived(here: str, claim: Claim, index: _ClaimIndex) -> Iterable[Derived]:
    """Our arithmetic on figures the sources give, each with its working and its caveat."""
    note = "Our arithmetic, not anyone's claim."
    money = claim.money
    if money and money.pays_for and isinstance(money.amount, int):
        target = index.get(here, money.pays_for)
        if target and target.officers and isinstance(target.officers.number, int):
            number = target.officers.number
            each = round(money.amount / number)
            yield Derived(
                f"{pounds(each)} per officer, if all of it went on them",
                f"{pounds(money.amount)} ÷ {number:,} officers = {pounds(each)} each. {note} "
                "Only if all of the money paid for those officers; the period is not stated, "
                "so this is not a yearly cost.",
            )
    figure = claim.officers
    if figure and claim.part_of and isinstance(figure.number, int):
        whole = index.get(here, claim.part_of)
        if whole and whole.officers and isinstance(whole.officers.number, int):
            share = figure.number / whole.officers.number * 100
            about = "about " if figure.approximate or whole.officers.approximate else ""
            yield Derived(
                f"{about}{share:.0f}% of {whole.officers.number:,}",
                f"{figure.number:,} ÷ {whole.officers.number:,} = {about}{share:.0f}%. {note}",
            )
    if figure and figure.against and isinstance(figure.number, int):
        target = index.get(here, figure.against)
        if target and target.officers and isinstance(target.officers.number, int):
            yield _difference(target.officers.number, figure, note)


def _difference(target: int, actual: Officers, note: str) -> Derived:
    assert isinstance(actual.number, int)
    gap = target - actual.number
    bound = {"fewer than": "more than ", "more than": "fewer than "}.get(actual.qualifier or "", "")
    shown = f"{actual.qualifier} {actual.number:,}" if actual.qualifier else f"{actual.number:,}"
    word = "short of" if gap >= 0 else "over"
    return Derived(
        f"{bound}{abs(gap):,} {word} the {target:,}",
        f"{target:,} − {shown} = {bound}{abs(gap):,}. {note}",
    )
