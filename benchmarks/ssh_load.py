"""N concurrent SSH sessions against both ways of starting them, in the same run.

Run: uv run python benchmarks/ssh_load.py [--sessions 30]

For each way (template: live-fork, a child forked from a template that holds the app already
mounted and rendered, as `hustings serve-ssh` ships; and spawn: a fresh interpreter per session,
`python -m benchmarks.spawn_sessions serve-ssh`, kept only to measure against) it starts the
server on 127.0.0.1, opens N sessions at once (asyncssh
client, PTY 120x40, pyte to see the first full frame), and prints connect-to-first-frame median
and p95, CPU seconds and PSS per session (read from /proc while every session is open), the
bytes before the first full frame, then the ratios against the goals: first-frame p95 at
most 0.3x the spawn way's, at most 0.05 s CPU and 12 MiB PSS per session. Loopback only; every
wait is bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import asyncssh
import pyte

ROOT = Path(__file__).resolve().parent.parent
MARKERS = ("£360m", "^p Commands")
TICKS = os.sysconf("SC_CLK_TCK")
NAMES = {"template": "live-fork (template)", "spawn": "spawn-per-session (spawn)"}
# The shipped server, and the benchmarks-only one with a fresh interpreter per session.
SERVERS = {"template": ("hustings.cli",), "spawn": ("benchmarks.spawn_sessions",)}


SERVING = re.compile(r"serving on (?:http://)?127\.0\.0\.1:(\d+)")


def launch_server(argv: list[str], log: Path, limit: float = 60.0) -> tuple[subprocess.Popen, int]:
    """`python -m ARGV` in a session of its own (so that its apps can be killed with it), its
    output in `log`; (the process, its port) once it says where it serves, within `limit`."""
    process = subprocess.Popen(
        [sys.executable, "-m", *argv], cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        found = SERVING.search(log.read_text())
        if found:
            return process, int(found.group(1))
        if process.poll() is not None:
            break
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    raise RuntimeError(f"{' '.join(argv)} did not start:\n{log.read_text()[-2000:]}")


def stop_server(process: subprocess.Popen, grace: float = 30.0) -> None:
    """SIGTERM, as an operator stops it; after `grace` seconds, its whole session killed."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def start_server(mode: str, sessions: int, folder: Path) -> tuple[subprocess.Popen, int]:
    return launch_server(
        [*SERVERS[mode], "serve-ssh", "--port", "0", "--host-key", str(folder / "host_key"),
         "--max-sessions", str(sessions + 10), "--per-ip", str(sessions + 10),
         "--connections-per-minute", "100000"],
        folder / f"{mode}.log",
    )  # fmt: skip


