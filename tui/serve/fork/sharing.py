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

CPython has no public call that makes an object immortal: cpython_private.py writes the
reference count, only where the object header is laid out as PEP 683 describes and a canary
written the same way reads back as immortal; anywhere else only the freeze is done.
"""

from __future__ import annotations

import gc

from .cpython_private import header_layout_known, immortal_after_write, make_immortal


def share_with_children() -> int:
    """Freeze the collector's objects and, where it is safe, make every object immortal.

    Returns how many objects were made immortal (0 where it is not done).
    """
    count = immortalize_everything() if immortal_objects_supported() else 0
    gc.freeze()
    return count


def immortal_objects_supported() -> bool:
    """3.12 or later, with the regular object header: the canary must read back as immortal."""
    return header_layout_known() and immortal_after_write()


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
        make_immortal(obj)
        count += 1
        todo.extend(ref for ref in gc.get_referents(obj) if id(ref) not in seen)
    return count
