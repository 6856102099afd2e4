"""What loading produces, shared by every layer: a set of valid policies and every problem.

Model-level types (no file access, no Textual, no Rich): `compare` and `output/` import these,
never the loader, so arrows only point down.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Policy
from .problems import Problem


@dataclass(frozen=True, slots=True)
class LoadedPolicy:
    """A valid policy with what the provenance check proved about each of its quotes."""

    policy: Policy
    path: str  # as shown to the user
    # claim id -> the sentence around its quote in the archive, or None when not proven
    context: dict[str, str | None] = field(default_factory=dict)
    # claim id -> the source's words that prove its figure ("around 1,300"), when proven
    figure_words: dict[str, str] = field(default_factory=dict)

    def is_proven(self, claim_id: str) -> bool:
        return self.context.get(claim_id) is not None


@dataclass(frozen=True, slots=True)
class PolicySet:
    """Everything that loaded, and every problem found on the way."""

    policies: tuple[LoadedPolicy, ...]
    problems: tuple[Problem, ...]
    files: tuple[str, ...] = ()  # every policy file read, as shown to the user
