"""Every private name of Rich that hustings uses, and why: the one module that touches them.

Public routes come first: compact output reads `Console.color_system` and `Style.link`. `NAMES`
lists what is left with the shape it is used in; tests/test_framework_canary.py and the session
template (`LiveApp.check_forkable`) check them.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console

from .private_names import Attribute, Method, PrivateName

NAMES = (
    PrivateName("rich.console:Console", "_environ", Attribute(("collections.abc:Mapping",)),
                "the environment the console reads TERM and COLORTERM from. Textual makes the "
                "app's console in App.__init__, so a session forked from the template would "
                "draw in the template's colours; the constructor's `_environ` is the only way "
                "in, and it is private too."),
    PrivateName("rich.console:Console", "_color_system",
                Attribute(("rich.color:ColorSystem", "None")),
                "the colour system, detected once; `Console.color_system` only reads it."),
    PrivateName("rich.console:Console", "_detect_color_system", Method(("self",)),
                "how Rich detects the colour system from that environment: run again for the "
                "visitor's, rather than a second copy of its rules here."),
)  # fmt: skip


def redetect_color_system(console: Console, environ: Mapping[str, str]) -> None:
    """Detect `console`'s colour system again, as Rich does, from `environ` (the visitor's)."""
    console._environ = dict(environ)
    console._color_system = console._detect_color_system()
