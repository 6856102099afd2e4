"""`serve-ssh`'s options: one definition, used by the command line, the config and `--help`.

Kept free of heavy imports: `hustings --help` builds every command's parser.
"""

from __future__ import annotations

import argparse

from ..options import (
    add_health,
    add_listening,
    add_max_sessions,
    add_session_times,
)

DEFAULT_PORT = 2222


def add_serve_ssh_arguments(parser: argparse.ArgumentParser) -> None:
    """Every option with its default in its help text (`hustings serve-ssh --help`)."""
    add = parser.add_argument
    add_listening(parser, DEFAULT_PORT)
    add(
        "--host-key",
        default=None,
        metavar="PATH",
        help="the server's private host key: read if it exists (it must not be readable by "
        "others; read-only is fine), else made there with mode 0600 (default: ./ssh_host_key "
        "if there is one, else $XDG_STATE_HOME/hustings/ssh_host_key, usually "
        "~/.local/state/hustings/ssh_host_key)",
    )
    add_max_sessions(parser, "sessions at once; visitors beyond it are told 'busy'")
    add(
        "--max-connections",
        type=int,
        default=None,
        metavar="N",
        help="connections at once, with or without a session; beyond it new connections are "
        "closed at accept (default: twice --max-sessions)",
    )
    add(
        "--per-ip",
        type=int,
        default=3,
        metavar="N",
        help="connections at once from one client address, with or without a session "
        "(default: %(default)s)",
    )
    add(
        "--connections-per-minute",
        type=int,
        default=20,
        metavar="N",
        help="new connections per client address per minute; each connection opens at most "
        "one session (default: %(default)s)",
    )
    add(
        "--login-timeout",
        type=float,
        default=30.0,
        metavar="S",
        help="seconds a connection may take to open its session (default: %(default)s)",
    )
    add(
        "--proxy-protocol",
        action="store_true",
        help="expect a PROXY protocol v1 or v2 header from a load balancer on every "
        "connection and use the client address it names; without this flag such a header "
        "is a protocol error (default: off)",
    )
    add_session_times(parser)
    add_health(parser)
