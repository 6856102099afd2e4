"""`hustings serve-web`: the comparison app for anyone, in a browser tab.

Built with textual-serve (Textualize's own): its page script, stylesheet and fonts are served
from its package, and each tab's app is spoken to in its packets (service.py). The server, its
routes and the websocket are ours, on aiohttp, as textual-serve's `Server` makes them but
shaped to the demo's rules. What is ours, and why:

- A tab's app is forked from serve-ssh's warm session template (forked.py), not started as a
  fresh Python as textual-serve does: a fork costs a third of the time and CPU.

- The listening socket is tui/serve/frontdoor.py's, handed to aiohttp connection by connection,
  because the PROXY protocol and the connection caps are applied at accept, before HTTP.
- Who gets a session is tui/serve/admission.py's rules, applied per websocket (a tab), because a
  browser opens several connections per tab: per-address and global caps and the rate count
  sessions. The page itself says "busy" before a tab tries (the same rules, not counted).
- The page is ours: no font from a third-party host, no inline script, and a
  Content-Security-Policy that lets it talk to this server only. Every response, the HTTP
  parser's errors and the refusal at accept among them, carries the security headers and a
  `Server` that names no versions; a malformed request is one summarised log line.
- A connection has --header-timeout seconds to send each request's headers (aiohttp's
  keep-alive timer, which also runs from the moment a connection opens), and a websocket
  opens only for a page of this host's (its `Origin`) or one --allow-origin names.
- Sizes from the URL and from resize messages are clamped (tui/serve/limits.py clamp_size).
- No /download route: the demo delivers no files, and the app's demo mode refuses them too.
- /favicon.ico answers 204 (no content): the demo has no logo, and a 404 is noise.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import importlib.resources
import ipaddress
import json
import logging
import re
import socket
import string
import sys
import time
from collections import Counter
from http import HTTPStatus
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web
from aiohttp.web_protocol import RequestHandler
from textual_serve.server import to_int

from ..admission import BUSY, MESSAGES, Admission, Ticket
from ..capacity import max_sessions
from ..fork.launcher import Launcher
from ..frontdoor import FrontDoor
from ..goodbyes import (
    GOODBYE,
    IDLE,
    NOT_UNDERSTOOD,
    TOO_LONG,
    ending_called,
    line,
)
from ..lifecycle import EXIT_FAILED, Demo, serve_until_signalled
from ..limits import clamp_size
from ..logs import Throttled, session_line
from ..options import config_from
from ..terminal import RESET, VisitorInput
from .options import WebConfig
from .origin import allowed
from .service import DemoAppService

log = logging.getLogger("hustings.web")
HERE = Path(__file__).parent
# textual-serve's page script (textual.js), its stylesheet and fonts, served as they are.
TEXTUAL_SERVE_STATIC = Path(str(importlib.resources.files("textual_serve") / "static"))
PAGE = string.Template((HERE / "page.html").read_text(encoding="utf-8"))
BUSY_PAGE = string.Template((HERE / "busy.html").read_text(encoding="utf-8"))
STATEMENT = string.Template((HERE / "accessibility.html").read_text(encoding="utf-8"))
CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "font-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
       "form-action 'none'; frame-ancestors 'none'")  # fmt: skip
# On every response: this host only (CSP), no sniffing, no referrer, not framed, no versions.
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Server": "hustings",
}
MAX_MESSAGE = 64 * 1024  # bytes in one websocket message from a browser
DEFAULT_SIZE = (80, 24)
_HOST = re.compile(r"[A-Za-z0-9.\-]{1,253}(:\d{1,5})?|\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?")
START_TIMEOUT = 30.0  # seconds a tab's app may take to start
VISITOR_TIMEOUT = 30.0  # seconds a tab may take to read what the app drew before it is ended
GOODBYE_TIMEOUT = 2.0  # seconds the goodbye may take to be written
CLOSE_TIMEOUT = 3.0  # seconds the websocket's closing handshake may take


def connection_admission(config: WebConfig) -> Admission:
    """The caps on TCP connections at accept (a tab needs a few: page, assets, websocket).

    Behind --trusted-proxy every connection comes from the proxy, so only the total counts.
    """
    total = 4 * config.max_sessions + 16
    trusting = config.trusted_proxy is not None
    per_ip = total if trusting else 8 * config.per_ip
    rate = 10**9 if trusting else 60 * max(config.per_ip, config.sessions_per_minute)
    return Admission(total, per_ip, rate, max_connections=total)


def http_refusal(reason: str) -> bytes:
    """What a connection refused at accept reads: a plain 503, never a bare line."""
    body = f"{MESSAGES.get(reason, MESSAGES[BUSY])}\n".encode()
    headers = "".join(f"{name}: {value}\r\n" for name, value in SECURITY_HEADERS.items())
    return (b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
            b"Retry-After: 30\r\nCache-Control: no-store\r\nConnection: close\r\n"
            b"%sContent-Length: %d\r\n\r\n%s"
            % (headers.encode(), len(body), body))  # fmt: skip


class WebServer(Demo[WebConfig]):
    """What textual-serve's server does (a page, its files, a websocket per tab), shaped to the
    demo's rules."""

    def __init__(self, config: WebConfig, launcher: Launcher) -> None:
        self.config, self.launcher = config, launcher
        self.admission = Admission(config.max_sessions, config.per_ip,
                                   config.sessions_per_minute,
                                   max_connections=config.max_sessions)  # fmt: skip
        self.front_door = FrontDoor(connection_admission(config), self._handle, log,
                                    proxy_protocol=config.proxy_protocol,
                                    header_timeout=config.header_timeout,
                                    refusal=http_refusal)  # fmt: skip
        self.refused = Throttled(log, "sessions refused")
        self.malformed = Throttled(log, "malformed requests")
        self.sessions: set[WebSession] = set()
        self.tickets: dict[Any, Ticket] = {}
        self.runner: web.AppRunner | None = None
        self.in_flight: Counter[Any] = Counter()  # requests being answered, per connection

    # -- the listening side ---------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._in_flight])
        app.on_response_prepare.append(security_headers)
        app.add_routes([
            web.get("/", self.handle_index),
            web.get("/accessibility", self.handle_statement),
            web.get("/ws", self.handle_websocket),
            web.get("/favicon.ico", no_icon),
            web.static("/static", TEXTUAL_SERVE_STATIC),
            web.static("/hustings", HERE / "static"),
        ])  # fmt: skip
        return app

    async def start(self) -> None:
        self.runner = web.AppRunner(await self._make_app(), handle_signals=False,
                                    **self.handler_options())  # fmt: skip
        await self.runner.setup()
        await self.listen()

    def handler_options(self) -> dict[str, Any]:
        """The settings of aiohttp's handler of each connection, given to the runner and to
        `TicketedHandler` alike. keepalive_timeout: the time a connection may take to send a
        request's headers (it runs from the moment it opens, and between requests), never
        during a request or a tab."""
        return {"access_log": None, "keepalive_timeout": self.config.header_timeout}

    async def _handle(self, sock: socket.socket, ticket: Ticket) -> None:
        """An admitted connection: HTTP from here on, aiohttp's, with its ticket remembered."""
        assert self.runner is not None and self.runner.server is not None
        manager = self.runner.server
        loop = asyncio.get_running_loop()

        def protocol() -> TicketedHandler:
            # web.Server() would make a plain RequestHandler; ours has the same settings.
            return TicketedHandler(ticket, self.tickets, self.malformed, manager, loop=loop,
                                   **self.handler_options())  # fmt: skip

        await asyncio.get_running_loop().connect_accepted_socket(protocol, sock)

    @property
    def listening_port(self) -> int:
        return self.front_door.port

    def _peer(self, request: web.Request) -> str:
        """The connection's client: its peer, or the address its PROXY header named."""
        ticket = self.tickets.get(request.transport)
        return ticket.ip if ticket is not None else (request.remote or "unknown")

    def _via_trusted_proxy(self, request: web.Request) -> bool:
        trusted = self.config.trusted_proxy
        return trusted is not None and _in_network(self._peer(request), trusted)

    def client_ip(self, request: web.Request) -> str | None:
        """The visitor's address: the connection's (or its PROXY header's), or the last
        X-Forwarded-For entry when the connection comes from --trusted-proxy. None: unusable."""
        peer = self._peer(request)
        if not self._via_trusted_proxy(request):
            return peer
        forwarded = ",".join(request.headers.getall("X-Forwarded-For", []))
        if not forwarded.strip():
            return peer
        try:
            return str(ipaddress.ip_address(forwarded.split(",")[-1].strip()))
        except ValueError:
            return None

    def websocket_url(self, request: web.Request) -> str | None:
        host = request.headers.get("Host", "")
        if not _HOST.fullmatch(host):
            return None
        secure = request.secure
        if self._via_trusted_proxy(request):  # TLS ended at the ingress
            secure = secure or request.headers.get("X-Forwarded-Proto", "").lower() == "https"
        return f"{'wss' if secure else 'ws'}://{host}/ws"

    # -- the page and the websocket -------------------------------------------------------

    async def handle_index(self, request: web.Request) -> web.Response:
        ip = self.client_ip(request)
        url = self.websocket_url(request)
        if ip is None or url is None:
            return web.Response(status=400, text="Bad request.\n")
        reason = BUSY if self.draining else self.admission.refusal(ip)
        if reason is not None:
            return busy_page(reason)
        font_size = max(8, min(40, to_int(request.query.get("fontsize", "16"), 16)))
        body = PAGE.substitute(websocket_url=html.escape(url), font_size=font_size)
        return web.Response(text=body, content_type="text/html",
                            headers={"Cache-Control": "no-store"})  # fmt: skip

    async def handle_statement(self, request: web.Request) -> web.Response:
        """The accessibility statement, in the form UK public-sector sites use."""
        return web.Response(text=statement_page(self.config), content_type="text/html")

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        ip = self.client_ip(request)
        if ip is None:
            raise web.HTTPBadRequest(text="Bad request.\n")
        origin = request.headers.get("Origin")
        if not allowed(origin, request.headers.get("Host", ""), self.config.allow_origins):
            self.refused.note("origin")
            raise web.HTTPForbidden(text="This demo opens sessions for its own pages only.\n")
        await websocket.prepare(request)
        admitted = BUSY if self.draining else self.admission.admit(ip)
        reason = admitted if isinstance(admitted, str) else admitted.start_session()
        if reason is not None or isinstance(admitted, str):
            reason = reason or BUSY
            self.refused.note(reason)
            if isinstance(admitted, Ticket):
                admitted.close()
            with contextlib.suppress(Exception):
                await websocket.send_bytes(line(MESSAGES[reason]))
                await websocket.close()
            return websocket
        size = clamp_size(to_int(request.query.get("width", "80"), DEFAULT_SIZE[0]),
                          to_int(request.query.get("height", "24"), DEFAULT_SIZE[1]))  # fmt: skip
        ticket = admitted
        session = WebSession(self, request, websocket, ticket, size)
        self.sessions.add(session)
        try:
            await session.run()
        finally:
            self.sessions.discard(session)
            ticket.close()
        return websocket

    def stop_accepting(self) -> None:
        """Retire (SIGHUP): the listening socket closes and idle kept-alive connections are
        closed, so a balancer's next request goes elsewhere; a request already on its way (a
        page, a tab's websocket) is still served, and open tabs run to their own end."""
        super().stop_accepting()
        if self.runner is not None and self.runner.server is not None:
            for handler in self.runner.server.connections:
                if not self.in_flight[handler.transport]:
                    handler.close()  # idle, kept alive: nothing on it is cut

    @web.middleware
    async def _in_flight(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """Count the requests being answered on each connection (so that retiring closes only
        idle ones); while retiring, each connection closes after its answer."""
        self.in_flight[request.transport] += 1
        try:
            response = await handler(request)
            if self.retiring and not isinstance(response, web.WebSocketResponse):
                response.force_close()
            return response
        finally:
            self.in_flight[request.transport] -= 1
            if not self.in_flight[request.transport]:
                del self.in_flight[request.transport]

    async def drained(self, grace: float) -> None:
        if self.runner is not None:
            with contextlib.suppress(Exception):
                async with asyncio.timeout(grace):
                    await self.runner.cleanup()
        self.refused.flush()
        self.malformed.flush()
        self.front_door.refused.flush()


class TicketedHandler(RequestHandler):
    """aiohttp's handler for one connection, which notes the connection's admission ticket
    (for the client address) and frees it when the connection ends. A request the parser
    refuses (a bad method or version, Content-Length with chunked, an oversized header) gets a
    plain answer that repeats nothing of it, with the security headers, and is counted in one
    summarised log line: never a traceback."""

    def __init__(self, ticket: Ticket, tickets: dict[Any, Ticket], malformed: Throttled,
                 *args: Any, **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.ticket, self.tickets, self.malformed = ticket, tickets, malformed
        self.seen: asyncio.BaseTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.seen = transport
        self.tickets[transport] = self.ticket
        super().connection_made(transport)

    def connection_lost(self, exc: BaseException | None) -> None:
        self.tickets.pop(self.seen, None)
        self.ticket.close()
        super().connection_lost(exc)

    def handle_error(self, request: Any, status: int = 500, exc: BaseException | None = None,
                     message: str | None = None) -> web.StreamResponse:  # fmt: skip
        if status >= 500:
            log.error("request failed: %s", _summary(exc))
        else:
            self.malformed.note(type(exc).__name__ if exc is not None else str(status))
        if request.writer.output_size > 0:  # part of a response has gone: nothing to add
            raise ConnectionError("the response had already started")
        try:
            text = f"{status} {HTTPStatus(status).phrase}\n"
        except ValueError:
            text = f"{status}\n"
        headers = {**SECURITY_HEADERS, "Cache-Control": "no-store"}
        response = web.Response(status=status, text=text, headers=headers)
        response.force_close()
        return response

    def log_exception(self, *args: Any, **kwargs: Any) -> None:
        """aiohttp's 'Unhandled exception' and the like: one line, no traceback."""
        exc = kwargs.get("exc_info")
        log.error("%s: %s", args[0] if args else "error", _summary(exc))


def _summary(exc: object) -> str:
    """An exception as one log line: its type and its message, quoted."""
    if not isinstance(exc, BaseException):
        return "unknown"
    return f"{type(exc).__name__}: {str(exc)[:200]!r}"


async def security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """Every response the app makes (pages, files, websockets, errors): SECURITY_HEADERS."""
    response.headers.update(SECURITY_HEADERS)


async def no_icon(request: web.Request) -> web.Response:
    """Browsers ask every site for /favicon.ico. The demo has no logo, and a 404 would be noise
    in every tab's console and in the log: 204, kept for a day."""
    return web.Response(status=204, headers={"Cache-Control": "max-age=86400"})


def busy_page(reason: str) -> web.Response:
    body = BUSY_PAGE.substitute(message=html.escape(MESSAGES.get(reason, MESSAGES[BUSY])))
    return web.Response(status=503, text=body, content_type="text/html",
                        headers={"Retry-After": "30", "Cache-Control": "no-store"})  # fmt: skip


def statement_page(config: WebConfig) -> str:
    """The statement, with this server's time limits and the operator's contact, if given."""
    contact = config.accessibility_contact.strip()
    if contact.startswith(("https://", "http://")):
        where = f'<a href="{html.escape(contact)}">{html.escape(contact)}</a>'
    elif "@" in contact and " " not in contact:
        where = f'<a href="mailto:{html.escape(contact)}">{html.escape(contact)}</a>'
    else:
        where = html.escape(contact)
    if where:
        told = f"tell the people who run this demo: {where}."
    else:
        told = (
            "tell the people who run this demo. They have not given an address here; "
            "the README of hustings says how to report a problem to its developers."
        )
    return STATEMENT.substitute(contact=told, idle_minutes=_duration(config.idle_timeout),
                                max_minutes=_duration(config.max_session))  # fmt: skip


def _duration(seconds: float) -> str:
    """'5 minutes', '1 minute', '90 seconds': a time limit in words."""
    if seconds >= 60 and seconds % 60 == 0:
        minutes = int(seconds // 60)
        return f"{minutes} minute{'s' * (minutes != 1)}"
    return f"{seconds:g} second{'s' * (seconds != 1)}"


def _in_network(address: str, network: ipaddress.IPv4Network | ipaddress.IPv6Network) -> bool:
    try:
        return ipaddress.ip_address(address) in network
    except ValueError:
        return False


class WebSession:
    """One tab: its app process, the messages between them, its timers, one log line.

    However it ends (the visitor, the app, a limit, the server), it ends once and in bounded
    time: the first reason wins, the app is stopped (killed if need be), the goodbye is written
    if it can be within GOODBYE_TIMEOUT, the websocket is closed (its connection dropped if the
    close cannot finish), and one line is logged with that reason.
    """

    def __init__(self, server: WebServer, request: web.Request, websocket: web.WebSocketResponse,
                 ticket: Ticket, size: tuple[int, int]) -> None:  # fmt: skip
        self.server, self.websocket, self.ticket = server, websocket, ticket
        self.size, self.agent = size, request.headers.get("User-Agent")
        self.transport = request.transport
        self.started = time.monotonic()
        self.last_input = self.started
        self.why: str | None = None
        self.goodbye: bytes | None = GOODBYE
        self.input = VisitorInput(focus_reports=False)  # a tab's focus comes in messages
        self.closing: asyncio.Task | None = None
        self.service = DemoAppService(
            server.launcher, server.config.limits, to_visitor=self._to_visitor,
            closed=self._app_closed,
        )  # fmt: skip

    async def _to_visitor(self, data: bytes | str) -> None:
        """The app's output to the tab, bounded: a tab that reads nothing for VISITOR_TIMEOUT
        seconds ends its session."""
        try:
            async with asyncio.timeout(VISITOR_TIMEOUT):
                if isinstance(data, str):
                    await self.websocket.send_str(data)
                else:
                    await self.websocket.send_bytes(data)
        except TimeoutError:
            self.end("stalled", None)
        except (ConnectionError, RuntimeError):  # closed under us: the relay notices
            pass

    async def _app_closed(self) -> None:
        """The app said 'exit' (the visitor quit it)."""
        self.end("quit", GOODBYE)

    def end(self, why: str, goodbye: bytes | None) -> None:
        """End the session once (first reason wins): the message loop stops, run() tidies up."""
        if self.why is None:
            self.why, self.goodbye = why, goodbye
            self.closing = asyncio.get_running_loop().create_task(self._close())

    async def _close(self) -> None:
        """Stop the app, say goodbye, close the websocket: each step bounded."""
        await self.service.stop()
        if self.goodbye is not None and not self.websocket.closed:
            with contextlib.suppress(Exception):
                async with asyncio.timeout(GOODBYE_TIMEOUT):
                    await self.websocket.send_bytes(RESET + self.goodbye)
        await self._close_websocket()

    async def _close_websocket(self) -> None:
        try:
            async with asyncio.timeout(CLOSE_TIMEOUT):
                await self.websocket.close()
        except Exception:  # a close that cannot finish: drop the connection
            if self.transport is not None:
                self.transport.abort()

    async def run(self) -> None:
        watchers: list[asyncio.Task] = []
        try:
            try:
                async with asyncio.timeout(START_TIMEOUT):
                    await self.service.start(*self.size)
            except (OSError, TimeoutError, RuntimeError):  # no process, or a template restarting
                self.end("start failed", line(MESSAGES[BUSY]))
                return
            loop = asyncio.get_running_loop()
            watchers = [loop.create_task(self._watch_clock()), loop.create_task(self._watch_app())]
            await self._relay()
            self.end("disconnect", None)
        finally:
            for watcher in watchers:
                watcher.cancel()
            if self.closing is None:  # cancelled before any reason: the server is stopping
                self.end("server shutdown", None)
            assert self.closing is not None
            with contextlib.suppress(BaseException):
                await asyncio.shield(self.closing)
            self._log()

    async def _watch_app(self) -> None:
        """The app's output has ended: it quit, crashed, hit a limit or was killed."""
        task = self.service.app_task
        if task is not None:
            await asyncio.wait({task})
        try:
            why = await self.service.ending()
        except Exception:  # whatever went wrong, the session still ends, and is logged
            log.warning("could not tell how an app ended", exc_info=True)
            why = "crash"
        self.end(why, ending_called(why).goodbye)

    async def _relay(self) -> None:
        """Browser to app: keys (made fit: terminal.VisitorInput), clamped sizes, focus, ping."""
        service = self.service
        async for message in self.websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
                kind, data = envelope[0], (envelope[1] if len(envelope) > 1 else None)
            except (ValueError, TypeError, IndexError, KeyError):
                continue
            except RecursionError:  # nested past Python's limit: no browser sends that
                return self.end("bad message", NOT_UNDERSTOOD)
            if kind == "stdin" and isinstance(data, str):
                self.last_input = time.monotonic()
                if keys := self.input.feed(data.encode("utf-8", "replace")):
                    await service.send_bytes(keys)
            elif kind == "resize" and isinstance(data, dict):
                self.size = clamp_size(_number(data.get("width")), _number(data.get("height")))
                await service.set_terminal_size(*self.size)
            elif kind == "ping" and isinstance(data, str) and len(data) <= 32:
                await self._to_visitor(json.dumps(["pong", data]))
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    async def _watch_clock(self) -> None:
        """Idle and total time limits, checked when the next one could fall due."""
        config = self.server.config
        while self.why is None:
            now = time.monotonic()
            if now - self.started >= config.max_session:
                return self.end("time limit", TOO_LONG)
            if now - self.last_input >= config.idle_timeout:
                return self.end("idle timeout", IDLE)
            due = min(self.started + config.max_session, self.last_input + config.idle_timeout)
            await asyncio.sleep(max(0.05, due - now))

    def _log(self) -> None:
        """One line per session; never what was typed; whatever the browser chose, repr()."""
        log.info(session_line(ip=self.ticket.ip, agent=self.agent, size=self.size,
                              end=self.why or "disconnect",
                              duration=time.monotonic() - self.started))  # fmt: skip


def _number(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


async def serve(config: WebConfig, launcher: Launcher, ready=None) -> int:
    """Serve until a signal (tui/serve/lifecycle.py says which does what); the exit status."""
    server = WebServer(config, launcher)

    def serving() -> str:
        health = f", health on port {server.health_port}" if server.health is not None else ""
        where = f"http://{config.host}:{server.listening_port}"
        return f"serving on {where} ({launcher.kind} sessions{health})"

    listening = (config.host, config.port)
    return await serve_until_signalled(server, launcher, log, listening, serving, ready)


def config_from_options(options) -> WebConfig:
    return config_from(options, WebConfig, allow_origins=tuple(options.allow_origin),
                       max_sessions=max_sessions(options.max_sessions, "web", log))  # fmt: skip


def serve_from_options(options, launcher: Launcher | None = None) -> int:
    """Serve with the options of `hustings serve-web`; each tab's app forked from the session
    template, unless another `launcher` is given (benchmarks/spawn_sessions.py)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("aiohttp").setLevel(logging.WARNING)
    config = config_from_options(options)
    from .forked import use_web_driver

    use_web_driver()  # in the environment the template (or any session's app) starts with
    if launcher is None:
        from ..fork.template import Template

        launcher = Template()
    try:
        try:
            launcher.start()  # the template is warm before the first visitor is let in
        except (OSError, RuntimeError) as exc:
            print(f"hustings serve-web: cannot start the session template: {exc}",
                  file=sys.stderr)  # fmt: skip
            return EXIT_FAILED
        return asyncio.run(serve(config, launcher))
    finally:
        launcher.stop()
