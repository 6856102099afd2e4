"""Render the README's screenshots: the app draws itself, so they can never be mocked up.

Run: uv run python -m hustings.app.screenshots [--out screenshots]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .main import build_app

# The tests' fictional races (clearly made-up names): a country's worth of races is shown on
# made-up data, never on real candidates we have no sources for.
FICTIONAL_RACES = str(Path(__file__).resolve().parents[2] / "tests" / "races")

# (file name, terminal size, keys to press first, policy files: () for the bundled ones)
SHOTS: tuple[tuple[str, tuple[int, int], tuple[str, ...], tuple[str, ...]], ...] = (
    ("main-120x40.svg", (120, 40), (), ()),
    ("quoted-120x40.svg", (120, 40), ("a",), ()),
    ("trace-khan-1300.svg", (120, 40), ("a", "right", "right", "up", "enter"), ()),
    ("narrow-50x24.svg", (50, 24), ("a", "right", "right", "up"), ()),
    ("help.svg", (100, 40), ("question_mark",), ()),
    ("high-contrast.svg", (120, 40), ("c", "a", "right", "right", "up"), ()),
    ("race-overview-120x40.svg", (120, 40), ("down", "down", "enter"), (FICTIONAL_RACES,)),
)


async def render(out: Path) -> list[Path]:
    """Each shot as a new user sees it: never the theme or keys someone rendering them has
    chosen, nor a setting an earlier shot changed (the high-contrast shot presses c, which is
    saved), so each app reads its settings from its own empty folder."""
    written = []
    for name, size, keys, paths in SHOTS:
        with tempfile.TemporaryDirectory() as empty, _settings_in(empty):
            app = build_app(paths)
            async with app.run_test(size=size) as pilot:
                await pilot.press(*keys)
                await pilot.pause()
                path = out / name
                screenshot = app.export_screenshot(title="hustings")
                path.write_text(screenshot, encoding="utf-8", newline="\n")
                written.append(path)
    return written


@contextmanager
def _settings_in(folder: str) -> Iterator[None]:
    """XDG_CONFIG_HOME set to `folder` for the block, as it was after."""
    before = os.environ.get("XDG_CONFIG_HOME")
    os.environ["XDG_CONFIG_HOME"] = folder
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("XDG_CONFIG_HOME", None)
        else:
            os.environ["XDG_CONFIG_HOME"] = before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for path in asyncio.run(render(args.out)):
        print(path)


if __name__ == "__main__":
    main()
