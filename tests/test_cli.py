"""The command line: exit codes, the table, the three export formats, `new` and `schema`."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from hustings.proof.load import load_paths


def test_help_lists_every_command(cli) -> None:
    with pytest.raises(SystemExit) as done:
        cli("--help")
    assert done.value.code == 0


def test_help_text_names_the_commands() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "hustings.cli", "--help"], capture_output=True, text=True, timeout=30
    ).stdout
    for command in ("check", "table", "export", "new", "schema", "serve-ssh"):
        assert command in out


def test_usage_error_exits_2(cli) -> None:
    with pytest.raises(SystemExit) as done:
        cli("export", "--format", "yaml")
    assert done.value.code == 2


def test_table_shows_the_headline_figures_and_conditions(cli) -> None:
    result = cli("table")
    assert result.code == 0
    for text in (
        "13 candidates stand",
        "Femy Amin · Animal Welfare Party - People, Animals, Environment",
        "Susan Mary Hall",
        "Sadiq Khan",
        "Labour Party (national)",
        "≈1,300",
        "13,000",
        "£200m",
        "£360m",
        "CONDITIONAL",
        "LABOUR'S 13,000",
        "Ordered alphabetically by surname",
        "Note (ours):",
        "(our reading)",
    ):
        assert text in result.out, text
    flat = " ".join(result.out.split())
    assert flat.count("The archived articles say nothing about them.") == 11
    assert "\x1b[" not in result.out  # piped: plain text, no colour codes


def test_table_respects_no_color_on_a_terminal() -> None:
    """Forced to act as a terminal, the table is coloured unless NO_COLOR is set."""
    code = "import sys; from hustings.cli import main; sys.exit(main(['table']))"
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "160"}
    env.pop("NO_COLOR", None)
    coloured = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, env=env, text=True, timeout=60
    )
    plain = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**env, "NO_COLOR": "1"},
        timeout=60,
    )
    assert "\x1b[1m" in coloured.stdout  # bold is fine: it is not a colour
    assert "\x1b[3" not in plain.stdout.replace("\x1b[3m", "")  # no foreground colour codes


def test_json_export_carries_every_field(cli) -> None:
    result = cli("export", "--format", "json")
    data = json.loads(result.out)
    assert data["export_format"] == 1
    ids = [p["id"] for p in data["policies"]]
    assert ids[8:11] == ["hall", "khan", "labour"] and len(ids) == 14
    khan = data["policies"][9]
    claim = next(c for c in khan["claims"] if c["id"] == "officers-1300")
    assert claim["officers"]["number"] == 1300 and claim["officers"]["approximate"] is True
    assert claim["quote"].startswith("he will put in place")
    assert khan["sources"][0]["archive"] == "sources/ldrs-extra-cops-labour-government.txt"
    cell = data["rows"][0]["cells"]["khan"][0]
    assert cell["headline"] == "≈1,300" and cell["quote_proven"] is True
    assert {"code": "conditional", "label": "CONDITIONAL"}.items() <= cell["flags"][0].items()
    assert "he will put in place" in cell["context"]
    assert data["problems"] == []


def test_json_export_holds_every_claim_once(cli) -> None:
    data = json.loads(cli("export", "--format", "json").out)
    exported = [v["claim_id"] for row in data["rows"] for c in row["cells"].values() for v in c]
    total = sum(len(item.policy.claims) for item in load_paths().policies)
    assert len(exported) == total == 28


def test_csv_export_is_one_row_per_claim(cli) -> None:
    every = list(csv.DictReader(io.StringIO(cli("export", "--format", "csv").out)))
    rows = [row for row in every if row["claim_id"]]
    assert len(rows) == 28 and len(every) == 28 + 11
    labour = next(r for r in rows if r["claim_id"] == "savings-360m")
    assert labour["headline"] == "£360m"
    assert "PERIOD: THE ARTICLE DOES NOT SAY" in labour["flags"].split("; ")
    assert labour["quote_proven"] == "yes"


def test_markdown_export_escapes_policy_text(cli) -> None:
    from .conftest import BAD

    out = cli("export", "--format", "markdown", str(BAD / "rich_markup.toml")).out
    assert "\\[bold red\\]Valid\\[/\\] Person" in out
    assert "## Officer numbers" in out
