"""A real HAProxy (Debian's package) in front of demo backends, on loopback, run by a test.

The configuration is deploy/haproxy.cfg's, with the test's ports, faster health checks and fewer
connections at most (HAProxy needs two descriptors for each):
TCP mode with PROXY protocol v2 for serve-ssh, HTTP mode with websockets and X-Forwarded-For for
serve-web, and every check on the backend's own health endpoint. HAProxy's runtime socket says
how it sees each backend (UP, DOWN, why). Every wait is bounded; the test stops what it starts.
"""

from __future__ import annotations

import contextlib
import csv
import re
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .conftest import ROOT
from .machine import requires

HAPROXY = "/usr/sbin/haproxy"  # Debian's path (tests/machine.py checks it is there)
CHECK_EVERY = "200ms"  # the deployed file checks every 2 s; tests need not wait that long
DEPLOYED = ROOT / "deploy" / "haproxy.cfg"


def free_port() -> int:
    """A port nothing listens on now (the backend binds it a moment later: loopback only)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Slot:
    """Where the balancer looks for one backend: its port and its health port."""

    name: str
    port: int
    health_port: int


def slots(prefix: str, count: int) -> list[Slot]:
    return [Slot(f"{prefix}{i + 1}", free_port(), free_port()) for i in range(count)]


def configuration(demo: str, port: int, backends: list[Slot], stats: Path) -> str:
    """deploy/haproxy.cfg for `demo` ("ssh" or "web"), listening on `port`, with `backends`.

    The deployed file's servers, addresses and check interval are the only lines replaced: what
    is tested is what is deployed.
    """
    text = DEPLOYED.read_text(encoding="utf-8")
    section = re.search(rf"^# --- {demo} ---\n(.*?)(?=^# --- |\Z)", text, re.S | re.M)
    assert section, f"deploy/haproxy.cfg has no '# --- {demo} ---' section"
    common = text[: text.index("# --- ")]
    body = section.group(1)
    body = re.sub(r"^(\s*bind )\S+", rf"\g<1>127.0.0.1:{port}", body, flags=re.M)
    servers = "".join(
        f"    server {slot.name} 127.0.0.1:{slot.port} check port {slot.health_port}\n"
        f"    server {slot.name}-busy 127.0.0.1:{slot.port} backup\n"
        for slot in backends
    )
    body = re.sub(r"^\s*server .*\n", "", body, flags=re.M) + servers
    common = common.replace("inter 2s", f"inter {CHECK_EVERY}")
    common = re.sub(r"maxconn \d+", "maxconn 2000", common)  # within this machine's fd limit
    body = body.replace("inter 2s", f"inter {CHECK_EVERY}")
    # The runtime socket, and a log line per connection on HAProxy's output (the test's log).
    added = f"    stats socket {stats} mode 600 level admin\n    log stdout format raw local0\n"
    common = common.replace("defaults\n", "defaults\n    log global\n", 1)
    logs = "    option httplog\n" if demo == "web" else "    option tcplog\n"
    body = body.replace("    default_backend", logs + "    default_backend")
    return common.replace("global\n", "global\n" + added, 1) + body


@dataclass
class Balancer:
    process: subprocess.Popen[bytes]
    port: int
    stats: Path
    log: Path

    def ask(self, command: str) -> str:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.settimeout(5)
            sock.connect(str(self.stats))
            sock.sendall(command.encode() + b"\n")
            reply = bytearray()
            while chunk := sock.recv(65536):
                reply += chunk
        return reply.decode()

    def servers(self) -> dict[str, dict[str, str]]:
        """Every server as HAProxy sees it: its status (UP, DOWN, ...) and its last check."""
        lines = self.ask("show stat").lstrip("# ").splitlines()
        rows = csv.DictReader(line for line in lines if line)
        return {row["svname"]: row for row in rows if row["svname"] not in ("FRONTEND", "BACKEND")}

    def wait_for(self, server: str, status: str, limit: float = 15.0) -> float:
        """Wait until HAProxy says `server` is `status` (UP, DOWN); the seconds it took."""
        started = time.monotonic()
        while time.monotonic() - started < limit:
            row = self.servers().get(server, {})
            if row.get("status", "").startswith(status):
                return time.monotonic() - started
            time.sleep(0.05)
        states = {name: row.get("status") for name, row in self.servers().items()}
        raise AssertionError(f"{server} not {status} within {limit} s: {states}\n"
                             f"{self.log.read_text()[-2000:]}")  # fmt: skip

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


@contextlib.contextmanager
def balancer(
    demo: str, backends: list[Slot], folder: Path, up: list[Slot] | None = None
) -> Iterator[Balancer]:
    """HAProxy in front of `backends`, stopped when the block ends; entered once it sees the
    `up` backends (by default all) UP and any others DOWN (HAProxy starts every server UP,
    until its checks say otherwise)."""
    requires("haproxy")
    port, stats = free_port(), folder / f"haproxy-{demo}.sock"
    config = folder / f"haproxy-{demo}.cfg"
    config.write_text(configuration(demo, port, backends, stats), encoding="utf-8")
    log = folder / f"haproxy-{demo}.log"
    checked = subprocess.run([HAPROXY, "-c", "-f", str(config)], capture_output=True, text=True,
                             timeout=30)  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    with log.open("w") as out:
        process = subprocess.Popen([HAPROXY, "-db", "-f", str(config)], stdout=out, stderr=out,
                                   stdin=subprocess.DEVNULL)  # fmt: skip
    running = Balancer(process, port, stats, log)
    try:
        deadline = time.monotonic() + 15
        while not stats.exists():
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "HAProxy did not start"
            time.sleep(0.05)
        serving = backends if up is None else up
        for slot in backends:
            running.wait_for(slot.name, "UP" if slot in serving else "DOWN")
        yield running
    finally:
        running.stop()
