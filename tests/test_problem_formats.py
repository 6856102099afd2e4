"""check --format: text, JSON and GitHub annotations, each safe whatever a file held."""

from __future__ import annotations

import json

import pytest

from hustings.output.problem_formats import as_github, problem_record, render_problems
from hustings.policy.problem_codes import MEANING, Code
from hustings.policy.problems import Problem

HOSTILE = Problem(
    "dir/a,b:c%.toml",
    "bad\x1b[2J value\r\n::error::forged",
    line=3,
    col=5,
    field="who.name",
    code=Code.SCHEMA,
    hint="50% sure",
)


def test_github_escapes_data_and_properties() -> None:
    line = as_github(HOSTILE)
    assert line.startswith(
        "::error file=dir/a%2Cb%3Ac%25.toml,line=3,col=5,title=hustings schema::"
    )
    assert "\n" not in line and "\r" not in line and "\x1b" not in line
    assert "(50%25 sure)" in line
    # The forged command stays inside this line: GitHub reads commands only at a line's start.
    assert len(render_problems([HOSTILE], "github").splitlines()) == 1


def test_github_without_a_place_names_only_the_file() -> None:
    assert as_github(Problem("a.toml", "file is empty", code=Code.EMPTY_FILE)) == (
        "::error file=a.toml,title=hustings empty-file::file is empty"
    )


def test_json_is_a_list_of_safe_records() -> None:
    (record,) = json.loads(render_problems([HOSTILE], "json"))
    assert record == problem_record(HOSTILE)
    assert set(record) == {"file", "line", "column", "field", "claim", "code", "message", "hint"}
    assert record["message"] == "bad\\x1b[2J value\\r\\n::error::forged"
    assert json.loads(render_problems([], "json")) == []


def test_text_is_one_line_per_problem() -> None:
    text = render_problems([HOSTILE, Problem("b.toml", "x")], "text")
    assert text.splitlines() == [str(HOSTILE), "b.toml: x"]


def test_every_code_has_a_meaning_and_codes_are_unique() -> None:
    assert set(MEANING) == set(Code)
    assert len({code.value for code in Code}) == len(Code)


def test_check_json_output_is_only_json_on_stdout(cli) -> None:
    result = cli("check", "--format", "json")
    assert result.code == 0
    assert json.loads(result.out) == []
    assert "ok: 14 policies, 28 claims" in result.err


def test_check_rejects_an_unknown_format(cli) -> None:
    with pytest.raises(SystemExit) as done:
        cli("check", "--format", "xml")
    assert done.value.code == 2
