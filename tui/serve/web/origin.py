"""Which pages may open a tab's websocket: this demo's own, and those --allow-origin names.

A browser sends `Origin` with every websocket it opens, and lets any page open one to any host:
without this check, any web page a voter visits could open tabs from the voter's browser. A
client that sends no `Origin` is not a browser, so no page can be using it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


def origin(text: str) -> str | None:
    """`scheme://host[:port]`, lower-case and without a default port; None if it is not one."""
    try:
        parts = urlsplit(text.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        return None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    suffix = "" if port in (None, DEFAULT_PORTS[parts.scheme]) else f":{port}"
    return f"{parts.scheme}://{host.lower()}{suffix}"


def _authority(value: str) -> str:
    """host[:port] of an origin, or of a Host header, without a default port."""
    host = value.split("://", 1)[-1].lower()
    for port in (":80", ":443"):
        if host.endswith(port):
            return host[: -len(port)]
    return host


def allowed(sent: str | None, host: str, also: tuple[str, ...] = ()) -> bool:
    """Whether a websocket whose request says `Origin: sent` and `Host: host` may open."""
    if sent is None:
        return True
    normal = origin(sent)
    if normal is None:
        return False
    return normal in also or _authority(normal) == _authority(host)
