"""Checks across the loaded set: policy ids, and every relation between claims.

Relations (`conditional_on`, `part_of`, `against`, `pays_for`) are where a comparison can be
quietly wrong: a figure "part of" itself, a cycle, a part larger than its whole, a reference to a
misspelt policy that is silently ignored. Each is an error naming the file, the claim and the
field, and a reference to another file names that file.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Sequence

from ..policy.formatting import pounds
from ..policy.model import RELATIONS, Claim, Relation
from ..policy.policy_set import LoadedPolicy
from ..policy.problem_codes import Code
from ..policy.problems import Problem
from ..policy.references import Node, Reference, node_of, references
from .figures import read_figures


def check_set(loaded: Sequence[LoadedPolicy], *, whole_set: bool = True) -> list[Problem]:
    """Every problem across files: duplicate policy ids, then each relation of each claim.

    `whole_set=False`: `loaded` is not every file checked together (one broken file's valid
    claims, on their own), so a reference into a policy that is not here cannot be judged and
    is passed over."""
    problems: list[Problem] = []
    by_id: dict[str, LoadedPolicy] = {}
    for item in loaded:
        first = by_id.setdefault(item.policy.id, item)
        if first is not item:
            problems.append(
                Problem(
                    item.path,
                    f'policy id "{item.policy.id}" is also used by {first.path}',
                    field="id",
                    code=Code.DUPLICATE_POLICY_ID,
                )
            )
    claims = {
        (item.policy.id, claim.id): claim for item in by_id.values() for claim in item.policy.claims
    }
    edges: dict[Relation, dict[Node, list[tuple[Node, LoadedPolicy, str, str]]]] = {
        relation: {} for relation in RELATIONS
    }
    for item in loaded:
        if by_id[item.policy.id] is not item:
            continue  # a duplicate: its claims were not indexed
        here = item.policy.id
        for index, claim in enumerate(item.policy.claims):
            for reference in references(claim, index):
                target = node_of(reference.ref, here)
                if target[0] not in by_id and not whole_set:
                    continue
                problem = _check_reference(item, claim, reference, target, by_id, claims)
                if problem is not None:
                    problems.append(problem)
                if target in claims and target != (here, claim.id):
                    edge = (target, item, reference.field, claim.id)
                    edges[reference.relation].setdefault((here, claim.id), []).append(edge)
    for relation in RELATIONS:
        problems.extend(_cycles(relation, edges[relation]))
    return problems


def _problem(
    item: LoadedPolicy,
    claim: Claim,
    field: str,
    message: str,
    *,
    code: str = Code.BAD_REFERENCE,
    hint: str | None = None,
) -> Problem:
    return Problem(
        item.path, message, field=field, claim_id=claim.id, code=code,
        hint=hint,
    )  # fmt: skip


def _check_reference(
    item: LoadedPolicy,
    claim: Claim,
    reference: Reference,
    target: Node,
    by_id: dict[str, LoadedPolicy],
    claims: dict[Node, Claim],
) -> Problem | None:
    relation, field = reference.relation, reference.field
    owner, claim_id = target
    if owner not in by_id:
        near = difflib.get_close_matches(owner, list(by_id), n=1)
        hint = f'did you mean "{near[0]}"?' if near else None
        return _problem(
            item, claim, field,
            f'{relation} refers to policy "{owner}", which is not loaded '
            "(check it together with that policy's file)",
            hint=hint,
        )  # fmt: skip
    other = claims.get(target)
    if other is None:
        if owner == item.policy.id:
            where = "in this file"
        else:
            where = f'in policy "{owner}" ({by_id[owner].path})'
        ids = [c.id for c in by_id[owner].policy.claims]
        near = difflib.get_close_matches(claim_id, ids, n=1)
        hint = f'did you mean "{near[0]}"?' if near else None
        return _problem(item, claim, field, f'no claim "{claim_id}" {where}', hint=hint)
    if target == (item.policy.id, claim.id):
        return _problem(item, claim, field, f"{relation} refers to the claim itself")
    return _target_fits(item, claim, reference, other)


def _target_fits(
    item: LoadedPolicy, claim: Claim, reference: Reference, other: Claim
) -> Problem | None:
    relation, field, ref = reference.relation, reference.field, reference.ref
    if relation == "conditional_on" and other.topic != "condition":
        return _problem(item, claim, field, f'"{ref}" is not a condition claim')
    if relation == "responds_to" and other.topic != "criticism":
        return _problem(item, claim, field, f'"{ref}" is not a criticism claim')
    if relation in ("against", "pays_for") and other.officers is None:
        return _problem(item, claim, field, f'{relation} target "{ref}" has no officer count')
    if relation == "against" and other.officers is not None and claim.officers is not None:
        target = other.officers.number
        return _words_state(item, claim, field, claim.officers.words, "against", ref, target)
    if relation != "part_of":
        return None
    for table in ("officers", "money"):
        if getattr(claim, table) is not None and getattr(other, table) is None:
            return _problem(
                item, claim, field, f'part_of target "{ref}" has no {table} figure to be part of'
            )
    for part, whole, shown in _sizes(claim, other):
        if part > whole:
            return _problem(
                item, claim, field,
                f'a part ({shown(part)}) cannot be larger than its whole "{ref}" ({shown(whole)})',
                code=Code.RELATION,
            )  # fmt: skip
    larger = other.officers.number if other.officers else None
    return _words_state(item, claim, field, claim.words, "part_of", ref, larger)


_MAKES = {"part_of": "make this figure part of", "against": "measure this figure against"}


def _words_state(
    item: LoadedPolicy,
    claim: Claim,
    field: str,
    table: object,
    relation: str,
    ref: str,
    number: object,
) -> Problem | None:
    """The words that make a relation must state the other figure: the words that set a
    figure against a target name that target ("tasked with hiring 4,557"), so that the
    relation cannot point at another claim than the figure its words name."""
    words = getattr(table, relation) if table is not None else None
    if words is None or not isinstance(number, int):
        return None
    if any(found.value == number for found in read_figures(words)):
        return None
    return _problem(
        item, claim, field.removesuffix(f".{relation}") + f".words.{relation}",
        f'the words that {_MAKES[relation]} "{ref}" do not state its {number:,}',
        code=Code.FIELD_NOT_PROVEN,
    )  # fmt: skip


def _sizes(claim: Claim, other: Claim) -> Iterator[tuple[int, int, Callable[[int], str]]]:
    """(part, whole, how to show a value) for each figure both claims state as a number."""
    if claim.officers and other.officers:
        part, whole = claim.officers.number, other.officers.number
        if isinstance(part, int) and isinstance(whole, int):
            yield part, whole, "{:,}".format
    if claim.money and other.money:
        part, whole = claim.money.amount, other.money.amount
        if isinstance(part, int) and isinstance(whole, int):
            yield part, whole, pounds


def _cycles(
    relation: str, edges: dict[Node, list[tuple[Node, LoadedPolicy, str, str]]]
) -> Iterator[Problem]:
    """Each cycle once, reported at the claim where the walk first closes it.

    An explicit stack, not recursion: a hostile file may chain thousands of claims.
    """
    state: dict[Node, int] = {}  # 1: on the current path, 2: done
    reported: set[frozenset[Node]] = set()
    for start in list(edges):
        if start in state:
            continue
        path: list[Node] = [start]
        state[start] = 1
        stack = [iter(edges.get(start, []))]
        while stack:
            step = next(stack[-1], None)
            if step is None:
                stack.pop()
                state[path.pop()] = 2
                continue
            target, item, field, claim_id = step
            if state.get(target) == 1:
                cycle = path[path.index(target) :]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    loop = " → ".join(f"{p}:{c}" for p, c in [*cycle, target])
                    yield Problem(
                        item.path,
                        f"{relation} goes round in a circle: {loop}",
                        field=field,
                        claim_id=claim_id,
                        code=Code.RELATION,
                    )
            elif target not in state:
                state[target] = 1
                path.append(target)
                stack.append(iter(edges.get(target, [])))
