"""Races in the app: the picker (type to filter, ⏎ opens, r returns), a 13-candidate race's
overview (one line per candidate), and picking who to set side by side."""

from __future__ import annotations

import re
import shutil

import pytest
from textual import events

from hustings.app.main import build_app
from hustings.app.screens.comparison import ComparisonScreen
from hustings.app.screens.overview import MARK_WIDTH, OverviewScreen, cell_words, table_layout
from hustings.app.screens.races import RacePickerScreen
from hustings.app.state import MAX_SIDE_BY_SIDE
from hustings.compare.comparison import NOTHING_SAID

from ..conftest import POLICIES
from .conftest import QUOTED

RACES = "tests/races"
WIDE, MEDIUM = (120, 40), (80, 24)
# Northfield is the second race by name; then pick the 1st, 4th and 6th lines of its overview.
OPEN_NORTHFIELD = ["down", "down", "enter"]
PICK_THREE = ["down", "space", "down", "down", "down", "space", "down", "down", "space"]
NORTHFIELD_SURNAMES = ("Ashdown", "Brackenholt", "Cindermoor", "Dunhollow", "Elmsworthy",
                       "Fallowmere", "Greystead", "Larkspurr", "Marrowby", "Nettlecombe",
                       "Quillfeather", "Rookwhistle", "Thistlewick")  # fmt: skip


# -- snapshots ------------------------------------------------------------------------------


def test_race_picker(snap_compare) -> None:
    """The picker at 120x40: title 'Choose a race · 4 races, by name', an empty filter box,
    the four fictional races alphabetically (Eastford, Northfield, Southbrook, Westham), each
    with its id and candidate count; nothing highlighted. Footer: f1 Help, ^q Quit, ⏎ Open."""
    assert snap_compare(build_app([RACES]), terminal_size=WIDE)


def test_race_picker_filtered(snap_compare) -> None:
    """Typing 'south' leaves Southbrook alone, with '1 of 4 races match' above it."""
    assert snap_compare(build_app([RACES]), press=list("south"), terminal_size=WIDE)


@pytest.mark.parametrize("size", [WIDE, MEDIUM], ids=["wide", "medium"])
def test_thirteen_candidate_overview(snap_compare, size) -> None:
    """Northfield's 13 fictional candidates and 3 party policies, one line each, every name
    on screen, alphabetically by surname (Ashdown first, Thistlewick last), each party's
    national policy under its candidate marked ↳; columns Officers, Funding, Conditions,
    Pledges, Record (whole at 120 columns): figure, year (wide only) and flag symbols; every box
    [ ], nobody highlighted. Legend of symbols above the footer."""
    assert snap_compare(build_app([RACES]), press=OPEN_NORTHFIELD, terminal_size=size)


def test_three_picked_side_by_side(snap_compare) -> None:
    """Cleo Ashdown, Hana Cindermoor and Lore Elmsworthy in three equal panes (the order of the
    overview), title '... showing 3 of 16 · 13 hidden'; footer offers r Races and v Overview.
    All three figures are Northfield's, so no ≠ NORTHFIELD (the hidden national policies do
    not count); ≠ NEW INVESTMENT and ≠ SAVINGS tell their funding apart."""
    presses = [*OPEN_NORTHFIELD, *PICK_THREE, "enter"]
    assert snap_compare(build_app([RACES]), press=presses, terminal_size=WIDE)


# -- behaviour ------------------------------------------------------------------------------


async def test_one_election_of_four_or_fewer_opens_on_its_panes_as_before() -> None:
    app = build_app(QUOTED)
    async with app.run_test(size=WIDE):
        assert isinstance(app.screen, ComparisonScreen)
        assert not app.has_several_races


async def test_the_bundled_race_opens_on_everyone_and_a_sets_the_quoted_side_by_side() -> None:
    """13 candidates and a party policy: the first screen is the overview of all of them, in
    the published order, nobody picked or highlighted; `a` sets side by side everyone the
    archived articles quote (Hall, Khan, Labour's pledge), by that rule alone."""
    app = build_app()
    async with app.run_test(size=WIDE) as pilot:
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        assert [p.name.split()[-1] for p in app.comparison.policies][:3] == [
            "Amin", "Binface", "Blackie"
        ]  # fmt: skip
        assert overview.picked == [] and overview.table.cursor is None
        assert "13 candidates, 1 party policy" in str(overview.query_one("#title").render())
        await pilot.press("a")
        assert isinstance(app.screen, ComparisonScreen)
        assert app.screen.state.visible == ("hall", "khan", "labour")


