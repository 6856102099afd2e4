"""Pilot tests: what the keys and clicks do, asserted on the app's state and screen."""

from __future__ import annotations

import html
import io
import re

import pytest
from textual.command import CommandPalette
from textual.widgets import Static

from hustings.app.app import HIGH_CONTRAST
from hustings.app.main import build_app
from hustings.app.screens.comparison import ComparisonScreen
from hustings.app.screens.detail import ClaimDetailScreen, detail_title
from hustings.app.screens.help import HelpScreen
from hustings.app.screens.problems import ProblemsScreen
from hustings.app.screens.topics import TopicFilterScreen
from hustings.proof.load import load_paths

from ..conftest import BAD
from .conftest import MARKUP_FILES, QUOTED

WIDE = (120, 40)


def shown_policies(screen: ComparisonScreen) -> list[str]:
    """The candidates whose claims the body draws, left to right."""
    layout = screen.body.drawn if screen.body else None
    return [cell.policy_id for cell in layout.rows[0].cells] if layout and layout.rows else []


def drawn_claims(screen: ComparisonScreen) -> set[str]:
    layout = screen.body.drawn
    return {claim for row in layout.rows for cell in row.cells for claim in cell.claim_ids}


def focused_key(app) -> tuple[str, str | None] | None:
    screen = app.screen_stack[0]
    selection = screen.state.selection
    return None if selection is None else (selection.policy_id, selection.claim_id)


