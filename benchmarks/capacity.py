"""How many visitors one machine holds: sessions opened in waves until the demo degrades.

Run: uv run python benchmarks/capacity.py --demo ssh [--target 2000] [--wave 25]
     uv run python benchmarks/capacity.py --demo web [--target 1000]
     (another interpreter: run this script with that interpreter's environment, e.g.
     /path/to/venv-3.12/bin/python benchmarks/capacity.py; the server runs under the same one)

It starts `hustings serve-ssh` or `serve-web` on 127.0.0.1 with its default --max-sessions (what
this machine holds, tui/serve/capacity.py) unless --max-sessions is given, then opens sessions
(120x40) in waves. One session in ten is a typist: it presses a key (down, then up: a reading
visitor moving through the claims) every few seconds and times the first bytes of the redraw
(key-to-frame). The others sit reading. After each wave it prints the wave's first-frame p95,
the key-to-frame p95 at that many sessions (keys pressed over --key-every seconds once the
wave's sessions have started), the mean PSS of a sample of sessions and the memory left. It
stops at the target, at the server's cap, when the demo degrades (first-frame p95 over
--first-frame-limit, key-to-frame p95 over 100 ms after two waves in a row, a session that
fails to open), when memory runs low, or at --minutes.

Then it holds every session open for --hold seconds, with the typists typing, and reports:
first-frame p50/p95, key-to-frame p50/p95, CPU and PSS per session, the server's own CPU and
RSS, its open file descriptors, and the figures at which each goal broke. Last, --overflow
visitors past the cap each must be told in one line and let go within 10 s, never left hanging.

Loopback only. Every loop is bounded in count and time; every process it starts it stops.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ssh_load import cpu_seconds, launch_server, pss_mib, stop_server, tree

ROOT = Path(__file__).resolve().parent.parent
SIZE = (120, 40)
MARKER = "£360m".encode()  # on the comparison's first screen at 120x40
# Down, down, up, down, up, ...: the selected claim moves between the first two and is redrawn
# every time (an up from the first claim would change nothing, so the walk never goes there).
DOWN, UP = b"\x1b[B", b"\x1b[A"
FRAME_LIMIT = 90.0  # seconds a session may take to show its first frame before it counts lost
KEY_LIMIT = 5.0  # seconds a key may wait for its redraw before it counts lost
KEY_GOAL = 0.100  # key-to-frame p95, seconds
PSS_GOAL = 8.0  # MiB per session
TOLD_LIMIT = 10.0  # seconds a visitor past the cap may wait to be told
SAMPLE = 40  # sessions whose PSS is read after each wave
GOALS = {"ssh": 2000, "web": 1000}


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))]


class Visitor:
    """One session: how long its first frame took, its keys' latencies, whether it ended."""

    def __init__(self, typist: bool) -> None:
        self.typist = typist
        self.first_frame: float | None = None
        self.framed = asyncio.Event()
        self.ended = asyncio.Event()
        self.redrawn = asyncio.Event()
        self.key_sent: float | None = None
        self.latencies: list[tuple[float, float]] = []  # (when, seconds)
        self.lost_keys = 0
        self.received = bytearray()  # only until the first frame (then only a tail is kept)
        self.tasks: list[asyncio.Task] = []

    def arrived(self, data: bytes) -> None:
        now = time.perf_counter()
        if self.first_frame is None:
            self.received += data
            if MARKER in self.received:
                self.first_frame = now
                self.received = bytearray()
                self.framed.set()
        elif self.key_sent is not None:
            self.latencies.append((now, now - self.key_sent))
            self.key_sent = None
            self.redrawn.set()

    async def type_keys(self, every: float, stop: asyncio.Event) -> None:
        """Press a key every `every` seconds or so until `stop` (or the session ends)."""
        await asyncio.sleep(random.uniform(0, every))
        for press in range(100_000):
            if stop.is_set() or self.ended.is_set():
                return
            self.redrawn.clear()
            self.key_sent = time.perf_counter()
            await self.send_key(DOWN if press == 0 or press % 2 else UP)
            try:
                await asyncio.wait_for(self.redrawn.wait(), KEY_LIMIT)
            except TimeoutError:
                self.lost_keys += 1
                self.key_sent = None
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), random.uniform(0.5 * every, 1.5 * every))

    async def send_key(self, key: bytes) -> None:
        raise NotImplementedError

    async def close(self) -> None:
        raise NotImplementedError


