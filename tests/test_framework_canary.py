"""Every fenced private name of a framework is still there, in the shape it is used in.

Checked on live objects where the name belongs to an instance (a running app, its screen and
console, an event loop), and from the framework's source otherwise. An upgrade of Textual, Rich
or Python that drops or reshapes one fails here, naming it; the session template makes the same
check before it forks (`LiveApp.check_forkable`).
"""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

from hustings.app.private_names import Check, problem, problems
from hustings.serve.fork.livefork import fenced

from .app.conftest import QUOTED
from .framework_names import FENCES
from .test_framework_fence import fence_names

FENCED = fenced()


def test_the_live_fork_checks_every_fenced_name() -> None:
    listed = {(private.owner, private.name) for fence in FENCES for private in fence_names(fence)}
    assert {(private.owner, private.name) for private in FENCED} == listed


async def test_every_fenced_name_is_there_in_its_shape() -> None:
    from hustings.app.main import build_app

    app = build_app(QUOTED)
    async with app.run_test(size=(100, 30)):
        live = (asyncio.get_running_loop(), app, app.screen, app.console)
        assert problems(FENCED, live) == []


@pytest.mark.parametrize("private", [p for p in FENCED if not isinstance(p.shape, Check)], ids=str)
def test_a_name_that_went_would_be_named(private) -> None:
    gone = dataclasses.replace(private, name=private.name + "_gone")
    found = problem(gone)
    assert found is not None and f"{gone}" in found
