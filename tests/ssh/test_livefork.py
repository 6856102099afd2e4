"""Live-fork at its module boundary: two sessions forked from one live app, each on its own PTY.

A stand-in template (livefork_harness.py) warms a small app and forks two sessions. The tests
drive both at once: different sizes, environments, themes and keys must give different
screens, no descriptor may be shared, and quitting, crashing and hanging up must each end
only their own session, with the right status byte and no traceback on screen.
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyte
import pytest

from ..conftest import ROOT


@dataclass
class Session:
    """One forked session as its visitor sees it: the PTY's master end, drawn by pyte."""

    master: int
    status: int
    columns: int
    rows: int
    pid: int = 0
    raw: bytearray = field(default_factory=bytearray)
    closed: bool = False

    def __post_init__(self) -> None:
        self.screen = pyte.Screen(self.columns, self.rows)
        self.stream = pyte.ByteStream(self.screen)

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    def read(self) -> None:
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: the session has closed its terminal
            data = b""
        if not data:
            self.closed = True
            return
        self.raw += data
        self.stream.feed(data)


@dataclass
class Harness:
    process: subprocess.Popen
    sessions: list[Session]
    lines: list[str] = field(default_factory=list)
    partial: bytes = b""

    def pump(self, done: Callable[[], bool], what: str, limit: float = 30.0) -> None:
        """Read every session's output (and the harness's lines) until `done()`, bounded."""
        deadline = time.monotonic() + limit
        stdout = self.process.stdout
        assert stdout is not None
        while not done():
            if time.monotonic() > deadline:
                screens = "\n----\n".join(s.text for s in self.sessions)
                raise AssertionError(f"{what}: not within {limit} s; {self.lines}\n{screens}")
            watched = [s.master for s in self.sessions if not s.closed] + [stdout.fileno()]
            readable, _, _ = select.select(watched, [], [], 0.1)
            for session in self.sessions:
                if session.master in readable:
                    session.read()
            if stdout.fileno() in readable:
                *complete, self.partial = (self.partial + os.read(stdout.fileno(), 4096)).split(
                    b"\n"
                )
                self.lines += [line.decode() for line in complete]

    def send(self, session: Session, keys: bytes) -> None:
        os.write(session.master, keys)


def _set_size(fd: int, columns: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


@pytest.fixture
def harness() -> Iterator[Harness]:
    """Two sessions: 80x24 in truecolor and textual-light, 100x30 in 256 colours, default theme."""
    sessions, passed, args = [], [], []
    for columns, rows, theme in ((80, 24, "textual-light"), (100, 30, "")):
        master, tty = os.openpty()
        _set_size(master, columns, rows)
        status_read, status_write = os.pipe()
        sessions.append(Session(master, status_read, columns, rows))
        passed += [tty, status_write]
        args += [str(tty), str(status_write), theme]
    env = {key: value for key, value in os.environ.items() if key != "COLORTERM"}
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.ssh.livefork_harness", *args], pass_fds=passed,
        cwd=ROOT, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
        env={**env, "TERM": "dumb"}, start_new_session=True,
    )  # fmt: skip
    for fd in passed:
        os.close(fd)
    running = Harness(process, sessions)
    try:
        running.pump(lambda: len(running.lines) >= 2, "both sessions forked", limit=60)
        for session, line in zip(sessions, running.lines, strict=True):
            session.pid = int(line.split()[1])
        running.pump(lambda: all("live app ready" in s.text for s in sessions), "first frames")
        yield running
    finally:
        for session in sessions:
            os.close(session.master)
            os.close(session.status)
        process.kill()
        process.wait(10)
        assert process.stdout is not None
        process.stdout.close()


def _open_files(pid: int) -> list[str]:
    folder = Path(f"/proc/{pid}/fd")
    found = []
    for entry in folder.iterdir():
        try:
            found.append(os.readlink(entry))
        except OSError:  # closed while we looked
            continue
    return found


def test_each_session_has_its_own_selector_and_wake_up_pipe(harness: Harness) -> None:
    """No socket (the loop's self-pipe) is open in two of template, first and second session,
    and each session has exactly one epoll instance: its own (the inherited one is closed)."""
    template = {f for f in _open_files(harness.process.pid) if f.startswith("socket:")}
    one, two = ({f for f in _open_files(s.pid) if f.startswith("socket:")}
                for s in harness.sessions)  # fmt: skip
    assert template and one and two  # each has a self-pipe of its own
    assert not template & one and not template & two and not one & two
    for session in harness.sessions:
        assert _open_files(session.pid).count("anon_inode:[eventpoll]") == 1


