"""A session's app process on its own PTY: a crash inside the app never shows a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from ..conftest import ROOT

CRASHING_SESSION = """
import sys
from hustings.app.app import HustingsApp
from hustings.serve.limits import SessionLimits
from hustings.serve.ssh.child import CRASH, EXIT_CRASH, QUIT, only_the_app_draws, report_outcome

class Broken:  # a comparison whose every attribute fails: the app crashes while composing
    def __getattr__(self, name):
        raise RuntimeError("/secret/install/path broke")

def run():
    only_the_app_draws()
    app = HustingsApp(Broken(), demo=True)
    app.run()
    return (CRASH, EXIT_CRASH) if app.return_code else (QUIT, 0)

sys.exit(report_outcome(run, {"TERM": "xterm-256color"}, SessionLimits(), int(sys.argv[1])))
"""


def test_a_crash_in_the_app_reports_crash_and_shows_no_traceback() -> None:
    master, tty = os.openpty()
    status_read, status_write = os.pipe()
    process = subprocess.Popen(
        [sys.executable, "-c", CRASHING_SESSION, str(status_write)],
        stdin=tty, stdout=tty, stderr=tty, pass_fds=(status_write,), cwd=ROOT,
        start_new_session=True,
    )  # fmt: skip
    os.close(tty)
    os.close(status_write)
    shown = bytearray()
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the process has closed the terminal
                break
            if not chunk:
                break
            shown += chunk
        assert process.wait(30) == 70
        assert os.read(status_read, 1) == b"c"
    finally:
        process.kill()
        os.close(master)
        os.close(status_read)
    text = shown.decode("utf-8", "replace")
    assert "Traceback" not in text and "/secret/install/path" not in text
    assert "RuntimeError" not in text
