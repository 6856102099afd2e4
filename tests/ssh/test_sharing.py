"""The template's objects stay shared with its sessions: frozen for the collector everywhere, and
immortal (PEP 683) where CPython has immortal objects."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from hustings.serve.fork.sharing import share_with_children
held = {"policy": ["a list made before"]}
count = share_with_children()
later = ["a list made after"]
print(count, sys.getrefcount(held["policy"]) == sys.getrefcount(None),
      sys.getrefcount(later) == sys.getrefcount(None), held["policy"][0])
"""


def test_objects_made_before_the_fork_are_immortal_where_python_has_immortal_objects() -> None:
    # A process of its own: every object in it stays immortal for its life.
    run = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                         timeout=60, check=True)  # fmt: skip
    count, before, after, value = run.stdout.split(maxsplit=3)
    assert value.strip() == "a list made before"  # still an ordinary, usable object
    assert after == "False"  # what a session makes is freed as usual
    if sys.version_info >= (3, 12):
        assert int(count) > 1000 and before == "True"
    else:  # 3.11 has no immortal objects: only the collector's freeze is done
        assert int(count) == 0 and before == "False"
