"""Every private name of asyncio that hustings uses, and why: the one module that touches them.

A forked session continues the template's event loop (livefork.py), whose selector (an epoll
descriptor) and self-pipe (the socket pair `call_soon_threadsafe` writes to, to wake the loop)
are shared with the template and every sibling. asyncio has no public way to give a loop new
ones, and a new loop cannot take over the app's pending tasks, so the loop's own fields are
replaced. `NAMES` lists them with the shape they are used in; tests/test_framework_canary.py
and `LiveApp.check_forkable` check them before any fork.
"""

from __future__ import annotations

import asyncio
import selectors
from typing import Any

from ...app.private_names import Attribute, Method, PrivateName

LOOP = "asyncio.selector_events:BaseSelectorEventLoop"
NAMES = (
    PrivateName(LOOP, "_selector", Attribute(("selectors:BaseSelector",)),
                "the loop's epoll: inherited, it is the template's; replaced by a new one."),
    PrivateName(LOOP, "_ssock", Attribute(("socket:socket",)),
                "the read end of the loop's self-pipe, shared after a fork: closed and made "
                "anew, so no byte a session writes wakes another process's loop."),
    PrivateName(LOOP, "_csock", Attribute(("socket:socket",)), "the write end, as _ssock."),
    PrivateName(LOOP, "_internal_fds", Attribute(("int",)),
                "the loop's count of its own descriptors, kept right when the pipe is remade."),
    PrivateName(LOOP, "_make_self_pipe", Method(("self",)),
                "how the loop makes and registers its self-pipe: called, not copied."),
    PrivateName("asyncio.unix_events:_UnixSelectorEventLoop", "_signal_handlers",
                Attribute(("dict",)),
                "signal handlers write to a wake-up descriptor a fork would share: the "
                "template refuses to fork a loop that has any. asyncio cannot be asked."),
)  # fmt: skip


def renew_selector_and_self_pipe(loop: asyncio.AbstractEventLoop) -> None:
    """Give `loop` (a copy inherited by a forked child) its own selector and self-pipe.

    The inherited epoll descriptor and socket pair are the template's (and every sibling's):
    closing our copies changes nothing for them; using them would. Registrations other than
    the self-pipe (none, for a settled app) move to the new selector.
    """
    state: Any = loop
    old = state._selector
    old_ssock, old_csock = state._ssock, state._csock
    new = selectors.DefaultSelector()
    for key in old.get_map().values():
        if key.fd != old_ssock.fileno():
            new.register(key.fileobj, key.events, key.data)
    state._selector = new
    old.close()  # our copy of the epoll fd; its registrations are left alone
    old_ssock.close()
    old_csock.close()
    state._internal_fds -= 1
    state._make_self_pipe()


def has_signal_handlers(loop: asyncio.AbstractEventLoop) -> bool:
    """Whether `loop` has signal handlers (asyncio's, through `add_signal_handler`)."""
    return bool(getattr(loop, "_signal_handlers", None))