async def test_in_the_bundled_race_esc_goes_back_to_the_overview_and_says_why_no_further():
    """One race: from the panes Esc is back to the overview; on the overview there is no race
    picker below, and Esc says so rather than doing nothing silently. Help lists `a` under the
    overview's heading."""
    from .test_behaviour import help_shown

    app = build_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a", "escape")
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert [n.message for n in app._notifications] == [
            "Only one race is loaded: there is no race picker to go back to."
        ]
        await pilot.press("question_mark")
        text = help_shown(app)
        overview = text[text.index("In a race's overview") : text.index("On a trace")]
        assert "(quoted)" in overview and "(quoted)" not in text.replace(overview, "")


async def test_a_with_more_quoted_than_fit_side_by_side_says_so_and_opens_nothing() -> None:
    """Northfield: the articles quote all 16; `a` does not choose 4 of them (nor draw 16
    panes a few letters wide), it says how many and how to pick."""
    app = build_app([RACES])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*OPEN_NORTHFIELD, "a")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen) and app.screen.picked == []
        assert [n.message for n in app._notifications] == [
            "The archived articles quote 16 in this race, more than 4 side by side: pick up to "
            "4 (Space)."
        ]


async def test_in_words_a_candidate_the_articles_say_nothing_about_has_the_one_sentence():
    """The screen-reader layout's overview, like the table: one sentence for each of the
    eleven, not a sentence per topic eleven times over; the quoted say every topic."""
    app = build_app(screen_reader=True)
    async with app.run_test(size=WIDE):
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        width = overview.table.scrollable_content_region.width
        lines = [overview._row(i, width).plain for i in range(len(app.comparison.policies))]
        silent = [
            line for line, p in zip(lines, app.comparison.policies, strict=True) if p.nothing_said
        ]
        assert len(silent) == 11
        for line in silent:
            assert line.startswith("[ ] ") and line.endswith(". " + NOTHING_SAID), line
        khan = lines[[p.id for p in app.comparison.policies].index("khan")]
        assert "Officer numbers: around 1,300, 2024" in khan and NOTHING_SAID not in khan


def drawn_rows(table) -> list[list[str]]:
    """Each row of a wrapped LineList as its lines are drawn at the table's width."""
    layout = table._layout()
    assert layout is not None
    return [[line.plain for line in lines] for lines in layout[0]]


@pytest.mark.parametrize("size", [WIDE, MEDIUM], ids=["wide", "medium"])
async def test_in_words_every_line_of_the_overview_is_whole(size) -> None:
    """A screen reader reads the line the cursor is on: the overview's lines in words wrap
    (under their words, past '[ ] ') and are never cut with '…' (at 80 columns every one
    was, 'The arch…')."""
    app = build_app(screen_reader=True)
    async with app.run_test(size=size):
        table = app.screen.table
        width = table.scrollable_content_region.width
        for number, lines in enumerate(drawn_rows(table)):
            said = table.row_text(number, width).plain
            assert " ".join(line.strip() for line in lines) == said
            assert all(len(line) <= width for line in lines)
            assert all(line.startswith("    ") for line in lines[1:])


@pytest.mark.parametrize("columns", [40, 45, 52, 66, 80, 97, 120])
async def test_at_every_width_the_overview_shows_each_figure_whole(columns) -> None:
    """A phone (about 45 columns) showed '≈1,30…' and '13,00…', and 80 columns '4,557 +1…'
    for '4,557 +14': each figure, its count of more and its flag symbols are whole, in columns
    where they fit, else each candidate's topics stacked under their name."""
    app = build_app()
    async with app.run_test(size=(columns, 30)):
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        table = overview.table
        width = table.scrollable_content_region.width
        rows = drawn_rows(table)
        for number, policy in enumerate(app.comparison.policies):
            shown = "\n".join(rows[number])
            assert all(len(line) <= width for line in rows[number])
            for row in app.comparison.rows:
                cells = row.cells[number]
                words = {cell_words(cells, with_year=False), cell_words(cells)}
                if not policy.nothing_said:
                    assert any(w in shown for w in words), (columns, words, shown)
            assert not re.search(r"[\d£≈+]…", shown), shown


