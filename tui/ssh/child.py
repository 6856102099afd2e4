"""One SSH session's app, in a process of its own: terminal, limits, environment, then the app.

Used both by the pre-forked template (which forks and calls `run_session` with the comparison it
already loaded) and by the spawn-per-session way (`python -m tui.ssh.child`, for comparison).
"""

from __future__ import annotations

import fcntl
import os
import resource
import sys
import termios
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class SessionLimits:
    """Per-session resource limits: a runaway session hits its own wall, never another's."""

    address_space: int = 1024 * 1024 * 1024  # bytes
    cpu_seconds: int = 600
    open_files: int = 64

    def apply(self) -> None:
        resource.setrlimit(resource.RLIMIT_AS, (self.address_space, self.address_space))
        resource.setrlimit(resource.RLIMIT_CPU, (self.cpu_seconds, self.cpu_seconds + 5))
        resource.setrlimit(resource.RLIMIT_NOFILE, (self.open_files, self.open_files))


def take_terminal(tty_fd: int) -> None:
    """Make `tty_fd` this process's controlling terminal and its stdin, stdout and stderr.

    A new session (setsid) plus TIOCSCTTY: then the kernel sends SIGWINCH here when the server
    resizes the PTY, and the app sees every resize.
    """
    os.setsid()
    fcntl.ioctl(tty_fd, termios.TIOCSCTTY, 0)
    for target in (0, 1, 2):
        os.dup2(tty_fd, target)
    if tty_fd > 2:
        os.close(tty_fd)


def run_session(comparison, env: Mapping[str, str], limits: SessionLimits) -> int:
    """Run the demo app on this process's terminal; returns the exit status."""
    os.environ.clear()
    os.environ.update(env)
    limits.apply()
    from ..app.app import HustingsApp

    HustingsApp(comparison, demo=True).run()
    return 0


def main() -> int:
    """Spawn-per-session entry point: stdin/stdout/stderr are already the session's PTY."""
    from ..compare import compare
    from ..load import load_paths

    env = {name: os.environ[name] for name in ("TERM", "COLORTERM", "LANG") if name in os.environ}
    return run_session(compare(load_paths()), env, SessionLimits())


if __name__ == "__main__":
    sys.exit(main())
