"""The comparison as JSON: every field of every policy, plus rows, flags and derived figures.

The shape is documented in policies/README.md; `export_format` changes only when it does.
"""

from __future__ import annotations

from typing import Any

import msgspec

from ..compare import ClaimView, Comparison

EXPORT_FORMAT = 1


def _view(view: ClaimView) -> dict[str, Any]:
    return {
        "claim_id": view.claim.id,
        "headline": view.headline,
        "counts": view.counts,
        "flags": [{"code": f.code, "label": f.label, "detail": f.detail} for f in view.flags],
        "derived": [{"label": d.label, "working": d.working} for d in view.derived],
        "quote_proven": view.proven,
        "context": view.context,
    }


def comparison_to_builtins(comparison: Comparison) -> dict[str, Any]:
    return {
        "export_format": EXPORT_FORMAT,
        "order": comparison.order_note,
        "policies": [
            {"path": p.path, **msgspec.to_builtins(p.policy)} for p in comparison.policies
        ],
        "rows": [
            {
                "key": row.spec.key,
                "label": row.spec.label,
                "cells": {
                    policy.id: [_view(v) for v in cell]
                    for policy, cell in zip(comparison.policies, row.cells, strict=True)
                },
            }
            for row in comparison.rows
        ],
        "problems": [str(problem) for problem in comparison.problems],
    }


def render_json(comparison: Comparison) -> str:
    """Indented, key order stable; non-ASCII kept, control characters escaped by JSON itself."""
    encoded = msgspec.json.encode(comparison_to_builtins(comparison))
    return msgspec.json.format(encoded, indent=2).decode() + "\n"
