"""What the voter sees, as one immutable value, and every key's effect as a pure function.

No Textual here. The screen holds one `ScreenState`; a key press computes the next one from the
`Comparison` (plain data, tested in milliseconds) and the screen only draws the difference
(`change_between`): a new layout, another candidate in view, or the selection bar moved.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from ..compare.comparison import ROWS, ClaimView, Comparison, PolicyView, Row

# Side by side, a pane needs about 30 columns to be read: four fit at 120. The overview picks
# at most this many, and no more panes are shown than this (so keys 1-4 reach every one).
MAX_SIDE_BY_SIDE = 4


@dataclass(frozen=True, slots=True)
class Selection:
    """The selected candidate and, if they have one in view, the selected claim."""

    policy_id: str
    claim_id: str | None = None


@dataclass(frozen=True, slots=True)
class ScreenState:
    order: tuple[str, ...]  # policy ids, left to right
    default_order: tuple[str, ...]
    hidden: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset(spec.key for spec in ROWS)
    selection: Selection | None = None  # nothing is selected until the voter moves

    @classmethod
    def initial(cls, comparison: Comparison) -> ScreenState:
        order = tuple(p.id for p in comparison.policies)
        return cls(order=order, default_order=order)

    @property
    def is_default_order(self) -> bool:
        return self.order == self.default_order

    @property
    def visible(self) -> tuple[str, ...]:
        return tuple(pid for pid in self.order if pid not in self.hidden)

    @property
    def in_view(self) -> str | None:
        """The candidate a one-pane (narrow) screen shows: the selected one, else the first."""
        if self.selection is not None:
            return self.selection.policy_id
        return self.visible[0] if self.visible else None

    @property
    def layout(self) -> tuple[tuple[str, ...], frozenset[str]]:
        """What the panes and rows are built from; the selection moves within it."""
        return self.visible, self.topics

    def order_note(self, comparison: Comparison) -> str:
        if self.is_default_order:
            return comparison.order_note
        return "Your order (press o for alphabetical by surname)"


class Change(Enum):
    """What the screen must do to show a new state: the one place this is decided."""

    NOTHING = "nothing"
    SELECTION = "selection"  # move the bar (and, one pane at a time, show another candidate)
    REBUILD = "rebuild"  # other panes or rows


def change_between(old: ScreenState, new: ScreenState) -> Change:
    if old.layout != new.layout or old.order != new.order:
        return Change.REBUILD
    if old.selection != new.selection:
        return Change.SELECTION
    return Change.REBUILD if old != new else Change.NOTHING


# -- what is on screen -------------------------------------------------------------------------


def visible_policies(comparison: Comparison, state: ScreenState) -> list[tuple[int, PolicyView]]:
    """(index into comparison.policies, policy) for each visible candidate, in the chosen order."""
    index = {p.id: i for i, p in enumerate(comparison.policies)}
    return [(index[pid], comparison.policies[index[pid]]) for pid in state.visible]


def visible_rows(comparison: Comparison, state: ScreenState) -> list[Row]:
    return [row for row in comparison.rows if row.spec.key in state.topics]


def _policy_index(comparison: Comparison) -> dict[str, int]:
    return {p.id: i for i, p in enumerate(comparison.policies)}


def column(comparison: Comparison, state: ScreenState, pid: str) -> list[str]:
    """A candidate's claim ids in view, top to bottom (topic rows in order)."""
    at = _policy_index(comparison)[pid]
    return [view.claim.id for row in visible_rows(comparison, state) for view in row.cells[at]]


def find_view(comparison: Comparison, pid: str, claim_id: str) -> tuple[str, int, ClaimView]:
    """(row key, index in the cell, view) of one claim."""
    at = _policy_index(comparison)[pid]
    for row in comparison.rows:
        for index, view in enumerate(row.cells[at]):
            if view.claim.id == claim_id:
                return row.spec.key, index, view
    raise KeyError((pid, claim_id))


def selected_view(comparison: Comparison, state: ScreenState) -> ClaimView | None:
    selection = state.selection
    if selection is None or selection.claim_id is None:
        return None
    return find_view(comparison, selection.policy_id, selection.claim_id)[2]


# -- keys: each a pure function from (comparison, state) to the next state ---------------------


def _select_in(comparison: Comparison, state: ScreenState, pid: str, near: str | None) -> Selection:
    """Select candidate `pid`: the claim in topic row `near`, or the nearest row below, or the
    nearest above; a candidate with nothing in view is selected without a claim."""
    claims = column(comparison, state, pid)
    if not claims:
        return Selection(pid)
    if near is None:
        return Selection(pid, claims[0])
    rows = [spec.key for spec in ROWS]
    here = rows.index(near)
    placed = [(rows.index(find_view(comparison, pid, c)[0]), c) for c in claims]
    below = [c for row, c in placed if row >= here]
    return Selection(pid, below[0] if below else placed[-1][1])


