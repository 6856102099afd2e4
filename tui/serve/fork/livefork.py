"""Live-fork: an app mounted and rendered once, paused, and continued by every forked session.

Building the app per session costs about 0.15 s of CPU (CSS, layout, render) and copies most
of the template's pages on write. Here the template builds the app once, headless, lets it
settle, and stops its event loop *between* iterations: the app's task is pending, nothing is
running. A forked child then continues that same loop with

- a fresh event loop state: a new selector (epoll) and a new self-pipe (`_ssock`/`_csock`,
  the wake-up path `call_soon_threadsafe` writes to). The inherited ones are closed without
  being touched: no registration on a shared epoll and no byte on a shared pipe, so nothing
  one session does can wake or reach the template or a sibling;
- the visitor's environment applied to the app (the colour system Rich detects from TERM and
  COLORTERM, and the theme);
- the real driver attached to its terminal in place of the headless one, the layout redone at
  the terminal's size and one full frame painted.

It relies on a few private names of asyncio (3.11's selector loop) and Textual 8 (the app's
`_driver`, `_size`, the screen's `_refresh_layout` and compositor). `check_forkable` and the
tests fail loudly if either changes shape; nothing here is used by the app outside the demo.
The template must have no other thread when it forks (a lock held by a thread that does not
exist in the child would hang it): `warm` checks that too.
"""

from __future__ import annotations

import asyncio
import os
import selectors
import threading
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.pilot import Pilot

READY_TIMEOUT = 120.0  # seconds the headless warm-up may take
SETTLE_PASSES, SETTLE_TIMEOUT = 4, 5.0  # at most, after a child's resize, before its one frame


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
        """Refuse to fork a state a child could not continue safely."""
        if threading.active_count() != 1:
            names = [thread.name for thread in threading.enumerate()]
            raise NotForkable(f"the template has other threads: {names}")
        loop: Any = self.loop
        for name in ("_selector", "_ssock", "_csock", "_make_self_pipe", "_internal_fds"):
            if not hasattr(loop, name):
                raise NotForkable(f"the event loop has no {name}: asyncio has changed")
        if loop.is_running() or self.task.done():
            raise NotForkable("the app's loop is running or the app has ended")
        if getattr(loop, "_signal_handlers", None):
            raise NotForkable("the loop has signal handlers, whose wake-up fd would be shared")
        for name in ("_driver", "_size"):
            if not hasattr(self.app, name):
                raise NotForkable(f"the app has no {name}: Textual has changed")

    # -- in the forked child ------------------------------------------------------------------

    def run(self, driver_class: type, theme: str | None = None) -> int:
        """In a forked child, once: continue the app on this process's terminal (fd 0 and
        `sys.__stderr__`) until it exits; returns its return code."""
        fresh_loop_state(self.loop)
        return self.loop.run_until_complete(self._attach_and_wait(driver_class, theme))

    def _apply_visitor_environment(self, theme: str | None) -> None:
        """What App.__init__ read from the template's environment, read again from the
        visitor's: the colour system (TERM, COLORTERM); and the theme, if it differs."""
        console: Any = self.app.console
        console._environ = dict(os.environ)
        console._color_system = console._detect_color_system()
        if theme is not None and theme != self.app.theme:
            self.app.theme = theme

    async def _attach_and_wait(self, driver_class: type, theme: str | None) -> int:
        """Every step runs inside the app's context (its `active_app`): this coroutine is a task
        of the child's own, not the app's, so anything Textual does here (a layout pass, a
        timer, a message posted) would otherwise find no app and raise `LookupError`."""
        app: Any = self.app
        with app._context():
            headless = app._driver
            driver = driver_class(app, debug=False, mouse=True, size=None)
            width, height = _driver_size(driver)
            self._apply_visitor_environment(theme)
            app._size = _size(width, height)  # the visitor's, before any paint
            app.screen._refresh_layout(app._size)  # still headless: lays out, writes nothing
            await self._settle_headless()
            # Textual stops the driver it started (the headless one) when the app ends: let
            # that stop the real one, which restores the visitor's terminal modes.
            headless.stop_application_mode = driver.stop_application_mode
            app._driver = driver
            driver.start_application_mode()
            screen, stack = app.screen, app._background_screens
            app._display(screen, screen._compositor.render_update(full=True, screen_stack=stack))
            screen._dirty_widgets.clear()
            await self.task
        return int(app.return_code or 0)

    async def _settle_headless(self) -> None:
        """Let the widgets answer the new size (re-wrap, re-layout) while nothing is drawn, so
        that the visitor gets one frame, not one per pass."""
        pilot = Pilot(self.app)
        for _ in range(SETTLE_PASSES):
            await pilot._wait_for_screen(timeout=SETTLE_TIMEOUT)
            screen: Any = self.app.screen
            if not (screen._layout_required or screen._repaint_required or screen._dirty_widgets):
                return
            screen._on_timer_update()


def _driver_size(driver: Any) -> tuple[int, int]:
    """The visitor's size as the real driver knows it: a terminal driver asks the PTY; the web
    driver (serve-web's tabs) was told it by the browser, through COLUMNS and ROWS."""
    if hasattr(driver, "_get_terminal_size"):
        width, height = driver._get_terminal_size()
        return int(width), int(height)
    size = getattr(driver, "_size", None) or (80, 24)
    return int(size[0]), int(size[1])


def fresh_loop_state(loop: asyncio.AbstractEventLoop) -> None:
    """Give a forked child's copy of `loop` its own selector and self-pipe.

    The inherited epoll descriptor and socket pair are the template's (and every sibling's):
    closing our copies changes nothing for them; using them would. Registrations other than the
    self-pipe (none, for a settled app) move to the new selector.
    """
    state: Any = loop
    old = state._selector
    old_ssock, old_csock = state._ssock, state._csock
    new = selectors.DefaultSelector()
    for key in old.get_map().values():
        if key.fd != old_ssock.fileno():
            new.register(key.fileobj, key.events, key.data)
    state._selector = new
    old.close()  # our copy of the epoll fd; its registrations are left alone
    old_ssock.close()
    old_csock.close()
    state._internal_fds -= 1
    state._make_self_pipe()


def _size(width: int, height: int):
    from textual.geometry import Size

    return Size(width, height)
