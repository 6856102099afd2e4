"""Snapshots of every screen and state a voter can reach, wide (120x40) and narrow (50x24),
and 80x24 where the footer matters.

Each test's docstring says what a reviewer should see in its SVG.
"""

from __future__ import annotations

import pytest

from hustings.app.app import HIGH_CONTRAST
from hustings.app.main import build_app

from .conftest import MARKUP_FILES, QUOTED

WIDE, MEDIUM, NARROW = (120, 40), (80, 24), (50, 24)
SIZES = pytest.mark.parametrize("size", [WIDE, NARROW], ids=["wide", "narrow"])
ALL_SIZES = pytest.mark.parametrize(
    "size", [WIDE, MEDIUM, NARROW], ids=["wide", "medium", "narrow"]
)
KHAN_1300 = ["right", "right", "up"]


# -- main screen ---------------------------------------------------------------------------


@ALL_SIZES
def test_main(snap_compare, app, size) -> None:
    """Hall, Khan, Labour side by side (alphabetical by surname, says so); each cell reads
    figure, sentence, flags, speaker in plain words; no bars; nothing selected and the line
    under the title says how to select. Footer: '? Help  q Quit' first, then what fits, no entry
    cut. Narrow: Hall alone with party, scope and race, '◀ 1 of 3 ▶'."""
    assert snap_compare(app, terminal_size=size)


@ALL_SIZES
def test_selected_claim(snap_compare, app, size) -> None:
    """Khan's ≈1,300 selected: the ▌ bar down its left edge, the 'Officer numbers' heading in
    view, and the line under the title says 'Sadiq Khan · Officer numbers'. Footer offers
    '< > Move' now (narrow: Khan's pane, '◀ 2 of 3 ▶'). At 80x24 the claim is taller than the
    view: its top wins over the heading, which the line under the title names. The condition's
    words hang under ◆ CONDITIONAL on every line."""
    assert snap_compare(app, press=KHAN_1300, terminal_size=size)


def test_phone_size(snap_compare, app) -> None:
    """40x20 (a phone over SSH): one candidate with party and race; text wraps, no sideways
    scrolling; footer '? Help  q Quit' first."""
    assert snap_compare(app, press=["down"], terminal_size=(40, 20))


def test_too_small(snap_compare, app) -> None:
    """20x10: only 'needs at least 40x15' and '(this is 20x10)', no broken layout."""
    assert snap_compare(app, terminal_size=(20, 10))


def test_narrow_switch_scrolls_the_selected_claim_into_view(snap_compare, app) -> None:
    """50x24, → → ↓ : Khan's funding claim ('not stated · 2024', savings, CONDITIONAL) with
    the ▌ bar, its 'Funding' heading above it, not left off screen."""
    assert snap_compare(app, press=["right", "right", "down"], terminal_size=NARROW)


def test_older_context_is_dated_and_flagged(snap_compare, app) -> None:
    """Khan's record row, the 2019-era 'only 1,300' selected: '1,300 · Dec 2019 or later' with
    '« OLDER CONTEXT (Dec 2019 or later)' first among its flags, so it never reads as the 2024
    pledge of ≈1,300."""
    assert snap_compare(app, press=[*KHAN_1300, *["down"] * 13], terminal_size=WIDE)


def test_trace_of_older_context(snap_compare, app) -> None:
    """Its trace: the date 'undated; its text places it in December 2019 or later', the note
    on how (the election and Johnson's July pledge), Ealing Times and its URL."""
    press = [*KHAN_1300, *["down"] * 13, "enter"]
    assert snap_compare(app, press=press, terminal_size=WIDE)


# -- the whole bundled race ----------------------------------------------------------------


@ALL_SIZES
def test_bundled_race_opens_on_everyone_standing(snap_compare, bundled_app, size) -> None:
    """The first screen of `hustings`: the overview of all 13 candidates and Labour's national
    policy, alphabetical by surname (Amin first), nobody picked or highlighted; each of the
    eleven the articles say nothing about reads 'The archived articles say nothing about
    them.'; the line under the title offers 'a: all quoted'; the title says '13 candidates,
    1 party policy'."""
    assert snap_compare(bundled_app, terminal_size=size)


def test_quoted_side_by_side_from_the_first_screen(snap_compare, bundled_app) -> None:
    """One key (a) from the first screen: Hall, Khan and Labour's pledge side by side,
    'showing 3 of 14 · 11 hidden'; Hall's officer cell ends '† our reading: ⏎ trace'."""
    assert snap_compare(bundled_app, press=["a"], terminal_size=WIDE)


def test_trace_shows_the_note_the_readings_and_each_field(snap_compare, app) -> None:
    """Trace of Hall's £200m, scrolled to its end: its note under 'Note (in our words)', 'Our
    reading of the scope: London.' with why and the words it rests on, and 'How each field
    stands' (speaker proven by “Hall”, kind not stated, scope our reading, summary proven by
    “Hall said”)."""
    assert snap_compare(app, press=["right", "down", "enter", "end"], terminal_size=WIDE)


