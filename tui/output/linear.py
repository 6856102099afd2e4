"""The comparison in reading order, for screen readers and braille displays: `hustings read`.

Topic by topic, candidate by candidate, claim by claim; flags in words, no box drawing, no
symbols standing for words, no colour. Every string from a policy file goes through `safe`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..compare.comparison import ClaimView, Comparison
from ..policy.sanitize import safe
from .claim_text import attribution
from .roll_call import heading, quoted, roll_call


def _sentence(text: str) -> str:
    """Policy text as one sentence ending in a single full stop."""
    text = safe(text).rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


def claim_lines(view: ClaimView) -> Iterator[str]:
    if view.headline is not None:
        counts = f" ({safe(view.counts).replace(' · ', ', ')})" if view.counts else ""
        yield f"Figure: {safe(view.headline)}, {view.when.short}{counts}."
    yield f"What was said: {safe(view.claim.summary)}"
    for flag in view.flags:
        yield f"Flag, {safe(flag.label).lower()}: {_sentence(flag.detail)}"
    for derived in view.derived:
        yield f"Our arithmetic: {safe(derived.label)}. {_sentence(derived.working)}"
    for reason in view.not_derived:
        yield _sentence(reason)
    if view.note:
        yield f"Note, in our words: {_sentence(view.note)}"
    for reading in view.readings:
        yield reading.sentence()
    kind = "In their own words" if view.claim.quote_kind == "direct" else "As reported"
    yield f'{kind}: "{safe(view.claim.quote)}", {attribution(view, say_kind=False)}.'
    if not view.proven:
        yield "Not proven: the quote was not found in its archived source."


def linear_lines(comparison: Comparison) -> Iterator[str]:
    if not comparison.policies:
        yield "No policies loaded."
        return
    names = [safe(p.name) for p in comparison.policies]
    # "Policies": a party's national policy is compared beside its candidates, not one of them.
    policies = "policy" if len(names) == 1 else "policies"
    yield f"hustings: what the candidates promise. {len(names)} {policies}: {', '.join(names)}."
    yield f"{comparison.order_note}."
    yield heading(comparison)
    for standing in roll_call(comparison):
        yield standing.line()
    shown = quoted(comparison)
    for row in comparison.rows:
        yield ""
        yield f"Topic: {row.spec.label}."
        for policy, cell in ((comparison.policies[at], row.cells[at]) for at in shown):
            who = policy.policy.who
            yield ""
            yield f"{safe(who.name)}, {safe(who.party)}, {safe(who.scope)}, {safe(who.race)}."
            if not cell:
                yield row.spec.empty
            for number, view in enumerate(cell, start=1):
                if len(cell) > 1:
                    yield f"Claim {number} of {len(cell)}."
                yield from claim_lines(view)
    if comparison.problems:
        yield ""
        yield f"{len(comparison.problems)} problems loading policies; run hustings check."


def render_linear(comparison: Comparison) -> str:
    return "\n".join(linear_lines(comparison)) + "\n"
