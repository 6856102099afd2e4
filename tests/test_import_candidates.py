"""`hustings import-candidates`: one starter per candidate of a ballot from Democracy Club's
list, its quirks survived, hostile cells refused one line each, nothing ever overwritten."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import rtoml

from hustings.policy import democracy_club as dc

from .conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "democracy-club-candidates.csv"
NORTH = "parl.anytown-north.2024-07-04"
HEADER = ["person_id", "person_name", "ballot_paper_id", "election_date", "party_name",
          "party_id", "post_label", "statement_to_voters"]  # fmt: skip


def _policies(folder: Path) -> dict[str, dict]:
    return {p.name: rtoml.loads(p.read_text("utf-8")) for p in sorted(folder.glob("*.toml"))}


def test_one_starter_per_candidate_of_the_ballot(cli, tmp_path: Path) -> None:
    result = cli("import-candidates", str(FIXTURE), "--ballot", NORTH, "-o", str(tmp_path))
    assert result.code == 0, result.err
    policies = _policies(tmp_path)
    assert sorted(policies) == [
        "alex-example-dc-90001.toml",
        "bea-sample-dc-90002.toml",
        "chris-placeholder-dc-90003.toml",
    ]  # the other ballots' candidates (90004, 90005) are not written
    bea = policies["bea-sample-dc-90002.toml"]["who"]
    assert bea["name"] == "Bea Sample"  # quoted twice over in the export
    assert bea["party"] == "Anytown First and Example Alliance"
    assert bea["scope"] == "Anytown North" and bea["election"] == NORTH
    text = (tmp_path / "bea-sample-dc-90002.toml").read_text("utf-8")
    assert "party id joint-party:9901-9902" in text
    assert "Creative Commons Attribution 4.0" in text and dc.TERMS_URL in text
    assert "no statement to voters in the export" in result.out
    checked = cli("check", str(tmp_path))  # only "no claims yet", one line per file
    assert checked.out.count("no [[claims]] yet") == 3, checked.out
    assert len(checked.out.splitlines()) == 3


def test_the_statement_is_archived_as_a_source_claims_can_quote(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("import-candidates", str(FIXTURE), "--ballot", NORTH, "-o", str(tmp_path)).code == 0
    policy = _policies(tmp_path)["alex-example-dc-90001.toml"]
    (source,) = policy["sources"]
    assert (source["date"], source["author"]) == ("2024-06-10", "Alex Example")
    assert "url" not in source  # the export gives none: never made up
    archive = (tmp_path / source["archive"]).read_text("utf-8")
    assert "URL: not stated" in archive
    assert archive.endswith(
        "---\nI will put 200 more police officers on Anytown's streets by 2026.\n"
        "Funded by £4m of savings from the council's IT contracts.\n"
    )
    monkeypatch.chdir(tmp_path)
    drafted = cli("claims", source["archive"], "--policy", "alex-example-dc-90001.toml")
    assert drafted.code == 0, drafted.err
    path = tmp_path / "alex-example-dc-90001.toml"
    text = path.read_text("utf-8")
    body = "\n".join(
        line if line.startswith("## ") else line.removeprefix("# ").removeprefix("#")
        for line in text[text.index("## --- ") :].splitlines()
    )
    path.write_text(text[: text.index("## --- ")] + body + "\n", "utf-8")
    checked = cli("check", str(path))
    assert checked.code == 0, checked.out
    claims = rtoml.loads(path.read_text("utf-8"))["claims"]
    assert {c["speaker"] for c in claims} == {"Alex Example"}  # the statement's own words
    assert sorted(c.get("officers", c.get("money"))["scope"] for c in claims) == [
        "not stated",
        "not stated",
    ]


def test_a_second_run_overwrites_nothing_and_says_what_it_kept(cli, tmp_path: Path) -> None:
    args = ("import-candidates", str(FIXTURE), "--ballot", NORTH, "-o", str(tmp_path))
    assert cli(*args).code == 0
    target = tmp_path / "alex-example-dc-90001.toml"
    target.write_text(target.read_text("utf-8") + "# my own note\n", "utf-8")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    again = cli(*args)
    assert again.code == 0
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
    assert again.out.count("kept ") == 3 and "0 written, 3 kept" in again.out


def _write(tmp_path: Path, rows: list[list[str]]) -> Path:
    path = tmp_path / "hostile.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def _row(person: str, name: str, **cells: str) -> list[str]:
    values = {
        "person_id": person,
        "person_name": name,
        "ballot_paper_id": NORTH,
        "election_date": "2024-07-04",
        "party_name": "Example Party",
        "party_id": "PP9901",
        "post_label": "Anytown North",
        "statement_to_voters": "",
    }
    values.update(cells)  # fmt: skip
    return [values[column] for column in HEADER]


def test_hostile_cells_are_refused_one_line_each(cli, tmp_path: Path) -> None:
    rows = [
        _row("1", "Esc \x1b[31mRed"),
        _row("2", "Bidi \u202eName"),
        _row("3", "N" * 1_000_000),
        _row("4", '=HYPERLINK("http://x","y")'),  # text, as in a policy file: exports guard it
        _row("5", "Good Name", party_name="Party \u202e", statement_to_voters="Hi \x1b]0;x\x07"),
        _row("6", "Line\nBreak"),
        _row("x7", "Not A Number"),
        _row("4", "Listed Twice"),
        _row("8", "Statement With Marker", statement_to_voters="One\n---\nTwo"),
    ]
    path = _write(tmp_path, rows)
    result = cli("import-candidates", str(path), "--ballot", NORTH, "-o", str(tmp_path / "out"))
    assert result.code == 1
    out = result.out + result.err
    assert "Traceback" not in out and "\x1b" not in out and "\u202e" not in out
    assert len(out) < 5_000  # a megabyte name is never echoed
    skipped = [line for line in result.err.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 6, result.err  # 1, 2, 3, 6, x7 and the second 4
    written = _policies(tmp_path / "out")
    assert sorted(written) == [
        "good-name-dc-5.toml", "hyperlink-http-x-y-dc-4.toml", "statement-with-marker-dc-8.toml"
    ]  # fmt: skip
    assert written["good-name-dc-5.toml"]["who"]["party"] == "not stated"
    assert "sources" not in written["good-name-dc-5.toml"]  # its statement was not archived
    assert "not archived" in result.out
    assert "a line of it is exactly ---" in result.out
    lines = cli("check", str(tmp_path / "out")).out.splitlines()
    assert len(lines) == 3 and all("[[claims]] yet" in line for line in lines)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"name,party\nJane,X\n", "no column person_id, person_name, ballot_paper_id"),
        (b"", "empty file"),
        (b"person_id,person_name,ballot_paper_id\n\xff\n", "not UTF-8"),
    ],
)
def test_a_file_that_is_not_a_candidate_list_is_one_line(
    cli, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    result = cli("import-candidates", str(path), "--ballot", NORTH)
    assert result.code == 1 and message in result.err
    assert len(result.err.splitlines()) == 1


def test_a_ballot_not_in_the_file_names_the_nearest(cli, tmp_path: Path) -> None:
    result = cli("import-candidates", str(FIXTURE), "--ballot", "parl.anytown-nort.2024-07-04")
    assert result.code == 2
    assert f'did you mean "{NORTH}"' in result.err


def test_cells_quoted_twice_over_and_missing_columns_are_told_apart() -> None:
    assert dc.unquote('"London"') == "London"
    assert dc.unquote(' ""London"" ') == "London"
    assert dc.unquote('Jane "JD" Doe') == 'Jane "JD" Doe'
    rows, problems = dc._rows("person_id,person_name,ballot_paper_id,party_name\n1,A,b,\n", "t")
    assert problems == []
    assert rows[0].get("party_name") == "" and rows[0].get("statement_to_voters") is None
    for party_id in ("PP52", "joint-party:53-119", "ynmp-party:2"):
        assert dc.PARTY_ID.match(party_id)
