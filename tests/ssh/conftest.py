"""A real `hustings serve-ssh` in a subprocess on 127.0.0.1, and a real SSH client for it.

The server runs as its own process (as in production: it forks its template before its event
loop starts). Every server is stopped by the fixture, and every wait is bounded.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import asyncssh
import pyte
import pytest

from ..servers import ServerProcess, launch

SERVING = re.compile(r"serving on 127\.0\.0\.1:(\d+) \(\w+ sessions(?:, health on port (\d+))?\)")


@dataclass
class RunningServer(ServerProcess):
    """A running `hustings serve-ssh`."""

    def session_lines(self) -> list[str]:
        return [line for line in self.log.splitlines() if "hustings.ssh session " in line]

    def template_pid(self) -> int:
        """The session template: the server's one child that is not a session's app."""
        children = [pid for pid, _state, depth in process_tree(self.process.pid) if depth == 1]
        assert len(children) == 1, children
        return children[0]


def start_server(
    tmp_path: Path, *args: str, host_key: Path | None = None, prefix: tuple[str, ...] = (),
    python: str = sys.executable, env: dict[str, str] | None = None,
    module: str = "hustings.cli",
) -> RunningServer:  # fmt: skip
    """`hustings serve-ssh` on 127.0.0.1 and a free port; `prefix` runs it under e.g. setpriv;
    `module` another entry point with serve-ssh's options (benchmarks.spawn_sessions)."""
    key = host_key or tmp_path / "host_key"
    argv = [*prefix, python, "-m", module, "serve-ssh", "--port", "0",
            "--host-key", str(key), *args]  # fmt: skip
    log_path = tmp_path / f"server-{time.monotonic_ns()}.log"
    return launch(RunningServer, argv, log_path, SERVING, env)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """One shared server with room for every test in a module (caps tested separately)."""
    running = start_server(
        tmp_path_factory.mktemp("ssh"),
        "--max-sessions", "200", "--per-ip", "200", "--connections-per-minute", "1000",
    )  # fmt: skip
    yield running
    running.stop()


def connect(port: int, username: str = "anyone", **kwargs):
    return asyncssh.connect(
        "127.0.0.1", port, username=username, known_hosts=None, client_keys=None,
        password=None, agent_path=None, **kwargs,
    )  # fmt: skip


class Terminal:
    """What a visitor sees: the session's bytes drawn by pyte."""

    def __init__(self, process, columns: int = 120, rows: int = 40) -> None:
        self.process = process
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()

    def resize(self, columns: int, rows: int) -> None:
        self.screen.resize(rows, columns)
        self.process.change_terminal_size(columns, rows)

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    async def read_until(self, *markers: str, timeout: float = 20.0) -> str:
        """Read until every marker is on screen (or in the raw bytes, once the app has gone)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.text + self.raw.decode("utf-8", "replace")
            if all(marker in shown for marker in markers):
                return self.text
            try:
                data = await asyncio.wait_for(self.process.stdout.read(65536), 0.25)
            except TimeoutError:
                continue
            if not data:
                break
            self.raw.extend(data)
            self.stream.feed(data)
        shown = self.text + self.raw.decode("utf-8", "replace")
        missing = [m for m in markers if m not in shown]
        assert not missing, f"{missing} not seen; screen:\n{self.text}"
        return self.text


async def open_terminal(conn, columns: int = 120, rows: int = 40) -> Terminal:
    process = await conn.create_process(
        term_type="xterm-256color", term_size=(columns, rows), encoding=None
    )
    return Terminal(process, columns, rows)


def process_tree(pid: int) -> list[tuple[int, str, int]]:
    """(pid, state, depth) of every process below `pid`, read from /proc."""
    parents: dict[int, list[tuple[int, str]]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        parents.setdefault(int(fields[1]), []).append((int(entry.name), fields[0]))
    found, queue = [], [(pid, 0)]
    while queue:
        parent, depth = queue.pop()
        for child, state in parents.get(parent, []):
            found.append((child, state, depth + 1))
            queue.append((child, depth + 1))
    return found


def session_processes(server: RunningServer) -> list[tuple[int, str, int]]:
    """Processes below the template (depth 2 and deeper): the sessions' apps, live or zombie."""
    return [p for p in process_tree(server.process.pid) if p[2] >= 2]


async def raw_exchange(port: int, send: bytes = b"", limit: float = 10.0) -> bytes:
    """Connect over plain TCP, send `send`, and read until the server closes (bounded)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(send)
        data = bytearray()
        async with asyncio.timeout(limit):
            with contextlib.suppress(ConnectionResetError):  # closed with our bytes unread
                while chunk := await reader.read(4096):
                    data += chunk
        return bytes(data)
    finally:
        writer.close()


async def http_get(port: int, limit: float = 10.0) -> tuple[int, str]:
    """GET / from the health endpoint: (status code, body)."""
    reply = await raw_exchange(port, b"GET / HTTP/1.0\r\n\r\n", limit)
    head, _, body = reply.partition(b"\r\n\r\n")
    return int(head.split()[1]), body.decode()


async def wait_for_health(port: int, answer: tuple[int, str], why: str, limit: float = 10.0):
    """Until the health endpoint gives `answer` ((200, "ok\\n"), (503, "full\\n")); `why` if it
    has not within `limit` seconds."""
    deadline = time.monotonic() + limit
    while await http_get(port) != answer:
        assert time.monotonic() < deadline, why
        await asyncio.sleep(0.05)


async def wait_for_no_sessions(server: RunningServer, limit: float = 15.0) -> list:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        left = session_processes(server)
        if not left:
            return left
        await asyncio.sleep(0.1)
    return session_processes(server)


# Words only the help screen shows: a session answering "?" draws them.
HELP_SHOWN = "Help: keys and what each flag means"
