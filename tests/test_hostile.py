"""Hostile files and hostile text: nothing a policy file holds reaches the terminal, the disk
outside its folder, or another file; every case gets a clear line and the rest keeps working.

Each test runs the real command line in a subprocess with a timeout, so a hang fails the test
instead of hanging the suite, and the bytes asserted on are exactly what a terminal would get.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from .conftest import BAD, ROOT
from .machine import requires

VALID = (BAD / "_valid.toml.txt").read_text(encoding="utf-8")
# Every C0 control but newline, DEL and every C1 control: none may reach a terminal.
CONTROL_BYTES = re.compile(rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")


def hustings(*args: str, cwd: Path = ROOT, timeout: float = 10) -> subprocess.CompletedProcess:
    """The real CLI, bounded in time: a hang is a failure, not a stuck test run."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "hustings.cli", *args],
        cwd=cwd,
        capture_output=True,
        timeout=timeout,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def assert_clean(done: subprocess.CompletedProcess, code: int = 1) -> str:
    """Exit code as expected, no traceback, no control byte: return stdout+stderr as text."""
    output = done.stdout + done.stderr
    assert done.returncode == code, output.decode("utf-8", "replace")
    assert b"Traceback" not in output
    assert b"internal error" not in output
    assert not CONTROL_BYTES.search(output), CONTROL_BYTES.findall(output)
    return output.decode("utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A policy folder holding the corpus's archive."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "article.txt").write_bytes(
        (BAD / "sources" / "article.txt").read_bytes()
    )
    return tmp_path


# -- escapes through every way text reaches the terminal -----------------------------------


def test_escape_in_an_unknown_key_name_is_shown_not_obeyed(folder: Path) -> None:
    """A quoted TOML key holding OSC 52 (set the clipboard) and a screen clear."""
    key = '"\\u001b]52;c;cHduZWQ=\\u0007\\u001b[2J"'
    (folder / "p.toml").write_text(VALID + f"\n{key} = 1\n", "utf-8")
    output = assert_clean(hustings("check", str(folder / "p.toml")))
    assert "officers.\\x1b]52;c;cHduZWQ=\\x07\\x1b[2J): unknown field" in output


def test_escape_in_a_file_name_is_shown_not_obeyed(folder: Path) -> None:
    """A file named to draw a fake 'ok' line: its name is printed with visible escapes."""
    name = "x\x1b[2K\rok: 3 policies\x1b[8m.toml"
    (folder / name).write_text("format = \n", "utf-8")
    output = assert_clean(hustings("check", str(folder)))
    assert "x\\x1b[2K\\rok: 3 policies\\x1b[8m.toml:1:10: TOML syntax" in output


def test_escape_in_a_scope_never_reaches_a_flag_label(folder: Path) -> None:
    """The scope is upper-cased into a flag ('≠ …'): check refuses it, table shows it inert."""
    figure = 'kinds = ["police officers"]\nscope = "London"'
    text = VALID.replace(figure, figure.replace('"London"', '"\\u001b]0;pwned\\u0007London"'))
    (folder / "p.toml").write_text(text, "utf-8")
    other = VALID.replace('id = "valid"', 'id = "other"').replace('"London"', '"national"')
    (folder / "q.toml").write_text(other, "utf-8")
    output = assert_clean(hustings("check", str(folder)))
    assert "character U+001B" in output
    for fmt in ("markdown", "csv", "json"):
        assert_clean(hustings("export", "--format", fmt, str(folder)))
    table = assert_clean(hustings("table", str(folder)))
    assert "\\x1b]0;PWNED\\x07LONDON" in table


@pytest.mark.parametrize(
    "char",
    ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u061c", "\U000e0041", "\u2028", "\u2029"],
    ids=lambda c: f"U+{ord(c):04X}",
)
def test_invisible_characters_are_refused(folder: Path, char: str) -> None:
    """Two names that look alike but differ by an invisible character cannot pass check."""
    text = VALID.replace('name = "Valid Person"', f'name = "Valid {char}Person"')
    (folder / "p.toml").write_text(text, "utf-8")
    output = assert_clean(hustings("check", str(folder / "p.toml")))
    assert f"who.name: character U+{ord(char):04X}" in output


# -- files that are not files --------------------------------------------------------------


def test_a_fifo_named_toml_is_refused_at_once(folder: Path) -> None:
    os.mkfifo(folder / "x.toml")
    output = assert_clean(hustings("check", str(folder)))
    assert "x.toml: is a named pipe (FIFO), not a regular file" in output


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_link_to_a_device_is_refused(folder: Path, device: str) -> None:
    (folder / "dev.toml").symlink_to(device)
    output = assert_clean(hustings("check", str(folder)))
    assert "dev.toml: is a link to a file outside its folder, and is not read" in output


def test_a_policy_linked_out_of_its_folder_is_not_read(folder: Path, tmp_path_factory) -> None:
    """A link to a secret elsewhere is refused unread, so no error can echo what it holds;
    a link to a file beside it in the same folder is read as that file."""
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.toml").write_text('format = "TOPSECRET-VALUE-123"\n', "utf-8")
    (folder / "link.toml").symlink_to(outside / "secret.toml")
    (folder / "real.toml").write_text(VALID, "utf-8")
    (folder / "alias.toml").symlink_to("real.toml")
    output = assert_clean(hustings("check", str(folder)))
    assert "link.toml: is a link to a file outside its folder, and is not read" in output
    assert "TOPSECRET" not in output
    assert "alias.toml:" not in output  # read as real.toml is
    assert "2 problems found" in output  # the link out, and the duplicate id of the alias


