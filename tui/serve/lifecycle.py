"""How a demo server lives: start, serve until a signal, drain, and say why it stopped.

Shared by serve-ssh and serve-web, so both answer the same signals the same way:

- SIGTERM and SIGINT: goodbye now. Every open session is ended with a line saying the server
  is restarting, then the server exits.
- SIGHUP: retire, for an upgrade that drops no one. The server stops taking visitors at once
  (its listening socket closes, its health endpoint answers 503 "draining" so that a balancer
  sends no one else), serves its open sessions until each ends on its own (quit, idle, or
  `--max-session`), then exits 0. A SIGTERM meanwhile still means goodbye now.

Both exit non-zero when their session template cannot be kept alive (so a supervisor restarts
them), and both reap orphans when they run as PID 1 in a container without an init.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from .goodbyes import RESTARTING
from .health import readiness, start_health_server

if TYPE_CHECKING:
    from .admission import Admission
    from .frontdoor import FrontDoor
    from .options import DemoConfig

from .logs import sessions

RETIRE_POLL = 0.2  # seconds between looks at whether a retiring server's visitors have gone
DRAIN_GRACE = 5.0  # seconds a drained server waits for its sessions' apps to end
# A server's exit status, other than 0 (it served, then was told to stop):
EXIT_FAILED = 1  # it could not serve: its port, or no session template kept alive
EXIT_CONFIG = 2  # its own settings cannot be used (a host key), said in one line before anything


class Session(Protocol):
    """A visitor's session, as a server ends it."""

    def end(self, why: str, goodbye: bytes | None) -> None: ...


Config = TypeVar("Config", bound="DemoConfig")


class Demo(Generic[Config]):
    """What both demo servers are (serve-ssh's DemoServer, serve-web's WebServer): one front
    door, one admission, their sessions, a health endpoint, and one way to retire and to drain.

    A server sets these in its __init__ and calls `listen` in its `start`; it adds what its
    protocol needs (`drained` for what is left to close, `has_visitors` for what counts).
    """

    config: Config
    launcher: Any  # its `alive` says whether sessions can start; None: spawned, always alive
    front_door: FrontDoor
    admission: Admission
    sessions: set[Any]
    health: asyncio.Server | None = None
    draining = False  # SIGTERM: every session is being ended
    retiring = False  # SIGHUP: no one new; open sessions run to their own end

    async def start(self) -> None:
        await self.listen()

    async def listen(self) -> None:
        """Open the front door, and the health endpoint if one is asked for."""
        await self.front_door.open(self.config.host, self.config.port)
        if self.config.health_port is not None:
            self.health = await start_health_server(
                self.config.host, self.config.health_port, self.health_status
            )

    def health_status(self) -> tuple[bool, str]:
        alive = self.launcher is None or self.launcher.alive
        return readiness(self.draining or self.retiring, alive, self.front_door, self.admission)

    @property
    def health_port(self) -> int | None:
        return None if self.health is None else self.health.sockets[0].getsockname()[1]

    def stop_accepting(self) -> None:
        """Retire (SIGHUP): take no one new from now on, and say "draining" to health probes.
        The listening socket closes at once, so a balancer's next try goes elsewhere."""
        self.retiring = True
        self.front_door.close()

    @property
    def has_visitors(self) -> bool:
        """Whether anyone is still here: a session, or a connection that may yet open one."""
        return bool(self.sessions)

    async def drain(self, grace: float = DRAIN_GRACE) -> None:
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
        await self.drained(grace)

    async def drained(self, grace: float) -> None:
        """What is left to close once the sessions have ended (within `grace` seconds)."""


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
    server: Demo[Any],
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
        return EXIT_FAILED
    stop = asyncio.Event()
    exit_status = 0

    def fatal(_why: str) -> None:  # no template could be kept alive: let a supervisor restart us
        nonlocal exit_status
        exit_status = EXIT_FAILED
        stop.set()

    if launcher is not None:
        launcher.supervise(fatal)
    loop = asyncio.get_running_loop()
    retire = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    loop.add_signal_handler(signal.SIGHUP, retire.set)
    if os.getpid() == 1:
        loop.add_signal_handler(signal.SIGCHLD, reap_exited)
    log.info("%s", serving_line())
    if ready is not None:
        ready(server)
    await _first(stop, retire)
    if retire.is_set() and not stop.is_set():
        await _retire(server, stop, log)
    log.info("draining %s", sessions(len(server.sessions)))
    await server.drain()
    return exit_status


async def _first(*events: asyncio.Event) -> None:
    waits = [asyncio.ensure_future(event.wait()) for event in events]
    try:
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for wait in waits:
            wait.cancel()


async def _retire(server: Demo[Any], stop: asyncio.Event, log: logging.Logger) -> None:
    """SIGHUP: no one new, the open sessions served to their own end (or until `stop`)."""
    server.stop_accepting()
    log.info("retiring: taking no new visitors, %s left to end on their own",
             sessions(len(server.sessions)))  # fmt: skip
    while server.has_visitors and not stop.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), RETIRE_POLL)
    if not stop.is_set():
        log.info("retired: every session has ended")
