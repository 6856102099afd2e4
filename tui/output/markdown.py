"""The comparison as Markdown: one section per topic, one sub-section per policy, then the sources.

Stable and documented (policies/README.md). Every piece of text, ours or a policy file's, goes
through `escape`, so that it renders in CommonMark exactly as written: it can never become HTML,
a heading, a link, emphasis, a table or a nested list; control characters are shown as visible
escapes. Structure (headings, lists, the quote's blockquote) is only ever what we write here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from string import punctuation

from ..compare.comparison import ClaimView, Comparison
from ..policy.model import NOT_STATED, Source
from ..policy.sanitize import safe
from .claim_text import attribution
from .roll_call import heading, quoted, roll_call

# Characters that can start inline structure anywhere in a line: escapes, code, emphasis, links
# and images, HTML and autolinks, entities, headings' closing #, GFM tables and strikethrough.
_INLINE_SPECIAL = re.compile(r"[\\`*_\[\]<>&#|~!]")
# At the start of a block, more can be structure: a list marker (- + 1. 1)), a setext or
# thematic line (= -), so any ASCII punctuation there is escaped too.
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])")


def escape(text: str) -> str:
    """Text as CommonMark that renders as exactly this text, on one line, wherever it is put.

    Newlines become spaces and surrounding whitespace is dropped (leading spaces would make an
    indented code block; trailing ones a hard line break).
    """
    flat = safe(text).replace("\n", " ").strip()
    out = _INLINE_SPECIAL.sub(r"\\\g<0>", flat)
    if out and out[0] in punctuation and out[0] != "\\":
        return "\\" + out
    return _ORDERED_MARKER.sub(r"\1\\\2", out, count=1)


def _source_key(source: Source) -> tuple[str, str, str, str, str | None]:
    return (source.headline, source.author, source.publisher, source.date, source.url)


def number_sources(comparison: Comparison) -> dict[tuple[str, str, str, str, str | None], int]:
    """Each distinct source (the same article cited by two files is one), numbered from 1."""
    numbers: dict[tuple[str, str, str, str, str | None], int] = {}
    for policy in comparison.policies:
        for source in policy.policy.sources:
            numbers.setdefault(_source_key(source), len(numbers) + 1)
    return numbers


def _stated(value: str, what: str) -> str:
    """A source field as text, or 'author not stated' rather than a bare 'not stated'."""
    return f"{what} not stated" if value == NOT_STATED else escape(value)


def _title(source: Source) -> str:
    """The headline in italics (plain when not stated or empty: a lone `**` is no emphasis)."""
    title = _stated(source.headline, "headline")
    return f"*{title}*" if title and source.headline != NOT_STATED else title


def _claim(view: ClaimView, source_number: int | None) -> list[str]:
    claim = view.claim
    headline = escape(f"{view.headline} ({view.when.short})" if view.headline else "")
    head = f"**{headline}** " if headline else ""
    lines = [f"- {head}{escape(claim.summary)} (claim {escape(claim.id)})"]
    if view.counts:
        lines.append(f"  - counts: {escape(view.counts)}")
    lines.extend(
        f"  - {escape(f'{flag.symbol} {flag.label}: {flag.detail}')}" for flag in view.flags
    )
    lines.extend(
        f"  - {escape(f'= {d.label} (our arithmetic): {d.working}')}" for d in view.derived
    )
    lines.extend(f"  - {escape(reason)}" for reason in view.not_derived)
    if view.figure_words:
        lines.append(f"  - {escape(f'the source states it as: {view.figure_words}')}")
    if view.note:
        lines.append(f"  - {escape(f'Note (ours): {view.note}')}")
    lines.extend(f"  - {escape(reading.sentence())}" for reading in view.readings)
    lines.append(f"  - > {escape(claim.quote) or '(empty quote)'}")
    said = escape(f"{attribution(view, say_kind=False)} ({claim.quote_kind})")
    source = view.source
    if source is None or source_number is None:
        where = f"source {escape(claim.source)} missing"
    else:
        where = (
            f"source {source_number}: {_title(source)}, "
            f"{_stated(source.publisher, 'publisher')}, {_stated(source.date, 'date')}"
        )
    lines.append(f"  - {said} in {where}")
    return lines


def _source_item(number: int, source: Source) -> str:
    date = _stated(source.date, "date")
    if source.date_note:
        date += f" ({escape(source.date_note)})"
    url = f"URL: {escape(source.url)}" if source.url else "no URL recorded"
    return (
        f"{number}. {_title(source)}, by {_stated(source.author, 'author')}; "
        f"{_stated(source.publisher, 'publisher')}; {date}; {url}; "
        f"archived as {escape(source.archive)}"
    )


def _sources(comparison: Comparison) -> Iterable[str]:
    seen: set[int] = set()
    numbers = number_sources(comparison)
    for policy in comparison.policies:
        for source in policy.policy.sources:
            number = numbers[_source_key(source)]
            if number not in seen:
                seen.add(number)
                yield _source_item(number, source)


def render_markdown(comparison: Comparison) -> str:
    numbers = number_sources(comparison)
    out = ["# hustings comparison", "", f"{escape(comparison.order_note)}.", ""]
    out += ["## Who stands", "", escape(heading(comparison)), ""]
    out += [f"- {escape(standing.line())}" for standing in roll_call(comparison)] + [""]
    shown = quoted(comparison)
    for row in comparison.rows:
        out += [f"## {escape(row.spec.label)}", ""]
        for policy, cell in ((comparison.policies[at], row.cells[at]) for at in shown):
            out += [f"### {escape(policy.name)}", ""]
            if not cell:
                out.append(f"- {escape(row.spec.empty)}")
            for view in cell:
                number = numbers.get(_source_key(view.source)) if view.source else None
                out.extend(_claim(view, number))
            out.append("")
    sources = list(_sources(comparison))
    if sources:
        out += ["## Sources", "", *sources, ""]
    if comparison.problems:
        out += ["## Problems", ""] + [f"- {escape(str(p))}" for p in comparison.problems] + [""]
    return "\n".join(out)