async def test_typing_filters_by_name_or_id_and_enter_opens_the_only_match() -> None:
    app = build_app([RACES])
    async with app.run_test(size=WIDE) as pilot:
        picker = app.screen
        assert isinstance(picker, RacePickerScreen)
        await pilot.press(*"parl.west")
        assert [race.election for race in picker.shown] == ["parl.westham.2024-07-04"]
        await pilot.press("escape")
        assert len(picker.shown) == 4
        await pilot.press(*"WESTHAM", "enter")
        assert isinstance(app.screen, ComparisonScreen)  # 4 policies: the panes fit
        assert app.comparison.election == "parl.westham.2024-07-04"
        assert len(app.comparison.policies) == 4


async def test_no_match_says_so_and_enter_opens_nothing() -> None:
    app = build_app([RACES])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*"atlantis", "enter")
        assert isinstance(app.screen, RacePickerScreen)
        assert app.screen.shown == []


async def test_r_returns_to_the_picker_from_the_panes_and_the_overview() -> None:
    app = build_app([RACES])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*OPEN_NORTHFIELD)
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press(*PICK_THREE, "enter")
        assert isinstance(app.screen, ComparisonScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RacePickerScreen)
        await pilot.press("up", "enter")  # the picker kept Northfield highlighted: Eastford
        assert app.comparison.election == "parl.eastford.2024-07-04"
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RacePickerScreen)


async def test_the_overview_lists_everyone_by_surname_and_nobody_is_picked() -> None:
    app = build_app([RACES])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*OPEN_NORTHFIELD)
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        assert overview.picked == [] and overview.table.cursor is None
        names = [p.policy.who.name for p in overview.comparison.policies]
        surnames = [n.split()[-1] for n in names if "(national)" not in n]
        assert tuple(surnames) == NORTHFIELD_SURNAMES
        lines = [overview.table.render_line(y).text for y in range(overview.table.size.height)]
        shown = "\n".join(lines)
        assert all(surname in shown for surname in NORTHFIELD_SURNAMES)
        assert shown.count("[ ]") == 16 and "[x]" not in shown


async def test_picking_sets_the_picked_side_by_side_in_the_published_order() -> None:
    app = build_app([RACES])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*OPEN_NORTHFIELD, *PICK_THREE)
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        assert len(overview.picked) == 3
        await pilot.press("space")  # unpick the last one
        assert len(overview.picked) == 2
        await pilot.press("space", "enter")
        screen = app.screen
        assert isinstance(screen, ComparisonScreen)
        names = [p.name for p in screen.comparison.policies if p.id in screen.state.visible]
        assert names == ["Cleo Ashdown", "Hana Cindermoor", "Lore Elmsworthy"]
        await pilot.press("v")
        await pilot.pause()
        assert app.screen is overview and len(overview.picked) == 3  # the picks are kept


async def test_back_in_the_overview_the_picks_are_who_was_side_by_side() -> None:
    """Picks made before `a` do not linger under the quoted three: back from the panes, [x]
    marks who was in them, after any hidden there; Enter sets them side by side again."""
    app = build_app()
    async with app.run_test(size=WIDE) as pilot:
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        await pilot.press("down", "space", "down", "space")  # Amin and Binface
        assert overview.picked == ["amin", "binface"]
        await pilot.press("a", "v")
        await pilot.pause()
        assert app.screen is overview and overview.picked == ["hall", "khan", "labour"]
        assert "Picked 3 of 4" in str(overview.query_one("#where").render())
        await pilot.press("enter", "2", "escape")  # Khan hidden in the panes
        await pilot.pause()
        assert app.screen is overview and overview.picked == ["hall", "labour"]


async def test_no_more_than_four_are_picked() -> None:
    app = build_app([RACES])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*OPEN_NORTHFIELD)
        for _ in range(MAX_SIDE_BY_SIDE + 1):
            await pilot.press("down", "space")
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        assert len(overview.picked) == MAX_SIDE_BY_SIDE


def burst(app, *keys: str) -> None:
    """Keys as a paste or a slow SSH link delivers them: all at once, none waited for."""
    for key in keys:
        char = {"space": " "}.get(key, key if len(key) == 1 else None)
        event = events.Key(key, char)
        event.set_sender(app)
        app.post_message(event)  # as the driver passes them on: queued, in order


async def settled(pilot, done) -> None:
    for _ in range(100):  # bounded: a second at most
        await pilot.pause(0.01)
        if done():
            return


