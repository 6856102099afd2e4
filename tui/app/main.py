"""Load the policies, then open the app. Imported only when the app is wanted."""

from __future__ import annotations

import os
from collections.abc import Sequence

SCREEN_READER_HINT = "HUSTINGS_SCREEN_READER"  # set (not "0"): the screen-reader layout


def wants_screen_reader(asked: bool = False) -> bool:
    """--screen-reader, or the environment's hint (set once in a shell profile, or sent over
    SSH), asks for the screen-reader layout."""
    return asked or os.environ.get(SCREEN_READER_HINT, "0") not in ("", "0")


def build_app(paths: Sequence[str] = (), *, demo: bool = False, screen_reader: bool = False):
    """One election named (or none): every file loaded and compared now, as it always was.
    Several: only indexed, and the app opens on the race picker; a race loads when chosen."""
    from ..compare.comparison import compare
    from ..policy.policy_set import PolicySet
    from ..proof.load import load_paths
    from ..races.index import index_paths
    from .app import HustingsApp

    index = index_paths(paths, cache=not demo)  # the demo writes no files on the server
    if index.several:
        return HustingsApp(compare(PolicySet((), index.problems)), demo=demo, races=index,
                           screen_reader=screen_reader)  # fmt: skip
    name = next((race.name for race in index.races if race.election), "")
    return HustingsApp(compare(load_paths(paths)), demo=demo, races=index, race_name=name,
                       screen_reader=screen_reader)  # fmt: skip


def run_app(paths: Sequence[str], screen_reader: bool = False) -> int:
    build_app(paths, screen_reader=wants_screen_reader(screen_reader)).run()
    return 0
