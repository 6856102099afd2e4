"""The app's output path leaves the terminal exactly as Textual's plain output would.

The app runs headless; every update it would write goes through `for_terminal` (only the lines
that change, encoded the compact way) and is fed to one pyte screen, key after key. After each
key that screen must equal a fresh pyte screen fed a plain full repaint (Textual's own strip
encoding of the whole current frame), cell by cell: character, colours and attributes. The
keys open and leave screens (help, trace, races, a race's overview, picked panes), where most
lines of a new screen are left out because they are already on the terminal.
"""

from __future__ import annotations

import pyte
import pytest
from rich.control import Control
from textual._compositor import CompositorUpdate

from hustings.app.app import HustingsApp
from hustings.app.main import build_app
from hustings.compare.comparison import compare
from hustings.proof.load import load_paths

from .conftest import QUOTED

RACES = "tests/races"
KEYS = ["right", "down", "down", "right", "down", "up", "left", "pagedown", "pagedown",
        "pageup", "end", "home", "right", "1", "1", "question_mark", "question_mark",
        "f", "escape", "c", "down", "enter", "escape"]  # fmt: skip


class RecordingApp(HustingsApp):
    """Feeds what it would send, as `for_terminal` makes it, to a pyte screen of its size."""

    def __init__(self, size: tuple[int, int], app: HustingsApp | None = None) -> None:
        if app is None:
            super().__init__(compare(load_paths(QUOTED)))
        else:  # the same app as `build_app` made it (races), recording
            super().__init__(app.comparison, races=app.races, race_name=app.race_name)
        self.terminal = pyte.Screen(*size)
        self.stream = pyte.Stream(self.terminal)
        self.compact_bytes = self.plain_bytes = 0
        self.frames_left_out = 0

    def _display(self, screen, renderable) -> None:
        if isinstance(renderable, CompositorUpdate):
            plain = renderable.render_segments(self.console)
            update = self.for_terminal(renderable)
            if update is None:
                self.frames_left_out += 1
            else:
                sent = update.render_segments(self.console)  # type: ignore[union-attr]
                self.stream.feed(sent)
                self.compact_bytes += len(sent.encode())
            self.plain_bytes += len(plain.encode())
        super()._display(screen, renderable)

    def plain_repaint(self) -> pyte.Screen:
        """The whole current frame written the plain way, on a fresh screen."""
        reference = pyte.Screen(*self.size)
        stream = pyte.Stream(reference)
        for y, strip in enumerate(self.screen._compositor.render_strips()):
            stream.feed(Control.move_to(0, y).segment.text + strip.render(self.console))
        return reference


def differences(ours: pyte.Screen, plain: pyte.Screen) -> list[str]:
    found = []
    for y in range(plain.lines):
        for x in range(plain.columns):
            if ours.buffer[y][x] != plain.buffer[y][x]:
                found.append(f"({x},{y}) {tuple(ours.buffer[y][x])} != {tuple(plain.buffer[y][x])}")
    return found


async def same_screen_after_every_key(app: RecordingApp, size, keys: list[str]) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in ["(start)", *keys]:
            if key != "(start)":
                await pilot.press(key)
            found: list[str] = []
            for _ in range(20):  # an update may still be on its way: wait, bounded
                await pilot.pause(0.01)
                found = differences(app.terminal, app.plain_repaint())
                if not found:
                    break
            assert not found, (key, found[:3])


@pytest.mark.parametrize("size", [(120, 40), (50, 24)], ids=["wide", "narrow"])
async def test_compact_output_gives_the_same_screen_after_every_key(size) -> None:
    app = RecordingApp(size)
    await same_screen_after_every_key(app, size, KEYS)
    assert app.compact_bytes < app.plain_bytes * 0.7  # and it is worth having


RACE_KEYS = ["n", "o", "r", "backspace", "down", "enter", "down", "space", "down", "space",
             "enter", "v", "down", "enter", "escape", "r", "down", "down", "enter", "r",
             "escape"]  # fmt: skip


async def test_only_changed_lines_are_sent_and_the_screen_stays_right_between_races() -> None:
    """Picker, overview, panes and back: frames that change nothing are not sent at all (a
    new screen is drawn twice by Textual, the second time the same), and what is sent still
    leaves the terminal as a full repaint would."""
    size = (120, 40)
    app = RecordingApp(size, build_app([RACES]))
    await same_screen_after_every_key(app, size, RACE_KEYS)
    assert app.frames_left_out > 0
    assert app.compact_bytes < app.plain_bytes * 0.5
