"""When a source is from, said the same way everywhere, and whether it is older than the race.

A figure without its year misleads: a 2019 allocation of "1,300" read beside a 2024 pledge of
"around 1,300" looks like the same promise. So every figure a voter sees carries its source's
year, or "undated", and a source from more than one usual term before the race (4 years for a
mayor, 5 for Parliament), by its date or, undated, by the earliest date its text allows, is
context, never a current pledge.

The rule says nothing about when the previous election was: terms are not always kept (the
London mayoral election due in May 2020 was held in May 2021), and a source whose text allows
"December 2019 or later" is not known to be from before any election. It says only how far
before this race the source's earliest possible date is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..policy.model import NOT_STATED, Source

# The usual years between elections of each kind, by the first part of a Democracy Club election
# id: a source more than this before the race is older context.
TERM_YEARS: dict[str, int] = {
    "mayor": 4,
    "gla": 4,
    "local": 4,
    "pcc": 4,
    "parl": 5,
    "senedd": 5,
    "sp": 5,
    "nia": 5,
}
DEFAULT_TERM_YEARS = 4
UNDATED = "undated"


def one_term_before(election: str) -> dt.date | None:
    """The day one usual term before this election: a source from before it is older context.
    Not the previous election's date, which a postponement can move."""
    day = _date(election.rsplit(".", 1)[-1])
    if day is None:
        return None
    years = term_years(election)
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def term_years(election: str) -> int:
    """The usual years between elections of this kind."""
    return TERM_YEARS.get(election.split(".", 1)[0], DEFAULT_TERM_YEARS)


@dataclass(frozen=True, slots=True)
class When:
    """A source's place in time, as every view shows it."""

    short: str  # beside a figure: "2024", "Dec 2019 or later", "undated"
    long: str  # in the trace: "27 March 2024", "undated; its text places it in December 2019 ..."
    known: dt.date | None  # the date, or the earliest its text allows; None if nothing known
    earliest: bool = False  # `known` is only the earliest date the source's text allows

    def older_than(self, cutoff: dt.date | None) -> bool:
        return cutoff is not None and self.known is not None and self.known < cutoff


def _date(text: str | None) -> dt.date | None:
    """A YYYY-MM-DD date, or None. Validation has checked the pattern; a struct built in code
    may still hold anything, and a view must never crash on it."""
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def date_in_words(iso: str) -> str:
    """'2024-03-28' as '28 March 2024', as every view writes a day (said whole, not as digits);
    anything that is not a date, as it is."""
    day = _date(iso)
    return f"{day.day} {day:%B %Y}" if day is not None else iso


def source_when(source: Source | None) -> When:
    if source is None:
        return When(UNDATED, "undated (source missing)", None)
    day = _date(source.date if source.date != NOT_STATED else None)
    if day is not None:
        return When(str(day.year), f"{day.day} {day:%B %Y}", day)
    day = _date(source.date_earliest)
    if day is not None:
        # Month precision: the text bounds the date; it does not give a day.
        return When(
            f"{day:%b %Y} or later",
            f"undated; its text places it in {day:%B %Y} or later",
            day,
            earliest=True,
        )
    return When(UNDATED, "undated; the article prints no date", None)
