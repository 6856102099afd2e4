"""The terminal cursor is on what is selected, on every screen: screen readers and braille
displays read the line it is on, and move with it.

First in the app itself (where the cursor is asked to go), then in a real terminal (tmux), which
reports where the cursor is after each key: the words there must be the selected item's.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from wcwidth import wcwidth

from hustings.app.main import SCREEN_READER_HINT, build_app, wants_screen_reader
from hustings.app.screens.comparison import ComparisonScreen
from hustings.app.screens.overview import OverviewScreen
from hustings.cli import build_cli
from hustings.compare.comparison import ROWS, compare
from hustings.output.linear import announcement
from hustings.races.index import index_paths

from ..conftest import ROOT
from ..machine import requires
from .conftest import QUOTED

RACES = "tests/races"
WIDE = (120, 40)
BAR = "▌"


# -- in the app -----------------------------------------------------------------------------


async def test_the_cursor_is_on_the_selected_claims_words_after_each_key(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        for key in ["right", "right", "down", "down", "left", "up", "down", "right"]:
            await pilot.press(key)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ComparisonScreen) and screen.body is not None
            body, selection = screen.body, screen.state.selection
            assert selection is not None and selection.claim_id is not None
            x, y = app.cursor_position
            view = body.scrollable_content_region
            line = body.render_line(y - view.y).text
            at = x - view.x
            assert line[at - 2] == BAR, (key, line)  # just past the selected claim's bar
            region = body.claim_region(selection.policy_id, selection.claim_id)
            assert region is not None and region.x <= at < region.right, key


@pytest.mark.parametrize(
    "keys",
    [["less_than_sign"], ["greater_than_sign"], ["less_than_sign", "o"], ["1"]],
    ids=["move-left", "move-right", "alphabetical", "hide"],
)
async def test_after_the_panes_change_the_selection_stays_in_view_with_the_cursor_on_it(
    app, keys
) -> None:
    """Khan's claim far down his column selected, then a key that rebuilds the panes (<, >, o,
    a number): the view jumped to the top, the claim off screen and the cursor at (1, 1)."""
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "right", *["down"] * 6)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ComparisonScreen) and screen.body is not None
        selection = screen.state.selection
        assert selection is not None and screen.body.scroll_y > 0
        await pilot.press(*keys)
        await pilot.pause()
        assert screen.state.selection == selection and screen.body is not None
        offset = screen.body.selection_offset()
        assert offset is not None  # the claim's words are on screen
        assert app.cursor_position == offset


async def test_scrolled_out_of_view_the_cursor_is_on_the_line_naming_the_selection(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "end")
        await pilot.pause()
        where = app.screen.query_one("#where")
        assert app.cursor_position == where.content_region.offset
        assert "Susan Mary Hall · Officer numbers" in str(where.render())
        await pilot.press("home")
        await pilot.pause()
        assert app.cursor_position != where.content_region.offset


async def test_with_nothing_selected_the_cursor_is_on_the_line_saying_how(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        where = app.screen.query_one("#where")
        assert app.cursor_position == where.content_region.offset


async def test_a_notice_has_the_cursor_until_the_next_key(app) -> None:
    """A notice ("The last pane stays: …") showed only as a toast, away from the cursor, so a
    screen reader never read it: the cursor is on it until a key is pressed, then back on the
    selection."""
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("1", "1", "1")  # Hall's pane, Khan's, then the last one: refused
        await pilot.pause()
        await pilot.pause()  # the toast is mounted after the notice, then drawn
        toast = app.screen.query("Toast").last()
        assert "The last pane stays" in str(toast.render())
        assert app.cursor_position == toast.content_region.offset
        await pilot.press("x")  # a key bound to nothing: the cursor still goes back
        await pilot.pause()
        assert app.cursor_position != toast.content_region.offset
        assert app.screen.query("Toast")  # still shown: only the cursor left it
        assert isinstance(app.screen, ComparisonScreen) and app.screen.body is not None
        assert app.cursor_position == app.screen.cursor_offset()


async def test_the_cursor_is_on_the_highlighted_candidate_in_the_overview() -> None:
    app = build_app([RACES])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        for step in range(1, 17):  # past the last line: it stays on the last
            await pilot.press("down")
            await pilot.pause()
            table = overview.table
            x, y = app.cursor_position
            view = table.scrollable_content_region
            line = table.render_line(y - view.y).text
            who = overview.comparison.policies[min(step, 16) - 1].policy.who
            assert line[x - view.x :].removeprefix("↳ ").startswith(who.name[:12]), line


# -- in a real terminal ---------------------------------------------------------------------


class Terminal:
    """The app in tmux, a real terminal, which reports where the cursor is."""

    def __init__(self, socket: Path, args: list[str], size: tuple[int, int]) -> None:
        self.tmux = ["tmux", "-S", str(socket)]
        command = shlex.join([sys.executable, "-m", "hustings.cli", *args])
        env = {**os.environ, "TERM": "xterm-256color"}
        env.pop("NO_COLOR", None)
        width, height = (str(n) for n in size)
        new = ["new-session", "-d", "-x", width, "-y", height, f"{command}; sleep 60"]
        subprocess.run([*self.tmux, *new], check=True, env=env, cwd=ROOT, timeout=10)

    def run(self, *args: str) -> str:
        return subprocess.run([*self.tmux, *args], capture_output=True, text=True, check=True,
                              timeout=10).stdout  # fmt: skip

    def press(self, *keys: str) -> None:
        for key in keys:
            self.run("send-keys", key)

    def cursor(self) -> tuple[int, int]:
        x, y = self.run("display-message", "-p", "#{cursor_x} #{cursor_y}").split()
        return int(x), int(y)

    def around_cursor(self) -> tuple[str, str]:
        """(the cells before the cursor on its line, the cells from it to the line's end)."""
        x, y = self.cursor()
        lines = self.run("capture-pane", "-p").splitlines()
        line = lines[y] if y < len(lines) else ""
        cells = 0
        for index, char in enumerate(line):  # columns, not characters
            if cells >= x:
                return line[:index], line[index:]
            cells += max(wcwidth(char), 0)
        return line, ""

    def wait_until(self, what: str, check: Callable[[str, str], bool], limit: float = 15) -> None:
        """Wait (bounded) until the words around the cursor pass `check`."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            before, after = self.around_cursor()
            if check(before, after):
                return
            time.sleep(0.1)
        before, after = self.around_cursor()
        screen = self.run("capture-pane", "-p")
        raise AssertionError(f"cursor not on {what}: at {self.cursor()}, before it {before!r}, "
                             f"from it {after!r}; screen:\n{screen}")  # fmt: skip

    def on_words(self, words: str) -> None:
        """On `words` (a party's policy in the overview is marked '↳ ' before its name)."""
        self.wait_until(repr(words),
                        lambda _b, after: after.removeprefix("↳ ").startswith(words))  # fmt: skip

    def on_selected_claim(self) -> None:
        """Just past the selection bar, on the claim's first words."""
        self.wait_until("the selected claim", lambda before, after: before.endswith(BAR + " ")
                        and bool(after.strip()))  # fmt: skip

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True, timeout=10)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    requires("tmux")
    opened: list[Terminal] = []

    def open_(*args: str, size: tuple[int, int] = WIDE) -> Terminal:
        opened.append(Terminal(tmp_path / f"tmux-{len(opened)}.sock", list(args), size))
        return opened[-1]

    yield open_
    for each in opened:
        each.close()


def test_in_a_real_terminal_the_cursor_follows_every_selection(terminal) -> None:
    """Picker, overview, panes, trace, topics, help, the palette, and back: after each key,
    tmux reports the cursor on the words of what is selected."""
    index = index_paths([RACES])
    races = [race.name for race in index.races]
    northfield = compare(index.load(index.races[1]))
    names = [view.policy.who.name for view in northfield.policies]
    term = terminal(RACES)

    term.on_words("type part of a race's name")  # nothing highlighted: the filter's caret
    term.press("n", "o", "r")
    term.wait_until("the caret after 'nor'", lambda before, after: before.endswith("▊  nor"))
    term.press("Escape")
    term.on_words("type part of a race's name")
    term.press("Down")
    term.on_words(races[0])
    term.press("Down")
    term.on_words(races[1])
    term.press("Enter")
    term.on_words("↑↓ highlight")  # the overview, nobody highlighted: the line saying how
    for name in names[:3]:
        term.press("Down")
        term.on_words(name[:12])
    term.press("Space", "Up", "Space")
    term.on_words(names[1][:12])
    term.press("Enter")  # the two picked, side by side
    term.on_words("→ or ↓ to select a claim")
    for key in ["Right", "Down", "Down", "Right", "Up", "Left"]:
        term.press(key)
        term.on_selected_claim()
    term.press("Enter")  # the trace: its heading, the candidate and topic
    picked = tuple(names[1:3])
    term.wait_until("the trace's heading", lambda _b, after: after.startswith(picked))
    term.press("Escape")
    term.on_selected_claim()
    term.press("f")
    term.on_words(f"[x] {ROWS[0].label}")
    term.press("Down")
    term.on_words(f"[x] {ROWS[1].label}")
    term.press("Escape")
    term.on_selected_claim()
    term.press("?")
    term.on_words("Keys")
    term.press("Escape")
    term.on_selected_claim()
    term.press("C-p")  # the command palette (Textual's): its input's caret
    term.on_words("Search for commands")
    term.press("h", "e", "l")
    term.wait_until("the caret after 'hel'", lambda before, _after: before.endswith("hel"))
    term.press("Escape")
    term.on_selected_claim()
    term.press("Escape")  # back a step: the overview, the last highlighted line
    term.on_words(names[1][:12])


def test_in_a_narrow_terminal_the_cursor_follows_the_one_pane_shown(terminal) -> None:
    """The bundled race's first screen, then `a`: the quoted three, one pane at a time."""
    term = terminal(size=(50, 24))
    term.on_words("↑↓ highlight")
    term.press("a")
    term.on_words("◀ 1 of 3 ▶")
    for key in ["Down", "Down", "Right", "Up", "Left", "Down"]:
        term.press(key)
        term.on_selected_claim()


# -- the screen-reader layout ---------------------------------------------------------------


@pytest.mark.parametrize("size", [WIDE, (80, 24)], ids=["wide", "medium"])
async def test_in_the_screen_reader_layout_the_cursor_line_names_the_claim(size) -> None:
    """One candidate at a time at any width, and at the cursor, whole on its line (at 80
    columns too, where it wrapped and the line ended 'Flags:'): who, the topic and the figure,
    in `read`'s words."""
    app = build_app(QUOTED, screen_reader=True)
    async with app.run_test(size=size) as pilot:
        for key in ["right", "right", "down", "down", "left", "up", "right", "down", "down"]:
            await pilot.press(key)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ComparisonScreen) and screen.body is not None
            assert len(screen.body.shown_policies) == 1
            selection = screen.state.selection
            assert selection is not None and selection.claim_id is not None
            row = next(r for r in screen.comparison.rows for c in r.cells
                       for v in c if v.claim.id == selection.claim_id
                       and v.policy_id == selection.policy_id)  # fmt: skip
            at = [p.id for p in screen.comparison.policies].index(selection.policy_id)
            cell = row.cells[at]
            number = [v.claim.id for v in cell].index(selection.claim_id) + 1
            view = cell[number - 1]
            name = screen.comparison.policies[at].name
            said = announcement(view, name, row.spec.label, number, len(cell))
            x, y = app.cursor_position
            body = screen.body.scrollable_content_region
            line = screen.body.render_line(y - body.y).text[x - body.x :].rstrip()
            assert line == said[0], (key, line, said)


