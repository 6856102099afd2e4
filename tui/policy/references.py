"""A claim's references to other claims: the one reader of a reference, and the fields holding one.

A reference is written "claim-id" for a claim in the same file, or "policy-id:claim-id" for a
claim in another (model.ClaimRef is its pattern). The loader's checks (proof/relations.py), the
comparison, the balance ledger, the data package and the hints for a misspelt reference all
read references here, so that none of them can split one differently.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .model import Claim, Relation

Node = tuple[str, str]  # (policy id, claim id)


def node_of(ref: str, here: str = "") -> Node:
    """The (policy id, claim id) a reference names, written in policy `here`: a bare claim id is
    one of `here` (so with `here` left empty, the policy id is empty unless the reference names
    one)."""
    owner, _, claim_id = ref.rpartition(":")
    return owner or here, claim_id


@dataclass(frozen=True, slots=True)
class Reference:
    """One reference a claim makes, where it is written and what it must point at."""

    relation: Relation
    field: str  # "claims[3].part_of"
    ref: str  # as written: "claim-id" or "policy-id:claim-id"


def references(claim: Claim, index: int) -> Iterator[Reference]:
    """Every reference `claim` (the file's claims[index]) makes, in the order of RELATIONS."""
    here = f"claims[{index}]"
    for number, ref in enumerate(claim.conditional_on):
        yield Reference("conditional_on", f"{here}.conditional_on[{number}]", ref)
    if claim.part_of:
        yield Reference("part_of", f"{here}.part_of", claim.part_of)
    if claim.officers and claim.officers.against:
        yield Reference("against", f"{here}.officers.against", claim.officers.against)
    if claim.money and claim.money.pays_for:
        yield Reference("pays_for", f"{here}.money.pays_for", claim.money.pays_for)
    for number, ref in enumerate(claim.responds_to):
        yield Reference("responds_to", f"{here}.responds_to[{number}]", ref)
