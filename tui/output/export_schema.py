"""The JSON export's shape, declared once as msgspec Structs.

Why Structs: the JSON writer fills these and `hustings schema --export` prints their JSON Schema,
so the file and its schema come from one declaration and cannot drift apart. A data user can also
decode an export straight into them (`msgspec.json.decode(data, type=Export)`), which validates it.

`EXPORT_FORMAT` changes only when a key is removed or changes meaning; new keys may be added.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec

from ..compare.comparison import ROWS
from ..compare.flags import FlagKind
from ..policy.model import Policy

EXPORT_FORMAT = 1

# The flag vocabulary, as the export names it: code -> symbol, from the one FlagKind Enum.
FLAG_SYMBOLS: dict[str, str] = {kind.code: kind.symbol for kind in FlagKind}
FLAG_CODES: tuple[str, ...] = tuple(FLAG_SYMBOLS)
ROW_KEYS: tuple[str, ...] = tuple(spec.key for spec in ROWS)

FlagCode = Annotated[
    Literal[FLAG_CODES],  # type: ignore[valid-type]
    msgspec.Meta(
        description="what kind of flag this is, for machines: "
        + ", ".join(f"{code} ({symbol})" for code, symbol in FLAG_SYMBOLS.items())
        + ". The meanings are in policies/README.md, 'What is derived, not typed in'."
    ),
]
RowKey = Annotated[
    Literal[ROW_KEYS],  # type: ignore[valid-type]
    msgspec.Meta(
        description="the row, for machines: "
        + "; ".join(f"{spec.key} ({spec.label}: topics {', '.join(spec.topics)})" for spec in ROWS)
    ),
]


def _about(description: str) -> msgspec.Meta:
    return msgspec.Meta(description=description)


class _Shape(msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True, gc=False):
    """Base: decoding an export with an unknown key fails, so a reader notices a new format."""


class ExportFlag(_Shape, frozen=True):
    """A flag hustings computed from the data (never typed into a policy file): a reason two
    figures may not be comparable, or a condition or unknown to read first."""

    code: FlagCode
    symbol: Annotated[str, _about("the symbol shown beside the label, so colour is never needed")]
    label: Annotated[str, _about("the flag as shown, e.g. 'CONDITIONAL' or 'KINDS NOT STATED'")]
    detail: Annotated[str, _about("one sentence saying why; for 'conditional', the condition")]


class ExportDerived(_Shape, frozen=True):
    """A figure hustings calculated from figures the sources give: our arithmetic, not anyone's
    claim."""

    label: Annotated[str, _about("the result, e.g. 'about 10% of 13,000'")]
    working: Annotated[str, _about("the sum that gives it, with its caveat")]


class ExportReading(_Shape, frozen=True):
    """A field given as our reading, not the source's words: the value, why, and the words it
    rests on. Never to be shown as the source's."""

    field: Annotated[str, _about("the field read, e.g. 'officers.scope' or 'speaker'")]
    value: Annotated[str, _about("the value we read it as")]
    why: Annotated[str, _about("why we read it so")]
    rests_on: Annotated[str, _about("the source's words the reading rests on")]
    sentence: Annotated[str, _about("the reading as every view words it")]


class ExportClaim(_Shape, frozen=True):
    """One claim as every view shows it. The claim's own fields are under `policies`."""

    claim_id: Annotated[str, _about("the claim's `id` in its policy under `policies`")]
    headline: Annotated[
        str | None, _about("the figure as shown ('≈1,300', '£200m', 'not stated'); null: no figure")
    ]
    counts: Annotated[
        str | None, _about("what the figure counts: kinds, scope, period; null: no figure")
    ]
    flags: list[ExportFlag]
    derived: list[ExportDerived]
    quote_proven: Annotated[bool, _about("true when `check` found the quote in its archive")]
    context: Annotated[
        str | None, _about("the sentence around the quote in the archive; null if not proven")
    ]
    when: Annotated[
        str, _about("the source's date as shown beside the figure: '2024', 'Dec 2019 or later', "
                    "'undated'")
    ]  # fmt: skip
    older_context: Annotated[
        bool,
        _about("true when the source is from more than the usual time between elections of "
               "the race's kind before it (undated: by the earliest date its text allows): "
               "context, not a current pledge"),
    ]  # fmt: skip
    figure_words: Annotated[
        str | None, _about("the source's words that prove the figure ('around 1,300'); null if "
                           "there is no figure or it is not proven")
    ]  # fmt: skip
    not_derived: Annotated[
        list[str], _about("why a derived figure one might expect is not given, one reason each")
    ]
    note: Annotated[
        str | None, _about("context in our words (the claim's `note`), shown as a note; null: none")
    ] = None
    readings: Annotated[
        list[ExportReading], _about("fields given as our readings, not the source's words")
    ] = []


class ExportRow(_Shape, frozen=True):
    """One topic row of the comparison: every policy's claims on that topic."""

    key: RowKey
    label: Annotated[str, _about("the row's title as the table shows it")]
    cells: Annotated[
        dict[str, list[ExportClaim]],
        _about("policy id -> its claims in this row, in file order (empty: nothing on this)"),
    ]


class ExportPolicy(Policy, frozen=True, kw_only=True):
    """A policy file, every field as written (see policies/README.md), plus where it was read."""

    path: Annotated[str, _about("the policy file, as `check` names it")]
    nothing_said: Annotated[
        str | None,
        _about("for a policy with no claims, the one sentence every view shows for it (the "
               "same words for each); null otherwise"),
    ] = None  # fmt: skip


class Export(_Shape, frozen=True):
    """Everything `hustings export --format json` writes."""

    export_format: Annotated[
        Literal[EXPORT_FORMAT],  # type: ignore[valid-type]
        _about("changes only when a key is removed or changes meaning; keys may be added"),
    ]
    order: Annotated[str, _about("how the policies are ordered, e.g. alphabetically by surname")]
    policies: list[ExportPolicy]
    rows: list[ExportRow]
    problems: Annotated[list[str], _about("every problem found, one line each, as `check` prints")]


def export_schema() -> dict[str, Any]:
    """The JSON Schema of the export, for `hustings schema --export`."""
    schema = msgspec.json.schema(Export)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"hustings JSON export, export_format {EXPORT_FORMAT}"
    return schema
