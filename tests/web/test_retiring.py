"""SIGHUP retires serve-web as it does serve-ssh: no new visitors, health 503, open tabs served to
their own end, then exit 0."""

from __future__ import annotations

import asyncio
import signal

from hustings.serve.goodbyes import GOODBYE

from ..ssh.conftest import http_get
from ..ssh.test_retiring import refused
from .conftest import HELP_SHOWN, Visitor

DRAWN = b"Ordered alphabetically"


async def test_sighup_serves_open_tabs_to_their_end_then_exits_0(web_server) -> None:
    server = web_server("--health-port", "0")
    async with Visitor(server.port) as visitor:
        await visitor.read_until(DRAWN)
        server.process.send_signal(signal.SIGHUP)
        server.wait_for_log("retiring: taking no new visitors, 1 session left")
        assert await http_get(server.health_port) == (503, "draining\n")
        assert await refused(server.port)
        await visitor.send(["stdin", "?"])  # the open tab is served as before
        await visitor.read_until(HELP_SHOWN.encode())
        assert server.process.poll() is None
        await visitor.send(["stdin", "q"])
        assert GOODBYE in await visitor.read_until(GOODBYE)
    assert await asyncio.to_thread(server.process.wait, 20) == 0
    assert "retired: every session has ended" in server.log
    assert "end=quit" in server.log and "server shutdown" not in server.log
