"""A stand-in template for the live-fork tests: warm a small app, fork one session per PTY.

Run as `python -m tests.ssh.livefork_harness TTY STATUS THEME [TTY STATUS THEME ...]` with the
descriptors passed in. Prints `child PID` per session as it forks, then `exit PID STATUS` as
each ends; exits once every session has ended. The environment each session gets is fixed
here (one with COLORTERM=truecolor, one without), different from the harness's own (TERM=dumb,
set by the test), so a session showing its colour system proves the visitor's was applied.
"""

from __future__ import annotations

import gc
import os
import sys

from textual.app import App, ComposeResult
from textual.widgets import Static

from hustings.serve.fork.livefork import LiveApp
from hustings.serve.limits import SessionLimits
from hustings.serve.ssh.child import run_live_session, take_terminal

SESSION_ENVIRONMENTS = (
    {"TERM": "xterm-256color", "COLORTERM": "truecolor"},
    {"TERM": "xterm-256color"},
)


class KeysApp(App[None]):
    """Shows which keys it has been sent, its size, colours and theme; `x` crashes it."""

    def compose(self) -> ComposeResult:
        yield Static("live app ready", id="shown")

    def on_key(self, event) -> None:
        if event.key == "x":
            raise RuntimeError("/secret/install/path broke")
        if event.key == "q":
            self.exit()
            return
        self.pressed = getattr(self, "pressed", "") + event.key
        self.query_one("#shown", Static).update(
            f"pressed {self.pressed} size {self.size.width}x{self.size.height} "
            f"colours {self.console.color_system} theme {self.theme}"
        )


def main() -> None:
    args = sys.argv[1:]
    live = LiveApp.warm(KeysApp)
    gc.freeze()
    children = []
    for index in range(0, len(args), 3):
        tty, status, theme = int(args[index]), int(args[index + 1]), args[index + 2]
        pid = os.fork()
        if pid == 0:
            code = 70
            try:
                take_terminal(tty)
                env = SESSION_ENVIRONMENTS[index // 3 % 2]
                code = run_live_session(live, env, SessionLimits(), status, theme or None)
            finally:
                os._exit(code)
        os.close(tty)
        os.close(status)
        children.append(pid)
        print("child", pid, flush=True)
    for _ in children:
        pid, status = os.wait()
        print("exit", pid, os.waitstatus_to_exitcode(status), flush=True)


if __name__ == "__main__":
    main()
    os._exit(0)  # the paused app's tasks are the children's; nothing here to finalise
