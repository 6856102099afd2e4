"""An idle session costs nothing: its input thread sleeps until a key arrives or the app ends.

Textual's input threads (the terminal driver's and the web driver's) wake ten times a second,
whether or not anything was typed, to see whether the app has ended and to time out a lone
Escape. One session never notices; 2,000 reading visitors make 20,000 wake-ups a second, about
half of this 2-core machine, and every typist's key then waits for a core
(benchmarks/capacity.py). Here the thread waits on its input and on a wake-up pipe, written
when the app ends; it polls every 0.1 s only for a second after input, while a lone Escape may
be waiting for its timeout.

For the demo's sessions only (serve/driver.py wraps the app's driver class with `quiet`). It uses
Textual's key parser, as Textual's own drivers do, and gives the web driver its input reader:
both private to Textual, so through app/textual_private.py.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import sys
import threading
import time
from codecs import getincrementaldecoder
from collections.abc import Iterator

TICK = 0.1  # seconds between polls while input is recent (Textual's own interval)
AWAKE_AFTER_INPUT = 1.0  # seconds of polling after input: longer than the Escape timeout


class Waker:
    """A pipe whose write end wakes a thread blocked in select() on its read end."""

    def __init__(self) -> None:
        self.read_fd, self.write_fd = os.pipe()
        os.set_blocking(self.read_fd, False)
        os.set_blocking(self.write_fd, False)

    def wake(self) -> None:
        with contextlib.suppress(OSError):  # full (already woken) or closed: either is fine
            os.write(self.write_fd, b"x")

    def drain(self) -> None:
        with contextlib.suppress(OSError):
            while os.read(self.read_fd, 512):
                pass


class WakingEvent(threading.Event):
    """The driver's `exit_event`: setting it also wakes the input thread."""

    def __init__(self, waker: Waker) -> None:
        super().__init__()
        self.waker = waker

    def set(self) -> None:
        super().set()
        self.waker.wake()


class InputWaiter:
    """select() on the input and a waker, with a timeout only while input is recent."""

    def __init__(self, fileno: int, waker: Waker) -> None:
        self.fileno, self.waker = fileno, waker
        self.selector = selectors.PollSelector()  # no descriptor of its own, unlike epoll
        self.selector.register(fileno, selectors.EVENT_READ)
        self.selector.register(waker.read_fd, selectors.EVENT_READ)
        self.last_input = float("-inf")

    def wait(self) -> bool:
        """Until input, a wake-up or a tick is due; whether input is waiting to be read."""
        recent = time.monotonic() - self.last_input < AWAKE_AFTER_INPUT
        ready = self.selector.select(TICK if recent else None)
        readable = any(key.fd == self.fileno for key, _mask in ready)
        if any(key.fd == self.waker.read_fd for key, _mask in ready):
            self.waker.drain()
        if readable:
            self.last_input = time.monotonic()
        return readable

    def close(self) -> None:
        self.selector.close()


def quiet(base: type) -> type:
    """`base` (the app's driver class) with an input thread that sleeps while nothing is typed;
    `base` itself if it is neither of Textual's terminal or web drivers."""
    from textual.drivers.linux_driver import LinuxDriver
    from textual.drivers.web_driver import WebDriver

    if issubclass(base, WebDriver):
        return _quiet_web(base)
    if issubclass(base, LinuxDriver):
        return _quiet_terminal(base)
    return base


def _quiet_terminal(base: type) -> type:
    from ...app.textual_private import key_parser

    class QuietTerminalDriver(base):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self.key_debug = bool(kwargs.get("debug", False))  # what Textual gives its parser
            self.waker = Waker()
            self.exit_event = WakingEvent(self.waker)

        def run_input_thread(self) -> None:
            """Textual's loop (read, parse, tick), waiting on input instead of polling it."""
            waiter = InputWaiter(self.fileno, self.waker)
            parser = key_parser(self.key_debug)
            decode = getincrementaldecoder("utf-8")().decode
            try:
                while not self.exit_event.is_set():
                    if waiter.wait():
                        data = os.read(self.fileno, 4096)
                        if not data:  # the terminal has gone
                            return
                        for event in parser.feed(decode(data)):
                            self.process_message(event)
                    for event in parser.tick():
                        self.process_message(event)
            finally:
                waiter.close()

    return QuietTerminalDriver


class QuietInputReader:
    """What the web driver iterates for its input (textual's InputReader): the bytes read, and
    an empty chunk each time the parser may need a tick; it sleeps while nothing is typed."""

    def __init__(self) -> None:
        self.fileno = sys.__stdin__.fileno() if sys.__stdin__ is not None else 0
        self.waker = Waker()
        self.closed = threading.Event()

    def close(self) -> None:
        self.closed.set()
        self.waker.wake()

    def __iter__(self) -> Iterator[bytes]:
        waiter = InputWaiter(self.fileno, self.waker)
        try:
            while not self.closed.is_set():
                if waiter.wait():
                    data = os.read(self.fileno, 1024)
                    if not data:
                        return
                    yield data
                yield b""
        finally:
            waiter.close()


def _quiet_web(base: type) -> type:
    from ...app.textual_private import replace_input_reader

    class QuietWebDriver(base):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            replace_input_reader(self, QuietInputReader())

    return QuietWebDriver
