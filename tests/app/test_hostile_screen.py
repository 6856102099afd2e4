"""Property: whatever text the policies hold, in whatever field, no control character reaches
the app's screen: the comparison, a claim's trace, or the command palette's candidate names.

The comparison is built from Structs directly (tests/crafted.py), so nothing `check` would refuse
is filtered out first. What is asserted on is the screen as the app rendered it (its SVG export,
with the markup's own entities undone).
"""

from __future__ import annotations

import html
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hustings.app.app import HustingsApp

from ..crafted import CONTROL, crafted_comparison, texts

TAGS = re.compile(r"<[^>]+>")


def screen(app: HustingsApp) -> str:
    """What the terminal shows, as text: the SVG export without its tags and entities."""
    return html.unescape(TAGS.sub("", app.export_screenshot()))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, min_size=1, max_size=6))
async def test_no_control_character_reaches_the_screen(values: list[str]) -> None:
    app = HustingsApp(crafted_comparison(values))
    async with app.run_test(size=(100, 30)) as pilot:
        shown = {"comparison": screen(app)}
        await pilot.press("right", "enter")
        shown["trace"] = screen(app)
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        shown["palette"] = screen(app)
    for where, text in shown.items():
        assert not CONTROL.search(text), (where, CONTROL.findall(text))
