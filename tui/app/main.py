"""Load the policies, then open the app. Imported only when the app is wanted."""

from __future__ import annotations

from collections.abc import Sequence


def build_app(paths: Sequence[str] = (), *, demo: bool = False):
    """One election named (or none): every file loaded and compared now, as it always was.
    Several: only indexed, and the app opens on the race picker; a race loads when chosen."""
    from ..compare.comparison import compare
    from ..policy.policy_set import PolicySet
    from ..proof.load import load_paths
    from ..races.index import index_paths
    from .app import HustingsApp

    index = index_paths(paths, cache=not demo)  # the demo writes no files on the server
    if index.several:
        return HustingsApp(compare(PolicySet((), index.problems)), demo=demo, races=index)
    name = next((race.name for race in index.races if race.election), "")
    return HustingsApp(compare(load_paths(paths)), demo=demo, races=index, race_name=name)


def run_app(paths: Sequence[str]) -> int:
    build_app(paths).run()
    return 0