async def test_keys_arriving_together_act_in_the_order_typed() -> None:
    """'west⏎' in one read opens Westham, not the race highlighted before the filter saw
    'west'; in the overview ↓ Space ↓ picks the first line and leaves the second highlighted."""
    app = build_app([RACES])
    async with app.run_test(size=WIDE) as pilot:
        burst(app, "down", "w", "e", "s", "t", "enter")
        await settled(pilot, lambda: not isinstance(app.screen, RacePickerScreen))
        assert app.race_name.startswith("Westham")
        await pilot.press("r", "escape", *OPEN_NORTHFIELD)
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        burst(app, "down", "space", "down")
        await settled(pilot, lambda: overview.table.cursor == 1)
        assert overview.picked == [overview.comparison.policies[0].id]
        assert overview.table.cursor == 1


async def test_page_keys_move_the_highlight_so_enter_acts_on_a_line_in_sight() -> None:
    app = build_app([RACES])
    async with app.run_test(size=MEDIUM) as pilot:
        await pilot.press("pagedown")  # four races: a page down reaches the last
        assert app.screen.race_list.cursor == 3  # type: ignore[attr-defined]
        await pilot.press("pageup", "down", "enter")
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        table = overview.table
        await pilot.press("end")
        assert table.cursor == len(overview.comparison.policies) - 1
        top = round(table.scroll_y)
        assert top <= table.cursor < top + table.scrollable_content_region.height - 1
        await pilot.press("home")
        assert table.cursor == 0 and round(table.scroll_y) == 0
        await pilot.press("pagedown")
        assert table.cursor == table.scrollable_content_region.height - 2


async def test_a_race_named_at_length_leaves_the_candidates_in_sight(tmp_path) -> None:
    """A 3,000-character race name (check passes it) filled the overview at 80x24."""
    folder = tmp_path / "races"
    shutil.copytree(RACES, folder)
    for path in folder.glob("northfield-*.toml"):
        text = path.read_text("utf-8")
        path.write_text(re.sub(r'(?m)^race = ".*"$', f'race = "{"R" * 3000}"', text), "utf-8")
    app = build_app([str(folder)])
    async with app.run_test(size=MEDIUM) as pilot:
        await pilot.press(*OPEN_NORTHFIELD)
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        assert overview.query_one("#title").size.height <= 4
        assert overview.table.size.height >= 12
        await pilot.press("down", "enter")  # the panes' headers are cut, not the panes
        assert isinstance(app.screen, ComparisonScreen)
        headers = app.screen.query(".policy-header")
        assert headers and all(header.size.height <= 6 for header in headers)


async def test_escape_goes_back_a_step_from_the_panes_and_the_overview() -> None:
    app = build_app([RACES])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*OPEN_NORTHFIELD, "down", "enter")
        assert isinstance(app.screen, ComparisonScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, RacePickerScreen)


async def test_enter_with_no_race_matching_says_how_to_clear_the_filter() -> None:
    app = build_app([RACES])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*"zzz", "enter")
        assert isinstance(app.screen, RacePickerScreen)
        assert [n.message for n in app._notifications] == [
            "No race matches: Esc clears the filter."
        ]


@pytest.mark.parametrize("size", [WIDE, (97, 30), MEDIUM], ids=["wide", "97", "medium"])
async def test_a_topic_column_gives_every_candidate_a_year_or_none(size) -> None:
    """Equal treatment: where a year fits beside some figures of a topic and not others (at 97
    columns, "£22m 2024 ≠" fits its 11 and "£13m 2024 ?≠" does not), none has it. And every
    column is as wide as its heading: a column of dashes only (Record, in Northfield) was laid
    out one cell wide, its heading cut to "…"."""
    app = build_app([RACES])
    async with app.run_test(size=size) as pilot:
        await pilot.press(*OPEN_NORTHFIELD)
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        width = overview.table.scrollable_content_region.width
        layout = table_layout(overview.comparison.rows, width)
        assert layout is not None
        for row, topic_width in zip(overview.comparison.rows, layout.topics, strict=True):
            assert topic_width >= len(row.spec.heading), row.spec.heading
        assert "Record" in overview._header(width).plain
        lines = [overview._row(i, width).plain for i in range(len(overview.comparison.policies))]
        start = MARK_WIDTH + layout.name
        for topic_width in layout.topics:
            start += layout.gap
            cells = [line[start : start + topic_width] for line in lines]
            start += topic_width
            with_year = {"2024" in cell for cell in cells if cell.strip() != "—"}
            assert len(with_year) <= 1, cells