class SshVisitor(Visitor):
    async def open(self, port: int) -> None:
        import asyncssh

        self.started = time.perf_counter()
        self.conn = await asyncssh.connect("127.0.0.1", port, username="capacity",
                                           known_hosts=None, client_keys=None, agent_path=None,
                                           password=None)  # fmt: skip
        self.process = await self.conn.create_process(term_type="xterm-256color",
                                                      term_size=SIZE, encoding=None)  # fmt: skip
        self.tasks.append(asyncio.create_task(self._read()))

    async def _read(self) -> None:
        try:
            for _ in range(10_000_000):
                data = await self.process.stdout.read(65536)
                if not data:
                    break
                self.arrived(data)
        except Exception:
            pass
        self.ended.set()

    async def send_key(self, key: bytes) -> None:
        self.process.stdin.write(key)

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            self.process.stdin.write(b"q")
            await asyncio.wait_for(self.ended.wait(), 10)
        self.conn.abort()
        for task in self.tasks:
            task.cancel()


class WebVisitor(Visitor):
    client: Any = None  # one aiohttp ClientSession for every tab

    async def open(self, port: int) -> None:
        self.started = time.perf_counter()
        url = f"http://127.0.0.1:{port}/ws?width={SIZE[0]}&height={SIZE[1]}"
        self.websocket = await WebVisitor.client.ws_connect(url)
        self.tasks.append(asyncio.create_task(self._read()))

    async def _read(self) -> None:
        import aiohttp

        ENDED = (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING,
                 aiohttp.WSMsgType.ERROR)  # fmt: skip
        try:
            for _ in range(10_000_000):
                message = await self.websocket.receive()
                if message.type == aiohttp.WSMsgType.BINARY:
                    self.arrived(message.data)
                elif message.type in ENDED:
                    break
        except Exception:
            pass
        self.ended.set()

    async def send_key(self, key: bytes) -> None:
        await self.websocket.send_json(["stdin", key.decode()])

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await self.websocket.send_json(["stdin", "q"])
            await asyncio.wait_for(self.ended.wait(), 10)
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.websocket.close(), 5)
        for task in self.tasks:
            task.cancel()


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path
    cap: int

    def apps(self) -> list[int]:
        return [pid for pid, depth in tree(self.process.pid) if depth == 2]

    def helpers(self) -> list[int]:
        return [self.process.pid] + [pid for pid, depth in tree(self.process.pid) if depth == 1]

    def stop(self) -> None:
        stop_server(self.process, grace=60)


def start_server(demo: str, folder: Path, max_sessions: int | None) -> Server:
    log = folder / f"{demo}.log"
    argv = ["hustings.cli", f"serve-{demo}", "--port", "0",
            "--per-ip", "100000", "--idle-timeout", "3600"]  # fmt: skip
    argv += ["--host-key", str(folder / "host_key"), "--connections-per-minute", "10000000"] \
        if demo == "ssh" else ["--sessions-per-minute", "10000000"]  # fmt: skip
    if max_sessions is not None:
        argv += ["--max-sessions", str(max_sessions)]
    process, port = launch_server(argv, log, limit=120)
    cap = re.search(r"(\d+) sessions at most", log.read_text())
    if cap is None:
        stop_server(process)
        raise RuntimeError(f"serve-{demo} did not say its cap:\n{log.read_text()[-2000:]}")
    return Server(process, port, log, int(cap.group(1)))


def mem_available_gib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024 / 1024
    return 0.0


def rss_mib(pid: int) -> float:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def open_fds(pid: int) -> int:
    try:
        return len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return 0


@dataclass
class Run:
    demo: str
    visitors: list[Visitor] = field(default_factory=list)
    waves: list[dict[str, float]] = field(default_factory=list)
    broke: dict[str, int] = field(default_factory=dict)  # goal -> sessions open when it broke
    stopped_by: str = ""
    failed: int = 0

    def key_latencies(self, since: float) -> list[float]:
        return [s for v in self.visitors for when, s in v.latencies if when >= since]

    def note_broken(self, goal: str, sessions: int) -> None:
        self.broke.setdefault(goal, sessions)


