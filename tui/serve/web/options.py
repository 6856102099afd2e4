"""`serve-web`'s options: one definition, used by the command line and `--help`.

Kept free of heavy imports (no aiohttp, no Textual): `hustings --help` builds every parser.
"""

from __future__ import annotations

import argparse
import ipaddress

from ..options import (
    add_health,
    add_listening,
    add_max_sessions,
    add_session_times,
)

DEFAULT_PORT = 8080
HEADER_TIMEOUT = 10.0  # seconds a connection may take to send a request's headers


def network(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    """A CIDR range for --trusted-proxy; argparse turns the ValueError into a one-line error."""
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an address range (CIDR): {text!r}") from None


def allowed_origin(text: str) -> str:
    """An origin for --allow-origin, normalised; argparse turns the ValueError into one line."""
    from .origin import origin

    normal = origin(text)
    if normal is None:
        raise argparse.ArgumentTypeError(f"not an origin (scheme://host[:port]): {text!r}")
    return normal


def add_serve_web_arguments(parser: argparse.ArgumentParser) -> None:
    """Every option with its default in its help text (`hustings serve-web --help`)."""
    add = parser.add_argument
    add_listening(parser, DEFAULT_PORT)
    add_max_sessions(parser, "browser sessions at once; visitors beyond it are told 'busy'")
    add(
        "--per-ip",
        type=int,
        default=3,
        metavar="N",
        help="sessions (tabs) at once from one client address (default: %(default)s)",
    )
    add(
        "--sessions-per-minute",
        type=int,
        default=20,
        metavar="N",
        help="new sessions per client address per minute (default: %(default)s)",
    )
    proxy = parser.add_mutually_exclusive_group()
    proxy.add_argument(
        "--proxy-protocol",
        action="store_true",
        help="expect a PROXY protocol v1 or v2 header from a load balancer on every connection "
        "and use the client address it names (default: off)",
    )
    proxy.add_argument(
        "--trusted-proxy",
        type=network,
        default=None,
        metavar="CIDR",
        help="take the client address from X-Forwarded-For (its last entry) only when the "
        "connection comes from this range, e.g. the ingress's (default: never)",
    )
    add(
        "--allow-origin",
        type=allowed_origin,
        action="append",
        default=[],
        metavar="ORIGIN",
        help="also let pages from ORIGIN (e.g. https://elections.example.org) open sessions; "
        "repeat for more (default: only pages from the demo's own address)",
    )
    add(
        "--header-timeout",
        type=float,
        default=HEADER_TIMEOUT,
        metavar="S",
        help="seconds a connection may take to send a request's headers (and a PROXY header) "
        "before it is closed (default: %(default)s)",
    )
    add_session_times(parser)
    add_health(parser)
    add(
        "--accessibility-contact",
        default="",
        metavar="EMAIL_OR_URL",
        help="where visitors report accessibility problems, shown in the accessibility "
        "statement at /accessibility (default: none given, and the statement says so)",
    )