async def test_escape_from_panes_opened_straight_goes_back_to_the_picker() -> None:
    """Westham's two candidates open on their panes (no overview): Esc is the way back."""
    app = build_app([RACES])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*"westham", "enter")
        assert isinstance(app.screen, ComparisonScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, RacePickerScreen)


async def test_hidden_candidates_named_at_length_leave_the_panes_in_sight(tmp_path) -> None:
    """A hidden candidate's name of 300 characters took ten lines of the title at 80x24."""
    folder = tmp_path / "policies"
    shutil.copytree(POLICIES, folder)
    hall = folder / "hall.toml"
    hall.write_text(
        hall.read_text("utf-8").replace('name = "Susan Mary Hall"', f'name = "{"Hall" * 75}"'),
        "utf-8",
    )
    app = build_app([str(folder / name) for name in ("hall.toml", "khan.toml", "labour.toml")])
    async with app.run_test(size=MEDIUM) as pilot:
        await pilot.press("1")
        title = app.screen.query_one("#title")
        assert "hidden: HallHall" in title.render().plain  # type: ignore[union-attr]
        assert title.size.height <= 3


async def test_help_groups_each_screens_keys_under_its_heading_and_wraps_under_its_column():
    """With races: Esc and ⏎ once per screen, each under that screen's heading; at 60 columns
    a long description wraps under its own column, never back under the keys."""
    from .test_behaviour import help_shown

    app = build_app([RACES])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f1")
        sections: dict[str, list[str]] = {}
        heading = ""
        for line in help_shown(app).splitlines():
            if line.strip() == "Flags and marks":
                break
            if line[:1].strip():
                heading = line.strip()
            elif line[2:3].strip() and heading != "Keys":  # a key, not a wrapped description
                sections.setdefault(heading, []).append(line.split()[0])
        assert list(sections) == [
            "On every screen but the race picker and the Topics dialog",
            "In the comparison (the candidates side by side)",
            "In a race's overview (one line per candidate)",
            "On a trace, help or problems page",
            "In the race picker (letters type into its filter)",
            "In the Topics dialog",
        ]
        assert "Esc" not in sections.pop(
            "On every screen but the race picker and the Topics dialog"
        )
        for heading, keys in sections.items():
            assert keys.count("Esc") == 1 and keys.count("⏎") <= 1, heading
        narrow = help_shown(app, 60).splitlines()
        start = next(i for i, line in enumerate(narrow) if "Back a step:" in line)
        column = narrow[start].index("Back a step:")
        end = next(i for i, line in enumerate(narrow) if "(step-back)" in line)
        assert end > start  # it wrapped
        for line in narrow[start + 1 : end + 1]:
            assert line[:column].strip() == "" and line[column] != " ", line


async def test_r_and_v_with_one_race_say_why_they_do_nothing(app) -> None:
    """One race of three candidates: no picker to go back to, no overview; the footer leaves
    r and v out, and pressing them says so instead of doing nothing silently."""
    async with app.run_test(size=WIDE) as pilot:
        footer = app.screen.query_one("#keys").render().plain
        assert "Races" not in footer and "Overview" not in footer
        await pilot.press("r", "v")
        await pilot.pause()
        assert isinstance(app.screen, ComparisonScreen)
        assert [n.message for n in app._notifications] == [
            "Only one race is loaded: there is no other race to choose.",
            "No overview here: every candidate of this race is in the panes.",
        ]


async def test_every_footer_starts_as_the_readme_says() -> None:
    from ..conftest import ROOT

    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "`? Help q Quit` (in the race picker," in readme and "`f1 Help ^q Quit`" in readme
    assert "Topics dialog's footer shows its own three keys (Space ticks, ⏎ applies" in readme

    def footer() -> str:
        return " ".join(app.screen.query_one("#keys").render().plain.split())

    app = build_app([RACES])
    async with app.run_test(size=WIDE) as pilot:
        assert isinstance(app.screen, RacePickerScreen)
        assert footer().startswith("f1 Help ^q Quit")
        for keys, screen in (
            (OPEN_NORTHFIELD, OverviewScreen),
            (["down", "enter"], ComparisonScreen),
        ):
            await pilot.press(*keys)
            assert isinstance(app.screen, screen) and footer().startswith("? Help q Quit")
        await pilot.press("question_mark")
        assert footer().startswith("? Help q Quit")
        await pilot.press("escape", "f")
        assert footer() == "Space Tick ⏎ Apply Esc Cancel"
