"""N concurrent browser sessions on `serve-web`, against N fresh app processes, in the same run.

Run: uv run python benchmarks/web_load.py [--sessions 10]

"web": starts `hustings serve-web` on 127.0.0.1 and opens N websockets at once, speaking as
textual.js does (`/ws?width=120&height=40`), drawing what arrives with pyte until the first full
frame. "fresh": starts N `python -m tui.web.child` processes directly (what serve-web starts
per tab), speaking Textual's web-driver packets on their pipes, with no server at all. For
each: connect-to-first-frame median and p95, CPU seconds and PSS per session (read from /proc
while every session is open); for "web", also the server's own CPU per session. Loopback only;
every wait is bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import pyte

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ssh_load import cpu_seconds, pss_mib, tree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tui.web.service import app_environment  # noqa: E402

MARKERS = ("£360m", "^p Commands")
SIZE = (120, 40)
LIMIT = 120.0  # seconds any one wait may take


class FirstFrame:
    """Terminal bytes drawn by pyte until every marker is on screen."""

    def __init__(self) -> None:
        self.screen = pyte.Screen(*SIZE)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()

    def feed(self, data: bytes) -> bool:
        self.stream.feed(data)
        self.raw += data
        if MARKERS[0].encode() not in self.raw:  # pyte's display is costly: look when it may
            return False
        shown = "\n".join(self.screen.display)
        return all(marker in shown for marker in MARKERS)


def start_server(sessions: int, folder: Path) -> tuple[subprocess.Popen, int]:
    log = folder / "web.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "serve-web", "--port", "0",
         "--max-sessions", str(sessions + 10), "--per-ip", str(sessions + 10),
         "--sessions-per-minute", "100000"],
        cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = re.search(r"serving on http://127\.0\.0\.1:(\d+)", log.read_text())
        if found:
            return process, int(found.group(1))
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    raise TimeoutError("serve-web did not start")


async def web_session(port: int, opened: asyncio.Event, release: asyncio.Event) -> float:
    started = time.perf_counter()
    frame = FirstFrame()
    url = f"http://127.0.0.1:{port}/ws?width={SIZE[0]}&height={SIZE[1]}"
    async with aiohttp.ClientSession() as client, client.ws_connect(url) as websocket:
        async with asyncio.timeout(LIMIT):
            while True:
                message = await websocket.receive()
                if message.type != aiohttp.WSMsgType.BINARY:
                    if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                        raise RuntimeError("session closed before its first frame")
                    continue
                if frame.feed(message.data):
                    break
        elapsed = time.perf_counter() - started
        opened.set()
        await asyncio.wait_for(release.wait(), LIMIT)
        await websocket.send_json(["stdin", "q"])
        async with asyncio.timeout(30):
            while not websocket.closed:
                if (await websocket.receive()).type in (aiohttp.WSMsgType.CLOSE,
                                                        aiohttp.WSMsgType.CLOSED):  # fmt: skip
                    break
    return elapsed


async def fresh_session(pids: list[int], opened: asyncio.Event, release: asyncio.Event) -> float:
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tui.web.child", cwd=ROOT, env=app_environment(SIZE),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    pids.append(process.pid)
    assert process.stdout is not None and process.stdin is not None
    frame = FirstFrame()
    async with asyncio.timeout(LIMIT):
        while await process.stdout.readline() != b"__GANGLION__\n":
            pass
        while True:
            kind = await process.stdout.readexactly(1)
            size = int.from_bytes(await process.stdout.readexactly(4), "big")
            payload = await process.stdout.readexactly(size)
            if kind == b"D" and frame.feed(payload):
                break
    elapsed = time.perf_counter() - started
    opened.set()
    await asyncio.wait_for(release.wait(), LIMIT)
    process.stdin.write(b'M%s{"type": "quit"}' % len(b'{"type": "quit"}').to_bytes(4, "big"))
    async with asyncio.timeout(30):
        while await process.stdout.read(65536):
            pass
        await process.wait()
    return elapsed


async def run_load(way: str, sessions: int, folder: Path) -> dict[str, float]:
    server, port = start_server(sessions, folder) if way == "web" else (None, 0)
    pids: list[int] = []
    try:
        await asyncio.sleep(0.5)
        server_before = cpu_seconds(server.pid) if server else 0.0
        release = asyncio.Event()
        events = [asyncio.Event() for _ in range(sessions)]
        tasks = [
            asyncio.create_task(
                web_session(port, e, release) if server else fresh_session(pids, e, release)
            )
            for e in events
        ]
        await asyncio.wait_for(asyncio.gather(*(e.wait() for e in events)), 3 * LIMIT)
        await asyncio.sleep(0.5)  # let every app settle after its first frame
        apps = [pid for pid, depth in tree(server.pid) if depth == 1] if server else pids
        cpu = sum(cpu_seconds(pid) for pid in apps) / len(apps)
        pss = statistics.mean(pss_mib(pid) for pid in apps)
        server_cpu = (cpu_seconds(server.pid) - server_before) / len(apps) if server else 0.0
        release.set()
        times = sorted(await asyncio.wait_for(asyncio.gather(*tasks), 2 * LIMIT))
        return {
            "median": statistics.median(times),
            "p95": times[max(0, round(0.95 * len(times)) - 1)],
            "cpu": cpu, "pss": pss, "server": server_cpu, "sessions": len(apps),
        }  # fmt: skip
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    args = parser.parse_args()
    sessions = max(1, min(args.sessions, 60))  # bounded: this is a loopback benchmark
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for way in ("web", "fresh"):
            results[way] = asyncio.run(run_load(way, sessions, Path(tmp)))
    print(f"{sessions} concurrent sessions, {SIZE[0]}x{SIZE[1]}, loopback:")
    for way, r in results.items():
        print(f"  {way:6}  first frame median {r['median']:.2f} s, p95 {r['p95']:.2f} s; "
              f"CPU {r['cpu']:.2f} s and PSS {r['pss']:.1f} MiB per session "
              f"({r['sessions']:.0f} app processes)")  # fmt: skip
    w, f = results["web"], results["fresh"]
    print(f"  serve-web's own process: {w['server']:.3f} s CPU per session")
    print(f"  ratios (web / fresh): median {w['median'] / f['median']:.2f}x, "
          f"p95 {w['p95'] / f['p95']:.2f}x, CPU {w['cpu'] / f['cpu']:.2f}x, "
          f"PSS {w['pss'] / f['pss']:.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