def screen_text(app) -> str:
    """What the terminal shows, as plain text (from the app's own SVG export)."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def footer_line(app) -> str:
    return [line for line in screen_text(app).splitlines() if line.strip()][-1]


def text_of(widget: Static) -> str:
    return str(widget.render())


async def test_panes_are_alphabetical_and_the_title_says_so(app) -> None:
    async with app.run_test(size=WIDE):
        screen = app.screen
        assert shown_policies(screen) == ["hall", "khan", "labour"]
        assert "Ordered alphabetically by surname" in text_of(screen.query_one("#title"))
        assert focused_key(app) is None  # no candidate picked out before the voter moves


async def test_number_keys_hide_the_pane_at_their_place_from_the_left(app) -> None:
    """1 hides the leftmost pane whoever stands there, 2 the next; the last pane stays; a hidden
    candidate comes back from the palette, in their place in the order."""
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("2")
        assert shown_policies(app.screen) == ["hall", "labour"]
        assert "hidden: Sadiq Khan" in text_of(app.screen.query_one("#title"))
        await pilot.pause()
        assert "1-2 Hide" in footer_line(app)  # as many numbers as panes shown
        await pilot.press("1")  # the leftmost pane, Hall's: the key counts what is on screen
        assert shown_policies(app.screen) == ["labour"]
        await pilot.press("1")  # the last pane stays, and the voter is told why
        assert shown_policies(app.screen) == ["labour"]
        assert app._notifications and "The last pane stays" in list(app._notifications)[-1].message
        await pilot.pause()
        assert "Hide" not in footer_line(app)
        await app.screen.show_candidate("khan")
        await app.screen.show_candidate("hall")
        await pilot.pause()
        assert shown_policies(app.screen) == ["hall", "khan", "labour"]


async def test_a_number_past_the_panes_says_how_many_there_are() -> None:
    app = build_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a", "4")  # three quoted side by side: no fourth pane
        assert shown_policies(app.screen) == ["hall", "khan", "labour"]
        messages = [n.message for n in app._notifications]
        assert messages == ["No pane 4: 3 are shown, 1 to 3 from the left."]


async def test_not_like_for_like_follows_who_is_shown(app) -> None:
    """Hall hidden, Labour's £360m is the only stated amount in Funding: no ≠ against it;
    Hall shown again, her £200m for London makes it ≠ NATIONAL once more."""

    def funding_flags(screen: ComparisonScreen, pid: str) -> list[str]:
        row = next(r for r in screen.comparison.rows if r.spec.key == "funding")
        at = [p.id for p in screen.comparison.policies].index(pid)
        return [flag.label for view in row.cells[at] for flag in view.flags]

    async with app.run_test(size=WIDE) as pilot:
        assert "NATIONAL" in funding_flags(app.screen, "labour")
        await pilot.press("1")
        assert "NATIONAL" not in funding_flags(app.screen, "labour")
        await app.screen.show_candidate("hall")
        assert "NATIONAL" in funding_flags(app.screen, "labour")


async def test_arrows_move_within_and_across_panes(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right")  # the first → selects the first candidate, never skips
        assert focused_key(app) == ("hall", "borough-policing")
        await pilot.press("right")
        assert focused_key(app) == ("khan", "officers-1300")
        await pilot.press("down")
        assert focused_key(app) == ("khan", "funded-nationally")
        await pilot.press("up")
        assert focused_key(app) == ("khan", "officers-1300")
        await pilot.press("right")
        assert focused_key(app) == ("labour", "officers-13000")
        await pilot.press("down")
        assert focused_key(app) == ("labour", "savings-360m")
        await pilot.press("left")
        assert focused_key(app) == ("khan", "funded-nationally")


async def test_the_first_left_selects_the_last_candidate(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("left")
        assert focused_key(app) == ("labour", "officers-13000")


async def test_enter_with_nothing_selected_selects_the_first_claim(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, ComparisonScreen)
        assert focused_key(app) == ("hall", "borough-policing")
        await pilot.press("enter")
        assert isinstance(app.screen, ClaimDetailScreen)


async def test_reorder_keys_act_only_on_a_visible_selection(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        assert "< >" not in footer_line(app)  # nothing selected: not offered
        await pilot.press("greater_than_sign", "less_than_sign")
        assert shown_policies(app.screen) == ["hall", "khan", "labour"]
        await pilot.press("right", "greater_than_sign")
        await pilot.pause()
        assert shown_policies(app.screen) == ["khan", "hall", "labour"]
        assert "< > Move" in footer_line(app)


async def test_page_keys_scroll_the_comparison_without_tab(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        body = app.screen.query_one("#body")
        await pilot.press("pagedown")
        assert body.scroll_y > 0
        await pilot.press("end")
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("pageup")
        assert 0 < body.scroll_y < body.max_scroll_y
        await pilot.press("home")
        assert body.scroll_y == 0
        await pilot.press("tab")
        assert app.focused is None  # nothing invisible takes the focus


async def test_the_selected_claims_topic_heading_stays_in_view(app) -> None:
    """Selecting a claim shows its row heading too, not the claim alone at the very top."""
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "right", "down")  # Khan's funding claim
        await pilot.pause()
        assert focused_key(app) == ("khan", "funded-nationally")
        assert "Funding" in [line.strip() for line in screen_text(app).splitlines()]
        await pilot.press(*["down"] * 7)  # deep in Khan's record row: the line above says where
        await pilot.pause()
        assert "Record and criticism · 6 of 15" in text_of(app.screen.query_one("#where"))


async def test_enter_traces_the_claim_to_its_source(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "right", "up", "enter")
        assert isinstance(app.screen, ClaimDetailScreen)
        detail = text_of(app.screen.query_one("#detail"))
        assert "he will put in place “around 1,300” additional neighbourhood police" in detail
        assert "Publisher: Waltham Forest Echo (a Local Democracy Reporting" in detail
        assert "URL: https://walthamforestecho.co.uk/2024/03/27/extra-cops" in detail
        assert "Date: 27 March 2024" in detail
        assert "✓ “around 1,300” states this figure" in detail
        assert "No share of the 13,000: the article does not say what kinds" in detail
        assert "The mayor, who is running for an historic third term at City Hall" in detail
        assert "PERIOD: THE ARTICLE DOES NOT SAY" in detail
        assert "officers-1300" not in detail and "(candidate)" not in detail  # no jargon
        await pilot.press("escape")
        assert isinstance(app.screen, ComparisonScreen)
        assert focused_key(app) == ("khan", "officers-1300")


async def test_only_a_figure_is_titled_trace_this_figure(app) -> None:
    """Khan's ≈1,300 is a figure; Hall's officers (no number stated) and Khan's condition are
    claims, and their trace says so."""
    views = {
        (view.policy_id, view.claim.id): view
        for row in app.comparison.rows
        for cell in row.cells
        for view in cell
    }
    assert detail_title(views["khan", "officers-1300"]) == "Trace this figure"
    hall_officers = next(v for (pid, _), v in views.items() if pid == "hall")
    assert hall_officers.headline == "not stated"
    assert detail_title(hall_officers) == "Trace this claim"
    assert views["khan", "labour-government"].headline is None
    assert detail_title(views["khan", "labour-government"]) == "Trace this claim"
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "enter")  # Hall's first claim
        assert text_of(app.screen.query_one("#title")) == "Trace this claim"


async def test_clicking_a_claim_opens_its_trace(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        body = app.screen.body
        region = body.claim_region("labour", "officers-13000")
        await pilot.click(body, offset=(region.x + 5, region.y + 1 - round(body.scroll_y)))
        assert isinstance(app.screen, ClaimDetailScreen)
        assert app.screen.view.claim.id == "officers-13000"


async def test_reorder_and_restore(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "right", "up", "less_than_sign")
        assert shown_policies(app.screen) == ["khan", "hall", "labour"]
        assert "Your order" in text_of(app.screen.query_one("#title"))
        assert focused_key(app) == ("khan", "officers-1300")  # focus follows the move
        await pilot.press("o")
        assert shown_policies(app.screen) == ["hall", "khan", "labour"]
        assert "Ordered alphabetically by surname" in text_of(app.screen.query_one("#title"))


async def test_topic_filter_removes_a_row(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f")
        assert app.screen.selected == ["officers", "funding", "conditions", "pledges", "record"]
        await pilot.press("space", "enter")
        labels = [row.label for row in app.screen.body.drawn.rows]
        assert labels == ["Funding", "Conditions and caveats", "Other pledges",
                          "Record and criticism"]  # fmt: skip
        shown = drawn_claims(app.screen)
        assert "officers-1300" not in shown and "invest-200m" in shown


async def test_unticking_every_topic_says_so_and_keeps_the_dialog_open(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f")
        assert "[x] Funding" in screen_text(app)  # ticks are marks, not colour alone
        await pilot.press("space", *["down", "space"] * 4)
        assert "[ ] Funding" in screen_text(app) and "[x]" not in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, TopicFilterScreen)
        assert "Tick at least one topic" in screen_text(app)
        await pilot.press("escape")
        assert len(app.screen.body.drawn.rows) == 5


async def test_narrow_screen_shows_one_candidate_with_party_scope_and_race(app) -> None:
    async with app.run_test(size=(50, 24)) as pilot:
        screen = app.screen
        assert screen.has_class("-narrow")
        assert shown_policies(screen) == ["hall"]
        assert "Conservative Party · London" in screen_text(app)
        assert "London mayoral election" in screen_text(app)
        await pilot.press("right", "right")
        assert shown_policies(screen) == ["khan"]
        assert "2 of 3" in text_of(screen.query_one("#where"))
        assert "Labour Party · London" in screen_text(app)
        await pilot.press("right", "right")  # wraps round to the first
        assert "1 of 3" in text_of(screen.query_one("#where"))


def find_topic(app, selection) -> str:
    from hustings.app.state import find_view

    return find_view(app.comparison, selection.policy_id, selection.claim_id)[2].claim.topic


async def test_every_topic_is_reachable_at_80x24(app) -> None:
    """Moving down through one pane reaches every row, and nothing scrolls sideways."""
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "right", "up")
        seen = set()
        for _ in range(20):
            view = app.screen.state.selection
            seen.add(find_topic(app, view))
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
        await pilot.press("right", "down", "1", "enter", "f")  # nothing to act on: no harm
        assert empty_app.is_running and isinstance(empty_app.screen, ComparisonScreen)
        footer = footer_line(empty_app)
        assert "Problems" in footer and "Help" in footer
        assert "Trace" not in footer and "Hide" not in footer


async def test_high_contrast_toggles(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c")
        assert app.theme == HIGH_CONTRAST.name
        await pilot.press("c")
        assert app.theme != HIGH_CONTRAST.name


async def test_contrast_twice_returns_to_the_theme_chosen_in_the_palette(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+p", *"theme", "enter")  # the palette's Theme: a theme picker
        await pilot.pause()
        await pilot.press(*"gruvbox", "enter")
        await pilot.pause()
        assert app.theme == "gruvbox"
        await pilot.press("c")
        assert app.theme == HIGH_CONTRAST.name
        await pilot.press("c")
        assert app.theme == "gruvbox"


def help_shown(app, width: int = 200) -> str:
    """The whole help document as plain text, laid out at `width` columns."""
    from rich.console import Console

    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(app.screen.query_one("#help").content)
    return console.export_text()


async def test_help_lists_every_command_that_can_act_in_this_app(app) -> None:
    """One race of three: no race picker, no overview, so no r, v or their Esc."""
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = help_shown(app)
        left_out = {"races", "overview", "step-back", "picker-help", "picker-quit",
                    "choose-race", "clear-filter", "compare-picked", "quoted", "pick",
                    "previous-row", "next-row"}  # fmt: skip
        for command in app.commands:
            assert (f"({command.id})" in text) == (command.id not in left_out), command.id
            if command.id not in left_out:
                assert command.description in " ".join(text.split()), command.id
        assert "High contrast" in text or "high contrast" in text
        await pilot.press("question_mark")  # ? again closes help
        assert isinstance(app.screen, ComparisonScreen)


async def palette_entries(app, pilot) -> list[str]:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    for _ in range(50):  # the palette gathers its entries in a worker: wait, bounded
        await pilot.pause(0.02)
        shown = screen_text(app)
        if "Hide Susan Mary Hall" in shown:
            break
    return shown


async def test_command_palette_lists_only_what_exists_and_escape_closes_it(app) -> None:
    async with app.run_test(size=WIDE) as pilot:
        shown = await palette_entries(app, pilot)
        for expected in ("Hide Susan Mary Hall", "Hide Sadiq Khan", "Choose which topics to show",
                         "List every problem", "Switch high contrast", "Theme"):  # fmt: skip
            assert expected in shown, expected
        assert "candidate 4" not in shown and "Keys" not in shown
        await pilot.press("escape")
        assert isinstance(app.screen, ComparisonScreen)


async def test_the_palette_hides_by_the_same_key_for_everyone_and_shows_the_hidden() -> None:
    """The bundled race, the quoted three side by side: each shown candidate's Hide names the key
    of their pane from the left (Khan and Labour, tenth and eleventh in the race, have keys 2 and
    3 like anyone in those places); each hidden one has Show."""
    app = build_app()
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("a", "ctrl+p")
        await pilot.pause()
        for name, expected in (
            ("Hide Susan", "Hide this candidate's pane (pane 1 from the left: key 1)"),
            ("Hide Khan", "Hide this candidate's pane (pane 2 from the left: key 2)"),
            ("Hide Labour", "Hide this candidate's pane (pane 3 from the left: key 3)"),
            ("Show Binface", "Show this candidate's pane again, in its place"),
        ):
            await pilot.press(*name)
            for _ in range(50):  # the palette searches in a worker: wait, bounded
                await pilot.pause(0.02)
                if expected in screen_text(app):
                    break
            assert expected in screen_text(app), name
            await pilot.press(*["backspace"] * len(name))
        assert "place 10" not in screen_text(app) and "no key" not in screen_text(app)
        await pilot.press(*"Show Count Binface", "enter")
        for _ in range(50):
            await pilot.pause(0.02)
            if isinstance(app.screen, ComparisonScreen) and len(shown_policies(app.screen)) == 4:
                break
        assert shown_policies(app.screen) == ["binface", "hall", "khan", "labour"]


async def test_a_markup_name_is_shown_literally_in_the_palette(tmp_path) -> None:
    """A name that is Rich markup neither styles nor breaks the palette."""
    import shutil

    shutil.copytree(BAD / "sources", tmp_path / "sources")
    text = (BAD / "rich_markup.toml").read_text(encoding="utf-8")
    name_line = next(line for line in text.splitlines() if line.startswith("name ="))
    evil = 'name = "[link=http://x]Evil[/link] [bold red]X[/]"'
    folder = tmp_path
    (folder / "evil.toml").write_text(text.replace(name_line, evil), encoding="utf-8")
    (folder / "other.toml").write_text(text.replace('id = "rich-markup"', 'id = "other"'),
                                       encoding="utf-8")  # fmt: skip  # Hide: not the last pane
    app = build_app([str(folder)])
    async with app.run_test(size=WIDE) as pilot:
        assert any(p.name.startswith("[link=") for p in app.comparison.policies)
        await pilot.press("ctrl+p")
        for _ in range(50):
            await pilot.pause(0.02)
            if "[link=http://x]Evil[/link]" in screen_text(app):
                break
        assert "Hide [link=http://x]Evil[/link] [bold red]X[/]" in screen_text(app)
        await pilot.press("H", "i", "d", "e")  # searching highlights without parsing either
        await pilot.pause(0.2)
        assert "[link=http://x]Evil[/link]" in screen_text(app)
        assert app.is_running


async def test_demo_mode_offers_no_screenshot_command() -> None:
    app = build_app(QUOTED, demo=True)
    async with app.run_test(size=WIDE) as pilot:
        shown = await palette_entries(app, pilot)
        assert "Screenshot" not in shown
        assert "Hide Susan Mary Hall" in shown


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
                       "Khan said he could only guarantee"):  # fmt: skip
            assert figure in shown, figure


async def test_switching_candidate_on_a_narrow_screen_shows_the_selected_claim(app) -> None:
    async with app.run_test(size=(50, 24)) as pilot:
        await pilot.press("down", "down", "right")
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


async def test_keys_toml_moves_help_and_the_footer_and_help_follow(tmp_path, monkeypatch):
    folder = tmp_path / "settings"
    (folder / "hustings").mkdir(parents=True)
    (folder / "hustings" / "keys.toml").write_text('help = "h"\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    app = build_app(QUOTED)
    async with app.run_test(size=WIDE) as pilot:
        assert footer_line(app).strip().startswith("h Help  q Quit")
        await pilot.press("question_mark")
        assert isinstance(app.screen, ComparisonScreen)  # ? is no longer help
        await pilot.press("h")
        assert isinstance(app.screen, HelpScreen)


async def test_keys_toml_moves_the_number_keys_each_to_its_place(tmp_path, monkeypatch):
    """Two keys for the panes' places: x and y hide the first two; 1 and 3 (default keys
    moved or beyond the voter's) do nothing, and the footer names the voter's keys."""
    folder = tmp_path / "settings"
    (folder / "hustings").mkdir(parents=True)
    (folder / "hustings" / "keys.toml").write_text('toggle-candidate = ["x", "y"]\n', "utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    app = build_app(QUOTED)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("1", "3")
        assert shown_policies(app.screen) == ["hall", "khan", "labour"]
        await pilot.press("y")
        assert shown_policies(app.screen) == ["hall", "labour"]
        await pilot.pause()
        assert "x-y Hide" in footer_line(app)
        await pilot.press("x")
        assert shown_policies(app.screen) == ["labour"]


async def test_the_chosen_theme_is_remembered_and_demo_writes_nothing(tmp_path, monkeypatch):
    folder = tmp_path / "settings"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    demo = build_app(demo=True)
    async with demo.run_test(size=WIDE) as pilot:
        await pilot.press("c")
        assert demo.theme == HIGH_CONTRAST.name
    assert not folder.exists()  # the public demo never writes a file
    app = build_app(QUOTED)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c")
    assert (folder / "hustings" / "theme").read_text().strip() == HIGH_CONTRAST.name
    again = build_app(QUOTED)
    async with again.run_test(size=WIDE):
        assert again.theme == HIGH_CONTRAST.name


async def test_the_footer_keeps_help_and_quit_first_at_every_width() -> None:
    for width in (120, 80, 50, 40):
        fresh = build_app(QUOTED)
        async with fresh.run_test(size=(width, 24)):
            footer = footer_line(fresh).strip()
            assert footer.startswith("? Help  q Quit"), (width, footer)
            assert len(footer) <= width - 1  # never cut mid-entry, never past the edge


async def test_below_the_minimum_size_one_line_says_so() -> None:
    app = build_app(QUOTED)
    async with app.run_test(size=(20, 10)):
        shown = [line.strip() for line in screen_text(app).splitlines() if line.strip()]
        assert "needs at least 40x15" in shown  # one line says it all, unwrapped
        assert "Sadiq Khan" not in screen_text(app)


async def test_a_screenshot_without_a_downloads_folder_goes_here_and_says_where(
    app, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no Downloads folder in it
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    async with app.run_test(size=WIDE) as pilot:
        app.deliver_screenshot()
        await pilot.pause()
        (saved,) = here.glob("*.svg")
        (said,) = [n.message for n in app._notifications]
        assert said == f"Screenshot saved to {saved} (there is no {tmp_path}/home/Downloads folder)"


async def test_a_screenshot_that_cannot_be_written_says_why_and_where(app, tmp_path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        app.deliver_screenshot(path=str(tmp_path / "gone"))
        await pilot.pause()
        (said,) = [n.message for n in app._notifications]
        assert (
            said
            == f"Screenshot not saved: cannot write in {tmp_path}/gone (No such file or directory)"
        )


def _hung_lines(lines: list[str]) -> list[str]:
    """The lines after the ◆ CONDITIONAL flag, up to the next flag or the attribution."""
    start = next(i for i, line in enumerate(lines) if line.lstrip("│ ").startswith("◆"))
    after = []
    for line in lines[start + 1 :]:
        if line.strip()[:1] in set("✗«◆≠+?⊂⊃=—"):
            break
        after.append(line)
    return after


@pytest.mark.parametrize("size", [WIDE, (80, 24)], ids=["wide", "80x24"])
async def test_a_conditions_words_hang_under_its_flag_on_every_line(app, size) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        body = app.screen.body
        khan = next(c for c in body.drawn.rows[0].cells if c.policy_id == "khan")
        hung = _hung_lines([text.plain for text in khan.lines])
        assert len(hung) >= 2 and all(line.startswith("  ") for line in hung), hung


async def test_a_candidate_the_articles_never_mention_has_one_sentence_not_empty_rows() -> None:
    """Side by side with Hall, Femy Amin's column is the one sentence the overview and `read`
    give ('The archived articles say nothing about them.'), not five rows of 'The archived
    articles give no funding.' and the like; selected, the line under the title says so, and
    Enter says there is nothing to trace instead of doing nothing."""
    from hustings.compare.comparison import NOTHING_SAID, ROWS

    app = build_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("down", "space", *["down"] * 8, "space", "enter")  # Amin and Hall
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ComparisonScreen) and shown_policies(screen) == ["amin", "hall"]
        layout = screen.body.drawn
        amin = [cell for row in layout.rows for cell in row.cells if cell.policy_id == "amin"]
        said = [" ".join(line.plain for line in cell.lines) for cell in amin]
        assert said[0] == NOTHING_SAID and not any(said[1:])
        drawn = screen_text(app)
        assert all(spec.empty not in drawn for spec in ROWS if spec.key != "officers")
        await pilot.press("right")  # Amin, who has no claim to select
        await pilot.pause()
        where = text_of(screen.query_one("#where"))
        assert where == "Femy Amin · the archived articles say nothing about them"
        assert "Trace" in footer_line(app)  # Hall has claims to trace
        await pilot.press("enter")
        assert [n.message for n in app._notifications] == [
            "Nothing to trace: Femy Amin · the archived articles say nothing about them."
        ]


async def test_with_no_claim_shown_enter_says_why_and_the_footer_offers_no_trace() -> None:
    """Four the articles never mention side by side: one sentence each, one row, no ⏎ Trace."""
    app = build_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("down", "space", "down", "space", "enter")  # Amin and Binface
        await pilot.pause()
        assert isinstance(app.screen, ComparisonScreen)
        assert len(app.screen.body.drawn.rows) == 1
        assert "Trace" not in footer_line(app)
        await pilot.press("enter")
        assert [n.message for n in app._notifications] == [
            "Nothing to trace: no one shown has a claim in the topics shown."
        ]
