"""The comparison as a Frictionless Data Package: one CSV per table, each with a Table Schema.

Newsroom tools read it without code: `frictionless validate`, `datapackage-to-datasette` (into
SQLite, with Datasette metadata), spreadsheets. The tables are policies, sources, claims,
figures, flags, relations and readings, joined by primary and foreign keys. A value in claims or
figures that no words of the source carry is listed in readings, as ours, with why: the package
never passes a reading of ours off as the source's.

One definition of each field: the rows are made from `build_export` (the JSON export's Structs,
export_schema.py), and each column's type, constraints and description are read from the Struct
field it comes from (the policy format's FIELD_HELP, the export's descriptions), so the package,
the JSON export and `hustings schema` cannot disagree.

"not stated" (the source was read and does not say) is kept apart from a missing value (nobody
recorded it): a typed column (a number, a date) is empty for both, and a `..._stated` column
says which; text columns hold the words "not stated". Units have their own column. Text cells
follow the CSV export's rule (policies/README.md, "CSV"): control characters shown as visible
escapes, and a cell a spreadsheet would run as a formula gets a leading `'`.

Descriptor: Data Package v1 (the tabular-data-package profile), which frictionless 5 and
datapackage-to-datasette read as they are.
"""

from __future__ import annotations

import csv
import errno
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from ..compare.comparison import ROWS, Comparison
from ..policy.formatting import any_of
from ..policy.model import (
    FIELD_HELP,
    NOT_STATED,
    RELATIONS,
    Claim,
    Money,
    Officers,
    Relation,
    Source,
    Who,
)
from ..policy.references import node_of, references
from .csv_writer import text_cell
from .export_schema import ExportClaim, ExportFlag, ExportPolicy, ExportReading
from .json_writer import build_export

Record = dict[str, Any]
_STRUCTS: dict[str, Any] = {
    "Who": Who, "Source": Source, "Claim": Claim, "Officers": Officers, "Money": Money,
    "ExportClaim": ExportClaim, "ExportFlag": ExportFlag, "ExportPolicy": ExportPolicy,
    "ExportReading": ExportReading,
}  # fmt: skip
_DATES = frozenset({("Source", "date"), ("Source", "date_earliest")})
MISSING = [""]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    field: dict[str, Any]  # the Table Schema field, name included
    get: Callable[[Record], Any]


def _describe(struct: str, name: str, info: Any) -> str:
    help_of = "Policy" if struct == "ExportPolicy" else struct  # a policy, plus its path
    text = FIELD_HELP.get(help_of, {}).get(name)
    if text is None:
        extra = getattr(info, "extra_json_schema", None) or {}
        text = extra.get("description", "")
    return str(text)


def _typed(info: Any) -> tuple[str, dict[str, Any], bool]:
    """(Table Schema type, constraints, nullable) of a msgspec type. A number or a date that
    may be "not stated" is typed as itself (its `..._stated` column says which); a choice that
    may be "not stated" keeps "not stated" among its choices; text is text."""
    inspect = msgspec.inspect
    nullable = False
    if isinstance(info, inspect.Metadata):  # Annotated[str | None, ...]: look inside
        info = info.type
    if isinstance(info, inspect.UnionType):
        kept = [t for t in info.types if not isinstance(t, inspect.NoneType)]
        nullable = len(kept) < len(info.types)
        literals = [t for t in kept if isinstance(t, inspect.LiteralType)]
        if len(literals) == len(kept):
            values = sorted({str(value) for t in literals for value in t.values})
            return "string", {"enum": values}, nullable
        others = [t for t in kept if not isinstance(t, inspect.LiteralType)]
        nullable = nullable or len(others) < len(kept)  # "not stated": empty in a typed column
        info = others[0]
    if isinstance(info, inspect.Metadata):
        info = info.type
    if isinstance(info, inspect.IntType):
        limits = {"minimum": info.ge, "maximum": info.le}
        return "integer", {k: v for k, v in limits.items() if v is not None}, nullable
    if isinstance(info, inspect.BoolType):
        return "boolean", {}, nullable
    if isinstance(info, inspect.LiteralType):
        numbers = all(isinstance(value, int) for value in info.values)
        return ("integer" if numbers else "string"), {"enum": list(info.values)}, nullable
    if isinstance(info, inspect.StrType) and info.max_length:
        return "string", {"maxLength": info.max_length}, nullable
    return "string", {}, nullable  # a list is written as its items joined with "; "


