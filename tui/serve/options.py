"""The options both demos share, defined once: where to listen, how long a session may last, the
health endpoint. Each demo adds its own (a host key; a trusted proxy) beside these.

Each demo's settings are one dataclass (DemoConfig here, extended by ssh/options.py and
web/options.py), and each field's default is written there only: the command line's options
take their defaults from it, and `config_from` fills it from the parsed options by field name.

Kept free of heavy imports: `hustings --help` builds every command's parser.
"""

from __future__ import annotations

import argparse
import dataclasses
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .limits import DEFAULT_MAX_SESSION, SessionLimits

Config = TypeVar("Config", bound="DemoConfig")


@dataclass(kw_only=True)
class DemoConfig:
    """What both demos are run with. `max_sessions` has no default: the command line's is the
    machine's capacity (tui/serve/capacity.py), worked out when the server starts."""

    host: str = "127.0.0.1"
    port: int
    max_sessions: int
    per_ip: int = 3
    idle_timeout: float = 300.0
    max_session: float = DEFAULT_MAX_SESSION
    proxy_protocol: bool = False
    health_port: int | None = None
    limits: SessionLimits = field(default_factory=SessionLimits)


def config_from(options: argparse.Namespace, kind: type[Config], **given: Any) -> Config:
    """A demo's config from its parsed options, field by field (an option is named as its
    field); `given` for the fields worked out from them (the session cap, the host key)."""
    values = {
        item.name: getattr(options, item.name)
        for item in dataclasses.fields(kind)
        if hasattr(options, item.name)
    }
    values["limits"] = SessionLimits.for_sessions_of(options.max_session)
    return kind(**{**values, **given})


def add_listening(parser: argparse.ArgumentParser, default_port: int) -> None:
    add = parser.add_argument
    add("--host", default=DemoConfig.host, help="address to listen on (default: %(default)s)")
    add("--port", type=int, default=default_port, help="port to listen on (default: %(default)s)")


def add_max_sessions(parser: argparse.ArgumentParser, what: str) -> None:
    """--max-sessions: by default as many as this machine holds (tui/serve/capacity.py)."""
    parser.add_argument(
        "--max-sessions", type=int, default=None, metavar="N",
        help=f"{what} (default: as many as this machine's memory, cores, open files and "
        "processes hold, logged at start; deploy/README.md gives the arithmetic)",
    )  # fmt: skip


def add_per_ip(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--per-ip", type=int, default=DemoConfig.per_ip, metavar="N",
                        help=f"{what} (default: %(default)s)")  # fmt: skip


def add_session_times(parser: argparse.ArgumentParser) -> None:
    add = parser.add_argument
    add(
        "--idle-timeout",
        type=float,
        default=DemoConfig.idle_timeout,
        metavar="S",
        help="seconds without a key press before a session ends (default: %(default)s)",
    )
    add("--max-session", type=float, default=DemoConfig.max_session, metavar="S",
        help="seconds a session may last at most (default: %(default)s)")  # fmt: skip


def add_health(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--health-port", type=int, default=DemoConfig.health_port, metavar="N",
        help="serve HTTP health on this port (same --host): 200 while a new visitor would be "
        "let in, 503 whenever one would be refused (the session template down, every session "
        "or connection slot taken, draining) (default: no health endpoint)",
    )  # fmt: skip
