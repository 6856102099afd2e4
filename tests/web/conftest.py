"""A real `hustings serve-web` in a subprocess on 127.0.0.1, and a real browser (Chromium) for it.

Debian's Chromium at /usr/bin/chromium, driven by Playwright; Playwright never downloads a
browser. Every server and browser is started and stopped by a fixture; every wait is bounded.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pyte
import pytest

from ..machine import CHROMIUM, requires
from ..servers import ServerProcess, launch

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SERVING = re.compile(r"serving on http://127\.0\.0\.1:(\d+) \([^,)]*(?:, health on port (\d+))?\)")
HELP_SHOWN = "Help: keys and what each flag means"  # only the help screen shows these words
COMPARISON_SHOWN = ("Officers", "£360m")  # the first screen: the race's overview


@dataclass
class RunningWebServer(ServerProcess):
    """A running `hustings serve-web`."""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


def start_web_server(tmp_path: Path, *args: str, module: str = "hustings.cli") -> RunningWebServer:
    """`hustings serve-web` on 127.0.0.1 and a free port, started as its own process; `module`
    another entry point with serve-web's options (benchmarks.spawn_sessions)."""
    argv = [sys.executable, "-m", module, "serve-web", "--port", "0", *args]
    log_path = tmp_path / f"web-{time.monotonic_ns()}.log"
    return launch(RunningWebServer, argv, log_path, SERVING)


@pytest.fixture
def web_server(tmp_path: Path) -> Iterator[Any]:
    """Start servers with `web_server(*args)`; every one is stopped after the test."""
    started: list[RunningWebServer] = []

    def start(*args: str, module: str = "hustings.cli") -> RunningWebServer:
        started.append(start_web_server(tmp_path, *args, module=module))
        return started[-1]

    yield start
    for server in started:
        server.stop()


@dataclass
class Tab:
    """One browser tab on the demo: what its websocket carried, drawn by pyte, and every
    request the page made."""

    page: Any
    screen: pyte.Screen = field(default_factory=lambda: pyte.Screen(80, 24))
    raw: bytearray = field(default_factory=bytearray)
    requests: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    response: Any = None

    def __post_init__(self) -> None:
        self.stream = pyte.ByteStream(self.screen)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("websocket", self._websocket)
        self.page.on("console", lambda message: self.console.append(message.text))

    def _websocket(self, websocket: Any) -> None:
        self.requests.append(websocket.url)
        size = re.search(r"width=(\d+)&height=(\d+)", websocket.url)
        if size:  # draw at the size the page asked for (the server clamps it; tested apart)
            self.screen.resize(int(size.group(2)), int(size.group(1)))
        websocket.on("framereceived", self._frame)

    def _frame(self, payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            self.raw += payload
            self.stream.feed(payload)

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, *markers: str, limit: float = 30.0) -> str:
        """Wait (bounded) until every marker is on the drawn screen or in the raw bytes."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            shown = self.text + self.raw.decode("utf-8", "replace")
            if all(marker in shown for marker in markers):
                return self.text
            self.page.wait_for_timeout(100)  # lets Playwright deliver the frames meanwhile
        missing = [m for m in markers if m not in self.text + self.raw.decode("utf-8", "replace")]
        raise AssertionError(f"{missing} not seen within {limit} s; screen:\n{self.text}")

    def wait_until_changed(self, before: str, limit: float = 10.0) -> None:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline and self.text == before:
            self.page.wait_for_timeout(50)


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Chromium with a fresh profile; closed after the module's tests."""
    requires("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM,
            args=CHROMIUM_ARGS, headless=True, viewport={"width": 1280, "height": 800},
        )  # fmt: skip
        context.set_default_timeout(30_000)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def open_tab(browser_context: Any) -> Iterator[Any]:
    """Open a tab on a URL with `open_tab(url)`; every tab is closed after the test."""
    tabs: list[Tab] = []

    def open_(url: str) -> Tab:
        tab = Tab(browser_context.new_page())
        tabs.append(tab)
        tab.response = tab.page.goto(url)
        return tab

    yield open_
    for tab in tabs:
        with contextlib.suppress(Exception):
            tab.page.close()


ENDED = (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING,
         aiohttp.WSMsgType.ERROR)  # fmt: skip


class Visitor:
    """The demo's websocket without a browser: what textual.js sends, and what it receives."""

    def __init__(self, port: int, query: str = "width=120&height=40",
                 headers: dict[str, str] | None = None) -> None:  # fmt: skip
        self.url = f"http://127.0.0.1:{port}/ws?{query}"
        self.headers = headers or {}
        self.received = bytearray()
        self.closed = False

    async def __aenter__(self) -> Visitor:
        self.client = aiohttp.ClientSession()
        try:
            self.websocket = await asyncio.wait_for(
                self.client.ws_connect(self.url, headers=self.headers), 15
            )
        except BaseException:  # refused: nothing is left open
            await self.client.close()
            raise
        return self

    async def __aexit__(self, *exc: object) -> None:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.websocket.close(), 10)
        await self.client.close()

    async def read_until(self, marker: bytes, limit: float = 30.0) -> bytes:
        """Read (bounded) until `marker` has arrived or the server has closed the socket."""
        async with asyncio.timeout(limit):
            while marker not in self.received and not self.closed:
                message = await self.websocket.receive()
                if message.type == aiohttp.WSMsgType.BINARY:
                    self.received += message.data
                elif message.type in ENDED:
                    self.closed = True
        return bytes(self.received)

    async def send(self, *messages: Any) -> None:
        for message in messages:
            await self.websocket.send_json(message)
