"""serve-web behind a real HAProxy in HTTP mode (deploy/haproxy.cfg): websockets carried through,
tabs spread over stateless backends, per-address rules per visitor (X-Forwarded-For from the
balancer, trusted by --trusted-proxy), checks on the health endpoint, a dead backend routed
around, and a rolling restart that cuts no tab."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time

import aiohttp

from hustings.serve.goodbyes import GOODBYE

from ..balancer import balancer, slots
from ..ssh.conftest import process_tree
from .conftest import HELP_SHOWN, RunningWebServer, Visitor

DRAWN = b"Ordered alphabetically"


class VisitorFrom(Visitor):
    """A tab from its own loopback address, through the balancer."""

    def __init__(self, port: int, address: str) -> None:
        super().__init__(port)
        self.address = address

    async def __aenter__(self) -> VisitorFrom:
        connector = aiohttp.TCPConnector(local_addr=(self.address, 0))
        self.client = aiohttp.ClientSession(connector=connector)
        self.websocket = await asyncio.wait_for(self.client.ws_connect(self.url), 15)
        return self


def backends(web_server, places, *args: str) -> dict[str, RunningWebServer]:
    return {slot.name: web_server("--port", str(slot.port), "--health-port",
                                  str(slot.health_port), "--trusted-proxy", "127.0.0.1/32",
                                  *args) for slot in places}  # fmt: skip


def tab_lines(server: RunningWebServer) -> list[str]:
    return [line for line in server.log.splitlines() if "hustings.web session " in line]


def with_tabs(servers: dict[str, RunningWebServer]) -> list[str]:
    return [name for name, s in servers.items() if len(process_tree(s.process.pid)) > 1]


async def test_tabs_spread_over_backends_each_counted_by_its_own_address(
    web_server, tmp_path
) -> None:
    places = slots("web", 2)
    servers = backends(web_server, places)
    with balancer("web", places, tmp_path) as lb:
        assert lb.servers()[places[0].name]["check_status"] == "L7OK"
        async with contextlib.AsyncExitStack() as stack:
            for n in range(4):
                tab = await stack.enter_async_context(VisitorFrom(lb.port, f"127.0.0.{n + 2}"))
                await tab.read_until(DRAWN)
            assert len(with_tabs(servers)) == 2  # both backends hold tabs
    deadline = time.monotonic() + 10
    while sum(len(tab_lines(s)) for s in servers.values()) < 4:
        assert time.monotonic() < deadline
        await asyncio.sleep(0.05)
    addresses = sorted(line.split("ip=")[1].split()[0] for s in servers.values()
                       for line in tab_lines(s))  # fmt: skip
    assert addresses == [f"'127.0.0.{n + 2}'" for n in range(4)]  # never the balancer's


async def test_per_address_limits_hold_per_visitor_behind_the_balancer(
    web_server, tmp_path
) -> None:
    places = slots("web", 2)
    backends(web_server, places, "--per-ip", "1")
    with balancer("web", places, tmp_path) as lb:
        async with (
            VisitorFrom(lb.port, "127.0.0.2") as one,
            VisitorFrom(lb.port, "127.0.0.2") as two,
        ):
            for tab in (one, two):  # one on each backend
                await tab.read_until(DRAWN)
            async with VisitorFrom(lb.port, "127.0.0.2") as three:
                said = await three.read_until(b"never sent", limit=15)
                assert b"You already have the most connections allowed" in said
            async with VisitorFrom(lb.port, "127.0.0.3") as other:
                await other.read_until(DRAWN)


async def test_a_full_or_dead_backend_is_routed_around(web_server, tmp_path) -> None:
    places = slots("web", 2)
    servers = backends(web_server, places, "--max-sessions", "1")
    with balancer("web", places, tmp_path) as lb:
        async with VisitorFrom(lb.port, "127.0.0.2") as first:
            await first.read_until(DRAWN)
            (full,) = with_tabs(servers)
            lb.wait_for(full, "DOWN")
            assert lb.servers()[full]["check_code"] == "503"  # the health endpoint says full
            other = next(name for name in servers if name != full)
            os.killpg(servers[other].process.pid, signal.SIGKILL)
            servers[other].process.wait(10)
            lb.wait_for(other, "DOWN", limit=5)
            # Every backend full or dead: a visitor still reaches one (its backup line), which
            # tells them it is busy.
            async with VisitorFrom(lb.port, "127.0.0.3") as late:
                said = await late.read_until(b"never sent", limit=15)
                assert b"busy right now" in said
            await first.send(["stdin", "?"])  # the visitor already here never noticed
            await first.read_until(HELP_SHOWN.encode())


async def test_a_rolling_restart_cuts_no_tab(web_server, tmp_path) -> None:
    old, new = slots("old", 2), slots("new", 2)
    servers = backends(web_server, old)
    with balancer("web", old + new, tmp_path, up=old) as lb:
        async with contextlib.AsyncExitStack() as stack:
            tabs = []
            for n in range(4):
                tabs.append(await stack.enter_async_context(VisitorFrom(lb.port, f"127.0.1.{n}")))
                await tabs[-1].read_until(DRAWN)
            assert len(with_tabs(servers)) == 2
            for before, after in zip(old, new, strict=True):
                servers.update(backends(web_server, [after]))
                lb.wait_for(after.name, "UP")
                servers[before.name].process.send_signal(signal.SIGHUP)
                lb.wait_for(before.name, "DOWN", limit=5)
                async with VisitorFrom(lb.port, "127.0.2.1") as newcomer:  # still let in
                    await newcomer.read_until(DRAWN)
                    await newcomer.send(["stdin", "q"])
                    await newcomer.read_until(GOODBYE)
            for tab in tabs:
                tab.received.clear()
                await tab.send(["stdin", "?"])
                await tab.read_until(HELP_SHOWN.encode())
                await tab.send(["stdin", "q"])
                assert GOODBYE in await tab.read_until(GOODBYE)
        for slot in old:
            assert await asyncio.to_thread(servers[slot.name].process.wait, 30) == 0
    ends = [line.rsplit("end=", 1)[1] for s in servers.values() for line in tab_lines(s)]
    assert len(ends) == len(tabs) + 2 and set(ends) == {"quit"}, ends  # 0 tabs cut short
