"""Rules for strangers: size clamps, the environment allow-list, session caps and rate limits.

Plain functions and one small class with an injectable clock, so every rule is tested without a
network or a terminal.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

MIN_COLUMNS, MAX_COLUMNS = 20, 400
MIN_ROWS, MAX_ROWS = 10, 200
ENV_ALLOWED = ("TERM", "COLORTERM", "LANG")
DEFAULT_TERM = "xterm-256color"
_SAFE_ENV_VALUE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.@+")


def clamp_size(columns: int, rows: int) -> tuple[int, int]:
    """Keep a client's window size sane: tiny or huge (up to 2**32) sizes become the bounds."""
    return (
        max(MIN_COLUMNS, min(MAX_COLUMNS, int(columns))),
        max(MIN_ROWS, min(MAX_ROWS, int(rows))),
    )


def child_environment(term: str | None, client_env: Mapping[str, str]) -> dict[str, str]:
    """The whole environment a session's app gets: the allow-list and nothing else.

    Never COLUMNS or LINES (Textual would stay at that size and ignore resizes), nothing that
    steers Python or Textual, and only short plain values.
    """
    env = {"TERM": _clean(term) or DEFAULT_TERM}
    for name in ENV_ALLOWED:
        value = _clean(client_env.get(name))
        if value and name != "TERM":
            env[name] = value
    return env


def _clean(value: object) -> str | None:
    if not isinstance(value, str) or not 0 < len(value) <= 64:
        return None
    return value if set(value) <= _SAFE_ENV_VALUE else None


@dataclass
class Admission:
    """Who may start a session now: a global cap, a per-IP cap and a per-IP connection rate."""

    max_sessions: int
    per_ip: int
    rate_per_minute: int = 20
    clock: Callable[[], float] = time.monotonic
    active: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    recent: dict[str, deque[float]] = field(default_factory=lambda: defaultdict(deque))

    @property
    def total(self) -> int:
        return sum(self.active.values())

    def connection_allowed(self, ip: str) -> bool:
        """Count a new connection from `ip`; False when it is arriving too fast."""
        now = self.clock()
        window = self.recent[ip]
        while window and now - window[0] > 60.0:
            window.popleft()
        if len(window) >= self.rate_per_minute:
            return False
        window.append(now)
        return True

    def try_start(self, ip: str) -> str | None:
        """Claim a session slot; None if granted, else the reason ('busy' or 'per-ip')."""
        if self.total >= self.max_sessions:
            return "busy"
        if self.active[ip] >= self.per_ip:
            return "per-ip"
        self.active[ip] += 1
        return None

    def finish(self, ip: str) -> None:
        if self.active.get(ip, 0) > 0:
            self.active[ip] -= 1
            if not self.active[ip]:
                del self.active[ip]
