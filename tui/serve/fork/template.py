"""The session template: pay for Python, Textual and the policies once, not per visitor.

The template is a process of its own (`python -m hustings.serve.fork.template FD`). It loads the
policies, mounts and renders the app headless and pauses it (a `LiveApp`, see livefork.py),
freezes the garbage collector and, on Python 3.12 and later, makes its objects immortal (so forked
children share those pages rather than copying them: sharing.py), says "ready" and waits. For
each session the server sends it the PTY's terminal end and the session's status pipe over a
Unix socket (SCM_RIGHTS) with the environment and limits; it forks
a child that takes the terminal and continues the live app on it (its own event loop state, the
real driver, one full frame), and replies with the child's pid and a pidfd for it (so the
server can signal the child safely even after the template has gone), and reaps children.

`Template` is the server's side. It is supervised: when the template process exits (its pidfd
becomes readable) a new one is started at once while open sessions carry on; visitors who
arrive meanwhile wait for it. If no template can be started the server is told to exit
non-zero, so that its own supervisor restarts it.
"""

from __future__ import annotations

import array
import asyncio
import contextlib
import json
import logging
import os
import signal
import socket
import struct
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict

from ..lifecycle import reap_exited
from ..limits import SessionLimits
from ..ssh.child import demo_driver, run_live_session, take_terminal
from .sharing import share_with_children

log = logging.getLogger("hustings.ssh")

_PID = struct.Struct("!i")
MAX_REQUEST = 4096
START_TIMEOUT = 120.0  # seconds the warm-up may take (loading, a first headless render)
WAIT_FOR_RESTART = 60.0  # seconds a visitor's session start waits for a restarting template
MAX_RESTARTS = 5  # in RESTART_WINDOW seconds; beyond that something is wrong: exit
RESTART_WINDOW = 60.0
_FD_SPACE = socket.CMSG_SPACE(2 * array.array("i").itemsize)


class SessionProcess:
    """A session's app process as the server holds it: a pid and a pidfd to signal it by."""

    def __init__(self, pid: int, pidfd: int, own_child: bool = False) -> None:
        self.pid, self.pidfd, self.own_child = pid, pidfd, own_child

    def signal(self, sig: int) -> None:
        """Signal the process; never another that has since been given its pid."""
        if self.pidfd >= 0:
            with contextlib.suppress(ProcessLookupError, OSError):
                signal.pidfd_send_signal(self.pidfd, sig)

    def kill_and_close(self) -> None:
        """SIGKILL, then let go of the pidfd (reaping the process first if it is ours)."""
        self.signal(signal.SIGKILL)
        if not self.own_child or self.pidfd < 0:
            return self.close()
        loop = asyncio.get_running_loop()
        pidfd = self.pidfd

        def reap() -> None:  # the pidfd is readable once the process has exited
            loop.remove_reader(pidfd)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.close()

        loop.add_reader(pidfd, reap)

    def close(self) -> None:
        if self.pidfd >= 0:
            os.close(self.pidfd)
            self.pidfd = -1


