"""One session's app, in a process of its own: terminal, limits, environment, then the app.

The session template forks a child per session, which calls `run_live_session` with the app the
template has already mounted and rendered (see livefork.py). The process tells the server how
it ended by writing one byte to its status pipe just before it exits: QUIT, CRASH or CPU_LIMIT
(a process killed by any other signal writes nothing). Nothing of a traceback is ever written to
the visitor's terminal.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import sys
import termios
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from ..driver import demo_driver
from ..goodbyes import CPU_LIMIT, CRASH, EXIT_CRASH, QUIT
from ..limits import SessionLimits

if TYPE_CHECKING:
    from ..fork.livefork import LiveApp


def take_terminal(tty_fd: int) -> None:
    """Make `tty_fd` this process's controlling terminal and its stdin, stdout and stderr.

    A new session (setsid) plus TIOCSCTTY: then the kernel sends SIGWINCH here when the server
    resizes the PTY, and the app sees every resize.
    """
    os.setsid()
    fcntl.ioctl(tty_fd, termios.TIOCSCTTY, 0)
    for target in (0, 1, 2):
        os.dup2(tty_fd, target)
    if tty_fd > 2:
        os.close(tty_fd)


def run_live_session(
    live: LiveApp, env: Mapping[str, str], limits: SessionLimits, status_fd: int,
    theme: str | None = None,
) -> int:  # fmt: skip
    """In a child forked from the template: continue its live app on this process's terminal
    (in `theme`, if given); report how it ended; returns the status."""
    return report_outcome(lambda: _continue_app(live, theme), env, limits, status_fd)


def report_outcome(
    run: Callable[[], tuple[bytes, int]], env: Mapping[str, str], limits: SessionLimits,
    status_fd: int,
) -> int:  # fmt: skip
    """With the session's environment and limits, `run` the app; write how it ended to
    `status_fd` (whatever happened); returns the exit status."""
    outcome, status = CRASH, EXIT_CRASH

    def out_of_cpu(*_: object) -> None:  # RLIMIT_CPU's soft limit: say so, then go
        with contextlib.suppress(OSError):
            os.write(status_fd, CPU_LIMIT)
        os._exit(EXIT_CRASH)

    try:
        os.environ.clear()
        os.environ.update(env)
        limits.apply()
        signal.signal(signal.SIGXCPU, out_of_cpu)
        outcome, status = run()
    except BaseException:  # whatever it was, the visitor sees a polite line
        outcome, status = CRASH, EXIT_CRASH
    finally:
        try:
            os.write(status_fd, outcome)
            os.close(status_fd)
        except OSError:
            pass
    return status


def only_the_app_draws() -> None:
    """Nothing but the app's own drawing reaches the visitor's terminal.

    Textual draws through `sys.__stderr__`. That becomes a private copy of the terminal, and
    file descriptor 2, `sys.stderr` and `sys.stdout` go to /dev/null: a traceback (Textual's
    error console, an exception in a thread or a task, a MemoryError at the limit, even a
    fatal error from C) has nowhere to be printed but nowhere.
    """
    terminal = os.fdopen(os.dup(2), "w", encoding="utf-8", errors="replace")
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)
    os.close(null)
    sys.__stderr__ = terminal  # type: ignore[misc]  # where a crash report may still go
    sys.stderr = sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - for the process's life


def _continue_app(live: LiveApp, theme: str | None) -> tuple[bytes, int]:
    only_the_app_draws()
    return_code = live.run(demo_driver(live.app.driver_class), theme)
    if return_code:
        return CRASH, EXIT_CRASH
    return QUIT, 0
