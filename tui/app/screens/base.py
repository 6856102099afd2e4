"""What every hustings screen shares: keys from the registry, and a minimum size.

Each screen's BINDINGS are its context's commands at their default keys (and only those:
Textual's own screen keys, Tab among them, are not inherited); keys the voter moved in
keys.toml reach them through the app's keymap (`App.set_keymap`).

Below the minimum a screen shows one line, "needs at least WxH", instead of a layout too
cramped to read (at 20x10 the comparison left two lines of content).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.geometry import Offset
from textual.screen import Screen
from textual.widgets import Static

from ..commands import COMMANDS, Command, bindings, for_context, number_bound
from ..cursor import start_of
from ..state import MAX_SIDE_BY_SIDE
from ..textual_private import update_now, update_pending

if TYPE_CHECKING:
    from ..app import HustingsApp

MIN_WIDTH, MIN_HEIGHT = 40, 15
SETTLE_PASSES = 3  # layouts a new screen may ask for after its first, done without waiting


class HustingsScreen(Screen, inherit_bindings=False):
    CONTEXT = ""  # which commands of the registry work here

    def __init_subclass__(cls, **kwargs: bool) -> None:
        if "CONTEXT" in cls.__dict__:  # a screen of its own context: its commands' keys
            cls.BINDINGS = bindings(for_context(COMMANDS, cls.CONTEXT))
        super().__init_subclass__(**kwargs)

    def __init__(self) -> None:
        super().__init__()
        # With the voter's keys: what the footer, help and palette show.
        self.commands: tuple[Command, ...] = for_context(self.hustings.commands, self.CONTEXT)

    @property
    def hustings(self) -> HustingsApp:
        """The app, typed as ours: its command registry and its comparison."""
        return cast("HustingsApp", self.app)

    @property
    def most_panes(self) -> int:
        """How many panes can be side by side here: the number keys go as far as that."""
        return min(len(self.hustings.comparison.policies), MAX_SIDE_BY_SIDE)

    def command_available(self, command: Command) -> bool:
        """Whether the footer offers `command` now (the key is off when it is not)."""
        if command.id == "races":
            return self.hustings.has_several_races
        if command.id == "step-back":
            has_overview = self.hustings.overview_below(self) is not None
            return has_overview or self.hustings.has_several_races
        if command.id == "overview":
            return self.hustings.overview_below(self) is not None
        return True

    # -- drawing a screen as it opens --------------------------------------------------------

    def on_screen_resume(self) -> None:
        self.call_later(self._settle, SETTLE_PASSES)

    def _settle(self, passes: int) -> None:
        """Lay the screen out again now, not a timer tick from now.

        Textual draws a screen as it opens, before its widgets know their sizes; they answer
        with another layout (the panes' height, then the scrollbar that height calls for),
        each on the screen's next timer tick, a tick (16.7 ms) apart: opening the panes took
        45-50 ms. This runs once the answers are queued (a `call_later` comes after them) and
        does what the tick would do, if anything, a few passes at most."""
        if passes and update_pending(self):
            update_now(self)
            self.call_later(self._settle, passes - 1)

    # -- between races, the overview and the panes (the app keeps the stack) -------------

    def action_races(self) -> None:
        if not self.said_unavailable("races"):
            self.hustings.back_to_races()

    def action_overview(self) -> None:
        if not self.said_unavailable("overview"):
            self.hustings.back_to_overview(self)

    def said_unavailable(self, command_id: str) -> bool:
        """If the command cannot act here, say why (its `unavailable` words) and return True:
        a key that does nothing must not leave the voter guessing."""
        command = next((c for c in self.commands if c.id == command_id), None)
        if command is None or self.command_available(command):
            return False
        if command.unavailable:
            self.notify(command.unavailable, timeout=4, markup=False)
        return True

    def action_step_back(self) -> None:
        """Esc: to the overview this screen was opened from, else to the race picker; with
        neither, say so."""
        if self.said_unavailable("step-back"):
            return
        if self.hustings.overview_below(self) is not None:
            self.hustings.back_to_overview(self)
        else:
            self.hustings.back_to_races()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A command that cannot act is off, unless it has words to say why (then its action
        says them); so is a number beyond the panes there can be or the voter's keys."""
        for command in self.commands:
            if command.action.partition("(")[0] == action:
                if not number_bound(command, parameters, self.most_panes):
                    return False
                return self.command_available(command) or bool(command.unavailable)
        return True

    async def reading_changed(self) -> None:
        """The screen-reader layout was switched on or off (screens it changes redraw)."""

    # -- the terminal cursor (see cursor.py) ------------------------------------------------

    def cursor_offset(self) -> Offset | None:
        """Where the terminal cursor goes: on what is selected; below the minimum size, on
        the message saying so."""
        if self.has_class("-too-small"):
            return start_of(self.query_one("#too-small"))
        return self.selection_offset()

    def selection_offset(self) -> Offset | None:
        """The start of the selected item's words on screen (each screen its own)."""
        return None

    # -- the minimum size -----------------------------------------------------------------

    def too_small_message(self) -> Static:
        return Static(self._too_small_text(), id="too-small")

    def _too_small_text(self) -> str:
        width, height = self.app.size
        return f"needs at least {MIN_WIDTH}x{MIN_HEIGHT}\n(this is {width}x{height})"

    def set_size_class(self) -> bool:
        """Set `-too-small` from the terminal's size; True if it changed."""
        width, height = self.app.size
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        changed = small != self.has_class("-too-small")
        self.set_class(small, "-too-small")
        return changed

    def on_resize(self) -> None:
        self.set_size_class()
        if self.has_class("-too-small"):
            for widget in self.query("#too-small"):
                widget.update(self._too_small_text())  # type: ignore[attr-defined]
