"""Is an election id one Democracy Club would issue? Asked of `uk-election-ids`, the field's
own standard, rather than a pattern of ours that would drift from it.

The package is imported on the first question only (about 17 ms cold), and each distinct id is
asked once: a national corpus names 650 ballots across 4,500 files. The race index, which must
file those files before the first frame, asks only whether an id has the shape of one
(`shaped_like_an_id`); every id it turns away, the package (or the length limit) refuses too.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..policy.sanitize import safe_line

# The shape every ballot id has: lower-case dotted words, ending in an ISO date.
_ID_SHAPE = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(\d{4}-\d{2}-\d{2})")
_ID_MOST = 200  # characters: several times the ids Democracy Club's examples show


@lru_cache(maxsize=4096)
def election_problem(election: str) -> str | None:
    """None when `election` is a valid Democracy Club election id, else why not, in one line."""
    if len(election) > _ID_MOST:  # the package would take 5,000 characters: no ballot's id
        return f"an election id of {len(election):,} characters; hustings takes at most {_ID_MOST}"
    from uk_election_ids.election_ids import validate

    if validate(election):
        return None
    return safe_line(
        f'"{election}" is not a Democracy Club election id (for example '
        '"mayor.london.2024-05-02" or "parl.<constituency>.2024-07-04")'
    )


def prepare() -> None:
    """Import the package (and what its first answer imports) ahead of need: the race picker
    calls this once it is drawn, so that opening the first race does not wait 5 ms for it."""
    election_problem("mayor.london.2024-05-02")


@lru_cache(maxsize=4096)
def shaped_like_an_id(election: str) -> bool:
    """Whether `election` has the shape of a ballot id, with a real date: how the race index
    files 4,500 files at start-up without asking the package 650 times (15 ms). Whether
    Democracy Club would issue it is `election_problem`'s question, asked when a race's files
    are loaded and checked."""
    match = _ID_SHAPE.fullmatch(election) if len(election) <= _ID_MOST else None
    if match is None:
        return False
    try:
        dt.date.fromisoformat(match.group(1))
    except ValueError:
        return False
    return True
