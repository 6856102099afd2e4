"""Keep the template's memory shared with every session forked from it, not copied per session.

A forked child shares its parent's pages until it writes to one. Python writes to an object
whenever it takes or drops a reference to it (its reference count), and the garbage collector
writes to every object it examines. So a session that merely reads the app it continued would
copy most of the template's pages: about 10 MiB a session, the demo's memory ceiling.

Two things stop most of those writes, both done once in the template, just before it forks:

- `gc.freeze()`: every object is moved out of the collector's reach, so no collection in a
  child examines (writes to) them.
- On CPython 3.12 and later, every object is made immortal (PEP 683): its reference count is set
  to the value CPython gives None and the small ints, which incref and decref leave alone. The
  template's objects then stay on shared pages however often a session uses them. They are never
  freed, which costs nothing: the template keeps them for its whole life anyway, and in a child
  they sit on pages shared with every other session. Measured (benchmarks/capacity.py): a
  session's own memory falls from about 8.3 MiB to about 4.7 MiB at 120x40.

CPython has no public call that makes an object immortal (3.12 and 3.13 make only their own
static objects, interned strings and small ints so), so the reference count is written with
ctypes at the object's address, as PEP 683 describes the header. It is done only where that
layout holds (a regular, not free-threaded nor debug, build of 3.12 or later) and only after a
canary object written the same way reads back as immortal; anywhere else only the freeze is done.
"""

from __future__ import annotations

import gc
import sys
import sysconfig


def share_with_children() -> int:
    """Freeze the collector's objects and, where it is safe, make every object immortal.

    Returns how many objects were made immortal (0 where it is not done).
    """
    count = immortalize_everything() if immortal_objects_supported() else 0
    gc.freeze()
    return count


def immortal_objects_supported() -> bool:
    """3.12 or later, with the regular object header: the canary must read back as immortal."""
    if sys.version_info < (3, 12) or sys.implementation.name != "cpython":
        return False
    if sysconfig.get_config_var("Py_GIL_DISABLED") or hasattr(sys, "gettotalrefcount"):
        return False  # a free-threaded or debug build lays the header out differently
    canary = object()
    _write_immortal(canary)
    return sys.getrefcount(canary) == sys.getrefcount(None)


def immortalize_everything() -> int:
    """Every object reachable from the collector's lists (atomic ones, such as strings, through
    the containers that hold them), made immortal. Called with no other thread running."""
    todo = gc.get_objects()
    seen = {id(todo)}
    seen.add(id(seen))
    count = 0
    while todo:
        obj = todo.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        _write_immortal(obj)
        count += 1
        todo.extend(ref for ref in gc.get_referents(obj) if id(ref) not in seen)
    return count


def _write_immortal(obj: object) -> None:
    """Set `obj`'s reference count (the first word of its header) to CPython's immortal value.

    That value is 2**32 - 1 on 3.12 and 3.13 (Include/object.h, _Py_IMMORTAL_REFCNT): its low
    32 bits read as negative, which is what incref and decref test.
    """
    import ctypes

    ctypes.c_ssize_t.from_address(id(obj)).value = 0xFFFFFFFF
