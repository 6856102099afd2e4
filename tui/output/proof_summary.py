"""What `check` proved, field by field, in one line: never "every … proven" while anything is
a reading of ours, and never a count it did not make.

"ok: 16 policies, 28 claims. Proven from the archived sources: 28 quotes, 12 figures, ...;
28 summaries in our words, whose speaker, verb and numbers are proven ...; our readings, shown
as ours wherever they appear: 7 (4 speakers, 3 scopes); not stated by the sources: 21 fields."
"""

from __future__ import annotations

from collections import Counter
from typing import get_args

from ..policy.policy_set import Group, PolicySet

# Where facts that are not words of an article are proven from.
_WHENCE = {
    "source facts": " (as their archives' headers record them)",
    "candidate facts": " (from the archived list of candidates)",
}


def _counted(count: int, noun: str) -> str:
    return f"{count:,} {noun if count != 1 else _singular(noun)}"


def _singular(noun: str) -> str:
    irregular = {"summaries": "summary", "policies": "policy", "money kinds": "money kind"}
    return irregular.get(noun, noun.removesuffix("s"))


def proof_summary(result: PolicySet) -> str:
    """The one line `check` prints when nothing is wrong."""
    claims = [claim for item in result.policies for claim in item.policy.claims]
    quotes = sum(
        item.is_proven(claim.id) for item in result.policies for claim in item.policy.claims
    )
    figures = sum(len(item.figure_words) for item in result.policies)
    by_status: dict[str, Counter[str]] = {"proven": Counter(), "reading": Counter()}
    not_stated = ours = 0
    for item in result.policies:
        for proofs in item.fields.values():
            for proof in proofs:
                if proof.status == "not stated":
                    not_stated += 1
                elif proof.status == "our words":
                    ours += 1
                else:
                    by_status[proof.status][proof.group] += 1
    groups = [group for group in get_args(Group) if group != "summaries"]  # ours, not proven
    proven = [_counted(quotes, "quotes"), _counted(figures, "figures")]
    proven += [
        _counted(by_status["proven"][group], group) + _WHENCE.get(group, "") for group in groups
    ]
    readings = by_status["reading"]
    total = sum(readings.values())
    if total:
        parts = ", ".join(_counted(readings[g], g) for g in groups if readings[g])
        readings_said = f"our readings, shown as ours wherever they appear: {total:,} ({parts})"
    else:
        readings_said = "no readings of ours"
    summaries = (
        f"{_counted(ours, 'summaries')} in our words, whose speaker, verb and numbers are "
        "proven and whose other words are the source's (their meaning is not proven)"
    )
    policies = _counted(len(result.policies), "policies")
    return (
        f"ok: {policies}, {_counted(len(claims), 'claims')}. Proven from the archived sources: "
        f"{', '.join(proven)}; {summaries}; {readings_said}; not stated by the sources: "
        f"{_counted(not_stated, 'fields')}."
    )
