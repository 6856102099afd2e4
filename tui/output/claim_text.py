"""One claim as lines of Rich Text, shared by the table and the app so they never disagree.

Policy text enters only as plain `Text` (never parsed as markup) and through `safe`.
"""

from __future__ import annotations

from rich.text import Text

from ..compare import ClaimView
from ..formatting import safe


def headline_lines(view: ClaimView) -> list[Text]:
    """The figure first, then what it counts."""
    if view.headline is None:
        return []
    lines = [Text(safe(view.headline), style="bold")]
    if view.counts:
        lines.append(Text(safe(view.counts), style="italic"))
    return lines


def flag_lines(view: ClaimView) -> list[Text]:
    """Each flag as a symbol and words (never colour alone); a condition says what it is."""
    lines = []
    for flag in view.flags:
        lines.append(Text(f"{flag.symbol} {flag.label}", style="bold"))
        if flag.code == "conditional":
            lines.append(Text(f"  {safe(flag.detail)}"))
    lines.extend(Text(f"= {safe(d.label)} (our arithmetic)") for d in view.derived)
    return lines


def attribution_lines(view: ClaimView) -> list[Text]:
    claim = view.claim
    said = "reported" if claim.quote_kind == "reported" else "said"
    return [
        Text(safe(claim.summary)),
        Text(f"— {safe(claim.speaker)} ({claim.speaker_role}, {said})", style="dim"),
    ]


def claim_lines(view: ClaimView) -> list[Text]:
    return [*headline_lines(view), *flag_lines(view), *attribution_lines(view)]