def test_the_screen_reader_layout_is_asked_for_by_option_or_by_the_environment(
    monkeypatch,
) -> None:
    monkeypatch.delenv(SCREEN_READER_HINT, raising=False)
    assert not wants_screen_reader() and wants_screen_reader(True)
    monkeypatch.setenv(SCREEN_READER_HINT, "0")
    assert not wants_screen_reader()
    monkeypatch.setenv(SCREEN_READER_HINT, "1")
    assert wants_screen_reader()
    options = build_cli()[0].parse_args(["app", "--screen-reader", "policies"])
    assert options.screen_reader and options.paths == ["policies"]


async def test_s_switches_the_screen_reader_layout_on_every_screen_of_the_stack() -> None:
    """A visitor to a public demo passes no option: s switches the layout, the selection, the
    highlight and the picks kept."""
    app = build_app([RACES])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("down", "down", "enter", "down", "space", "down", "space", "enter")
        panes = app.screen
        assert isinstance(panes, ComparisonScreen) and panes.body is not None
        await pilot.press("right", "down")
        selection = panes.state.selection
        assert len(panes.body.shown_policies) == 2
        await pilot.press("s")
        await pilot.pause()
        assert app.screen_reader and panes.body is not None
        assert len(panes.body.shown_policies) == 1 and panes.state.selection == selection
        x, y = app.cursor_position
        view = panes.body.scrollable_content_region
        line = panes.body.render_line(y - view.y).text[x - view.x :]
        assert selection is not None
        name = next(p.name for p in panes.comparison.policies if p.id == selection.policy_id)
        assert line.startswith(name)  # the announcement
        await pilot.press("escape")  # the overview below was switched too
        await pilot.pause()
        overview = app.screen
        assert isinstance(overview, OverviewScreen) and overview.table.cursor == 1
        assert overview.table.header is None and len(overview.picked) == 2
        await pilot.press("s")
        await pilot.pause()
        assert not app.screen_reader and overview.table.header is not None
        assert overview.table.cursor == 1


async def test_hiding_a_pane_says_who_under_the_cursor(app) -> None:
    """In the screen-reader layout, 1 hid Hall's pane and nothing said so."""
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("1")
        await pilot.pause()
        await pilot.pause()
        toast = app.screen.query("Toast").last()
        said = str(toast.render())
        assert "Susan Mary Hall hidden: the command palette shows them again." in said
        assert app.cursor_position == toast.content_region.offset


async def test_switching_contrast_says_so_under_the_cursor(app) -> None:
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        for state in ("on", "off"):
            await pilot.press("c")
            await pilot.pause()
            await pilot.pause()
            toast = app.screen.query("Toast").last()
            assert f"High contrast {state}." in str(toast.render())
            assert app.cursor_position == toast.content_region.offset
