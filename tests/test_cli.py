"""The command line: exit codes, the table, the three export formats, `new` and `schema`."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys

import pytest

from hustings.cli import build_cli
from hustings.proof.load import load_paths


def test_help_lists_every_command(cli) -> None:
    with pytest.raises(SystemExit) as done:
        cli("--help")
    assert done.value.code == 0


def test_help_text_names_the_commands() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "hustings.cli", "--help"], capture_output=True, text=True, timeout=30
    ).stdout
    listed = re.findall(r"^    ([\w-]+)", out, re.M)
    assert listed == list(build_cli()[1])


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


@pytest.mark.parametrize("command", ["table", "read"])
def test_the_roll_call_names_each_once_and_says_its_date_in_words(cli, command) -> None:
    """A party's own policy was 'Labour Party (national) (Labour Party)', the list's date
    '2024-03-28', which a screen reader reads digit by digit, and Khan's '18 claims' read as
    his, though 6 are an opponent's or a reporter's words."""
    flat = " ".join(cli(command).out.split())
    assert "Labour Party (national): 4 claims below: all in their own side's words." in flat
    # a claim in a candidate's section is about them, not always in their words
    assert ("18 claims below: 12 in their own side's, 2 in opponents', 4 in reporters' "
            "words.") in flat  # fmt: skip
    assert "(national) (Labour Party)" not in flat and "(national) · Labour Party" not in flat
    assert "the list published by LondonWorld on 28 March 2024:" in flat
    assert "Sadiq Khan (Labour Party): 18 claims" in flat or "Sadiq Khan · Labour Party: 18" in flat


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


def test_help_says_what_each_flag_means_as_the_tables_footnote_promises(cli) -> None:
    from hustings.compare.flags import footnote, legend

    assert "(hustings help lists them)" in footnote()
    result = cli("help")
    assert result.code == 0
    for label, meaning in legend():
        assert label in result.out
        assert meaning.split()[0] in result.out
    assert "check " in result.out and "serve-web" in result.out  # and the commands


def test_help_with_a_command_prints_its_options(cli, capsys) -> None:
    result = cli("help", "schema")
    assert result.code == 0 and "usage: hustings schema" in result.out and "--export" in result.out
    with pytest.raises(SystemExit) as done:
        cli("help", "tabel")
    assert done.value.code == 2
    assert 'no command "tabel"; did you mean "table"?' in capsys.readouterr().err


@pytest.mark.parametrize("word", ["nosuch.toml", "nosuchdir/", "./nosuch", "~/nosuch"])
def test_a_path_that_is_not_there_is_said_so_not_called_a_command(cli, word) -> None:
    result = cli(word)
    assert result.code == 2
    assert result.err.splitlines() == [f"hustings: {word}: no such file or folder"]


def test_a_mistyped_command_is_still_a_mistyped_command(cli) -> None:
    result = cli("chekc")
    assert result.code == 2
    assert result.err.strip() == 'hustings: unknown command "chekc"; did you mean "check"?'


@pytest.mark.parametrize(
    ("args", "usage", "hint"),
    [
        (("schema", "--exprot"), "usage: hustings schema", "did you mean --export?"),
        (("check", "--fromat", "json"), "usage: hustings check", "did you mean --format?"),
        (("table", "--fromat"), "usage: hustings table", "(its options: --election, -h)"),
        (("--fromat",), "usage: hustings [-h]", "unrecognized arguments: --fromat"),
    ],
)
def test_a_mistyped_option_prints_the_commands_own_usage(cli, capsys, args, usage, hint) -> None:
    with pytest.raises(SystemExit) as done:
        cli(*args)
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(usage) and hint in err


def test_check_on_a_folder_without_policy_files_says_so_plainly(cli, tmp_path) -> None:
    result = cli("check", str(tmp_path))
    assert result.code == 1
    assert result.err.splitlines() == [
        f"hustings: no policy files in {tmp_path}: a policy file ends in .toml "
        "(hustings new NAME writes one)"
    ]


def test_check_help_says_it_checks_this_folder_first(cli, capsys) -> None:
    with pytest.raises(SystemExit):
        cli("check", "--help")
    words = " ".join(capsys.readouterr().out.split())
    assert "default: the policy files in this folder, if it has any, else the bundled" in words


def test_in_the_table_a_conditions_words_hang_under_its_flag(cli) -> None:
    lines = cli("table").lines
    start = next(i for i, line in enumerate(lines) if "◆ CONDITIONAL" in line)
    column = lines[start].index("◆")
    hung = []
    for line in lines[start + 1 :]:
        cell = line[column:].split("│")[0]
        if not cell.startswith("  "):
            break
        hung.append(cell)
    assert len(hung) >= 2  # wrapped, every line under the flag's words, none back at the edge
    assert lines[start + len(hung) + 1][column:].startswith("+ INCLUDES")


def test_a_reading_of_an_unproven_claim_does_not_call_its_words_the_sources(cli, policy_copy):
    """Hall's scope is our reading, resting on "Khan's Tory opponent, Susan Hall": once her
    quote is no longer in the archive, those words are not said to be the source's either."""
    hall = policy_copy / "hall.toml"
    text = hall.read_text("utf-8")
    real = "put police officers back in communities, by bringing back borough-based policing"
    assert f'quote = "{real}"' in text
    hall.write_text(text.replace(f'quote = "{real}"', 'quote = "back in every street"'), "utf-8")
    flat = " ".join(cli("read", str(policy_copy)).out.split())
    assert ("It rests on the words “Khan’s Tory opponent, Susan Hall”, not proven from the "
            "archived source.") in flat  # fmt: skip
    assert "It rests on the source's words “Khan’s Tory opponent, Susan Hall”" not in flat
    assert "It rests on the source's words “investing £200m into the force”" in flat  # proven