def model_field(struct: str, name: str, column: str | None = None) -> dict[str, Any]:
    """The Table Schema field for one field of the format or the export."""
    struct_info = msgspec.inspect.type_info(_STRUCTS[struct])
    assert isinstance(struct_info, msgspec.inspect.StructType)
    info = next(f for f in struct_info.fields if f.name == name)
    kind, constraints, nullable = _typed(info.type)
    if (struct, name) in _DATES:  # empty when "not stated": date_recorded says so
        kind, constraints, nullable = "date", {}, True
    if info.required and not nullable:
        constraints["required"] = True
    field: dict[str, Any] = {"name": column or name, "type": kind}
    description = _describe(struct, name, info.type)
    if kind == "string" and isinstance(
        info.type, msgspec.inspect.UnionType | msgspec.inspect.ListType
    ):
        inner = list(getattr(info.type, "types", [info.type]))
        if any(isinstance(t, msgspec.inspect.ListType) for t in inner):
            description += ' Several are joined with "; ".'
    field["description"] = description
    if constraints:
        field["constraints"] = constraints
    return field


def _field(name: str, kind: str, description: str, **constraints: Any) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": kind, "description": description}
    if constraints:
        field["constraints"] = constraints
    return field


def _stated(name: str, what: str) -> dict[str, Any]:
    return _field(
        name, "boolean",
        f'false when the source was read and does not state {what} ("not stated"); empty '
        "when nothing was recorded",
    )  # fmt: skip


def _model(struct: str, name: str, column: str | None = None, *, one_of: str = "") -> Column:
    """A column from a field of the format or the export. `one_of`: the table holds rows of
    several kinds (officers and money figures), so the field is required of one kind only."""
    key = column or name
    field = model_field(struct, name, key)
    if one_of:
        field.get("constraints", {}).pop("required", None)
        field["description"] += f" ({one_of} only.)"
        if field.get("constraints") == {}:
            del field["constraints"]
    return Column(key, field, lambda r: r.get(key))


def _plain(name: str, kind: str, description: str, **constraints: Any) -> Column:
    return Column(name, _field(name, kind, description, **constraints), lambda r: r.get(name))


def _claim_key(policy: str = "policy_id", claim: str = "claim_id") -> list[Column]:
    return [
        _plain(policy, "string", "The policy's id (policies.id).", required=True),
        _plain(claim, "string", "The claim's id in its policy.", required=True),
    ]


