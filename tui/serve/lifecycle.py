"""How a demo server lives: start, serve until a signal, drain, and say why it stopped.

Shared by serve-ssh and serve-web, so both answer SIGTERM, SIGHUP and SIGINT the same way, both
exit non-zero when their session template cannot be kept alive (so a supervisor restarts them),
and both reap orphans when they run as PID 1 in a container without an init.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from collections.abc import Callable
from typing import Any, Protocol


class Served(Protocol):
    """What the loop needs of a server: start listening, its sessions, and a graceful drain."""

    sessions: Any

    async def start(self) -> None: ...

    async def drain(self) -> None: ...


def reap_exited(forget: Callable[[int], None] | None = None) -> None:
    """Reap every child that has exited, without waiting; tell `forget` each pid reaped.

    Used by the session template for its sessions, and by a server running as PID 1 (a
    container without an init) for whatever ends up as its child.
    """
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        if forget is not None:
            forget(pid)


async def serve_until_signalled(
    server: Served,
    launcher: Any,
    log: logging.Logger,
    listening: tuple[str, int],
    serving_line: Callable[[], str],
    ready: Callable[[Any], None] | None = None,
) -> int:
    """Start `server`, serve until a signal (or the template gives up), drain; the exit status.

    `listening` is the configured host and port, for the one line said when the port cannot be
    had; `serving_line` says where it serves once it does (the port may have been 0).
    """
    try:
        await server.start()
    except OSError as exc:  # the port is taken, the address is wrong: one line, no traceback
        log.error("cannot listen on %s:%s: %s", *listening, exc.strerror or exc)
        return 1
    stop = asyncio.Event()
    exit_status = 0

    def fatal(_why: str) -> None:  # no template could be kept alive: let a supervisor restart us
        nonlocal exit_status
        exit_status = 1
        stop.set()

    if launcher is not None:
        launcher.supervise(fatal)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        loop.add_signal_handler(sig, stop.set)
    if os.getpid() == 1:
        loop.add_signal_handler(signal.SIGCHLD, reap_exited)
    log.info("%s", serving_line())
    if ready is not None:
        ready(server)
    await stop.wait()
    log.info("draining %d sessions", len(server.sessions))
    await server.drain()
    return exit_status
