"""What a hostile visitor can cost the demos: a session's memory under floods, a bystander's keys.

Run: uv run python benchmarks/floods.py [--demo ssh|web|both] [--seconds 10]

For each demo (serve-ssh over asyncssh, serve-web over its websocket as textual.js speaks it) it
starts the server on 127.0.0.1 and prints:

- one session's memory (PSS and RSS of its app process, sampled every 0.1 s), each on a fresh
  session: idle, then the peak during a flood of keys bound to nothing, and of keys that make
  the app work (arrows and candidate toggles), each as fast as the connection takes them for
  --seconds; and the peak in the 5 s after a forged xterm window-size report
  (ESC [ 48 ; 4000 ; 4000 ; 0 ; 0 t) typed as keys;
- a bystander's key latency (a key that moves the selection, to the last byte of the redraw,
  median and p95 of 20 keys), alone and while three other sessions from one address flood;
- the CPU seconds each flooding session's app used over the flood, against the wall time.

Loopback only; every loop is bounded in count and time; the servers are stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp
import asyncssh

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ssh_load import cpu_seconds, launch_server, pss_mib, stop_server, tree

ROOT = Path(__file__).resolve().parent.parent
LETTERS = b"zxcvbnmlkh" * 400  # keys bound to nothing: cheap for the app, quick to queue
WORKING_KEYS = b"\x1b[B\x1b[A\x1b[C\x1b[D1" * 200  # keys that make the app work: select, toggle
FORGED_RESIZE = b"\x1b[48;4000;4000;0;0t"
DOWN, UP = b"\x1b[B", b"\x1b[A"
QUIET = 0.15  # seconds without output that end a redraw
LIMIT = 60.0  # seconds any one wait may take


def rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def start_server(demo: str, folder: Path) -> tuple[subprocess.Popen, int]:
    common = ["--port", "0", "--max-sessions", "20", "--per-ip", "10"]
    if demo == "ssh":
        extra = ["--host-key", str(folder / "host_key"), "--connections-per-minute", "1000"]
    else:
        extra = ["--sessions-per-minute", "1000"]
    return launch_server(["hustings.cli", f"serve-{demo}", *common, *extra],
                         folder / f"{demo}.log", LIMIT)  # fmt: skip


class Session:
    """One visitor: keys out, output counted as it arrives (read all the time, never stored)."""

    def __init__(self) -> None:
        self.last_output = 0.0
        self.output = 0
        self.reader: asyncio.Task | None = None
        self.changed = asyncio.Event()

    def _got(self, size: int) -> None:
        self.output += size
        self.last_output = time.monotonic()
        self.changed.set()

    async def send(self, keys: bytes) -> None:
        raise NotImplementedError

    async def close(self) -> None:
        raise NotImplementedError

    async def settle(self, limit: float = 10.0) -> None:
        """Until no output has come for QUIET seconds (at most `limit`)."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if time.monotonic() - self.last_output >= QUIET:
                return
            await asyncio.sleep(0.02)

    async def key_latency(self, keys: bytes) -> float:
        """Seconds from sending `keys` to the last byte of the redraw they cause."""
        await self.settle()
        self.changed.clear()
        sent = time.monotonic()
        await self.send(keys)
        await asyncio.wait_for(self.changed.wait(), LIMIT)
        await self.settle(LIMIT)
        return self.last_output - sent


class SshSession(Session):
    async def open(self, port: int) -> SshSession:
        self.conn = await asyncssh.connect("127.0.0.1", port, username="flood", known_hosts=None,
                                           client_keys=None, agent_path=None)  # fmt: skip
        self.process = await self.conn.create_process(
            term_type="xterm-256color", term_size=(120, 40), encoding=None
        )
        self.reader = asyncio.create_task(self._read())
        await asyncio.wait_for(self.changed.wait(), LIMIT)
        await self.settle()
        return self

    async def _read(self) -> None:
        with contextlib.suppress(Exception):
            while data := await self.process.stdout.read(65536):
                self._got(len(data))

    async def send(self, keys: bytes) -> None:
        self.process.stdin.write(keys)
        await self.process.stdin.drain()

    async def close(self) -> None:
        if self.reader is not None:
            self.reader.cancel()
        self.conn.abort()


class WebSession(Session):
    async def open(self, port: int) -> WebSession:
        self.client = aiohttp.ClientSession()
        self.websocket = await self.client.ws_connect(
            f"http://127.0.0.1:{port}/ws?width=120&height=40"
        )
        self.reader = asyncio.create_task(self._read())
        await asyncio.wait_for(self.changed.wait(), LIMIT)
        await self.settle()
        return self

    async def _read(self) -> None:
        with contextlib.suppress(Exception):
            async for message in self.websocket:
                if message.type == aiohttp.WSMsgType.BINARY:
                    self._got(len(message.data))

    async def send(self, keys: bytes) -> None:
        await self.websocket.send_json(["stdin", keys.decode()])

    async def close(self) -> None:
        if self.reader is not None:
            self.reader.cancel()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.websocket.close(), 5)
        await self.client.close()