# -- detail --------------------------------------------------------------------------------


@SIZES
def test_detail(snap_compare, app, size) -> None:
    """Trace of Khan's ≈1,300 · 2024: 'Sadiq Khan · Officer numbers' (no claim id), flags with
    details, ✓ “around 1,300” as the words that state the figure, why there is no share of the
    13,000 (its kinds are not stated), the verbatim quote, 'Sadiq Khan, London mayor, as
    reported' (the source's own label), the LDRS source with its URL and 'Date: 27 March
    2024', ✓ and the sentence; the ⊂ flag quotes 'would come from a pool of 13,000'."""
    assert snap_compare(app, press=[*KHAN_1300, "enter"], terminal_size=size)


def test_detail_of_derived_cost(snap_compare, app) -> None:
    """Trace of Labour's £360m · 2024: ✓ “£360m” states it; no cost per officer, because the
    article states neither the 13,000's kinds nor the £360m's period (said in those words)."""
    assert snap_compare(app, press=["left", "down", "enter"], terminal_size=WIDE)


@pytest.mark.parametrize(
    "file", ["quote_not_in_source", "missing_source_file"], ids=["unproven", "missing-source"]
)
def test_trace_of_an_unproven_quote(snap_compare, file) -> None:
    """Trace of a claim whose quote is not in its archive (unproven) or whose archive file is
    missing: '✗ QUOTE NOT FOUND IN SOURCE' among the flags, and under 'In the archived source'
    the bold ✗ line saying it is not proven and to press p for the problem."""
    app = build_app([f"tests/bad/{file}.toml"])
    assert snap_compare(app, press=["enter", "enter"], terminal_size=WIDE)


# -- help, topics, hidden, reordered, palette ---------------------------------------------


@SIZES
def test_help(snap_compare, app, size) -> None:
    """Help: every command from the registry with its keys and (id), c High contrast included;
    the flag legend with symbols; the fairness note; how to move keys in keys.toml."""
    assert snap_compare(app, press=["question_mark"], terminal_size=size)


@SIZES
def test_hidden_candidate(snap_compare, app, size) -> None:
    """Key 1 hides Hall: two panes (Khan, Labour); the title says 'showing 2 of 3 · hidden:
    Susan Mary Hall'. The ≠ flags are about what is shown: Officer numbers keep ≠ LONDON and
    ≠ NATIONWIDE; in Funding only Labour's £360m is stated, so no ≠ flag there."""
    assert snap_compare(app, press=["1"], terminal_size=size)


@SIZES
def test_the_last_pane_stays(snap_compare, app, size) -> None:
    """Key 1 three times: Hall's pane, then Khan's, hidden; the last (Labour's) stays, with the
    notice 'The last pane stays: show another candidate first (command palette).'; title
    'showing 1 of 3 · hidden: …'; footer still '? Help  q Quit' first."""
    assert snap_compare(app, press=["1", "1", "1"], terminal_size=size)


@SIZES
def test_topic_filter_dialog(snap_compare, app, size) -> None:
    """The topic dialog on a plain backdrop: five topics each marked '[x]', the footer
    'Space Tick  ⏎ Apply  Esc Cancel'."""
    assert snap_compare(app, press=["f"], terminal_size=size)


def test_topic_filter_refuses_none(snap_compare, app) -> None:
    """Every topic unticked ('[ ]' each) and Enter pressed: the dialog stays, with 'Tick at
    least one topic (Space), or press Esc to keep the ones shown.'"""
    keys = ["f", "space", *["down", "space"] * 4, "enter"]
    assert snap_compare(app, press=keys, terminal_size=WIDE)


@SIZES
def test_filtered_topic(snap_compare, app, size) -> None:
    """Officer numbers unticked: the first row is Funding; the title says 'topics: 4 of 5'."""
    assert snap_compare(app, press=["f", "space", "enter"], terminal_size=size)


def test_reordered(snap_compare, app) -> None:
    """Khan moved left of Hall with '<' (his ≈1,300 selected): the title says 'Your order
    (press o for alphabetical by surname)'; the footer offers 'o A-Z'."""
    assert snap_compare(app, press=[*KHAN_1300, "less_than_sign"], terminal_size=WIDE)


async def _open_palette(pilot) -> None:
    """Open the palette and wait (bounded) until its list has stopped changing."""
    from textual.command import CommandList

    await pilot.press("ctrl+p")
    previous = -1
    for _ in range(100):  # the palette gathers entries in a worker, in batches
        await pilot.pause(0.05)
        count = pilot.app.screen.query_one(CommandList).option_count
        if count and count == previous:
            break
        previous = count
    await pilot.pause()