class Template:
    """The server's handle on the template process, and its supervisor: the demos' `Launcher`
    (launcher.py)."""

    kind = "template"

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self._sock: socket.socket | None = None
        self._pidfd: int | None = None
        self._lock: asyncio.Lock | None = None
        self._ready: asyncio.Event | None = None
        self._restarts: list[float] = []
        self._on_fatal: Callable[[str], None] | None = None
        self._restarting: asyncio.Task | None = None
        self.stopping = False

    @property
    def alive(self) -> bool:
        return self._sock is not None and not self.stopping

    def start(self) -> None:
        """Start the first template and wait for its warm-up, before the server takes visitors."""
        sock = self._launch()
        sock.settimeout(START_TIMEOUT)
        try:
            ready = sock.recv(16)
        except OSError:
            ready = b""
        if ready != b"ready":
            sock.close()
            raise RuntimeError("the session template failed to start")
        sock.setblocking(False)
        self._sock = sock

    def _launch(self) -> socket.socket:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "hustings.serve.fork.template", str(theirs.fileno())],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL,
            )  # fmt: skip
        finally:
            theirs.close()
        self._pidfd = os.pidfd_open(self.process.pid)
        return ours

    def supervise(self, on_fatal: Callable[[str], None]) -> None:
        """From inside the event loop: watch the template and restart it when it exits."""
        loop = asyncio.get_running_loop()
        self._on_fatal = on_fatal
        self._lock = asyncio.Lock()
        self._ready = asyncio.Event()
        if self._sock is not None:
            self._ready.set()
        assert self._pidfd is not None
        loop.add_reader(self._pidfd, self._exited)

    def _exited(self) -> None:
        """The template process has ended (pidfd readable): reap it and start another."""
        loop = asyncio.get_running_loop()
        if self._pidfd is not None:
            loop.remove_reader(self._pidfd)
            os.close(self._pidfd)
            self._pidfd = None
        status = _reap(self.process)
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        if self._ready is not None:
            self._ready.clear()
        if self.stopping:
            return
        log.warning("session template exited (status %s): starting a new one", status)
        now = time.monotonic()
        self._restarts = [t for t in self._restarts if now - t < RESTART_WINDOW] + [now]
        if len(self._restarts) > MAX_RESTARTS:
            return self._fatal(f"the session template exited {len(self._restarts)} times in a "
                               f"minute")  # fmt: skip
        self._restarting = loop.create_task(self._restart())

    async def _restart(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            sock = self._launch()
            sock.setblocking(False)
            assert self._pidfd is not None
            loop.add_reader(self._pidfd, self._exited)
            async with asyncio.timeout(START_TIMEOUT):
                ready = await loop.sock_recv(sock, 16)
        except (OSError, TimeoutError) as exc:
            return self._fatal(f"could not start a new session template: {exc}")
        if ready != b"ready":
            sock.close()
            return  # it exited during its warm-up: _exited has been called, and decides
        self._sock = sock
        assert self._ready is not None
        self._ready.set()
        log.warning("session template restarted")

    def _fatal(self, why: str) -> None:
        log.error("%s: stopping the server so that its supervisor restarts it", why)
        if self._on_fatal is not None:
            self._on_fatal(why)

    async def launch(self, tty_fd: int, status_fd: int, env: dict[str, str],
                     limits: SessionLimits) -> SessionProcess:  # fmt: skip
        """Start a session's app on `tty_fd` (the PTY's terminal end): a fork of the template."""
        assert self._lock is not None and self._ready is not None
        async with asyncio.timeout(WAIT_FOR_RESTART):
            await self._ready.wait()
        request = json.dumps({"env": env, "limits": asdict(limits)}).encode()
        loop = asyncio.get_running_loop()
        async with self._lock:  # one request and its reply at a time
            sock = self._sock
            if sock is None:
                raise RuntimeError("the session template is restarting")
            fds = array.array("i", [tty_fd, status_fd])
            sock.sendmsg([request], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, fds)])
            async with asyncio.timeout(WAIT_FOR_RESTART):
                reply, pidfd = await _receive_reply(loop, sock)
        (pid,) = _PID.unpack(reply) if len(reply) == _PID.size else (-1,)
        if pid <= 0 or pidfd < 0:
            if pidfd >= 0:
                os.close(pidfd)
            raise RuntimeError("the session template could not start a session")
        return SessionProcess(pid, pidfd)

    def stop(self) -> None:
        """End the template; it ends the sessions it started and reaps them first."""
        self.stopping = True
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        if self._pidfd is not None:
            with contextlib.suppress(Exception):
                asyncio.get_running_loop().remove_reader(self._pidfd)
            os.close(self._pidfd)
            self._pidfd = None


async def _receive_reply(loop: asyncio.AbstractEventLoop, sock: socket.socket) -> tuple[bytes, int]:
    """One reply from the template: its bytes and the pidfd it carries (-1 if none)."""
    while True:
        try:
            data, ancillary, _flags, _addr = sock.recvmsg(_PID.size, _FD_SPACE)
            break
        except BlockingIOError:
            await _readable(loop, sock.fileno())
    fds = _received_fds(ancillary)
    for extra in fds[1:]:
        os.close(extra)
    if not data:
        raise RuntimeError("the session template has gone")
    return data, (fds[0] if fds else -1)


