"""Rules for strangers' terminals and processes: sizes, environment, TERM, resource limits.

Plain functions and a frozen dataclass, so each rule is tested without a network or terminal.
"""

from __future__ import annotations

import math
import os
import re
import resource
from collections.abc import Mapping
from dataclasses import dataclass

MIN_COLUMNS, MAX_COLUMNS = 20, 400
MIN_ROWS, MAX_ROWS = 10, 200
ENV_ALLOWED = ("TERM", "COLORTERM", "LANG")
DEFAULT_TERM = "xterm-256color"
_SAFE_ENV_VALUE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.@+")
# Terminal families that understand the xterm control sequences Textual writes. Anything else
# (dumb, unknown, vt100, a made-up name) gets DEFAULT_TERM: Textual cannot drive it, and an app
# that believes it cannot draw may redraw for ever.
_DRIVABLE_TERM = re.compile(
    r"(xterm|screen|tmux|rxvt|linux|alacritty|foot|kitty|wezterm|st|konsole|gnome|putty|"
    r"vte|iterm|ghostty|contour|mintty|cygwin)([-.+_@][A-Za-z0-9.+_@-]*)?"
)

# Resource limits per session. The address-space limit is what bounds a session's memory: a
# session starts at about 225 MiB of address space (Python, Textual, three threads) and
# about 50 MiB resident. 448 MiB leaves room to browse and stops a flood at that. It is sized
# so that one address's sessions cannot starve the pod: with --per-ip 3 (the default),
# 3 x 448 MiB = 1344 MiB, within the 1536 MiB memory limit in deploy/kubernetes.yaml with
# 192 MiB left for the server and the template. Change one, check the other.
SESSION_ADDRESS_SPACE = 448 * 1024 * 1024

# A session's share of the machine. Its input is paced (tui/serve/driver.py) so that what a
# visitor makes the app do stays within CPU_SHARE of one core on average, with CPU_BURST seconds
# in hand for a burst of heavy keys; sessions run at SESSION_NICE, below the server that relays
# every visitor's keys. RLIMIT_CPU is that share over the session's longest life (`cpu_budget`),
# so it only ends an app that runs away by itself.
CPU_SHARE = 0.2
CPU_BURST = 0.5  # seconds
INPUT_RATE, INPUT_BURST = 60, 120  # input events a second, and in hand: beyond any typist
INPUT_BATCH = 16  # input events the app may be behind before it must catch up
SESSION_NICE = 10
DEFAULT_MAX_SESSION = 1800.0  # seconds: --max-session's default


def cpu_budget(max_session: float) -> int:
    """RLIMIT_CPU for a session that may last `max_session` seconds: its share, and a burst."""
    return math.ceil(max_session * CPU_SHARE + CPU_BURST)


def clamp_size(columns: int, rows: int) -> tuple[int, int]:
    """Keep a client's window size sane: tiny or huge (up to 2**32) sizes become the bounds."""
    return (
        max(MIN_COLUMNS, min(MAX_COLUMNS, int(columns))),
        max(MIN_ROWS, min(MAX_ROWS, int(rows))),
    )


def drivable_term(term: str | None) -> str:
    """The TERM to give the app: the client's if Textual can drive it, else DEFAULT_TERM."""
    cleaned = _clean(term)
    if cleaned and _DRIVABLE_TERM.fullmatch(cleaned):
        return cleaned
    return DEFAULT_TERM


def child_environment(term: str | None, client_env: Mapping[str, str]) -> dict[str, str]:
    """The whole environment a session's app gets: the allow-list and nothing else.

    Never COLUMNS or LINES (Textual would stay at that size and ignore resizes), nothing that
    steers Python or Textual, and only short plain values.
    """
    env = {"TERM": drivable_term(term)}
    for name in ENV_ALLOWED:
        value = _clean(client_env.get(name))
        if value and name != "TERM":
            env[name] = value
    return env


def _clean(value: object) -> str | None:
    if not isinstance(value, str) or not 0 < len(value) <= 64:
        return None
    return value if set(value) <= _SAFE_ENV_VALUE else None


@dataclass(frozen=True)
class SessionLimits:
    """Per-session resource limits: a runaway session hits its own wall, never another's.

    No core files: a session killed at a limit must not write its memory to the server's disk.
    """

    address_space: int = SESSION_ADDRESS_SPACE  # bytes
    cpu_seconds: int = cpu_budget(DEFAULT_MAX_SESSION)
    open_files: int = 64
    nice: int = SESSION_NICE

    @classmethod
    def for_sessions_of(cls, max_session: float) -> SessionLimits:
        return cls(cpu_seconds=cpu_budget(max_session))

    def apply(self) -> None:
        resource.setrlimit(resource.RLIMIT_AS, (self.address_space, self.address_space))
        resource.setrlimit(resource.RLIMIT_CPU, (self.cpu_seconds, self.cpu_seconds + 5))
        resource.setrlimit(resource.RLIMIT_NOFILE, (self.open_files, self.open_files))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        os.nice(self.nice)  # below the server (which it is forked from), once per session
