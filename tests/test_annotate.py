"""The post-pass that gives problems a place, a claim id and a hint; across files too."""

from __future__ import annotations

from pathlib import Path

from hustings.policy.problem_codes import Code
from hustings.policy.problems import Problem
from hustings.proof.annotate import annotate, claim_id_of, value_at
from hustings.proof.load import load_paths

DOCUMENT = {
    "id": "p",
    "claims": [{"id": "a", "conditional_on": ["b", "p:c"]}, {"id": 7}],
    "sources": [{"id": "s"}],
}
TEXT = """id = "p"
[[sources]]
id = "s"
[[claims]]
id = "a"
conditional_on = ["b", "p:c"]
[[claims]]
id = 7
"""


def test_value_at_follows_keys_and_indexes() -> None:
    assert value_at(DOCUMENT, "claims[0].conditional_on[1]") == "p:c"
    assert value_at(DOCUMENT, "claims[5].id") is None
    assert value_at(DOCUMENT, "claims.id") is None
    assert value_at(DOCUMENT, "id") == "p"


def test_claim_id_of_only_names_a_claim_with_a_string_id() -> None:
    assert claim_id_of(DOCUMENT, "claims[0].conditional_on[0]") == "a"
    assert claim_id_of(DOCUMENT, "claims[1].id") is None
    assert claim_id_of(DOCUMENT, "sources[0].id") is None


def test_annotate_fills_place_claim_and_hint_but_keeps_what_is_known() -> None:
    problems = [
        Problem("f", "no claim", field="claims[0].conditional_on[1]", code=Code.BAD_REFERENCE),
        Problem("f", "kept", line=99, col=3, field="claims[0].id", hint="mine"),
        Problem("f", "no field"),
    ]
    document = {**DOCUMENT, "claims": [*DOCUMENT["claims"], {"id": "cc"}]}
    first, second, third = annotate(problems, TEXT, document)
    assert (first.line, first.col, first.claim_id) == (6, 24, "a")
    assert first.hint == 'did you mean "cc"?'
    assert (second.line, second.col, second.hint, second.claim_id) == (99, 3, "mine", "a")
    assert third == problems[2]


def test_a_cross_file_reference_gets_a_place_and_a_hint(bad_dir: Path) -> None:
    valid = (bad_dir / "_valid.toml.txt").read_text(encoding="utf-8")
    (bad_dir / "a.toml").write_text(valid, encoding="utf-8")
    other = valid.replace('id = "valid"', 'id = "other"').replace(
        'scope = "London"\n\n[[sources]]',
        'scope = "London"\n\n[[sources]]',
    )
    other = other.replace(
        'source = "article"\n', 'source = "article"\npart_of = "valid:hire-50"\n', 1
    )
    (bad_dir / "b.toml").write_text(other, encoding="utf-8")
    result = load_paths([bad_dir / "a.toml", bad_dir / "b.toml"])
    (problem,) = [p for p in result.problems if p.code == Code.BAD_REFERENCE]
    assert (problem.line, problem.claim_id) == (27, "hire-500")
    assert problem.hint == 'did you mean "hire-500"?'


def test_a_reference_to_a_misspelt_policy_id_is_reported(bad_dir: Path) -> None:
    """'valdi:hire-500' beside a loaded 'valid': a typo, reported with the id it meant."""
    valid = (bad_dir / "_valid.toml.txt").read_text(encoding="utf-8")
    (bad_dir / "a.toml").write_text(valid, encoding="utf-8")
    other = valid.replace('id = "valid"', 'id = "other"').replace(
        'source = "article"\n', 'source = "article"\npart_of = "valdi:hire-500"\n', 1
    )
    (bad_dir / "b.toml").write_text(other, encoding="utf-8")
    (problem,) = [
        p for p in load_paths([bad_dir / "a.toml", bad_dir / "b.toml"]).problems
        if p.code == Code.BAD_REFERENCE
    ]  # fmt: skip
    assert 'part_of refers to policy "valdi", which is not loaded' in problem.message
    assert (problem.line, problem.hint) == (27, 'did you mean "valid"?')
    # With only b.toml loaded, nothing is near to suggest; the reference is still not proven.
    (alone,) = [
        p for p in load_paths([bad_dir / "b.toml"]).problems if p.code == Code.BAD_REFERENCE
    ]  # fmt: skip
    assert alone.hint is None and "which is not loaded" in alone.message
