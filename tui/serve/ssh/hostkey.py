"""The server's host key: read if it exists (never changed), else made once with mode 0600.

Reusing one key matters: a new key at every restart, or a different one per replica, would
make every returning visitor's SSH client warn of a possible man-in-the-middle.

An existing key is only ever read. In a container it is typically a read-only mount owned by
someone else: a Kubernetes Secret with `fsGroup` gives 0440 root:GROUP, a Docker bind mount of
a key made with `install -m 0400 -o 10001` gives 0400 owned by the server's user. Both work. A
key that anyone else on the machine may read is refused, not "fixed": chmod would fail on a
read-only mount, and a key that has been world-readable may already have been copied.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import asyncssh

LEGACY_NAME = "ssh_host_key"  # where keys were made before: the folder the server ran in


class HostKeyError(Exception):
    """The host key cannot be used; the message says why and what to do, in one line."""


def default_host_key_path() -> Path:
    """Where the key lives when `--host-key` is not given: one place per user, whatever folder
    the server is started in, and never inside a checkout (a private key one `git add .` away
    from a commit). A key already made in this folder, as earlier versions did, is kept in use:
    a new one would make every returning visitor's client warn."""
    here = Path(LEGACY_NAME)
    if here.exists() or here.is_symlink():
        return here
    state = os.environ.get("XDG_STATE_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "state"
    )
    return Path(state) / "hustings" / LEGACY_NAME


def load_or_create_host_key(path: Path) -> asyncssh.SSHKey:
    try:
        info = path.stat()
    except FileNotFoundError:
        return _create(path)
    except OSError as exc:
        raise HostKeyError(f"cannot read host key {path}: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise HostKeyError(f"host key {path} is not a regular file")
    if info.st_mode & stat.S_IROTH or info.st_mode & (stat.S_IWOTH | stat.S_IWGRP):
        raise HostKeyError(
            f"host key {path} has mode {info.st_mode & 0o777:04o}, so other users could read or "
            f"change it; make it 0400, 0600 or 0440 (e.g. chmod 0400 {path}) and make a new key "
            f"if it may have been copied"
        )
    try:
        return asyncssh.read_private_key(str(path))
    except PermissionError:
        raise HostKeyError(
            f"cannot read host key {path} as uid {os.getuid()}: give this user or its group "
            f"read access (0400 owned by it, or 0440 with its group)"
        ) from None
    except (OSError, ValueError, asyncssh.KeyImportError) as exc:
        raise HostKeyError(f"host key {path} is not a usable private key: {exc}") from None


def _create(path: Path) -> asyncssh.SSHKey:
    key = asyncssh.generate_private_key("ssh-ed25519")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Created with 0600 from the start: never a moment when the key is readable by others.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key.export_private_key())
    except OSError as exc:
        raise HostKeyError(f"cannot create host key {path}: {exc.strerror}") from None
    return key
