"""`hustings new`: a valid starter policy, written with tomli-w, never over an existing file."""

from __future__ import annotations

import re
from pathlib import Path

import tomli_w

from ..load import load_policy_text
from ..model import FORMAT_VERSION, NOT_STATED

HEADER = """\
# A starter policy made by `hustings new`. The format is described in policies/README.md.
# Add [[sources]] (an archived article under sources/) and [[claims]] that quote it word for
# word; then `hustings check` proves each quote is in its source.
"""


def slug(name: str) -> str:
    """'Sadiq Khan' -> 'sadiq-khan': the policy id and default file name."""
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:80].strip("-")


def starter_text(name: str, party: str | None) -> str:
    """The TOML text of a starter policy; validated before it is returned."""
    document = {
        "format": FORMAT_VERSION,
        "id": slug(name),
        "who": {
            "name": name,
            "party": party or NOT_STATED,
            "role": NOT_STATED,
            "race": NOT_STATED,
            "scope": NOT_STATED,
        },
        "sources": [],
        "claims": [],
    }
    text = HEADER + tomli_w.dumps(document)
    load_policy_text(text, "<new policy>")  # raises PolicyError if the name cannot make one
    return text


def write_new(name: str, party: str | None, target: Path | None) -> Path:
    """Write the starter policy; FileExistsError rather than touching a file that exists."""
    text = starter_text(name, party)
    path = target or Path(f"{slug(name)}.toml")
    with path.open("x", encoding="utf-8") as handle:  # "x": fail if it exists
        handle.write(text)
    return path