async def flood(session: Session, seconds: float, keys: bytes = WORKING_KEYS) -> None:
    """`keys` as fast as the connection takes them, for `seconds` (the sends are bounded)."""
    with contextlib.suppress(TimeoutError, Exception):
        async with asyncio.timeout(seconds):
            for _ in range(10**6):
                await session.send(keys)


async def peak_memory(pid: int, during: Awaitable[object], seconds: float) -> tuple[float, float]:
    """The highest PSS and RSS (MiB) of `pid` while `during` runs and for `seconds` after."""
    task = asyncio.ensure_future(during)
    pss = rss = 0.0
    deadline = time.monotonic() + seconds
    while not task.done() or time.monotonic() < deadline:
        pss, rss = max(pss, pss_mib(pid)), max(rss, rss_mib(pid))
        await asyncio.sleep(0.1)
    await task
    return pss, rss


def new_app(server: subprocess.Popen, known: set[int]) -> int:
    """The one session app process under the server's template not in `known`."""
    (pid,) = [pid for pid, depth in tree(server.pid) if depth == 2 and pid not in known]
    return pid


async def latencies(session: Session, count: int = 20) -> list[float]:
    """Up and down between the second and third claims (down twice first: up from the first
    claim changes nothing, and draws nothing)."""
    for _ in range(2):
        await session.key_latency(DOWN)
    return [await session.key_latency(UP if index % 2 == 0 else DOWN) for index in range(count)]


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"median {1000 * statistics.median(ordered):.0f} ms, p95 {1000 * p95:.0f} ms"


async def measure(demo: str, seconds: float, folder: Path) -> None:
    opener: Callable[[], Session] = SshSession if demo == "ssh" else WebSession
    server, port = start_server(demo, folder)
    sessions: list[Session] = []
    try:

        async def open_one() -> tuple[Session, int]:
            known = {pid for pid, depth in tree(server.pid) if depth == 2}
            session = await opener().open(port)  # type: ignore[attr-defined]
            sessions.append(session)
            return session, new_app(server, known)

        print(f"serve-{demo}, one session's app (PSS / RSS, MiB), idle and at its peak:")
        attacks: list[tuple[str, Callable[[Session], Awaitable[object]], float]] = [
            (f"keys bound to nothing for {seconds:.0f} s",
             lambda victim: flood(victim, seconds, LETTERS), 1.0),
            (f"working keys for {seconds:.0f} s", lambda victim: flood(victim, seconds), 1.0),
            ("a forged window-size report, 5 s", lambda victim: victim.send(FORGED_RESIZE), 5.0),
        ]  # fmt: skip
        for what, attack, after in attacks:
            victim, pid = await open_one()
            idle = pss_mib(pid), rss_mib(pid)
            peak = await peak_memory(pid, attack(victim), after)
            print(f"  {what}: idle {idle[0]:.1f} / {idle[1]:.1f}, peak "
                  f"{peak[0]:.1f} / {peak[1]:.1f}")  # fmt: skip
            await victim.close()
            sessions.remove(victim)

        bystander, _ = await open_one()
        alone = await latencies(bystander)
        flooders = [await open_one() for _ in range(3)]
        cpu_before = {pid: cpu_seconds(pid) for _, pid in flooders}
        server_before = cpu_seconds(server.pid)
        started = time.monotonic()
        floods = [asyncio.create_task(flood(s, LIMIT)) for s, _ in flooders]
        await asyncio.sleep(1.0)  # the floods are under way
        crowded = await latencies(bystander)
        wall = time.monotonic() - started
        cpu = [cpu_seconds(pid) - cpu_before[pid] for _, pid in flooders]
        server_cpu = cpu_seconds(server.pid) - server_before
        for task in floods:
            task.cancel()
        print(f"serve-{demo}, a bystander's key (to the last byte of its redraw):")
        print(f"  alone: {summary(alone)}; while 3 sessions flood: {summary(crowded)}")
        print(
            f"  in those {wall:.1f} s each flooding app used "
            f"{', '.join(f'{c:.1f}' for c in cpu)} CPU seconds, the server {server_cpu:.1f}"
        )
    finally:
        for session in sessions:
            with contextlib.suppress(Exception):
                await session.close()
        stop_server(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demo", choices=("ssh", "web", "both"), default="both")
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    seconds = max(1.0, min(args.seconds, 60.0))  # bounded: this is a loopback benchmark
    demos = ("ssh", "web") if args.demo == "both" else (args.demo,)
    with tempfile.TemporaryDirectory() as tmp:
        for demo in demos:
            asyncio.run(measure(demo, seconds, Path(tmp)))


if __name__ == "__main__":
    main()
