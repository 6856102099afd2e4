"""A demo server (serve-ssh, serve-web) run by a test as its own process, and stopped by it.

Both demos print one "serving on ... (health on port N)" line once they listen on their free
port; everything here waits for that, or for a log line, with a bounded deadline.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .conftest import ROOT

Server = TypeVar("Server", bound="ServerProcess")


@dataclass
class ServerProcess:
    process: subprocess.Popen[Any]
    port: int
    log_path: Path
    health_port: int | None = None

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_for_log(self, pattern: str, limit: float = 15.0) -> str:
        """The first log line matching `pattern`, waiting up to `limit` seconds for it."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            for line in self.log.splitlines():
                if regex.search(line):
                    return line
            time.sleep(0.05)
        raise AssertionError(f"no log line matching {pattern!r} within {limit} s:\n{self.log}")

    def open_fds(self) -> int:
        """How many descriptors the server process holds now."""
        return len(os.listdir(f"/proc/{self.process.pid}/fd"))

    def cpu_seconds(self) -> float:
        """CPU time (user and system) the server process has used so far."""
        return cpu_seconds(self.process.pid)

    def wait_for_fds(self, count: int, limit: float = 15.0) -> int:
        """Wait (bounded) until the server holds at most `count` descriptors; how many it holds."""
        deadline = time.monotonic() + limit
        while self.open_fds() > count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.open_fds()

    def stop(self) -> int:
        """SIGTERM (the server drains), then SIGKILL to its whole group if it takes over 20 s."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                return self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                return self.process.wait(5)
        return self.process.returncode


def cpu_seconds(pid: int) -> float:
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def launch(
    kind: type[Server], argv: list[str], log_path: Path, serving: re.Pattern[str],
    env: dict[str, str] | None = None, limit: float = 60.0,
) -> Server:  # fmt: skip
    """Start `argv` in a session of its own, its output in `log_path`, and wait (up to `limit`
    seconds) for `serving` to match: group 1 the port, group 2 the health port if any."""
    with log_path.open("w") as log:
        process = subprocess.Popen(
            argv, cwd=ROOT, stdout=log, stderr=log, stdin=subprocess.DEVNULL,
            start_new_session=True, env=env,
        )  # fmt: skip
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        found = serving.search(log_path.read_text())
        if found:
            health = int(found.group(2)) if found.group(2) else None
            return kind(process, int(found.group(1)), log_path, health)
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log_path.read_text()}")
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    raise TimeoutError(f"server did not start within {limit:.0f} s")
