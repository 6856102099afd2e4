"""Proof of every figure, date and relation: each tampering a fact-checker tried makes `check`
exit 1 naming the claim and saying what the source says.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hustings.proof.figures import read_figures
from hustings.proof.provenance import Archive, ArchiveFormatError

from .conftest import POLICIES


def tamper(folder: Path, name: str, old: str, new: str) -> None:
    """Replace exactly one occurrence of `old` in policies/<name>."""
    path = folder / name
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
    path.write_text(text.replace(old, new), "utf-8")


def failing_check(cli, folder: Path) -> str:
    result = cli("check", str(folder))
    assert result.code == 1, result.out
    assert "Traceback" not in result.out + result.err
    return result.out


# -- figures -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "value", "money"),
    [
        ("1,300", 1300, False),
        ("1300", 1300, False),
        ("13,000", 13000, False),
        ("£200m", 200_000_000, True),
        ("£200 million", 200_000_000, True),
        ("£1.2bn", 1_200_000_000, True),
        ("£1.5 billion", 1_500_000_000, True),
        ("£360m", 360_000_000, True),
        ("two thousand", 2000, False),
        ("thirteen hundred", 1300, False),
        ("four hundred and fifty", 450, False),
        ("twenty-five thousand", 25000, False),
        ("300 million pounds", 300_000_000, True),
    ],
)
def test_number_forms_are_read(form: str, value: int, money: bool) -> None:
    (figure,) = read_figures(f"They said {form} would come.")
    assert (figure.value, figure.money, figure.words) == (value, money, form)


@pytest.mark.parametrize(
    ("text", "hedge", "qualifier"),
    [
        ("“around 1,300” more", "around", None),
        ("about 1,300", "about", None),
        ("approximately 1,300", "approximately", None),
        ("roughly 1,300", "roughly", None),
        ("some 1,300", "some", None),
        ("nearly 1,300", "nearly", None),
        ("almost 1,300", "almost", None),
        ("fewer than 1,300", None, "fewer than"),
        ("more than 1,300", None, "more than"),
        ("up to 1,300", None, "up to"),
        ("at least 1,300", None, "at least"),
        ("over 1,300", None, "over"),
        ("under 1,300", None, "under"),
        ("only 1,300", None, None),
        ("handsome 1,300", None, None),  # "some" inside a word is not a hedge
    ],
)
def test_hedges_and_qualifiers_are_read_with_the_figure(
    text: str, hedge: str | None, qualifier: str | None
) -> None:
    (figure,) = read_figures(text)
    assert (figure.value, figure.hedge, figure.qualifier) == (1300, hedge, qualifier)


def test_decimals_and_versions_are_not_counts() -> None:
    assert read_figures("3.5 stars, version 2.0, 5m away") == []


def test_ordinals_and_times_are_not_counts() -> None:
    """A number run into letters is a date, a time or an ordinal: "2nd May" states no 2."""
    assert read_figures("on 2nd May at 10am, the 13,000th recruit") == []


def test_each_figure_says_where_its_words_are() -> None:
    text = "They want “around 1,300” officers and £200m."
    first, second = read_figures(text)
    assert text[first.start : first.end] == "around 1,300"
    assert text[second.start : second.end] == "£200m"


def test_changed_officer_number_fails_naming_what_the_source_says(cli, policy_copy) -> None:
    tamper(
        policy_copy,
        "khan.toml",
        "number = 1300\napproximate = true",
        "number = 9300\napproximate = true",
    )
    out = failing_check(cli, policy_copy)
    assert (
        'officers.number 9,300 is not stated in the quote; the source\'s words say "around 1,300"'
    ) in out


def test_changed_money_amount_fails(cli, policy_copy) -> None:
    tamper(policy_copy, "hall.toml", "amount = 200000000", "amount = 900000000")
    out = failing_check(cli, policy_copy)
    assert "money.amount £900m is not stated in the quote" in out
    assert '"£200m"' in out


def test_dropping_around_fails(cli, policy_copy) -> None:
    tamper(policy_copy, "khan.toml", "number = 1300\napproximate = true\n", "number = 1300\n")
    out = failing_check(cli, policy_copy)
    assert (
        'officers.approximate is false but the source says "around 1,300": set approximate = true'
    ) in out


def test_dropping_fewer_than_fails(cli, policy_copy) -> None:
    tamper(policy_copy, "khan.toml", 'qualifier = "fewer than"\n', "")
    out = failing_check(cli, policy_copy)
    assert (
        "officers.qualifier is not set but the source says "
        '"fewer than 1,400": set qualifier = "fewer than"'
    ) in out


def test_a_wrong_qualifier_fails(cli, policy_copy) -> None:
    tamper(policy_copy, "khan.toml", 'qualifier = "fewer than"', 'qualifier = "up to"')
    out = failing_check(cli, policy_copy)
    assert 'officers.qualifier is "up to" but the source says "fewer than 1,400"' in out


def test_a_figure_from_a_second_proven_span(cli, bad_dir: Path) -> None:
    """The quote has no number; figure_quote names the reporter's words that do."""
    text = (
        (bad_dir / "_valid.toml.txt")
        .read_text("utf-8")
        .replace(
            'quote = "We will hire 500 officers."',
            'quote = "A spokesperson said the money would come from savings."\n'
            'figure_quote = "We will hire 500 officers."',
        )
    )
    (bad_dir / "ok.toml").write_text(text, "utf-8")
    assert cli("check", str(bad_dir / "ok.toml")).code == 0
    (bad_dir / "ok.toml").write_text(
        text.replace('figure_quote = "We will hire 500', 'figure_quote = "We will hire 5')
    )
    out = cli("check", str(bad_dir / "ok.toml")).out
    assert 'claim "hire-500" (claims[0].figure_quote): figure_quote not found in its source' in out


