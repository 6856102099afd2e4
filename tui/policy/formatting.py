"""Turning figures and policy text into short, safe strings for every view.

Safe means a string from a policy file can never act on the terminal: control characters are
shown as visible escapes. (Markup is handled by each view never parsing policy text as markup.)
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from .model import NOT_STATED, Money, Officers
from .sanitize import safe

__all__ = ["safe"]  # re-exported: views import `safe` from here or from `sanitize`


def pounds(amount: int) -> str:
    """£200m, £1.5bn or £27,692: the way money is written in the news."""
    if amount >= 1_000_000_000 and amount % 100_000_000 == 0:
        return f"£{amount / 1_000_000_000:g}bn"
    if amount >= 1_000_000 and amount % 100_000 == 0:
        return f"£{amount / 1_000_000:g}m"
    return f"£{amount:,}"


def officer_headline(figure: Officers) -> str:
    """≈1,300, 13,000, fewer than 1,400, or not stated."""
    if figure.number == NOT_STATED:
        return NOT_STATED
    number = f"{figure.number:,}"
    if figure.qualifier:  # the qualifier's own words, whichever of the format's it is
        return f"{figure.qualifier} {number}"
    return f"≈{number}" if figure.approximate else number


def money_headline(figure: Money) -> str:
    return pounds(figure.amount) if isinstance(figure.amount, int) else NOT_STATED


OUR_READING = "our reading"


def _ours(text: str, field: str, ours: Collection[str]) -> str:
    """A value, marked where it is our reading and not the source's words."""
    return f"{text} ({OUR_READING})" if field in ours else text


def officer_kinds(figure: Officers, ours: Collection[str] = ()) -> str:
    if figure.kinds == NOT_STATED:
        return "kinds: not stated"
    words = list(figure.kinds)  # the format's words for each kind, as the source says them
    said = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return _ours(said, "officers.kinds", ours)


def stated(value: str | None, what: str) -> str:
    """'period: 2024-25', 'period not stated' (said so) or 'period not recorded' (left out)."""
    if value is None:
        return f"{what} not recorded"
    if value == NOT_STATED:
        return f"{what}: not stated"
    return f"{what}: {value}"


def officer_counts(figure: Officers, ours: Collection[str] = ()) -> str:
    """What an officer figure counts: kinds, scope, period; each reading of ours marked."""
    return " · ".join(
        (
            officer_kinds(figure, ours),
            _ours(figure.scope, "officers.scope", ours),
            _ours(stated(figure.timeframe, "period"), "officers.timeframe", ours),
        )
    )


def money_counts(figure: Money, ours: Collection[str] = ()) -> str:
    """What a money figure is: kind, where it comes from, scope, period; readings marked."""
    kind = "kind: not stated" if figure.kind == NOT_STATED else figure.kind
    return " · ".join(
        (
            _ours(kind, "money.kind", ours),
            _ours(stated(figure.comes_from, "from"), "money.comes_from", ours),
            _ours(figure.scope, "money.scope", ours),
            _ours(stated(figure.period, "period"), "money.period", ours),
        )
    )


def shorten(words: str, most: int) -> str:
    """At most `most` characters, cut with an ellipsis: for a title or heading that a name of
    hundreds of characters (which `check` allows) must not fill."""
    return words if len(words) <= most else words[: max(0, most - 1)] + "…"


def any_of(words: Sequence[str]) -> str:
    """Every value of a closed set as a sentence names it, "a, b or c": for text that lists the
    values (a comment in a starter file, a column's description), made from the set itself."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
