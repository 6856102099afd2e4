"""What loading produces, shared by every layer: a set of valid policies and every problem.

Model-level types (no file access, no Textual, no Rich): `compare` and `output/` import these,
never the loader, so arrows only point down.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .model import Policy
from .problems import Problem

# "our words": a summary, whose speaker, verb, numbers and wording are checked against the
# source, but never its meaning, so it is never counted as proven.
Status = Literal["proven", "reading", "not stated", "our words"]
# What `check` counts a field proof as, in its summary line, in the order it says them.
Group = Literal[
    "speakers",
    "kinds",
    "scopes",
    "periods",
    "money kinds",
    "money sources",
    "relations",
    "summaries",
    "source facts",
    "candidate facts",
]


@dataclass(frozen=True, slots=True)
class FieldProof:
    """How one field of one claim stands: proven by which words, our reading, or not stated."""

    field: str  # "speaker", "officers.scope", "part_of", "summary"
    group: Group
    status: Status
    words: str | None = None  # the source's words that carry it (a reading: what it rests on)
    why: str | None = None  # a reading: why we read it so


@dataclass(frozen=True, slots=True)
class LoadedPolicy:
    """A valid policy with what the provenance check proved about each of its quotes."""

    policy: Policy
    path: str  # as shown to the user
    # claim id -> the sentence around its quote in the archive, or None when not proven
    context: dict[str, str | None] = field(default_factory=dict)
    # claim id -> the source's words that prove its figure ("around 1,300"), when proven
    figure_words: dict[str, str] = field(default_factory=dict)
    # claim id -> how each of its other fields stands (proven, our reading, not stated), when
    # its quote is proven: for `check`'s summary, the views and the trace
    fields: dict[str, tuple[FieldProof, ...]] = field(default_factory=dict)

    def is_proven(self, claim_id: str) -> bool:
        return self.context.get(claim_id) is not None


@dataclass(frozen=True, slots=True)
class PolicySet:
    """Everything that loaded, and every problem found on the way."""

    policies: tuple[LoadedPolicy, ...]
    problems: tuple[Problem, ...]
    files: tuple[str, ...] = ()  # every policy file read, as shown to the user
