"""The comparison body draws only what is on screen, and a key's bar move and scroll are one
update: asserted on what the body kept and on the updates the app would send."""

from __future__ import annotations

from textual._compositor import CompositorUpdate

from hustings.app.app import HustingsApp
from hustings.compare.comparison import compare
from hustings.proof.load import load_paths

from .conftest import QUOTED

WIDE = (120, 40)


class CountingApp(HustingsApp):
    """Counts the screen updates it would write to a terminal."""

    def __init__(self) -> None:
        super().__init__(compare(load_paths(QUOTED)))
        self.updates = 0

    def _display(self, screen, renderable) -> None:
        if isinstance(renderable, CompositorUpdate):
            self.updates += 1
        super()._display(screen, renderable)


async def test_only_the_lines_on_screen_are_drawn() -> None:
    app = CountingApp()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        body = app.screen.body
        viewport = body.scrollable_content_region.height
        assert body.drawn.height > 5 * viewport  # most of the comparison is off screen
        assert set(body._strips) <= set(range(viewport))
        drawn_cells = sum(len(c.rendered) for row in body.drawn.rows for c in row.cells)
        assert drawn_cells <= viewport * len(body.shown_policies)
        await pilot.press("pagedown")
        top = round(body.scroll_y)
        assert top > 0
        assert set(body._strips) <= set(range(top + viewport))  # this page and the last one


async def test_a_selection_move_and_its_scroll_are_one_update() -> None:
    app = CountingApp()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "right", "up")  # Khan's first claim, at the top
        await pilot.pause()
        body = app.screen.body
        scrolled = 0
        for _ in range(13):  # down Khan's column: several of these keys must scroll
            before_updates, before_y = app.updates, body.scroll_y
            await pilot.press("down")
            for _ in range(50):  # wait (bounded) for the key's update
                if app.updates > before_updates:
                    break
                await pilot.pause(0.01)
            await pilot.pause(0.05)  # a late second update would arrive within this
            assert app.updates == before_updates + 1
            scrolled += body.scroll_y != before_y
        assert scrolled >= 3
