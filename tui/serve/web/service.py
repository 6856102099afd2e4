"""One tab's app process, on textual-serve's `AppService` (its packet protocol and reader).

What changes from textual-serve's: the app is forked from the warm session template
(forked.py), or with --session-mode spawn started as `python -m hustings.serve.web.child` without a
shell; either way with an environment made from an allow-list (never the server's own) and resource
limits (`SessionLimits`, as serve-ssh). The app's requests to open a URL or deliver a file are
refused here as well as in the app's demo mode.

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
import os
import signal
import sys
from typing import Any

from textual_serve.app_service import AppService

from ..limits import SessionLimits
from .forked import ForkedApp, Launcher, ending

log = logging.getLogger("hustings.web")
STOP_GRACE = 3.0  # seconds the app has to quit before it is killed
WRITE_TIMEOUT = 5.0  # seconds input waits for the app to read what it was sent before
QUIT_TIMEOUT = 1.0  # seconds "quit" may wait to be written; then the app is killed
EXIT_TIMEOUT = 2.0  # seconds to wait for a killed app's exit to be seen


def app_environment(size: tuple[int, int]) -> dict[str, str]:
    """The whole environment of a tab's app: its size and how to draw, nothing of the server's."""
    return {
        "COLUMNS": str(size[0]),
        "ROWS": str(size[1]),
        "TEXTUAL_COLOR_SYSTEM": "truecolor",
        "TEXTUAL_FPS": "60",
        "TERM_PROGRAM": "textual",
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    }


class DemoAppService(AppService):
    """textual-serve's app service, for strangers: limits, allow-listed env, nothing leaves."""

    def __init__(self, *args, limits: SessionLimits, launcher: Launcher | None = None,
                 **kwargs) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.limits, self.launcher = limits, launcher

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        if self.launcher is not None:  # forked from the warm template: see forked.py
            forked = await ForkedApp.start(self.launcher, (width, height), self.limits)
            # Duck-typed: ForkedApp has all AppService uses of an asyncio Process.
            self._process = forked  # type: ignore[assignment]
            self._stdin = forked.stdin
            return forked
        self._process = process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "hustings.serve.web.child",
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=app_environment((width, height)),
            start_new_session=True, preexec_fn=self.limits.apply,
        )  # fmt: skip
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def run(self) -> None:
        """textual-serve's reader of the app's packets; a PTY that hangs up ends it too."""
        with contextlib.suppress(OSError):
            await super().run()

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    @property
    def app_task(self) -> asyncio.Task | None:
        """The task reading the app's packets (textual-serve's `run`): done when its output
        has ended."""
        return self._task

    async def send_bytes(self, data: bytes) -> bool:
        return await self._send(self.encode_packet(b"D", data), WRITE_TIMEOUT)

    async def send_meta(self, data: dict[str, str | int | bool | None]) -> bool:
        timeout = QUIT_TIMEOUT if data.get("type") == "quit" else WRITE_TIMEOUT
        return await self._send(self.encode_packet(b"M", json.dumps(data).encode()), timeout)

    async def _send(self, packet: bytes, timeout: float) -> bool:
        """Write `packet` once the app has read what came before (False: dropped, or gone)."""
        stdin = self._stdin
        if stdin is None or stdin.transport.is_closing():
            return False
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
        process = self._process
        if process is None:
            return "killed"
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(EXIT_TIMEOUT):
                await process.wait()
        if isinstance(process, ForkedApp):
            return ending(process.outcome())
        code = process.returncode
        if code == 0:
            return "quit"
        if code == -signal.SIGXCPU:
            return "cpu limit"
        return "crash" if code is not None and code > 0 else "killed"

    async def on_meta(self, data: bytes) -> None:
        """Only 'exit' goes through: no URL is opened and no file delivered, from the demo."""
        try:
            kind = json.loads(data).get("type")
        except (ValueError, AttributeError):
            return
        if kind == "exit":
            await self.remote_close()
        else:
            log.debug("refused the app's %r request", kind)

    async def stop(self) -> None:
        """Ask the app to quit; kill it if "quit" cannot be written or it has not quit within
        STOP_GRACE seconds. Bounded, whatever state the app and its pipes are in."""
        task, self._task = self._task, None
        if task is None:
            return
        asked = await self.send_meta({"type": "quit"})
        try:
            if not asked:
                raise TimeoutError
            async with asyncio.timeout(STOP_GRACE):
                await asyncio.shield(task)
                if self._process is not None:
                    await self._process.wait()
        except TimeoutError:
            self.kill()
        task.cancel()
        with contextlib.suppress(BaseException):
            await task
        if self._process is not None and self._process.returncode is None:
            self.kill()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(EXIT_TIMEOUT):
                    await self._process.wait()
        if isinstance(self._process, ForkedApp):
            self._process.close()

    def kill(self) -> None:
        process = self._process
        if isinstance(process, ForkedApp):
            process.kill()
        elif process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
