"""Proving each figure from the words of its source: the number, its "around", its "fewer than".

A claim's quote is proven to be in its archive (provenance.py); here the figure typed into the
policy file is proven to be the one those proven words state. The words may be the quote, or a
second span of the same source the claim names in `figure_quote` (a figure the reporter gives
next to the quote). Nothing else counts: not the summary, not the note, not our header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..policy.formatting import pounds
from ..policy.model import Claim
from .figures import StatedFigure, hedge_before, read_figures


@dataclass(frozen=True, slots=True)
class FigureCheck:
    """The outcome for one figure: the proving words, or what is wrong (never both)."""

    field: str  # "officers.number" or "money.amount"
    words: str | None  # the source's words that state the figure: "around 1,300"
    problem: str | None


def _shown(value: int, money: bool) -> str:
    return pounds(value) if money else f"{value:,}"


def _wanted(claim: Claim) -> list[tuple[str, int, bool, bool, str | None]]:
    """(field, value, is money, approximate, qualifier) for each stated figure of the claim."""
    wanted: list[tuple[str, int, bool, bool, str | None]] = []
    figure = claim.officers
    if figure is not None and isinstance(figure.number, int):
        wanted.append(("officers", figure.number, False, figure.approximate, figure.qualifier))
    money = claim.money
    if money is not None and isinstance(money.amount, int):
        wanted.append(("money", money.amount, True, False, None))
    return wanted


def check_figures(claim: Claim) -> list[FigureCheck]:
    """Prove every figure of `claim` from its quote (and `figure_quote`), or say what differs."""
    wanted = _wanted(claim)
    if not wanted:
        return []
    if len(wanted) == 1 and claim.figure_quote is None:
        proven = _proven_near(claim.quote, *wanted[0])
        if proven is not None:
            return [proven]
    texts = [claim.quote] + ([claim.figure_quote] if claim.figure_quote else [])
    where = "the quote or figure_quote" if claim.figure_quote else "the quote"
    stated = _near(texts, wanted)
    if any(not any(f.value == value for f in stated) for _, value, *_ in wanted):
        stated = [figure for text in texts for figure in read_figures(text)]
    results = []
    for table, value, money, approximate, qualifier in wanted:
        field = f"{table}.{'amount' if money else 'number'}"
        same = [f for f in stated if f.value == value and f.money == money]
        if not same:
            results.append(
                FigureCheck(field, None, _not_stated(field, value, money, where, stated))
            )
            continue
        exact = [f for f in same if f.approximate == approximate and f.qualifier == qualifier]
        if exact:
            results.append(FigureCheck(field, exact[0].words, None))
            continue
        found = same[0]
        wrong = "approximate" if found.approximate != approximate else "qualifier"
        results.append(
            FigureCheck(f"{table}.{wrong}", None, _mismatch(table, found, approximate, qualifier))
        )
    return results


def _proven_near(
    text: str, table: str, value: int, money: bool, approximate: bool, qualifier: str | None
) -> FigureCheck | None:
    """The common case, cheaply: one figure, written in its usual spelling, exactly as stated.

    Anything else (not found this way, or found with another hedge) returns None, and the
    caller reads the whole text, so every message still comes from the full reading.
    """
    spelling = pounds(value) if money else f"{value:,}"
    at = text.find(spelling)
    if at < 0 and not money:
        spelling = str(value)
        at = text.find(spelling)
    if at < 0 or not _stands_alone(text, at, at + len(spelling), money):
        return None
    hedge, found_qualifier, begins = hedge_before(text, at)
    if (hedge is not None, found_qualifier) != (approximate, qualifier):
        return None
    words = " ".join(text[begins : at + len(spelling)].split())
    return FigureCheck(f"{table}.{'amount' if money else 'number'}", words, None)


# After a count: a digit, a decimal or thousands part, or a scale ("1,300m") makes it another
# number. The full reader decides those cases; this only recognises the plain one.
_CONTINUES = re.compile(r"\d|[.,]\d|\s?(?:thousand|million|billion|bn|m|k)\b", re.IGNORECASE)


def _stands_alone(text: str, start: int, end: int, money: bool) -> bool:
    """Whether text[start:end] is a whole figure: not part of a longer number or a scale."""
    if start and (text[start - 1].isalnum() or text[start - 1] in ",.£"):
        return False
    if end < len(text) and text[end].isalnum():  # "£200m" is the reader's; "2nd" no figure
        return False
    return _CONTINUES.match(text, end) is None


def _near(
    texts: list[str], wanted: list[tuple[str, int, bool, bool, str | None]]
) -> list[StatedFigure]:
    """The figures written near where the wanted numbers appear, in their usual spelling.

    Reading a few words around "1,300" or "£360m" costs a fraction of reading a whole quote;
    when a number is not found this way, the caller reads everything (words included).
    """
    found: list[StatedFigure] = []
    for _, value, money, *_ in wanted:
        spellings = (pounds(value),) if money else (f"{value:,}", str(value))
        for text in texts:
            for spelling in spellings:
                at = text.find(spelling)
                if at >= 0:
                    window = text[max(0, at - 24) : at + len(spelling) + 12]
                    found.extend(read_figures(window, words=False))
                    break
    return found


def _not_stated(field: str, value: int, money: bool, where: str, stated: list[StatedFigure]) -> str:
    message = f"{field} {_shown(value, money)} is not stated in {where}"
    if not stated:
        return (
            f"{message}, which state no figure; name the source's words that state it "
            "in figure_quote"
        )
    says = ", ".join(f'"{f.words}"' for f in stated)
    return f"{message}; the source's words say {says}"


def _mismatch(table: str, found: StatedFigure, approximate: bool, qualifier: str | None) -> str:
    says = f'the source says "{found.words}"'
    if found.approximate != approximate:
        if approximate:
            return f"{table}.approximate is true but {says}, with no around or about"
        return f"{table}.approximate is false but {says}: set approximate = true"
    if qualifier is None:
        return f'{table}.qualifier is not set but {says}: set qualifier = "{found.qualifier}"'
    if found.qualifier is None:
        return f'{table}.qualifier is "{qualifier}" but {says}, with no qualifier'
    return f'{table}.qualifier is "{qualifier}" but {says}'
