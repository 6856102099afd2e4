"""The comparison as CSV: one line per claim, columns documented in policies/README.md.

Text columns are as the table shows them; typed columns (`number`, `amount`, ...) give the same
figures unfolded, so a data user never has to parse "≈1,300" or "London · period not stated".

Safe to open in a spreadsheet (OWASP, "CSV Injection"): every text cell goes through `safe`
(control characters become visible escapes) and then `neutralise` (a cell a spreadsheet would
read as a formula gets a leading `'`). Every text cell is quoted; numeric cells are bare
non-negative integers, which cannot be formulas, so they stay numbers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..compare.comparison import NOTHING_SAID, ClaimView, Comparison, PolicyView
from ..policy.model import NOT_STATED, Money, Officers
from ..policy.sanitize import safe

# A spreadsheet evaluates a cell that starts with one of OWASP's triggers (= + - @ tab CR), and
# some do so after trimming leading whitespace or quotes: so look past those too.
_FORMULA_LIKE = re.compile(r"^[\s'\"‘’“”]*[=+\-@\t\r]")


def neutralise(text: str) -> str:
    """Prefix `'` to a cell a spreadsheet would read as a formula: it then shows it as text.

    Reversible: strip one leading `'` from a cell when the rest still matches the trigger rule.
    """
    return "'" + text if _FORMULA_LIKE.match(text) else text


def text_cell(value: str) -> str:
    """Every text cell: control characters made visible, then formulas neutralised."""
    return neutralise(safe(value))


@dataclass(frozen=True, slots=True)
class _Line:
    """What one CSV line is made from."""

    row: str
    policy: PolicyView
    view: ClaimView

    @property
    def officers(self) -> Officers | None:
        return self.view.claim.officers

    @property
    def money(self) -> Money | None:
        return self.view.claim.money


def _whole(value: object) -> int | str:
    """A typed figure: a non-negative integer, or empty ("not stated", or no such figure)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else ""


def _recorded(value: str | None) -> str:
    """A field that may be left out: its value ("not stated" included), or empty."""
    return value or ""


def _kinds(figure: Officers | None) -> str:
    if figure is None:
        return ""
    return NOT_STATED if figure.kinds == NOT_STATED else "; ".join(figure.kinds)


def _scope(line: _Line) -> str:
    figure = line.officers or line.money
    return figure.scope if figure else ""


def _period(line: _Line) -> str:
    if line.officers:
        return _recorded(line.officers.timeframe)
    return _recorded(line.money.period) if line.money else ""


def _source_date(line: _Line) -> str:
    source = line.view.source
    return "" if source is None or source.date == NOT_STATED else source.date


def _source(field: str) -> Callable[[_Line], str]:
    def get(line: _Line) -> str:
        source = line.view.source
        return _recorded(getattr(source, field)) if source else ""

    return get


# (column, how to get it from a line, numeric?) in the order written; the one list of columns.
_COLUMNS: tuple[tuple[str, Callable[[_Line], str | int], bool], ...] = (
    ("row", lambda line: line.row, False),
    ("policy_id", lambda line: line.policy.id, False),
    ("policy_name", lambda line: line.policy.name, False),
    ("claim_id", lambda line: line.view.claim.id, False),
    ("topic", lambda line: line.view.claim.topic, False),
    ("headline", lambda line: line.view.headline or "", False),
    ("counts", lambda line: line.view.counts or "", False),
    ("flags", lambda line: "; ".join(f.label for f in line.view.flags), False),
    ("derived", lambda line: "; ".join(d.working for d in line.view.derived), False),
    ("summary", lambda line: line.view.claim.summary, False),
    ("quote", lambda line: line.view.claim.quote, False),
    ("quote_kind", lambda line: line.view.claim.quote_kind, False),
    ("speaker", lambda line: line.view.claim.speaker, False),
    ("speaker_role", lambda line: line.view.claim.speaker_role, False),
    ("source_id", lambda line: line.view.claim.source, False),
    ("source_headline", _source("headline"), False),
    ("source_publisher", _source("publisher"), False),
    ("source_author", _source("author"), False),
    ("source_date", _source_date, False),
    ("source_url", _source("url"), False),
    ("quote_proven", lambda line: "yes" if line.view.proven else "no", False),
    ("number", lambda line: _whole(line.officers.number) if line.officers else "", True),
    (
        "approximate",
        lambda line: str(line.officers.approximate).lower() if line.officers else "",
        False,
    ),
    ("qualifier", lambda line: _recorded(line.officers.qualifier) if line.officers else "", False),
    ("kinds", lambda line: _kinds(line.officers), False),
    ("amount", lambda line: _whole(line.money.amount) if line.money else "", True),
    ("money_kind", lambda line: line.money.kind if line.money else "", False),
    ("comes_from", lambda line: _recorded(line.money.comes_from) if line.money else "", False),
    ("scope", _scope, False),
    ("period", _period, False),
    ("flag_codes", lambda line: "; ".join(f.code for f in line.view.flags), False),
    ("when", lambda line: line.view.when.short, False),
    ("older_context", lambda line: str(line.view.older).lower(), False),
    ("figure_words", lambda line: line.view.figure_words or "", False),
    ("note", lambda line: line.view.note or "", False),
    ("readings", lambda line: "; ".join(r.sentence() for r in line.view.readings), False),
    ("reading_fields", lambda line: "; ".join(r.field for r in line.view.readings), False),
)
COLUMNS: tuple[str, ...] = tuple(name for name, _, _ in _COLUMNS)
NUMERIC_COLUMNS: frozenset[str] = frozenset(name for name, _, numeric in _COLUMNS if numeric)


def _cells(line: _Line) -> list[str | int]:
    cells: list[str | int] = []
    for _, get, numeric in _COLUMNS:
        value = get(line)
        cells.append(value if numeric and isinstance(value, int) else text_cell(str(value)))
    return cells


def render_csv(comparison: Comparison) -> str:
    buffer = io.StringIO()
    # QUOTE_NONNUMERIC: every text cell is quoted (OWASP), integers are written bare.
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(COLUMNS)
    for policy in comparison.policies:
        if policy.nothing_said:  # one line, with the one sentence, and no claim columns
            cells = {"policy_id": policy.id, "policy_name": policy.name, "summary": NOTHING_SAID}
            writer.writerow([text_cell(cells.get(column, "")) for column in COLUMNS])
    for row in comparison.rows:
        for policy, cell in zip(comparison.policies, row.cells, strict=True):
            writer.writerows(_cells(_Line(row.spec.key, policy, view)) for view in cell)
    return buffer.getvalue()