POLICY_ID = _model("ExportPolicy", "id", "id")
# What each relation links to, for the relations table's description (keyed by every Relation).
_RELATION_MEANING: dict[Relation, str] = {
    "conditional_on": "a condition claim",
    "part_of": "a larger figure the source links this one to",
    "against": "a target",
    "pays_for": "the officers paid for",
    "responds_to": "a criticism this answers",
}
TABLES: dict[str, tuple[str, list[Column], list[str], list[dict[str, Any]]]] = {
    "policies": (
        "One row per policy file: whose policy it is and where it applies.",
        [POLICY_ID, _model("ExportPolicy", "path"), _model("ExportPolicy", "format"),
         *(_model("Who", name) for name in ("name", "party", "role", "race", "scope",
                                            "election", "sort_as"))],
        ["id"],
        [],
    ),
    "sources": (
        "One row per archived source a policy cites. Several policies may cite one article.",
        [_plain("policy_id", "string", "The policy's id (policies.id).", required=True),
         _model("Source", "id", "source_id"),
         *(_model("Source", name) for name in ("headline", "publisher", "author", "date")),
         Column("date_recorded", _field(
             "date_recorded", "boolean",
             'true when a publication date is recorded, false when it is "not stated". A '
             "recorded date may come from the URL rather than the article's text: date_note "
             "says where it comes from."), lambda r: r.get("date_recorded")),
         *(_model("Source", name) for name in ("date_earliest", "date_note", "url", "archive"))],
        ["policy_id", "source_id"],
        [{"fields": ["policy_id"], "reference": {"resource": "policies", "fields": ["id"]}}],
    ),
    "claims": (
        "One row per claim: the words quoted, who said them, and what every view shows.",
        [*_claim_key(),
         _plain("row", "string", f"The comparison row: {any_of([row.key for row in ROWS])}.",
                required=True),
         *(_model("Claim", name) for name in ("topic", "summary", "quote", "figure_quote",
                                             "quote_kind", "speaker", "speaker_role")),
         _model("Claim", "source", "source_id"),
         _model("Claim", "note"),
         *(_model("ExportClaim", name) for name in ("headline", "counts", "quote_proven",
                                                   "context", "when", "older_context",
                                                   "figure_words"))],
        ["policy_id", "claim_id"],
        [{"fields": ["policy_id"], "reference": {"resource": "policies", "fields": ["id"]}},
         {"fields": ["policy_id", "source_id"],
          "reference": {"resource": "sources", "fields": ["policy_id", "source_id"]}}],
    ),
    "figures": (
        "One row per figure a claim states: an officer count or an amount of money, its unit "
        "in its own column.",
        [*_claim_key(),
         _plain("measure", "string", "officers (a count of people) or money.", required=True,
                enum=["officers", "money"]),
         _plain("value", "integer", "The figure as the source states it: officers.number or "
                "money.amount; empty when not stated.", minimum=0),
         _plain("unit", "string", "people (officers) or GBP (money, whole pounds).",
                required=True, enum=["people", "GBP"]),
         Column("value_stated", _stated("value_stated", "the figure"),
                lambda r: r.get("value_stated")),
         _model("Officers", "approximate", one_of="officers"),
         _model("Officers", "qualifier", one_of="officers"),
         _model("Officers", "kinds", one_of="officers"),
         _plain("scope", "string", FIELD_HELP["Officers"]["scope"], required=True),
         _plain("period", "string", FIELD_HELP["Officers"]["timeframe"] + " (timeframe for "
                "officers, period for money)"),
         _model("Money", "kind", "money_kind", one_of="money"),
         _model("Money", "comes_from", one_of="money")],
        ["policy_id", "claim_id", "measure"],
        [{"fields": ["policy_id", "claim_id"],
          "reference": {"resource": "claims", "fields": ["policy_id", "claim_id"]}}],
    ),
    "flags": (
        "One row per flag hustings computed for a claim (never typed into a policy file).",
        [*_claim_key(),
         _plain("position", "integer", "The flag's place among the claim's flags, from 1.",
                required=True, minimum=1),
         *(_model("ExportFlag", name) for name in ("code", "symbol", "label", "detail"))],
        ["policy_id", "claim_id", "position"],
        [{"fields": ["policy_id", "claim_id"],
          "reference": {"resource": "claims", "fields": ["policy_id", "claim_id"]}}],
    ),
    "relations": (
        f"One row per link from a claim to another: {', '.join(RELATIONS)}.",
        [*_claim_key(),
         _plain("relation", "string", ", ".join(f"{relation} ({meaning})" for relation, meaning
                in _RELATION_MEANING.items()) + ".", required=True, enum=list(RELATIONS)),
         *_claim_key("target_policy_id", "target_claim_id"),
         _plain("words", "string", FIELD_HELP["Claim"]["words"] + " For against and "
                "pays_for, the words in the figure's own table; empty where none are given.")],
        ["policy_id", "claim_id", "relation", "target_policy_id", "target_claim_id"],
        [{"fields": ["policy_id", "claim_id"],
          "reference": {"resource": "claims", "fields": ["policy_id", "claim_id"]}},
         {"fields": ["target_policy_id", "target_claim_id"],
          "reference": {"resource": "claims", "fields": ["policy_id", "claim_id"]}}],
    ),
    "readings": (
        "One row per field of a claim given as our reading, not the source's words: read the "
        "claims and figures tables with it (a value listed here is ours, with why).",
        [*_claim_key(),
         *(_model("ExportReading", name)
           for name in ("field", "value", "why", "rests_on", "sentence"))],
        ["policy_id", "claim_id", "field"],
        [{"fields": ["policy_id", "claim_id"],
          "reference": {"resource": "claims", "fields": ["policy_id", "claim_id"]}}],
    ),
}  # fmt: skip


