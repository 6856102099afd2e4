"""Caps, timeouts, shutdown and the system OpenSSH client, each against its own real server."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import time

import asyncssh
import pytest

from hustings.serve.terminal import RESET

from ..machine import requires
from .conftest import (
    HELP_SHOWN,
    connect,
    open_terminal,
    process_tree,
    raw_exchange,
    session_processes,
    start_server,
    wait_for_no_sessions,
)


async def test_global_cap_answers_busy(tmp_path) -> None:
    server = start_server(tmp_path, "--max-sessions", "2", "--per-ip", "10")
    try:
        async with connect(server.port) as one, connect(server.port) as two:
            first = await open_terminal(one)
            second = await open_terminal(two)
            await first.read_until("£360m")
            await second.read_until("£360m")
            async with connect(server.port) as three:
                third = await open_terminal(three)
                await third.read_until("busy right now: please try again shortly")
                await asyncio.wait_for(third.process.wait_closed(), 10)
    finally:
        assert server.stop() == 0


async def test_per_ip_cap_is_applied_at_accept(tmp_path) -> None:
    server = start_server(tmp_path, "--max-sessions", "10", "--per-ip", "1")
    try:
        async with connect(server.port) as one:
            first = await open_terminal(one)
            await first.read_until("£360m")
            refused = await raw_exchange(server.port)  # no SSH banner: closed at accept
            assert refused == (
                b"You already have the most connections allowed from one address:"
                b" close one first.\r\n"
            )
        await wait_for_no_sessions(server)
        async with connect(server.port) as again:  # the slot is free once the first has gone
            later = await open_terminal(again)
            await later.read_until("£360m")
    finally:
        server.stop()


async def test_hoarded_connections_are_capped_and_closed_at_login_timeout(tmp_path) -> None:
    """Authenticated connections that never open a session used to pile up until the server
    ran out of file descriptors."""
    server = start_server(tmp_path, "--per-ip", "3", "--login-timeout", "2",
                          "--connections-per-minute", "100")  # fmt: skip
    try:
        hoard = [await connect(server.port) for _ in range(3)]
        assert b"most connections allowed" in await raw_exchange(server.port)
        started = time.monotonic()
        for conn in hoard:  # each is closed by the server, none by us
            await asyncio.wait_for(conn.wait_closed(), 10)
        assert time.monotonic() - started < 10
        async with connect(server.port) as conn:  # and the address may come back
            terminal = await open_terminal(conn)
            await terminal.read_until("£360m")
        server.wait_for_log(r"connections closed without opening a session: login timeout=")
    finally:
        server.stop()
    assert "Traceback" not in server.log


async def test_connection_rate_limit_counts_every_arrival(tmp_path) -> None:
    server = start_server(tmp_path, "--connections-per-minute", "2")
    try:
        for _ in range(2):
            async with connect(server.port) as conn:
                result = await asyncio.wait_for(conn.run(), 10)
                assert "interactive app" in result.stdout
        assert b"Too many connections from your address" in await raw_exchange(server.port)
        with pytest.raises((OSError, asyncssh.Error)):
            await asyncio.wait_for(connect(server.port), 10)
    finally:
        server.stop()
    assert re.search(r"connections refused at accept: rate=\d", server.log)


@pytest.mark.parametrize(
    ("options", "message", "ending"),
    [
        (("--idle-timeout", "1"), "Idle for too long: goodbye.", "end=idle timeout"),
        (("--max-session", "2"), "reached its time limit", "end=time limit"),
    ],
    ids=["idle", "session-limit"],
)
async def test_timeouts_end_the_session_and_reap_it(tmp_path, options, message, ending) -> None:
    server = start_server(tmp_path, *options)
    try:
        async with connect(server.port) as conn:
            terminal = await open_terminal(conn)
            await terminal.read_until("£360m")
            await terminal.read_until(message, timeout=10)
            # The terminal is reset before the goodbye: out of the alternate screen, mouse
            # and focus reporting off, cursor on, keyboard protocol popped.
            reset_at = terminal.raw.rfind(RESET + b"\r\n")
            assert 0 <= reset_at < terminal.raw.rfind(message.encode())
            assert not terminal.screen.cursor.hidden
        assert await wait_for_no_sessions(server) == []
        server.wait_for_log(ending)
    finally:
        server.stop()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
async def test_a_signal_drains_sessions_and_leaves_no_processes(tmp_path, sig) -> None:
    server = start_server(tmp_path)
    async with connect(server.port) as conn:
        terminal = await open_terminal(conn)
        await terminal.read_until("£360m")
        assert len(session_processes(server)) == 1
        server.process.send_signal(sig)
        await terminal.read_until("The demo server is restarting", timeout=15)
        assert RESET + b"\r\nThe demo server is restarting" in terminal.raw
    assert await asyncio.to_thread(server.process.wait, 20) == 0
    assert "end=server shutdown" in server.log
    assert process_tree(server.process.pid) == []


async def test_host_key_is_0600_and_survives_a_restart(tmp_path) -> None:
    keys = []
    for _ in range(2):
        server = start_server(tmp_path)
        try:
            async with connect(server.port) as conn:
                keys.append(conn.get_server_host_key().get_fingerprint())
        finally:
            server.stop()
    assert keys[0] == keys[1]
    assert oct((tmp_path / "host_key").stat().st_mode & 0o777) == "0o600"


def test_the_system_openssh_client_runs_one_full_session(tmp_path) -> None:
    """`ssh -p PORT anyone@127.0.0.1` in a real terminal (tmux): app, a key, quit, goodbye."""
    requires("ssh", "tmux")
    server = start_server(tmp_path)
    socket = str(tmp_path / "tmux.sock")
    tmux = ["tmux", "-S", socket]
    command = (
        f"ssh -p {server.port} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "
        f"-o LogLevel=ERROR anyone@127.0.0.1; sleep 30"
    )
    env = {**os.environ, "TERM": "xterm-256color"}
    subprocess.run([*tmux, "new-session", "-d", "-x", "120", "-y", "40", command],
                   check=True, env=env, timeout=10)  # fmt: skip

    def screen() -> str:
        return subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True, text=True,
                              timeout=10).stdout  # fmt: skip

    def wait_for(text: str, limit: float = 30) -> str:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            shown = screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} not on screen:\n{screen()}")

    try:
        shown = wait_for("£360m")
        assert "Susan Mary Hall" in shown and "≈1,300" in shown
        subprocess.run([*tmux, "send-keys", "?"], check=True, timeout=10)
        wait_for(HELP_SHOWN)
        subprocess.run([*tmux, "send-keys", "Escape"], check=True, timeout=10)
        wait_for("£360m")  # back on the main screen (ESC then q at once would read as alt+q)
        subprocess.run([*tmux, "send-keys", "q"], check=True, timeout=10)
        wait_for("Thanks for comparing with hustings. Goodbye.")
    finally:
        subprocess.run([*tmux, "kill-server"], timeout=10)
        server.stop()


async def test_connecting_without_the_server_fails_cleanly(tmp_path) -> None:
    """A sanity check on the client helper itself: a closed port is an error, not a hang."""
    server = start_server(tmp_path)
    port = server.port
    server.stop()
    with pytest.raises(OSError):
        await asyncio.wait_for(connect(port), 10)
    assert isinstance(asyncssh.__version__, str)


async def test_login_timeout_closes_a_silent_connection(tmp_path) -> None:
    """A client that connects and never speaks SSH is dropped after --login-timeout."""
    server = start_server(tmp_path, "--login-timeout", "1")
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        banner = await asyncio.wait_for(reader.readline(), 10)
        assert banner.startswith(b"SSH-2.0-")
        started = time.monotonic()
        rest = await asyncio.wait_for(reader.read(), 15)  # returns at EOF: the server hung up
        assert time.monotonic() - started < 10
        assert rest is not None
        writer.close()
    finally:
        server.stop()


async def test_the_benchmarks_spawn_way_serves_the_app_and_reaps_it(tmp_path) -> None:
    """The costlier way, kept only for benchmarks (not in the package), works the same and
    leaves nothing behind: ssh_load.py's comparison measures a working server."""
    server = start_server(tmp_path, module="benchmarks.spawn_sessions")
    try:
        async with connect(server.port) as conn:
            terminal = await open_terminal(conn)
            await terminal.read_until("£360m", timeout=40)
            assert len(process_tree(server.process.pid)) >= 1
            terminal.process.stdin.write(b"q")
            await terminal.read_until("Goodbye.")
        deadline = time.monotonic() + 15
        while process_tree(server.process.pid) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        assert process_tree(server.process.pid) == []
    finally:
        server.stop()


