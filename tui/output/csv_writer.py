"""The comparison as CSV: one line per claim, columns documented in policies/README.md."""

from __future__ import annotations

import csv
import io

from ..compare import Comparison
from ..formatting import safe

COLUMNS = (
    "row",
    "policy_id",
    "policy_name",
    "claim_id",
    "topic",
    "headline",
    "counts",
    "flags",
    "derived",
    "summary",
    "quote",
    "quote_kind",
    "speaker",
    "speaker_role",
    "source_id",
    "source_headline",
    "source_publisher",
    "source_author",
    "source_date",
    "source_url",
    "quote_proven",
)


def render_csv(comparison: Comparison) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in comparison.rows:
        for policy, cell in zip(comparison.policies, row.cells, strict=True):
            for view in cell:
                claim, source = view.claim, view.source
                values = (
                    row.spec.key,
                    policy.id,
                    policy.name,
                    claim.id,
                    claim.topic,
                    view.headline or "",
                    view.counts or "",
                    "; ".join(f.label for f in view.flags),
                    "; ".join(d.working for d in view.derived),
                    claim.summary,
                    claim.quote,
                    claim.quote_kind,
                    claim.speaker,
                    claim.speaker_role,
                    claim.source,
                    source.headline if source else "",
                    source.publisher if source else "",
                    source.author if source else "",
                    source.date if source else "",
                    (source.url or "") if source else "",
                    "yes" if view.proven else "no",
                )
                writer.writerow([safe(str(value)) for value in values])
    return buffer.getvalue()
