"""A real SSH client against a real server: the app, keys, resize, quit, and every refusal."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import time
from collections.abc import Callable
from pathlib import Path

import asyncssh
import pytest
from asyncssh.packet import Boolean, String, UInt32

from hustings.serve.goodbyes import CPU_USED
from hustings.serve.limits import CPU_BURST, CPU_SHARE, SessionLimits
from hustings.serve.terminal import RESET

from .conftest import (
    HELP_SHOWN,
    Terminal,
    connect,
    open_terminal,
    session_processes,
    wait_for_no_sessions,
)


async def test_login_shows_the_comparison_and_keys_work(server) -> None:
    async with connect(server.port) as conn:
        terminal = await open_terminal(conn)
        await terminal.read_until("Susan Mary Hall", "Sadiq Khan", "≈1,300", "£360m")
        terminal.process.stdin.write(b"?")
        await terminal.read_until("Keys", HELP_SHOWN)


async def test_resize_reaches_the_app(server) -> None:
    async with connect(server.port) as conn:
        terminal = await open_terminal(conn)
        await terminal.read_until("£360m")
        terminal.process.stdin.write(b"a")  # the quoted side by side: panes that fold narrow
        await terminal.read_until("showing 3 of 14")
        terminal.resize(50, 24)
        await terminal.read_until("◀ 1 of 3 ▶")


async def test_quit_closes_the_session_with_a_goodbye(server) -> None:
    async with connect(server.port) as conn:
        terminal = await open_terminal(conn)
        await terminal.read_until("£360m")
        terminal.process.stdin.write(b"q")
        await terminal.read_until("Goodbye.")
        status = await asyncio.wait_for(terminal.process.wait_closed(), 10)
        assert status is None
        assert terminal.process.exit_status == 0
    assert await wait_for_no_sessions(server) == []  # the app's process was reaped


async def test_a_session_without_a_pty_gets_one_line(server) -> None:
    async with connect(server.port) as conn:
        result = await asyncio.wait_for(conn.run(), 10)  # a shell, no PTY
        assert result.stdout.count("\n") == 1
        assert "interactive app" in result.stdout
        assert result.exit_status == 1


async def test_exec_is_refused(server) -> None:
    async with connect(server.port) as conn:
        with pytest.raises(asyncssh.ChannelOpenError):
            await asyncio.wait_for(conn.run("cat /etc/passwd", check=True), 10)


async def test_sftp_is_refused(server) -> None:
    async with connect(server.port) as conn:
        with pytest.raises((asyncssh.ChannelOpenError, asyncssh.SFTPError)):
            await asyncio.wait_for(conn.start_sftp_client(), 10)


async def test_local_port_forwarding_is_refused(server) -> None:
    async with connect(server.port) as conn:
        with pytest.raises(asyncssh.ChannelOpenError):
            await asyncio.wait_for(conn.open_connection("127.0.0.1", server.port), 10)


async def test_remote_port_forwarding_is_refused(server) -> None:
    async with connect(server.port) as conn:
        with pytest.raises(asyncssh.ChannelListenError):
            await asyncio.wait_for(conn.forward_remote_port("127.0.0.1", 0, "127.0.0.1", 1), 10)


async def test_agent_and_x11_forwarding_requests_are_refused(server) -> None:
    """Send the two protocol requests on a live session and read the server's answers.

    asyncssh's client has no public call for a bare request, so this uses the channel's
    request helper: what is tested is the server's reply to the wire message itself.
    """
    async with connect(server.port) as conn:
        terminal = await open_terminal(conn)
        await terminal.read_until("£360m")
        channel = terminal.process.channel
        assert await channel._make_request(b"auth-agent-req@openssh.com") is False
        x11 = (Boolean(False), String(b"MIT-MAGIC-COOKIE-1"), String(b"00" * 16), UInt32(0))
        assert await channel._make_request(b"x11-req", *x11) is False


async def test_an_oversized_window_is_clamped(server) -> None:
    async with connect(server.port) as conn:
        process = await conn.create_process(
            term_type="xterm", term_size=(2**31, 2**31), encoding=None
        )
        data = await asyncio.wait_for(process.stdout.read(4096), 20)
        assert data  # the app started: the connection was not dropped
        process.change_terminal_size(100_000, 1)
        process.stdin.write(b"q")
        await asyncio.wait_for(process.wait_closed(), 15)
    line = server.wait_for_log(r"term='xterm' size=400x10 duration=\S+ end=quit")
    assert re.search(r"size=400x10 ", line), line  # the last size, clamped both ways


async def test_the_session_log_holds_no_keystrokes(server) -> None:
    async with connect(server.port, username="zwxyz-typist") as conn:
        terminal = await open_terminal(conn)
        await terminal.read_until("£360m")
        terminal.process.stdin.write(b"zwxyzzwxy")
        terminal.process.stdin.write(b"q")
        await asyncio.wait_for(terminal.process.wait_closed(), 15)
    server.wait_for_log("user='zwxyz-typist'")
    assert "zwxyzzwxy" not in server.log


async def test_abrupt_disconnects_leave_no_child_processes(server) -> None:
    """100 visitors who vanish mid-session, 10 at a time: no app processes, no zombies."""

    async def vanish() -> None:
        conn = await connect(server.port)
        process = await conn.create_process(term_type="xterm", encoding=None)
        await asyncio.wait_for(process.stdout.read(1), 30)  # the app has started
        conn.abort()

    for _ in range(10):
        await asyncio.wait_for(asyncio.gather(*(vanish() for _ in range(10))), 120)
    assert await wait_for_no_sessions(server) == []


async def test_invalid_utf8_is_replaced_not_fatal(server) -> None:
    """One invalid byte used to crash the app and show the visitor a traceback."""
    async with connect(server.port, username="utf8-tester") as conn:
        terminal = await open_terminal(conn)
        await terminal.read_until("£360m")
        terminal.process.stdin.write(b"\xff\xfe\xc3")
        terminal.process.stdin.write(b"?")
        await terminal.read_until(HELP_SHOWN)  # still running, still answering keys
        shown = terminal.raw.decode("utf-8", "replace")
        assert "Traceback" not in shown and "site-packages" not in shown
    assert "end=disconnect" in server.wait_for_log(r"user='utf8-tester'")


async def test_term_dumb_gets_a_drivable_terminal_and_an_idle_app_is_quiet(server) -> None:
    """TERM=dumb used to make the app redraw for ever (2.6 MB in 10 s)."""
    async with connect(server.port) as conn:
        process = await conn.create_process(term_type="dumb", term_size=(120, 40), encoding=None)
        terminal = Terminal(process)
        await terminal.read_until("£360m", "^p Commands")
        # Let the first frame finish (quiet for half a second, within 10 s)...
        quiet_until, limit = time.monotonic() + 0.5, time.monotonic() + 10
        while time.monotonic() < min(quiet_until, limit):
            try:
                data = await asyncio.wait_for(process.stdout.read(65536), 0.1)
            except TimeoutError:
                continue
            terminal.raw.extend(data)
            quiet_until = time.monotonic() + 0.5
        settled = len(terminal.raw)
        # ...then watch a bounded window with no input: an idle app writes (almost) nothing.
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline:
            try:
                data = await asyncio.wait_for(process.stdout.read(65536), 0.25)
            except TimeoutError:
                continue
            terminal.raw.extend(data)
        assert len(terminal.raw) - settled < 16_384
        process.stdin.write(b"q")
        await asyncio.wait_for(process.wait_closed(), 15)
    server.wait_for_log(r"term='dumb' size=120x40 duration=\S+ end=quit")


async def test_client_eof_ends_the_session_without_tracebacks(server) -> None:
    async with connect(server.port, username="eof-tester") as conn:
        terminal = await open_terminal(conn)
        await terminal.read_until("£360m")
        terminal.process.stdin.write_eof()
        await terminal.read_until("Goodbye.", timeout=10)
        await asyncio.wait_for(terminal.process.wait_closed(), 10)
    server.wait_for_log(r"user='eof-tester'.* end=client eof")
    assert await wait_for_no_sessions(server) == []
    assert "Traceback" not in server.log and "BrokenPipe" not in server.log


async def test_one_connection_opens_one_session(server) -> None:
    """A connection used to open session after session (20 in 5 s) past the rate limit."""
    async with connect(server.port) as conn:
        terminal = await open_terminal(conn)
        await terminal.read_until("£360m")
        with pytest.raises(asyncssh.ChannelOpenError):
            await asyncio.wait_for(conn.create_process(term_type="xterm", encoding=None), 10)
        terminal.process.stdin.write(b"?")
        await terminal.read_until(HELP_SHOWN)  # the first session is untouched


async def test_a_killed_app_ends_politely_with_the_terminal_reset(server) -> None:
    async with connect(server.port, username="crash-tester") as conn:
        terminal = await open_terminal(conn)
        await terminal.read_until("£360m")
        for pid, _state, _depth in session_processes(server):
            os.kill(pid, signal.SIGKILL)
        await terminal.read_until("something went wrong in the demo", timeout=10)
        assert RESET + b"\r\nSorry" in terminal.raw
        assert b"\x1b[?1003h" not in terminal.raw  # drag-only mouse tracking, no motion flood
        assert "Traceback" not in terminal.raw.decode("utf-8", "replace")
    server.wait_for_log(r"user='crash-tester'.* end=killed")


def _resident_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


async def test_a_mouse_motion_flood_neither_grows_the_session_nor_stops_it(server) -> None:
    """Motion reports a client sends unasked used to grow a session to 900 MB."""
    assert await wait_for_no_sessions(server) == []
    async with connect(server.port) as conn:
        terminal = await open_terminal(conn)
        await terminal.read_until("£360m")
        (pid,) = [pid for pid, _state, _depth in session_processes(server)]
        before = _resident_mib(pid)
        flood = b"".join(b"\x1b[<35;%d;%dM" % (x % 120 + 1, x % 40 + 1) for x in range(20_000))
        for _ in range(10):  # about 3 MB of hover reports
            terminal.process.stdin.write(flood)
            await asyncio.wait_for(terminal.process.stdin.drain(), 30)
        terminal.process.stdin.write(b"?")
        await terminal.read_until(HELP_SHOWN, timeout=30)  # still answering keys
        assert _resident_mib(pid) - before < 32


async def test_a_visitor_streaming_keys_is_held_back_not_buffered(server) -> None:
    """Above a high-water mark the server stops reading the channel: the backlog stays with the
    client (the SSH window closes), not in the shared server's memory."""
    assert await wait_for_no_sessions(server) == []
    async with connect(server.port) as conn:
        terminal = await open_terminal(conn)
        await terminal.read_until("£360m")
        (pid,) = [pid for pid, _state, _depth in session_processes(server)]
        os.kill(pid, signal.SIGSTOP)  # the app reads nothing more
        try:
            before = _resident_mib(server.process.pid)
            terminal.process.stdin.write(b"j" * (16 * 1024 * 1024))
            # Without backpressure 16 MB cross loopback in about a second and the server holds
            # them; with it, the window stays closed and the client cannot finish sending.
            with pytest.raises(TimeoutError):
                await asyncio.wait_for(terminal.process.stdin.drain(), 5)
            assert terminal.process.channel.get_write_buffer_size() > 8 * 1024 * 1024
            assert _resident_mib(server.process.pid) - before < 8
        finally:
            os.kill(pid, signal.SIGCONT)