def test_two_sessions_keys_sizes_colours_and_themes_stay_their_own(harness: Harness) -> None:
    """Each session shows its own keys, at its own terminal's size, in the colours its visitor's
    TERM and COLORTERM allow (not the template's TERM=dumb), in its own theme; and each was
    painted once, not once per layout pass."""
    first, second = harness.sessions
    harness.send(first, b"a")
    harness.send(second, b"b")
    wanted_first = "pressed a size 80x24 colours truecolor theme textual-light"
    wanted_second = "pressed b size 100x30 colours 256 theme textual-dark"
    harness.pump(lambda: wanted_first in first.text and wanted_second in second.text, "keys")
    assert first.raw.count(b"live app ready") == 1 and second.raw.count(b"live app ready") == 1
    harness.send(first, b"c")
    harness.pump(lambda: "pressed ac " in first.text, "a second key")
    assert "pressed b" not in first.text and "pressed a" not in second.text
    assert "pressed bc" not in second.text


def test_quit_crash_and_hang_up_each_end_only_their_own_session(harness: Harness) -> None:
    first, second = harness.sessions
    harness.send(first, b"q")
    harness.pump(lambda: first.closed, "the first session closing its terminal")
    assert os.read(first.status, 1) == b"q"
    harness.pump(lambda: f"exit {first.pid} 0" in harness.lines, "the first session's exit")
    harness.send(second, b"z")  # the other is untouched and still answering
    harness.pump(lambda: "pressed z " in second.text, "the second session still answering")
    harness.send(second, b"x")
    harness.pump(lambda: second.closed, "the crashed session closing its terminal")
    assert os.read(second.status, 1) == b"c"
    harness.pump(lambda: f"exit {second.pid} 70" in harness.lines, "the crashed session's exit")
    shown = second.raw.decode("utf-8", "replace")
    assert "Traceback" not in shown and "/secret/install/path" not in shown
    assert harness.process.wait(10) == 0


def test_a_hang_up_ends_a_session_without_a_status(harness: Harness) -> None:
    """What the server does at a timeout: close the master. The kernel hangs up the session."""
    first, second = harness.sessions
    os.close(first.master)
    first.master = os.open(os.devnull, os.O_RDONLY)  # for the fixture to close
    first.closed = True
    harness.pump(lambda: any(line.startswith(f"exit {first.pid} ") for line in harness.lines),
                 "the hung-up session's exit")  # fmt: skip
    assert f"exit {first.pid} -1" in harness.lines  # SIGHUP: ended by the kernel, no byte
    assert os.read(first.status, 1) == b""
    harness.send(second, b"k")
    harness.pump(lambda: "pressed k " in second.text, "the other session still answering")


WARM_WITH_A_THREAD = """
import os, threading
from tests.ssh.livefork_harness import KeysApp
from hustings.serve.fork.livefork import LiveApp, NotForkable

stop = threading.Event()
threading.Thread(target=stop.wait, name="a-helper", daemon=True).start()
try:
    LiveApp.warm(KeysApp)
except NotForkable as exc:
    print(exc, flush=True)
    os._exit(3)
os._exit(0)
"""


def test_a_template_with_another_thread_refuses_to_fork() -> None:
    """A lock held by a thread that does not exist in the child would hang it: refused."""
    result = subprocess.run(
        [sys.executable, "-c", WARM_WITH_A_THREAD], cwd=ROOT, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert result.returncode == 3, result.stderr
    assert "other threads" in result.stdout and "a-helper" in result.stdout


WARM_WITH_A_CHANGED_FRAMEWORK = """
import os
from tests.ssh.livefork_harness import KeysApp
from hustings.app.private_names import Attribute, PrivateName
from hustings.serve.fork import livefork

dropped = PrivateName("textual.app:App", "_gone", Attribute(), "a name an upgrade dropped")
everything = livefork.fenced
livefork.fenced = lambda: (*everything(), dropped)
try:
    livefork.LiveApp.warm(KeysApp)
except livefork.NotForkable as exc:
    print(exc, flush=True)
    os._exit(3)
os._exit(0)
"""


def test_a_template_whose_framework_changed_refuses_to_fork() -> None:
    """A fenced name a child relies on has gone: refused before any fork, naming it."""
    result = subprocess.run(
        [sys.executable, "-c", WARM_WITH_A_CHANGED_FRAMEWORK], cwd=ROOT, capture_output=True,
        text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 3, result.stderr
    assert "textual.app.App._gone" in result.stdout
