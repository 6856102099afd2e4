"""The comparison as Markdown: one section per topic, one sub-section per policy.

Stable and documented (policies/README.md). Policy text is escaped so that it cannot become
Markdown or HTML structure, and control characters are shown as visible escapes.
"""

from __future__ import annotations

import re

from ..compare import ClaimView, Comparison
from ..formatting import safe

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", safe(text)).replace("\n", " ")


def _claim(view: ClaimView) -> list[str]:
    claim = view.claim
    head = f"**{escape(view.headline)}** " if view.headline else ""
    lines = [f"- {head}{escape(claim.summary)} (`{claim.id}`)"]
    if view.counts:
        lines.append(f"  - counts: {escape(view.counts)}")
    lines.extend(f"  - {flag.symbol} {flag.label}: {escape(flag.detail)}" for flag in view.flags)
    lines.extend(f"  - = {escape(d.working)}" for d in view.derived)
    source = view.source
    where = f"{escape(source.publisher)}, {escape(source.date)}" if source else "source missing"
    lines.append(f"  - > {escape(claim.quote)}")
    lines.append(f"  - {escape(claim.speaker)} ({claim.speaker_role}, {claim.quote_kind}); {where}")
    return lines


def render_markdown(comparison: Comparison) -> str:
    out = ["# hustings comparison", "", f"{comparison.order_note}.", ""]
    for row in comparison.rows:
        out += [f"## {row.spec.label}", ""]
        for policy, cell in zip(comparison.policies, row.cells, strict=True):
            out += [f"### {escape(policy.name)}", ""]
            if not cell:
                out.append("- nothing in the archived sources")
            for view in cell:
                out.extend(_claim(view))
            out.append("")
    if comparison.problems:
        out += ["## Problems", ""] + [f"- {escape(str(p))}" for p in comparison.problems] + [""]
    return "\n".join(out)