async def test_two_visitors_keys_and_screens_stay_their_own(server) -> None:
    """Two live-forked sessions at once: one opens the help, the other does not see it and
    quits; the first carries on. Neither holds a socket of the template's or of the other's."""
    async with (
        connect(server.port, username="visitor-one") as one,
        connect(server.port, username="visitor-two") as two,
    ):
        first = await open_terminal(one)
        second = await open_terminal(two)
        await first.read_until("£360m")
        await second.read_until("£360m")
        apps = [pid for pid, _state, depth in session_processes(server) if depth == 2]
        assert len(apps) == 2
        sockets = [_sockets(pid) for pid in (server.template_pid(), *apps)]
        assert all(sockets)
        assert not sockets[0] & sockets[1] and not sockets[0] & sockets[2]
        assert not sockets[1] & sockets[2]
        first.process.stdin.write(b"?")
        await first.read_until(HELP_SHOWN)
        second.process.stdin.write(b"q")
        await second.read_until("Goodbye.")
        assert HELP_SHOWN not in second.text and HELP_SHOWN not in second.raw.decode(
            "utf-8", "replace"
        )
        await asyncio.wait_for(second.process.wait_closed(), 10)
        first.process.stdin.write(b"?")  # the help closes again: the first still answers
        # Its screen, not its bytes so far (which hold the first frame): the help gone and
        # the comparison back, however the frame is split across reads.
        await _read_until_screen(first, lambda shown: HELP_SHOWN not in shown and "£360m" in shown)


