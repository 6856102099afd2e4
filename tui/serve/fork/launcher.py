"""How a session's app process starts: live-forked from the template, or a fresh interpreter.

This is the boundary the server sees (`start`, `supervise`, `launch`, `alive`, `stop`).
`--session-mode template` is live-fork: the template holds the app already mounted and
rendered, and each session's process is a fork that continues it on the visitor's terminal
(template.py, livefork.py). `--session-mode spawn` starts a fresh interpreter per session, kept
to measure against.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import termios

from ..limits import SessionLimits
from .template import SessionProcess, Template


class SessionLauncher:
    """Starts a session's app on a PTY: from the template, or a fresh interpreter (spawn).

    The boundary the server sees: `start()` before the event loop, `supervise()` inside it,
    `launch()` per session, `alive` for health, `stop()` at the end.
    """

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.template = Template() if mode == "template" else None

    def start(self) -> None:
        if self.template is not None:
            self.template.start()

    def supervise(self, on_fatal) -> None:
        if self.template is not None:
            self.template.supervise(on_fatal)

    @property
    def alive(self) -> bool:
        return self.template is None or self.template.alive

    async def launch(self, tty_fd: int, status_fd: int, env: dict[str, str],
                     limits: SessionLimits) -> SessionProcess:  # fmt: skip
        if self.template is not None:
            return await self.template.spawn(tty_fd, status_fd, env, limits)
        return _spawn_interpreter(tty_fd, status_fd, env)

    def stop(self) -> None:
        if self.template is not None:
            self.template.stop()


def _spawn_interpreter(tty_fd: int, status_fd: int, env: dict[str, str]) -> SessionProcess:
    """The costly way, kept to measure against: a fresh Python per session."""

    def controlling_terminal() -> None:  # runs in the child, after setsid and the dup2s
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    process = subprocess.Popen(
        [sys.executable, "-m", "hustings.serve.ssh.child", str(status_fd)],
        stdin=tty_fd, stdout=tty_fd, stderr=tty_fd, pass_fds=(status_fd,),
        env={**env, "PATH": os.environ.get("PATH", "")},
        start_new_session=True, preexec_fn=controlling_terminal,
    )  # fmt: skip
    process.returncode = 0  # reaped by the session that owns it, not by Popen
    return SessionProcess(process.pid, os.pidfd_open(process.pid), own_child=True)
