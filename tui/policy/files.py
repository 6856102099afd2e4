"""Reading files that strangers named: only regular files, never more than a limit, never a hang.

`stat` then `read` is not enough: a FIFO named `x.toml` blocks the reader for ever, and
/dev/zero or /dev/urandom report a size of 0 and never end. So a file is opened without
blocking, checked with `fstat` on the open descriptor (what is read is what was checked), and
read with a bound of the limit plus one byte, which is how an oversize file is detected without
trusting its reported size.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .problem_codes import Code

_LATER_CHUNK = 1 << 16  # after the first read, only if the file grew since fstat
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)


class FileRefused(Exception):
    """A file that cannot be read as text: the message says why, in a few plain words, and
    `code` names the kind of problem for machines."""

    def __init__(self, message: str, code: str = Code.UNREADABLE) -> None:
        super().__init__(message)
        self.code = code


class SymbolicLink(FileRefused):
    """The last part of the path is a symbolic link, and was not to be followed."""


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words a user knows."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def read_regular_file(path: str | Path, limit: int, *, follow_last_link: bool = True) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or FileRefused saying why not.

    `follow_last_link=False` refuses a symbolic link as the last part of the path (for a path
    that has already been resolved, so that a link swapped in since cannot redirect the read).
    """
    flags = _OPEN_FLAGS if follow_last_link else _OPEN_FLAGS | os.O_NOFOLLOW
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileRefused("file not found", Code.NO_SUCH_FILE) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_last_link and os.path.islink(path):
            raise SymbolicLink("is a symbolic link", Code.FILE_TYPE) from None
        raise FileRefused(f"cannot open ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(f"is {kind_of(info.st_mode)}, not a regular file", Code.FILE_TYPE)
        if info.st_size > limit:
            message = f"file is {info.st_size:,} bytes; the limit is {limit:,}"
            raise FileRefused(message, Code.TOO_LARGE)
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        remaining = limit + 1
        # Ask first for the size fstat gave (plus one, to see the end): asking for the whole
        # limit each time made Python allocate a megabyte per file, 60 ms over 4,500 files.
        want = info.st_size + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, want))
            want = _LATER_CHUNK
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
    except OSError as exc:
        raise FileRefused(f"cannot read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew, or its size was not what stat said
        raise FileRefused(f"file is larger than the limit of {limit:,} bytes", Code.TOO_LARGE)
    return data


def read_inside_its_folder(path: str | Path, limit: int) -> bytes:
    """`read_regular_file`, following a symbolic link only to a file inside the folder that
    holds the link, as an archive must resolve inside its policy's folder: a policy file
    linked to a secret elsewhere (or /etc/shadow) is refused in one line, never read, so no
    error can echo its content. A regular file costs nothing more (O_NOFOLLOW on the open)."""
    try:
        return read_regular_file(path, limit, follow_last_link=False)
    except SymbolicLink:
        folder = Path(os.path.realpath(os.path.dirname(path) or "."))
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(folder):
            raise FileRefused(
                "is a link to a file outside its folder, and is not read", Code.FILE_TYPE
            ) from None
        return read_regular_file(target, limit, follow_last_link=False)
