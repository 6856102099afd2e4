"""Schema validation: every problem in a file, each with its field path, in plain words."""

from __future__ import annotations

import pytest
import rtoml

from hustings.policy.problems import PolicyError
from hustings.policy.validate import validate
from hustings.proof.load import load_policy_text

from .conftest import BAD

VALID = (BAD / "_valid.toml.txt").read_text(encoding="utf-8")


def test_valid_document_converts_to_policy() -> None:
    policy = load_policy_text(VALID)
    assert policy.id == "valid"
    assert policy.claims[0].officers is not None
    assert policy.claims[0].officers.number == 500


def test_every_problem_is_reported_not_only_the_first() -> None:
    text = (BAD / "wrong_types.toml").read_text(encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_policy_text(text, "wrong.toml")
    lines = [str(p) for p in caught.value.problems]
    assert lines == [
        'wrong.toml:16:1: sources[0].date: expected a date as YYYY-MM-DD or "not stated", '
        'got string "last week"',
        'wrong.toml:29:1: claim "hire-500" (claims[0].officers.number): expected a whole number '
        'from 0 to 10,000,000 or "not stated", got string "500"',
        'wrong.toml:30:1: claim "hire-500" (claims[0].officers.approximate): expected true or '
        'false, got string "yes"',
        'wrong.toml:44:1: claim "money" (claims[1].money.amount): expected a whole number of '
        'pounds from 0 to 10,000,000,000,000 or "not stated", got number 1.5',
    ]


def test_not_stated_is_a_value_distinct_from_absent() -> None:
    figure = 'kinds = ["police officers"]\nscope = "London"\n'
    stated = VALID.replace(figure, figure + 'timeframe = "not stated"\n')
    absent = load_policy_text(VALID).claims[0].officers
    explicit = load_policy_text(stated).claims[0].officers
    assert absent is not None and absent.timeframe is None
    assert explicit is not None and explicit.timeframe == "not stated"


@pytest.mark.parametrize(
    ("document", "field", "words"),
    [
        ({"format": 2}, "format", "expected 1"),
        ({"id": "Not An Id"}, "id", "lower-case letters"),
        ({"who": []}, "who", "expected a table, got an array"),
        ({"claims": {}}, "claims", "expected an array of a Claim table"),
        ({"surprise": 1}, "surprise", "unknown field"),
    ],
)
def test_top_level_problems_name_their_field(document: dict, field: str, words: str) -> None:
    _, errors = validate(document)
    assert any(e.field == field and words in e.message for e in errors), errors


def test_kinds_must_be_known_officer_kinds() -> None:
    text = VALID.replace('kinds = ["police officers"]', 'kinds = ["PCSOs", "volunteers"]')
    with pytest.raises(PolicyError) as caught:
        load_policy_text(text)
    (problem,) = caught.value.problems
    assert problem.field == "claims[0].officers.kinds[1]"
    assert '"special constables"' in problem.message and '"volunteers"' in problem.message


@pytest.mark.parametrize(
    ("old", "new", "field", "code", "hint"),
    [
        ("summary =", "summery =", "claims[0].summery", "unknown-field", 'did you mean "summary"?'),
        ("summary =", "summery =", "claims[0].summary", "missing-field", '"summery" a misspelling'),
        ('topic = "officers"', 'topic = "Officers"', "claims[0].topic", "schema", '"officers"?'),
        ('["police officers"]', '["PCSO"]', "claims[0].officers.kinds[0]", "schema", '"PCSOs"'),
        ('speaker_role = "candidate"', 'speaker_role = "candiate"', None, "schema", '"candidate"'),
    ],
)
def test_misspelt_fields_and_enum_values_get_the_nearest_name(
    old: str, new: str, field: str | None, code: str, hint: str
) -> None:
    _, errors = validate(rtoml.loads(VALID.replace(old, new)))
    matching = [e for e in errors if e.code == code and (field is None or e.field == field)]
    assert matching and matching[0].hint and hint in matching[0].hint, errors


def test_a_distant_word_gets_no_hint() -> None:
    _, errors = validate(rtoml.loads(VALID.replace('topic = "officers"', 'topic = "zzz"')))
    (error,) = errors
    assert error.hint is None


def test_no_sources_and_no_claims_is_one_instruction() -> None:
    document = rtoml.loads(VALID.split("[[sources]]")[0])
    _, errors = validate(document)
    (error,) = errors
    assert error.code == "empty-policy" and error.field == ""
    assert "uncomment" in (error.hint or "")