def _stated_or(value: Any) -> tuple[Any, bool | None]:
    """(typed value, stated?): "not stated" -> (None, False); None -> (None, None)."""
    if value is None:
        return None, None
    if value == NOT_STATED:
        return None, False
    return value, True


def _joined(value: Any) -> Any:
    return "; ".join(value) if isinstance(value, list) else value


def _records(comparison: Comparison) -> dict[str, list[Record]]:
    export = build_export(comparison)
    tables: dict[str, list[Record]] = {name: [] for name in TABLES}
    for policy in export.policies:
        who = msgspec.structs.asdict(policy.who)
        tables["policies"].append({"id": policy.id, "path": policy.path,
                                   "format": policy.format, **who})  # fmt: skip
        for source in policy.sources:
            values = msgspec.structs.asdict(source)
            date, stated = _stated_or(values.pop("date"))
            tables["sources"].append({"policy_id": policy.id, "source_id": values.pop("id"),
                                      **values, "date": date, "date_recorded": stated})  # fmt: skip
        views = {
            view.claim_id: (row.key, view)
            for row in export.rows
            for view in row.cells.get(policy.id, [])
        }
        for claim in policy.claims:
            row, view = views[claim.id]
            key = {"policy_id": policy.id, "claim_id": claim.id}
            tables["claims"].append({
                **key, "row": row,
                **{name: getattr(claim, name) for name in ("topic", "summary", "quote",
                   "figure_quote", "quote_kind", "speaker", "speaker_role", "note")},
                "source_id": claim.source,
                **{name: getattr(view, name) for name in ("headline", "counts", "quote_proven",
                   "context", "when", "older_context", "figure_words")},
            })  # fmt: skip
            tables["figures"].extend(_figures(key, claim))
            tables["flags"].extend(
                {**key, "position": at, **msgspec.structs.asdict(flag)}
                for at, flag in enumerate(view.flags, start=1)
            )
            tables["relations"].extend(_relations(policy.id, key, claim))
            tables["readings"].extend(
                {**key, **msgspec.structs.asdict(reading)} for reading in view.readings
            )
    return tables


def _figures(key: Record, claim: Claim) -> Iterator[Record]:
    if claim.officers is not None:
        figure = claim.officers
        value, stated = _stated_or(figure.number)
        yield {**key, "measure": "officers", "value": value, "unit": "people",
               "value_stated": stated, "approximate": figure.approximate,
               "qualifier": figure.qualifier, "kinds": _joined(figure.kinds),
               "scope": figure.scope, "period": figure.timeframe}  # fmt: skip
    if claim.money is not None:
        money = claim.money
        value, stated = _stated_or(money.amount)
        yield {**key, "measure": "money", "value": value, "unit": "GBP", "value_stated": stated,
               "scope": money.scope, "period": money.period, "money_kind": money.kind,
               "comes_from": money.comes_from}  # fmt: skip


