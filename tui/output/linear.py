"""The comparison in reading order, for screen readers and braille displays: `hustings read`.

Topic by topic, candidate by candidate, claim by claim; flags in words, no box drawing, no
symbols standing for words, no colour. Each claim's sentences come from `spoken`, which the app
can reuse. Every string from a policy file goes through `safe`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ..compare.comparison import NOTHING_SAID, ClaimView, Comparison, RowSpec
from ..compare.flags import Flag
from ..policy.sanitize import safe
from .roll_call import heading, quoted, roll_call
from .spoken import claim_sentences, spoken


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
                yield from claim_sentences(view)
    if comparison.problems:
        yield ""
        yield f"{len(comparison.problems)} problems loading policies; run hustings check."


def render_linear(comparison: Comparison) -> str:
    return "\n".join(linear_lines(comparison)) + "\n"


# -- the app's screen-reader layout: what it says of a claim, in read's words ---------------
# The app shows `announcement`, then `spoken.claim_sentences`, for each claim. The words of a
# figure and of a flag are read's (`spoken.claim_sentences`): change `_figure_words` and
# `_flag_name` with them.


def _figure_words(view: ClaimView) -> str | None:
    """The figure and its year, as read's 'Figure:' sentence says them: 'around 1,300, 2024'."""
    return None if view.headline is None else spoken(f"{safe(view.headline)}, {view.when.short}")


def _flag_name(flag: Flag) -> str:
    """A flag's name, as read's 'Flag, …:' sentence says it."""
    return spoken(safe(flag.said))


def announcement(
    view: ClaimView, name: str, topic: str, number: int = 1, count: int = 1
) -> list[str]:
    """A selected claim in read's words and order, in lines a screen reader reads one at a
    time. The first is where the app's cursor is, and is read first: who, on what, and the
    figure if there is one, short enough to fit on one line of a terminal 80 wide. The next,
    when there is one: which of their claims it is, its flags, and whether it is unproven,
    reached by reading on (a long list of flags wrapped and left the cursor line ending
    'Flags:'); then read's sentences, what was said among them."""
    figure = _figure_words(view)
    first = f"{safe(name)}, {topic}." + (f" Figure: {figure}." if figure is not None else "")
    more = []
    if count > 1:
        more.append(f"Claim {number} of {count}.")
    if view.flags:
        names = "; ".join(dict.fromkeys(_flag_name(flag) for flag in view.flags))
        more.append(f"Flags: {names}.")
    if not view.proven:
        more.append("Not proven.")
    return [first, " ".join(more)] if more else [first]


def candidate_summary(
    name: str, cells: Iterable[tuple[RowSpec, Sequence[ClaimView]]], nothing_said: bool = False
) -> str:
    """A candidate's line in a race's overview, in words where the table has symbols: each
    topic's first figure (or how many claims, or the articles' silence) and its flags. One the
    articles say nothing about gets the one sentence, as the table gives them."""
    words = [f"{safe(name)}."]
    if nothing_said:
        return f"{words[0]} {NOTHING_SAID}"
    for spec, views in cells:
        if not views:
            words.append(f"{spec.label}: {spec.empty}")
            continue
        first = _figure_words(views[0])
        said = first if first is not None else f"{len(views)} claim{'s' * (len(views) != 1)}"
        if first is not None and len(views) > 1:
            said += f", and {len(views) - 1} more"
        flags = "; ".join(dict.fromkeys(_flag_name(f) for view in views for f in view.flags))
        # Of several claims, the flags are the cell's, not the first figure's.
        among = f"flags among the {len(views)}" if len(views) > 1 else "flags"
        words.append(f"{spec.label}: {said}" + (f"; {among}: {flags}." if flags else "."))
    return " ".join(words)
