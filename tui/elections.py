"""Is an election id one Democracy Club would issue? Asked of `uk-election-ids`, the field's
own standard, rather than a pattern of ours that would drift from it.

The package is imported on the first question only (about 17 ms cold), and each distinct id is
asked once: a national corpus names 650 ballots across 4,500 files.
"""

from __future__ import annotations

from functools import lru_cache

from .sanitize import safe_line


@lru_cache(maxsize=4096)
def election_problem(election: str) -> str | None:
    """None when `election` is a valid Democracy Club election id, else why not, in one line."""
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