def _relations(policy_id: str, key: Record, claim: Claim) -> Iterator[Record]:
    """Each link with the source's words that make it, where the policy gives them: a figure's
    own links (against, pays_for) carry theirs in the figure's table, not the claim's."""
    tables = {
        "against": claim.officers.words if claim.officers else None,
        "pays_for": claim.money.words if claim.money else None,
    }
    for reference in references(claim, 0):
        target_policy, target_claim = node_of(reference.ref, policy_id)
        table = tables.get(reference.relation, claim.words)
        words = getattr(table, reference.relation, None) if table is not None else None
        yield {**key, "relation": reference.relation, "target_policy_id": target_policy,
               "target_claim_id": target_claim, "words": words}  # fmt: skip


def _cell(value: Any, kind: str) -> Any:
    if value is None:
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "integer":
        return value if isinstance(value, int) and not isinstance(value, bool) else ""
    return text_cell(str(value))


def table_csv(name: str, records: Iterable[Record]) -> str:
    columns = TABLES[name][1]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([column.name for column in columns])
    for record in records:
        writer.writerow(_cell(column.get(record), column.field["type"]) for column in columns)
    return buffer.getvalue()


@dataclass(frozen=True)
class Licence:
    name: str
    path: str
    title: str


def descriptor(
    comparison: Comparison, licences: list[Licence], sources: list[dict[str, str]]
) -> dict[str, Any]:
    """The datapackage.json: every table's path, schema, keys, and the package's licences and
    sources."""
    resources = []
    for name, (description, columns, primary, foreign) in TABLES.items():
        schema: dict[str, Any] = {
            "fields": [column.field for column in columns],
            "primaryKey": primary,
            "missingValues": MISSING,
        }
        if foreign:
            schema["foreignKeys"] = foreign
        resources.append({
            "name": name, "path": f"{name}.csv", "profile": "tabular-data-resource",
            "title": f"hustings {name}", "description": description, "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "schema": schema,
        })  # fmt: skip
    race = f" ({comparison.election})" if comparison.election else ""
    return {
        "profile": "tabular-data-package",
        "name": "hustings-comparison",
        "title": f"hustings: what candidates promise, every figure traced to a quote{race}",
        "description": (
            "Candidates' and parties' policy claims, each quoted word for word from an archived "
            "source, with the figures they state, the flags hustings computed (reasons two "
            "figures may not compare, conditions, unknowns) and the links between claims. The "
            "quotes are the publishers' words, quoted for comparison; summaries and flags are "
            "hustings'. 'not stated' means the source was read and does not say. "
            f"{comparison.order_note}."
        ),
        "licenses": [{"name": lic.name, "path": lic.path, "title": lic.title} for lic in licences],
        "sources": sources,
        "resources": resources,
    }


def package_files(
    comparison: Comparison, licences: list[Licence], sources: list[dict[str, str]]
) -> dict[str, str]:
    """File name -> text, for every file of the package."""
    tables = _records(comparison)
    files = {f"{name}.csv": table_csv(name, tables[name]) for name in TABLES}
    text = json.dumps(descriptor(comparison, licences, sources), indent=2, ensure_ascii=False)
    files["datapackage.json"] = text + "\n"
    return files


def cited_sources(comparison: Comparison) -> list[dict[str, str]]:
    """The package's sources: each publisher (and URL) the policies cite, once."""
    seen: dict[tuple[str, str], dict[str, str]] = {}
    for view in comparison.policies:
        for source in view.policy.sources:
            headline = source.headline
            entry = {
                "title": f"{source.publisher}, headline not stated"
                if headline == NOT_STATED
                else f"{source.publisher}: {headline}"
            }
            if source.url:
                entry["path"] = source.url
            seen.setdefault((entry["title"], entry.get("path", "")), entry)
    return list(seen.values())


def write_package(folder: Path, files: dict[str, str]) -> list[Path]:
    """Write the package's files into `folder`; FileExistsError before writing any if one of
    them is there already (nothing the user had is overwritten)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in files:
        if (folder / name).exists() or (folder / name).is_symlink():
            raise FileExistsError(errno.EEXIST, "exists", str(folder / name))
    written = []
    for name, text in files.items():
        with (folder / name).open("x", encoding="utf-8", newline="") as handle:
            handle.write(text)
        written.append(folder / name)
    return written
