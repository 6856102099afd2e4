"""`hustings read` and the words it shares with the app: symbols said as words, names with
their capitals, no phrase said twice in a row, our arithmetic as a sentence, quotes verbatim."""

from __future__ import annotations

import re

import pytest

from hustings.output.spoken import arithmetic, spoken


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("≈1,300", "around 1,300"),
        ("investing £200m into the force", "investing 200 million pounds into the force"),
        ("£1.5bn.", "1.5 billion pounds."),
        ("£27,692 each", "27,692 pounds each"),
        ("would spend £17 million on policing", "would spend 17 million pounds on policing"),
        ("£5 more", "5 pounds more"),
    ],
)
def test_symbols_a_speech_engine_misreads_are_said_as_words(written, said) -> None:
    assert spoken(written) == said


@pytest.mark.parametrize(
    ("working", "said"),
    [
        ("2,000 − fewer than 1,400 = more than 600. Our arithmetic, not anyone's claim.",
         "Subtracting fewer than 1,400 from 2,000 leaves more than 600. Our arithmetic, not "
         "anyone's claim."),
        ("£360m ÷ 13,000 officers = £27,692 each, over four years. Our arithmetic.",
         "360 million pounds divided by 13,000 officers is 27,692 pounds each, over four "
         "years. Our arithmetic."),
    ],
)  # fmt: skip
def test_our_arithmetic_reads_as_a_sentence_not_a_formula(working, said) -> None:
    assert arithmetic(working) == said


def _outside_quotes(text: str) -> str:
    return re.sub(r'"[^"]*"', '""', text)


def test_read_says_every_figure_and_flag_in_words(cli) -> None:
    result = cli("read")
    assert result.code == 0
    out = result.out
    ours = _outside_quotes(out)
    for symbol in ("≈", "£", "−", "÷", " = "):
        assert symbol not in ours, symbol
    assert "Figure: around 1,300, 2024" in out
    assert "Figure: 200 million pounds, 2024" in out
    assert "Flag, includes Khan's around 1,300: Khan's around 1,300 is counted inside" in out
    assert "Flag, part of Labour's 13,000: counted inside Labour's 13,000" in out
    assert "Flag, London: this figure is London; others in this row are national." in out
    assert "Flag, includes PCSOs and specials: PCSOs are not warranted" in out
    assert "Flag, period not stated: the article does not say by when" in out
    assert "Subtracting fewer than 1,400 from 2,000 leaves more than 600." in out
    for line in out.splitlines():
        assert line.count("the article does not say") <= 1, line
    # A quote is its source's words, symbols and all.
    assert '"They have identified £360m of savings' in out


def test_the_app_keeps_its_own_labels(cli) -> None:
    """The panes still show flags as labels in capitals; only `read` says them as words."""
    out = cli("table").out
    assert "⊃ INCLUDES KHAN'S ≈1,300" in out and "≠ LONDON" in out
