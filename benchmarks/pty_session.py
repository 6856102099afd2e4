"""Run a program in a pseudo-terminal and watch its screen with pyte (shared by benchmarks)."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import termios
import time

import pyte


class PtySession:
    """A child process on a PTY of a given size, with its screen as pyte sees it."""

    def __init__(self, argv: list[str], size: tuple[int, int], env: dict[str, str]) -> None:
        self.columns, self.rows = size
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows, self.columns, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.screen = pyte.Screen(self.columns, self.rows)
        self.stream = pyte.ByteStream(self.screen)
        self._unread: list[bytes] = []  # read, not yet given to pyte

    def read(self, timeout: float, *, feed: bool = True) -> int:
        """Read what the child writes within `timeout` seconds; return the byte count.

        `feed=False` keeps the bytes for pyte until the screen is next looked at: feeding a
        full frame to pyte takes tens of milliseconds, which would otherwise be counted as the
        app's time between one chunk of a frame and the next."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return 0
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:
            return 0
        self._unread.append(data)
        if feed:
            self.feed()
        return len(data)

    def feed(self) -> None:
        """Give pyte every byte read so far."""
        if self._unread:
            self.stream.feed(b"".join(self._unread))
            self._unread.clear()

    def text(self) -> str:
        self.feed()
        return "\n".join(self.screen.display)

    def wait_for(self, *markers: str, limit: float = 20.0) -> float:
        """Seconds from launch until every marker is on screen at once."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            self.read(0.05)
            shown = self.text()
            if all(marker in shown for marker in markers):
                return time.perf_counter() - self.started
        raise TimeoutError(f"{markers} not on screen within {limit} s:\n{self.text()}")

    def settle(self, quiet: float = 0.15, limit: float = 5.0) -> int:
        """Read until the child has been quiet for `quiet` seconds; return bytes read."""
        got = 0
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            n = self.read(quiet)
            if n == 0:
                break
            got += n
        return got

    def settle_timed(
        self, since: float, quiet: float = 0.15, limit: float = 5.0
    ) -> tuple[int, float]:
        """Like `settle`, also the seconds from `since` to the last byte read."""
        got, last = 0, since
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            n = self.read(quiet, feed=False)
            if n == 0:
                break
            got += n
            last = time.perf_counter()
        self.feed()
        return got, last - since

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        os.close(self.master)
