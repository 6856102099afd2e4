"""The boundary both demo servers see between a visitor's session and the process of its app.

The shipped launcher is the session template (template.py): each session's process is a fork
that continues an app already mounted and rendered (livefork.py). benchmarks/spawn_sessions.py
has the other, a fresh interpreter per session, kept only to measure the template against;
it is not part of the package.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..limits import SessionLimits
    from .template import SessionProcess


class Launcher(Protocol):
    """Starts a session's app on a PTY. `start()` before the event loop, `supervise()` inside
    it, `launch()` per session, `alive` for health, `stop()` at the end; `kind` names the way
    in the server's "serving on" line."""

    kind: str

    @property
    def alive(self) -> bool: ...

    def start(self) -> None: ...

    def supervise(self, on_fatal: Callable[[str], None]) -> None: ...

    async def launch(self, tty_fd: int, status_fd: int, env: dict[str, str],
                     limits: SessionLimits) -> SessionProcess: ...  # fmt: skip

    def stop(self) -> None: ...
