"""`hustings serve-ssh`: the comparison app for anyone, over SSH, and nothing else.

Any username, no password or key. Each session gets its own process on its own PTY, started
from a warm session template (see template.py). Everything but an interactive shell with a
PTY is refused: exec, subsystems (sftp), port forwarding, agent and X11 forwarding.

Who gets in is decided at accept, before key exchange (tui/demo/frontdoor.py, admission.py);
from there a connection belongs to asyncssh, with one `_Gatekeeper` per connection and at most
one `DemoSession` per connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import signal
import socket
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path

import asyncssh

from ..demo.admission import BUSY, MESSAGES, Admission, Ticket
from ..demo.frontdoor import FrontDoor
from ..demo.health import start_health_server
from ..demo.limits import SessionLimits, child_environment, clamp_size
from ..demo.logs import Throttled, session_line
from ..demo.terminal import RESET, InputCleaner, coalesce_motion
from .child import CRASH, QUIT
from .hostkey import HostKeyError, load_or_create_host_key
from .template import SessionProcess, Template

log = logging.getLogger("hustings.ssh")


def _line(text: str) -> bytes:
    return f"{text}\r\n".encode()


NO_PTY = _line("hustings is an interactive app: connect from a terminal (ssh -t ...).")
GOODBYE = _line("\r\nThanks for comparing with hustings. Goodbye.")
IDLE = _line("\r\nIdle for too long: goodbye.")
TOO_LONG = _line("\r\nThis demo session has reached its time limit: goodbye.")
RESTARTING = _line("\r\nThe demo server is restarting: please connect again shortly. Goodbye.")
CRASHED = _line("\r\nSorry, something went wrong in the demo and this session has to end. Goodbye.")
KILL_GRACE = 2.0  # seconds between SIGHUP and SIGKILL for a session's app
CLOSE_GRACE = 5.0  # seconds a connection may linger after its session has ended
HIGH_WATER, LOW_WATER = 64 * 1024, 16 * 1024  # visitor input waiting for the app, in bytes
WRITE_CHUNK = 4096


@dataclass
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 2222
    host_key: Path = Path("ssh_host_key")
    max_sessions: int = 50
    max_connections: int | None = None
    per_ip: int = 3
    connections_per_minute: int = 20
    idle_timeout: float = 300.0
    max_session: float = 1800.0
    login_timeout: float = 30.0
    proxy_protocol: bool = False
    health_port: int | None = None
    session_mode: str = "template"  # or "spawn": a fresh interpreter per session
    limits: SessionLimits = field(default_factory=SessionLimits)


class SessionLauncher:
    """Starts a session's app on a PTY: from the template, or a fresh interpreter (spawn).

    The boundary the server sees: `start()` before the event loop, `supervise()` inside it,
    `launch()` per session, `alive` for health, `stop()` at the end.
    """

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.template = Template() if mode == "template" else None

    def start(self) -> None:
        if self.template is not None:
            self.template.start()

    def supervise(self, on_fatal) -> None:
        if self.template is not None:
            self.template.supervise(on_fatal)

    @property
    def alive(self) -> bool:
        return self.template is None or self.template.alive

    async def launch(self, tty_fd: int, status_fd: int, env: dict[str, str],
                     limits: SessionLimits) -> SessionProcess:  # fmt: skip
        if self.template is not None:
            return await self.template.spawn(tty_fd, status_fd, env, limits)
        return _spawn_interpreter(tty_fd, status_fd, env)

    def stop(self) -> None:
        if self.template is not None:
            self.template.stop()


def _spawn_interpreter(tty_fd: int, status_fd: int, env: dict[str, str]) -> SessionProcess:
    """The costly way, kept to measure against: a fresh Python per session."""

    def controlling_terminal() -> None:  # runs in the child, after setsid and the dup2s
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    process = subprocess.Popen(
        [sys.executable, "-m", "tui.ssh.child", str(status_fd)],
        stdin=tty_fd, stdout=tty_fd, stderr=tty_fd, pass_fds=(status_fd,),
        env={**env, "PATH": os.environ.get("PATH", "")},
        start_new_session=True, preexec_fn=controlling_terminal,
    )  # fmt: skip
    process.returncode = 0  # reaped by the session that owns it, not by Popen
    return SessionProcess(process.pid, os.pidfd_open(process.pid), own_child=True)


class DemoServer:
    """Owns the front door, the admission rules, the health endpoint and the live sessions."""

    def __init__(self, config: ServerConfig, launcher: SessionLauncher) -> None:
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
        self.health: asyncio.Server | None = None
        self.no_session = Throttled(log, "connections closed without opening a session")
        self.draining = False
        self.options: asyncssh.SSHServerConnectionOptions | None = None

    async def start(self) -> None:
        key = load_or_create_host_key(self.config.host_key)
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
        await self.front_door.open(self.config.host, self.config.port)
        if self.config.health_port is not None:
            self.health = await start_health_server(
                self.config.host, self.config.health_port, self.health_status
            )

    async def _handle(self, sock: socket.socket, ticket: Ticket) -> None:
        """An admitted connection: SSH from here on, one gatekeeper owning the ticket."""
        await asyncssh.run_server(
            sock, options=self.options, server_factory=lambda: _Gatekeeper(self, ticket)
        )

    def health_status(self) -> tuple[bool, str]:
        if self.draining:
            return False, "draining"
        if not self.launcher.alive:
            return False, "session template down"
        if self.admission.full:
            return False, "full"
        return True, "ok"

    @property
    def port(self) -> int:
        return self.front_door.port

    @property
    def health_port(self) -> int | None:
        return None if self.health is None else self.health.sockets[0].getsockname()[1]

    async def drain(self, grace: float = 5.0) -> None:
        """Stop taking visitors, say goodbye to those here, and wait for their apps to end."""
        self.draining = True
        self.front_door.close()
        for session in list(self.sessions):
            session.end("server shutdown", RESTARTING)
        deadline = time.monotonic() + grace
        while self.sessions and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        if self.health is not None:
            self.health.close()
        self.no_session.flush()


class _Gatekeeper(asyncssh.SSHServer):
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


class DemoSession(asyncssh.SSHServerSession):
    """One visitor: a PTY, the app's process on it, and the bytes between them."""

    def __init__(self, server: DemoServer, gate: _Gatekeeper) -> None:
        self.server, self.gate = server, gate
        self.ip = gate.ticket.ip
        self.chan = None
        self.term: str | None = None
        self.command: str | None = None
        self.size = (80, 24)
        self.master: int | None = None
        self.status_pipe: int | None = None
        self.process: SessionProcess | None = None
        self.started = time.monotonic()
        self.last_input = self.started
        self.admitted = False
        self.ended = False
        self.logged = False
        self.timers: list[asyncio.TimerHandle] = []
        self.pending_input = bytearray()
        self.reading_paused = False
        self.cleaner = InputCleaner()
        self.starting: asyncio.Task | None = None

    # -- what the client may ask for -------------------------------------------------------

    def connection_made(self, chan) -> None:
        self.chan = chan

    def pty_requested(self, term_type: str, term_size, term_modes) -> bool:
        self.term = term_type
        self.size = clamp_size(term_size[0] or 80, term_size[1] or 24)
        return True

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        self.command = command
        return False

    def subsystem_requested(self, subsystem: str) -> bool:
        self.command = f"subsystem {subsystem}"
        return False  # sftp and everything else

    def break_received(self, msec: int) -> bool:
        return False

    # -- the session ----------------------------------------------------------------------

    def session_started(self) -> None:
        if self.term is None:
            return self._refuse(NO_PTY, "no pty")
        if self.server.draining:
            return self._refuse(RESTARTING, "draining")
        reason = self.gate.ticket.start_session()
        if reason is not None:
            return self._refuse(_line(MESSAGES[reason]), reason)
        self.admitted = True
        self.server.sessions.add(self)
        self.starting = asyncio.get_running_loop().create_task(self._start_app())
        return None

    def _refuse(self, message: bytes, why: str) -> None:
        self.ended = True
        self._say_goodbye(message, 1, reset=False)
        self._log(why)

    async def _start_app(self) -> None:
        loop = asyncio.get_running_loop()
        master, tty = os.openpty()
        status_read, status_write = os.pipe()
        try:
            self._set_size(master, *self.size)
            env = child_environment(self.term, self.chan.get_environment())
            self.process = await self.server.launcher.launch(
                tty, status_write, env, self.server.config.limits
            )
        except Exception as exc:  # the visitor gets a line, the log the reason
            log.warning("session start failed for %r: %s", self.ip, exc)
            os.close(master)
            os.close(status_read)
            self.end("start failed", _line(MESSAGES[BUSY]), status=1)
            return
        finally:
            os.close(tty)
            os.close(status_write)
        self.master, self.status_pipe = master, status_read
        os.set_blocking(master, False)
        os.set_blocking(status_read, False)
        if self.ended:  # the visitor left while the app was starting
            self._stop_child()
            return
        loop.add_reader(master, self._on_output)
        config = self.server.config
        self.timers.append(loop.call_later(config.max_session, self._expire))
        self.timers.append(loop.call_later(config.idle_timeout / 4, self._check_idle))

    def _on_output(self) -> None:
        try:
            data = os.read(self.master, 65536)
        except BlockingIOError:
            return
        except OSError:  # EIO: the app has ended and closed the terminal
            data = b""
        if not data:
            self._app_ended()
            return
        try:
            self.chan.write(data)
        except (OSError, asyncssh.Error):  # the channel has closed under us
            self.end("disconnect", None)

    def _app_ended(self) -> None:
        """The app closed its terminal: its status byte says whether it quit or crashed."""
        try:
            outcome = os.read(self.status_pipe, 1)
        except OSError:
            outcome = b""
        if outcome == QUIT:
            self.end("quit", GOODBYE, status=0)
        elif outcome == CRASH:
            self.end("crash", CRASHED, status=1)
        else:
            self.end("killed", CRASHED, status=1)

    def data_received(self, data: bytes, datatype) -> None:
        self.last_input = time.monotonic()
        if self.master is None or self.ended:
            return
        self.pending_input += coalesce_motion(self.cleaner.clean(data))
        if len(self.pending_input) > HIGH_WATER and not self.reading_paused:
            self.reading_paused = True  # the SSH window closes: the client must wait
            self.chan.pause_reading()
        self._flush_input()

    def _flush_input(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while self.pending_input:
                with memoryview(self.pending_input) as view:
                    written = os.write(self.master, view[:WRITE_CHUNK])
                del self.pending_input[:written]  # no copy of the rest
        except BlockingIOError:
            loop.add_writer(self.master, self._drain_input)
            return
        except OSError:
            self.pending_input.clear()
        if self.reading_paused and len(self.pending_input) < LOW_WATER:
            self.reading_paused = False
            self.chan.resume_reading()

    def _drain_input(self) -> None:
        if self.master is None:
            return
        asyncio.get_running_loop().remove_writer(self.master)
        self._flush_input()

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int):
        self.size = clamp_size(width or 80, height or 24)
        if self.master is not None:
            self._set_size(self.master, *self.size)

    @staticmethod
    def _set_size(fd: int, columns: int, rows: int) -> None:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))

    def pause_writing(self) -> None:  # the visitor's connection is slow: stop reading the app
        if self.master is not None and not self.ended:
            asyncio.get_running_loop().remove_reader(self.master)

    def resume_writing(self) -> None:
        if self.master is not None and not self.ended:
            asyncio.get_running_loop().add_reader(self.master, self._on_output)

    def eof_received(self) -> bool:
        """The visitor closed their input: nothing more can be typed, so the session ends."""
        self.end("client eof", GOODBYE)
        return False

    def connection_lost(self, exc) -> None:
        self.end("disconnect", None)
        self.gate.session_closed()

    # -- ending ---------------------------------------------------------------------------

    def _check_idle(self) -> None:
        idle = time.monotonic() - self.last_input
        timeout = self.server.config.idle_timeout
        if idle >= timeout:
            self.end("idle timeout", IDLE)
        else:
            loop = asyncio.get_running_loop()
            self.timers.append(loop.call_later(min(timeout - idle, timeout / 4), self._check_idle))

    def _expire(self) -> None:
        self.end("time limit", TOO_LONG)

    def end(self, why: str, message: bytes | None, status: int = 0) -> None:
        """End the session once, whatever ends it: quit, crash, disconnect, timeout, shutdown."""
        if self.ended:
            if not self.logged:  # a refusal, or the channel closing after one
                self._log(why)
            return
        self.ended = True
        self._stop_child()
        if message is not None:
            self._say_goodbye(message, status)
        self._finish(why)

    def _say_goodbye(self, message: bytes, status: int, reset: bool = True) -> None:
        """The terminal reset (if the app ran), one line, the exit status, and the channel
        closed; and the connection with it, if the visitor's client does not close it."""
        if self.chan is None:
            return
        with contextlib.suppress(Exception):
            self.chan.write((RESET if reset else b"") + message)
        with contextlib.suppress(Exception):
            self.chan.exit(status)
        with contextlib.suppress(Exception):
            self.chan.close()
        conn = self.gate.conn
        if conn is not None:
            asyncio.get_running_loop().call_later(CLOSE_GRACE, conn.abort)

    def _stop_child(self) -> None:
        loop = asyncio.get_running_loop()
        for timer in self.timers:
            timer.cancel()
        if self.master is not None:
            loop.remove_reader(self.master)
            loop.remove_writer(self.master)
            os.close(self.master)  # the app's terminal hangs up: SIGHUP to its session
            self.master = None
        if self.status_pipe is not None:
            os.close(self.status_pipe)
            self.status_pipe = None
        if self.process is not None:
            process, self.process = self.process, None
            process.signal(signal.SIGHUP)
            loop.call_later(KILL_GRACE, process.kill_and_close)

    def _finish(self, why: str) -> None:
        if self.admitted:
            self.admitted = False
            self.gate.ticket.end_session()
        self.server.sessions.discard(self)
        self._log(why)

    def _log(self, why: str) -> None:
        """One line per session; never what was typed; whatever the client chose, repr()."""
        if self.logged:
            return
        self.logged = True
        if self.command is not None and why == "disconnect":
            why = "refused request"
        log.info(session_line(
            ip=self.ip, user=self.gate.username, term=self.term, command=self.command,
            size=self.size, duration=time.monotonic() - self.started, end=why,
        ))  # fmt: skip


