"""The main screen: one pane per candidate, topics as rows that line up across the panes."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, ScrollableContainer, VerticalScroll
from textual.geometry import Offset
from textual.widgets import Static

from ...compare.comparison import NOTHING_SAID, Comparison, as_shown
from ...policy.formatting import shorten
from ...policy.sanitize import safe, safe_line
from .. import state as nav
from ..commands import MAIN, Command
from ..cursor import start_of
from ..state import Change, ScreenState, change_between, visible_policies, visible_rows
from ..widgets.comparison_body import ComparisonBody
from ..widgets.key_bar import KeyBar
from .base import HustingsScreen

HIDDEN_NAME_MOST = 40  # characters of each hidden candidate's name in the title
ONE_PANE = [(0, "-narrow")]  # the screen-reader layout's only width class


class PolicyColumnHeader(Static):
    """Who a pane belongs to: name, party, scope, race."""

    def __init__(self, text: Text, policy_id: str, **kwargs) -> None:
        super().__init__(text, **kwargs)
        self.policy_id = policy_id


def header_text(comparison: Comparison, pid: str) -> Text:
    who = next(p for p in comparison.policies if p.id == pid).policy.who
    text = Text()
    text.append(safe(who.name), style="bold")
    text.append(f"\n{safe(who.party)} · {safe(who.scope)}\n{safe(who.race)}")
    return text


class Body(VerticalScroll, can_focus=False):
    """The scrolling panes. Not focusable: the page keys belong to the screen, so they work
    without Tab, and Tab has nothing invisible to move to."""


class ComparisonScreen(HustingsScreen):
    """Candidates side by side; below 60 columns, one at a time with a switcher.

    Everything the voter chose is one `ScreenState`; every key computes the next state with a
    pure function (`state.py`) and `show` draws the difference, decided in one place
    (`change_between`): rebuild the panes, or only move the selection bar (two narrow strips).
    """

    CONTEXT = MAIN
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-medium"), (100, "-wide")]
    AUTO_FOCUS = ""  # nothing selected at first: no candidate is picked out by us

    def __init__(self, comparison: Comparison, state: ScreenState | None = None) -> None:
        self.whole = comparison  # every policy, its flags made against the whole row
        self.state = state or ScreenState.initial(comparison)
        self.comparison = as_shown(comparison, self.state.visible)  # as the panes show it
        super().__init__()
        self._choose_breakpoints()

    def _choose_breakpoints(self) -> None:
        """The screen-reader layout shows one candidate at a time, at any width."""
        reading = self.hustings.screen_reader
        self.HORIZONTAL_BREAKPOINTS = ONE_PANE if reading else type(self).HORIZONTAL_BREAKPOINTS

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
        self.set_size_class()
        self.set_class(self.hustings.screen_reader, "-reading")
        yield self.too_small_message()
        yield Static(self._title(), id="title")
        if not self.comparison.policies:
            yield Body(Static(self._empty_text(), id="empty-state"), id="body")
            yield self._key_bar()
            return
        shown = visible_policies(self.comparison, self.state)
        in_view = self.state.in_view
        yield Static(self._where_text(), id="where")
        with Horizontal(id="policy-headers"):
            for _, policy in shown:
                yield PolicyColumnHeader(
                    header_text(self.comparison, policy.id),
                    policy.id,
                    classes=self._column_classes(policy.id, in_view, "policy-header"),
                )
        yield ComparisonBody(self.comparison, self.state, self.has_class("-narrow"),
                             self.hustings.screen_reader, id="body")  # fmt: skip
        if self.comparison.problems:
            count = len(self.comparison.problems)
            yield Static(
                f"{count} problem{'s' * (count != 1)} loading policies: press p to see them",
                id="problems-notice",
            )
        yield self._key_bar()

    def _key_bar(self) -> KeyBar:
        # The number keys as far as there are panes: "1-3 Hide" with three shown.
        count = len(self.state.visible)
        return KeyBar(self.commands, self.command_available, count, id="keys")

    @staticmethod
    def _column_classes(pid: str, in_view: str | None, base: str) -> str:
        return base if pid == in_view else f"{base} offstage"

    def _title(self) -> Text:
        state, comparison = self.state, self.comparison
        title = Text("hustings", style="bold")
        title.append(f"  {state.order_note(comparison)}")
        title.append(f" · showing {len(state.visible)} of {len(comparison.policies)}")
        hidden = [p.name for p in comparison.policies if p.id in state.hidden]
        if len(hidden) > 3:  # a race's picked few; the overview (v) lists the rest
            title.append(f" · {len(hidden)} hidden")
        elif hidden:  # each name cut: three names of 300 characters filled an 80x24 screen
            title.append(
                " · hidden: " + ", ".join(shorten(safe(n), HIDDEN_NAME_MOST) for n in hidden)
            )
        shown_rows = len(visible_rows(comparison, state))
        if shown_rows != len(comparison.rows):
            title.append(f" · topics: {shown_rows} of {len(comparison.rows)}")
        return title

    def _where_text(self) -> Text:
        """Where the voter is: the candidate (narrow: of how many) and the selected topic."""
        state = self.state
        visible = state.visible
        text = Text()
        if self.has_class("-narrow") and state.in_view is not None:
            at = visible.index(state.in_view) + 1
            # Spoken, the arrows were 'reverse button' and 'play button': words instead.
            where = f"Candidate {at} of {len(visible)}: " if self.hustings.screen_reader else ""
            text.append(where or f"◀ {at} of {len(visible)} ▶  ")
        selection = state.selection
        if not visible:
            text.append("no candidate shown")
            return text
        if selection is None:
            if self.hustings.screen_reader:  # arrows and ⏎ are silent in speech
                text.append("Right or Down selects a claim, Enter traces it")
            else:
                text.append("→ or ↓ to select a claim, ⏎ to trace it")
            return text
        text.append(safe(self._candidate_name(selection.policy_id)), style="bold")
        if selection.claim_id is None:
            text.append(f" · {self._silence(selection.policy_id)}")
        else:
            row_key, index, _ = nav.find_view(
                self.comparison, selection.policy_id, selection.claim_id
            )
            row = next(r for r in self.comparison.rows if r.spec.key == row_key)
            count = len(row.cells[self._policy_at(selection.policy_id)])
            text.append(f" · {row.spec.label}")
            if count > 1:
                text.append(f" · {index + 1} of {count}")
        return text

    def _silence(self, pid: str) -> str:
        """Why a candidate has no claim to select: the articles' silence, or the topics."""
        policy = next(p for p in self.comparison.policies if p.id == pid)
        if policy.nothing_said:
            return NOTHING_SAID[0].lower() + NOTHING_SAID[1:].rstrip(".")
        return "nothing in the topics shown"

    def _policy_at(self, pid: str) -> int:
        return next(i for i, p in enumerate(self.comparison.policies) if p.id == pid)

    def _candidate_name(self, pid: str) -> str:
        return next(p.name for p in self.comparison.policies if p.id == pid)

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

    def command_available(self, command: Command) -> bool:
        """With nothing loaded, keys that act on policies are off; < > need a selection."""
        if command.id in ("races", "overview"):  # decided by the app's stack
            return super().command_available(command)
        if command.needs_policies and not self.comparison.policies:
            return False
        if command.group == "Select":
            return bool(self.state.visible)
        if command.id == "trace":
            return any(nav.column(self.comparison, self.state, pid) for pid in self.state.visible)
        if command.id == "toggle-candidate":  # the last pane stays
            return len(self.state.visible) > 1
        if command.id in ("move-left", "move-right"):
            return self.state.selection is not None
        if command.id == "alphabetical":
            return not self.state.is_default_order
        return True

    # -- one way to change what is shown ----------------------------------------------------

    async def show(self, new: ScreenState) -> None:
        """Draw `new`: the single place that chooses between moving the bar and rebuilding.

        Widgets are found with `query(...).only_one()`, never `query_one`: Textual caches each
        `query_one` answer by the DOM's version, so after every rebuild it would keep the
        widgets the rebuild replaced (up to 1,024 of them, with all they hold).
        """
        old, self.state = self.state, new
        change = change_between(old, new)
        if set(old.visible) != set(new.visible):  # 1-9: what is set side by side changed
            self.comparison = as_shown(self.whole, new.visible)
        if change is Change.REBUILD:
            await self.recompose()
            self._draw_selection()
        elif change is Change.SELECTION:
            if old.in_view != new.in_view:
                self._sync_in_view()
            self._draw_selection()
            self.query("#where").only_one(Static).update(self._where_text(), layout=False)
        if change is not Change.NOTHING:
            self.query(KeyBar).only_one().refresh()
            self.refresh_bindings()

    def selection_offset(self) -> Offset | None:
        """The selected claim's words; with none selected (or it scrolled out of view), the line
        above the panes, which names the selection or says how to make one; with nothing
        loaded, the words saying so."""
        body = self.body
        offset = body.selection_offset() if body is not None else None
        if offset is not None:
            return offset
        for empty in self.query("#empty-state"):
            return start_of(empty)
        where = self.query("#where").first()
        return start_of(where)

    @property
    def body(self) -> ComparisonBody | None:
        """The claims, when there are candidates to show."""
        found = self.query("#body").first()
        return found if isinstance(found, ComparisonBody) else None

    def _draw_selection(self) -> None:
        """Move the bar to the selected claim and bring it, with its heading, into view: one
        refresh of the body (see ComparisonBody.select)."""
        body = self.body
        if body is None:
            return
        selection = self.state.selection
        claim = None
        if selection is not None and selection.claim_id is not None:
            claim = (selection.policy_id, selection.claim_id)
        body.set_view(self.state, self.has_class("-narrow"))
        body.select(claim)

    def _sync_in_view(self) -> None:
        """One pane at a time: show the selected candidate's (a class, no rebuild).

        Only when narrow: elsewhere the class changes nothing visible, and restyling every cell
        would repaint the whole screen for one key press.
        """
        if not self.has_class("-narrow"):
            return
        in_view = self.state.in_view
        for widget in self.query(".policy-header"):
            widget.set_class(getattr(widget, "policy_id", None) != in_view, "offstage")

    def on_resize(self) -> None:
        # Breakpoint classes are set on resize; after that, show the right column if narrow.
        self.call_after_refresh(self._after_resize)

    def _after_resize(self) -> None:
        self._sync_in_view()
        body = self.body
        if body is not None:
            body.set_view(self.state, self.has_class("-narrow"))
            if self.state.selection is not None:
                self._draw_selection()
        if self.comparison.policies:
            self.query("#where").only_one(Static).update(self._where_text(), layout=False)

    async def reading_changed(self) -> None:
        """The screen-reader layout was switched: the panes again, the selection kept."""
        self._choose_breakpoints()
        self._set_breakpoint_class()
        await self.recompose()
        self._sync_in_view()
        self._draw_selection()

    # -- keys --------------------------------------------------------------------------------

    async def action_select_claim(self, step: int) -> None:
        await self.show(nav.select_claim(self.comparison, self.state, step))

    async def action_select_candidate(self, step: int) -> None:
        await self.show(nav.select_candidate(self.comparison, self.state, step))

    async def action_trace(self) -> None:
        """⏎: trace the selected claim; with none selected, select the first. A candidate with
        no claim to trace is selected: say so, rather than do nothing."""
        if self.said_unavailable("trace"):
            return
        view = nav.selected_view(self.comparison, self.state)
        if view is None:
            new = nav.select_first(self.comparison, self.state)
            if new.selection is not None and new.selection.claim_id is None:
                name = safe_line(self._candidate_name(new.selection.policy_id))
                self.notify(f"Nothing to trace: {name} · {self._silence(new.selection.policy_id)}.",
                            timeout=4, markup=False)  # fmt: skip
            await self.show(new)
            return
        from .detail import ClaimDetailScreen

        self.app.push_screen(ClaimDetailScreen(view, self.comparison))

    @on(ComparisonBody.Clicked)
    async def _clicked(self, event: ComparisonBody.Clicked) -> None:
        await self.show(nav.select(self.state, event.selection))
        await self.action_trace()

    async def action_hide_pane(self, number: int) -> None:
        """1-9: hide the pane at that place; past the panes shown, say how many there are."""
        if self.said_unavailable("toggle-candidate"):
            return
        shown = len(self.state.visible)
        if number > shown:
            self.notify(f"No pane {number}: {shown} are shown, 1 to {shown} from the left.",
                        timeout=4)  # fmt: skip
            return
        pid = self.state.visible[number - 1]
        await self.show(nav.hide_pane(self.comparison, self.state, number))
        self._say_hidden(pid)

    async def hide_candidate(self, pid: str) -> None:
        """The palette's Hide: one candidate's pane, by name."""
        if not self.said_unavailable("toggle-candidate"):
            await self.show(nav.hide_candidate(self.comparison, self.state, pid))
            self._say_hidden(pid)

    async def show_candidate(self, pid: str) -> None:
        """The palette's Show: a hidden candidate's pane again, in its place in the order."""
        await self.show(nav.show_candidate(self.comparison, self.state, pid))
        self.notify(f"{safe_line(self._candidate_name(pid))} shown again.", timeout=4,
                    markup=False)  # fmt: skip

    def _say_hidden(self, pid: str) -> None:
        """Who was hidden, and how to bring them back: the panes alone do not say it, and a
        screen reader on the selection would not notice a pane going."""
        name = safe_line(self._candidate_name(pid))
        self.notify(f"{name} hidden: the command palette shows them again.", timeout=4,
                    markup=False)  # fmt: skip

    async def action_move_candidate(self, step: int) -> None:
        await self.show(nav.move_candidate(self.state, step))

    async def action_restore_order(self) -> None:
        await self.show(nav.restore_order(self.state))

    def action_scroll_body(self, where: str) -> None:
        """A jump, at once: the new lines go out with this key's refresh, not the next one."""
        body = self.query_one("#body", ScrollableContainer)
        page = body.scrollable_content_region.height
        targets = {"page_down": body.scroll_y + page, "page_up": body.scroll_y - page}
        y = targets.get(where, 0 if where == "home" else body.max_scroll_y)
        body.scroll_to(y=y, animate=False, immediate=True)

    def action_filter_topics(self) -> None:
        from .topics import TopicFilterScreen

        async def chosen(topics: frozenset[str] | None) -> None:
            if topics:
                await self.show(nav.with_topics(self.comparison, self.state, topics))

        self.app.push_screen(TopicFilterScreen(self.state.topics), chosen)

    def action_problems(self) -> None:
        from .problems import ProblemsScreen

        self.app.push_screen(ProblemsScreen(self.comparison.problems))
