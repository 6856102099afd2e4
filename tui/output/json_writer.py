"""The comparison as JSON: every field of every policy, plus rows, flags and derived figures.

The shape is the Structs in `export_schema` (printed by `hustings schema --export`), so what is
written and what is documented are one declaration.

Policy text is kept exactly (a data user gets the true string), but no unsafe character is ever
written raw: JSON escapes C0 controls itself, and every other character that
`hustings.policy.sanitize` calls unsafe (DEL, C1 controls, bidi controls, invisible characters)
is written as a `\\uXXXX` escape, which decodes to the same string.
So `cat export.json` cannot act on a terminal.
"""

from __future__ import annotations

import msgspec

from ..compare.comparison import NOTHING_SAID, ClaimView, Comparison
from ..policy.sanitize import UNSAFE
from .export_schema import (
    EXPORT_FORMAT,
    Export,
    ExportClaim,
    ExportDerived,
    ExportFlag,
    ExportPolicy,
    ExportReading,
    ExportRow,
)


def _claim(view: ClaimView) -> ExportClaim:
    return ExportClaim(
        claim_id=view.claim.id,
        headline=view.headline,
        counts=view.counts,
        flags=[
            ExportFlag(code=f.code, symbol=f.symbol, label=f.label, detail=f.detail)
            for f in view.flags
        ],
        derived=[ExportDerived(label=d.label, working=d.working) for d in view.derived],
        quote_proven=view.proven,
        context=view.context,
        when=view.when.short,
        older_context=view.older,
        figure_words=view.figure_words,
        not_derived=list(view.not_derived),
        note=view.note,
        readings=[
            ExportReading(
                field=r.field, value=r.value, why=r.why, rests_on=r.rests_on, sentence=r.sentence()
            )
            for r in view.readings
        ],
    )


def build_export(comparison: Comparison) -> Export:
    """The comparison in the export's shape (the Structs the schema is made from)."""
    return Export(
        export_format=EXPORT_FORMAT,
        order=comparison.order_note,
        policies=[
            ExportPolicy(
                path=p.path,
                nothing_said=NOTHING_SAID if p.nothing_said else None,
                **msgspec.structs.asdict(p.policy),
            )
            for p in comparison.policies
        ],
        rows=[
            ExportRow(
                key=row.spec.key,
                label=row.spec.label,
                cells={
                    policy.id: [_claim(v) for v in cell]
                    for policy, cell in zip(comparison.policies, row.cells, strict=True)
                },
            )
            for row in comparison.rows
        ],
        problems=[str(problem) for problem in comparison.problems],
    )


def json_escape(char: str) -> str:
    """One character as a JSON `\\uXXXX` escape (a surrogate pair beyond the BMP)."""
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def render_json(comparison: Comparison) -> str:
    """Indented, key order stable; non-ASCII kept, unsafe characters escaped (see above)."""
    encoded = msgspec.json.format(msgspec.json.encode(build_export(comparison)), indent=2)
    return UNSAFE.sub(lambda m: json_escape(m.group()), encoded.decode()) + "\n"
