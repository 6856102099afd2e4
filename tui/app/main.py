"""Load the policies, then open the app. Imported only when the app is wanted."""

from __future__ import annotations

from collections.abc import Sequence


def build_app(paths: Sequence[str] = (), *, demo: bool = False):
    from ..compare import compare
    from ..load import load_paths
    from .app import HustingsApp

    return HustingsApp(compare(load_paths(paths)), demo=demo)


def run_app(paths: Sequence[str]) -> int:
    build_app(paths).run()
    return 0
