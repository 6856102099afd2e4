"""serve-web's rules, over its websocket as textual.js speaks it: caps, sizes, proxies, timeouts."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import time
from pathlib import Path

import aiohttp
import pytest

from hustings.serve.admission import MESSAGES, PER_IP
from hustings.serve.goodbyes import CPU_USED, CRASHED, GOODBYE, IDLE, NOT_UNDERSTOOD, RESTARTING

from ..ssh.conftest import http_get, process_tree, raw_exchange, wait_for_health
from .conftest import HELP_SHOWN, Visitor

DRAWN = b"Ordered alphabetically"  # the title line: drawn at any size


async def test_a_socket_past_the_per_address_cap_is_told_why_and_closed(web_server) -> None:
    """The page says "busy" first; a socket opened anyway (a race, a script) is refused too."""
    server = web_server("--per-ip", "2")
    async with contextlib.AsyncExitStack() as stack:
        for _ in range(2):
            visitor = await stack.enter_async_context(Visitor(server.port))
            await visitor.read_until(DRAWN)
        async with Visitor(server.port) as third:
            received = await third.read_until(b"\r\n", limit=15)
            assert MESSAGES[PER_IP].encode() in received
            await third.read_until(b"never sent", limit=15)
            assert third.closed
    assert "sessions refused: per-ip=1" in server.wait_for_log("sessions refused")


async def test_sizes_from_the_url_and_from_resizes_are_clamped(web_server) -> None:
    """The app itself reports the size it was given (too small to draw the comparison)."""
    server = web_server()
    async with Visitor(server.port, "width=100000&height=1") as visitor:
        await visitor.read_until(b"(this is 400x10)")
        await visitor.send(["resize", {"width": 5, "height": 10**12}])
        await visitor.read_until(b"(this is 20x200)")
        await visitor.send(["stdin", "q"])
        assert GOODBYE in await visitor.read_until(GOODBYE)
    line = server.wait_for_log(r"hustings\.web session .* end=quit")
    assert " size=20x200 " in line, line
    async with Visitor(server.port, "width=abc&height=-5") as visitor:
        await visitor.read_until(b"(this is 80x10)")
        await visitor.send(["resize", {"width": "huge", "height": True}], ["stdin", "q"])
        await visitor.read_until(GOODBYE)
    assert server.wait_for_log(r"size=20x10 duration=\S+ end=quit")


async def test_the_forwarded_address_counts_only_from_the_trusted_proxy(web_server) -> None:
    trusting = web_server("--per-ip", "1", "--trusted-proxy", "127.0.0.0/8")
    first = {"X-Forwarded-For": "198.51.100.1, 203.0.113.7"}
    async with Visitor(trusting.port, headers=first) as visitor:
        await visitor.read_until(DRAWN)
        async with Visitor(trusting.port, headers={"X-Forwarded-For": "203.0.113.7"}) as same:
            assert MESSAGES[PER_IP].encode() in await same.read_until(b"\r\n", limit=15)
        other = {"X-Forwarded-For": "203.0.113.8"}
        async with Visitor(trusting.port, headers=other) as neighbour:
            await neighbour.read_until(DRAWN)  # another address: its own share
    assert trusting.wait_for_log(r"session ip='203\.0\.113\.7'")
    status, _ = await http_get_with(trusting.port, "X-Forwarded-For: not-an-address\r\n")
    assert status == 400
    status, page = await http_get_with(trusting.port, "X-Forwarded-Proto: https\r\n")
    assert status == 200 and 'data-session-websocket-url="wss://x/ws"' in page  # TLS at ingress

    untrusting = web_server("--per-ip", "1", "--trusted-proxy", "10.0.0.0/8")
    async with Visitor(untrusting.port, headers={"X-Forwarded-For": "203.0.113.9"}) as visitor:
        await visitor.read_until(DRAWN)
        await visitor.send(["stdin", "q"])
        await visitor.read_until(GOODBYE)
    status, page = await http_get_with(untrusting.port, "X-Forwarded-Proto: https\r\n")
    assert status == 200 and 'data-session-websocket-url="ws://x/ws"' in page
    line = untrusting.wait_for_log(r"hustings\.web session ")
    assert "ip='127.0.0.1'" in line and "203.0.113.9" not in untrusting.log


async def http_get_with(port: int, headers: str) -> tuple[int, str]:
    reply = await raw_exchange(port, f"GET / HTTP/1.0\r\nHost: x\r\n{headers}\r\n".encode())
    head, _, body = reply.partition(b"\r\n\r\n")
    return int(head.split()[1]), body.decode()


async def test_an_idle_tab_is_ended_with_a_goodbye(web_server) -> None:
    server = web_server("--idle-timeout", "2")
    async with Visitor(server.port) as visitor:
        await visitor.read_until(DRAWN)
        received = await visitor.read_until(IDLE, limit=20)
        assert IDLE in received
        await visitor.read_until(b"never sent", limit=10)
        assert visitor.closed
    assert server.wait_for_log(r"duration=\S+ end=idle timeout")


async def test_health_says_full_when_every_session_is_taken(web_server) -> None:
    server = web_server("--max-sessions", "1", "--health-port", "0")
    assert server.health_port is not None
    assert await http_get(server.health_port) == (200, "ok\n")
    async with Visitor(server.port) as visitor:
        await visitor.read_until(DRAWN)
        assert await http_get(server.health_port) == (503, "full\n")
        status, body = await http_get_with(server.port, "")
        assert status == 503 and "hustings is busy" in body
    await wait_for_health(server.health_port, (200, "ok\n"), "the slot never came back", limit=15)


async def test_a_connection_refused_at_accept_reads_an_http_503(web_server) -> None:
    """Past the connection cap (8 per address for --per-ip 1), before any HTTP is parsed."""
    server = web_server("--per-ip", "1")
    held = [await asyncio.open_connection("127.0.0.1", server.port) for _ in range(8)]
    try:
        reply = await raw_exchange(server.port)
        assert reply.startswith(b"HTTP/1.1 503 Service Unavailable\r\n"), reply
    finally:
        for _reader, writer in held:
            writer.close()


async def test_tabs_are_forked_from_the_warm_template(web_server) -> None:
    """As serve-ssh's sessions: the app is a child of the template, not a fresh interpreter."""
    server = web_server()
    assert "(template sessions)" in server.log
    async with Visitor(server.port) as visitor:
        await visitor.read_until(DRAWN)
        tree = process_tree(server.process.pid)
        templates = [pid for pid, _state, depth in tree if depth == 1]
        apps = [pid for pid, _state, depth in tree if depth == 2]
        assert len(templates) == 1 and len(apps) == 1, tree
        assert b"hustings.serve.fork.template" in Path(f"/proc/{apps[0]}/cmdline").read_bytes()
        await visitor.send(["stdin", "q"])
        assert GOODBYE in await visitor.read_until(GOODBYE)
    assert server.wait_for_log(r"hustings\.web session .* end=quit")


