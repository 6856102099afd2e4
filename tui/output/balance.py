"""`check --balance`: a ledger per policy, so that a reviewer sees an imbalance at a glance.

Each rule is applied to every candidate alike, and still a column can read one-sided: nine
items from one old article about one candidate, another candidate with none. The ledger counts,
per policy and in the published order: claims by topic; whose words they are (the policy's own
side, opponents, reporters, officials); criticisms, and how many have a response kept beside
them (a claim whose `responds_to` names them); claims from older sources; and our readings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..compare.comparison import ClaimView, Comparison
from ..policy.model import TOPICS
from ..policy.references import node_of
from ..policy.sanitize import safe_line

# Whose words a claim is, by speaker role: the policy's own side, or someone else.
SIDES = {
    "candidate": "own side",
    "spokesperson": "own side",
    "opponent": "opponents",
    "reporter": "reporters",
    "official": "officials",
}
_SIDE_COLUMNS = ("own side", "opponents", "reporters", "officials")


def ledger(comparison: Comparison) -> Iterator[str]:
    """The ledger as lines of plain text: a header, then one line per policy."""
    answered = {
        node_of(ref, view.policy_id)
        for view in comparison.views()
        for ref in view.claim.responds_to
    }
    names = [safe_line(p.name) for p in comparison.policies]
    width = max([len("policy"), *map(len, names)])
    topics = [topic[:9] for topic in TOPICS]
    head = (
        f"{'policy':<{width}}  claims  "
        + " ".join(f"{t:>9}" for t in topics)
        + "  | "
        + " ".join(f"{s:>9}" for s in _SIDE_COLUMNS)
        + "  | criticisms answered  older  readings"
    )
    yield head
    views_by_policy: dict[str, list[ClaimView]] = {p.id: [] for p in comparison.policies}
    for view in comparison.views():
        views_by_policy[view.policy_id].append(view)
    for policy, name in zip(comparison.policies, names, strict=True):
        views = views_by_policy[policy.id]
        by_topic = Counter(view.claim.topic for view in views)
        by_side = Counter(SIDES.get(view.claim.speaker_role, "others") for view in views)
        criticisms = [view for view in views if view.claim.topic == "criticism"]
        kept = sum((policy.id, view.claim.id) in answered for view in criticisms)
        older = sum(view.older for view in views)
        readings = sum(len(view.readings) for view in views)
        yield (
            f"{name:<{width}}  {len(views):>6}  "
            + " ".join(f"{by_topic[t]:>9}" for t in TOPICS)
            + "  | "
            + " ".join(f"{by_side[s]:>9}" for s in _SIDE_COLUMNS)
            + f"  | {len(criticisms):>10} {kept:>8}  {older:>5}  {readings:>8}"
        )


def render_balance(comparison: Comparison) -> str:
    title = (
        f"balance: {len(comparison.policies)} policies, {comparison.order_note.casefold()}; "
        "topics are claims by topic; own side/opponents/reporters/officials are whose words "
        "they are; a criticism is answered when a response is kept beside it"
    )
    return "\n".join([title, *ledger(comparison)]) + "\n"
