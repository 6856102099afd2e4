"""One browser session's app, in a process of its own: `python -m hustings.serve.web.child`.

Its stdin and stdout are textual-serve's pipes (Textual's web driver speaks the packet protocol
on them); its environment is the server's allow-list; its resource limits were set before it
started (see service.py). Only the driver's packets reach stdout: fd 2, `sys.stderr` and
`sys.stdout` go to /dev/null, so no traceback can reach the visitor or corrupt the protocol.
"""

from __future__ import annotations

import os
import sys

from ..driver import demo_driver
from ..goodbyes import EXIT_CRASH


def only_the_driver_writes() -> None:
    """Python's stdout and stderr to /dev/null; the driver keeps fd 1 (via sys.__stdout__)."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)
    os.close(null)
    sys.stderr = sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - for the process's life


def main() -> int:
    only_the_driver_writes()
    try:
        from textual.drivers.web_driver import WebDriver

        from ...app.app import HustingsApp
        from ...compare.comparison import compare
        from ...proof.load import load_paths

        app = HustingsApp(compare(load_paths()), demo=True)
        app.driver_class = demo_driver(WebDriver)
        app.run()
    except BaseException:  # the visitor's tab shows "session ended", never a traceback
        return EXIT_CRASH
    return EXIT_CRASH if app.return_code else 0


if __name__ == "__main__":
    os._exit(main())
