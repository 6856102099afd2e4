"""What hustings does below CPython's public API, and why: the one module that does it.

CPython 3.12 and later have immortal objects (PEP 683): their reference count is never written,
so a forked child that uses them leaves their pages shared with its parent (sharing.py says why
that matters). CPython has no public call to make an object immortal (3.12 and 3.13 make only
their own static objects, interned strings and small ints so), so the reference count, the
first word of the object's header, is written here with ctypes. It is done only where that
layout holds (a regular, not free-threaded nor debug, build of 3.12 or later) and only after a
canary object written the same way reads back as immortal. `NAMES` describes the layout for
tests/test_framework_canary.py and `LiveApp.check_forkable`.
"""

from __future__ import annotations

import sys
import sysconfig

from ...app.private_names import Check, PrivateName

# Include/object.h, _Py_IMMORTAL_REFCNT on 3.12 and 3.13: its low 32 bits read as negative,
# which is what incref and decref test.
IMMORTAL_REFCOUNT = 0xFFFFFFFF


def layout_problem() -> str | None:
    """Where immortal objects exist, what is wrong with writing one (None: nothing)."""
    if not header_layout_known():
        return None  # not used here: only the collector's freeze is done
    if not immortal_after_write():
        return "an object whose header is written immortal does not read back as immortal"
    return None


NAMES = (
    PrivateName("ctypes", "ob_refcnt", Check(layout_problem),
                "the reference count at the start of every object's header, written to the "
                "immortal value (`make_immortal`) so that sessions forked from the template "
                "share its objects' pages instead of copying them. No public call does it."),
)  # fmt: skip


def header_layout_known() -> bool:
    """A regular CPython build of 3.12 or later: the header PEP 683 describes."""
    if sys.version_info < (3, 12) or sys.implementation.name != "cpython":
        return False
    # A free-threaded or debug build lays the header out differently.
    return not (sysconfig.get_config_var("Py_GIL_DISABLED") or hasattr(sys, "gettotalrefcount"))


def immortal_after_write() -> bool:
    """Whether a canary object written immortal reads back with None's reference count."""
    canary = object()
    make_immortal(canary)
    return sys.getrefcount(canary) == sys.getrefcount(None)


def make_immortal(obj: object) -> None:
    """Set `obj`'s reference count (the first word of its header) to CPython's immortal value."""
    import ctypes

    ctypes.c_ssize_t.from_address(id(obj)).value = IMMORTAL_REFCOUNT
