"""The listening socket: accept, learn the client's address, admit or refuse, hand over.

All of it happens before the protocol on top (SSH, HTTP) does any work, so a refused or
hoarding client costs one accept() and one short write, never a key exchange. The handler gets
the connected socket and the connection's admission Ticket, and owns both from then on.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import socket
from collections.abc import Awaitable, Callable

from .admission import MESSAGES, Admission, Ticket
from .logs import Throttled
from .proxy import ProxyError, read_proxy_header

ACCEPT_BACKOFF = 0.1  # seconds to wait after accept() fails (out of descriptors, say)
BACKLOG = 128
Handler = Callable[[socket.socket, Ticket], Awaitable[None]]


def refusal_line(reason: str) -> bytes:
    """One line for a human: SSH allows lines before its banner. The default refusal."""
    message = MESSAGES.get(reason)
    return f"{message}\r\n".encode() if message else b""


class FrontDoor:
    """One listening socket and the admission rules applied to whoever connects to it."""

    def __init__(self, admission: Admission, handler: Handler, log: logging.Logger, *,
                 proxy_protocol: bool = False, header_timeout: float = 10.0,
                 refusal: Callable[[str], bytes] = refusal_line) -> None:  # fmt: skip
        self.admission, self.handler, self.log = admission, handler, log
        self.refusal = refusal
        self.proxy_protocol, self.header_timeout = proxy_protocol, header_timeout
        self.listener: socket.socket | None = None
        self.refused = Throttled(log, "connections refused at accept")
        self.accept_errors = Throttled(log, "accept() failed")
        self.awaiting_header = 0
        self._tasks: set[asyncio.Task] = set()
        self._accepting: asyncio.Task | None = None

    async def open(self, host: str, port: int) -> None:
        family, _, _, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        self.listener = socket.create_server(address, family=family, backlog=BACKLOG)
        self.listener.setblocking(False)
        self._accepting = asyncio.get_running_loop().create_task(self._accept_forever())

    @property
    def full(self) -> bool:
        """A new connection would be refused now: every connection slot is taken, or (with the
        PROXY protocol) as many connections are still sending their header."""
        waiting = self.proxy_protocol and self.awaiting_header >= (
            self.admission.max_connections or 1
        )
        return self.admission.full or waiting

    @property
    def port(self) -> int:
        assert self.listener is not None
        return self.listener.getsockname()[1]

    def close(self) -> None:
        """Stop accepting; connections already handed over are the handler's to end."""
        if self._accepting is not None:
            self._accepting.cancel()
        if self.listener is not None:
            self.listener.close()
        self.refused.flush()
        self.accept_errors.flush()

    async def _accept_forever(self) -> None:
        loop = asyncio.get_running_loop()
        assert self.listener is not None
        while True:
            try:
                sock, peer = await loop.sock_accept(self.listener)
            except OSError as exc:  # out of descriptors or memory: say so once per interval
                self.accept_errors.note(errno.errorcode.get(exc.errno or 0, type(exc).__name__))
                await asyncio.sleep(ACCEPT_BACKOFF)
                continue
            self.admission.forget_idle_addresses()
            task = loop.create_task(self._welcome(sock, str(peer[0])))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _welcome(self, sock: socket.socket, peer: str) -> None:
        sock.setblocking(False)
        client = peer
        if self.proxy_protocol:
            if self.awaiting_header >= (self.admission.max_connections or 1):
                return self._refuse(sock, "full")
            self.awaiting_header += 1
            try:
                async with asyncio.timeout(self.header_timeout):
                    header = await read_proxy_header(sock)
            except (ProxyError, TimeoutError, OSError):
                return self._refuse(sock, "bad-proxy-header")
            finally:
                self.awaiting_header -= 1
            client = header.client or peer
        ticket = self.admission.admit(client)
        if isinstance(ticket, str):
            return self._refuse(sock, ticket)
        try:
            await self.handler(sock, ticket)
        except Exception as exc:  # the handshake failed: the connection is already gone
            self.log.debug("connection from %r ended before a session: %r", client, exc)
            ticket.close()
            with contextlib.suppress(OSError):
                sock.close()

    def _refuse(self, sock: socket.socket, reason: str) -> None:
        """What the protocol on top says to a refused client (`refusal`), then close."""
        self.refused.note(reason)
        with contextlib.suppress(OSError):
            if message := self.refusal(reason):
                sock.send(message)
        sock.close()
