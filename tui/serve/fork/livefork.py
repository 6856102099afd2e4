"""Live-fork: an app mounted and rendered once, paused, and continued by every forked session.

Building the app per session costs about 0.15 s of CPU (CSS, layout, render) and copies most
of the template's pages on write. Here the template builds the app once, headless, lets it
settle, and stops its event loop *between* iterations: the app's task is pending, nothing is
running. A forked child then continues that same loop with

- a fresh event loop state: a new selector (epoll) and a new self-pipe (the wake-up path
  `call_soon_threadsafe` writes to). The inherited ones are closed without being touched: no
  registration on a shared epoll and no byte on a shared pipe, so nothing one session does can
  wake or reach the template or a sibling;
- the visitor's environment applied to the app (the colour system Rich detects from TERM and
  COLORTERM, and the theme) and the visitor's size, told to the app as a driver tells it;
- the real driver attached to its terminal in place of the headless one, once the layout at
  that size has settled, and one full frame painted.

Asyncio has no public way to renew a loop's selector, nor Textual to attach a running app to
another terminal: those few private names live in asyncio_private.py, app/textual_private.py and
app/rich_private.py, and `check_forkable` checks every fenced name before the template forks.
The template must have no other thread when it forks (a lock held by a thread that does not
exist in the child would hang it): `warm` checks that too.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
from collections.abc import Callable

from textual import events
from textual.app import App
from textual.geometry import Size
from textual.pilot import Pilot

from ...app.private_names import PrivateName, problems
from . import asyncio_private, cpython_private
from .asyncio_private import has_signal_handlers, renew_selector_and_self_pipe

READY_TIMEOUT = 120.0  # seconds the headless warm-up may take
SETTLE_PASSES, SETTLE_TIMEOUT = 4, 5.0  # at most, after a child's resize, before its one frame
RESIZE_STEP = 0.004  # seconds between looks at whether the screen has taken the visitor's size


def fenced() -> tuple[PrivateName, ...]:
    """Every private name the fork relies on: the loop's, the app's and its console's, the
    drivers'. (The app's fences are imported here, not at the top: the server reaches the app's
    modules only once a session template starts, tests/test_layering.py.)"""
    from ...app import rich_private, textual_private

    return (*asyncio_private.NAMES, *textual_private.NAMES, *rich_private.NAMES,
            *cpython_private.NAMES)  # fmt: skip


class NotForkable(RuntimeError):
    """The template's state cannot be forked safely (a thread, or an unexpected loop)."""


