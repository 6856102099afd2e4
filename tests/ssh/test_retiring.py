"""SIGHUP retires a server for an upgrade that drops no one: no new visitors, health 503, the
open sessions served to their own end, then exit 0. SIGTERM keeps meaning goodbye now."""

from __future__ import annotations

import asyncio
import signal

import pytest

from hustings.serve.goodbyes import TOO_LONG

from .conftest import HELP_SHOWN, connect, http_get, open_terminal, process_tree, start_server


async def refused(port: int) -> bool:
    """Whether a new TCP connection to `port` is refused (nothing listens there any more)."""
    try:
        _reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 5)
    except ConnectionRefusedError:
        return True
    writer.close()
    return False


async def test_sighup_serves_open_sessions_to_their_end_then_exits_0(tmp_path) -> None:
    server = start_server(tmp_path, "--health-port", "0")
    async with connect(server.port) as conn:
        terminal = await open_terminal(conn)
        await terminal.read_until("£360m")
        server.process.send_signal(signal.SIGHUP)
        server.wait_for_log("retiring: taking no new visitors, 1 session left")
        assert await http_get(server.health_port) == (503, "draining\n")  # still answering
        assert await refused(server.port)  # a balancer's next try goes elsewhere
        terminal.process.stdin.write(b"?")  # the open session is served as before
        await terminal.read_until(HELP_SHOWN)
        assert server.process.poll() is None
        terminal.process.stdin.write(b"q")
        await terminal.read_until("Thanks for comparing with hustings. Goodbye.")
    assert await asyncio.to_thread(server.process.wait, 20) == 0
    assert "retired: every session has ended" in server.log
    assert "end=quit" in server.log and "server shutdown" not in server.log
    assert process_tree(server.process.pid) == []


async def test_a_retiring_session_still_ends_at_max_session(tmp_path) -> None:
    server = start_server(tmp_path, "--max-session", "3")
    async with connect(server.port) as conn:
        terminal = await open_terminal(conn)
        await terminal.read_until("£360m")
        server.process.send_signal(signal.SIGHUP)
        await terminal.read_until(TOO_LONG.decode().strip(), timeout=15)
    assert await asyncio.to_thread(server.process.wait, 20) == 0
    assert "end=time limit" in server.log


@pytest.mark.parametrize("second", ["SIGTERM", "SIGINT"])
async def test_sigterm_while_retiring_still_means_goodbye_now(tmp_path, second) -> None:
    server = start_server(tmp_path)
    async with connect(server.port) as conn:
        terminal = await open_terminal(conn)
        await terminal.read_until("£360m")
        server.process.send_signal(signal.SIGHUP)
        server.wait_for_log("retiring")
        server.process.send_signal(getattr(signal, second))
        await terminal.read_until("The demo server is restarting", timeout=15)
    assert await asyncio.to_thread(server.process.wait, 20) == 0
    assert "end=server shutdown" in server.log
