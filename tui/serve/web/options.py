"""`serve-web`'s options: one definition, used by the command line and `--help`.

Kept free of heavy imports (no aiohttp, no Textual): `hustings --help` builds every parser.
"""

from __future__ import annotations

import argparse
import ipaddress
from dataclasses import dataclass

from .. import options as shared
from ..options import DemoConfig


@dataclass(kw_only=True)
class WebConfig(DemoConfig):
    """serve-web's settings: each default is its option's."""

    port: int = 8080
    sessions_per_minute: int = 20
    trusted_proxy: ipaddress.IPv4Network | ipaddress.IPv6Network | None = None
    accessibility_contact: str = ""  # where visitors report accessibility problems
    header_timeout: float = 10.0  # seconds a connection may take to send a request's headers
    allow_origins: tuple[str, ...] = ()


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
    shared.add_listening(parser, WebConfig.port)
    shared.add_max_sessions(parser, "browser sessions at once; visitors beyond it are told 'busy'")
    shared.add_per_ip(parser, "sessions (tabs) at once from one client address")
    add(
        "--sessions-per-minute",
        type=int,
        default=WebConfig.sessions_per_minute,
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
        default=WebConfig.trusted_proxy,
        metavar="CIDR",
        help="take the client address from X-Forwarded-For (its last entry) only when the "
        "connection comes from this range, e.g. the ingress's (default: never)",
    )
    add(
        "--allow-origin",
        type=allowed_origin,
        action="append",
        default=list(WebConfig.allow_origins),
        metavar="ORIGIN",
        help="also let pages from ORIGIN (e.g. https://elections.example.org) open sessions; "
        "repeat for more (default: only pages from the demo's own address)",
    )
    add(
        "--header-timeout",
        type=float,
        default=WebConfig.header_timeout,
        metavar="S",
        help="seconds a connection may take to send a request's headers (and a PROXY header) "
        "before it is closed (default: %(default)s)",
    )
    shared.add_session_times(parser)
    shared.add_health(parser)
    add(
        "--accessibility-contact",
        default=WebConfig.accessibility_contact,
        metavar="EMAIL_OR_URL",
        help="where visitors report accessibility problems, shown in the accessibility "
        "statement at /accessibility (default: none given, and the statement says so)",
    )
