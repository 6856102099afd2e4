"""The app's driver in a demo session: the visitor's keys, at a person's pace, within a share.

Both demos run the app through a subclass of the driver Textual picked (the terminal driver for
serve-ssh, the web driver for serve-web), made here. It changes three things, on the driver's
input thread (the app's event loop only runs a small marker now and then):

- Drag-only mouse tracking instead of any motion, which would let a visitor flood the app.
- Terminal reports are not the visitor's keys. The server drops them from the byte stream
  (terminal.py); this drops the events Textual would still make of a report in a form the
  server does not read as one: a size (only the server's, clamped, may resize the app), a cursor
  position, in-band resizing, and focus in a browser (it comes in messages of its own).
- Input is paced. Events beyond INPUT_RATE a second (more than any typist) are dropped, and so
  are those that come while the app is more than INPUT_BATCH events behind what it has handled
  and drawn; buttons pressed and released are always kept. While the app has used more than
  its share of a core (CPU_SHARE) the thread stops reading, so the backlog waits in the PTY,
  then the server's bounded buffer, then the visitor's own connection: a flood costs the
  session neither memory nor more than its share of the machine.

Textual is imported only inside `demo_driver` (the servers import this module without it).
"""

from __future__ import annotations

import functools
import threading
import time
from typing import Any

from .limits import CPU_BURST, CPU_SHARE, INPUT_BATCH, INPUT_BURST, INPUT_RATE
from .terminal import ANY_MOTION_ON, DRAG_ONLY_ON

WAIT_STEP = 0.05  # seconds between looks at whether the driver is stopping
CATCH_UP_LIMIT = 5.0  # seconds to wait for the app to catch up before looking at its queues
QUEUE_LIMIT = 64  # messages waiting in the app or the focused widget that count as "behind"


class InputPace:
    """The three paces above, as one `admit()` before each input event, on the driver's input
    thread; `stopping` is set when the driver stops, and ends any wait."""

    def __init__(self, app: Any, stopping: threading.Event, clock=time.monotonic,
                 cpu_clock=time.process_time) -> None:  # fmt: skip
        self.app, self.stopping = app, stopping
        self.clock, self.cpu_clock = clock, cpu_clock
        self.events = float(INPUT_BURST)
        self.cpu = CPU_BURST
        self.last, self.last_cpu = clock(), cpu_clock()
        self.behind = 0  # events passed on since the app last caught up
        self.caught_up: threading.Event | None = None  # set when it has, once asked
        self.asked_at = 0.0

    def admit(self, always: bool = False) -> bool:
        """Whether to pass the next input event on (False: drop it). Waits while the app is
        over its CPU share. `always`: an event that must not be lost (a button pressed or
        released), passed on whatever the rate and the app's lag."""
        self._refill()
        while self.cpu < 0 and not self.stopping.wait(min(-self.cpu / CPU_SHARE, WAIT_STEP)):
            self._refill()
        if not always and (self.events < 1 or self._lagging()):
            return False
        self.events = max(0.0, self.events - 1)
        self.behind += 1
        if self.behind >= INPUT_BATCH and self.caught_up is None:
            self._ask_when_caught_up()
        return True

    def _refill(self) -> None:
        now, cpu = self.clock(), self.cpu_clock()
        elapsed, used = now - self.last, cpu - self.last_cpu
        self.last, self.last_cpu = now, cpu
        self.events = min(float(INPUT_BURST), self.events + elapsed * INPUT_RATE)
        self.cpu = min(CPU_BURST, self.cpu + elapsed * CPU_SHARE) - used

    def _lagging(self) -> bool:
        """Whether the app is still handling the input passed on before: once asked, until it
        has caught up (or, if the question was lost, until its queues are short)."""
        if self.caught_up is None:
            return False
        waited = self.clock() - self.asked_at
        if not self.caught_up.is_set() and (waited < CATCH_UP_LIMIT or self._queues_long()):
            return True
        self.caught_up, self.behind = None, 0
        return False

    def _ask_when_caught_up(self) -> None:
        """A marker through the app's queue, then the focused widget's (where keys are
        forwarded), then the screen's next refresh: set once the app has handled the input so
        far and drawn it."""
        app, done = self.app, threading.Event()

        def after_forwarded_input() -> None:  # on the app's loop: must never raise
            try:
                target = app.focused or app.screen
                if target.call_after_refresh(done.set):
                    return
            except Exception:  # between screens: nothing to wait for
                pass
            done.set()

        if app.call_later(after_forwarded_input):  # thread-safe: it posts a message
            self.caught_up, self.asked_at = done, self.clock()

    def _queues_long(self) -> bool:
        try:
            pumps = [self.app, self.app.focused or self.app.screen]
            return any(pump.message_queue_size > QUEUE_LIMIT for pump in pumps)
        except Exception:  # the app is between screens: ask again later
            return True


@functools.cache
def demo_driver(base: type) -> type:
    """`base` (the driver class Textual chose), for a stranger's session, with an input thread
    that sleeps while nothing is typed (fork/quiet_input.py). Made once per base: the template
    makes it before it forks, so no session pays for making the classes."""
    from textual import events, messages
    from textual.drivers.web_driver import WebDriver

    from .fork.quiet_input import quiet

    any_motion, drag_only = ANY_MOTION_ON.decode(), DRAG_ONLY_ON.decode()
    reports: tuple[type, ...] = (events.Resize, events.CursorPosition, messages.InBandWindowResize)
    if issubclass(base, WebDriver):  # focus comes in messages, and it never asked for reports
        reports += (events.AppFocus, events.AppBlur)
    paced = (events.Key, events.Paste, events.MouseEvent)

    class DemoDriver(quiet(base)):  # type: ignore[misc]
        def __init__(self, app: Any, *args: Any, **kwargs: Any) -> None:
            super().__init__(app, *args, **kwargs)
            stopping = getattr(self, "exit_event", None)
            self.pace = InputPace(app, stopping if stopping is not None else threading.Event())

        def write(self, data: str) -> None:
            super().write(data.replace(any_motion, drag_only) if any_motion in data else data)

        def process_message(self, message: Any) -> None:
            """On the input thread, for every event parsed from the visitor's bytes (the
            server's resizes and focus reach the app by other ways)."""
            if isinstance(message, reports):
                return
            if isinstance(message, paced):
                kept = isinstance(message, (events.MouseDown, events.MouseUp))
                if not self.pace.admit(always=kept):
                    return
            super().process_message(message)

    return DemoDriver
