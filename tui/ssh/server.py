"""`hustings serve-ssh`: the comparison app for anyone, over SSH, and nothing else.

Any username, no password or key. Each session gets its own process on its own PTY, started
from a warm pre-forked template (see template.py). Everything but an interactive shell with a
PTY is refused: exec, subsystems (sftp), port forwarding, agent and X11 forwarding.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import signal
import struct
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path

import asyncssh

from .child import SessionLimits
from .hostkey import load_or_create_host_key
from .limits import Admission, child_environment, clamp_size

log = logging.getLogger("hustings.ssh")

NO_PTY = b"hustings is an interactive app: connect from a terminal (ssh -t ...).\r\n"
BUSY = b"hustings is busy right now: please try again shortly.\r\n"
PER_IP = b"You already have the most sessions allowed from one address: close one first.\r\n"
TOO_FAST = b"Too many connections from your address: please wait a minute and try again.\r\n"
GOODBYE = b"\r\nThanks for comparing with hustings. Goodbye.\r\n"
IDLE = b"\r\nIdle for too long: goodbye.\r\n"
TOO_LONG = b"\r\nThis demo session has reached its time limit: goodbye.\r\n"
RESTARTING = b"\r\nThe demo server is restarting: please connect again shortly. Goodbye.\r\n"
KILL_GRACE = 2.0


@dataclass
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 2222
    host_key: Path = Path("ssh_host_key")
    max_sessions: int = 50
    per_ip: int = 3
    connections_per_minute: int = 20
    idle_timeout: float = 300.0
    max_session: float = 1800.0
    login_timeout: float = 30.0
    session_mode: str = "template"  # or "spawn": a fresh interpreter per session
    limits: SessionLimits = field(default_factory=SessionLimits)


class SessionLauncher:
    """Starts a session's app on a PTY and ends it; template or spawn-per-session."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.template = None
        if mode == "template":
            from .template import Template

            self.template = Template()

    def start(self) -> None:
        if self.template is not None:
            self.template.start()

    async def launch(self, tty_fd: int, env: dict[str, str], limits: SessionLimits):
        if self.template is not None:
            return await self.template.spawn(tty_fd, env, limits)
        return await _spawn_interpreter(tty_fd, env)

    def kill(self, handle, sig: int) -> None:
        if self.template is not None:
            self.template.kill(handle, sig)
        elif handle.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                handle.send_signal(sig)

    def stop(self) -> None:
        if self.template is not None:
            self.template.stop()


async def _spawn_interpreter(tty_fd: int, env: dict[str, str]):
    """The costly way, kept to measure against: a fresh Python per session."""
    import sys

    def controlling_terminal() -> None:  # runs in the child, after setsid and the dup2s
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tui.ssh.child",
        stdin=tty_fd,
        stdout=tty_fd,
        stderr=tty_fd,
        env={**env, "PATH": os.environ.get("PATH", "")},
        start_new_session=True,
        preexec_fn=controlling_terminal,
    )


