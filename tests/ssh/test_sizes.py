"""Every terminal size a visitor can have, in template (live-fork) mode, the demo's default.

A session forked from the warm template is laid out again at the visitor's size before its
first frame; every size but the template's own (120x40) takes that path. Each size here must
draw the comparison (its footer) or the small-terminal message, and never the apology; a storm
of resizes in every direction must leave a session that still answers keys; and the server's
own log must show no session ended by a crash.
"""

from __future__ import annotations

import pytest

from .conftest import HELP_SHOWN, Terminal, connect, open_terminal

APOLOGY = "Sorry, something went wrong"
DRAWN = ("? Help", "q Quit")  # the footer: the comparison (or any screen of it) is drawn
TOO_SMALL = ("needs at least 40x15",)
SIZES = [(200, 60), (120, 40), (99, 30), (80, 24), (50, 24), (30, 12)]
STORM = [(80, 24), (200, 60), (30, 12), (99, 30), (50, 24), (120, 40), (41, 15), (39, 14),
         (160, 50), (60, 20), (99, 30), (80, 24)]  # fmt: skip


def expected(columns: int, rows: int) -> tuple[str, ...]:
    return TOO_SMALL if columns < 40 or rows < 15 else DRAWN


def assert_no_crash_logged(server) -> None:
    crashed = [line for line in server.session_lines() if "end=crash" in line]
    assert not crashed, "sessions ended by a crash:\n" + "\n".join(crashed)


def fresh_view(terminal: Terminal, columns: int, rows: int) -> None:
    """Forget what was drawn before, so that markers are read from what comes next only."""
    terminal.raw.clear()
    terminal.screen.resize(rows, columns)
    terminal.screen.reset()


@pytest.mark.parametrize(("columns", "rows"), SIZES, ids=[f"{c}x{r}" for c, r in SIZES])
async def test_a_session_at_this_size_draws_and_answers_keys(server, columns, rows) -> None:
    async with connect(server.port) as conn:
        terminal = await open_terminal(conn, columns, rows)
        shown = await terminal.read_until(*expected(columns, rows))
        assert APOLOGY not in shown + terminal.raw.decode("utf-8", "replace"), f"{columns}x{rows}"
        terminal.process.stdin.write(b"q")
        await terminal.read_until("Goodbye.")
    line = server.wait_for_log(rf"size={columns}x{rows} duration=\S+ end=\w+")
    assert line.endswith("end=quit"), f"{columns}x{rows}: {line}"
    assert_no_crash_logged(server)


async def test_a_resize_storm_in_every_direction_leaves_a_working_session(server) -> None:
    async with connect(server.port) as conn:
        terminal = await open_terminal(conn, 80, 24)
        await terminal.read_until(*DRAWN)
        for columns, rows in STORM:  # as fast as the client can send them, no waiting
            terminal.resize(columns, rows)
        final = STORM[-1]
        fresh_view(terminal, *final)
        terminal.process.stdin.write(b"?")
        await terminal.read_until(HELP_SHOWN)
        terminal.process.stdin.write(b"q")
        seen = terminal.raw.decode("utf-8", "replace")
        assert APOLOGY not in seen
        await terminal.read_until("Goodbye.")
    server.wait_for_log(r"size=80x24 duration=\S+ end=quit")
    assert_no_crash_logged(server)
