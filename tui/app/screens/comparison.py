"""The main screen: one pane per candidate, topics as rows that line up across the panes."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static

from ...compare import Comparison, Row
from ...formatting import safe
from ..state import ViewState, visible_policies, visible_rows
from ..widgets.claim_card import ClaimCard, ClaimMark, EmptyCell
from ..widgets.officer_bar import OfficerBar


class Cell(Vertical):
    """One candidate's claims on one topic."""

    def __init__(self, policy_id: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.policy_id = policy_id


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
    """Khan, Hall and Labour side by side; below 60 columns, one at a time with a switcher."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-medium"), (100, "-wide")]
    BINDINGS = [
        # priority: the arrows move between claims, not the scroll container under them
        # (moving focus scrolls the claim into view).
        Binding("down", "move(0, 1)", "Next claim", show=False, priority=True),
        Binding("up", "move(0, -1)", "Previous claim", show=False, priority=True),
        Binding("right", "move(1, 0)", "Next candidate", show=False, priority=True),
        Binding("left", "move(-1, 0)", "Previous candidate", show=False, priority=True),
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

    # Textual's Screen repaints itself whenever focus moves (its `focused` reactive repaints).
    # The widgets whose focus style changes refresh themselves anyway, so the whole-screen
    # repaint only costs bytes: over SSH it was 20 KB for every arrow key.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(self, comparison: Comparison) -> None:
        super().__init__()
        self.comparison = comparison
        self.state = ViewState.initial(comparison)

    # -- building ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
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
                yield PolicyColumnHeader(
                    text, policy.id, classes=self._column_classes(policy.id, "policy-header")
                )
        with VerticalScroll(id="body"):
            if not shown:
                yield Static("Every candidate is hidden: press 1-9 to show one.", id="all-hidden")
            for row in visible_rows(self.comparison, self.state):
                yield Static(Text(row.spec.label), classes="row-label")
                scales = _bar_scales(row)
                with Horizontal(classes="row"):
                    for index, policy in shown:
                        with Cell(policy.id, classes=self._column_classes(policy.id, "cell")):
                            cell = row.cells[index]
                            for view in cell:
                                yield ClaimCard(
                                    view, self._bar(view, scales), id=self._card_id(view)
                                )
                            if not cell:
                                yield EmptyCell(classes="empty")
        if self.comparison.problems:
            count = len(self.comparison.problems)
            yield Static(
                f"{count} problem{'s' * (count != 1)} loading policies: press p to see them",
                id="problems-notice",
            )
        yield Footer()

    def _column_classes(self, pid: str, base: str) -> str:
        return base if pid == self.state.current else f"{base} offstage"

    @staticmethod
    def _card_id(view) -> str:
        return f"card--{view.policy_id}--{view.claim.id}"

    @staticmethod
    def _bar(view, scales: dict[str, int]) -> OfficerBar | None:
        figure = view.claim.officers
        if figure is None or not isinstance(figure.number, int):
            return None
        return OfficerBar(figure.number, scales[figure.scope.casefold()], figure.scope)

    def _title(self) -> Text:
        state, comparison = self.state, self.comparison
        title = Text("hustings", style="bold")
        title.append(f"  {state.order_note(comparison)}")
        total = len(comparison.policies)
        title.append(f" · showing {len(state.visible)} of {total}")
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

    # -- state changes ----------------------------------------------------------------------

    async def _apply(self, state: ViewState, focus_key: tuple[str, str] | None = None) -> None:
        """Rebuild for a new view state and put focus back where the reader was."""
        focused = self.selected_card
        if focus_key is None and focused is not None:
            focus_key = focused.key
        self.state = state
        await self.recompose()
        self._restore_focus(focus_key)

    def _restore_focus(self, key: tuple[str, str] | None) -> None:
        cards = list(self.query(ClaimCard))
        visible = [c for c in cards if self.state.current == c.view.policy_id or not self._narrow]
        target = next((c for c in visible if c.key == key), None)
        if target is None:
            target = next(
                (c for c in visible if key and c.view.policy_id == key[0]),
                visible[0] if visible else None,
            )
        if target is not None:
            self._focus_card(target)

    def _focus_card(self, card: ClaimCard) -> None:
        """Focus a claim and jump (not glide) to show it.

        An animated scroll repaints the whole body for every frame of the animation; over SSH
        that is tens of KB per key. One jump costs at most one repaint.
        """
        card.focus(scroll_visible=False)
        # After the next refresh: switching candidate on a narrow screen changes the layout,
        # and the card's place is known only once that layout is done.
        self.call_after_refresh(self._show_card, card)

    def _show_card(self, card: ClaimCard) -> None:
        body = self.query_one("#body")
        if card.is_attached and not body.can_view_entire(card):
            # To the top, so the next few claims are on screen already: fewer scrolls, and
            # each scroll is a full repaint of the body.
            body.scroll_to_widget(card, animate=False, top=True)

    @property
    def _narrow(self) -> bool:
        return self.has_class("-narrow")

    def on_resize(self) -> None:
        # Breakpoint classes are set on resize; after that, show the right column if narrow.
        self.call_after_refresh(self._sync_current)

    # Nothing has the focus at first, so no candidate is picked out; the first key does. (The
    # arrows are screen bindings, so they work with nothing focused.)
    AUTO_FOCUS = ""

    @on(ClaimCard.Opened)
    def _open_detail(self, event: ClaimCard.Opened) -> None:
        from .detail import ClaimDetailScreen

        self.app.push_screen(ClaimDetailScreen(event.view, self.comparison))

    @property
    def selected_card(self) -> ClaimCard | None:
        """The claim whose mark has the focus, if any."""
        focused = self.focused
        return focused.card if isinstance(focused, ClaimMark) else None

    def on_descendant_focus(self, event) -> None:
        widget = event.widget
        if isinstance(widget, ClaimMark) and widget.card.view.policy_id != self.state.current:
            self.state = self.state.with_current(widget.card.view.policy_id)
            self._sync_current()

    def _sync_current(self) -> None:
        """Mark the current candidate's column without rebuilding (narrow screens show only it).

        Only on a narrow screen: elsewhere the mark changes nothing visible, and restyling every
        cell would repaint the whole screen for one key press.
        """
        if not self._narrow:
            return
        for widget in self.query(".cell, .policy-header"):
            pid = getattr(widget, "policy_id", None)
            widget.set_class(pid != self.state.current, "offstage")
        if self.comparison.policies:
            self.query_one("#switcher", Static).update(self._switcher_text())

    async def action_toggle(self, number: int) -> None:
        await self._apply(self.state.toggle(number))

    async def action_reorder(self, step: int) -> None:
        if self.state.current is None:
            return
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

    def action_move(self, across: int, down: int) -> None:
        """Arrow keys: up/down within a candidate's pane, left/right to the next candidate."""
        cards = list(self.query(ClaimCard))
        focused = self.selected_card
        if across:
            self.state = self.state.step_current(across)
            self._sync_current()
        column = [c for c in cards if c.view.policy_id == self.state.current]
        if not column:
            return
        if focused is None:
            self._focus_card(column[0])
        elif down:
            at = column.index(focused) + down if focused in column else 0
            if 0 <= at < len(column):
                self._focus_card(column[at])
        else:  # same topic row in the next candidate's pane, or the nearest below it
            row = self._row_of(focused)
            below = [c for c in column if self._row_of(c) >= row]
            self._focus_card((below or column)[0])

    @staticmethod
    def _row_of(card: ClaimCard) -> int:
        row = card.parent.parent if card.parent else None
        body = row.parent if row else None
        return list(body.children).index(row) if body and row else 0