@SIZES
def test_palette_open(snap_compare, app, size) -> None:
    """The command palette: 'Hide Susan Mary Hall', 'Hide Sadiq Khan', 'Hide Labour Party
    (national)', our commands by name (the screen-reader layout among them) and Theme; no
    'candidate 4…9', no 'Keys'."""
    assert snap_compare(app, run_before=_open_palette, terminal_size=size)


# -- problems and empty state -------------------------------------------------------------


@SIZES
def test_problems(snap_compare, app_with_problems, size) -> None:
    """Problems: each line exactly as `hustings check` prints it (syntax error with line and
    column, schema errors with field paths)."""
    assert snap_compare(app_with_problems, press=["p"], terminal_size=size)


def test_problems_with_none(snap_compare, app) -> None:
    """Problems with none: 'No problems: every file loaded, and every quote and figure was
    proven.'"""
    assert snap_compare(app, press=["p"], terminal_size=WIDE)


def test_main_with_problems_notice(snap_compare, app_with_problems) -> None:
    """The three policies still load; a line above the footer says '5 problems loading
    policies: press p to see them'."""
    assert snap_compare(app_with_problems, terminal_size=WIDE)


@SIZES
def test_empty_state(snap_compare, empty_app, size) -> None:
    """No policies: 'No policies loaded.' with what to do next; footer only usable keys."""
    assert snap_compare(empty_app, terminal_size=size)


# -- themes and literal text --------------------------------------------------------------


@SIZES
def test_high_contrast(snap_compare, app, size) -> None:
    """High contrast (key c): white on black, Khan's ≈1,300 selected with the ▌ bar; same
    layout as the default theme."""
    assert snap_compare(app, press=["c", *KHAN_1300], terminal_size=size)


@SIZES
def test_light_theme(snap_compare, app, size) -> None:
    """A light theme (textual-light, from the palette's Theme list): dark text on a light
    background, every line readable, Khan's ≈1,300 selected."""

    async def light(pilot) -> None:
        pilot.app.theme = "textual-light"
        await pilot.press(*KHAN_1300)

    assert snap_compare(app, run_before=light, terminal_size=size)


@pytest.mark.parametrize("size", [WIDE, MEDIUM], ids=["wide", "medium"])
def test_no_color(snap_compare, monkeypatch, size) -> None:
    """NO_COLOR=1: the terminal's own foreground and background, no colour at all; every
    character readable (was black on black); the selection still shows as the ▌ bar."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(build_app(QUOTED), press=KHAN_1300, terminal_size=size)


def test_no_color_high_contrast(snap_compare, monkeypatch) -> None:
    """NO_COLOR=1 with high contrast: grey levels only, white on black, readable."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(QUOTED)
    assert snap_compare(app, press=["c", *KHAN_1300], terminal_size=WIDE)
    assert app.theme == HIGH_CONTRAST.name


def test_policy_text_is_shown_literally(snap_compare) -> None:
    """Markup and escapes from a policy file print as text: '[bold red]Valid[/] Person',
    '[bold]500[/bold]' and '\\x1b[31mshe\\x1b[0m' are visible, nothing is bold or red."""
    assert snap_compare(build_app(list(MARKUP_FILES)), terminal_size=WIDE)


# -- the screen-reader layout (--screen-reader) -------------------------------------------


def test_screen_reader_layout(snap_compare) -> None:
    """120x40, Khan's ≈1,300 selected: one candidate at a time at full width, 'Candidate 2 of
    3' in words (arrows are silent or odd in speech),
    each claim led by one bold line naming who, the topic, the figure and the flags in words
    ('Sadiq Khan, Officer numbers. Figure: around 1,300, 2024. Flags: conditional; ...; linked to
    Labour's 13,000: “would come from a pool of 13,000 …”; London.'), then the
    sentences `hustings read` prints for it; the ▌ bar down the selected claim."""
    app = build_app(QUOTED, screen_reader=True)
    assert snap_compare(app, press=KHAN_1300, terminal_size=WIDE)


def test_screen_reader_overview(snap_compare) -> None:
    """Northfield's overview in the screen-reader layout: no column titles, and each
    candidate's line in words ('Cleo Ashdown · Lantern Party. Officer numbers: around 151,
    2024; flags: conditional; ...'), cut with an ellipsis at the edge; the first line
    highlighted; the line above says the keys in words ('Up and Down highlight, ..., A sets all
    quoted side by side')."""
    app = build_app(["tests/races"], screen_reader=True)
    assert snap_compare(app, press=["down", "down", "enter", "down"], terminal_size=WIDE)


def test_screen_reader_first_screen(snap_compare) -> None:
    """`hustings --screen-reader`: the bundled race's overview in words, nobody highlighted;
    each of the eleven the articles say nothing about is their name, ballot description and
    'The archived articles say nothing about them.', once; Hall, Khan and Labour's pledge say
    each topic in words."""
    assert snap_compare(build_app(screen_reader=True), terminal_size=WIDE)
