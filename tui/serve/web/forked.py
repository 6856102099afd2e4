"""A tab's app forked from serve-ssh's warm session template, speaking the web protocol on a PTY.

The template (tui/serve/fork/template.py, used as it is through `SessionLauncher.launch`) forks a
child that takes a terminal as its stdin, stdout and stderr, sets the environment it is given and
runs the demo app. Textual reads `TEXTUAL_DRIVER` once, when the template imports it, so serve-web
starts its template with that variable naming Textual's web driver (`use_web_driver`, the one
hook: the template inherits the server's environment). Its apps then speak textual-serve's
packet protocol on their stdout and stdin instead of drawing; on a PTY in raw mode (no echo, no
line discipline, no output processing, no signals from bytes) the packets pass through unchanged.
So a browser tab costs a fork of a warm process, as an SSH session does, not a fresh Python.

`ForkedApp` gives textual-serve's `AppService` what it expects of an asyncio subprocess: stdin
and stdout streams (on the PTY's master end), an empty stderr, a pid, `wait()`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import tty
from typing import Protocol

from ..limits import SessionLimits

WEB_DRIVER = "textual.drivers.web_driver:WebDriver"
READ_LIMIT = 1 << 20  # bytes one packet may carry before the stream reader gives up


class Launcher(Protocol):
    """The boundary serve-ssh's server sees (tui/serve/fork/launcher.py); serve-web uses it too."""

    alive: bool

    async def launch(self, tty_fd: int, status_fd: int, env: dict[str, str],
                     limits: SessionLimits): ...  # fmt: skip


# Read by Textual when it is imported (textual/constants.py), so set before the template starts.
TEMPLATE_ENVIRONMENT = {"TEXTUAL_DRIVER": WEB_DRIVER, "TEXTUAL_COLOR_SYSTEM": "truecolor"}


def use_web_driver() -> None:
    """In serve-web's own process (which never runs Textual), before it starts the template."""
    os.environ.update(TEMPLATE_ENVIRONMENT)


def forked_environment(size: tuple[int, int]) -> dict[str, str]:
    """The whole environment of a forked tab's app: its size (read by the web driver when it
    starts), and true colour."""
    return {
        "COLUMNS": str(size[0]),
        "ROWS": str(size[1]),
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
    }


class ForkedApp:
    """One forked app on a raw PTY, shaped like asyncio's `Process` for `AppService`."""

    def __init__(self, session, stdin: asyncio.StreamWriter, stdout: asyncio.StreamReader,
                 status_fd: int) -> None:  # fmt: skip
        self.session, self.stdin, self.stdout = session, stdin, stdout
        self.stderr = asyncio.StreamReader()
        self.stderr.feed_eof()  # the app's stderr is /dev/null (tui/serve/ssh/child.py)
        self.status_fd = status_fd
        self.pid: int = session.pid
        self.returncode: int | None = None

    @classmethod
    async def start(cls, launcher: Launcher, size: tuple[int, int],
                    limits: SessionLimits) -> ForkedApp:  # fmt: skip
        master, terminal = os.openpty()
        status_read, status_write = os.pipe()
        try:
            tty.setraw(terminal)  # bytes through unchanged, both ways
            session = await launcher.launch(terminal, status_write,
                                            forked_environment(size), limits)  # fmt: skip
        except BaseException:
            for fd in (master, status_read):
                os.close(fd)
            raise
        finally:
            os.close(terminal)
            os.close(status_write)
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader(limit=READ_LIMIT)
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader),
                                     os.fdopen(master, "rb", buffering=0))  # fmt: skip
        transport, protocol = await loop.connect_write_pipe(
            lambda: asyncio.streams.FlowControlMixin(), os.fdopen(os.dup(master), "wb", 0)
        )
        writer = asyncio.StreamWriter(transport, protocol, None, loop)
        return cls(session, writer, reader, status_read)

    async def wait(self) -> int:
        """Until the app process has exited (its pidfd is readable)."""
        pidfd = self.session.pidfd
        if pidfd >= 0 and self.returncode is None:
            loop = asyncio.get_running_loop()
            done = loop.create_future()

            def exited() -> None:
                if not done.done():
                    done.set_result(None)

            loop.add_reader(pidfd, exited)
            try:
                await done
            finally:
                loop.remove_reader(pidfd)
        self.returncode = 0
        self.close()
        return 0

    def kill(self) -> None:
        self.session.signal(signal.SIGKILL)

    def close(self) -> None:
        """Let go of everything the tab held: the PTY's master, the status pipe, the pidfd."""
        with contextlib.suppress(Exception):
            self.stdin.close()
        if self.status_fd >= 0:
            os.close(self.status_fd)
            self.status_fd = -1
        self.session.close()
