"""The rules for strangers, as plain functions: sizes, TERM, admission, PROXY, input, logs, keys."""

from __future__ import annotations

import ipaddress
import logging
import socket

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hustings.serve.admission import BUSY, FULL, ONE_SESSION, PER_IP, RATE, Admission
from hustings.serve.limits import DEFAULT_TERM, child_environment, clamp_size, drivable_term
from hustings.serve.logs import Throttled, session_line
from hustings.serve.proxy import (
    ProxyError,
    parse_v1,
    parse_v2,
    read_proxy_header,
    v1_header,
    v2_header,
)
from hustings.serve.ssh.hostkey import (
    HostKeyError,
    default_host_key_path,
    load_or_create_host_key,
)
from hustings.serve.terminal import InputCleaner, VisitorInput


@given(st.integers(min_value=0, max_value=2**32 - 1), st.integers(min_value=0, max_value=2**32 - 1))
def test_any_size_a_client_sends_is_clamped_into_range(columns: int, rows: int) -> None:
    clamped_columns, clamped_rows = clamp_size(columns, rows)
    assert 20 <= clamped_columns <= 400 and 10 <= clamped_rows <= 200
    if 20 <= columns <= 400:
        assert clamped_columns == columns


def test_environment_is_an_allow_list() -> None:
    env = child_environment(
        "xterm-kitty",
        {"COLUMNS": "80", "LINES": "24", "LANG": "en_GB.UTF-8", "COLORTERM": "truecolor",
         "PYTHONPATH": "/tmp/evil", "TEXTUAL_DRIVER": "x:y", "LD_PRELOAD": "/x.so"},
    )  # fmt: skip
    assert env == {"TERM": "xterm-kitty", "LANG": "en_GB.UTF-8", "COLORTERM": "truecolor"}


def test_odd_environment_values_are_dropped() -> None:
    env = child_environment("xterm\x1b[31m", {"LANG": "x" * 200, "COLORTERM": "a b"})
    assert env == {"TERM": DEFAULT_TERM}


@pytest.mark.parametrize("term", ["dumb", "unknown", "", None, "vt52", "emacs", "network"])
def test_a_term_textual_cannot_drive_becomes_the_default(term) -> None:
    assert drivable_term(term) == DEFAULT_TERM


@pytest.mark.parametrize(
    "term", ["xterm", "xterm-256color", "screen.xterm-256color", "tmux-256color", "linux",
             "alacritty", "foot", "xterm-kitty", "rxvt-unicode-256color", "wezterm"],
)  # fmt: skip
def test_a_drivable_term_is_kept(term) -> None:
    assert drivable_term(term) == term


def test_admission_per_address_counts_connections_with_or_without_a_session() -> None:
    admission = Admission(max_sessions=10, per_ip=2, rate_per_minute=100)
    first, second = admission.admit("a"), admission.admit("a")
    assert admission.admit("a") == PER_IP  # neither has a session: still two connections
    assert admission.admit("b") != PER_IP
    first.close()
    first.close()  # closing twice frees one slot, once
    assert not isinstance(admission.admit("a"), str)
    assert admission.admit("a") == PER_IP
    assert second.start_session() is None


def test_admission_global_caps_sessions_and_connections() -> None:
    admission = Admission(max_sessions=2, per_ip=10, rate_per_minute=100, max_connections=3)
    tickets = [admission.admit(ip) for ip in "abc"]
    assert admission.admit("d") == FULL  # closed at accept
    assert [t.start_session() for t in tickets] == [None, None, BUSY]  # told politely
    assert admission.full
    tickets[0].close()
    assert not admission.full and admission.sessions == 1


def test_one_session_per_connection() -> None:
    admission = Admission(max_sessions=5, per_ip=5)
    ticket = admission.admit("a")
    assert ticket.start_session() is None
    ticket.end_session()
    assert ticket.start_session() == ONE_SESSION
    refused = admission.admit("a")
    admission.sessions = 5
    assert refused.start_session() == BUSY
    admission.sessions = 0
    assert refused.start_session() == ONE_SESSION  # a refusal used its one try


def test_rate_counts_every_arrival_per_address_per_minute() -> None:
    now = [0.0]
    admission = Admission(max_sessions=10, per_ip=1, rate_per_minute=3, clock=lambda: now[0])
    held = admission.admit("a")
    assert [admission.admit("a") for _ in range(3)] == [PER_IP, PER_IP, RATE]  # hoarding too
    assert not isinstance(admission.admit("b"), str)
    now[0] = 61.0
    held.close()
    assert not isinstance(admission.admit("a"), str)
    admission.forget_idle_addresses()
    assert set(admission.recent) == {"a"}  # "b" arrived 61 s ago, "a" just now
    now[0] = 200.0
    admission.forget_idle_addresses()
    assert not admission.recent


