"""Help: the keys (read from the bindings themselves, so it cannot drift) and the flags."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from .document import DocumentScreen

FLAG_LEGEND = (
    ("◆ CONDITIONAL", "the promise depends on something else happening first"),
    ("≠ LONDON / NATIONAL", "figures of different scope side by side: do not compare directly"),
    ("≠ SAVINGS / NEW INVESTMENT", "different kinds of money side by side"),
    ("+ INCLUDES PCSOs AND SPECIALS", "not only warranted officers; specials are volunteers"),
    ("⊂ PART OF / ⊃ INCLUDES", "one figure is counted inside the other: never add them"),
    ("? ... NOT STATED", "the source does not say (period, kinds, where money comes from)"),
    ("✗ QUOTE NOT FOUND", "the quote could not be found in its archived source"),
    ("= ... (our arithmetic)", "a figure we calculated, with its working; not anyone's claim"),
)

KEY_NAMES = {"question_mark": "?", "less_than_sign": "<", "greater_than_sign": ">"}


def help_text(bindings: Sequence[Binding]) -> Text:
    text = Text()
    text.append("Keys\n", style="bold underline")
    seen: set[str] = set()
    for binding in bindings:
        key = binding.key_display or KEY_NAMES.get(binding.key, binding.key)
        if binding.description in seen or binding.description.startswith("Show/hide candidate"):
            continue
        seen.add(binding.description)
        text.append(f"  {key:<7}", style="bold")
        text.append(f"{binding.description}\n")
    text.append("  click  ", style="bold")
    text.append("Trace a claim to its quote and source with the mouse\n")
    text.append("  ctrl+p ", style="bold")
    text.append("Command palette: every command by name, themes included\n")
    text.append("\nFlags\n", style="bold underline")
    for label, meaning in FLAG_LEGEND:
        text.append(f"  {label}\n", style="bold")
        text.append(f"      {meaning}\n")
    text.append("\nFairness\n", style="bold underline")
    text.append(
        "  Every candidate gets the same layout and the same rules. Candidates are ordered\n"
        "  alphabetically by surname unless you reorder them. Colour never carries a verdict.\n"
    )
    return text


class HelpScreen(DocumentScreen):
    BINDINGS = [Binding("question_mark", "app.pop_screen", "Back", show=False)]
    BODY_ID = "help"

    def __init__(self, bindings: Sequence[Binding]) -> None:
        super().__init__("Help")
        self.bindings_shown = bindings

    def document(self) -> ComposeResult:
        yield Static(help_text(self.bindings_shown), id="help")
