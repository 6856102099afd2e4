"""Help: the keys (made from the command registry, like the footer and the palette) and flags."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from ...compare.flags import legend
from ..commands import Command, help_rows
from .document import DocumentScreen


# The flag legend. TODO(lead): when compare.py's flag vocabulary becomes an Enum of
# code/symbol/label/meaning, make `flag_legend` read it; nothing else here needs to change.
def flag_legend() -> Sequence[tuple[str, str]]:
    """(symbol and label, meaning) for every kind of flag, from the one flag vocabulary."""
    return legend()


def help_text(commands: Sequence[Command], count: int) -> Text:
    text = Text()
    text.append("Keys\n", style="bold underline")
    for keys, description, command_id in help_rows(commands, count):
        text.append(f"  {keys:<14}", style="bold")
        text.append(description)
        text.append(f"  ({command_id})\n", style="dim")
    text.append(f"  {'click':<14}", style="bold")
    text.append("Trace a claim to its quote and source with the mouse\n")
    text.append("\nFlags\n", style="bold underline")
    for label, meaning in flag_legend():
        text.append(f"  {label}\n", style="bold")
        text.append(f"      {meaning}\n")
    text.append("\nFairness\n", style="bold underline")
    text.append(
        "  Every candidate gets the same layout and the same rules. Candidates are ordered\n"
        "  alphabetically by surname unless you reorder them. Colour never carries a verdict.\n"
    )
    text.append("\nYour keys\n", style="bold underline")
    text.append(
        "  Move a command to other keys in keys.toml in your config folder\n"
        "  ($XDG_CONFIG_HOME/hustings), one line per command by the id in brackets above:\n"
        '  help = "f1", or quit = ["q", "ctrl+q"].\n'
    )
    return text


class HelpScreen(DocumentScreen):
    BODY_ID = "help"

    def __init__(self, commands: Sequence[Command]) -> None:
        super().__init__("Help")
        self.commands_shown = commands

    def document(self) -> ComposeResult:
        yield Static(help_text(self.commands_shown, self.candidate_count), id="help")