def test_proxy_v1_lines() -> None:
    assert parse_v1(b"PROXY TCP4 203.0.113.7 10.0.0.1 51000 22\r\n").client == "203.0.113.7"
    assert parse_v1(b"PROXY TCP6 2001:db8::7 2001:db8::1 51000 22\r\n").client == "2001:db8::7"
    assert parse_v1(b"PROXY UNKNOWN\r\n").client is None
    for bad in (b"PROXY TCP4 203.0.113.7 10.0.0.1 51000\r\n", b"PROXY TCP4 ::1 ::1 1 2\r\n",
                b"PROXY TCP4 1.2.3.4 1.2.3.4 99999 22\r\n", b"PROXY TCP4 x 1.2.3.4 1 2\r\n",
                b"PROXY TCP5 1.2.3.4 1.2.3.4 1 2\r\n", b"SSH-2.0-x\r\n"):  # fmt: skip
        with pytest.raises(ProxyError):
            parse_v1(bad)


@given(st.ip_addresses(), st.integers(min_value=0, max_value=65535))
def test_proxy_headers_name_their_client(address, port) -> None:
    client = str(address)
    server = "::1" if isinstance(address, ipaddress.IPv6Address) else "127.0.0.1"
    assert parse_v1(v1_header(client, port, server)).client == client
    header = v2_header(client, port, server)
    assert parse_v2(header).client == client
    assert parse_v2(header).length == len(header)


def test_proxy_v2_local_and_broken_headers() -> None:
    local = v2_header("192.0.2.1", 1)
    local = local[:12] + bytes([0x20]) + local[13:]  # LOCAL: the balancer's own check
    assert parse_v2(local).client is None
    good = v2_header("192.0.2.1", 1)
    for bad in (
        good[:-1],
        good[:12] + bytes([0x31]) + good[13:],
        b"\r\n\r\n\x00\r\nQUIX\n" + good[12:],
    ):
        with pytest.raises(ProxyError):
            parse_v2(bad)


async def test_reading_a_proxy_header_stops_at_its_end() -> None:
    """What follows the header (here, SSH's banner) is left on the socket, byte for byte."""
    for header in (v1_header("198.51.100.9", 4000), v2_header("2001:db8::9", 4000)):
        ours, theirs = socket.socketpair()
        ours.setblocking(False)
        with ours, theirs:
            theirs.sendall(header[:5])
            theirs.sendall(header[5:] + b"SSH-2.0-client\r\n")
            parsed = await read_proxy_header(ours)
            assert parsed.client in ("198.51.100.9", "2001:db8::9")
            assert ours.recv(100) == b"SSH-2.0-client\r\n"


def test_invalid_utf8_is_replaced_and_split_characters_survive() -> None:
    cleaner = InputCleaner()
    assert cleaner.clean(b"q") == b"q"
    assert cleaner.clean(b"\xff") == "\ufffd".encode()
    pound = "£".encode()
    assert cleaner.clean(pound[:1]) == b""
    assert cleaner.clean(pound[1:] + b"x") == pound + b"x"
    assert cleaner.clean(b"\x1b[<35;10;5M") == b"\x1b[<35;10;5M"


def test_the_session_line_quotes_what_the_client_chose() -> None:
    line = session_line(ip="192.0.2.1", user="x\nsession ip=forged", term="\x1b[31mred",
                        command=None, size=(80, 24), duration=1.25, end="quit")  # fmt: skip
    assert "\n" not in line and "\x1b" not in line
    assert line == ("session ip='192.0.2.1' user='x\\nsession ip=forged' term='\\x1b[31mred' "
                    "size=80x24 duration=1.2s end=quit")  # fmt: skip


def test_floods_are_logged_once_per_interval(caplog) -> None:
    now = [0.0]
    throttled = Throttled(logging.getLogger("test.flood"), "refused", 10.0, clock=lambda: now[0])
    with caplog.at_level(logging.WARNING, "test.flood"):
        for _ in range(1000):
            throttled.note("per-ip")
        now[0] = 10.5
        throttled.note("rate")
    assert [r.getMessage() for r in caplog.records] == [
        "refused: per-ip=1",
        "refused: per-ip=999, rate=1",
    ]


