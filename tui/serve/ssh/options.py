"""`serve-ssh`'s options: one definition, used by the command line, the config and `--help`.

Kept free of heavy imports: `hustings --help` builds every command's parser.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from .. import options as shared
from ..options import DemoConfig


@dataclass(kw_only=True)
class ServerConfig(DemoConfig):
    """serve-ssh's settings: each default is its option's."""

    port: int = 2222
    host_key: Path | None = None  # None: hostkey.default_host_key_path()
    max_connections: int | None = None  # None: twice max_sessions
    connections_per_minute: int = 20
    login_timeout: float = 30.0


def add_serve_ssh_arguments(parser: argparse.ArgumentParser) -> None:
    """Every option with its default in its help text (`hustings serve-ssh --help`)."""
    add = parser.add_argument
    shared.add_listening(parser, ServerConfig.port)
    add(
        "--host-key",
        default=ServerConfig.host_key,
        metavar="PATH",
        help="the server's private host key: read if it exists (it must not be readable by "
        "others; read-only is fine), else made there with mode 0600 (default: ./ssh_host_key "
        "if there is one, else $XDG_STATE_HOME/hustings/ssh_host_key, usually "
        "~/.local/state/hustings/ssh_host_key)",
    )
    shared.add_max_sessions(parser, "sessions at once; visitors beyond it are told 'busy'")
    add(
        "--max-connections",
        type=int,
        default=ServerConfig.max_connections,
        metavar="N",
        help="connections at once, with or without a session; beyond it new connections are "
        "closed at accept (default: twice --max-sessions)",
    )
    shared.add_per_ip(
        parser, "connections at once from one client address, with or without a session"
    )
    add("--connections-per-minute", type=int, default=ServerConfig.connections_per_minute,
        metavar="N", help="new connections per client address per minute; each connection "
        "opens at most one session (default: %(default)s)")  # fmt: skip
    add("--login-timeout", type=float, default=ServerConfig.login_timeout, metavar="S",
        help="seconds a connection may take to open its session "
        "(default: %(default)s)")  # fmt: skip
    add(
        "--proxy-protocol",
        action="store_true",
        help="expect a PROXY protocol v1 or v2 header from a load balancer on every "
        "connection and use the client address it names; without this flag such a header "
        "is a protocol error (default: off)",
    )
    shared.add_session_times(parser)
    shared.add_health(parser)
