"""The spawn-per-session way, kept only to measure the session template against.

A demo server whose every session (SSH) or tab (web) gets a fresh Python interpreter on its PTY,
instead of a fork of the warm template: what textual-serve does, and what the template saves.
It is not part of the package (the wheel ships only the template); ssh_load.py and web_load.py
start it beside the shipped server and compare the two.

Run from the checkout:
    python -m benchmarks.spawn_sessions serve-ssh|serve-web [the command's own options]
Each session's app is then `python -m benchmarks.spawn_sessions child STATUS_FD`, on the PTY.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import signal
import subprocess
import sys
import termios
from collections.abc import Callable

from hustings.serve.fork.template import SessionProcess
from hustings.serve.limits import ENV_ALLOWED, SessionLimits

# What a spawned app keeps of the environment it is given: the visitor's allow-listed terminal
# settings, and for a tab its size and Textual's web driver (read when Textual is imported).
PASSED = (*ENV_ALLOWED, "COLUMNS", "ROWS", "TEXTUAL_DRIVER", "TEXTUAL_COLOR_SYSTEM")


class SpawnLauncher:
    """The servers' `Launcher` (hustings.serve.fork.launcher), with a fresh interpreter per
    session. Its apps are the server's own children, reaped as they exit."""

    kind = "spawn"
    alive = True

    def __init__(self, extra_env: dict[str, str] | None = None) -> None:
        self.extra_env = dict(extra_env or {})

    def start(self) -> None:
        """Nothing to warm up: every session pays for it."""

    def supervise(self, on_fatal: Callable[[str], None]) -> None:
        import asyncio

        from hustings.serve.lifecycle import reap_exited

        asyncio.get_running_loop().add_signal_handler(signal.SIGCHLD, reap_exited)

    async def launch(self, tty_fd: int, status_fd: int, env: dict[str, str],
                     limits: SessionLimits) -> SessionProcess:  # fmt: skip
        def controlling_terminal() -> None:  # runs in the child, after setsid and the dup2s
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.spawn_sessions", "child", str(status_fd)],
            stdin=tty_fd, stdout=tty_fd, stderr=tty_fd, pass_fds=(status_fd,),
            env={**env, **self.extra_env, "PATH": os.environ.get("PATH", "")},
            start_new_session=True, preexec_fn=controlling_terminal,
        )  # fmt: skip
        process.returncode = 0  # reaped by `supervise`'s handler, not by Popen
        return SessionProcess(process.pid, os.pidfd_open(process.pid))

    def stop(self) -> None:
        """Sessions end with their server's goodbye; nothing else to stop."""


def child(status_fd: int) -> int:
    """One session's app, built afresh: load, compare, run on this process's terminal."""
    from hustings.serve.driver import demo_driver
    from hustings.serve.ssh.child import (
        CRASH,
        EXIT_CRASH,
        QUIT,
        only_the_app_draws,
        report_outcome,
    )

    try:
        from hustings.compare.comparison import compare
        from hustings.proof.load import load_paths

        comparison = compare(load_paths())
    except BaseException:  # the visitor sees a polite line, never a traceback
        os.write(status_fd, CRASH)
        return EXIT_CRASH

    def run() -> tuple[bytes, int]:
        from hustings.app.app import HustingsApp

        only_the_app_draws()
        app = HustingsApp(comparison, demo=True)
        app.driver_class = demo_driver(app.driver_class)
        app.run()
        return (CRASH, EXIT_CRASH) if app.return_code else (QUIT, 0)

    env = {name: os.environ[name] for name in PASSED if name in os.environ}
    return report_outcome(run, env, SessionLimits(), status_fd)


def serve(command: str, argv: list[str]) -> int:
    """`hustings serve-ssh` or `serve-web` with its own options, each session spawned."""
    parser = argparse.ArgumentParser(prog=f"spawn_sessions {command}")
    if command == "serve-ssh":
        from hustings.serve.ssh.options import add_serve_ssh_arguments
        from hustings.serve.ssh.server import serve_from_options

        add_serve_ssh_arguments(parser)
        return serve_from_options(parser.parse_args(argv), SpawnLauncher())
    from hustings.serve.web.forked import TEMPLATE_ENVIRONMENT
    from hustings.serve.web.options import add_serve_web_arguments
    from hustings.serve.web.server import serve_from_options as serve_web

    add_serve_web_arguments(parser)
    return serve_web(parser.parse_args(argv), SpawnLauncher(TEMPLATE_ENVIRONMENT))


def main() -> None:
    command, *rest = sys.argv[1:] or ["--help"]
    if command == "child":
        os._exit(child(int(rest[0])))
    if command not in ("serve-ssh", "serve-web"):
        sys.exit(__doc__)
    sys.exit(serve(command, rest))


if __name__ == "__main__":
    main()
