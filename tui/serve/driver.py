"""The app's driver in a demo session: the visitor's keys, at a person's pace, within a share.

Both demos run the app through a subclass of the driver Textual picked (the terminal driver for
serve-ssh, the web driver for serve-web), made here. It changes three things, all on the
driver's input thread, so none of it costs the app's event loop anything:

- Drag-only mouse tracking instead of any motion, which would let a visitor flood the app.
- Terminal reports are not the visitor's keys. The server drops them from the byte stream
  (terminal.py); this drops the events Textual would still make of a report in a form the
  server does not read as one: a size (only the server's, clamped, may resize the app), a cursor
  position, in-band resizing, and focus in a browser (it comes in messages of its own).
- Input is paced. At most INPUT_RATE events a second (beyond any typist); never more than
  INPUT_BATCH ahead of what the app has handled and drawn; and never while the app has used
  more than its share of a core (CPU_SHARE). Meanwhile the thread stops reading, so the backlog
  waits in the PTY, then the server's bounded buffer, then the visitor's own connection: a
  flood costs the session neither memory nor more than its share of the machine.

Textual is imported only inside `demo_driver` (the servers import this module without it).
"""

from __future__ import annotations

import threading
import time
from typing import Any

from .limits import CPU_BURST, CPU_SHARE, INPUT_BATCH, INPUT_BURST, INPUT_RATE
from .terminal import ANY_MOTION_ON, DRAG_ONLY_ON

WAIT_STEP = 0.05  # seconds between looks at whether the driver is stopping
CATCH_UP_LIMIT = 5.0  # seconds to wait for the app to catch up before looking at its queues
QUEUE_LIMIT = 64  # messages waiting in the app or the focused widget that count as "behind"


class InputPace:
    """The three paces above, as one `wait()` before each input event. Runs on the driver's
    input thread; `stopping` is set when the driver stops, and ends any wait."""

    def __init__(self, app: Any, stopping: threading.Event, clock=time.monotonic,
                 cpu_clock=time.process_time) -> None:  # fmt: skip
        self.app, self.stopping = app, stopping
        self.clock, self.cpu_clock = clock, cpu_clock
        self.events = float(INPUT_BURST)
        self.cpu = CPU_BURST
        self.behind = 0
        self.last, self.last_cpu = clock(), cpu_clock()

    def wait(self) -> None:
        self._refill()
        while self.events < 1 or self.cpu < 0:
            missing = max((1 - self.events) / INPUT_RATE, -self.cpu / CPU_SHARE)
            if self.stopping.wait(min(max(missing, 0.001), WAIT_STEP)):
                return
            self._refill()
        self.events -= 1
        self.behind += 1
        if self.behind >= INPUT_BATCH:
            self._catch_up()
            self.behind = 0

    def _refill(self) -> None:
        now, cpu = self.clock(), self.cpu_clock()
        elapsed, used = now - self.last, cpu - self.last_cpu
        self.last, self.last_cpu = now, cpu
        self.events = min(float(INPUT_BURST), self.events + elapsed * INPUT_RATE)
        self.cpu = min(CPU_BURST, self.cpu + elapsed * CPU_SHARE) - used

    def _catch_up(self) -> None:
        """Until the app has handled the input sent so far and redrawn: a marker goes through
        the app's queue, then the focused widget's (where keys are forwarded), then waits for
        the screen's next refresh."""
        app, done = self.app, threading.Event()

        def after_forwarded_input() -> None:  # on the app's loop: must never raise
            try:
                target = app.focused or app.screen
                if target.call_after_refresh(done.set):
                    return
            except Exception:  # between screens: nothing to wait for
                pass
            done.set()

        if not app.call_later(after_forwarded_input):  # thread-safe: it posts a message
            return
        deadline = self.clock() + CATCH_UP_LIMIT
        while not done.wait(WAIT_STEP):
            if self.stopping.is_set():
                return
            if self.clock() >= deadline and not self._queues_long():
                return  # the marker was lost (the widget went away): go by the queues

    def _queues_long(self) -> bool:
        try:
            pumps = [self.app, self.app.focused or self.app.screen]
            return any(pump.message_queue_size > QUEUE_LIMIT for pump in pumps)
        except Exception:  # the app is between screens: ask again later
            return True


def demo_driver(base: type) -> type:
    """`base` (the driver class Textual chose), for a stranger's session."""
    from textual import events, messages
    from textual.drivers.web_driver import WebDriver

    any_motion, drag_only = ANY_MOTION_ON.decode(), DRAG_ONLY_ON.decode()
    reports: tuple[type, ...] = (events.Resize, events.CursorPosition, messages.InBandWindowResize)
    if issubclass(base, WebDriver):  # focus comes in messages, and it never asked for reports
        reports += (events.AppFocus, events.AppBlur)
    paced = (events.Key, events.Paste, events.MouseEvent)

    class DemoDriver(base):
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
                self.pace.wait()
            super().process_message(message)

    return DemoDriver
