"""The race index cache: a shortcut that is never wrong, never needed, and never in the demo."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import hustings.races.index
from hustings.races.cache import cache_dir
from hustings.races.index import index_paths

from .conftest import finishes
from .test_races import RACES


@pytest.fixture
def races(tmp_path: Path) -> Path:
    folder = tmp_path / "races"
    shutil.copytree(RACES, folder)
    return folder


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the index opens and parses."""
    opened: list[str] = []
    real = hustings.races.index.read_entry

    def counting(path: str):
        opened.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(hustings.races.index, "read_entry", counting)
    return opened


def summary(index) -> list[tuple]:
    return [(r.election, r.name, [(e.name, e.party) for e in r.candidates]) for r in index.races]


def test_a_second_start_reads_no_file_and_finds_the_same_races(races, reads) -> None:
    first = index_paths([races], cache=True)
    first.save_cache()
    assert len(reads) == len(list(races.glob("*.toml")))
    reads.clear()
    second = index_paths([races], cache=True)
    assert reads == []
    assert summary(second) == summary(first)


def test_a_file_changed_since_is_read_again(races, reads) -> None:
    index_paths([races], cache=True).save_cache()
    path = races / "westham-01.toml"
    path.write_text(path.read_text("utf-8").replace("Harbour Party", "Tidal Party"), "utf-8")
    os.utime(path, ns=(1, 1))  # even with a time in the past: it is not the time recorded
    reads.clear()
    index = index_paths([races], cache=True)
    assert reads == ["westham-01.toml"]
    westham = index.find("parl.westham.2024-07-04")
    assert westham is not None and "Tidal Party" in [e.party for e in westham.candidates]


def test_a_file_replaced_by_a_named_pipe_is_not_served_from_the_cache(races, reads) -> None:
    index_paths([races], cache=True).save_cache()
    path = races / "westham-01.toml"
    path.unlink()
    os.mkfifo(path)
    index = index_paths([races], cache=True)  # must not hang, nor list it as before
    westham = index.find("parl.westham.2024-07-04")
    assert westham is not None
    assert "westham-01.toml" not in [Path(e.path).name for e in westham.candidates]


@pytest.mark.parametrize("garbage", [b"", b"{", b'{"version": 1, "files": {"x": [1]}}', b"\xff"])
def test_a_damaged_cache_is_ignored_and_written_afresh(races, reads, garbage) -> None:
    index_paths([races], cache=True).save_cache()
    (cached,) = cache_dir().glob("races-*.json")
    cached.write_bytes(garbage)
    reads.clear()
    index = index_paths([races], cache=True)
    assert len(reads) == len(list(races.glob("*.toml")))
    assert index.find("parl.northfield.2024-07-04") is not None
    index.save_cache()
    reads.clear()
    index_paths([races], cache=True)
    assert reads == []


def test_a_named_pipe_where_the_cache_was_is_ignored_without_a_hang(races, reads) -> None:
    index_paths([races], cache=True).save_cache()
    (cached,) = cache_dir().glob("races-*.json")
    cached.unlink()
    os.mkfifo(cached)
    reads.clear()
    index = finishes(lambda: index_paths([races], cache=True))
    assert len(reads) == len(list(races.glob("*.toml")))  # every file read, as with no cache
    index.save_cache()  # and the pipe is replaced by a cache again
    assert cached.is_file()


def test_a_cache_that_cannot_be_written_changes_nothing(races, monkeypatch, tmp_path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would go", "utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    index = index_paths([races], cache=True)
    index.save_cache()  # no exception, no traceback: the next start is slower, that is all
    assert index.find("parl.northfield.2024-07-04") is not None
    assert blocked.read_text("utf-8") == "a file where the cache folder would go"


async def test_the_public_demo_writes_no_cache(races) -> None:
    from hustings.app.main import build_app

    app = build_app([str(races)], demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
    assert not cache_dir().exists() or not any(cache_dir().iterdir())
    app = build_app([str(races)])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
    assert len(list(cache_dir().glob("races-*.json"))) == 1  # the app keeps one
