"""Navigation as pure functions over the Comparison: no app, no widgets, milliseconds."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hustings.app import state as nav
from hustings.app.state import MAX_SIDE_BY_SIDE, Change, ScreenState, Selection, change_between
from hustings.compare.comparison import compare
from hustings.proof.load import load_paths

from .conftest import QUOTED


@pytest.fixture(scope="module")
def comparison():
    return compare(load_paths(QUOTED))


@pytest.fixture
def start(comparison) -> ScreenState:
    return ScreenState.initial(comparison)


def test_nothing_is_selected_at_first(start) -> None:
    assert start.selection is None
    assert start.in_view == "hall"  # a one-pane screen shows the first, alphabetically


def test_first_right_selects_the_first_candidate_and_first_left_the_last(comparison, start):
    first = nav.select_candidate(comparison, start, 1).selection
    assert first == Selection("hall", "borough-policing")
    assert nav.select_candidate(comparison, start, -1).selection == Selection(
        "labour", "officers-13000"
    )


def test_across_keeps_the_topic_row_or_the_nearest_below(comparison, start) -> None:
    khan_condition = nav.select(start, Selection("khan", "labour-government"))
    left = nav.select_candidate(comparison, khan_condition, -1)
    assert left.selection == Selection("hall", "stop-at-nothing")  # Hall states no condition
    right = nav.select_candidate(comparison, khan_condition, 1)
    assert right.selection == Selection("labour", "economy-first")
    assert nav.select_candidate(comparison, right, 1).selection.policy_id == "hall"  # wraps


def test_up_and_down_stay_in_the_column_and_stop_at_its_ends(comparison, start) -> None:
    top = nav.select(start, Selection("khan", "officers-1300"))
    assert nav.select_claim(comparison, top, -1) == top
    claims = nav.column(comparison, start, "khan")
    state = top
    for _ in range(len(claims) + 3):
        state = nav.select_claim(comparison, state, 1)
    assert state.selection == Selection("khan", claims[-1])


def test_enter_with_nothing_selected_selects_the_first_claim(comparison, start) -> None:
    assert nav.select_first(comparison, start).selection == Selection("hall", "borough-policing")


def test_hiding_the_selected_candidate_clears_the_selection(comparison, start) -> None:
    selected = nav.select(start, Selection("hall", "invest-200m"))
    hidden = nav.hide_pane(comparison, selected, 1)
    assert hidden.visible == ("khan", "labour") and hidden.selection is None
    assert nav.hide_pane(comparison, start, 4) == start  # no fourth pane


def test_a_number_is_a_place_among_the_panes_shown(comparison, start) -> None:
    """Key 1 hides whoever is leftmost: after Hall is hidden, Khan."""
    once = nav.hide_pane(comparison, start, 1)
    assert nav.hide_pane(comparison, once, 1).visible == ("labour",)
    assert nav.hide_pane(comparison, once, 2).visible == ("khan",)


def test_the_last_pane_stays(comparison, start) -> None:
    one = nav.hide_candidate(comparison, nav.hide_candidate(comparison, start, "hall"), "khan")
    assert one.visible == ("labour",)
    assert nav.hide_pane(comparison, one, 1) == one
    assert nav.hide_candidate(comparison, one, "labour") == one


def test_a_hidden_candidate_is_shown_again_in_their_place(comparison, start) -> None:
    hidden = nav.hide_candidate(comparison, start, "khan")
    assert nav.show_candidate(comparison, hidden, "khan").visible == ("hall", "khan", "labour")
    assert nav.show_candidate(comparison, start, "khan") == start  # already shown


def test_no_more_panes_than_fit_side_by_side() -> None:
    """The bundled race: four shown, a fifth is refused (keys 1-4 then reach every pane)."""
    whole = compare(load_paths(["policies"]))
    state = ScreenState.initial(whole)
    four = frozenset(state.order[:MAX_SIDE_BY_SIDE])
    state = replace(state, hidden=frozenset(state.order) - four)
    assert not nav.room_for_another(state)
    assert nav.show_candidate(whole, state, state.order[-1]) == state


def test_move_needs_a_selection_and_steps_over_hidden_candidates(comparison, start) -> None:
    assert nav.move_candidate(start, 1) == start
    labour = nav.select(nav.hide_pane(comparison, start, 2), Selection("labour", None))
    moved = nav.move_candidate(labour, -1)
    assert moved.order == ("labour", "hall", "khan")  # past hidden Khan, so the move shows
    assert nav.move_candidate(moved, -1) == moved  # already first
    assert nav.restore_order(moved).order == ("hall", "khan", "labour")


def test_filtering_topics_keeps_the_nearest_claim_and_refuses_none(comparison, start) -> None:
    selected = nav.select(start, Selection("khan", "officers-1300"))
    topics = frozenset({"funding", "record"})
    filtered = nav.with_topics(comparison, selected, topics)
    assert filtered.selection == Selection("khan", "funded-nationally")
    assert nav.with_topics(comparison, selected, frozenset()) == selected


def test_one_place_decides_between_moving_the_bar_and_rebuilding(comparison, start) -> None:
    moved = nav.select_candidate(comparison, start, 1)
    assert change_between(start, moved) is Change.SELECTION
    assert change_between(moved, nav.hide_pane(comparison, moved, 2)) is Change.REBUILD
    assert change_between(moved, nav.move_candidate(moved, 1)) is Change.REBUILD
    assert change_between(moved, moved) is Change.NOTHING