async def test_running_out_of_descriptors_is_logged_once_and_recovers(tmp_path) -> None:
    """accept() failing for want of file descriptors used to log a traceback per attempt."""
    import resource

    server = start_server(tmp_path, "--per-ip", "100", "--connections-per-minute", "1000",
                          "--login-timeout", "3")  # fmt: skip
    pid = server.process.pid
    try:
        limits = resource.prlimit(pid, resource.RLIMIT_NOFILE)
        in_use = len(os.listdir(f"/proc/{pid}/fd"))
        resource.prlimit(pid, resource.RLIMIT_NOFILE, (in_use + 4, limits[1]))
        flood = [await asyncio.open_connection("127.0.0.1", server.port) for _ in range(30)]
        server.wait_for_log(r"accept\(\) failed: EMFILE=1")
        for _reader, writer in flood:
            writer.close()
        resource.prlimit(pid, resource.RLIMIT_NOFILE, limits)
        async with connect(server.port) as conn:  # served again once descriptors are free
            terminal = await open_terminal(conn)
            await terminal.read_until("£360m")
    finally:
        server.stop()
    failures = [line for line in server.log.splitlines() if "accept() failed" in line]
    assert 1 <= len(failures) <= 3, failures  # one line per 10 s, not one per attempt
    assert "Traceback" not in server.log