async def test_the_benchmarks_spawn_way_starts_a_fresh_interpreter_per_tab(web_server) -> None:
    """textual-serve's way, kept only for web_load.py to measure against (not in the package):
    the app is the server's own child, and is reaped when the tab ends."""
    server = web_server(module="benchmarks.spawn_sessions")
    async with Visitor(server.port) as visitor:
        await visitor.read_until(DRAWN)
        apps = [pid for pid, _state, depth in process_tree(server.process.pid) if depth == 1]
        assert len(apps) == 1
        assert b"benchmarks.spawn_sessions" in Path(f"/proc/{apps[0]}/cmdline").read_bytes()
        await visitor.send(["stdin", "q"])
        assert GOODBYE in await visitor.read_until(GOODBYE)
    assert server.wait_for_log(r"hustings\.web session .* end=quit")
    deadline = time.monotonic() + 15
    while process_tree(server.process.pid) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    assert process_tree(server.process.pid) == []


async def test_sigterm_says_goodbye_to_every_tab_and_exits_cleanly(web_server) -> None:
    server = web_server()
    async with Visitor(server.port) as visitor:
        await visitor.read_until(DRAWN)
        server.process.send_signal(signal.SIGTERM)
        assert RESTARTING in await visitor.read_until(RESTARTING)
        await visitor.read_until(b"never sent", limit=15)
        assert visitor.closed
    assert await asyncio.to_thread(server.process.wait, 20) == 0
    assert "end=server shutdown" in server.log
    assert "Traceback" not in server.log


def _app_pid(server) -> int:
    (pid,) = [pid for pid, _state, depth in process_tree(server.process.pid) if depth == 2]
    return pid


async def _type_without_pause(visitor: Visitor, sent: list[int], count: int = 2000) -> None:
    """Up to `count` messages of 1,000 keys each, as fast as the socket takes them, until the
    server closes it."""
    with contextlib.suppress(Exception):
        for _ in range(count):
            await visitor.websocket.send_json(["stdin", "j" * 1000])
            sent[0] += 1


