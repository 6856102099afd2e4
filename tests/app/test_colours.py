"""Readable in every theme: no text drawn in its own background colour, NO_COLOR included.

The check reads the segments the app really writes (the compositor's strips, after Textual's
colour filters), resolves each foreground and background against the terminal theme Textual
assumes, and fails on any visible character whose contrast with its background is below 4.5:1
(3:1 for a rule or border, which is not text).
NO_COLOR=1 once drew every character black on black.
"""

from __future__ import annotations

import pytest
from rich.color import Color, ColorType

from hustings.app.app import HIGH_CONTRAST
from hustings.app.main import build_app

from .conftest import QUOTED

MIN_CONTRAST = 4.5  # WCAG 2.2 AA for text (1.4.3)
# Rules and borders are not text: WCAG asks 3:1 of such shapes (1.4.11, non-text contrast).
LINE_CONTRAST = 3.0
LINE_GLYPHS = frozenset("─━│┃╭╮╰╯┌┐└┘")
# Scrollbar thumbs are drawn with eighth blocks in two shades; they are shapes, not text. The
# selection mark ▌ is not among them: it is checked like any letter.
SCROLLBAR_GLYPHS = frozenset("▁▂▃▄▅▆▇█▉▊▋▍▎▏")
# (keys to press, what the screen is, the screen's class): the bundled race opens on its
# overview; `a` sets the quoted candidates side by side.
SCREENS = (
    (("down",), "overview", "OverviewScreen"),
    (("a",), "main", "ComparisonScreen"),
    (("a", "right", "right", "up"), "selected claim", "ComparisonScreen"),
    (("a", "right", "right", "up", "enter"), "trace", "ClaimDetailScreen"),
    (("question_mark",), "help", "HelpScreen"),
    (("a", "f"), "topics dialog", "TopicFilterScreen"),
    (("p",), "problems", "ProblemsScreen"),
    (("s", "down"), "screen-reader overview", "OverviewScreen"),
    (("a", "s", "right"), "screen-reader layout", "ComparisonScreen"),
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
            least = LINE_CONTRAST if set(text.strip()) <= LINE_GLYPHS else MIN_CONTRAST
            if ratio < least:
                found.append(f"line {y}: {text.strip()[:30]!r} {fg} on {bg} ({ratio:.1f}:1)")
    return found


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light", "textual-light", HIGH_CONTRAST.name])
@pytest.mark.parametrize("keys,what,screen", SCREENS, ids=[what for _, what, _ in SCREENS])
async def test_no_text_in_its_own_background(
    monkeypatch, theme, no_color, keys, what, screen
) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(["policies", "tests/bad/syntax_error.toml"])
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = theme
        await pilot.press(*keys)
        await pilot.pause()
        assert type(app.screen).__name__ == screen  # the keys reached the screen named
        assert unreadable(app) == [], f"{what} in {theme}"


async def test_the_check_catches_black_on_black(monkeypatch) -> None:
    """The regression itself: Textual's start-up filter choice with our ANSI theme."""
    from textual.app import App
    from textual.filter import Monochrome, NoColor

    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(QUOTED)
    async with app.run_test(size=(100, 30)) as pilot:
        textuals = [f for f in App.get_line_filters(app) if not isinstance(f, NoColor)]
        app.get_line_filters = lambda: [*textuals, Monochrome()]  # what Textual chose before
        app.screen.refresh()
        app.query_one("#title").refresh()
        await pilot.pause()
        for widget in app.screen.walk_children():
            widget._styles_cache.clear()
            widget.refresh()
        await pilot.pause()
        assert unreadable(app), "the check must fail on the old NO_COLOR rendering"


def _reversed_lines(app) -> set[str]:
    """The visible words of each line that has reversed text, as the terminal gets them."""
    found = set()
    for strip in app.screen._compositor.render_strips():
        text = "".join(s.text for s in strip if s.style and s.style.reverse).strip()
        if text:
            found.add(" ".join(text.split()))
    return found


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light"])
async def test_no_color_shows_the_highlighted_line_in_reverse(monkeypatch, theme) -> None:
    """NO_COLOR drops colour, not the cursor: the overview's highlighted candidate, the
    palette's highlighted command and the Topics dialog's row are drawn in reverse video, and
    the next line takes it after ↓."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = theme
        await pilot.press("down")
        await pilot.pause()
        assert any(line.startswith("[ ] Femy Amin") for line in _reversed_lines(app))
        await pilot.press("down")
        await pilot.pause()
        reversed_now = _reversed_lines(app)
        assert any(line.startswith("[ ] Count Binface") for line in reversed_now)
        assert not any("Femy Amin" in line for line in reversed_now)
        await pilot.press("a", "ctrl+p")
        await pilot.pause()
        assert "Hide Susan Mary Hall" in _reversed_lines(app)  # the palette opens on its first line
        await pilot.press("down")
        await pilot.pause()
        reversed_now = _reversed_lines(app)
        assert "Hide Sadiq Khan" in reversed_now and "Hide Susan Mary Hall" not in reversed_now
        await pilot.press("escape", "f")
        await pilot.pause()
        assert "[x] Officer numbers" in _reversed_lines(app)
        await pilot.press("down")
        await pilot.pause()
        assert "[x] Funding" in _reversed_lines(app)
        assert "[x] Officer numbers" not in _reversed_lines(app)


async def test_no_color_wins_over_a_remembered_theme(monkeypatch, tmp_path) -> None:
    """A theme remembered from a session with colour (textual-dark) sent 256-colour greys
    (38;5;253 on 48;5;233) under NO_COLOR=1: now the terminal's own colours, and the
    remembered theme is left as it was for the next session with colour."""
    folder = tmp_path / "config" / "hustings"
    folder.mkdir(parents=True)
    (folder / "theme").write_text("textual-dark\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(QUOTED)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        colours = {
            color.name
            for strip in app.screen._compositor.render_strips()
            for _, style, _ in strip
            if style is not None
            for color in (style.color, style.bgcolor)
            if color is not None and color.type != ColorType.DEFAULT
        }
        assert colours == set()
    assert (folder / "theme").read_text(encoding="utf-8") == "textual-dark\n"
