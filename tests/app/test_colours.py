"""Readable in every theme: no text drawn in its own background colour, NO_COLOR included.

The check reads the segments the app really writes (the compositor's strips, after Textual's
colour filters), resolves each foreground and background against the terminal theme Textual
assumes, and fails on any visible character whose contrast with its background is below 3:1.
Issue 11: NO_COLOR=1 drew every character black on black.
"""

from __future__ import annotations

import pytest
from rich.color import Color, ColorType

from hustings.app.app import HIGH_CONTRAST
from hustings.app.main import build_app

from .conftest import QUOTED

MIN_CONTRAST = 3.0
# Scrollbar thumbs are drawn with eighth blocks in two shades; they are shapes, not text. The
# selection mark ▌ is not among them: it is checked like any letter.
SCROLLBAR_GLYPHS = frozenset("▁▂▃▄▅▆▇█▉▊▋▍▎▏")
# (keys to press, what the screen is)
SCREENS = (
    ((), "main"),
    (("right", "right", "up"), "selected claim"),
    (("right", "right", "up", "enter"), "trace"),
    (("question_mark",), "help"),
    (("f",), "topics dialog"),
    (("p",), "problems"),
)


def _luminance(rgb) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a, b) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _rgb(color: Color | None, theme, foreground: bool):
    if color is None or color.type == ColorType.DEFAULT:
        return None  # the terminal's own default
    return tuple(color.get_truecolor(theme, foreground=foreground))


def unreadable(app) -> list[str]:
    """Each visible character drawn too close to its background, described for a failure."""
    theme = app.ansi_theme
    found = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        for text, style, _ in strip:
            if style is None or not text.strip() or set(text.strip()) <= SCROLLBAR_GLYPHS:
                continue
            fg, bg = _rgb(style.color, theme, True), _rgb(style.bgcolor, theme, False)
            if style.reverse:
                fg, bg = bg, fg
            if fg is None and bg is None:
                continue  # the terminal's default pair is readable by definition
            fg = fg or tuple(theme.foreground_color)
            bg = bg or tuple(theme.background_color)
            ratio = contrast(fg, bg)
            if ratio < MIN_CONTRAST:
                found.append(f"line {y}: {text.strip()[:30]!r} {fg} on {bg} ({ratio:.1f}:1)")
    return found


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light", "textual-light", HIGH_CONTRAST.name])
@pytest.mark.parametrize("keys,what", SCREENS, ids=[what for _, what in SCREENS])
async def test_no_text_in_its_own_background(monkeypatch, theme, no_color, keys, what) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(["policies", "tests/bad/syntax_error.toml"])
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = theme
        await pilot.press(*keys)
        await pilot.pause()
        assert unreadable(app) == [], f"{what} in {theme}"


async def test_the_check_catches_black_on_black(monkeypatch) -> None:
    """The regression itself: Textual's start-up filter choice with our ANSI theme."""
    from textual.filter import Monochrome

    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(QUOTED)
    async with app.run_test(size=(100, 30)) as pilot:
        app._filters = [f for f in app._filters if type(f).__name__ != "NoColor"]
        app._filters.append(Monochrome())  # what Textual chose before our fix
        app.screen.refresh()
        app.query_one("#title").refresh()
        await pilot.pause()
        for widget in app.screen.walk_children():
            widget._styles_cache.clear()
            widget.refresh()
        await pilot.pause()
        assert unreadable(app), "the check must fail on the old NO_COLOR rendering"
