"""The options both demos share, defined once: where to listen, how long a session may last, the
health endpoint. Each demo adds its own (a host key; a trusted proxy) beside these.

Kept free of heavy imports: `hustings --help` builds every command's parser.
"""

from __future__ import annotations

import argparse

from .limits import DEFAULT_MAX_SESSION


def add_listening(parser: argparse.ArgumentParser, default_port: int) -> None:
    add = parser.add_argument
    add("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    add("--port", type=int, default=default_port, help="port to listen on (default: %(default)s)")


def add_max_sessions(parser: argparse.ArgumentParser, what: str) -> None:
    """--max-sessions: by default as many as this machine holds (tui/serve/capacity.py)."""
    parser.add_argument(
        "--max-sessions", type=int, default=None, metavar="N",
        help=f"{what} (default: as many as this machine's memory, cores, open files and "
        "processes hold, logged at start; deploy/README.md gives the arithmetic)",
    )  # fmt: skip


def add_session_times(parser: argparse.ArgumentParser) -> None:
    add = parser.add_argument
    add(
        "--idle-timeout",
        type=float,
        default=300.0,
        metavar="S",
        help="seconds without a key press before a session ends (default: %(default)s)",
    )
    add("--max-session", type=float, default=DEFAULT_MAX_SESSION, metavar="S",
        help="seconds a session may last at most (default: %(default)s)")  # fmt: skip


def add_health(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--health-port", type=int, default=None, metavar="N",
        help="serve HTTP health on this port (same --host): 200 while a new visitor would be "
        "let in, 503 whenever one would be refused (the session template down, every session "
        "or connection slot taken, draining) (default: no health endpoint)",
    )  # fmt: skip
