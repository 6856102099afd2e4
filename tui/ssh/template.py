"""The pre-forked session template: pay for Python, Textual and the policies once, not per visitor.

`Template.start()` forks a process before the server's asyncio loop exists. That process loads
the policies, imports Textual, renders the app once headless (so the lazy imports and caches are
warm), freezes the garbage collector (so forked children share those pages rather than copying
them) and then waits. For each session the server sends it the PTY's terminal end over a Unix
socket (SCM_RIGHTS) with the environment and limits; it forks a child that takes the terminal
and runs the app, replies with the child's pid, and reaps children as they exit.
"""

from __future__ import annotations

import array
import asyncio
import contextlib
import gc
import json
import os
import signal
import socket
import struct
import sys
from dataclasses import asdict

from .child import SessionLimits, run_session, take_terminal

_PID = struct.Struct("!i")
MAX_REQUEST = 4096


class Template:
    """The server's handle on the template process."""

    def __init__(self) -> None:
        self.pid: int | None = None
        self._sock: socket.socket | None = None
        self._lock = asyncio.Lock()

    def start(self) -> None:
        """Fork the template. Call before any asyncio loop or thread exists in this process."""
        parent_end, template_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the template
            parent_end.close()
            try:
                _template_main(template_end)
            finally:
                os._exit(0)
        template_end.close()
        self.pid, self._sock = pid, parent_end
        # Wait for "ready": the warm-up is done before the first visitor is let in.
        if parent_end.recv(16) != b"ready":
            raise RuntimeError("session template failed to start")
        parent_end.setblocking(False)

    async def spawn(self, tty_fd: int, env: dict[str, str], limits: SessionLimits) -> int:
        """Start a session's app on `tty_fd` (the PTY's terminal end); returns its pid."""
        assert self._sock is not None
        request = json.dumps({"env": env, "limits": asdict(limits)}).encode()
        loop = asyncio.get_running_loop()
        async with self._lock:  # one request and its reply at a time
            fds = array.array("i", [tty_fd])
            self._sock.sendmsg([request], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, fds)])
            reply = await loop.sock_recv(self._sock, _PID.size)
        (pid,) = _PID.unpack(reply)
        if pid <= 0:
            raise RuntimeError("session template could not start a session")
        return pid

    def kill(self, pid: int, sig: int = signal.SIGKILL) -> None:
        """Ask the template to signal one of its children, only if it is still alive.

        The template, not the server, does it because it reaps its children: it never
        signals a pid that has been reaped and perhaps reused by another process.
        """
        if self._sock is not None:
            with contextlib.suppress(OSError):
                self._sock.send(json.dumps({"kill": pid, "signal": int(sig)}).encode())

    def stop(self) -> None:
        """End the template; it ends the sessions it started and reaps them first."""
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGTERM)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.pid = None


def _template_main(sock: socket.socket) -> None:
    """The template process: warm up once, then fork a child per request."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server decides when we stop
    comparison = _warm_up()
    children: set[int] = set()

    def reap(*_: object) -> None:
        while True:
            try:
                pid, _status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            children.discard(pid)

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
    gc.freeze()  # everything loaded so far is shared with children, not copied on write
    sock.send(b"ready")
    while True:
        try:
            request, ancillary, _flags, _addr = sock.recvmsg(
                MAX_REQUEST, socket.CMSG_SPACE(array.array("i", [0]).itemsize)
            )
        except InterruptedError:
            continue
        except OSError:
            stop()
        if not request:  # the server closed its end: it is gone
            stop()
        fds = array.array("i")
        for level, kind, data in ancillary:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds.frombytes(data[: len(data) - (len(data) % fds.itemsize)])
        options = json.loads(request)
        if "kill" not in options and len(fds) != 1:
            for fd in fds:
                os.close(fd)
            sock.send(_PID.pack(-1))
            continue
        if "kill" in options:
            for fd in fds:
                os.close(fd)
            if options["kill"] in children:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(options["kill"], options["signal"])
            continue
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                sock.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                take_terminal(fds[0])
                status = run_session(comparison, options["env"], SessionLimits(**options["limits"]))
            finally:
                os._exit(status)
        os.close(fds[0])
        children.add(pid)
        sock.send(_PID.pack(pid))


def _warm_up():
    """Load the policies and render the app once, headless, so children start warm."""
    from ..app.app import HustingsApp
    from ..compare import compare
    from ..load import load_paths

    comparison = compare(load_paths())

    async def render_once() -> None:
        app = HustingsApp(comparison, demo=True)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()

    asyncio.run(render_once())
    return comparison
