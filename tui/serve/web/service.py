"""One tab's app: forked from the session template, spoken to in Textual's web-driver packets.

The app runs Textual's web driver (forked.py): it writes a `__GANGLION__` line, then packets of
a type byte (D: terminal output, M: a JSON message, P: a file's chunk), a four-byte length and
the payload; it reads packets of the same form. textual-serve's `AppService` speaks the same,
for an app it starts as a shell command; here the app is a fork, so the tab's side is ours,
with textual-serve's `encode_packet` for what is sent. Its environment is made from an
allow-list (never the server's own) and it has resource limits (`SessionLimits`, as serve-ssh).
The app's requests to open a URL or deliver a file are refused here as well as in the app's
demo mode.

Every write to the app is bounded. Input waits (up to WRITE_TIMEOUT) for the app to have read
what it was sent before, and is dropped if it has not: the backlog is at most the pipe's
high-water mark, and while the app lags the tab's messages are read no faster than it reads.
Stopping is bounded too: "quit", a grace, then SIGKILL, whatever state the app is in.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable

from textual_serve.app_service import AppService

from ..fork.launcher import Launcher
from ..limits import SessionLimits
from .forked import ForkedApp, ending

log = logging.getLogger("hustings.web")
STOP_GRACE = 3.0  # seconds the app has to quit before it is killed
WRITE_TIMEOUT = 5.0  # seconds input waits for the app to read what it was sent before
QUIT_TIMEOUT = 1.0  # seconds "quit" may wait to be written; then the app is killed
EXIT_TIMEOUT = 2.0  # seconds to wait for a killed app's exit to be seen
PRELUDE, PRELUDE_LINES = b"__GANGLION__\n", 10  # the web driver's first line, looked for so far
DATA, META = b"D", b"M"  # packets from the app that reach the tab; file chunks (P) do not


class DemoAppService:
    """A tab's app process, for strangers: limits, allow-listed env, nothing leaves."""

    def __init__(self, launcher: Launcher, limits: SessionLimits, *,
                 to_visitor: Callable[[bytes], Awaitable[None]],
                 closed: Callable[[], Awaitable[None]]) -> None:  # fmt: skip
        self.launcher, self.limits = launcher, limits
        self.to_visitor, self.closed = to_visitor, closed
        self.process: ForkedApp | None = None
        self.reader: asyncio.Task | None = None

    async def start(self, width: int, height: int) -> None:
        """Fork the tab's app at this size and start reading what it writes."""
        self.process = await ForkedApp.start(self.launcher, (width, height), self.limits)
        self.reader = asyncio.get_running_loop().create_task(self.read(self.process.stdout))

    async def read(self, stdout: asyncio.StreamReader) -> None:
        """The app's packets, until its output ends (it quit or crashed, or its PTY hung up);
        an app that never says the web driver's first line is not read at all."""
        with contextlib.suppress(asyncio.IncompleteReadError, ConnectionError, OSError):
            for _ in range(PRELUDE_LINES):
                line = await stdout.readline()
                if not line:
                    return
                if line == PRELUDE:
                    break
            else:
                return
            while True:
                kind = await stdout.readexactly(1)
                size = int.from_bytes(await stdout.readexactly(4), "big")
                payload = await stdout.readexactly(size)
                if kind == DATA:
                    await self.to_visitor(payload)
                elif kind == META:
                    await self.on_meta(payload)

    @property
    def app_task(self) -> asyncio.Task | None:
        """The task reading the app's packets: done when its output has ended."""
        return self.reader

    async def set_terminal_size(self, width: int, height: int) -> None:
        await self.send_meta({"type": "resize", "width": width, "height": height})

    async def blur(self) -> None:
        await self.send_meta({"type": "blur"})

    async def focus(self) -> None:
        await self.send_meta({"type": "focus"})

    async def send_bytes(self, data: bytes) -> bool:
        return await self._send(AppService.encode_packet(b"D", data), WRITE_TIMEOUT)

    async def send_meta(self, data: dict[str, str | int | bool | None]) -> bool:
        timeout = QUIT_TIMEOUT if data.get("type") == "quit" else WRITE_TIMEOUT
        return await self._send(AppService.encode_packet(b"M", json.dumps(data).encode()), timeout)

    async def _send(self, packet: bytes, timeout: float) -> bool:
        """Write `packet` once the app has read what came before (False: dropped, or gone)."""
        if self.process is None or self.process.stdin.transport.is_closing():
            return False
        stdin = self.process.stdin
        try:
            async with asyncio.timeout(timeout):
                await stdin.drain()
        except (TimeoutError, ConnectionError, RuntimeError, OSError):
            return False
        if stdin.transport.is_closing():
            return False
        stdin.write(packet)
        return True

    async def ending(self) -> str:
        """How the app ended ("quit", "crash", "cpu limit", "killed"), once it has exited
        (waited for up to EXIT_TIMEOUT)."""
        process = self.process
        if process is None:
            return "killed"
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(EXIT_TIMEOUT):
                await process.wait()
        return ending(process.outcome())

    async def on_meta(self, data: bytes) -> None:
        """Only 'exit' goes through: no URL is opened and no file delivered, from the demo."""
        try:
            kind = json.loads(data).get("type")
        except (ValueError, AttributeError):
            return
        if kind == "exit":
            await self.closed()
        else:
            log.debug("refused the app's %r request", kind)

    async def stop(self) -> None:
        """Ask the app to quit; kill it if "quit" cannot be written or it has not quit within
        STOP_GRACE seconds. Bounded, whatever state the app and its pipes are in."""
        task, self.reader = self.reader, None
        if task is None:
            return
        asked = await self.send_meta({"type": "quit"})
        try:
            if not asked:
                raise TimeoutError
            async with asyncio.timeout(STOP_GRACE):
                await asyncio.shield(task)
                if self.process is not None:
                    await self.process.wait()
        except TimeoutError:
            self.kill()
        task.cancel()
        with contextlib.suppress(BaseException):
            await task
        if self.process is not None and self.process.returncode is None:
            self.kill()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(EXIT_TIMEOUT):
                    await self.process.wait()
        if self.process is not None:
            self.process.close()

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
