"""References to a policy id that is not loaded but is one letter from one that is.

A reference into a file that is not loaded is allowed (`check one.toml` loads only one file), so
`check_set` rightly skips it. But "labor:officers" beside a loaded "labour" is almost surely a
typo that would otherwise pass unseen; only then is it reported, with the id it probably meant.
"""

from __future__ import annotations

from collections.abc import Sequence

from .checks import _references
from .loaded import LoadedPolicy
from .problem_codes import Code
from .problems import Problem
from .suggest import did_you_mean


def misspelt_policy_references(loaded: Sequence[LoadedPolicy]) -> list[Problem]:
    """A problem for each reference whose policy id is not loaded but is near one that is."""
    ids = [item.policy.id for item in loaded]
    known = set(ids)
    problems = []
    for item in loaded:
        for index, claim in enumerate(item.policy.claims):
            for where, ref, _ in _references(claim, f"claims[{index}]"):
                owner = ref.rpartition(":")[0]
                if not owner or owner in known:
                    continue
                hint = did_you_mean(owner, ids)
                if hint is not None:
                    message = f'no loaded policy has id "{owner}"; the reference was not checked'
                    problems.append(
                        Problem(item.path, message, field=where, code=Code.BAD_REFERENCE, hint=hint)
                    )
    return problems
