"""The main screen: one pane per candidate, topics as rows that line up across the panes."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...compare import ClaimView, Comparison, Row
from ...formatting import safe
from ..state import ViewState, visible_policies, visible_rows
from ..widgets.claim_cell import ClaimCell

ClaimKey = tuple[str, str]  # (policy id, claim id)


class PolicyColumnHeader(Static):
    """Who a pane belongs to: name, party, scope, race."""

    def __init__(self, text: Text, policy_id: str, **kwargs) -> None:
        super().__init__(text, **kwargs)
        self.policy_id = policy_id


def _bar_scales(row: Row) -> dict[str, int]:
    """The largest figure of each scope in a row: bars share a scale only within a scope."""
    scales: dict[str, int] = {}
    for cell in row.cells:
        for view in cell:
            figure = view.claim.officers
            if figure and isinstance(figure.number, int):
                key = figure.scope.casefold()
                scales[key] = max(scales.get(key, 0), figure.number)
    return scales


class ComparisonScreen(Screen):
    """Khan, Hall and Labour side by side; below 60 columns, one at a time with a switcher.

    The selected claim is this screen's state, not Textual focus: moving it repaints two
    narrow strips, where moving focus between widgets repaints both widgets whole.
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-medium"), (100, "-wide")]
    AUTO_FOCUS = ""  # nothing selected at first: no candidate is picked out by us
    BINDINGS = [
        # priority: the arrows move the selection, not the scroll container under them.
        Binding("down", "move(0, 1)", "Next claim", show=False, priority=True),
        Binding("up", "move(0, -1)", "Previous claim", show=False, priority=True),
        Binding("right", "move(1, 0)", "Next candidate", show=False, priority=True),
        Binding("left", "move(-1, 0)", "Previous candidate", show=False, priority=True),
        Binding("enter", "open", "Trace", priority=True),
        Binding("1", "toggle(1)", "Show/hide", key_display="1-9"),
        *(Binding(str(n), f"toggle({n})", f"Show/hide candidate {n}", show=False)
          for n in range(2, 10)),
        Binding("less_than_sign", "reorder(-1)", "Move candidate left", key_display="<"),
        Binding("greater_than_sign", "reorder(1)", "Move candidate right", key_display=">"),
        Binding("o", "restore_order", "Alphabetical order", show=False),
        Binding("f", "filter_topics", "Topics"),
        Binding("p", "problems", "Problems"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "app.quit", "Quit"),
    ]  # fmt: skip

    def __init__(self, comparison: Comparison) -> None:
        super().__init__()
        self.comparison = comparison
        self.state = ViewState.initial(comparison)
        self.selected: ClaimKey | None = None

    # -- building ---------------------------------------------------------------------------

    def _set_breakpoint_class(self) -> None:
        """Set the width class before the first style pass.

        Textual sets it on the first Resize, after everything has been styled and laid out
        once, so it would all be done twice: about a third of start-up, and of every SSH
        session's CPU. The Resize then finds the class already right and changes nothing.
        """
        width = self.app.size.width
        chosen = max((b for b in self.HORIZONTAL_BREAKPOINTS if width >= b[0]), default=None)
        for _, name in self.HORIZONTAL_BREAKPOINTS:
            self.set_class(chosen is not None and name == chosen[1], name)

    def compose(self) -> ComposeResult:
        self._set_breakpoint_class()
        yield Static(self._title(), id="title")
        if not self.comparison.policies:
            yield VerticalScroll(Static(self._empty_text(), id="empty-state"), id="body")
            yield Footer()
            return
        shown = visible_policies(self.comparison, self.state)
        yield Static(self._switcher_text(), id="switcher")
        with Horizontal(id="policy-headers"):
            for _, policy in shown:
                who = policy.policy.who
                text = Text()
                text.append(safe(who.name), style="bold")
                text.append(f"\n{safe(who.party)} · {safe(who.scope)}\n{safe(who.race)}")
                yield PolicyColumnHeader(text, policy.id, classes=self._column_classes(policy.id))
        with VerticalScroll(id="body"):
            if not shown:
                yield Static("Every candidate is hidden: press 1-9 to show one.", id="all-hidden")
            for row in visible_rows(self.comparison, self.state):
                yield Static(Text(row.spec.label), classes="row-label")
                scales = _bar_scales(row)
                with Horizontal(classes="row"):
                    for index, policy in shown:
                        yield ClaimCell(
                            row.spec.key,
                            policy.id,
                            row.cells[index],
                            scales,
                            classes=self._column_classes(policy.id, "cell"),
                        )
        if self.comparison.problems:
            count = len(self.comparison.problems)
            yield Static(
                f"{count} problem{'s' * (count != 1)} loading policies: press p to see them",
                id="problems-notice",
            )
        yield Footer()

    def _column_classes(self, pid: str, base: str = "policy-header") -> str:
        return base if pid == self.state.current else f"{base} offstage"

    def _title(self) -> Text:
        state, comparison = self.state, self.comparison
        title = Text("hustings", style="bold")
        title.append(f"  {state.order_note(comparison)}")
        title.append(f" · showing {len(state.visible)} of {len(comparison.policies)}")
        hidden = [p.name for p in comparison.policies if p.id in state.hidden]
        if hidden:
            title.append(" · hidden: " + ", ".join(safe(n) for n in hidden))
        shown_rows = len(visible_rows(comparison, state))
        if shown_rows != len(comparison.rows):
            title.append(f" · topics: {shown_rows} of {len(comparison.rows)}")
        return title

    def _switcher_text(self) -> Text:
        names = {p.id: p.name for p in self.comparison.policies}
        visible = self.state.visible
        if not visible or self.state.current is None:
            return Text("no candidate shown")
        at = visible.index(self.state.current) + 1
        text = Text("◀ ")
        text.append(safe(names[self.state.current]), style="bold")
        text.append(f" ({at} of {len(visible)}) ▶  ←/→ switch")
        return text

    def _empty_text(self) -> Text:
        text = Text()
        text.append("No policies loaded.\n\n", style="bold")
        text.append(
            "hustings compares policy files (*.toml), one per candidate or party.\n"
            "• Run `hustings` with no paths to open the bundled policies.\n"
            '• Run `hustings new "Full Name"` to start a policy file of your own.\n'
            "• Run `hustings check PATH` to see what is wrong with a file.\n"
        )
        if self.comparison.problems:
            text.append("\nSome files could not be loaded: press p to see why.")
        return text

    NEEDS_POLICIES = frozenset(
        {"move", "open", "toggle", "reorder", "restore_order", "filter_topics"}
    )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """With no policies loaded, keys that act on them are hidden from the footer and off."""
        return bool(self.comparison.policies) or action not in self.NEEDS_POLICIES

    # -- the selection ----------------------------------------------------------------------

    def _slots(self) -> list[tuple[ClaimCell, int]]:
        """Every selectable claim as (cell, index), top to bottom, left to right."""
        return [(cell, i) for cell in self.query(ClaimCell) for i in range(len(cell.views))]

    def _column(self, pid: str | None) -> list[tuple[ClaimCell, int]]:
        return [(cell, i) for cell, i in self._slots() if cell.policy_id == pid]

    def _find(self, key: ClaimKey | None) -> tuple[ClaimCell, int] | None:
        if key is None:
            return None
        for cell, index in self._slots():
            if cell.policy_id == key[0] and cell.views[index].claim.id == key[1]:
                return cell, index
        return None

    @property
    def selected_view(self) -> ClaimView | None:
        found = self._find(self.selected)
        return found[0].views[found[1]] if found else None

    def _select(self, cell: ClaimCell, index: int) -> None:
        """Move the bar to claim `index` of `cell`, and bring it into view."""
        old = self._find(self.selected)
        if old is not None and old[0] is not cell:
            old[0].select(None)
        cell.select(index)
        self.selected = (cell.policy_id, cell.views[index].claim.id)
        if cell.policy_id != self.state.current:
            self.state = self.state.with_current(cell.policy_id)
            self._sync_current()
        # After the next refresh: on a narrow screen the column may only now be laid out.
        self.call_after_refresh(self._show, cell, index)

    def _show(self, cell: ClaimCell, index: int, tries: int = 3) -> None:
        """Scroll (a jump, never an animation) so the claim is on screen, at the top if moved."""
        if not cell.is_attached:
            return
        if not cell.is_laid_out:
            if tries:
                self.call_after_refresh(self._show, cell, index, tries - 1)
            return
        body = self.query_one("#body", VerticalScroll)
        row = cell.parent
        start, height = cell.claim_span(index)
        top = row.virtual_region.y + cell.virtual_region.y + start
        region = Region(0, top, body.size.width, min(height, body.size.height))
        visible = Region(0, round(body.scroll_y), body.size.width, body.size.height)
        if not visible.contains_region(region):
            body.scroll_to_region(region, animate=False, top=True, immediate=True)

    def _restore(self, key: ClaimKey | None) -> None:
        found = self._find(key)
        if found is None and key is not None:
            column = self._column(key[0]) or self._column(self.state.current)
            found = column[0] if column else None
        if found is not None:
            self._select(*found)
        else:
            self.selected = None

    def action_move(self, across: int, down: int) -> None:
        """Arrows: up/down within a candidate's pane, left/right to the next candidate."""
        current = self._find(self.selected)
        if across:
            self.state = self.state.step_current(across)
            self._sync_current()
        column = self._column(self.state.current)
        if not column:
            return
        if current is None:
            self._select(*column[0])
        elif down:
            at = column.index(current) + down if current in column else 0
            if 0 <= at < len(column):
                self._select(*column[at])
        else:  # the same topic row in the next pane, or the nearest row below it
            rows = [r.spec.key for r in visible_rows(self.comparison, self.state)]
            here = rows.index(current[0].row_key)
            below = [slot for slot in column if rows.index(slot[0].row_key) >= here]
            self._select(*(below or column)[0])

    def action_open(self) -> None:
        view = self.selected_view
        if view is not None:
            from .detail import ClaimDetailScreen

            self.app.push_screen(ClaimDetailScreen(view, self.comparison))

    @on(ClaimCell.Clicked)
    def _clicked(self, event: ClaimCell.Clicked) -> None:
        self._select(event.cell, event.index)
        self.action_open()

    # -- state changes ----------------------------------------------------------------------

    async def _apply(self, state: ViewState) -> None:
        """Rebuild for a new view state and keep the reader's place."""
        self.state = state
        await self.recompose()
        # The new Footer fills itself when bindings change; with no focus moving, say so.
        self.refresh_bindings()
        self._restore(self.selected)

    def _sync_current(self) -> None:
        """Show only the current candidate's column on a narrow screen (a class, no rebuild).

        Only when narrow: elsewhere the class changes nothing visible, and restyling every cell
        would repaint the whole screen for one key press.
        """
        if not self.has_class("-narrow"):
            return
        for widget in self.query(".cell, .policy-header"):
            widget.set_class(widget.policy_id != self.state.current, "offstage")
        if self.comparison.policies:
            self.query_one("#switcher", Static).update(self._switcher_text())

    def on_resize(self) -> None:
        # Breakpoint classes are set on resize; after that, show the right column if narrow.
        self.call_after_refresh(self._sync_current)

    async def action_toggle(self, number: int) -> None:
        await self._apply(self.state.toggle(number))

    async def action_reorder(self, step: int) -> None:
        if self.state.current is not None:
            await self._apply(self.state.move(self.state.current, step))

    async def action_restore_order(self) -> None:
        await self._apply(self.state.restore_order())

    def action_filter_topics(self) -> None:
        from .topics import TopicFilterScreen

        async def chosen(topics: frozenset[str] | None) -> None:
            if topics is not None and topics != self.state.topics:
                await self._apply(self.state.with_topics(topics))

        self.app.push_screen(TopicFilterScreen(self.state.topics), chosen)

    def action_problems(self) -> None:
        from .problems import ProblemsScreen

        self.app.push_screen(ProblemsScreen(self.comparison.problems))

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen(self.BINDINGS))
