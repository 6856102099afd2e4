"""The PROXY protocol (v1 text and v2 binary) a load balancer sends before the client's bytes.

Behind an L4 load balancer every connection comes from the balancer's address; with the PROXY
protocol it first sends one header naming the real client, which the demo then uses for every
per-address rule and the log. Specification: haproxy's "proxy-protocol.txt". The header is read
byte-exact, never past its end, so the bytes that follow belong untouched to SSH (or HTTP).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import struct
from dataclasses import dataclass

V1_PREFIX = b"PROXY "
V1_MAX = 107  # the longest v1 line, CRLF included
V2_SIGNATURE = b"\r\n\r\n\x00\r\nQUIT\n"
V2_FIXED = 16  # signature, version/command, family, length
V2_MAX_BODY = 4096  # addresses plus TLVs; real balancers send far less
_V2_ADDRESSES = {0x11: (socket.AF_INET, 4), 0x12: (socket.AF_INET, 4),
                 0x21: (socket.AF_INET6, 16), 0x22: (socket.AF_INET6, 16)}  # fmt: skip


class ProxyError(ValueError):
    """The connection did not start with a valid PROXY header."""


@dataclass(frozen=True)
class ProxyHeader:
    """A parsed header: its length in bytes and the client address (None: use the peer's).

    None comes from v2 LOCAL (the balancer's own health check) and v1 UNKNOWN.
    """

    length: int
    client: str | None


def parse_v1(line: bytes) -> ProxyHeader:
    """`PROXY TCP4 src dst sport dport\\r\\n`, `PROXY TCP6 ...` or `PROXY UNKNOWN ...`."""
    if not line.startswith(V1_PREFIX) or not line.endswith(b"\r\n") or len(line) > V1_MAX:
        raise ProxyError("not a PROXY v1 line")
    try:
        fields = line[:-2].decode("ascii").split(" ")
    except UnicodeDecodeError:
        raise ProxyError("PROXY v1 line is not ASCII") from None
    if fields[1] == "UNKNOWN":
        return ProxyHeader(len(line), None)
    if fields[1] not in ("TCP4", "TCP6") or len(fields) != 6:
        raise ProxyError("PROXY v1 line has the wrong fields")
    version = 4 if fields[1] == "TCP4" else 6
    source = _address(fields[2], version)
    _address(fields[3], version)
    for port in fields[4:]:
        if not port.isdigit() or int(port) > 65535 or (port != "0" and port.startswith("0")):
            raise ProxyError("PROXY v1 line has a bad port")
    return ProxyHeader(len(line), source)


def _address(text: str, version: int) -> str:
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        raise ProxyError("PROXY v1 line has a bad address") from None
    if address.version != version:
        raise ProxyError("PROXY v1 address does not match its family")
    return str(address)


def v2_body_length(fixed: bytes) -> int:
    """From the first 16 bytes of a v2 header, how many bytes follow them."""
    if len(fixed) != V2_FIXED or not fixed.startswith(V2_SIGNATURE):
        raise ProxyError("not a PROXY v2 header")
    if fixed[12] >> 4 != 2 or fixed[12] & 0x0F not in (0, 1):
        raise ProxyError("PROXY v2 header has an unknown version or command")
    (length,) = struct.unpack("!H", fixed[14:16])
    if length > V2_MAX_BODY:
        raise ProxyError("PROXY v2 header is too long")
    return length


def parse_v2(header: bytes) -> ProxyHeader:
    """A whole v2 header: the 16 fixed bytes and the body they announce."""
    length = v2_body_length(header[:V2_FIXED])
    if len(header) != V2_FIXED + length:
        raise ProxyError("PROXY v2 header is truncated")
    if header[12] & 0x0F == 0:  # LOCAL: the balancer speaking for itself
        return ProxyHeader(len(header), None)
    family = _V2_ADDRESSES.get(header[13])
    if family is None:  # AF_UNSPEC or AF_UNIX: no client address to use
        return ProxyHeader(len(header), None)
    _kind, size = family
    if length < 2 * size + 4:
        raise ProxyError("PROXY v2 address block is too short")
    source = ipaddress.ip_address(header[V2_FIXED : V2_FIXED + size])
    return ProxyHeader(len(header), str(source))


async def read_proxy_header(sock: socket.socket) -> ProxyHeader:
    """Read exactly one PROXY header (v1 or v2) from a non-blocking socket.

    Bound it with a timeout (asyncio.timeout): a client that sends nothing must not hold a slot.
    """
    loop = asyncio.get_running_loop()

    async def exactly(count: int) -> bytes:
        data = bytearray()
        while len(data) < count:
            chunk = await loop.sock_recv(sock, count - len(data))
            if not chunk:
                raise ProxyError("connection closed before its PROXY header ended")
            data += chunk
        return bytes(data)

    start = await exactly(len(V1_PREFIX))  # 6 bytes: as far as v1 and v2 may both be read
    if start == V1_PREFIX:
        line = bytearray(start)
        while not line.endswith(b"\r\n"):
            if len(line) >= V1_MAX:
                raise ProxyError("PROXY v1 line is too long")
            line += await exactly(1)  # never read past the line: what follows is SSH
        return parse_v1(bytes(line))
    if start == V2_SIGNATURE[: len(start)]:
        fixed = start + await exactly(V2_FIXED - len(start))
        return parse_v2(fixed + await exactly(v2_body_length(fixed)))
    raise ProxyError("connection did not start with a PROXY header")


def _local_for(client: str) -> str:
    return "::1" if ":" in client else "127.0.0.1"


def v1_header(client: str, port: int, server: str | None = None, server_port: int = 22) -> bytes:
    """A v1 header for `client`: what a balancer sends (used by tests and load tools)."""
    family = "TCP6" if ":" in client else "TCP4"
    server = server or _local_for(client)
    return f"PROXY {family} {client} {server} {port} {server_port}\r\n".encode()


def v2_header(client: str, port: int, server: str | None = None, server_port: int = 22) -> bytes:
    """A v2 PROXY header for `client` (TCP over IPv4 or IPv6)."""
    server = server or _local_for(client)
    kind = socket.AF_INET6 if ":" in client else socket.AF_INET
    family = 0x21 if kind == socket.AF_INET6 else 0x11
    body = socket.inet_pton(kind, client) + socket.inet_pton(kind, server)
    body += struct.pack("!HH", port, server_port)
    return V2_SIGNATURE + bytes([0x21, family]) + struct.pack("!H", len(body)) + body
