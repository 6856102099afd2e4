"""Who stands: every policy of the comparison, in the published order, one line each.

Every view opens with it, so that no view reads as a race of the few candidates the archived
articles happen to quote. A candidate the articles say nothing about is named here, with their
ballot description and the one sentence NOTHING_SAID (the same words for each), and is not given
a column or a section of empty rows; everyone else's claims follow, topic by topic.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..compare.comparison import NOTHING_SAID, Comparison
from ..compare.eras import date_in_words
from ..policy.model import CandidateList, Claim
from ..policy.sanitize import safe
from .balance import SIDES


@dataclass(frozen=True, slots=True)
class Standing:
    """One line of the roll call."""

    name: str
    party: str  # "" where the name says it already: "Labour Party (national)"
    said: str  # NOTHING_SAID, or how many claims follow

    def line(self) -> str:
        return (
            f"{self.name} ({self.party}): {self.said}"
            if self.party
            else f"{self.name}: {self.said}"
        )


def whose_words(claims: Sequence[Claim]) -> str:
    """'all in their own side's words', or '12 in their own side's, 2 in opponents', 4 in
    reporters' words': a claim in a candidate's section is about them, not always their words.
    The sides are the ledger's (balance.SIDES), in its order."""
    sides = Counter(SIDES.get(claim.speaker_role, "others") for claim in claims)
    if set(sides) == {"own side"}:
        return "all in their own side's words"
    order = [*dict.fromkeys(SIDES.values()), "others"]
    said = [f"{sides[side]} in {_possessive(side)}" for side in order if sides[side]]
    return ", ".join(said) + " words"


def _possessive(side: str) -> str:
    return "their own side's" if side == "own side" else f"{side}'"


def roll_call(comparison: Comparison) -> Iterator[Standing]:
    for policy in comparison.policies:
        who = policy.policy.who
        claims = policy.policy.claims
        count = len(claims)
        said = (
            NOTHING_SAID
            if policy.nothing_said
            else f"{count} claim{'s' * (count != 1)} below: {whose_words(claims)}."
        )
        party = "" if who.party.casefold() in who.name.casefold() else safe(who.party)
        yield Standing(safe(who.name), party, said)


def quoted(comparison: Comparison) -> list[int]:
    """The places (in `comparison.policies`) of the policies that have claims to compare."""
    return [at for at, policy in enumerate(comparison.policies) if not policy.nothing_said]


def candidate_list(comparison: Comparison) -> CandidateList | None:
    """The published list of candidates the race's candidates cite, when they all cite one."""
    lists = {
        (c.publisher, c.date, c.url, c.what, c.archive): c
        for policy in comparison.policies
        if (c := policy.policy.who.listed_in) is not None
    }
    return next(iter(lists.values())) if len(lists) == 1 else None


def heading(comparison: Comparison) -> str:
    """'13 candidates stand (the list published by LondonWorld on 28 March 2024: URL, each named
    and described as on our archived copy of its names and ballot descriptions); with 1
    national party policy.' The copy is ours, and says so: not the publisher's page."""
    candidates = [p for p in comparison.policies if p.policy.who.election is not None]
    others = len(comparison.policies) - len(candidates)
    listed = candidate_list(comparison)
    where = ""
    if listed:
        named = (
            ", each named and described as on our archived copy of its names and ballot "
            "descriptions"
            if listed.archive
            else ""
        )
        where = (
            f" (the list published by {safe(listed.publisher)} on {date_in_words(listed.date)}: "
            f"{safe(listed.url)}{named})"
        )
    count = len(candidates)
    line = f"{count} candidate{'s' * (count != 1)} stand{'s' * (count == 1)}{where}"
    if others:
        line += f"; with {others} national party {'policy' if others == 1 else 'policies'}"
    return line + "."