async def open_wave(run: Run, server: Server, count: int, typing_share: float, every: float,
                    stop_typing: asyncio.Event) -> list[float]:  # fmt: skip
    """Open `count` sessions at once; their first-frame times (failed ones are counted)."""
    kind = SshVisitor if run.demo == "ssh" else WebVisitor

    async def one(index: int) -> float | None:
        typist = (
            (len(run.visitors) + index) % round(1 / typing_share) == 0 if typing_share else False
        )
        visitor = kind(typist)
        try:
            await asyncio.wait_for(visitor.open(server.port), FRAME_LIMIT)
            await asyncio.wait_for(visitor.framed.wait(), FRAME_LIMIT)
        except Exception:
            run.failed += 1
            with contextlib.suppress(Exception):
                await visitor.close()
            return None
        run.visitors.append(visitor)
        if typist:
            visitor.tasks.append(asyncio.create_task(visitor.type_keys(every, stop_typing)))
        assert visitor.first_frame is not None
        return visitor.first_frame - visitor.started

    times = await asyncio.gather(*(one(i) for i in range(count)))
    return [t for t in times if t is not None]


async def told_past_the_cap(demo: str, port: int, count: int) -> list[tuple[bool, float]]:
    """Visitors past the cap: (told in one line and let go, seconds until let go), each."""

    async def ssh_one() -> tuple[bool, float]:
        import asyncssh

        started = time.perf_counter()
        try:
            async with asyncssh.connect("127.0.0.1", port, username="late", known_hosts=None,
                                        client_keys=None, agent_path=None,
                                        password=None) as conn:  # fmt: skip
                result = await asyncio.wait_for(
                    conn.run(term_type="xterm-256color", term_size=SIZE, encoding=None),
                    TOLD_LIMIT)  # fmt: skip
            said = bytes(result.stdout or b"")
            told = b"busy" in said and said.count(b"\n") <= 2 and result.exit_status == 1
        except Exception:
            told = False
        return told, time.perf_counter() - started

    async def web_one() -> tuple[bool, float]:
        import aiohttp

        started = time.perf_counter()
        said = bytearray()
        try:
            url = f"http://127.0.0.1:{port}/ws?width={SIZE[0]}&height={SIZE[1]}"
            async with asyncio.timeout(TOLD_LIMIT):
                websocket = await WebVisitor.client.ws_connect(url)
                for _ in range(100):
                    message = await websocket.receive()
                    if message.type == aiohttp.WSMsgType.BINARY:
                        said += message.data
                    elif message.type != aiohttp.WSMsgType.TEXT:
                        break
            told = b"busy" in said and said.count(b"\n") <= 2
        except Exception:
            told = False
        return told, time.perf_counter() - started

    one = ssh_one if demo == "ssh" else web_one
    return list(await asyncio.gather(*(one() for _ in range(count))))


def sample_pss(server: Server, count: int) -> list[float]:
    apps = server.apps()
    return [pss_mib(pid) for pid in random.sample(apps, min(count, len(apps)))]


