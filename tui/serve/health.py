"""A tiny HTTP health endpoint for the load balancer's and the orchestrator's probes.

200 while the demo would take a new visitor, 503 whenever it would refuse one (draining, the
session template down, every session slot or every connection slot taken), each with a short
reason: `readiness`, the one answer both demos give. A TCP probe would say "up" while the
template is dead or the pod is full; this one tells the truth, and it is not counted against
any visitor's rate limit because it listens on its own port.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Protocol

REQUEST_TIMEOUT = 5.0
MAX_REQUEST = 8192


class Gate(Protocol):
    """Anything that can turn every new visitor away: an admission, a front door."""

    @property
    def full(self) -> bool: ...


def readiness(draining: bool, template_alive: bool, *gates: Gate) -> tuple[bool, str]:
    """(True, "ok") while a new visitor would be let in; otherwise (False, why)."""
    if draining:
        return False, "draining"
    if not template_alive:
        return False, "session template down"
    if any(gate.full for gate in gates):
        return False, "full"
    return True, "ok"


def response(ok: bool, reason: str) -> bytes:
    status = "200 OK" if ok else "503 Service Unavailable"
    body = f"{reason}\n".encode()
    head = (f"HTTP/1.0 {status}\r\nContent-Type: text/plain\r\nCache-Control: no-store\r\n"
            f"X-Content-Type-Options: nosniff\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n")  # fmt: skip
    return head.encode() + body


Status = Callable[[], tuple[bool, str]]


async def start_health_server(host: str, port: int, status: Status) -> asyncio.Server:
    """Answer every HTTP request with `status()`: (True, "ok") or (False, why)."""

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            async with asyncio.timeout(REQUEST_TIMEOUT):
                await reader.readuntil(b"\r\n\r\n")  # the request itself does not matter
                writer.write(response(*status()))
                await writer.drain()
        except (TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, OSError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()

    return await asyncio.start_server(answer, host, port, limit=MAX_REQUEST)
