"""The editor schema: every field explained, no null branches, and the same verdict as check."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import msgspec
import rtoml

from hustings.policy.model import (
    FIELD_HELP,
    Claim,
    Money,
    Officers,
    Policy,
    Source,
    Who,
    json_schema,
)

from .conftest import BAD, POLICIES

SCHEMA = json_schema()
VALID = (BAD / "_valid.toml.txt").read_text("utf-8")


def errors_for(document: dict) -> list[jsonschema.ValidationError]:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    return list(validator.iter_errors(json.loads(json.dumps(document, default=str))))


def test_every_field_says_what_it_means() -> None:
    for struct in (Policy, Who, Source, Claim, Officers, Money):
        names = {field.encode_name for field in msgspec.structs.fields(struct)}
        assert names == set(FIELD_HELP[struct.__name__]), struct.__name__
    properties = SCHEMA["$defs"]["Claim"]["properties"]
    assert properties["quote"]["description"].startswith("Words copied exactly")


def test_no_null_branches() -> None:
    """TOML has no null: an optional field is one left out, never one set to null."""
    assert '"null"' not in json.dumps(SCHEMA)


def test_the_bundled_policies_pass_the_editor_schema() -> None:
    for path in POLICIES.glob("*.toml"):
        assert errors_for(rtoml.loads(path.read_text("utf-8"))) == [], path.name


def test_one_bad_kinds_entry_is_one_error() -> None:
    document = rtoml.loads(VALID.replace('"police officers"', '"volunteers"'))
    (error,) = errors_for(document)
    assert list(error.absolute_path) == ["claims", 0, "officers", "kinds"]


def test_committed_schema_is_the_models() -> None:
    committed = json.loads((POLICIES / "policy.schema.json").read_text("utf-8"))
    assert committed == SCHEMA


def test_check_agrees_with_the_editor_on_dates_floats_and_a_bom(cli, bad_dir: Path) -> None:
    """What the schema accepts, check accepts: an unquoted date, 5e2, a byte order mark."""
    text = VALID.replace('date = "not stated"', "date = 2024-03-27").replace(
        "number = 500", "number = 5e2"
    )
    assert errors_for(rtoml.loads(text)) == []
    (bad_dir / "p.toml").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = cli("check", str(bad_dir / "p.toml"))
    assert result.code == 0, result.out


def test_a_fractional_count_is_refused_by_both(cli, bad_dir: Path) -> None:
    text = VALID.replace("number = 500", "number = 500.5")
    assert errors_for(rtoml.loads(text))
    (bad_dir / "p.toml").write_text(text, "utf-8")
    assert cli("check", str(bad_dir / "p.toml")).code == 1