def test_host_key_is_created_0600_and_reused(tmp_path) -> None:
    path = tmp_path / "keys" / "host_key"
    first = load_or_create_host_key(path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert load_or_create_host_key(path).get_fingerprint() == first.get_fingerprint()


def test_the_default_key_lives_outside_the_folder_the_server_runs_in(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    path = default_host_key_path()
    assert path == tmp_path / "state" / "hustings" / "ssh_host_key"
    load_or_create_host_key(path)
    assert not (tmp_path / "ssh_host_key").exists()


def test_a_key_made_in_this_folder_before_stays_in_use(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    first = load_or_create_host_key(tmp_path / "ssh_host_key")
    kept = load_or_create_host_key(default_host_key_path())
    assert kept.get_fingerprint() == first.get_fingerprint()
    assert not (tmp_path / "state").exists()


def test_git_never_offers_a_host_key_made_in_the_checkout(tmp_path) -> None:
    import subprocess

    from ..conftest import ROOT

    for name in ("ssh_host_key", "deploy/ssh_host_key", "host_key"):
        ignored = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "-q", name], timeout=10)
        assert ignored.returncode == 0, name


@pytest.mark.parametrize("mode", [0o400, 0o440, 0o600])
def test_a_private_read_only_key_is_read_and_never_changed(tmp_path, mode) -> None:
    path = tmp_path / "host_key"
    first = load_or_create_host_key(path)
    path.chmod(mode)
    assert load_or_create_host_key(path).get_fingerprint() == first.get_fingerprint()
    assert path.stat().st_mode & 0o777 == mode


@pytest.mark.parametrize("mode", [0o644, 0o604, 0o660])
def test_a_key_others_can_read_or_change_is_refused_clearly(tmp_path, mode) -> None:
    path = tmp_path / "host_key"
    load_or_create_host_key(path)
    path.chmod(mode)
    with pytest.raises(HostKeyError, match=f"host key {path} has mode {mode:04o}.*chmod 0400"):
        load_or_create_host_key(path)
    assert path.stat().st_mode & 0o777 == mode  # refused, not "fixed"


def test_serve_ssh_help_gives_every_option_a_default() -> None:
    import argparse

    from hustings.serve.ssh.options import add_serve_ssh_arguments

    parser = argparse.ArgumentParser()
    add_serve_ssh_arguments(parser)
    options = [a for a in parser._actions if a.option_strings and a.dest != "help"]
    assert len(options) == 12
    for action in options:
        assert "default" in (action.help or ""), action.option_strings
    assert "(default: 2222)" in " ".join(parser.format_help().split())


def test_mouse_motion_floods_are_coalesced() -> None:
    from hustings.serve.terminal import coalesce_motion

    hover = b"".join(b"\x1b[<35;%d;5M" % x for x in range(1, 500))
    drags = b"\x1b[<32;1;1M\x1b[<32;2;1M\x1b[<32;3;1M"
    click = b"\x1b[<0;7;7M\x1b[<0;7;7m"
    assert coalesce_motion(hover) == b""
    assert coalesce_motion(b"j" + hover + drags + click + b"k") == b"j\x1b[<32;3;1M" + click + b"k"
    assert coalesce_motion(b"plain keys \x1b[A") == b"plain keys \x1b[A"
    assert coalesce_motion(click) == click


# -- what reaches the app from a visitor: keys, never terminal control --------------------------

KEYS = [b"j", b"q", b"\xc2\xa3", b"\x1b[A", b"\x1b[1;5B", b"\x1bOP", b"\x1b[15~", b"\x1b[R",
        b"\x1b[<0;7;7M", b"\x1b[<0;7;7m", b"\x1b[c", b"\x1bPx", b"\x1b]x", b"\r",
        b"\x7f"]  # fmt: skip
REPORTS = [
    b"\x1b[48;2000;2000;0;0t",  # xterm's in-band window size: Textual resizes the app to it
    b"\x1b[48;40:1;120;800:2;1600t",
    b"\x1b[48;1:xx;2;3;4t",  # what Textual's pattern for it also accepts
    b"\x1b[8;40;120t",  # the window size in characters
    b"\x1b[12;40R",  # a cursor position report
    b"\x1b[?12;40;1R",
    b"\x1b[?2048;2$y",  # mode reports: in-band resizing, and one nothing asked about
    b"\x1b[?1004;1$y",
    b"\x1b[?62;22c",  # device attributes, primary and secondary
    b"\x1b[>41;360;0c",
    b"\x1b[0n",  # status
]
# Answers in strings: dropped when whole in one read (a terminal writes each at once). Split,
# they reach Textual as the keys they are made of, no more than a visitor could type.
ANSWERS = [
    b"\x1b]11;rgb:0000/0000/0000\x07",  # colour answers, ended by BEL and by ST
    b"\x1b]10;rgb:ffff/ffff/ffff\x1b\\",
    b"\x1bP1+r544e=787465726d\x1b\\",  # a capability answer
    b"\x1b_Gi=1;OK\x1b\\",  # a graphics answer
]


@pytest.mark.parametrize("report", REPORTS + ANSWERS)
def test_terminal_reports_never_reach_the_app(report) -> None:
    visitor = VisitorInput(focus_reports=True)
    assert visitor.feed(b"a" + report + b"b") == b"ab"


def test_focus_reports_reach_the_app_only_where_it_asked_for_them() -> None:
    assert VisitorInput(focus_reports=True).feed(b"\x1b[I\x1b[O") == b"\x1b[I\x1b[O"
    assert VisitorInput(focus_reports=False).feed(b"x\x1b[Iy\x1b[Oz") == b"xyz"


def test_the_mode_report_the_app_asks_for_is_kept() -> None:
    """Synchronized output (2026): Textual asks whether the terminal has it."""
    assert VisitorInput(focus_reports=True).feed(b"\x1b[?2026;2$y") == b"\x1b[?2026;2$y"


def test_a_report_split_across_reads_is_still_dropped() -> None:
    visitor = VisitorInput(focus_reports=True)
    assert visitor.feed(b"a\x1b[48;20") == b"a"  # held: it may be a report
    assert visitor.feed(b"00;2000;0;0tb") == b"b"
    assert visitor.feed(b"\x1b") == b"\x1b"  # the Escape key is not held back...
    assert visitor.feed(b"[48;10;30;0;0tc") == b"c"  # ...and what follows it is still judged
    assert visitor.feed(b"\x1b") == b"\x1b"
    assert visitor.feed(b"[Bd") == b"[Bd"  # the rest of a key goes on as it came


@given(st.lists(st.sampled_from(KEYS + REPORTS), max_size=30), st.data())
def test_however_reads_split_them_keys_pass_and_reports_do_not(parts, data) -> None:
    """Reads may end anywhere but just after an ESC (the Escape key, passed on at once: the
    test above)."""
    stream = b"".join(parts)
    cuts = sorted(
        data.draw(st.lists(st.integers(0, len(stream)), max_size=6).map(
            lambda found: [cut for cut in found if stream[cut - 1 : cut] != b"\x1b"]
        ))
    )  # fmt: skip
    visitor = VisitorInput(focus_reports=True)
    reads = zip([0, *cuts], [*cuts, len(stream)], strict=True)
    got = b"".join(visitor.feed(stream[start:end]) for start, end in reads)
    assert got == b"".join(part for part in parts if part not in REPORTS)


def test_a_paste_is_cut_to_its_bound_and_still_ends() -> None:
    from hustings.serve.terminal import MAX_PASTE

    visitor = VisitorInput(focus_reports=True)
    pasted = visitor.feed(b"\x1b[200~" + b"x" * (MAX_PASTE + 5000))
    pasted += visitor.feed(b"y" * 10_000 + b"\x1b[201~z")
    assert pasted == b"\x1b[200~" + b"x" * MAX_PASTE + b"\x1b[201~z"


class _Pump:
    """What the pacer asks of Textual's app and its focused widget, without Textual."""

    def __init__(self) -> None:
        self.later: list = []
        self.message_queue_size = 0

    def call_later(self, callback) -> bool:
        self.later.append(callback)
        return True

    def call_after_refresh(self, callback) -> bool:
        self.later.append(callback)
        return True

    @property
    def focused(self):
        return self

    def run_queued(self) -> None:
        while self.later:
            self.later.pop(0)()


class _Clocks:
    """A wall clock and a CPU clock the test moves; waiting moves the wall clock."""

    def __init__(self) -> None:
        self.wall = self.cpu = 0.0
        self.waited = 0.0

    def wait(self, timeout: float) -> bool:
        self.wall += timeout
        self.waited += timeout
        return False

    def is_set(self) -> bool:
        return False


def _pace():
    from hustings.serve.driver import InputPace

    app, clocks = _Pump(), _Clocks()
    return (
        InputPace(app, clocks, clock=lambda: clocks.wall, cpu_clock=lambda: clocks.cpu),
        app,
        clocks,
    )


def test_input_beyond_a_persons_rate_is_dropped() -> None:
    from hustings.serve.limits import INPUT_BURST, INPUT_RATE

    pace, app, clocks = _pace()
    admitted = 0
    for _ in range(INPUT_BURST + 50):
        admitted += pace.admit()
        app.run_queued()  # the app keeps up: only the rate limits
    assert admitted == INPUT_BURST
    clocks.wall += 1.0
    assert sum(pace.admit() or app.run_queued() or 0 for _ in range(2 * INPUT_RATE)) == INPUT_RATE


def test_input_is_dropped_while_the_app_has_not_caught_up() -> None:
    from hustings.serve.limits import INPUT_BATCH

    pace, app, _clocks = _pace()
    assert all(pace.admit() for _ in range(INPUT_BATCH))
    assert len(app.later) == 1  # asked the app to say when it has caught up
    assert not pace.admit() and not pace.admit()  # it has not: dropped
    assert pace.admit(always=True)  # a button pressed or released is never dropped
    app.run_queued()  # through the app's queue, then the widget's refresh
    assert pace.admit()


def test_input_waits_while_the_app_is_over_its_cpu_share() -> None:
    from hustings.serve.limits import CPU_BURST, CPU_SHARE

    pace, _app, clocks = _pace()
    clocks.cpu += CPU_BURST + 1.0  # the app has used its burst and a second more
    assert pace.admit()
    assert clocks.waited == pytest.approx(1.0 / CPU_SHARE, rel=0.05)


def test_the_demo_driver_drops_the_events_textual_makes_of_reports() -> None:
    from textual import events, messages
    from textual.geometry import Size

    from hustings.serve.driver import demo_driver

    class Recorder:
        def __init__(self, app, *args, **kwargs) -> None:
            self.sent: list = []

        def process_message(self, message) -> None:
            self.sent.append(message)

        def write(self, data: str) -> None:
            self.sent.append(data)

    driver = demo_driver(Recorder)(_Pump())
    size = Size(2000, 2000)
    for report in (events.Resize(size, size), events.CursorPosition(3, 4),
                   messages.InBandWindowResize(True, True)):  # fmt: skip
        driver.process_message(report)
    key = events.Key("j", "j")
    driver.process_message(key)
    driver.process_message(events.AppFocus())  # a terminal driver asked for focus reports
    driver.write("\x1b[?1003h")
    assert driver.sent[:2] == [key, driver.sent[1]] and isinstance(driver.sent[1], events.AppFocus)
    assert driver.sent[2] == "\x1b[?1002h"  # drag-only mouse tracking, never any motion


def test_session_limits_take_core_files_and_priority_and_a_share_of_cpu() -> None:
    """Applied in a process of its own (they cannot be undone in this one)."""
    import subprocess
    import sys

    from hustings.serve.limits import CPU_SHARE, SessionLimits, cpu_budget

    limits = SessionLimits.for_sessions_of(600)
    assert limits.cpu_seconds == cpu_budget(600) >= 600 * CPU_SHARE
    script = (
        "import os, resource\n"
        "from hustings.serve.limits import SessionLimits\n"
        "before = os.getpriority(os.PRIO_PROCESS, 0)\n"
        "SessionLimits.for_sessions_of(600).apply()\n"
        "print(resource.getrlimit(resource.RLIMIT_CORE), resource.getrlimit(resource.RLIMIT_CPU),"
        " os.getpriority(os.PRIO_PROCESS, 0) - before)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    budget = limits.cpu_seconds
    assert out.stdout.split("\n")[0] == f"(0, 0) ({budget}, {budget + 5}) {limits.nice}"


def test_health_says_not_ready_whenever_a_new_visitor_would_be_refused() -> None:
    from hustings.serve.health import readiness

    admission = Admission(max_sessions=2, per_ip=10, rate_per_minute=100, max_connections=3)
    assert readiness(False, True, admission) == (True, "ok")
    held = [admission.admit(ip) for ip in "abc"]  # no sessions, but every connection slot
    assert readiness(False, True, admission) == (False, "full")
    held[0].close()
    assert readiness(False, True, admission) == (True, "ok")
    assert readiness(False, False, admission) == (False, "session template down")
    assert readiness(True, True, admission) == (False, "draining")