async def _read_until_screen(
    terminal: Terminal, wanted: Callable[[str], bool], limit: float = 15.0
) -> None:
    deadline = time.monotonic() + limit
    while not wanted(terminal.text) and time.monotonic() < deadline:
        try:
            data = await asyncio.wait_for(terminal.process.stdout.read(65536), 0.25)
        except TimeoutError:
            continue
        terminal.raw.extend(data)
        terminal.stream.feed(data)
    assert wanted(terminal.text), terminal.text


def _sockets(pid: int) -> set[str]:
    found = set()
    for entry in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(entry)
        except OSError:
            continue
        if target.startswith("socket:"):
            found.add(target)
    return found


def _only_app(server) -> int:
    (pid,) = [pid for pid, _state, _depth in session_processes(server)]
    return pid


async def test_a_forged_window_size_report_does_not_resize_the_app(server) -> None:
    """xterm's in-band size report (and Textual's reading of it) typed as keys used to resize
    the app past the size clamp: 30x10 here would say "(this is 30x10)"."""
    async with connect(server.port, username="forger") as conn:
        terminal = await open_terminal(conn)
        await terminal.read_until("£360m")
        for report in (b"\x1b[48;10;30;0;0t", b"\x1b[48;10:x;30;0;0t", b"\x1b[?2048;2$y"):
            terminal.process.stdin.write(report)
        terminal.process.stdin.write(b"?")
        await terminal.read_until(HELP_SHOWN)  # drawn at 120x40, after every report
        shown = terminal.text + terminal.raw.decode("utf-8", "replace")
        assert "(this is" not in shown and "needs at least" not in shown
        assert "\x1b[?2048h" not in shown  # never told to switch in-band resizing on
    assert "size=120x40 " in server.wait_for_log(r"user='forger'")


