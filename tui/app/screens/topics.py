"""Choose which topic rows to see: ticks drawn as [x] and [ ], never as colour alone."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.geometry import Offset
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

from ...compare.comparison import ROWS
from ..commands import COMMANDS, DIALOG, bindings, for_context
from ..widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from ..app import HustingsApp

NONE_TICKED = "Tick at least one topic (Space), or press Esc to keep the ones shown."


def option_text(label: str, ticked: bool) -> Text:
    return Text(f"[{'x' if ticked else ' '}] {label}")


class TopicFilterScreen(ModalScreen[frozenset[str] | None], inherit_bindings=False):
    """Space ticks or unticks; Enter applies; Esc closes without a change."""

    BINDINGS = bindings(for_context(COMMANDS, DIALOG))  # the voter's keys: the app's keymap

    def __init__(self, chosen: frozenset[str]) -> None:
        super().__init__()
        self.ticked = {row.key for row in ROWS if row.key in chosen}
        self.commands = for_context(cast("HustingsApp", self.app).commands, DIALOG)

    def compose(self) -> ComposeResult:
        with Vertical(id="topics-dialog"):
            yield Static("Topics to show", id="topics-title")
            yield OptionList(
                *(option_text(row.label, row.key in self.ticked) for row in ROWS), id="topics"
            )
            yield Static("", id="topics-message")
        yield KeyBar(self.commands, lambda command: True, id="keys")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def cursor_offset(self) -> Offset | None:
        """The terminal cursor (see cursor.py) on the highlighted topic's tick: each topic is
        one line, so its line is its place in the list."""
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        view = options.scrollable_content_region
        line = options.highlighted - round(options.scroll_y)
        return Offset(view.x, view.y + line) if 0 <= line < view.height else None

    def _toggle(self, index: int) -> None:
        row = ROWS[index]
        self.ticked ^= {row.key}
        self.query_one(OptionList).replace_option_prompt_at_index(
            index, option_text(row.label, row.key in self.ticked)
        )
        self.query_one("#topics-message", Static).update("")

    def action_tick(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None:
            self._toggle(highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._toggle(event.option_index)  # a click ticks, like Space

    def action_apply(self) -> None:
        if not self.ticked:
            self.query_one("#topics-message", Static).update(NONE_TICKED)
            return
        self.dismiss(frozenset(self.ticked))

    def action_cancel(self) -> None:
        self.dismiss(None)

    @property
    def selected(self) -> list[str]:
        """The ticked topic keys, in row order."""
        return [row.key for row in ROWS if row.key in self.ticked]
