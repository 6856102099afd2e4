"""Private names of the frameworks are touched only in their fence modules, once each.

tests/framework_names.py says how a name is told to be a framework's rather than ours; the fence
modules (tui/app/textual_private.py, rich_private.py, tui/serve/fork/asyncio_private.py,
cpython_private.py) each list theirs as `NAMES`, and touch exactly those.
"""

from __future__ import annotations

import ast
import importlib
import sys
import textwrap

import pytest

from .conftest import ROOT
from .framework_names import FENCES, Package, module_name


@pytest.fixture(scope="module")
def package() -> Package:
    return Package(ROOT)


def fence_names(fence: str) -> tuple:
    return importlib.import_module(module_name(ROOT, ROOT / fence)).NAMES


def test_no_module_outside_the_fences_touches_a_private_framework_name(package) -> None:
    outside = [str(touch) for path, touches in package.everywhere()
               if path not in package.fences for touch in touches]  # fmt: skip
    assert outside == []


@pytest.mark.parametrize("fence", FENCES)
def test_a_fence_touches_exactly_the_names_it_lists(package, fence) -> None:
    touched = {touch.name for touch in package.touches(ROOT / fence)}
    listed = {private.touched for private in fence_names(fence)}
    assert touched == listed, (
        f"touched but not listed: {touched - listed}; listed, untouched: {listed - touched}"
    )


def test_each_name_is_listed_once_with_why() -> None:
    every = [private for fence in FENCES for private in fence_names(fence)]
    keys = [(private.owner, private.name) for private in every]
    assert len(keys) == len(set(keys))
    assert all(len(private.why.split()) >= 4 for private in every)  # a reason, not a label


EXAMPLE = """
import os
from asyncio import AbstractEventLoop
from textual._compositor import LayoutUpdate
from textual.app import App
from textual.screen import Screen

class Counter:
    def __init__(self):
        self._count = 0
        self._size = 1

    def _bump(self):
        self._count += 1

class Board(Screen):
    def __init__(self, counter):
        super().__init__()
        self._counter = counter
        self._bindings = None

    def _refresh_layout(self, size=None, scroll=False):
        self._counter._bump()
        super()._refresh_layout(size, scroll)

def use(app: App, loop: AbstractEventLoop, counter: Counter) -> None:
    counter._bump()
    app._size = counter._count
    getattr(loop, "_selector", None)
    os._exit(0)

def made(base):
    class Quiet(base):
        def __init__(self):
            self._waker = 1
            self._debug = self._waker
    return Quiet
"""


def test_the_reading_tells_ours_from_a_frameworks(tmp_path, package) -> None:
    """On a module made for it: our own names (on ourselves or on one of our objects) pass;
    Textual's and asyncio's are found, however reached; os._exit is public."""
    path = tmp_path / "example_module.py"
    path.write_text(textwrap.dedent(EXAMPLE), encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        module = importlib.import_module("example_module")
    finally:
        sys.path.remove(str(tmp_path))
    found = {(line, name) for line, name, _how in package.touches_in(ast.parse(EXAMPLE), module)}
    lines = EXAMPLE.splitlines()

    def at(text: str) -> int:
        return next(number for number, line in enumerate(lines, 1) if text in line)

    assert found == {
        (at("_compositor import"), "textual._compositor"),
        (at("self._bindings = None"), "_bindings"),
        (at("def _refresh_layout"), "_refresh_layout"),
        (at("super()._refresh_layout"), "_refresh_layout"),
        (at("app._size"), "_size"),
        (at('"_selector"'), "_selector"),
        (at("self._debug"), "_debug"),
    }
