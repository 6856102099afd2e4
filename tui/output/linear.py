"""The comparison in reading order, for screen readers and braille displays: `hustings read`.

Topic by topic, candidate by candidate, claim by claim; flags in words, no box drawing, no
symbols standing for words, no colour. Each claim's sentences come from `spoken`, which the app
can reuse. Every string from a policy file goes through `safe`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..compare.comparison import Comparison
from ..policy.sanitize import safe
from .spoken import claim_sentences


def linear_lines(comparison: Comparison) -> Iterator[str]:
    if not comparison.policies:
        yield "No policies loaded."
        return
    names = [safe(p.name) for p in comparison.policies]
    # "Policies": a party's national policy is compared beside its candidates, not one of them.
    policies = "policy" if len(names) == 1 else "policies"
    yield f"hustings: what the candidates promise. {len(names)} {policies}: {', '.join(names)}."
    yield f"{comparison.order_note}."
    for row in comparison.rows:
        yield ""
        yield f"Topic: {row.spec.label}."
        for policy, cell in zip(comparison.policies, row.cells, strict=True):
            who = policy.policy.who
            yield ""
            yield f"{safe(who.name)}, {safe(who.party)}, {safe(who.scope)}, {safe(who.race)}."
            if not cell:
                yield row.spec.empty
            for number, view in enumerate(cell, start=1):
                if len(cell) > 1:
                    yield f"Claim {number} of {len(cell)}."
                yield from claim_sentences(view)
    if comparison.problems:
        yield ""
        yield f"{len(comparison.problems)} problems loading policies; run hustings check."


def render_linear(comparison: Comparison) -> str:
    return "\n".join(linear_lines(comparison)) + "\n"
