"""The race index, kept between runs: whose each file is, so that a country's 4,500 files are
not all opened and parsed again each time the picker is drawn (that was most of its start-up).

An entry is used only while its file's size, modification time (to the nanosecond) and inode are
those recorded, and only for a regular file; anything else is read again, as without a cache. The
cache is only ever a shortcut: a cache that is missing, unreadable, corrupt, of another version or
not a regular file (it is read through the guarded reader) is ignored and written afresh, and one
that cannot be written changes nothing but the next start's speed. It lives in
$XDG_CACHE_HOME/hustings (or ~/.cache/hustings), one file per set of paths given; the public demo
uses none (it writes no files on the server).
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

import msgspec

from ..policy.files import FileRefused, read_regular_file

VERSION = 1
# A country's 4,500 files take well under a megabyte; a larger file is not a cache of ours.
MAX_CACHE_BYTES = 64 << 20
# (mtime_ns, size, inode, name, party, race, election): a list, the cheapest thing to decode.
Record = tuple[int, int, int, str, str, str, str | None]


class _Stored(msgspec.Struct):
    version: int
    files: dict[str, Record]


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "hustings"


class RaceCache:
    """Records by file path (as the index lists it), checked against the file's stat."""

    def __init__(self, path: Path, files: dict[str, Record]) -> None:
        self.path = path
        self._files = files
        self._seen: dict[str, Record] = {}
        self._stats: dict[str, os.stat_result] = {}  # taken before the file is read
        self._changed = False

    @classmethod
    def for_paths(cls, paths: Sequence[str | Path]) -> RaceCache:
        """The cache for these paths, from the working folder (paths are listed relative)."""
        key = "\0".join([os.getcwd(), *(os.path.realpath(p) for p in paths)])
        name = f"races-v{VERSION}-{hashlib.sha256(key.encode()).hexdigest()[:20]}.json"
        path = cache_dir() / name
        try:
            data = read_regular_file(path, MAX_CACHE_BYTES)
            stored = msgspec.json.decode(data, type=_Stored)
        except (FileRefused, msgspec.DecodeError, msgspec.ValidationError):
            return cls(path, {})
        return cls(path, stored.files if stored.version == VERSION else {})

    def get(self, path: str) -> tuple[str, str, str, str | None] | None:
        """(name, party, race, election) if the file is as it was when recorded."""
        try:
            info = os.stat(path)
        except OSError:
            return None
        self._stats[path] = info
        record = self._files.get(path)
        if record is None or not stat.S_ISREG(info.st_mode):
            return None
        if record[:3] != (info.st_mtime_ns, info.st_size, info.st_ino):
            return None
        self._seen[path] = record
        return record[3], record[4], record[5], record[6]

    def put(self, path: str, name: str, party: str, race: str, election: str | None) -> None:
        """Record what was read from `path`, with the stat `get` took before it was read: a
        file changed while it was read is read again next time, never kept stale."""
        info = self._stats.get(path)
        if info is None or not stat.S_ISREG(info.st_mode):
            return
        self._seen[path] = (info.st_mtime_ns, info.st_size, info.st_ino, name, party, race,
                            election)  # fmt: skip
        self._changed = True

    def save(self) -> None:
        """Write the files seen this time (files gone are dropped), if anything changed."""
        if not self._changed and len(self._seen) == len(self._files):
            return
        data = msgspec.json.encode(_Stored(VERSION, self._seen))
        temporary = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.path.parent, delete=False) as file:
                temporary = file.name
                file.write(data)
            os.replace(temporary, self.path)  # whole or not at all, even with two apps at once
        except OSError:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)
