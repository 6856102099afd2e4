"""What the voter has chosen to see: order, hidden candidates, topics. No Textual here.

Kept apart from the widgets so that the rules (what 1-9 toggles, what reordering does) are plain
functions on plain data, tested without a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..compare import ROWS, Comparison, PolicyView, Row


@dataclass(frozen=True)
class ViewState:
    order: tuple[str, ...]  # policy ids, left to right
    hidden: frozenset[str] = frozenset()
    topics: frozenset[str] = field(default_factory=lambda: frozenset(r.key for r in ROWS))
    default_order: tuple[str, ...] = ()
    current: str | None = None  # the candidate shown on a narrow screen

    @classmethod
    def initial(cls, comparison: Comparison) -> ViewState:
        order = tuple(p.id for p in comparison.policies)
        return cls(order=order, default_order=order, current=order[0] if order else None)

    @property
    def is_default_order(self) -> bool:
        return self.order == self.default_order

    @property
    def visible(self) -> tuple[str, ...]:
        return tuple(pid for pid in self.order if pid not in self.hidden)

    def toggle(self, number: int) -> ViewState:
        """Key N hides or shows the Nth candidate in the current order (1-based)."""
        if not 1 <= number <= len(self.order):
            return self
        pid = self.order[number - 1]
        hidden = self.hidden ^ {pid}
        state = replace(self, hidden=hidden)
        return state.with_current(state.current if state.current not in hidden else None)

    def move(self, pid: str, step: int) -> ViewState:
        """Move a candidate one place left (-1) or right (+1)."""
        order = list(self.order)
        at = order.index(pid)
        to = max(0, min(len(order) - 1, at + step))
        order.insert(to, order.pop(at))
        return replace(self, order=tuple(order))

    def restore_order(self) -> ViewState:
        return replace(self, order=self.default_order)

    def with_topics(self, topics: frozenset[str]) -> ViewState:
        return replace(self, topics=topics)

    def with_current(self, pid: str | None) -> ViewState:
        visible = self.visible
        if pid not in visible:
            pid = visible[0] if visible else None
        return replace(self, current=pid)

    def step_current(self, step: int) -> ViewState:
        visible = self.visible
        if not visible:
            return self
        at = visible.index(self.current) if self.current in visible else 0
        return replace(self, current=visible[(at + step) % len(visible)])

    def order_note(self, comparison: Comparison) -> str:
        if self.is_default_order:
            return comparison.order_note
        return "Your order (press o for alphabetical by surname)"


def visible_policies(comparison: Comparison, state: ViewState) -> list[tuple[int, PolicyView]]:
    """(index into comparison.policies, policy) for each visible candidate, in the chosen order."""
    index = {p.id: i for i, p in enumerate(comparison.policies)}
    return [(index[pid], comparison.policies[index[pid]]) for pid in state.visible]


def visible_rows(comparison: Comparison, state: ViewState) -> list[Row]:
    return [row for row in comparison.rows if row.spec.key in state.topics]
