"""serve-ssh behind a real HAProxy (deploy/haproxy.cfg): several stateless backends sharing one
host key, visitors spread over them, per-address rules per visitor (the PROXY header), checks on
the health endpoint, a dead backend routed around, and a rolling restart that cuts no one."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from ..balancer import HAPROXY, balancer, slots
from ..machine import requires
from .conftest import RunningServer, connect, open_terminal, start_server

SHOWN = "£360m"


def backend(tmp_path: Path, slot, *args: str) -> RunningServer:
    """A serve-ssh backend in `slot`'s ports, with the one host key every backend shares."""
    return start_server(tmp_path, "--port", str(slot.port), "--health-port",
                        str(slot.health_port), "--proxy-protocol", *args,
                        host_key=tmp_path / "shared_host_key")  # fmt: skip


@contextlib.contextmanager
def backends(tmp_path: Path, places, *args: str) -> Iterator[dict[str, RunningServer]]:
    """A backend in each of `places`, by slot name; every one in the dict stopped at the end
    (a test may add more, as a rolling restart does)."""
    servers = {slot.name: backend(tmp_path, slot, *args) for slot in places}
    try:
        yield servers
    finally:
        for server in servers.values():
            server.stop()


def visitor(port: int, address: str):
    """A visitor from its own loopback address (127.0.0.0/8 is all loopback on Linux)."""
    return connect(port, local_addr=(address, 0))


def sessions_by_backend(servers: dict[str, RunningServer]) -> dict[str, list[str]]:
    return {name: [line for line in s.log.splitlines() if "session ip=" in line]
            for name, s in servers.items()}  # fmt: skip


def test_the_deployed_configuration_is_valid() -> None:
    requires("haproxy")
    checked = subprocess.run([HAPROXY, "-c", "-f", "deploy/haproxy.cfg"], capture_output=True,
                             text=True, timeout=30, cwd=Path(__file__).parents[2])  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr


async def test_visitors_spread_over_backends_that_share_one_host_key(tmp_path) -> None:
    places = slots("ssh", 2)
    with backends(tmp_path, places) as servers:
        with balancer("ssh", places, tmp_path) as lb:
            assert lb.servers()[places[0].name]["check_status"] == "L7OK"  # an HTTP check
            keys = set()
            for n in range(4):
                async with visitor(lb.port, f"127.0.0.{n + 2}") as conn:
                    terminal = await open_terminal(conn)
                    await terminal.read_until(SHOWN)
                    keys.add(conn.get_server_host_key().get_fingerprint())
                    terminal.process.stdin.write(b"q")
                    await terminal.read_until("Goodbye.")
        assert len(keys) == 1  # every backend shows the same key: no warning for anyone
        seen = sessions_by_backend(servers)
        assert all(seen.values()), seen  # both backends served someone
        lines = [line for lines in seen.values() for line in lines]
        assert sorted(line.split("ip=")[1].split()[0] for line in lines) == [
            f"'127.0.0.{n + 2}'" for n in range(4)
        ]  # the visitors' own addresses, from the PROXY header, never HAProxy's


async def test_per_address_limits_hold_per_visitor_behind_the_balancer(tmp_path) -> None:
    """--per-ip 1 on each backend: one visitor holds one session per backend, and a second
    visitor, arriving through the same balancer, is not counted against the first."""
    places = slots("ssh", 2)
    with (
        backends(tmp_path, places, "--per-ip", "1"),
        balancer("ssh", places, tmp_path) as lb,
    ):
        async with visitor(lb.port, "127.0.0.2") as one, visitor(lb.port, "127.0.0.2") as two:
            for conn in (one, two):
                await (await open_terminal(conn)).read_until(SHOWN)
            third = await raw_exchange_from(lb.port, "127.0.0.2")
            assert b"You already have the most connections allowed" in third
            async with visitor(lb.port, "127.0.0.3") as other:
                await (await open_terminal(other)).read_until(SHOWN)


async def raw_exchange_from(port: int, address: str, limit: float = 10.0) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(address, 0))
    data = bytearray()
    try:
        async with asyncio.timeout(limit):
            while chunk := await reader.read(4096):
                data += chunk
    finally:
        writer.close()
    return bytes(data)


async def test_full_backends_leave_the_rotation_and_the_last_visitor_is_told_busy(
    tmp_path,
) -> None:
    """The checks use the health endpoint: a full backend (503) gets no one new; when every
    backend is full, a visitor still reaches one (a backup line) and is told so in one line."""
    places = slots("ssh", 2)
    with (
        backends(tmp_path, places, "--max-sessions", "1") as servers,
        balancer("ssh", places, tmp_path) as lb,
    ):
        async with visitor(lb.port, "127.0.0.2") as one:
            await (await open_terminal(one)).read_until(SHOWN)
            full = next(n for n, s in servers.items() if sessions_running(s))
            lb.wait_for(full, "DOWN")
            assert lb.servers()[full]["check_code"] == "503"
            async with visitor(lb.port, "127.0.0.3") as two:  # goes to the other one
                await (await open_terminal(two)).read_until(SHOWN)
                for slot in places:
                    lb.wait_for(slot.name, "DOWN")
                async with visitor(lb.port, "127.0.0.4") as three:
                    result = await asyncio.wait_for(three.run(term_type="xterm"), 15)
                    assert result.exit_status == 1
                    assert "busy right now" in str(result.stdout)
        for slot in places:
            lb.wait_for(slot.name, "UP")  # slots free again: back in the rotation