def test_a_bad_file_does_not_stop_the_good_one(folder: Path) -> None:
    os.mkfifo(folder / "a.toml")
    (folder / "b.toml").write_text(VALID, "utf-8")
    output = assert_clean(hustings("table", str(folder)))
    assert "Valid Person" in output and "a.toml: is a named pipe" in output


def test_an_unreadable_folder_is_reported_for_itself_alone(tmp_path: Path) -> None:
    """As an unprivileged user (root reads everything): one line for the locked folder, and
    the bundled policies beside it still load."""
    requires("root", "setpriv")  # to drop to uid 65534
    shared = Path(tempfile.mkdtemp(prefix="hustings-"))  # outside pytest's 0700 folder
    try:
        _check_as_nobody(shared)
    finally:
        shutil.rmtree(shared)


def _check_as_nobody(shared: Path) -> None:
    policy_copy = shared / "policies"
    shutil.copytree(ROOT / "policies", policy_copy)
    locked = shared / "locked"
    locked.mkdir(mode=0o700)
    for path in (shared, *policy_copy.rglob("*"), policy_copy):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    done = subprocess.run(
        ["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups",
         sys.executable, "-m", "hustings.cli", "check", str(locked), str(policy_copy)],
        cwd=ROOT, capture_output=True, timeout=20, stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )  # fmt: skip
    output = assert_clean(done)
    assert "locked: cannot list folder (Permission denied)" in output
    assert "1 problem found" in output


# -- archives stay inside the policy's folder ----------------------------------------------


def test_an_archive_linked_out_of_the_folder_proves_nothing(folder: Path) -> None:
    """sources/article.txt -> /etc/passwd, with a quote only that file holds: refused."""
    (folder / "sources" / "article.txt").unlink()
    (folder / "sources" / "article.txt").symlink_to("/etc/passwd")
    text = VALID.replace('quote = "We will hire 500 officers."', 'quote = "root:x:0:0:root"')
    (folder / "p.toml").write_text(text, "utf-8")
    output = assert_clean(hustings("check", str(folder / "p.toml")))
    assert "archive resolves to a path outside the policy file's folder" in output
    exported = assert_clean(hustings("export", "--format", "json", str(folder / "p.toml")))
    assert "/bin/bash" not in exported and "root:x:0:0:root" in exported  # only our own quote


def test_a_sources_folder_linked_elsewhere_proves_nothing(folder: Path, tmp_path_factory) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (outside / "article.txt").write_bytes((BAD / "sources" / "article.txt").read_bytes())
    (folder / "sources" / "article.txt").unlink()
    (folder / "sources").rmdir()
    (folder / "sources").symlink_to(outside)
    (folder / "p.toml").write_text(VALID, "utf-8")
    output = assert_clean(hustings("check", str(folder / "p.toml")))
    assert "archive resolves to a path outside the policy file's folder" in output


def test_an_archive_that_is_a_fifo_is_refused(folder: Path) -> None:
    (folder / "sources" / "article.txt").unlink()
    os.mkfifo(folder / "sources" / "article.txt")
    (folder / "p.toml").write_text(VALID, "utf-8")
    output = assert_clean(hustings("check", str(folder / "p.toml")))
    assert "archive is a named pipe (FIFO), not a regular file: sources/article.txt" in output


# -- figures -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("-5", "expected a whole number from 0 to 10,000,000"),
        ("100000000", "expected a whole number from 0 to 10,000,000"),
        ("1e29", "expected a whole number from 0 to 10,000,000"),
        ("100000000000000000000000000000", "expected a whole number from 0 to 10,000,000"),
    ],
)
def test_negative_and_huge_figures_are_refused(folder: Path, number: str, expected: str) -> None:
    (folder / "p.toml").write_text(VALID.replace("number = 500", f"number = {number}"), "utf-8")
    output = assert_clean(hustings("check", str(folder / "p.toml")))
    assert expected in output


def test_zero_officers_with_a_pays_for_link_never_crashes_a_view(folder: Path) -> None:
    """£1m 'pays for' zero officers: check says what is wrong; no view divides by zero."""
    text = VALID.replace("number = 500", "number = 0") + (
        '\n[[claims]]\nid = "money"\ntopic = "funding"\nsummary = "Money."\n'
        'quote = "A spokesperson said the money would come from savings."\n'
        'speaker = "A spokesperson"\nspeaker_role = "spokesperson"\nsource = "article"\n'
        '[claims.money]\namount = 1000000\nkind = "savings"\nscope = "London"\n'
        'period = "a year"\npays_for = "hire-500"\n'
    )
    (folder / "p.toml").write_text(text, "utf-8")
    output = assert_clean(hustings("check", str(folder / "p.toml")))
    assert "officers.number 0 is not stated in the quote" in output
    assert "money.amount £1m is not stated in the quote" in output
    for args in (("table",), ("export", "--format", "json"), ("export", "--format", "csv")):
        assert_clean(hustings(*args, str(folder / "p.toml")))


# -- the command line ----------------------------------------------------------------------


def test_a_mistyped_command_is_refused_with_a_suggestion() -> None:
    done = hustings("chekc")
    assert done.returncode == 2
    assert (
        done.stderr.decode().strip() == 'hustings: unknown command "chekc"; did you mean "check"?'
    )


def test_an_escape_in_an_unknown_command_is_shown_not_obeyed() -> None:
    done = hustings("\x1b]0;title\x07")
    assert_clean(done, code=2)
    assert b"unknown command" in done.stderr
