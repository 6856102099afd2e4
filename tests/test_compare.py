"""Flags and derived figures are computed from the data, the same way for every policy."""

from __future__ import annotations

import shutil

import pytest

from hustings.compare.comparison import ClaimView, Comparison, as_shown, compare
from hustings.proof.load import load_paths

from .conftest import POLICIES


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    return compare(load_paths())


def view(comparison: Comparison, policy_id: str, claim_id: str) -> ClaimView:
    for item in comparison.views():
        if item.policy_id == policy_id and item.claim.id == claim_id:
            return item
    raise AssertionError(f"{policy_id}:{claim_id} not found")


def labels(item: ClaimView) -> list[str]:
    return [flag.label for flag in item.flags]


def test_order_is_alphabetical_by_surname_and_says_so(comparison: Comparison) -> None:
    assert [p.id for p in comparison.policies] == [
        "amin", "binface", "blackie", "campbell", "cox", "gallagher", "garbett", "ghulati",
        "hall", "khan", "labour", "michli", "rose", "scanlon",
    ]  # fmt: skip
    assert comparison.order_note == "Ordered alphabetically by surname"


def test_rows_are_the_compared_topics(comparison: Comparison) -> None:
    assert [row.spec.label for row in comparison.rows] == [
        "Officer numbers",
        "Funding",
        "Conditions and caveats",
        "Other pledges",
        "Record and criticism",
    ]


POOL = "“would come from a pool of 13,000 extra officers nationwide”"


def test_khan_1300_carries_every_caveat(comparison: Comparison) -> None:
    khan = view(comparison, "khan", "officers-1300")
    assert khan.headline == "≈1,300"
    assert khan.when.short == "2024"
    assert khan.figure_words == "around 1,300"
    assert labels(khan) == [
        "CONDITIONAL",
        "INCLUDES PCSOs AND SPECIAL CONSTABLES",
        "PERIOD: THE ARTICLE DOES NOT SAY",
        f"LABOUR'S 13,000: {POOL}",
        "LONDON",
    ]
    conditional = khan.flags[0]
    assert conditional.detail.startswith("Khan said he could only guarantee a restoration")
    # The kinds flag says what the source counts, and no fact the articles do not state.
    assert khan.flags[1].detail == (
        "the source counts PCSOs and special constables in this figure: it is not a count of "
        "police officers alone"
    )
    # Against Labour's 13,000, the only figure of another scope beside it, by name.
    assert khan.flags[-1].detail.startswith(
        "this figure is London; in this row, Labour's 13,000 is nationwide"
    )


def test_labour_13000_is_national_and_contains_khans(comparison: Comparison) -> None:
    labour = view(comparison, "labour", "officers-13000")
    assert labour.headline == "13,000"
    assert "NATIONWIDE" in labels(labour)
    # Worded as the source links them ("would come from a pool of"), not as "includes".
    assert f"KHAN'S ≈1,300: {POOL}" in labels(labour)
    assert not any("INCLUDES" in label for label in labels(labour))
    assert "KINDS: THE ARTICLE DOES NOT SAY" in labels(labour)


def test_a_figure_that_is_not_stated_is_never_flagged_as_not_like_for_like(
    comparison: Comparison,
) -> None:
    """Hall's officer figure does not exist: no ≠ warns against comparing it."""
    hall = view(comparison, "hall", "borough-policing")
    assert hall.headline == "not stated"
    assert not [flag for flag in hall.flags if flag.code == "scope"]


def test_money_flags_are_symmetric(comparison: Comparison) -> None:
    hall = view(comparison, "hall", "invest-200m")
    labour = view(comparison, "labour", "savings-360m")
    assert (hall.headline, labour.headline) == ("£200m", "£360m")
    unsaid = "WHERE THE MONEY COMES FROM: THE ARTICLE DOES NOT SAY"
    assert unsaid in labels(hall)
    assert unsaid not in labels(labour)
    for item in (hall, labour):  # the same rules for both: period, scope, kind
        assert "PERIOD: THE ARTICLE DOES NOT SAY" in labels(item)
    assert "LONDON" in labels(hall)  # the article does not say what kind of money £200m is
    # Of the two stated amounts only Labour's has a kind: nothing to set it against.
    assert "NATIONAL" in labels(labour)
    assert "SAVINGS" not in labels(labour)


def test_no_cost_per_officer_when_kinds_and_period_are_not_stated(comparison: Comparison) -> None:
    """£360m pays for the 13,000, but neither their kinds nor the money's period is stated."""
    labour = view(comparison, "labour", "savings-360m")
    assert labour.derived == ()
    (why,) = labour.not_derived
    assert why == (
        "No cost per officer: the article does not say what kinds of officer the 13,000 are, "
        "nor over what period the £360m would be spent."
    )


def test_cost_per_head_when_the_source_states_kinds_and_period(policy_copy) -> None:
    """The same rule, satisfied: the working names the kinds and the period."""
    labour = policy_copy / "labour.toml"
    text = labour.read_text("utf-8").replace(
        'number = 13000\nkinds = "not stated"', 'number = 13000\nkinds = ["PCSOs"]'
    )
    text = text.replace(
        'scope = "national"\nperiod = "not stated"', 'scope = "national"\nperiod = "2025-26"'
    )
    labour.write_text(text, "utf-8")
    result = compare(load_paths([policy_copy]))
    (derived,) = view(result, "labour", "savings-360m").derived
    assert derived.label == "£27,692 per head (PCSOs), if all of it went on them"
    assert "£360m ÷ 13,000 PCSOs = £27,692 each, over 2025-26." in derived.working
    assert "Our arithmetic, not anyone's claim." in derived.working