def test_a_quote_without_a_number_needs_figure_quote(cli, bad_dir: Path) -> None:
    text = (
        (bad_dir / "_valid.toml.txt")
        .read_text("utf-8")
        .replace(
            'quote = "We will hire 500 officers."',
            'quote = "A spokesperson said the money would come from savings."',
        )
    )
    (bad_dir / "p.toml").write_text(text, "utf-8")
    out = cli("check", str(bad_dir / "p.toml")).out
    assert "which state no figure; name the source's words that state it in figure_quote" in out


# -- archives ------------------------------------------------------------------------------


def test_an_archive_without_its_dividing_line_proves_nothing(cli, policy_copy) -> None:
    archive = policy_copy / "sources" / "ldrs-extra-cops-labour-government.txt"
    archive.write_text(archive.read_text("utf-8").replace("\n---\n", "\n", 1), "utf-8")
    out = failing_check(cli, policy_copy)
    assert "archive has no line that is exactly '---'" in out
    assert "quote of claim" not in out  # nothing in it was taken as proof


def test_an_archive_with_two_dividing_lines_is_refused() -> None:
    with pytest.raises(ArchiveFormatError, match="2 lines that are exactly '---'"):
        Archive.from_text("header\n---\nbody\n---\nmore\n")


def test_a_quote_from_our_own_header_is_not_proof() -> None:
    archive = Archive.from_text("Headline: Hall pledges 200 officers\n---\nThe article.\n")
    assert not archive.contains("Hall pledges 200 officers")


# -- relations -----------------------------------------------------------------------------


def test_part_of_itself(cli, policy_copy) -> None:
    tamper(
        policy_copy, "khan.toml", 'part_of = "labour:officers-13000"', 'part_of = "officers-1300"'
    )
    out = failing_check(cli, policy_copy)
    assert "part_of refers to the claim itself" in out


def test_a_conditional_on_cycle(cli, policy_copy) -> None:
    tamper(
        policy_copy, "khan.toml",
        'source = "ldrs-extra-cops"\n\n[[claims]]\nid = "funded-nationally"',
        'source = "ldrs-extra-cops"\nconditional_on = ["condition-b"]\n\n[[claims]]\n'
        'id = "condition-b"\ntopic = "condition"\nsummary = "x"\n'
        'quote = "But he warned"\nspeaker = "x"\nspeaker_role = "reporter"\n'
        'source = "ldrs-extra-cops"\nconditional_on = ["labour-government"]\n\n'
        '[[claims]]\nid = "funded-nationally"',
    )  # fmt: skip
    out = failing_check(cli, policy_copy)
    assert "conditional_on goes round in a circle: khan:labour-government → khan:condition-b" in out


