"""A tab's app forked from serve-ssh's warm session template, speaking the web protocol on a PTY.

The template (tui/serve/fork/template.py, used as it is through its `launch`) forks a
child that takes a terminal as its stdin, stdout and stderr, sets the environment it is given and
runs the demo app. Textual reads `TEXTUAL_DRIVER` once, when the template imports it, so serve-web
starts its template with that variable naming Textual's web driver (`use_web_driver`, the one
hook: the template inherits the server's environment). Its apps then speak textual-serve's
packet protocol on their stdout and stdin instead of drawing; on a PTY in raw mode (no echo, no
line discipline, no output processing, no signals from bytes) the packets pass through unchanged.
So a browser tab costs a fork of a warm process, as an SSH session does, not a fresh Python.

`ForkedApp` gives the tab's side (service.py) the app's stdin and stdout as streams (on the
PTY's master end), `wait()`, `kill()` and how it ended. It watches the
app's process (its pidfd): once the app has exited nothing more can be written to it, so the
master's write side is dropped at once, never flushed. (A PTY whose far end has gone reports a
hang-up to epoll while `write` says EAGAIN: a writer left waiting on it spins a core for good.)
"""

from __future__ import annotations

import asyncio
import os
import signal
import tty
from typing import TYPE_CHECKING

from ..goodbyes import ending as ending_of
from ..limits import DEFAULT_TERM, SessionLimits

if TYPE_CHECKING:
    from ..fork.launcher import Launcher

WEB_DRIVER = "textual.drivers.web_driver:WebDriver"
READ_LIMIT = 1 << 20  # bytes one packet may carry before the stream reader gives up


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
        "TERM": DEFAULT_TERM,
        "COLORTERM": "truecolor",
    }


class ForkedApp:
    """One forked app on a raw PTY."""

    def __init__(self, session, stdin: asyncio.StreamWriter, stdout: asyncio.StreamReader,
                 reading: asyncio.BaseTransport, status_fd: int) -> None:  # fmt: skip
        self.session, self.stdin, self.stdout = session, stdin, stdout
        self.reading = reading
        self.status_fd = status_fd
        self.status: bytes | None = None
        self.returncode: int | None = None
        loop = asyncio.get_running_loop()
        self.exited: asyncio.Future[None] = loop.create_future()
        self.watching = session.pidfd >= 0
        if self.watching:
            loop.add_reader(session.pidfd, self._exited)
        else:
            self._exited()

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
        os.set_blocking(status_read, False)
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader(limit=READ_LIMIT)
        reading, _ = await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader),
                                                  os.fdopen(master, "rb", buffering=0))  # fmt: skip
        transport, protocol = await loop.connect_write_pipe(
            lambda: asyncio.streams.FlowControlMixin(), os.fdopen(os.dup(master), "wb", 0)
        )
        writer = asyncio.StreamWriter(transport, protocol, None, loop)
        return cls(session, writer, reader, reading, status_read)

    def _exited(self) -> None:
        """The app's process has ended: drop what waits to be written to it, and say so."""
        self._stop_watching()
        self._drop_writes()
        self.returncode = 0
        if not self.exited.done():
            self.exited.set_result(None)

    def _stop_watching(self) -> None:
        if self.watching:
            asyncio.get_running_loop().remove_reader(self.session.pidfd)
            self.watching = False

    def _drop_writes(self) -> None:
        """Close the master's write side now, discarding its buffer (close() would wait for a
        flush that a gone or stopped app never allows)."""
        if not self.stdin.transport.is_closing():
            self.stdin.transport.abort()

    async def wait(self) -> int:
        """Until the app process has exited."""
        await asyncio.shield(self.exited)
        self.close()
        return 0

    def outcome(self) -> bytes:
        """The status byte the app wrote as it ended (QUIT, CRASH, CPU_LIMIT), or b""."""
        if self.status is None and self.status_fd >= 0:
            try:
                self.status = os.read(self.status_fd, 1)
            except OSError:  # nothing written yet, or never
                return b""
        return self.status or b""

    def kill(self) -> None:
        self.session.signal(signal.SIGKILL)

    def close(self) -> None:
        """Let go of everything the tab held: both sides of the PTY's master (never waiting to
        flush), the status pipe, the pidfd. Safe to call more than once."""
        self._stop_watching()
        self._drop_writes()
        if not self.reading.is_closing():
            self.reading.close()
        self.outcome()
        if self.status_fd >= 0:
            os.close(self.status_fd)
            self.status_fd = -1
        self.session.close()


def ending(status: bytes) -> str:
    """The log's word for how an app ended, from its status byte."""
    return ending_of(status).why