class LiveApp:
    """An app that has been mounted and rendered headless, its event loop paused.

    `warm` (in the template) builds it; `run` (in a forked child, once) continues it on the
    child's terminal until the app exits.
    """

    def __init__(self, app: App, loop: asyncio.AbstractEventLoop, task: asyncio.Task) -> None:
        self.app, self.loop, self.task = app, loop, task

    @classmethod
    def warm(cls, make_app: Callable[[], App], size: tuple[int, int] = (120, 40)) -> LiveApp:
        """Build the app headless, let it settle (first frame, footer, toasts), pause its loop."""
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        app = make_app()
        settled: asyncio.Future[None] = loop.create_future()

        async def settle(pilot: Pilot) -> None:
            await pilot.pause()
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
            if not settled.done():
                settled.set_result(None)

        task = loop.create_task(app.run_async(headless=True, size=size, auto_pilot=settle))

        async def ready() -> None:
            done, _ = await asyncio.wait({settled, task}, timeout=READY_TIMEOUT,
                                         return_when=asyncio.FIRST_COMPLETED)  # fmt: skip
            if settled not in done:
                raise NotForkable("the app ended or hung before its first frame")

        loop.run_until_complete(ready())  # returns with the app's task pending, the loop idle
        live = cls(app, loop, task)
        live.check_forkable()
        return live

    def check_forkable(self) -> None:
        """Refuse to fork a state a child could not continue safely, or with a framework whose
        private names the child relies on have gone or changed."""
        if threading.active_count() != 1:
            names = [thread.name for thread in threading.enumerate()]
            raise NotForkable(f"the template has other threads: {names}")
        if self.loop.is_running() or self.task.done():
            raise NotForkable("the app's loop is running or the app has ended")
        if has_signal_handlers(self.loop):
            raise NotForkable("the loop has signal handlers, whose wake-up fd would be shared")
        live = (self.loop, self.app, self.app.screen, self.app.console)
        changed = problems(fenced(), live)
        if changed:
            raise NotForkable(f"a framework has changed: {'; '.join(changed)}")

    # -- in the forked child ------------------------------------------------------------------

    def run(self, driver_class: type, theme: str | None = None) -> int:
        """In a forked child, once: continue the app on this process's terminal (fd 0 and
        `sys.__stderr__`) until it exits; returns its return code.

        The attaching runs as a task the app itself starts, from a callback on its own queue, so
        that it runs in the app's context (its `active_app`): anything Textual does there (a
        layout pass, a timer, a message posted) would otherwise find no app."""
        renew_selector_and_self_pipe(self.loop)
        started: asyncio.Future[asyncio.Task[int]] = self.loop.create_future()

        def attach() -> None:
            started.set_result(asyncio.ensure_future(self._attach_and_wait(driver_class, theme)))

        if not self.app.call_later(attach):
            raise NotForkable("the app takes no more messages")
        attaching = self.loop.run_until_complete(started)
        return self.loop.run_until_complete(attaching)

    def _apply_visitor_environment(self, theme: str | None) -> None:
        """What App.__init__ read from the template's environment, read again from the
        visitor's: the colour system (TERM, COLORTERM); and the theme, if it differs."""
        from ...app import rich_private

        rich_private.redetect_color_system(self.app.console, os.environ)
        if theme is not None and theme != self.app.theme:
            self.app.theme = theme

    async def _attach_and_wait(self, driver_class: type, theme: str | None) -> int:
        from ...app import textual_private

        app = self.app
        size = visitor_size(driver_class)
        self._apply_visitor_environment(theme)
        app.post_message(events.Resize(size, size))  # as the driver will: no change then
        await self._settle_headless(size)  # still headless: lays out, writes nothing
        driver = driver_class(app, debug=False, mouse=True, size=None)
        headless = textual_private.replace_driver(app, driver)
        # Textual stops the driver it started (the headless one) when the app ends: let
        # that stop the real one, which restores the visitor's terminal modes.
        if headless is not None:
            headless.stop_application_mode = driver.stop_application_mode  # type: ignore[method-assign]
        driver.start_application_mode()
        app.screen.refresh()  # one full frame, at the screen's next tick
        await self.task
        return int(app.return_code or 0)

    async def _settle_headless(self, size: Size) -> None:
        """Let the screen take the visitor's size (Textual passes a resize on to its screens a
        moment later) and the widgets answer it (re-wrap, re-layout) while nothing is drawn, so
        that the visitor gets one frame, not one per pass."""
        from ...app import textual_private

        pilot = Pilot(self.app)
        async with asyncio.timeout(SETTLE_TIMEOUT):
            while self.app.screen.outer_size != size:  # laid out at that size
                await pilot.pause(RESIZE_STEP)
            for _ in range(SETTLE_PASSES):
                await pilot.pause(0)  # what was queued is handled, and any update done now
                if not textual_private.update_pending(self.app.screen):
                    return


def visitor_size(driver_class: type) -> Size:
    """The size the real driver will tell the app when it starts, so that the app is at that
    size already: a tab's (COLUMNS and ROWS, which the web driver reads, set by forked.py as
    textual-serve does) or the terminal's (what a terminal driver asks)."""
    from textual.drivers.web_driver import WebDriver

    if issubclass(driver_class, WebDriver):
        return Size(_environment_int("COLUMNS", 80), _environment_int("ROWS", 24))
    columns, lines = shutil.get_terminal_size()
    return Size(columns or 80, lines or 25)


def _environment_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default