async def test_a_key_flood_neither_grows_the_session_nor_stops_it(server) -> None:
    """Keys bound to nothing, as fast as the connection takes them, used to queue in the app
    without bound (about 30 MiB a second, to its 448 MiB cap)."""
    assert await wait_for_no_sessions(server) == []
    async with connect(server.port) as conn:
        terminal = await open_terminal(conn)
        await terminal.read_until("£360m")
        pid = _only_app(server)
        before = _resident_mib(pid)
        with contextlib.suppress(TimeoutError):  # held back, as it should be: enough
            async with asyncio.timeout(3.0):
                for _ in range(2000):  # bounded in count and in time
                    terminal.process.stdin.write(b"zxcvbnmlkh" * 400)
                    await terminal.process.stdin.drain()
        assert _resident_mib(pid) - before < 24
    assert await wait_for_no_sessions(server) == []


def _cpu_seconds(pid: int) -> float:
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def test_a_flooding_session_stays_within_its_cpu_share(server) -> None:
    """Candidate toggles as fast as they go (each redraws the comparison) used to take most of
    a core per session. The app may use its burst and then its share; the output is read all
    along, so that nothing but the pacing holds it back."""
    async with connect(server.port) as conn:
        terminal = await open_terminal(conn)
        await terminal.read_until("£360m")
        pid = _only_app(server)

        async def read_everything() -> None:
            while await terminal.process.stdout.read(65536):
                pass

        reading = asyncio.create_task(read_everything())
        try:
            before, started = _cpu_seconds(pid), time.monotonic()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(4.0):
                    for _ in range(400):  # bounded in count and in time
                        terminal.process.stdin.write(b"1" * 50)
                        await terminal.process.stdin.drain()
                        await asyncio.sleep(0.01)
            used, wall = _cpu_seconds(pid) - before, time.monotonic() - started
        finally:
            reading.cancel()
        assert used <= CPU_BURST + CPU_SHARE * wall + 0.5, (used, wall)


async def test_sessions_run_below_the_server_with_no_core_files_and_a_cpu_share(server) -> None:
    async with connect(server.port) as conn:
        terminal = await open_terminal(conn)
        await terminal.read_until("£360m")
        pid = _only_app(server)
        limits = Path(f"/proc/{pid}/limits").read_text()
        assert re.search(r"Max core file size\s+0\s+0\s", limits), limits
        budget = SessionLimits.for_sessions_of(1800).cpu_seconds  # --max-session's default
        assert re.search(rf"Max cpu time\s+{budget}\s+{budget + 5}\s", limits), limits
        assert (
            os.getpriority(os.PRIO_PROCESS, pid)
            >= os.getpriority(os.PRIO_PROCESS, server.process.pid) + SessionLimits().nice
        )


async def test_a_session_at_its_cpu_limit_ends_with_its_own_goodbye(server) -> None:
    """RLIMIT_CPU's soft limit (SIGXCPU): the true reason in the log, no core file."""
    async with connect(server.port, username="cpu-tester") as conn:
        terminal = await open_terminal(conn)
        await terminal.read_until("£360m")
        os.kill(_only_app(server), signal.SIGXCPU)
        await terminal.read_until(CPU_USED.decode().strip(), timeout=10)
    server.wait_for_log(r"user='cpu-tester'.* end=cpu limit")


async def test_an_app_that_dies_while_its_output_waits_ends_its_session(server) -> None:
    """A visitor who reads nothing (a small SSH window, never read) stops the server reading
    the app's terminal; the app's end is then seen by its process exiting, not its hang-up."""
    async with connect(server.port, username="slow-reader", window=1024) as conn:
        process = await conn.create_process(term_type="xterm-256color", term_size=(120, 40),
                                            encoding=None)  # fmt: skip
        await asyncio.wait_for(process.stdout.read(512), 20)  # the app has started
        app = _only_app(server)
        for _ in range(40):  # each opens or closes the help: a whole new screen each time
            process.stdin.write(b"?")
            await asyncio.sleep(0.05)
        os.kill(app, signal.SIGKILL)
        server.wait_for_log(r"user='slow-reader'.* end=killed", limit=15)
