"""`hustings serve-ssh`: the comparison app for anyone, over SSH, and nothing else.

Any username, no password or key. Each session gets its own process on its own PTY, started
from a warm session template (see template.py). Everything but an interactive shell with a
PTY is refused: exec, subsystems (sftp), port forwarding, agent and X11 forwarding.

Who gets in is decided at accept, before key exchange (tui/serve/frontdoor.py, admission.py);
from there a connection belongs to asyncssh, with one `Gatekeeper` per connection and at most
one `DemoSession` per connection.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import sys
from pathlib import Path

import asyncssh

from ..admission import Admission, Ticket
from ..capacity import max_sessions
from ..fork.launcher import Launcher
from ..frontdoor import FrontDoor
from ..lifecycle import EXIT_CONFIG, EXIT_FAILED, Demo, serve_until_signalled
from ..logs import Throttled
from ..options import config_from
from .hostkey import HostKeyError, default_host_key_path, load_or_create_host_key
from .options import ServerConfig
from .session import DemoSession

log = logging.getLogger("hustings.ssh")


class DemoServer(Demo[ServerConfig]):
    """Owns the front door, the admission rules, the health endpoint and the live sessions."""

    def __init__(self, config: ServerConfig, launcher: Launcher) -> None:
        self.config = config
        self.launcher = launcher
        self.admission = Admission(
            config.max_sessions,
            config.per_ip,
            config.connections_per_minute,
            max_connections=config.max_connections,
        )
        self.sessions: set[DemoSession] = set()
        self.front_door = FrontDoor(
            self.admission, self._handle, log,
            proxy_protocol=config.proxy_protocol, header_timeout=config.login_timeout,
        )  # fmt: skip
        self.no_session = Throttled(log, "connections closed without opening a session")
        self.options: asyncssh.SSHServerConnectionOptions | None = None

    async def start(self) -> None:
        key = load_or_create_host_key(self.config.host_key or default_host_key_path())
        self.options = await asyncssh.SSHServerConnectionOptions.construct(
            server_host_keys=[key],
            encoding=None,  # bytes in, bytes out: the app speaks to a terminal
            line_editor=False,  # keys go straight to the app
            agent_forwarding=False,
            x11_forwarding=False,
            allow_scp=False,
            sftp_factory=None,
            login_timeout=self.config.login_timeout,
            keepalive_interval=30,
            keepalive_count_max=3,
        )
        await self.listen()

    async def _handle(self, sock: socket.socket, ticket: Ticket) -> None:
        """An admitted connection: SSH from here on, one gatekeeper owning the ticket."""
        await asyncssh.run_server(
            sock, options=self.options, server_factory=lambda: Gatekeeper(self, ticket)
        )

    @property
    def port(self) -> int:
        return self.front_door.port

    @property
    def has_visitors(self) -> bool:
        """Connections already accepted may still open their session: they count too."""
        return bool(self.sessions) or self.admission.total_connections > 0

    async def drained(self, grace: float) -> None:
        self.no_session.flush()


class Gatekeeper(asyncssh.SSHServer):
    """Per connection: no authentication, one session at most, and nothing but that session."""

    def __init__(self, server: DemoServer, ticket: Ticket) -> None:
        self.server, self.ticket = server, ticket
        self.conn: asyncssh.SSHServerConnection | None = None
        self.username: str | None = None
        self.session: DemoSession | None = None
        self.timer: asyncio.TimerHandle | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        loop = asyncio.get_running_loop()
        self.timer = loop.call_later(self.server.config.login_timeout, self._login_expired)

    def _login_expired(self) -> None:
        """asyncssh's login timeout ends at authentication, which is instant here: ours ends
        when the session starts, so a connection cannot be held open without one."""
        if self.session is None and self.conn is not None:
            self.server.no_session.note("login timeout")
            self.conn.close()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.timer is not None:
            self.timer.cancel()
        self.ticket.close()

    def begin_auth(self, username: str) -> bool:
        self.username = username
        return False  # anyone, no password or key: it is a public demo

    def session_requested(self):
        if self.session is not None:  # one session per connection
            return False
        self.session = DemoSession(self.server, self)
        return self.session

    def session_closed(self) -> None:
        """The session's channel has closed: the connection has nothing left to do."""
        if self.conn is not None:
            self.conn.close()

    def connection_requested(self, *args, **kwargs) -> bool:
        return False  # local port forwarding (direct-tcpip)

    def server_requested(self, *args, **kwargs) -> bool:
        return False  # remote port forwarding

    def unix_connection_requested(self, *args, **kwargs) -> bool:
        return False

    def unix_server_requested(self, *args, **kwargs) -> bool:
        return False

    def tun_requested(self, *args, **kwargs) -> bool:
        return False


async def serve(config: ServerConfig, launcher: Launcher, ready=None) -> int:
    """Serve until a signal (tui/serve/lifecycle.py says which does what); the exit status."""
    server = DemoServer(config, launcher)

    def serving() -> str:
        health = f", health on port {server.health_port}" if server.health is not None else ""
        return f"serving on {config.host}:{server.port} ({launcher.kind} sessions{health})"

    listening = (config.host, config.port)
    return await serve_until_signalled(server, launcher, log, listening, serving, ready)


def host_key_path(options) -> Path:
    return Path(options.host_key) if options.host_key else default_host_key_path()


def config_from_options(options) -> ServerConfig:
    return config_from(options, ServerConfig, host_key=host_key_path(options),
                       max_sessions=max_sessions(options.max_sessions, "ssh", log))  # fmt: skip


def serve_from_options(options, launcher: Launcher | None = None) -> int:
    """Serve with the options of `hustings serve-ssh`; each session's app forked from the
    session template, unless another `launcher` is given (benchmarks/spawn_sessions.py)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("asyncssh").setLevel(logging.WARNING)
    try:  # a bad key is one clear line, before anything
        load_or_create_host_key(host_key_path(options))
    except HostKeyError as exc:
        print(f"hustings serve-ssh: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    log.info("host key %s", host_key_path(options))
    config = config_from_options(options)
    if launcher is None:
        from ..fork.template import Template

        launcher = Template()
    try:
        try:
            launcher.start()  # the first template is warm before the first visitor is let in
        except (OSError, RuntimeError) as exc:
            print(f"hustings serve-ssh: cannot start the session template: {exc}", file=sys.stderr)
            return EXIT_FAILED
        return asyncio.run(serve(config, launcher))
    finally:
        launcher.stop()
