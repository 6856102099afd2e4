"""The screen mirror: a line is left out only when the terminal already shows its cells.

A wrong "already shown" leaves stale text on a voter's screen, so each rule that forgets is
tested: a new size, a resume after a suspend, part of a line never written whole.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.geometry import Offset, Size
from textual.strip import Strip

from hustings.app.app import HustingsApp
from hustings.app.screen_mirror import ScreenMirror
from hustings.app.terminal_output import CompactUpdate, compact
from hustings.compare.comparison import compare
from hustings.proof.load import load_paths

from .conftest import QUOTED

SIZE = Size(10, 3)
HOME = Offset(0, 0)
BOLD = Style(bold=True)


def line(text: str, style: Style | None = None) -> Strip:
    return Strip([Segment(text.ljust(SIZE.width), style)])


def frame(*texts: str) -> list[tuple[int, int, Strip]]:
    return [(0, y, line(text)) for y, text in enumerate(texts)]


def lines_of(pieces) -> list[int]:
    return sorted({y for _, y, _ in pieces})


def test_a_frame_the_terminal_already_shows_is_not_sent() -> None:
    mirror = ScreenMirror()
    assert lines_of(mirror.changes(frame("a", "b", "c"), SIZE, HOME)) == [0, 1, 2]
    assert mirror.changes(frame("a", "b", "c"), SIZE, HOME) is None


def test_only_the_lines_that_change_are_sent() -> None:
    mirror = ScreenMirror()
    mirror.changes(frame("a", "b", "c"), SIZE, HOME)
    assert lines_of(mirror.changes(frame("a", "B", "c"), SIZE, HOME)) == [1]
    # The same text in another style is another cell.
    bold = [(0, 2, line("c", BOLD))]
    assert lines_of(mirror.changes(bold, SIZE, HOME)) == [2]


def test_the_same_cells_split_differently_are_the_same_line() -> None:
    mirror = ScreenMirror()
    mirror.changes(frame("ab"), SIZE, HOME)
    split = Strip([Segment("a"), Segment("b"), Segment(" " * (SIZE.width - 2))])
    assert mirror.changes([(0, 0, split)], SIZE, HOME) is None


def test_a_new_size_or_forgetting_sends_everything_again() -> None:
    mirror = ScreenMirror()
    mirror.changes(frame("a", "b"), SIZE, HOME)
    assert lines_of(mirror.changes(frame("a", "b"), Size(10, 4), HOME)) == [0, 1]
    mirror.forget()
    assert lines_of(mirror.changes(frame("a", "b"), Size(10, 4), HOME)) == [0, 1]


def test_a_cursor_move_alone_is_sent_with_no_lines() -> None:
    mirror = ScreenMirror()
    mirror.changes(frame("a"), SIZE, HOME)
    assert mirror.changes(frame("a"), SIZE, Offset(3, 0)) == []


def test_part_of_a_line_never_written_whole_is_always_sent() -> None:
    mirror = ScreenMirror()
    part = [(2, 0, Strip([Segment("xy")]))]
    assert mirror.changes(part, SIZE, HOME) == part
    assert mirror.changes(part, SIZE, HOME) == part


def test_part_of_a_known_line_is_compared_with_the_cells_under_it() -> None:
    mirror = ScreenMirror()
    mirror.changes(frame("abcdef"), SIZE, HOME)
    assert mirror.changes([(2, 0, Strip([Segment("cd")]))], SIZE, HOME) is None
    changed = [(2, 0, Strip([Segment("XY")]))]
    assert mirror.changes(changed, SIZE, HOME) == changed
    # ... and written into the line: the whole line as it now is is on the terminal.
    assert mirror.changes(frame("abXYef"), SIZE, HOME) is None
    assert lines_of(mirror.changes(frame("abcdef"), SIZE, HOME)) == [0]


async def test_after_a_suspend_or_resume_the_app_sends_the_whole_screen_again() -> None:
    """Back from Ctrl+Z or an editor the terminal may show anything."""
    app = HustingsApp(compare(load_paths(QUOTED)))
    async with app.run_test(size=(SIZE.width, SIZE.height)):
        update = CompactUpdate(frame("a", "b", "c"))
        assert app.for_terminal(update) is not None
        assert app.for_terminal(update) is None
        for signal in (app.app_suspend_signal, app.app_resume_signal):
            assert app.for_terminal(update) is None
            signal.publish(app)
            again = app.for_terminal(update)
            assert isinstance(again, CompactUpdate) and lines_of(again.pieces) == [0, 1, 2]


class CountingApp(HustingsApp):
    """Counts the lines of each update Textual hands to `_display`."""

    def __init__(self) -> None:
        super().__init__(compare(load_paths(QUOTED)))
        self.updates: list[int] = []

    def _display(self, screen, renderable) -> None:
        if isinstance(renderable, LayoutUpdate | ChopsUpdate):
            self.updates.append(len(lines_of(compact(renderable).pieces)))  # type: ignore[union-attr]
        super()._display(screen, renderable)


async def test_on_resume_the_whole_screen_is_drawn_again() -> None:
    """After `kill -TSTP` and `fg`, Textual alone redrew only what had changed since."""
    app = CountingApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.updates.clear()
        app.app_resume_signal.publish(app)
        for _ in range(20):  # the repaint comes on the screen's next tick: wait, bounded
            await pilot.pause(0.01)
            if app.updates:
                break
        assert app.updates == [30]
