"""Where the full-screen app cannot run, hustings prints and exits: it never spins.

Real subprocesses with bounded timeouts: no TTY (stdin /dev/null, stdout a pipe), and a real
pseudo-terminal with TERM=dumb. Both used to redraw at 100% CPU for ever.
"""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time

from ..conftest import ROOT
from ..machine import requires

LIMIT = 30.0  # seconds: a start-up is well under 2; a spin never ends
ALT_SCREEN = b"\x1b[?1049h"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    return {**env, "XDG_CONFIG_HOME": "/nonexistent-hustings-test", **extra}


def test_without_a_terminal_it_prints_the_table_and_exits() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "hustings.cli"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        cwd=ROOT,
        env=_env(TERM="xterm-256color"),
        timeout=LIMIT,
    )
    assert done.returncode == 0
    assert b"13,000" in done.stdout and b"Sadiq Khan" in done.stdout
    assert ALT_SCREEN not in done.stdout
    assert done.stderr.decode().count("\n") == 1 and b"not a terminal" in done.stderr


def run_in_pty(argv: list[str], env: dict[str, str]) -> tuple[int, bytes, float]:
    """Run `argv` on a 100x30 PTY until it exits (bounded); (exit code, output, seconds)."""
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    started = time.monotonic()
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env)
    os.close(slave)
    output = bytearray()
    try:
        while time.monotonic() - started < LIMIT:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the child closed the terminal
                    chunk = b""
                output += chunk
                if not chunk and process.poll() is not None:
                    break
            elif process.poll() is not None:
                break
        code = process.wait(timeout=1)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    return code, bytes(output), time.monotonic() - started


def test_term_dumb_prints_the_table_and_exits_instead_of_spinning() -> None:
    code, output, seconds = run_in_pty([sys.executable, "-m", "hustings.cli"], _env(TERM="dumb"))
    assert seconds < LIMIT and code == 0
    assert b"13,000" in output and b"TERM=dumb" in output
    assert ALT_SCREEN not in output and b"\x1b[" not in output  # no escape codes at all


def test_read_prints_reading_order_without_box_drawing() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "hustings.cli", "read"],
        capture_output=True,
        cwd=ROOT,
        env=_env(),
        timeout=LIMIT,
        text=True,
    )
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines.index("Topic: Officer numbers.") < lines.index("Topic: Funding.")
    assert "Flag, conditional: Khan said he could only guarantee a restoration" in done.stdout
    assert not set("│┌┐└┘├┤─◆≠⊂⊃") & set(done.stdout)


class Tmux:
    """The app in a real terminal (tmux, on its own socket), read as the terminal holds it."""

    def __init__(self, socket: str, columns: int, rows: int, env: dict[str, str]) -> None:
        self.base = ["tmux", "-S", socket]
        command = f"{sys.executable} -m hustings.cli; sleep 30"
        subprocess.run([*self.base, "new-session", "-d", "-x", str(columns), "-y", str(rows),
                        "-c", str(ROOT), command], check=True, env=env, timeout=10)  # fmt: skip

    def screen(self, escapes: bool = False) -> str:
        flags = ["-e"] if escapes else []
        return subprocess.run([*self.base, "capture-pane", "-p", *flags], capture_output=True,
                              text=True, timeout=10).stdout  # fmt: skip

    def press(self, *keys: str) -> None:
        subprocess.run([*self.base, "send-keys", *keys], check=True, timeout=10)

    def wait_for(self, text: str, escapes: bool = False) -> str:
        deadline = time.monotonic() + LIMIT
        while time.monotonic() < deadline:
            shown = self.screen(escapes)
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} not on screen:\n{self.screen()}")

    def kill(self) -> None:
        subprocess.run([*self.base, "kill-server"], timeout=10)


_SGR = re.compile(r"\x1b\[([0-9;]*)m")


def _in_reverse(screen: str, words: str) -> bool:
    """Whether `words` are drawn in reverse video: the SGR codes before them, read in order
    from the top of the capture (tmux carries attributes from one line to the next): 7 sets
    reverse, 27 and 0 clear it; a colour's own numbers (38/48;5;n or 38/48;2;r;g;b) are
    skipped. A reversed scrollbar after the words does not count."""
    reverse = False
    for found in _SGR.finditer(screen[: screen.index(words)]):
        codes = iter(found[1].split(";"))
        for code in codes:
            if code in ("38", "48"):
                for _ in range(2 if next(codes, "") == "5" else 3):
                    next(codes, "")
            elif code in ("", "0", "27"):
                reverse = False
            elif code == "7":
                reverse = True
    return reverse


def test_no_color_in_a_real_terminal_the_palettes_highlight_moves(tmp_path) -> None:
    """NO_COLOR=1 in tmux, from the first screen (the overview) and `a` (the quoted side by
    side): in the command palette the highlighted command is in reverse video (ESC[...7m), and
    the next one is after ↓, the first no longer."""
    requires("tmux")
    env = _env(TERM="xterm-256color", NO_COLOR="1")
    terminal = Tmux(str(tmp_path / "tmux.sock"), 120, 40, env)
    first, second = "Hide Susan Mary Hall", "Hide Sadiq Khan"
    try:
        terminal.wait_for("13 candidates")
        terminal.press("a")
        terminal.wait_for("Officer numbers")
        terminal.press("C-p")
        before = terminal.wait_for(second, escapes=True)
        assert _in_reverse(before, first) and not _in_reverse(before, second)
        terminal.press("Down")
        deadline = time.monotonic() + LIMIT
        after = terminal.screen(escapes=True)
        while not _in_reverse(after, second) and time.monotonic() < deadline:
            time.sleep(0.1)  # a frame may be captured half drawn: wait for the whole one
            after = terminal.screen(escapes=True)
        assert _in_reverse(after, second), after
        assert not _in_reverse(after, first)
    finally:
        terminal.kill()
