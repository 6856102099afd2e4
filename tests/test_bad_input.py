"""The bad-input corpus: each file gets a clear one-line error, a non-zero exit, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import BAD

# file -> a piece of the one line `check` must print for it
CORPUS = {
    "syntax_error.toml": "syntax_error.toml:5:17: TOML syntax:",
    "wrong_types.toml": 'wrong_types.toml:44:1: claim "money" (claims[1].money.amount): '
    "expected a whole number of pounds from 0 to",
    "missing_fields.toml": "missing_fields.toml:4:1: who.party: missing required field",
    "unknown_fields.toml": 'unknown_fields.toml:29:1: claim "hire-500" (claims[0].verdict): '
    "unknown field",
    "duplicate_ids.toml": 'duplicate_ids.toml:34:1: claim "hire-500" (claims[1].id): '
    'duplicate id "hire-500"',
    "quote_not_in_source.toml": 'quote_not_in_source.toml:23:1: claim "hire-500" '
    '(claims[0].quote): quote not found in its source "article"',
    "missing_source_file.toml": "missing_source_file.toml:17:1: sources[0].archive: "
    'archive file not found: sources/gone.txt (did you mean "sources/article.txt"?)',
    "empty.toml": "empty.toml: file is empty",
    "ansi_escapes.toml": 'ansi_escapes.toml:22:1: claim "hire-500" (claims[0].summary): '
    "character U+001B",
    "control_chars.toml": 'control_chars.toml:22:1: claim "hire-500" (claims[0].summary): '
    "character U+0007",
    "rich_markup.toml": 'rich_markup.toml:23:1: claim "hire-500" (claims[0].quote): '
    'quote not found in its source "article"',
    "bad_reference.toml": 'bad_reference.toml:26:1: claim "hire-500" (claims[0].source): '
    'no source with id "nowhere"',
}


def _assert_clean_failure(result, expected: str) -> None:
    assert result.code == 1
    assert any(expected in line for line in result.lines), result.out
    assert "Traceback" not in result.out + result.err
    assert "internal error" not in result.err


@pytest.mark.parametrize(("name", "expected"), sorted(CORPUS.items()))
def test_corpus_file_fails_check_with_one_clear_line(cli, name: str, expected: str) -> None:
    _assert_clean_failure(cli("check", str(BAD / name)), expected)


def test_every_corpus_file_is_covered() -> None:
    assert sorted(p.name for p in BAD.glob("*.toml")) == sorted(CORPUS)


def test_binary_file(cli, bad_dir: Path) -> None:
    path = bad_dir / "binary.toml"
    path.write_bytes(b"format = 1\n\x00\x01\x02\xff")
    _assert_clean_failure(cli("check", str(path)), "binary.toml:2:1: binary data (NUL byte)")


def test_non_utf8_bytes_give_line_and_column(cli, bad_dir: Path) -> None:
    path = bad_dir / "latin1.toml"
    path.write_bytes(b'format = 1\nid = "caf\xe9"\n')
    _assert_clean_failure(cli("check", str(path)), "latin1.toml:2:10: not UTF-8 text (byte 0xe9)")


def test_folder_where_a_file_is_expected(cli, bad_dir: Path) -> None:
    (bad_dir / "folder.toml").mkdir()
    _assert_clean_failure(cli("check", str(bad_dir)), "folder.toml: is a folder, not a policy file")


def test_archive_that_is_a_folder(cli, bad_dir: Path) -> None:
    (bad_dir / "sources" / "dir.txt").mkdir()
    text = (bad_dir / "_valid.toml.txt").read_text().replace("article.txt", "dir.txt")
    (bad_dir / "p.toml").write_text(text)
    _assert_clean_failure(cli("check", str(bad_dir / "p.toml")), "archive is a folder")


def test_ten_megabyte_file_is_refused_without_parsing(cli, bad_dir: Path) -> None:
    path = bad_dir / "huge.toml"
    with path.open("wb") as handle:
        handle.write(b'format = 1\nnote = "' + b"x" * 10_000_000 + b'"\n')
    _assert_clean_failure(cli("check", str(path)), "huge.toml: file is 10,000,021 bytes")


def test_missing_path(cli, tmp_path: Path) -> None:
    _assert_clean_failure(cli("check", str(tmp_path / "nope.toml")), "no such file or folder")


def test_one_bad_file_does_not_stop_the_good_ones(cli, policy_copy: Path) -> None:
    (policy_copy / "broken.toml").write_text("format = \n")
    result = cli("table", str(policy_copy))
    assert result.code == 1
    assert "broken.toml:1:10: TOML syntax" in result.err
    for figure in ("≈1,300", "13,000", "£200m", "£360m"):
        assert figure in result.out


def test_table_prints_markup_and_escapes_literally(cli) -> None:
    result = cli("table", str(BAD / "rich_markup.toml"), str(BAD / "ansi_escapes.toml"))
    assert "[bold red]Valid[/] Person" in result.out
    assert "[bold]500[/bold]" in result.out
    assert "\\x1b[31mshe\\x1b[0m" in result.out
    assert "\x1b" not in result.out  # not a single raw escape reaches the terminal
    assert result.code == 1


def test_real_process_prints_no_traceback_for_every_corpus_file() -> None:
    """The installed console script, end to end: one process, every corpus file at once."""
    files = [str(BAD / name) for name in sorted(CORPUS)]
    done = subprocess.run(
        [sys.executable, "-m", "hustings.cli", "check", *files],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    printed = done.stdout.splitlines()
    for name, expected in CORPUS.items():
        assert any(name in line and expected in line for line in printed), name


def test_raw_bidi_override_in_the_file_is_caught(cli, bad_dir: Path) -> None:
    """Written raw (not as an escape), a right-to-left override is valid TOML: still refused."""
    text = (bad_dir / "_valid.toml.txt").read_text("utf-8")
    path = bad_dir / "bidi.toml"
    path.write_text(text.replace('name = "Valid Person"', 'name = "Valid \u202ePerson"'), "utf-8")
    _assert_clean_failure(cli("check", str(path)), "bidi.toml:5:1: who.name: character U+202E")