def select_claim(comparison: Comparison, state: ScreenState, step: int) -> ScreenState:
    """↑ / ↓: the claim above or below in the same candidate; first press: the first claim."""
    selection = state.selection
    if selection is None:
        return select_first(comparison, state)
    claims = column(comparison, state, selection.policy_id)
    if not claims:
        return state
    at = claims.index(selection.claim_id) + step if selection.claim_id in claims else 0
    at = max(0, min(len(claims) - 1, at))
    return replace(state, selection=Selection(selection.policy_id, claims[at]))


def select_first(comparison: Comparison, state: ScreenState) -> ScreenState:
    """The first claim of the candidate in view (the first visible, when nothing is selected)."""
    pid = state.in_view
    if pid is None:
        return state
    return replace(state, selection=_select_in(comparison, state, pid, None))


def select_candidate(comparison: Comparison, state: ScreenState, step: int) -> ScreenState:
    """← / →: the next candidate, same topic row; first press: the first (→) or last (←)."""
    visible = state.visible
    if not visible:
        return state
    selection = state.selection
    if selection is None or selection.policy_id not in visible:
        pid = visible[0] if step > 0 else visible[-1]
        return replace(state, selection=_select_in(comparison, state, pid, None))
    pid = visible[(visible.index(selection.policy_id) + step) % len(visible)]
    near = None
    if selection.claim_id is not None:
        near = find_view(comparison, selection.policy_id, selection.claim_id)[0]
    return replace(state, selection=_select_in(comparison, state, pid, near))


def select(state: ScreenState, selection: Selection | None) -> ScreenState:
    """Select a claim directly (a mouse click)."""
    return replace(state, selection=selection)


def _keep_selection(comparison: Comparison, state: ScreenState) -> ScreenState:
    """After panes or rows change: keep the selection if it is still in view, else the nearest."""
    selection = state.selection
    if selection is None:
        return state
    if selection.policy_id not in state.visible:
        return replace(state, selection=None)
    claims = column(comparison, state, selection.policy_id)
    if selection.claim_id in claims or (selection.claim_id is None and not claims):
        return state
    near = None
    if selection.claim_id is not None:
        near = find_view(comparison, selection.policy_id, selection.claim_id)[0]
    return replace(state, selection=_select_in(comparison, state, selection.policy_id, near))


def hide_pane(comparison: Comparison, state: ScreenState, number: int) -> ScreenState:
    """Key N hides the Nth pane shown, counted from the left (1-based): the same key for the
    same place whoever stands there. Past the panes shown, or on the last one, nothing changes
    (the screen says why): a comparison of no one shows nothing to go back to."""
    visible = state.visible
    if not 1 <= number <= len(visible) or len(visible) == 1:
        return state
    return hide_candidate(comparison, state, visible[number - 1])


def hide_candidate(comparison: Comparison, state: ScreenState, pid: str) -> ScreenState:
    """Hide one candidate's pane (never the last one shown)."""
    if pid not in state.visible or len(state.visible) == 1:
        return state
    return _keep_selection(comparison, replace(state, hidden=state.hidden | {pid}))


def show_candidate(comparison: Comparison, state: ScreenState, pid: str) -> ScreenState:
    """Show a hidden candidate's pane again, in its place in the order, while there is room
    (MAX_SIDE_BY_SIDE panes at most)."""
    if pid not in state.hidden or not room_for_another(state):
        return state
    return _keep_selection(comparison, replace(state, hidden=state.hidden - {pid}))


def room_for_another(state: ScreenState) -> bool:
    return len(state.visible) < MAX_SIDE_BY_SIDE


def move_candidate(state: ScreenState, step: int) -> ScreenState:
    """< / >: move the selected candidate one place; with nothing selected, nothing moves."""
    if state.selection is None or state.selection.policy_id not in state.visible:
        return state
    order = list(state.order)
    at = order.index(state.selection.policy_id)
    # Step over hidden candidates, so that the move is always visible.
    to = at
    while 0 <= to + step < len(order):
        to += step
        if order[to] not in state.hidden:
            break
    else:
        return state
    order.insert(to, order.pop(at))
    return replace(state, order=tuple(order))


def restore_order(state: ScreenState) -> ScreenState:
    return replace(state, order=state.default_order)


def with_topics(comparison: Comparison, state: ScreenState, topics: frozenset[str]) -> ScreenState:
    """Show these topic rows; an empty choice is refused by the dialog, never applied."""
    if not topics:
        return state
    return _keep_selection(comparison, replace(state, topics=topics))