async def _readable(loop: asyncio.AbstractEventLoop, fd: int) -> None:
    ready = loop.create_future()
    loop.add_reader(fd, lambda: None if ready.done() else ready.set_result(None))
    try:
        await ready
    finally:
        loop.remove_reader(fd)


def _reap(process: subprocess.Popen | None) -> int | None:
    """The exit status of a process that has ended, if no one else has reaped it yet."""
    if process is None:
        return None
    try:
        _pid, status = os.waitpid(process.pid, os.WNOHANG)
    except ChildProcessError:  # reaped by the server's PID-1 reaper (see server.py)
        status = None
    process.returncode = -1 if status is None else os.waitstatus_to_exitcode(status)
    return process.returncode


def _received_fds(ancillary) -> list[int]:
    fds = array.array("i")
    for level, kind, data in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.frombytes(data[: len(data) - (len(data) % fds.itemsize)])
    return list(fds)


# -- the template process -------------------------------------------------------------------


def _template_main(sock: socket.socket) -> None:
    """The template process: warm up once, then fork a child per request."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server decides when we stop
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    live = _warm_up()
    children: set[int] = set()

    def reap(*_: object) -> None:
        reap_exited(children.discard)

    def stop(*_: object) -> None:
        for pid in list(children):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        for pid in list(children):
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        os._exit(0)

    signal.signal(signal.SIGCHLD, reap)
    signal.signal(signal.SIGTERM, stop)
    share_with_children()  # everything loaded so far stays shared, not copied per session
    sock.send(b"ready")
    while True:
        try:
            request, ancillary, _flags, _addr = sock.recvmsg(MAX_REQUEST, _FD_SPACE)
        except InterruptedError:
            continue
        except OSError:
            stop()
        if not request:  # the server closed its end: it is gone
            stop()
        fds = _received_fds(ancillary)
        try:
            options = json.loads(request)
            env, limits = dict(options["env"]), SessionLimits(**options["limits"])
        except (ValueError, KeyError, TypeError):
            fds.append(-1)  # refuse below
        if len(fds) != 2:
            for fd in fds:
                if fd >= 0:
                    os.close(fd)
            sock.send(_PID.pack(-1))
            continue
        tty_fd, status_fd = fds
        # Block SIGCHLD while forking: the child must not be reaped (and its pid reused)
        # before its pidfd exists.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})
        try:
            pid = os.fork()
            if pid == 0:
                _child(sock, tty_fd, status_fd, live, env, limits)
            pidfd = os.pidfd_open(pid)
            children.add(pid)
        except OSError:  # out of processes or memory: this visitor is told "busy"
            pid = pidfd = -1
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
        os.close(tty_fd)
        os.close(status_fd)
        if pid < 0:
            sock.send(_PID.pack(-1))
            continue
        try:
            sock.sendmsg([_PID.pack(pid)], [(socket.SOL_SOCKET, socket.SCM_RIGHTS,
                                            array.array("i", [pidfd]))])  # fmt: skip
        finally:
            os.close(pidfd)


def _child(sock, tty_fd: int, status_fd: int, live, env, limits) -> None:
    """In the forked child: drop the template's ways, take the terminal, continue the app."""
    status = 1
    try:
        sock.close()
        for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
        take_terminal(tty_fd)
        status = run_live_session(live, env, limits, status_fd)
    finally:
        os._exit(status)


def _warm_up():
    """Load the policies and mount and render the app headless: each child continues it."""
    from ...app.app import HustingsApp
    from ...compare.comparison import compare
    from ...proof.load import load_paths
    from .livefork import LiveApp

    comparison = compare(load_paths())
    live = LiveApp.warm(lambda: HustingsApp(comparison, demo=True))
    demo_driver(live.app.driver_class)  # made here once, inherited by every session
    return live


def main() -> None:
    sock = socket.socket(fileno=int(sys.argv[1]))
    try:
        _template_main(sock)
    except Exception as exc:  # e.g. livefork.NotForkable: one line in the server's log, why
        print(f"hustings session template: {type(exc).__name__}: {exc}", file=sys.stderr,
              flush=True)  # fmt: skip
    finally:
        os._exit(1)


if __name__ == "__main__":
    main()
