"""Help: the keys of each screen (made from the command registry, like the footer and the
palette), what every flag means, and how to move a key.

Laid out as a grid, so a description that wraps continues under its own column, never back
under the keys."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from ...compare.flags import legend
from ..commands import HELP_SECTIONS, MAIN, Command, help_sections
from .document import DocumentScreen

CLICK = ("click", "Trace a claim to its quote and source with the mouse", "")
INDENT = 2


def _heading(words: str) -> Text:
    return Text(f"\n{words}", style="bold underline")


def _keys_table(rows: Sequence[tuple[str, str, str]], key_width: int) -> Table:
    grid = Table.grid(padding=(0, 2, 0, 0))
    grid.add_column(width=key_width, no_wrap=True, style="bold")
    grid.add_column(ratio=1)
    for keys, description, command_id in rows:
        words = Text(description)
        if command_id:
            words.append(f"  ({command_id})", style="dim")
        grid.add_row(keys, words)
    return grid


def _paragraph(words: str) -> Padding:
    return Padding(Text(words), (0, 0, 0, INDENT))


def help_document(
    commands: Sequence[Command], reachable: frozenset[str], count: int
) -> RenderableType:
    sections = help_sections(commands, reachable, count)
    key_width = max(len(keys) for _, rows in sections for keys, _, _ in rows)
    parts: list[RenderableType] = [Text("Keys", style="bold underline")]
    for number, (heading, rows) in enumerate(sections):
        if heading == dict(HELP_SECTIONS)[MAIN]:
            rows = [*rows, CLICK]  # in the comparison a click traces, like ⏎
        if number:
            parts.append(Text(""))
        parts.append(Text(heading, style="bold"))
        parts.append(Padding(_keys_table(rows, key_width), (0, 0, 0, INDENT)))
    parts.append(_heading("Flags and marks"))
    for label, meaning in legend():
        parts.append(Padding(Text(label, style="bold"), (0, 0, 0, INDENT)))
        parts.append(Padding(Text(meaning), (0, 0, 0, INDENT + 4)))
    parts.append(_heading("Fairness"))
    parts.append(
        _paragraph(
            "Every candidate gets the same layout and the same rules. Candidates are ordered "
            "alphabetically by surname unless you reorder them. Colour never carries a verdict."
        )
    )
    parts.append(_heading("Your keys"))
    parts.append(
        _paragraph(
            "Move a command to other keys in keys.toml in your config folder "
            "($XDG_CONFIG_HOME/hustings), one line per command by the id in brackets above: "
            'help = "f1", or quit = ["q", "ctrl+q"].'
        )
    )
    return Group(*parts)


class HelpScreen(DocumentScreen):
    BODY_ID = "help"

    def __init__(self, commands: Sequence[Command], reachable: frozenset[str]) -> None:
        super().__init__("Help")
        self.commands_shown = commands
        self.reachable = reachable

    def document(self) -> ComposeResult:
        yield Static(help_document(self.commands_shown, self.reachable, self.most_panes),
                     id="help")  # fmt: skip