def sessions_running(server: RunningServer) -> bool:
    from .conftest import session_processes

    return bool(session_processes(server))


async def test_a_backend_that_dies_is_routed_around_within_seconds(tmp_path) -> None:
    places = slots("ssh", 2)
    with (
        backends(tmp_path, places) as servers,
        balancer("ssh", places, tmp_path) as lb,
    ):
        async with visitor(lb.port, "127.0.0.2") as survivor_conn:
            survivor = await open_terminal(survivor_conn)
            await survivor.read_until(SHOWN)
            alive = next(n for n, s in servers.items() if sessions_running(s))
            dead = next(n for n in servers if n != alive)
            os.killpg(servers[dead].process.pid, signal.SIGKILL)  # server, template, apps
            servers[dead].process.wait(10)
            killed = time.monotonic()
            # Visitors arriving at once are sent elsewhere (a refused connection is retried
            # on another backend), before the checks have even noticed.
            for n in range(3):
                async with visitor(lb.port, f"127.0.0.{n + 3}") as conn:
                    await (await open_terminal(conn)).read_until(SHOWN)
            lb.wait_for(dead, "DOWN", limit=5)
            assert time.monotonic() - killed < 5
            survivor.process.stdin.write(b"?")  # the other backend's visitor never noticed
            await survivor.read_until("Help: keys and what each flag means")
        deadline = time.monotonic() + 10  # each session's log line, once it has ended
        while len(sessions_by_backend({alive: servers[alive]})[alive]) < 4:
            assert time.monotonic() < deadline, servers[alive].log
            await asyncio.sleep(0.05)


async def test_a_rolling_restart_cuts_no_session(tmp_path) -> None:
    """Each old backend in turn: its replacement starts, then SIGHUP. Visitors reading on the old
    ones are served until they quit; visitors arriving meanwhile all get in. Sessions cut short
    before their own end: 0."""
    old, new = slots("old", 2), slots("new", 2)
    arrivals: list[str] = []
    with backends(tmp_path, old) as servers:
        with balancer("ssh", old + new, tmp_path, up=old) as lb:
            async with contextlib.AsyncExitStack() as stack:
                readers = []
                for n in range(6):
                    conn = await stack.enter_async_context(visitor(lb.port, f"127.0.1.{n + 1}"))
                    readers.append(await open_terminal(conn))
                    await readers[-1].read_until(SHOWN)
                assert all(sessions_running(servers[slot.name]) for slot in old)
                stop = asyncio.Event()
                arriving = asyncio.create_task(keep_arriving(lb.port, arrivals, stop))
                for before, after in zip(old, new, strict=True):
                    servers[after.name] = backend(tmp_path, after)
                    lb.wait_for(after.name, "UP")
                    servers[before.name].process.send_signal(signal.SIGHUP)
                    lb.wait_for(before.name, "DOWN", limit=5)
                    for reader in readers:  # everyone is still served, wherever they are
                        reader.process.stdin.write(b"?")
                        await reader.read_until("Help: keys and what each flag means")
                stop.set()
                await asyncio.wait_for(arriving, 60)
                for reader in readers:  # each reader ends their own session
                    reader.process.stdin.write(b"q")
                    await reader.read_until("Thanks for comparing with hustings. Goodbye.")
            for slot in old:  # each old backend exits by itself once its visitors have gone
                assert await asyncio.to_thread(servers[slot.name].process.wait, 30) == 0
        ends = [line.rsplit("end=", 1)[1] for s in servers.values() for line in s.log.splitlines()
                if "session ip=" in line]  # fmt: skip
        assert len(ends) == len(readers) + len(arrivals)
        assert all(end == "quit" for end in ends), ends  # 0 sessions cut short
        assert arrivals and all(a == "served" for a in arrivals), arrivals
        assert not any("server shutdown" in s.log for s in servers.values())


async def keep_arriving(port: int, outcomes: list[str], stop: asyncio.Event) -> None:
    """A new visitor every 0.2 s until `stop` (at most 300): each sees the app, then quits."""
    for n in range(300):
        if stop.is_set():
            return
        try:
            async with visitor(port, f"127.0.2.{n % 250 + 1}") as conn:
                terminal = await open_terminal(conn)
                await terminal.read_until(SHOWN)
                terminal.process.stdin.write(b"q")
                await terminal.read_until("Goodbye.")
            outcomes.append("served")
        except Exception as exc:
            outcomes.append(repr(exc))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.2)
