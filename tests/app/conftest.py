"""App test fixtures: a fixed data set, and paths shown relative to the checkout.

Snapshots must not vary between machines: problems print paths relative to the working folder,
so every app test runs from the repository root.
"""

from __future__ import annotations

import pytest

from hustings.app.app import HustingsApp
from hustings.app.main import build_app

from ..conftest import BAD, ROOT

MARKUP_FILES = (str(BAD / "rich_markup.toml"), str(BAD / "ansi_escapes.toml"))


@pytest.fixture(autouse=True)
def _run_from_the_checkout(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """From the checkout, in colour, with settings in a temporary folder (never the real one)."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


# The bundled policies that have claims: the panes, opened directly. The whole bundled race (13
# candidates) opens on its overview instead; `bundled_app` is that.
QUOTED = tuple(str(ROOT / "policies" / name) for name in ("hall.toml", "khan.toml", "labour.toml"))


@pytest.fixture
def app() -> HustingsApp:
    """Hall, Khan and Labour, side by side: the bundled files the archived articles quote."""
    return build_app(QUOTED)


@pytest.fixture
def bundled_app() -> HustingsApp:
    """The whole bundled race: all 13 candidates and Labour's national policy."""
    return build_app()


@pytest.fixture
def app_with_problems() -> HustingsApp:
    return build_app([*QUOTED, "tests/bad/syntax_error.toml", "tests/bad/wrong_types.toml"])


@pytest.fixture
def empty_app() -> HustingsApp:
    return build_app(["tests/app/no-policies-here"])
