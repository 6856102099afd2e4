"""N concurrent browser sessions on `serve-web`, both ways of starting them, in the same run.

Run: uv run python benchmarks/web_load.py [--sessions 10]

For each way (tabs forked from the warm session template, as `hustings serve-web` ships, and a
fresh interpreter per tab as textual-serve does, `python -m benchmarks.spawn_sessions serve-web`,
kept only to measure against) it starts the server on 127.0.0.1, opens N websockets at once,
speaking as textual.js does (`/ws?width=120&height=40`), draws what arrives with pyte until the
first full frame, and prints connect-to-first-frame median and p95, CPU seconds and PSS per
session (read from /proc while every session is open), the server's own CPU per session, then
the ratios. Loopback only; every wait is bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import pyte

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ssh_load import SERVERS, cpu_seconds, launch_server, pss_mib, stop_server, tree

ROOT = Path(__file__).resolve().parent.parent

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


def start_server(mode: str, sessions: int, folder: Path) -> tuple[subprocess.Popen, int]:
    return launch_server(
        [*SERVERS[mode], "serve-web", "--port", "0", "--max-sessions", str(sessions + 10),
         "--per-ip", str(sessions + 10), "--sessions-per-minute", "100000"],
        folder / f"{mode}.log",
    )  # fmt: skip


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


async def run_load(mode: str, sessions: int, folder: Path) -> dict[str, float]:
    server, port = start_server(mode, sessions, folder)
    try:
        await asyncio.sleep(0.5)
        before = {pid: cpu_seconds(pid) for pid, _ in tree(server.pid)}
        before[server.pid] = cpu_seconds(server.pid)
        release = asyncio.Event()
        events = [asyncio.Event() for _ in range(sessions)]
        tasks = [asyncio.create_task(web_session(port, e, release)) for e in events]
        await asyncio.wait_for(asyncio.gather(*(e.wait() for e in events)), 3 * LIMIT)
        await asyncio.sleep(0.5)  # let every app settle after its first frame
        depth = 2 if mode == "template" else 1
        procs = tree(server.pid)
        apps = [pid for pid, d in procs if d == depth]
        helpers = [pid for pid, d in procs if d < depth]  # the template, in template mode
        app_cpu = sum(cpu_seconds(pid) for pid in apps)
        helper_cpu = sum(cpu_seconds(pid) - before.get(pid, 0.0) for pid in helpers)
        pss = [pss_mib(pid) for pid in apps]
        server_cpu = cpu_seconds(server.pid) - before[server.pid]
        release.set()
        times = sorted(await asyncio.wait_for(asyncio.gather(*tasks), 2 * LIMIT))
        return {
            "median": statistics.median(times),
            "p95": times[max(0, round(0.95 * len(times)) - 1)],
            "cpu": (app_cpu + helper_cpu) / len(apps),
            "server": server_cpu / len(apps),
            "pss": statistics.mean(pss),
            "sessions": len(apps),
        }
    finally:
        stop_server(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    args = parser.parse_args()
    sessions = max(1, min(args.sessions, 60))  # bounded: this is a loopback benchmark
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mode in ("template", "spawn"):
            results[mode] = asyncio.run(run_load(mode, sessions, Path(tmp)))
    print(f"{sessions} concurrent sessions, {SIZE[0]}x{SIZE[1]}, loopback:")
    for mode, r in results.items():
        print(f"  {mode:8}  first frame median {r['median']:.2f} s, p95 {r['p95']:.2f} s; "
              f"CPU {r['cpu']:.2f} s and PSS {r['pss']:.1f} MiB per session "
              f"({r['sessions']:.0f} app processes)")  # fmt: skip
        print(f"            serve-web's own process: {r['server']:.3f} s CPU per session")
    t, s = results["template"], results["spawn"]
    print(f"  ratios (template / spawn): median {t['median'] / s['median']:.2f}x, "
          f"p95 {t['p95'] / s['p95']:.2f}x, CPU {t['cpu'] / s['cpu']:.2f}x, "
          f"PSS {t['pss'] / s['pss']:.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