async def test_a_tab_whose_app_dies_while_keys_still_arrive_ends_cleanly(web_server) -> None:
    """The app stops reading (its input backs up in the PTY), keys keep coming, then it dies.
    The PTY's writer used to spin a core on the hang-up for good, the session never ended and
    its slots and descriptor stayed taken. Now: a goodbye, one log line with the true reason,
    the slot and every descriptor back, and the server idle."""
    server = web_server("--max-sessions", "1", "--health-port", "0")
    assert server.health_port is not None
    fds = server.open_fds()
    async with Visitor(server.port) as visitor:
        await visitor.read_until(DRAWN)
        app = _app_pid(server)
        os.kill(app, signal.SIGSTOP)
        sent = [0]
        typing = asyncio.create_task(_type_without_pause(visitor, sent))
        try:
            deadline = time.monotonic() + 10
            while sent[0] < 300 and time.monotonic() < deadline:  # past the PTY's buffer
                await asyncio.sleep(0.05)
            assert sent[0] >= 300, sent
            os.kill(app, signal.SIGKILL)
            os.kill(app, signal.SIGCONT)
            assert CRASHED in await visitor.read_until(CRASHED, limit=15)
            await visitor.read_until(b"never sent", limit=15)
            assert visitor.closed
        finally:
            typing.cancel()
    assert server.wait_for_log(r"hustings\.web session .* end=killed")
    assert await http_get(server.health_port) == (200, "ok\n")  # the slot is free again
    assert server.wait_for_fds(fds) <= fds  # the PTY's master and the socket are closed
    before = server.cpu_seconds()
    await asyncio.sleep(1.0)
    assert server.cpu_seconds() - before < 0.25  # nothing spins
    async with Visitor(server.port) as again:
        await again.read_until(DRAWN)
    assert "Traceback" not in server.log


async def _closed_within(port: int, send: list[bytes], limit: float) -> bool:
    """Whether the server closes a connection that sends `send` (one part a second, the last
    never ending its headers) within `limit` seconds."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        async with asyncio.timeout(limit):
            for part in send:
                writer.write(part)
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(1.0):
                        if await reader.read(4096) == b"":
                            return True
            while await reader.read(4096):
                pass
            return True
    except TimeoutError:
        return False
    except ConnectionError:
        return True
    finally:
        writer.close()


async def test_silent_and_drip_fed_connections_are_closed_at_the_header_timeout(
    web_server,
) -> None:
    """They used to stay open for good: a few hundred of them held every connection slot."""
    server = web_server("--header-timeout", "2")
    drip = [b"GET / HTTP/1.1\r\n", *[b"X-Slow: 1\r\n"] * 30]
    upgrade = [b"GET /ws?width=80&height=24 HTTP/1.1\r\nHost: 127.0.0.1\r\n",
               *[b"Upgrade: websocket\r\n"] * 30]  # fmt: skip
    closed = await asyncio.gather(
        _closed_within(server.port, [], 10),
        _closed_within(server.port, drip, 10),
        _closed_within(server.port, upgrade, 10),
    )
    assert closed == [True, True, True]


async def test_health_says_503_while_every_connection_slot_is_held(web_server) -> None:
    """20 connections (4 per session slot, and 16) fill the front door with no session."""
    server = web_server("--max-sessions", "1", "--per-ip", "3", "--health-port", "0",
                        "--header-timeout", "30")  # fmt: skip
    assert await http_get(server.health_port) == (200, "ok\n")
    held = [await asyncio.open_connection("127.0.0.1", server.port) for _ in range(20)]
    try:
        await wait_for_health(
            server.health_port, (503, "full\n"), "health still says 200 with the door full"
        )
        assert (await raw_exchange(server.port)).startswith(b"HTTP/1.1 503 ")
    finally:
        for _reader, writer in held:
            writer.close()
    await wait_for_health(server.health_port, (200, "ok\n"), "health did not come back to 200")


async def test_only_the_demos_own_pages_may_open_a_tab(web_server) -> None:
    """A page elsewhere could otherwise open tabs from a visitor's browser."""
    server = web_server("--allow-origin", "https://elections.example.org")
    own = {"Origin": f"http://127.0.0.1:{server.port}"}
    async with Visitor(server.port, headers=own) as visitor:
        await visitor.read_until(DRAWN)
    async with Visitor(server.port, headers={"Origin": "https://elections.example.org"}) as v:
        await v.read_until(DRAWN)
    for origin in ("https://evil.example", "null", f"http://127.0.0.1:{server.port + 1}"):
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            async with Visitor(server.port, headers={"Origin": origin}):
                pass
        assert refused.value.status == 403
    assert "sessions refused: origin=" in server.wait_for_log("sessions refused: origin")


MALFORMED = [
    b"FOO<script> / HTTP/1.1\r\nHost: x\r\n\r\n",  # a bad method
    b"GET / HTTP/9.9\r\nHost: x\r\n\r\n",  # a bad version
    b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
    b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",  # both lengths
    b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20_000 + b"\r\n\r\n",  # oversized
]


