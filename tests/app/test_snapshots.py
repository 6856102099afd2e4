"""Snapshots of every screen and state a voter can reach, wide (120x40) and narrow (50x24).

Each test's docstring says what a reviewer should see in its SVG.
"""

from __future__ import annotations

import pytest

from tui.app.main import build_app

from .conftest import MARKUP_FILES

WIDE, MEDIUM, NARROW = (120, 40), (80, 24), (50, 24)
SIZES = pytest.mark.parametrize("size", [WIDE, NARROW], ids=["wide", "narrow"])


# -- main screen ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", [WIDE, MEDIUM, NARROW], ids=["wide", "medium", "narrow"])
def test_main(snap_compare, app, size) -> None:
    """Wide and medium: Hall, Khan, Labour side by side (alphabetical by surname, says so),
    ≈1,300 and 13,000 with their bars and flags, £200m and £360m below; no card highlighted.
    Narrow: one candidate (Hall) with the ◀ ▶ switcher, Hall's row says 'nothing in the
    archived sources' for officer numbers."""
    assert snap_compare(app, terminal_size=size)


def test_narrow_switch_to_next_candidate(snap_compare, app) -> None:
    """50x24 after → : the switcher says 'Sadiq Khan (2 of 3)' and Khan's ≈1,300 card is
    highlighted, with CONDITIONAL and its condition readable."""
    assert snap_compare(app, press=["right"], terminal_size=NARROW)


def test_phone_size(snap_compare, app) -> None:
    """40x20 (a phone over SSH): still one candidate with the switcher; text wraps, no
    horizontal scrolling."""
    assert snap_compare(app, press=["down"], terminal_size=(40, 20))


@SIZES
def test_focused_claim(snap_compare, app, size) -> None:
    """After →: Khan's ≈1,300 card has the focus bar on its left edge (narrow: Khan's pane
    with the switcher saying 2 of 3)."""
    assert snap_compare(app, press=["right"], terminal_size=size)


# -- detail --------------------------------------------------------------------------------


@SIZES
def test_detail(snap_compare, app, size) -> None:
    """Trace of Khan's ≈1,300: flags with details, 'about 10% of 13,000' with its working,
    the verbatim quote, the LDRS source (URL: not stated), ✓ and the sentence around it."""
    assert snap_compare(app, press=["right", "enter"], terminal_size=size)


def test_detail_of_derived_cost(snap_compare, app) -> None:
    """Trace of Labour's £360m: '£27,692 per officer, if all of it went on them' with its
    working and the caveat that the period is not stated."""
    assert snap_compare(app, press=["right", "right", "down", "enter"], terminal_size=WIDE)


# -- help, topics, hidden, reordered ------------------------------------------------------


@SIZES
def test_help(snap_compare, app, size) -> None:
    """Help: the keys from the bindings, the flag legend with symbols, and the fairness note."""
    assert snap_compare(app, press=["question_mark"], terminal_size=size)


@SIZES
def test_hidden_candidate(snap_compare, app, size) -> None:
    """Key 1 hides Hall: two panes (Khan, Labour); the title says 'showing 2 of 3 · hidden:
    Susan Hall'."""
    assert snap_compare(app, press=["1"], terminal_size=size)


@SIZES
def test_topic_filter_dialog(snap_compare, app, size) -> None:
    """The topic dialog, centred on a plain backdrop, all five topics ticked."""
    assert snap_compare(app, press=["f"], terminal_size=size)


@SIZES
def test_filtered_topic(snap_compare, app, size) -> None:
    """Officer numbers unticked: the first row is Funding; the title says 'topics: 4 of 5'."""
    assert snap_compare(app, press=["f", "space", "enter"], terminal_size=size)


def test_reordered(snap_compare, app) -> None:
    """Khan moved left of Hall with '<' (his funding card focused): the title says 'Your order
    (press o for alphabetical by surname)'."""
    assert snap_compare(app, press=["down", "right", "less_than_sign"], terminal_size=WIDE)


# -- problems and empty state -------------------------------------------------------------


@SIZES
def test_problems(snap_compare, app_with_problems, size) -> None:
    """Problems: each line exactly as `hustings check` prints it (syntax error with line and
    column, schema errors with field paths)."""
    assert snap_compare(app_with_problems, press=["p"], terminal_size=size)


def test_main_with_problems_notice(snap_compare, app_with_problems) -> None:
    """The three policies still load; a line above the footer says '5 problems loading
    policies: press p to see them'."""
    assert snap_compare(app_with_problems, terminal_size=WIDE)


@SIZES
def test_empty_state(snap_compare, empty_app, size) -> None:
    """No policies: 'No policies loaded.' with what to do next, and 'press p' for why."""
    assert snap_compare(empty_app, terminal_size=size)


# -- themes and literal text --------------------------------------------------------------


@SIZES
def test_high_contrast(snap_compare, app, size) -> None:
    """High contrast (key c): black and white; Khan's ≈1,300 selected with a yellow ▌ bar
    down its left edge; same layout as the default theme."""
    assert snap_compare(app, press=["c", "right"], terminal_size=size)


def test_narrow_switch_scrolls_the_selected_claim_into_view(snap_compare, app) -> None:
    """50x24, ↓ then →: Hall's £200m, then Khan's funding claim ('not stated', CONDITIONAL)
    at the top of the view with the ▌ bar, not left off screen."""
    assert snap_compare(app, press=["down", "right"], terminal_size=NARROW)


def test_policy_text_is_shown_literally(snap_compare) -> None:
    """Markup and escapes from a policy file print as text: '[bold red]Valid[/] Person',
    '[bold]500[/bold]' and '\\x1b[31mshe\\x1b[0m' are visible, nothing is bold or red."""
    assert snap_compare(build_app(list(MARKUP_FILES)), terminal_size=WIDE)
