"""Shared fixtures: the bundled policies, the bad-input corpus, and a CLI runner."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import settings

from hustings.cli import main

T = TypeVar("T")

# In CI the property tests draw the same examples every run: a red build must be reproducible.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
POLICIES = ROOT / "policies"
BAD = Path(__file__).resolve().parent / "bad"


@pytest.fixture(autouse=True)
def _cache_in_a_temporary_folder(monkeypatch: pytest.MonkeyPatch, tmp_path_factory) -> None:
    """The race index cache of every test in a folder of its own: never the real one."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


def finishes(call: Callable[[], T], limit: float = 10.0) -> T:
    """`call()`'s result, failing if it has not returned within `limit` seconds: for reads that
    must not hang (a daemon thread, so that a hung call cannot hold the test run open)."""
    done: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            done.append(call())
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(limit)
    assert not thread.is_alive(), f"still running after {limit} s: it hangs"
    if errors:
        raise errors[0]
    return done[0]


class CliResult:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run `hustings ARGS` in-process and capture its exit code and output."""

    def run(*args: str) -> CliResult:
        code = main(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def policy_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled policies and their archived sources."""
    target = tmp_path / "policies"
    shutil.copytree(POLICIES, target)
    return target


@pytest.fixture
def bad_dir(tmp_path: Path) -> Path:
    """A scratch folder holding the corpus's archived source, for generated bad files."""
    shutil.copytree(BAD / "sources", tmp_path / "sources")
    shutil.copy(BAD / "_valid.toml.txt", tmp_path / "_valid.toml.txt")
    return tmp_path