def tree(pid: int) -> list[tuple[int, int]]:
    """(pid, depth) below `pid`."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents.setdefault(int(stat[stat.rindex(")") + 2 :].split()[1]), []).append(
                int(entry.name)
            )
    found, queue = [], [(pid, 0)]
    while queue:
        parent, depth = queue.pop()
        for child in parents.get(parent, []):
            found.append((child, depth + 1))
            queue.append((child, depth + 1))
    return found


def cpu_seconds(pid: int) -> float:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def pss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


async def one_session(
    port: int, opened: asyncio.Event, release: asyncio.Event
) -> tuple[float, int]:
    started = time.perf_counter()
    async with asyncssh.connect("127.0.0.1", port, username="load", known_hosts=None,
                                client_keys=None, agent_path=None) as conn:  # fmt: skip
        process = await conn.create_process(term_type="xterm-256color", term_size=(120, 40),
                                            encoding=None)  # fmt: skip
        screen = pyte.Screen(120, 40)
        stream = pyte.ByteStream(screen)
        raw = bytearray()
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            data = await asyncio.wait_for(process.stdout.read(65536), 90)
            if not data:
                raise RuntimeError("session closed before its first frame")
            stream.feed(data)
            raw.extend(data)
            # Rebuilding pyte's whole display after every chunk would make this client the
            # bottleneck; look at it only once the bytes hold the first marker (the footer's
            # are drawn in separate pieces, so only pyte can see those).
            if MARKERS[0].encode() in raw:
                shown = "\n".join(screen.display)
                if all(marker in shown for marker in MARKERS):
                    break
        else:
            raise TimeoutError("no first frame within 90 s")
        elapsed = time.perf_counter() - started
        opened.set()
        await asyncio.wait_for(release.wait(), 120)
        process.stdin.write(b"q")
        await asyncio.wait_for(process.wait_closed(), 30)
        return elapsed, len(raw)


async def run_load(mode: str, sessions: int, folder: Path) -> dict[str, float]:
    server, port = start_server(mode, sessions, folder)
    try:
        await asyncio.sleep(0.5)
        before = {pid: cpu_seconds(pid) for pid, _ in tree(server.pid)}
        before[server.pid] = cpu_seconds(server.pid)
        release = asyncio.Event()
        events = [asyncio.Event() for _ in range(sessions)]
        tasks = [asyncio.create_task(one_session(port, e, release)) for e in events]
        await asyncio.wait_for(asyncio.gather(*(e.wait() for e in events)), 180)
        await asyncio.sleep(0.5)  # let every app settle after its first frame
        depth = 2 if mode == "template" else 1
        procs = tree(server.pid)
        apps = [pid for pid, d in procs if d == depth]
        helpers = [pid for pid, d in procs if d < depth]  # the template, in template mode
        app_cpu = sum(cpu_seconds(pid) for pid in apps)
        helper_cpu = sum(cpu_seconds(pid) - before.get(pid, 0.0) for pid in helpers)
        pss = [pss_mib(pid) for pid in apps]
        helper_pss = sum(pss_mib(pid) for pid in helpers)
        server_cpu = cpu_seconds(server.pid) - before[server.pid]
        release.set()
        results = await asyncio.wait_for(asyncio.gather(*tasks), 120)
        times = sorted(elapsed for elapsed, _ in results)
        return {
            "median": statistics.median(times),
            "p95": times[max(0, round(0.95 * len(times)) - 1)],
            "cpu": (app_cpu + helper_cpu) / len(apps),
            "server": server_cpu / len(apps),
            "pss": statistics.mean(pss),
            "pss_with_template": statistics.mean(pss) + helper_pss / len(apps),
            "bytes": statistics.median(size for _, size in results),
            "sessions": len(apps),
        }
    finally:
        stop_server(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    args = parser.parse_args()
    sessions = max(1, min(args.sessions, 100))  # bounded: this is a loopback benchmark
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mode in ("template", "spawn"):
            client_cpu = time.process_time()
            results[mode] = asyncio.run(run_load(mode, sessions, Path(tmp)))
            results[mode]["client"] = (time.process_time() - client_cpu) / sessions
    print(f"{sessions} concurrent sessions, PTY 120x40, loopback:")
    for mode, r in results.items():
        print(
            f"  {NAMES[mode]:25}  first frame median {r['median']:.2f} s, p95 {r['p95']:.2f} s "
            f"({r['bytes'] / 1024:.1f} KB); CPU {r['cpu']:.3f} s and PSS {r['pss']:.1f} MiB per "
            f"session ({r['sessions']:.0f} app processes; PSS with the template's share "
            f"{r['pss_with_template']:.1f} MiB)"
        )
        print(f"  {'':25}  shared by both ways, per session: the SSH server process "
              f"{r['server']:.3f} s CPU, this benchmark's client {r['client']:.3f} s")  # fmt: skip
    t, s = results["template"], results["spawn"]
    ratio = t["p95"] / s["p95"]
    print("  the goals for the live-fork way, and this run:")
    for goal, measured, met in (
        ("first-frame p95 <= 0.3x spawn-per-session", f"{ratio:.2f}x", ratio <= 0.3),
        ("CPU <= 0.05 s per session", f"{t['cpu']:.3f} s", t["cpu"] <= 0.05),
        ("PSS <= 12 MiB per session", f"{t['pss']:.1f} MiB", t["pss"] <= 12),
    ):
        print(f"    {goal:44} {measured:>10}  {'met' if met else 'NOT MET'}")
    print(f"  other ratios (live-fork / spawn): CPU {t['cpu'] / s['cpu']:.2f}x, "
          f"PSS {t['pss'] / s['pss']:.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