async def test_malformed_requests_get_a_plain_answer_and_one_log_line(web_server) -> None:
    """They used to log tracebacks at ERROR and be answered without the security headers,
    repeating the request line."""
    server = web_server()
    for request in MALFORMED:
        reply = await raw_exchange(server.port, request)
        head, _, body = reply.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.0 400 ") or head.startswith(b"HTTP/1.1 400 "), head
        _assert_secure(head)
        assert body == b"400 Bad Request\n"
    line = server.wait_for_log("malformed requests: ")
    assert "BadHttpMethod=1" in line
    assert "Traceback" not in server.log and "<script>" not in server.log


def _assert_secure(head: bytes) -> None:
    for header in (b"Content-Security-Policy: default-src 'none'", b"X-Frame-Options: DENY",
                   b"X-Content-Type-Options: nosniff", b"Referrer-Policy: no-referrer",
                   b"\r\nServer: hustings\r\n"):  # fmt: skip
        assert header in head, (header, head)
    assert b"Python/" not in head and b"aiohttp" not in head


async def test_every_response_has_the_security_headers_and_no_versions(web_server) -> None:
    """The page, a static file, a missing one, a refused websocket, the refusal at accept."""
    server = web_server("--per-ip", "1")
    for path in (b"/", b"/static/js/textual.js", b"/nothing-here", b"/ws"):
        reply = await raw_exchange(server.port, b"GET %s HTTP/1.0\r\nHost: x\r\n\r\n" % path)
        _assert_secure(reply.partition(b"\r\n\r\n")[0])
    held = [await asyncio.open_connection("127.0.0.1", server.port) for _ in range(8)]
    try:
        reply = await raw_exchange(server.port)  # past the connection cap: refused at accept
        assert reply.startswith(b"HTTP/1.1 503 ")
        _assert_secure(reply.partition(b"\r\n\r\n")[0])
    finally:
        for _reader, writer in held:
            writer.close()


async def test_a_message_nested_past_pythons_limit_ends_the_tab_with_a_goodbye(web_server) -> None:
    """It used to raise RecursionError out of the relay: no goodbye, logged as a disconnect."""
    server = web_server()
    async with Visitor(server.port) as visitor:
        await visitor.read_until(DRAWN)
        await visitor.websocket.send_str("[" * 60_000)
        assert NOT_UNDERSTOOD in await visitor.read_until(NOT_UNDERSTOOD, limit=15)
    assert server.wait_for_log(r"hustings\.web session .* end=bad message")
    assert "Traceback" not in server.log and "RecursionError" not in server.log


async def test_typed_terminal_reports_neither_resize_nor_refocus_a_tab(web_server) -> None:
    """The forged in-band size report used to resize the app past the clamp (here to 30x10:
    "(this is 30x10)"); a tab's focus comes only in its own messages."""
    server = web_server()
    async with Visitor(server.port) as visitor:
        await visitor.read_until(DRAWN)
        await visitor.send(["stdin", "\x1b[48;10;30;0;0t\x1b[48;10:x;30;0;0t\x1b[I"],
                           ["stdin", "?"])  # fmt: skip
        received = await visitor.read_until(HELP_SHOWN.encode())
        assert b"(this is" not in received and b"needs at least" not in received
        await visitor.send(["stdin", "q"])
        await visitor.read_until(GOODBYE)
    assert " size=120x40 " in server.wait_for_log(r"hustings\.web session .* end=quit")


async def test_a_key_flood_neither_grows_a_tab_nor_stops_it(web_server) -> None:
    server = web_server()
    async with Visitor(server.port) as visitor:
        await visitor.read_until(DRAWN)
        app = _app_pid(server)
        before = _resident_mib(app)
        with contextlib.suppress(TimeoutError):  # held back, as it should be: enough
            async with asyncio.timeout(3.0):
                for _ in range(2000):  # bounded in count and in time
                    await visitor.websocket.send_json(["stdin", "zxcvbnmlkh" * 400])
        assert _resident_mib(app) - before < 24
        assert not visitor.closed


async def test_a_tab_at_its_cpu_limit_ends_with_its_own_goodbye(web_server) -> None:
    server = web_server()
    async with Visitor(server.port) as visitor:
        await visitor.read_until(DRAWN)
        limits = Path(f"/proc/{_app_pid(server)}/limits").read_text()
        assert re.search(r"Max core file size\s+0\s+0\s", limits), limits
        os.kill(_app_pid(server), signal.SIGXCPU)
        assert CPU_USED in await visitor.read_until(CPU_USED, limit=15)
    assert server.wait_for_log(r"hustings\.web session .* end=cpu limit")


def _resident_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) / 1024
