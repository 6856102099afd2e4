"""The demo's log: one line per session, client text quoted, floods summarised.

Anything a client chose (its address from a PROXY header, TERM, username, a command it asked to
run) is written with repr(): a newline or an escape sequence in it can neither forge a log line
nor reach the terminal of whoever reads the log. Keystrokes are never logged.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable


def sessions(count: int) -> str:
    """'1 session', '2 sessions': a count as the log says it."""
    return f"{count} session{'s' * (count != 1)}"


def session_line(*, ip: str, end: str, duration: float, size: tuple[int, int] | None = None,
                 **client_text: str | None) -> str:  # fmt: skip
    """`session ip='…' term='…' user='…' size=WxH duration=Ns end=…`: one line per session."""
    parts = [f"session ip={ip!r}"]
    parts += [f"{name}={value!r}" for name, value in client_text.items() if value is not None]
    if size is not None:
        parts.append(f"size={size[0]}x{size[1]}")
    parts.append(f"duration={duration:.1f}s end={end}")
    return " ".join(parts)


class Throttled:
    """Counts events and logs them at most once per `interval`, as one summary line.

    For what an attacker can make happen thousands of times a second: refused connections,
    accept() failing for want of file descriptors.
    """

    def __init__(self, log: logging.Logger, what: str, interval: float = 10.0,
                 clock: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        self.log, self.what, self.interval, self.clock = log, what, interval, clock
        self.counts: Counter[str] = Counter()
        self.last = -interval

    def note(self, reason: str) -> None:
        self.counts[reason] += 1
        now = self.clock()
        if now - self.last >= self.interval:
            self.flush(now)

    def flush(self, now: float | None = None) -> None:
        if self.counts:
            summary = ", ".join(f"{reason}={n}" for reason, n in sorted(self.counts.items()))
            self.log.warning("%s: %s", self.what, summary)
            self.counts.clear()
        self.last = self.clock() if now is None else now