def _reap_orphans() -> None:
    """As PID 1 (a container without an init), reap whatever ends up as our child."""
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


async def serve(config: ServerConfig, launcher: SessionLauncher, ready=None) -> int:
    """Serve until SIGTERM, SIGHUP or SIGINT, then drain gracefully; returns the exit status."""
    server = DemoServer(config, launcher)
    try:
        await server.start()
    except OSError as exc:  # the port is taken, the address is wrong: one line, no traceback
        log.error("cannot listen on %s:%s: %s", config.host, config.port, exc.strerror or exc)
        return 1
    stop = asyncio.Event()
    exit_status = 0

    def fatal(_why: str) -> None:
        nonlocal exit_status
        exit_status = 1
        stop.set()

    launcher.supervise(fatal)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        loop.add_signal_handler(sig, stop.set)
    if os.getpid() == 1:
        loop.add_signal_handler(signal.SIGCHLD, _reap_orphans)
    health = f", health on port {server.health_port}" if server.health is not None else ""
    log.info("serving on %s:%d (%s sessions%s)", config.host, server.port,
             config.session_mode, health)  # fmt: skip
    if ready is not None:
        ready(server)
    await stop.wait()
    log.info("draining %d sessions", len(server.sessions))
    await server.drain()
    return exit_status


def config_from_options(options) -> ServerConfig:
    return ServerConfig(
        host=options.host,
        port=options.port,
        host_key=Path(options.host_key),
        max_sessions=options.max_sessions,
        max_connections=options.max_connections,
        per_ip=options.per_ip,
        connections_per_minute=options.connections_per_minute,
        idle_timeout=options.idle_timeout,
        max_session=options.max_session,
        login_timeout=options.login_timeout,
        proxy_protocol=options.proxy_protocol,
        health_port=options.health_port,
        session_mode=options.session_mode,
    )


def serve_from_options(options) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("asyncssh").setLevel(logging.WARNING)
    config = config_from_options(options)
    try:
        load_or_create_host_key(config.host_key)  # a bad key is one clear line, before anything
    except HostKeyError as exc:
        print(f"hustings serve-ssh: {exc}", file=sys.stderr)
        return 2
    launcher = SessionLauncher(config.session_mode)
    try:
        try:
            launcher.start()  # the first template is warm before the first visitor is let in
        except (OSError, RuntimeError) as exc:
            print(f"hustings serve-ssh: cannot start the session template: {exc}", file=sys.stderr)
            return 1
        return asyncio.run(serve(config, launcher))
    finally:
        launcher.stop()
