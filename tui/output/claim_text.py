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
from ..policy.model import NOT_STATED
from ..policy.sanitize import safe

# What each speaker role means, in a voter's words (the role names are the file format's).
ROLE_WORDS = {
    "candidate": "the candidate",
    "spokesperson": "speaking for the campaign",
    "reporter": "the reporter",
    "opponent": "an opponent",
    "official": "an official",
}


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
    """Who said it, in plain words: 'Sadiq Khan, the candidate', 'the reporter (not named)'."""
    claim = view.claim
    role = ROLE_WORDS.get(claim.speaker_role, claim.speaker_role)
    if claim.speaker.strip().casefold().startswith(NOT_STATED):
        who = f"{role} (not named in the source)"
    else:
        who = f"{safe(claim.speaker)}, {role}"
    if say_kind and claim.quote_kind == "reported":
        return f"{who}, as reported"
    return who


def attribution_lines(view: ClaimView) -> list[Text]:
    return [Text(f"— {attribution(view)}", style="dim")]


def claim_lines(view: ClaimView) -> list[Text]:
    """The whole claim in reading order."""
    return [*headline_lines(view), summary_line(view), *flag_lines(view), *attribution_lines(view)]


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