async def measure(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    run = Run(args.demo)
    if args.demo == "web":
        import aiohttp

        WebVisitor.client = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
    server = start_server(args.demo, folder, args.max_sessions)
    stop_typing = asyncio.Event()
    began = time.monotonic()
    target = min(args.target, server.cap)
    first_frames: list[float] = []
    slow_windows, previous_sessions = 0, 0
    cpu_before = {pid: cpu_seconds(pid) for pid in server.helpers()}
    try:
        await asyncio.sleep(1)
        for wave_number in range(10_000):
            if len(run.visitors) >= target:
                run.stopped_by = "target" if target == args.target else "the server's cap"
                break
            if time.monotonic() - began > args.minutes * 60:
                run.stopped_by = "time"
                break
            if mem_available_gib() < args.memory_floor:
                run.stopped_by = "memory left below the floor"
                break
            size = min(args.wave, target - len(run.visitors))
            times = await open_wave(run, server, size, args.typing, args.key_every, stop_typing)
            first_frames += times
            await asyncio.sleep(args.settle)  # the new sessions' starts are over
            window = time.perf_counter()  # keys at this many sessions, nothing else starting
            await asyncio.sleep(args.key_every)
            keys = run.key_latencies(window)
            pss = sample_pss(server, SAMPLE)
            wave = {"sessions": len(run.visitors), "first_p95": percentile(times, 0.95),
                    "key_p95": percentile(keys, 0.95), "keys": len(keys),
                    "pss": statistics.mean(pss) if pss else float("nan"),
                    "available_gib": mem_available_gib(), "failed": run.failed}  # fmt: skip
            run.waves.append(wave)
            print(f"  wave {wave_number + 1:3}: {wave['sessions']:5} open, first frame p95 "
                  f"{wave['first_p95']:.2f} s, key p95 {wave['key_p95'] * 1000:.0f} ms "
                  f"({len(keys)} keys), PSS {wave['pss']:.1f} MiB, "
                  f"{wave['available_gib']:.1f} GiB left, {run.failed} failed",
                  flush=True)  # fmt: skip
            if wave["first_p95"] > args.first_frame_limit:
                run.note_broken("first frame", len(run.visitors))
            if len(keys) >= 20 and wave["key_p95"] > KEY_GOAL:
                slow_windows += 1  # two in a row: one alone is often another process's doing
                if slow_windows == 2:
                    run.note_broken("key-to-frame", previous_sessions)
            else:
                slow_windows = 0
            previous_sessions = len(run.visitors)
            if wave["pss"] > PSS_GOAL:
                run.note_broken("PSS", len(run.visitors))
            if run.failed:
                run.note_broken("sessions opened", len(run.visitors))
            degraded = [goal for goal in run.broke if goal != "PSS"]  # memory is only noted
            if degraded and not args.past_goals:
                run.stopped_by = f"degraded ({', '.join(degraded)})"
                break
        # Hold: everyone open, the typists typing.
        held = len(run.visitors)
        print(f"  holding {held} sessions for {args.hold:.0f} s ...", flush=True)
        apps = server.apps()
        app_cpu_before = {pid: cpu_seconds(pid) for pid in apps}
        helper_cpu_before = {pid: cpu_seconds(pid) for pid in server.helpers()}
        hold_started = time.perf_counter()
        client_cpu = time.process_time()
        await asyncio.sleep(args.hold)
        hold_seconds = time.perf_counter() - hold_started
        client_cpu = (time.process_time() - client_cpu) / hold_seconds
        keys = run.key_latencies(hold_started)
        apps = server.apps()
        app_cpu = sum(cpu_seconds(pid) - app_cpu_before.get(pid, 0.0) for pid in apps)
        helper_cpu = {pid: cpu_seconds(pid) - helper_cpu_before.get(pid, 0.0)
                      for pid in server.helpers()}  # fmt: skip
        startup_cpu = [app_cpu_before[pid] for pid in app_cpu_before]
        pss = [pss_mib(pid) for pid in apps]
        helpers_pss = sum(pss_mib(pid) for pid in server.helpers()[1:])
        result: dict[str, Any] = {
            "python": sys.version.split()[0], "demo": args.demo, "cap": server.cap,
            "sessions": held, "apps": len(apps), "stopped_by": run.stopped_by,
            "first_frame_p50": percentile(first_frames, 0.5),
            "first_frame_p95": percentile(first_frames, 0.95),
            "key_p50": percentile(keys, 0.5), "key_p95": percentile(keys, 0.95),
            "keys": len(keys), "lost_keys": sum(v.lost_keys for v in run.visitors),
            "typists": sum(v.typist for v in run.visitors),
            "cpu_start_per_session": statistics.mean(startup_cpu) if startup_cpu else 0.0,
            "cpu_cores_held": (app_cpu + sum(helper_cpu.values())) / hold_seconds,
            "server_cpu_cores": helper_cpu.get(server.process.pid, 0.0) / hold_seconds,
            "client_cpu_cores": client_cpu, "load_average": os.getloadavg()[0],
            "pss_mean": statistics.mean(pss) if pss else 0.0,
            "pss_p95": percentile(pss, 0.95),
            "template_pss": helpers_pss,
            "server_rss": rss_mib(server.process.pid),
            "server_fds": open_fds(server.process.pid),
            "server_cpu_total": cpu_seconds(server.process.pid)
            - cpu_before.get(server.process.pid, 0.0),
            "available_gib": mem_available_gib(), "failed": run.failed,
            "broke": run.broke, "waves": run.waves,
        }  # fmt: skip
        if args.overflow and held >= server.cap:
            told = await told_past_the_cap(args.demo, server.port, args.overflow)
            result["past_cap"] = len(told)
            result["past_cap_told"] = sum(ok for ok, _ in told)
            result["past_cap_slowest"] = max(seconds for _, seconds in told)
        return result
    finally:
        stop_typing.set()
        closing = [asyncio.wait_for(v.close(), 30) for v in run.visitors]
        for start in range(0, len(closing), 100):
            await asyncio.gather(*closing[start : start + 100], return_exceptions=True)
        server.stop()
        if WebVisitor.client is not None:
            await WebVisitor.client.close()


def report(r: dict[str, Any]) -> None:
    goal = GOALS[r["demo"]]
    print(f"\n{r['demo']} on Python {r['python']}: {r['sessions']} sessions held "
          f"({r['apps']} app processes; cap {r['cap']}; stopped by {r['stopped_by']}; "
          f"{r['failed']} failed to open)")  # fmt: skip
    print(f"  first frame      p50 {r['first_frame_p50']:.2f} s, p95 {r['first_frame_p95']:.2f} s")
    print(f"  key-to-frame     p50 {r['key_p50'] * 1000:.0f} ms, p95 {r['key_p95'] * 1000:.0f} ms "
          f"({r['keys']} keys from {r['typists']} typists; {r['lost_keys']} lost)")  # fmt: skip
    print(f"  per session      PSS mean {r['pss_mean']:.2f} MiB (p95 {r['pss_p95']:.2f}), "
          f"CPU {r['cpu_start_per_session']:.3f} s until the hold")  # fmt: skip
    print(f"  held             {r['cpu_cores_held']:.2f} cores in all "
          f"(server {r['server_cpu_cores']:.2f}; this client {r['client_cpu_cores']:.2f}), "
          f"{r['available_gib']:.1f} GiB memory left; load average {r['load_average']:.1f} "
          f"(the machine's, others' work included)")  # fmt: skip
    print(f"  server           RSS {r['server_rss']:.0f} MiB, {r['server_fds']} open fds; "
          f"template(s) PSS {r['template_pss']:.1f} MiB")  # fmt: skip
    if "past_cap" in r:
        print(f"  past the cap     {r['past_cap_told']}/{r['past_cap']} told in one line, "
              f"slowest let go after {r['past_cap_slowest']:.2f} s")  # fmt: skip
    print("  goals:")
    rows = [(f"{goal} concurrent sessions", f"{r['sessions']}", r["sessions"] >= goal),
            ("key-to-frame p95 < 100 ms", f"{r['key_p95'] * 1000:.0f} ms",
             r["key_p95"] < KEY_GOAL)]  # fmt: skip
    if r["demo"] == "ssh":
        rows.append((f"PSS <= {PSS_GOAL:.0f} MiB a session", f"{r['pss_mean']:.2f} MiB",
                     r["pss_mean"] <= PSS_GOAL))  # fmt: skip
    if "past_cap" in r:
        rows.append(("every visitor past the cap told", f"{r['past_cap_told']}/{r['past_cap']}",
                     r["past_cap_told"] == r["past_cap"]))  # fmt: skip
    for name, measured, met in rows:
        print(f"    {name:36} {measured:>10}  {'met' if met else 'NOT MET'}")
    for name, sessions in r["broke"].items():
        print(f"    {name} broke at {sessions} sessions")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("--demo", choices=("ssh", "web"), default="ssh")
    add("--target", type=int, default=None, help="sessions to reach (default: the demo's goal)")
    add("--max-sessions", type=int, default=None,
        help="the server's cap (default: its own, from this machine)")  # fmt: skip
    add("--wave", type=int, default=25, help="sessions opened at once (default: %(default)s)")
    add("--typing", type=float, default=0.1, help="share of sessions typing (default: 0.1)")
    add("--key-every", type=float, default=3.0, help="seconds between a typist's keys (3)")
    add("--settle", type=float, default=1.0, help="seconds after each wave (default: 1)")
    add("--hold", type=float, default=60.0, help="seconds to hold every session (default: 60)")
    add("--first-frame-limit", type=float, default=3.0,
        help="first-frame p95 in a wave beyond which it has degraded (default: 3 s)")  # fmt: skip
    add("--past-goals", action="store_true", help="keep opening waves after a goal breaks")
    add("--overflow", type=int, default=20, help="visitors sent past the cap (default: 20)")
    add("--memory-floor", type=float, default=1.5,
        help="GiB of memory left below which no more waves open (default: 1.5)")  # fmt: skip
    add("--minutes", type=float, default=20.0, help="time for the waves at most (default: 20)")
    add("--json", type=Path, default=None, help="also write the figures to this file")
    args = parser.parse_args()
    args.target = max(1, min(args.target or GOALS[args.demo], 5000))  # bounded
    args.wave = max(1, min(args.wave, 200))
    args.hold = max(1.0, min(args.hold, 600.0))
    args.minutes = max(0.5, min(args.minutes, 60.0))
    args.overflow = max(0, min(args.overflow, 100))
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # a socket per session, here too
    print(f"{args.demo} capacity on Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"{mem_available_gib():.1f} GiB available; waves of {args.wave}, "
          f"{args.typing:.0%} typing a key every ~{args.key_every:.0f} s; load average "
          f"{os.getloadavg()[0]:.1f}:", flush=True)  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        result = asyncio.run(measure(args, Path(tmp)))
    report(result)
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
