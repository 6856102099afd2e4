"""One visitor's session: a PTY, the app's process on it, and the bytes between them.

Input is made fit for the app (terminal.VisitorInput: valid UTF-8, no terminal reports, mouse
motion coalesced) and paused above a high-water mark; output stops being read while the
visitor's connection is slow. However the session ends, it ends once: the app is stopped, the
visitor's terminal is reset, one goodbye line is written, the channel is closed and one log line
is written. The app's end is noticed by its terminal hanging up or, if output is paused then,
by its process exiting.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import signal
import struct
import termios
import time
from typing import TYPE_CHECKING, Any

import asyncssh

from ..admission import BUSY, MESSAGES
from ..goodbyes import GOODBYE, IDLE, RESTARTING, TOO_LONG, ending, line
from ..limits import child_environment, clamp_size
from ..logs import session_line
from ..terminal import RESET, VisitorInput

if TYPE_CHECKING:
    from ..fork.template import SessionProcess
    from .server import DemoServer, Gatekeeper

log = logging.getLogger("hustings.ssh")


_line = line
NO_PTY = _line("hustings is an interactive app: connect from a terminal (ssh -t ...).")
KILL_GRACE = 2.0  # seconds between SIGHUP and SIGKILL for a session's app
CLOSE_GRACE = 5.0  # seconds a connection may linger after its session has ended
HIGH_WATER, LOW_WATER = 64 * 1024, 16 * 1024  # visitor input waiting for the app, in bytes
WRITE_CHUNK = 4096


class DemoSession(asyncssh.SSHServerSession):
    """One visitor: a PTY, the app's process on it, and the bytes between them."""

    def __init__(self, server: DemoServer, gate: Gatekeeper) -> None:
        self.server, self.gate = server, gate
        self.ip = gate.ticket.ip
        self.chan: Any = None  # asyncssh's channel, once the connection hands it over
        self.term: str | None = None
        self.command: str | None = None
        self.size = (80, 24)
        self.master: int | None = None
        self.status_pipe: int | None = None
        self.process: SessionProcess | None = None
        self.started = time.monotonic()
        self.last_input = self.started
        self.admitted = False
        self.ended = False
        self.logged = False
        self.timers: list[asyncio.TimerHandle] = []
        self.pending_input = bytearray()
        self.reading_paused = False
        self.output_paused = False
        self.input = VisitorInput(focus_reports=True)  # Textual's terminal driver asks for them
        self.starting: asyncio.Task | None = None

    # -- what the client may ask for -------------------------------------------------------

    def connection_made(self, chan) -> None:
        self.chan = chan

    def pty_requested(self, term_type: str, term_size, term_modes) -> bool:
        self.term = term_type
        self.size = clamp_size(term_size[0] or 80, term_size[1] or 24)
        return True

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        self.command = command
        return False

    def subsystem_requested(self, subsystem: str) -> bool:
        self.command = f"subsystem {subsystem}"
        return False  # sftp and everything else

    def break_received(self, msec: int) -> bool:
        return False

    # -- the session ----------------------------------------------------------------------

    def session_started(self) -> None:
        if self.term is None:
            return self._refuse(NO_PTY, "no pty")
        if self.server.draining:
            return self._refuse(RESTARTING, "draining")
        reason = self.gate.ticket.start_session()
        if reason is not None:
            return self._refuse(_line(MESSAGES[reason]), reason)
        self.admitted = True
        self.server.sessions.add(self)
        self.starting = asyncio.get_running_loop().create_task(self._start_app())
        return None

    def _refuse(self, message: bytes, why: str) -> None:
        self.ended = True
        self._say_goodbye(message, 1, reset=False)
        self._log(why)

    async def _start_app(self) -> None:
        loop = asyncio.get_running_loop()
        master, tty = os.openpty()
        status_read, status_write = os.pipe()
        try:
            self._set_size(master, *self.size)
            env = child_environment(self.term, self.chan.get_environment())
            self.process = await self.server.launcher.launch(
                tty, status_write, env, self.server.config.limits
            )
        except Exception as exc:  # the visitor gets a line, the log the reason
            log.warning("session start failed for %r: %s", self.ip, exc)
            os.close(master)
            os.close(status_read)
            self.end("start failed", _line(MESSAGES[BUSY]), status=1)
            return
        finally:
            os.close(tty)
            os.close(status_write)
        self.master, self.status_pipe = master, status_read
        os.set_blocking(master, False)
        os.set_blocking(status_read, False)
        if self.ended:  # the visitor left while the app was starting
            self._stop_child()
            return
        loop.add_reader(master, self._on_output)
        loop.add_reader(self.process.pidfd, self._app_exited)
        config = self.server.config
        self.timers.append(loop.call_later(config.max_session, self._expire))
        self.timers.append(loop.call_later(config.idle_timeout / 4, self._check_idle))

    def _on_output(self) -> None:
        if self.master is None:
            return
        try:
            data = os.read(self.master, 65536)
        except BlockingIOError:
            return
        except OSError:  # EIO: the app has ended and closed the terminal
            data = b""
        if not data:
            self._app_ended()
            return
        try:
            self.chan.write(data)
        except (OSError, asyncssh.Error):  # the channel has closed under us
            self.end("disconnect", None)

    def _app_exited(self) -> None:
        """The app's process has ended (its pidfd is readable). Its terminal's hang-up says so
        too, but is not read while output is paused for a slow visitor: without this, a
        session whose app died then would never end."""
        if self.process is not None:
            asyncio.get_running_loop().remove_reader(self.process.pidfd)
        if not self.ended:
            if not self.output_paused:
                self._on_output()  # what it wrote last, if it is still there to read
            self._app_ended()

    def _app_ended(self) -> None:
        """The app closed its terminal: its status byte says how it ended."""
        if self.ended:
            return
        try:
            outcome = os.read(self.status_pipe, 1) if self.status_pipe is not None else b""
        except OSError:
            outcome = b""
        how = ending(outcome)
        self.end(how.why, how.goodbye, status=how.status)

    def data_received(self, data: bytes, datatype) -> None:
        self.last_input = time.monotonic()
        if self.master is None or self.ended:
            return
        self.pending_input += self.input.feed(data)
        if len(self.pending_input) > HIGH_WATER and not self.reading_paused:
            self.reading_paused = True  # the SSH window closes: the client must wait
            self.chan.pause_reading()
        self._flush_input()

    def _flush_input(self) -> None:
        loop = asyncio.get_running_loop()
        master = self.master
        if master is None:
            return
        try:
            while self.pending_input:
                with memoryview(self.pending_input) as view:
                    written = os.write(master, view[:WRITE_CHUNK])
                del self.pending_input[:written]  # no copy of the rest
        except BlockingIOError:
            loop.add_writer(master, self._drain_input)
            return
        except OSError:
            self.pending_input.clear()
        if self.reading_paused and len(self.pending_input) < LOW_WATER:
            self.reading_paused = False
            self.chan.resume_reading()

    def _drain_input(self) -> None:
        if self.master is None:
            return
        asyncio.get_running_loop().remove_writer(self.master)
        self._flush_input()

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int):
        self.size = clamp_size(width or 80, height or 24)
        if self.master is not None:
            self._set_size(self.master, *self.size)

    @staticmethod
    def _set_size(fd: int, columns: int, rows: int) -> None:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))

    def pause_writing(self) -> None:  # the visitor's connection is slow: stop reading the app
        self.output_paused = True
        if self.master is not None and not self.ended:
            asyncio.get_running_loop().remove_reader(self.master)

    def resume_writing(self) -> None:
        self.output_paused = False
        if self.master is not None and not self.ended:
            asyncio.get_running_loop().add_reader(self.master, self._on_output)

    def eof_received(self) -> bool:
        """The visitor closed their input: nothing more can be typed, so the session ends."""
        self.end("client eof", GOODBYE)
        return False

    def connection_lost(self, exc) -> None:
        self.end("disconnect", None)
        self.gate.session_closed()

    # -- ending ---------------------------------------------------------------------------

    def _check_idle(self) -> None:
        idle = time.monotonic() - self.last_input
        timeout = self.server.config.idle_timeout
        if idle >= timeout:
            self.end("idle timeout", IDLE)
        else:
            loop = asyncio.get_running_loop()
            self.timers.append(loop.call_later(min(timeout - idle, timeout / 4), self._check_idle))

    def _expire(self) -> None:
        self.end("time limit", TOO_LONG)

    def end(self, why: str, message: bytes | None, status: int = 0) -> None:
        """End the session once, whatever ends it: quit, crash, disconnect, timeout, shutdown."""
        if self.ended:
            if not self.logged:  # a refusal, or the channel closing after one
                self._log(why)
            return
        self.ended = True
        self._stop_child()
        if message is not None:
            self._say_goodbye(message, status)
        self._finish(why)

    def _say_goodbye(self, message: bytes, status: int, reset: bool = True) -> None:
        """The terminal reset (if the app ran), one line, the exit status, and the channel
        closed; and the connection with it, if the visitor's client does not close it."""
        if self.chan is None:
            return
        with contextlib.suppress(Exception):
            self.chan.write((RESET if reset else b"") + message)
        with contextlib.suppress(Exception):
            self.chan.exit(status)
        with contextlib.suppress(Exception):
            self.chan.close()
        conn = self.gate.conn
        if conn is not None:
            asyncio.get_running_loop().call_later(CLOSE_GRACE, conn.abort)

    def _stop_child(self) -> None:
        loop = asyncio.get_running_loop()
        for timer in self.timers:
            timer.cancel()
        if self.master is not None:
            loop.remove_reader(self.master)
            loop.remove_writer(self.master)
            os.close(self.master)  # the app's terminal hangs up: SIGHUP to its session
            self.master = None
        if self.status_pipe is not None:
            os.close(self.status_pipe)
            self.status_pipe = None
        if self.process is not None:
            process, self.process = self.process, None
            if process.pidfd >= 0:
                loop.remove_reader(process.pidfd)
            process.signal(signal.SIGHUP)
            loop.call_later(KILL_GRACE, process.kill_and_close)

    def _finish(self, why: str) -> None:
        if self.admitted:
            self.admitted = False
            self.gate.ticket.end_session()
        self.server.sessions.discard(self)
        self._log(why)

    def _log(self, why: str) -> None:
        """One line per session; never what was typed; whatever the client chose, repr()."""
        if self.logged:
            return
        self.logged = True
        if self.command is not None and why == "disconnect":
            why = "refused request"
        log.info(session_line(
            ip=self.ip, user=self.gate.username, term=self.term, command=self.command,
            size=self.size, duration=time.monotonic() - self.started, end=why,
        ))  # fmt: skip