def test_no_share_across_kinds_not_stated(comparison: Comparison) -> None:
    khan = view(comparison, "khan", "officers-1300")
    assert khan.derived == ()
    assert khan.not_derived == (  # Khan's kinds are stated; Labour's 13,000's are not
        "No share of the 13,000: the article does not say what kinds of officer the 13,000 "
        "counts, so the two may not count the same people.",
    )


def test_shortfalls_are_derived(comparison: Comparison) -> None:
    """Only an outcome against a target the source calls one ("tasked with"), in neutral
    words; Khan's 2019 request for 2,000 is not a target, so no gap is worked out from it."""
    (gap,) = view(comparison, "khan", "met-recruited").derived
    assert gap.label == "1,089 below the target of 4,557"
    assert view(comparison, "khan", "allocated-under-1400").derived == ()


def test_khan_alone_has_no_part_of_target_but_keeps_the_flag(policy_copy) -> None:
    """Loading Khan without Labour: the overlap is still flagged, never silently dropped, and
    the reference to a policy that is not loaded is a problem, not silence."""
    (policy_copy / "labour.toml").unlink()
    alone = compare(load_paths([policy_copy]))
    khan = view(alone, "khan", "officers-1300")
    assert "labour:officers-13000 (NOT LOADED)" in labels(khan)
    assert khan.derived == ()
    (problem,) = [p for p in alone.problems if p.code == "bad-reference"]
    assert 'part_of refers to policy "labour", which is not loaded' in str(problem)


def test_unproven_quote_is_flagged_in_the_comparison(policy_copy) -> None:
    path = policy_copy / "hall.toml"
    path.write_text(path.read_text("utf-8").replace("£200m into", "£300m into"), "utf-8")
    result = compare(load_paths([policy_copy]))
    hall = view(result, "hall", "invest-200m")
    assert labels(hall)[:2] == ["QUOTE NOT FOUND IN SOURCE", "FIGURE NOT PROVEN FROM SOURCE"]
    assert not hall.proven
    assert len(result.problems) == 2  # the quote, and the £200m it no longer states


def test_row_flags_belong_to_their_own_policy_even_when_claim_ids_repeat(tmp_path) -> None:
    """Two files may use the same claim id: each keeps the scope flag of its own figure."""
    from .conftest import BAD

    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "article.txt").write_bytes(
        (BAD / "sources" / "article.txt").read_bytes()
    )
    valid = (BAD / "_valid.toml.txt").read_text("utf-8")
    (tmp_path / "a.toml").write_text(valid, "utf-8")
    national = valid.replace('id = "valid"', 'id = "other"').replace('"London"', '"national"')
    (tmp_path / "b.toml").write_text(national, "utf-8")
    result = compare(load_paths([tmp_path]))
    assert "LONDON" in labels(view(result, "valid", "hire-500"))
    assert "NATIONAL" in labels(view(result, "other", "hire-500"))


def test_not_like_for_like_is_said_of_what_is_shown_side_by_side(comparison: Comparison) -> None:
    """Hall and Khan alone: their officer figures are both London, so no scope flag; Khan's
    is still part of Labour's 13,000 (a fact about the claim, kept when Labour is hidden)."""
    both = as_shown(comparison, {"hall", "khan"})
    assert labels(view(both, "khan", "officers-1300")) == [
        "CONDITIONAL",
        "INCLUDES PCSOs AND SPECIAL CONSTABLES",
        "PERIOD: THE ARTICLE DOES NOT SAY",
        f"LABOUR'S 13,000: {POOL}",
    ]
    # Funding: Khan's funding states no amount, so nothing is flagged against it, and Hall's
    # £200m has no other stated amount beside it.
    assert "NATIONAL" not in labels(view(both, "khan", "funded-nationally"))
    assert "LONDON" not in labels(view(both, "hall", "invest-200m"))
    # Labour shown again: the flags are those of the whole row, in the same order.
    again = as_shown(comparison, {"khan", "labour"})
    assert labels(view(again, "khan", "officers-1300")) == labels(
        view(comparison, "khan", "officers-1300")
    )
    assert as_shown(comparison, {p.id for p in comparison.policies}) is comparison


def test_of_two_files_with_one_policy_id_only_the_first_is_compared(tmp_path) -> None:
    """A copied template keeps its id: the second file is reported, not mixed into the first's
    column (the overview picked, named and showed the first for the second)."""
    folder = tmp_path / "policies"
    shutil.copytree(POLICIES, folder)
    copy = (folder / "khan.toml").read_text("utf-8").replace('name = "Sadiq Khan"', 'name = "K2"')
    (folder / "zz-copy.toml").write_text(copy, "utf-8")
    policy_set = load_paths([folder])
    assert any('policy id "khan" is also used by' in str(p) for p in policy_set.problems)
    compared = compare(policy_set)
    assert "khan" in [p.id for p in compared.policies]
    assert "K2" not in [p.name for p in compared.policies]
