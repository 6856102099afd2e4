"""Pilot tests: what the keys and clicks do, asserted on the app's state and widgets."""

from __future__ import annotations

import html
import re

from textual.widgets import SelectionList, Static

from tui.app.app import HIGH_CONTRAST
from tui.app.main import build_app
from tui.app.screens.comparison import ComparisonScreen
from tui.app.screens.detail import ClaimDetailScreen
from tui.app.screens.problems import ProblemsScreen
from tui.app.widgets.claim_cell import ClaimCell
from tui.load import load_paths

from .conftest import MARKUP_FILES

WIDE = (120, 40)


def shown_policies(screen: ComparisonScreen) -> list[str]:
    return list(dict.fromkeys(cell.policy_id for cell in screen.query(ClaimCell)))


def focused_key(app) -> tuple[str, str] | None:
    return app.screen.selected if isinstance(app.screen, ComparisonScreen) else None


def screen_text(app) -> str:
    """What the terminal shows, as plain text (from the app's own SVG export)."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def text_of(widget: Static) -> str:
    return str(widget.render())


async def test_panes_are_alphabetical_and_the_title_says_so(app) -> None:
    async with app.run_test(size=WIDE):
        screen = app.screen
        assert shown_policies(screen) == ["hall", "khan", "labour"]
        assert "Ordered alphabetically by surname" in text_of(screen.query_one("#title"))
        assert focused_key(app) is None  # no candidate picked out before the voter moves


async def test_number_keys_hide_and_show_candidates(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("1")
        assert shown_policies(app.screen) == ["khan", "labour"]
        assert "hidden: Susan Hall" in text_of(app.screen.query_one("#title"))
        await pilot.press("3")
        assert shown_policies(app.screen) == ["khan"]
        await pilot.press("1", "3")
        assert shown_policies(app.screen) == ["hall", "khan", "labour"]
        await pilot.pause()
        assert "Show/hide" in screen_text(app)  # the rebuilt footer still shows the keys
        await pilot.press("9")  # no ninth candidate: nothing changes
        assert shown_policies(app.screen) == ["hall", "khan", "labour"]


async def test_arrows_move_within_and_across_panes(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right")
        assert focused_key(app) == ("khan", "officers-1300")
        await pilot.press("right")
        assert focused_key(app) == ("labour", "officers-13000")
        await pilot.press("down")
        assert focused_key(app) == ("labour", "savings-360m")
        await pilot.press("left")
        assert focused_key(app) == ("khan", "funded-nationally")
        await pilot.press("up")
        assert focused_key(app) == ("khan", "officers-1300")


async def test_enter_traces_the_claim_to_its_source(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "enter")
        assert isinstance(app.screen, ClaimDetailScreen)
        detail = text_of(app.screen.query_one("#detail"))
        assert "he will put in place “around 1,300” additional neighbourhood police" in detail
        assert "Publisher: Waltham Forest Echo (Local Democracy Reporting Service)" in detail
        assert "URL: not stated" in detail
        assert "The mayor, who is running for an historic third term at City Hall" in detail
        assert "PERIOD: THE ARTICLE DOES NOT SAY" in detail
        await pilot.press("escape")
        assert isinstance(app.screen, ComparisonScreen)
        assert focused_key(app) == ("khan", "officers-1300")


async def test_clicking_a_claim_opens_its_trace(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        cells = [c for c in app.screen.query(ClaimCell) if c.policy_id == "labour"]
        await pilot.click(cells[0], offset=(5, 1))
        assert isinstance(app.screen, ClaimDetailScreen)
        assert app.screen.view.claim.id == "officers-13000"


async def test_reorder_and_restore(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "less_than_sign")
        assert shown_policies(app.screen) == ["khan", "hall", "labour"]
        assert "Your order" in text_of(app.screen.query_one("#title"))
        assert focused_key(app) == ("khan", "officers-1300")  # focus follows the move
        await pilot.press("o")
        assert shown_policies(app.screen) == ["hall", "khan", "labour"]
        assert "Ordered alphabetically by surname" in text_of(app.screen.query_one("#title"))


async def test_topic_filter_removes_a_row(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f")
        assert app.screen.query_one(SelectionList).selected == [
            "officers", "funding", "conditions", "pledges", "record"
        ]  # fmt: skip
        await pilot.press("space", "enter")
        labels = [text_of(w) for w in app.screen.query(".row-label")]
        assert labels == ["Funding", "Conditions and caveats", "Other pledges",
                          "Record and criticism"]  # fmt: skip
        shown = {v.claim.id for c in app.screen.query(ClaimCell) for v in c.views}
        assert "officers-1300" not in shown and "invest-200m" in shown


async def test_unticking_every_topic_keeps_the_current_ones(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f", "space", *["down", "space"] * 4, "enter")
        assert len(app.screen.query(".row-label")) == 5


async def test_narrow_screen_shows_one_candidate_with_a_switcher(app) -> None:
    async with app.run_test(size=(50, 24)) as pilot:
        screen = app.screen
        assert screen.has_class("-narrow")
        visible = [c.policy_id for c in screen.query(ClaimCell) if c.display]
        assert set(visible) == {"hall"}
        await pilot.press("right")
        visible = [c.policy_id for c in screen.query(ClaimCell) if c.display]
        assert set(visible) == {"khan"}
        assert "Sadiq Khan (2 of 3)" in text_of(screen.query_one("#switcher"))
        await pilot.press("right", "right")  # wraps round to the first
        assert "Susan Hall (1 of 3)" in text_of(screen.query_one("#switcher"))


async def test_every_topic_is_reachable_at_80x24(app) -> None:
    """Moving down through one pane reaches every row, and nothing scrolls sideways."""
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")
        seen = set()
        for _ in range(20):
            seen.add(app.screen.selected_view.claim.topic)
            await pilot.press("down")
        assert seen == {"officers", "funding", "condition", "record", "criticism"}
        body = app.screen.query_one("#body")
        assert body.max_scroll_x == 0


async def test_problems_view_lists_each_line_as_check_prints_it(app_with_problems) -> None:
    app = app_with_problems
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, ProblemsScreen)
        shown = text_of(app.screen.query_one("#problem-lines")).splitlines()
        paths = ["policies", "tests/bad/syntax_error.toml", "tests/bad/wrong_types.toml"]
        expected = [str(problem) for problem in load_paths(paths).problems]
        assert shown == expected and len(shown) == 5


async def test_empty_state_explains_what_to_do(empty_app) -> None:
    async with empty_app.run_test(size=WIDE) as pilot:
        text = text_of(empty_app.screen.query_one("#empty-state"))
        assert "No policies loaded." in text and "press p" in text
        await pilot.press("right", "down", "1", "enter")  # nothing to act on: nothing breaks
        assert empty_app.is_running
        footer = [line for line in screen_text(empty_app).splitlines() if line.strip()][-1]
        assert "Problems" in footer and "Help" in footer
        assert "Trace" not in footer and "Show/hide" not in footer


async def test_high_contrast_toggles(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c")
        assert app.theme == HIGH_CONTRAST.name
        await pilot.press("c")
        assert app.theme != HIGH_CONTRAST.name


async def test_help_lists_every_visible_binding(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        text = text_of(app.screen.query_one("#help"))
        for binding in ComparisonScreen.BINDINGS:
            if binding.show:
                assert binding.description in text


async def test_command_palette_offers_the_apps_commands(app) -> None:
    async with app.run_test(size=WIDE):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for expected in ("Hide Susan Hall", "Filter topics", "Problems", "Help",
                         "High contrast", "Screenshot"):  # fmt: skip
            assert expected in titles


async def test_demo_mode_offers_no_screenshot_command() -> None:
    app = build_app(demo=True)
    async with app.run_test(size=WIDE):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles
        assert "Hide Susan Hall" in titles


async def test_markup_in_policy_text_is_shown_literally() -> None:
    app = build_app(list(MARKUP_FILES))
    async with app.run_test(size=WIDE):
        rendered = screen_text(app)
        assert "[bold]500[/bold]" in rendered
        assert "\\x1b[31mshe" in rendered
        assert "\x1b" not in rendered


async def test_first_screen_at_120x40_shows_the_four_headline_figures(app) -> None:
    async with app.run_test(size=WIDE):
        shown = screen_text(app)
        for figure in ("≈1,300", "13,000", "£200m", "£360m", "CONDITIONAL",
                       "Only if Labour also wins the next"):  # fmt: skip
            assert figure in shown, figure


async def test_switching_candidate_on_a_narrow_screen_shows_the_selected_claim(app) -> None:
    async with app.run_test(size=(50, 24)) as pilot:
        await pilot.press("down", "right")
        await pilot.pause()
        assert focused_key(app) == ("khan", "funded-nationally")
        assert "Yvette Cooper said the officers" in screen_text(app)


async def test_q_quits_from_the_main_screen(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "q")
        await pilot.pause()
        assert not app.is_running


async def test_demo_mode_refuses_screenshots_and_suspend() -> None:
    app = build_app(demo=True)
    async with app.run_test(size=WIDE) as pilot:
        assert app.save_screenshot() == ""
        app.action_suspend_process()
        app.open_url("https://example.invalid")
        await pilot.pause()
        assert app.is_running
        assert len(app._notifications) == 3