class DemoServer:
    """Owns the listening socket, the admission rules and the live sessions."""

    def __init__(self, config: ServerConfig, launcher: SessionLauncher) -> None:
        self.config = config
        self.launcher = launcher
        self.admission = Admission(
            config.max_sessions, config.per_ip, config.connections_per_minute
        )
        self.sessions: set[DemoSession] = set()
        self.acceptor: asyncssh.SSHAcceptor | None = None
        self.draining = False

    async def start(self) -> None:
        key = load_or_create_host_key(self.config.host_key)
        self.acceptor = await asyncssh.create_server(
            lambda: _Gatekeeper(self),
            self.config.host,
            self.config.port,
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

    @property
    def port(self) -> int:
        assert self.acceptor is not None
        return self.acceptor.sockets[0].getsockname()[1]

    async def drain(self, grace: float = 5.0) -> None:
        """Stop taking visitors, say goodbye to those here, and wait for their apps to end."""
        self.draining = True
        if self.acceptor is not None:
            self.acceptor.close()
        for session in list(self.sessions):
            session.end("server shutdown", RESTARTING)
        deadline = time.monotonic() + grace
        while self.sessions and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        self.launcher.stop()


class _Gatekeeper(asyncssh.SSHServer):
    """Per connection: no authentication, and every request but a PTY shell refused."""

    def __init__(self, server: DemoServer) -> None:
        self.server = server
        self.ip = "?"
        self.too_fast = False

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        peer = conn.get_extra_info("peername")
        self.ip = peer[0] if peer else "?"
        self.too_fast = not self.server.admission.connection_allowed(self.ip)

    def begin_auth(self, username: str) -> bool:
        return False  # anyone, no password or key: it is a public demo

    def session_requested(self):
        return DemoSession(self.server, self.ip, refuse=TOO_FAST if self.too_fast else None)

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

    def __init__(self, server: DemoServer, ip: str, refuse: bytes | None = None) -> None:
        self.server, self.ip, self.refuse = server, ip, refuse
        self.chan = None
        self.term: str | None = None
        self.size = (80, 24)
        self.master: int | None = None
        self.handle = None
        self.started = time.monotonic()
        self.last_input = self.started
        self.admitted = False
        self.ended = False
        self.timers: list[asyncio.TimerHandle] = []
        self.pending_input = b""

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
        return False

    def subsystem_requested(self, subsystem: str) -> bool:
        return False  # sftp and everything else

    def break_received(self, msec: int) -> bool:
        return False

    # -- the session ----------------------------------------------------------------------

    def session_started(self) -> None:
        if self.refuse is not None:
            return self._refuse(self.refuse, "rate limited")
        if self.term is None:
            return self._refuse(NO_PTY, "no pty")
        if self.server.draining:
            return self._refuse(RESTARTING, "draining")
        reason = self.server.admission.try_start(self.ip)
        if reason is not None:
            return self._refuse(BUSY if reason == "busy" else PER_IP, reason)
        self.admitted = True
        self.server.sessions.add(self)
        asyncio.get_running_loop().create_task(self._start_app())
        return None

    def _refuse(self, message: bytes, why: str) -> None:
        self.chan.write(message)
        self.chan.exit(1)
        self._log(why)

    async def _start_app(self) -> None:
        loop = asyncio.get_running_loop()
        master, tty = os.openpty()
        try:
            self._set_size(master, *self.size)
            env = child_environment(self.term, self.chan.get_environment())
            self.handle = await self.server.launcher.launch(tty, env, self.server.config.limits)
        except Exception as exc:  # the visitor gets a line, the log the reason
            log.warning("session start failed for %s: %s", self.ip, exc)
            os.close(master)
            self.chan.write(BUSY)
            self.chan.exit(1)
            self._finish("start failed")
            return
        finally:
            os.close(tty)
        self.master = master
        os.set_blocking(master, False)
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
            self.end("quit", GOODBYE, status=0)
            return
        self.chan.write(data)

    def data_received(self, data: bytes, datatype) -> None:
        self.last_input = time.monotonic()
        if self.master is None:
            return
        self.pending_input += data
        self._flush_input()

    def _flush_input(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while self.pending_input:
                written = os.write(self.master, self.pending_input[:4096])
                self.pending_input = self.pending_input[written:]
        except BlockingIOError:
            loop.add_writer(self.master, self._drain_input)
            return
        except OSError:
            self.pending_input = b""

    def _drain_input(self) -> None:
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
        return False

    def connection_lost(self, exc) -> None:
        self.end("disconnect", None)

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
        """End the session once, whatever ends it: quit, disconnect, timeout, shutdown."""
        if self.ended:
            return
        self.ended = True
        self._stop_child()
        if message is not None and self.chan is not None:
            with contextlib.suppress(Exception):
                self.chan.write(message)
                self.chan.exit(status)
        self._finish(why)

    def _stop_child(self) -> None:
        loop = asyncio.get_running_loop()
        for timer in self.timers:
            timer.cancel()
        if self.master is not None:
            loop.remove_reader(self.master)
            loop.remove_writer(self.master)
            os.close(self.master)  # the app's terminal hangs up: SIGHUP to its session
            self.master = None
        if self.handle is not None:
            launcher, handle = self.server.launcher, self.handle
            launcher.kill(handle, signal.SIGHUP)
            loop.call_later(KILL_GRACE, launcher.kill, handle, signal.SIGKILL)

    def _finish(self, why: str) -> None:
        if self.admitted:
            self.admitted = False
            self.server.admission.finish(self.ip)
        self.server.sessions.discard(self)
        self._log(why)

    def _log(self, why: str) -> None:
        """One line per session; never what was typed."""
        log.info(
            "session ip=%s term=%s size=%dx%d duration=%.1fs end=%s",
            self.ip,
            self.term or "-",
            *self.size,
            time.monotonic() - self.started,
            why,
        )


async def serve(config: ServerConfig, launcher: SessionLauncher, ready=None) -> None:
    """Serve until SIGTERM or SIGINT, then drain gracefully."""
    server = DemoServer(config, launcher)
    await server.start()
    log.info("serving on %s:%d (%s sessions)", config.host, server.port, config.session_mode)
    if ready is not None:
        ready(server)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    log.info("draining %d sessions", len(server.sessions))
    await server.drain()


def serve_from_options(options) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    config = ServerConfig(
        host=options.host,
        port=options.port,
        host_key=Path(options.host_key),
        max_sessions=options.max_sessions,
        per_ip=options.per_ip,
        connections_per_minute=options.connections_per_minute,
        idle_timeout=options.idle_timeout,
        max_session=options.max_session,
        login_timeout=options.login_timeout,
        session_mode=options.session_mode,
    )
    launcher = SessionLauncher(config.session_mode)
    launcher.start()  # fork the template before the asyncio loop (and its threads) exist
    try:
        asyncio.run(serve(config, launcher))
    finally:
        launcher.stop()
    return 0
