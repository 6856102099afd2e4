"""Every window size a visitor can have, in template (live-fork) mode, the demo's default.

The tab protocol carries the size twice: in the socket's URL (the first frame) and in resize
messages. Each size must draw the comparison (its footer) or the small-terminal message, never
the apology; a storm of resizes must leave a tab that still answers keys; no session may be
logged as ended by a crash; and a real browser window, phone-sized up, must show the app.
"""

from __future__ import annotations

import contextlib
import time

import pyte
import pytest

from hustings.serve.goodbyes import GOODBYE

from .conftest import COMPARISON_SHOWN, HELP_SHOWN, Visitor

APOLOGY = "Sorry, something went wrong"
DRAWN = ("? Help", "q Quit")  # the footer: the comparison (or any screen of it) is drawn
TOO_SMALL = ("needs at least 40x15",)
SIZES = [(200, 60), (120, 40), (99, 30), (88, 28), (80, 24), (50, 24), (30, 12)]
STORM = [(80, 24), (200, 60), (30, 12), (99, 30), (50, 24), (120, 40), (41, 15), (39, 14),
         (160, 50), (60, 20), (99, 30), (80, 24)]  # fmt: skip
# Browser windows, CSS pixels: a phone, a small tablet, an 800x600 window, a laptop.
WINDOWS = [(375, 667), (768, 1024), (800, 600), (1280, 800)]


class DrawnVisitor(Visitor):
    """A visitor whose received bytes are drawn by pyte at the size it last asked for."""

    def __init__(self, port: int, columns: int, rows: int) -> None:
        super().__init__(port, f"width={columns}&height={rows}")
        self.view(columns, rows)

    def view(self, columns: int, rows: int) -> None:
        """Start a fresh view: markers are then read from what arrives next only."""
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.fed = len(self.received)

    async def read_drawn(self, *markers: str, limit: float = 30.0) -> str:
        """Read (bounded) until every marker is on the drawn screen or the socket has closed;
        returns the drawn text."""
        deadline = time.monotonic() + limit
        while True:
            self.stream.feed(bytes(self.received[self.fed :]))
            self.fed = len(self.received)
            text = "\n".join(self.screen.display)
            if all(marker in text for marker in markers) or self.closed:
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"{markers} not drawn within {limit} s:\n{text}")
            with contextlib.suppress(TimeoutError):
                await self.read_until(b"\x00", limit=0.2)  # never sent: reads what arrives


def expected(columns: int, rows: int) -> tuple[str, ...]:
    return TOO_SMALL if columns < 40 or rows < 15 else DRAWN


def assert_no_crash_logged(server) -> None:
    sessions = [line for line in server.log.splitlines() if "hustings.web session " in line]
    crashed = [line for line in sessions if "end=crash" in line]
    assert not crashed, "tabs ended by a crash:\n" + "\n".join(crashed)


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory):
    from .conftest import start_web_server

    server = start_web_server(tmp_path_factory.mktemp("web-sizes"), "--per-ip", "50")
    yield server
    server.stop()


@pytest.mark.parametrize(("columns", "rows"), SIZES, ids=[f"{c}x{r}" for c, r in SIZES])
async def test_a_tab_at_this_size_draws_and_answers_keys(shared_server, columns, rows) -> None:
    async with DrawnVisitor(shared_server.port, columns, rows) as visitor:
        text = await visitor.read_drawn(*expected(columns, rows))
        received = visitor.received.decode("utf-8", "replace")
        assert APOLOGY not in received, f"{columns}x{rows}: {text}"
        assert all(marker in text for marker in expected(columns, rows)), (
            f"{columns}x{rows}:\n{text}"
        )
        await visitor.send(["stdin", "q"])
        assert GOODBYE in await visitor.read_until(GOODBYE)
    line = shared_server.wait_for_log(rf"size={columns}x{rows} duration=\S+ end=\w+")
    assert line.endswith("end=quit"), f"{columns}x{rows}: {line}"
    assert_no_crash_logged(shared_server)


async def test_a_resize_storm_in_every_direction_leaves_a_working_tab(shared_server) -> None:
    async with DrawnVisitor(shared_server.port, 80, 24) as visitor:
        await visitor.read_drawn(*DRAWN)
        for columns, rows in STORM:  # as fast as the socket takes them, no waiting
            await visitor.send(["resize", {"width": columns, "height": rows}])
        visitor.view(*STORM[-1])
        await visitor.send(["stdin", "?"])
        text = await visitor.read_drawn(HELP_SHOWN)
        assert HELP_SHOWN in text, text
        assert APOLOGY not in visitor.received.decode("utf-8", "replace")
        await visitor.send(["stdin", "q"])
        await visitor.read_until(GOODBYE)
    shared_server.wait_for_log(r"size=80x24 duration=\S+ end=quit")
    assert_no_crash_logged(shared_server)


@pytest.mark.parametrize(("width", "height"), WINDOWS, ids=[f"{w}x{h}px" for w, h in WINDOWS])
def test_a_browser_window_of_this_size_shows_the_app(shared_server, browser_context, width,
                                                     height) -> None:  # fmt: skip
    from .conftest import Tab

    page = browser_context.new_page()
    try:
        page.set_viewport_size({"width": width, "height": height})
        tab = Tab(page)
        tab.response = page.goto(shared_server.url)
        assert tab.response.status == 200
        tab.page.wait_for_selector("body.-first-byte", timeout=20_000)
        tab.wait_for("hustings")
        shown = tab.text + tab.raw.decode("utf-8", "replace")
        assert APOLOGY not in shown
        if tab.screen.columns >= 40 and tab.screen.lines >= 15:
            tab.wait_for(*DRAWN)
            if tab.screen.columns >= 100:
                tab.wait_for(*COMPARISON_SHOWN)
    finally:
        page.close()
    shared_server.wait_for_log(r"hustings\.web session .* end=disconnect")
    assert_no_crash_logged(shared_server)