def test_a_part_of_cycle_across_files(cli, policy_copy) -> None:
    tamper(
        policy_copy, "labour.toml",
        'note = "The article says \\"extra officers\\"',
        'part_of = "khan:officers-1300"\nnote = "The article says \\"extra officers\\"',
    )  # fmt: skip
    out = failing_check(cli, policy_copy)
    assert "part_of goes round in a circle" in out
    assert "a part (13,000) cannot be larger than its whole" in out


def test_a_part_larger_than_its_whole(cli, policy_copy) -> None:
    tamper(policy_copy, "labour.toml", "number = 13000", "number = 1000")
    out = failing_check(cli, policy_copy)
    assert ('a part (1,300) cannot be larger than its whole "labour:officers-13000" (1,000)') in out


def test_a_misspelt_policy_gets_the_nearest_id(cli, policy_copy) -> None:
    tamper(policy_copy, "khan.toml", '"labour:officers-13000"', '"labuor:officers-13000"')
    out = failing_check(cli, policy_copy)
    assert 'part_of refers to policy "labuor", which is not loaded' in out
    assert '(did you mean "labour"?)' in out


def test_a_claim_missing_from_another_file_names_that_file(cli, policy_copy) -> None:
    tamper(policy_copy, "khan.toml", '"labour:officers-13000"', '"labour:officers-14000"')
    out = failing_check(cli, policy_copy)
    assert 'no claim "officers-14000" in policy "labour"' in out
    assert "labour.toml" in out
    assert '(did you mean "officers-13000"?)' in out


def test_a_target_that_is_not_a_figure(cli, policy_copy) -> None:
    tamper(policy_copy, "labour.toml", 'pays_for = "officers-13000"', 'pays_for = "invest-savings"')
    out = failing_check(cli, policy_copy)
    assert 'pays_for target "invest-savings" has no officer count' in out


def test_a_sub_table_that_does_not_fit_the_topic(cli, policy_copy) -> None:
    tamper(
        policy_copy,
        "hall.toml",
        'id = "invest-200m"\ntopic = "funding"',
        'id = "invest-200m"\ntopic = "officers"',
    )
    out = failing_check(cli, policy_copy)
    assert 'topic "officers" needs a [claims.officers] table' in out
    assert 'topic "officers" takes only [claims.officers], not [claims.money]' in out


# -- check with no path --------------------------------------------------------------------


def test_check_with_no_path_checks_this_folders_policies(cli, policy_copy, monkeypatch) -> None:
    monkeypatch.chdir(policy_copy)
    tamper(policy_copy, "hall.toml", "amount = 200000000", "amount = 900000000")
    result = cli("check")
    assert result.code == 1  # the folder's own files, not the bundled set
    assert "checked 3 files, in this folder: hall.toml, khan.toml, labour.toml" in result.err


def test_check_with_no_path_skips_other_toml_and_says_so(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', "utf-8")
    result = cli("check")
    assert result.code == 0
    assert "the bundled policies, as this folder has none" in result.err
    assert all(name in result.err for name in ("hall.toml", "khan.toml", "labour.toml"))


def test_bundled_claims_all_carry_proven_figures() -> None:
    from hustings.compare.comparison import compare
    from hustings.proof.load import load_paths

    comparison = compare(load_paths([POLICIES]))
    figures = [v for v in comparison.views() if v.headline not in (None, "not stated")]
    assert figures and all(v.figure_words for v in figures)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["around ", "fewer than ", "£", "1,300", "1300", "13,000", "21,300", "m", " million",
             ".5", ",000", " officers", "“", "”", "some", "x", " ", "1", "0", "k", "pounds"]
        ),
        max_size=12,
    ).map("".join),
    st.sampled_from([1300, 13000, 21300, 1, 0]),
    st.booleans(),
    st.booleans(),
    st.sampled_from([None, "fewer than"]),
)  # fmt: skip
def test_the_quick_proof_agrees_with_the_full_reading(
    text: str, value: int, money: bool, approximate: bool, qualifier: str | None
) -> None:
    """Whenever the quick path proves a figure, the full reader finds the same one there."""
    from hustings.proof.figure_proofs import _proven_near

    quick = _proven_near(text, "t", value, money, approximate, qualifier)
    if quick is not None:
        assert any(
            (f.value, f.money, f.approximate, f.qualifier) == (value, money, approximate, qualifier)
            for f in read_figures(text)
        ), quick
