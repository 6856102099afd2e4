"""One claim as lines of Rich Text, shared by the table and the app so they never disagree.

Reading order: the figure, one plain sentence saying what was promised, then the flags that
qualify it, then who said it. A voter scanning a row reads the figures and sentences first and
the caveats right after; the flags sit directly under the sentence they qualify, never nine lines
above it.

Policy text enters only as plain `Text` (never parsed as markup) and through `safe`.
"""

from __future__ import annotations

from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.text import Text

from ..compare.comparison import ClaimView
from ..compare.flags import NOTE_MARK
from ..policy.formatting import OUR_READING
from ..policy.model import NOT_STATED
from ..policy.sanitize import safe


def headline_lines(view: ClaimView) -> list[Text]:
    """The figure and its year, then what it counts: the one place a figure's line is drawn."""
    if view.headline is None:
        return []
    figure = Text(safe(view.headline), style="bold")
    figure.append(f" · {view.when.short}")  # its year (or "undated") always stands beside it
    lines = [figure]
    if view.counts:
        lines.append(Text(safe(view.counts), style="italic"))
    return lines


def summary_line(view: ClaimView) -> Text:
    """What was promised or said, in one plain sentence."""
    return Text(safe(view.claim.summary))


def flag_lines(view: ClaimView) -> list[Text]:
    """Each flag as a symbol and words (never colour alone); a condition says what it is."""
    lines = []
    for flag in view.flags:
        lines.append(Text(f"{flag.symbol} {safe(flag.label)}", style="bold"))
        if flag.code == "conditional":
            lines.append(Text(f"  {safe(flag.detail)}"))
    lines.extend(Text(f"= {safe(d.label)} (our arithmetic)") for d in view.derived)
    return lines


def attribution(view: ClaimView, *, say_kind: bool = True) -> str:
    """Who said it, as the source names them ('Sadiq Khan, London mayor'): never a label of
    ours. A speaker who is our reading says so."""
    claim = view.claim
    if claim.speaker.strip().casefold().startswith(NOT_STATED):
        who = "not named in the source"
    else:
        who = safe(claim.speaker)
    if "speaker" in view.read:
        who += f" ({OUR_READING})"
    if say_kind and claim.quote_kind == "reported":
        return f"{who}, as reported"
    return who


def note_lines(view: ClaimView) -> list[Text]:
    """The note and each reading of ours, in full: for the table and every export."""
    lines = [Text(f"Note (ours): {safe(view.note)}", style="italic")] if view.note else []
    lines.extend(Text(reading.sentence(), style="italic") for reading in view.readings)
    return lines


def note_mark(view: ClaimView) -> list[Text]:
    """In a pane: one line saying a note or a reading exists; the trace shows them."""
    what = [word for word, there in (("a note", view.note), ("our reading", view.readings))
            if there]  # fmt: skip
    if not what:
        return []
    return [Text(f"{NOTE_MARK} {' and '.join(what)}: ⏎ trace", style="italic")]


def attribution_lines(view: ClaimView) -> list[Text]:
    return [Text(f"— {attribution(view)}", style="dim")]


def claim_lines(view: ClaimView, *, notes: bool = True) -> list[Text]:
    """The whole claim in reading order. With `notes`, its note and readings in full (the
    table); without, a one-line mark that they exist (a pane, whose trace shows them)."""
    said = note_lines(view) if notes else note_mark(view)
    return [
        *headline_lines(view), summary_line(view), *flag_lines(view), *said,
        *attribution_lines(view),
    ]  # fmt: skip


def _indent(text: Text) -> int:
    return len(text.plain) - len(text.plain.lstrip(" "))


def wrap_hanging(text: Text, console: Console, width: int) -> list[Text]:
    """`text` wrapped to `width`; one that starts with spaces (a condition's words under its
    flag) keeps them before every line it wraps to, not only the first."""
    indent = _indent(text)
    if not indent or indent >= width:
        return list(text.wrap(console, width))
    lines = text[indent:].wrap(console, width - indent)
    return [Text(" " * indent, end="") + line for line in lines]


def hanging(text: Text) -> RenderableType:
    """`text` for a Rich layout (the table's cells): indented lines hang as a block."""
    indent = _indent(text)
    return Padding(text[indent:], (0, 0, 0, indent)) if indent else text
