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
        ("older context (Dec 2019 or later)", "older context (December 2019 or later)"),
        ("Sep 2020, May 2024", "September 2020, May 2024"),
    ],
)
def test_symbols_a_speech_engine_misreads_are_said_as_words(written, said) -> None:
    assert spoken(written) == said


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ('The article says "investing £200m": it does not say',
         'The article says "investing £200m": it does not say'),
        ("the source's words “investing £200m into the force”, £5 more",
         "the source's words “investing £200m into the force”, 5 pounds more"),
        ('≈1,300 of "≈1,300" and “£1.5bn”', 'around 1,300 of "≈1,300" and “£1.5bn”'),
    ],
)  # fmt: skip
def test_words_in_quotation_marks_stay_as_the_source_wrote_them(written, said) -> None:
    assert spoken(written) == said


def test_read_keeps_the_source_s_words_in_notes_and_readings(cli) -> None:
    out = cli("read").out
    assert 'Note, in our words: The article says "investing £200m": it does not say' in out
    assert "It rests on the source's words “investing £200m into the force”." in out
    assert "investing 200 million pounds into the force." in out  # our summary, for the ear


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
    return re.sub(r'"[^"]*"|“[^”]*”', '""', text)


def test_read_says_every_figure_and_flag_in_words(cli) -> None:
    result = cli("read")
    assert result.code == 0
    out = result.out
    ours = _outside_quotes(out)
    for symbol in ("≈", "£", "−", "÷", " = "):
        assert symbol not in ours, symbol
    assert "Figure: around 1,300, 2024" in out
    # A month in full: espeak-ng said "Dec 2019" as "deck 2019".
    assert "Figure: 2,000, December 2019 or later" in out
    assert not re.search(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}", ours)
    assert "Figure: 200 million pounds, 2024" in out
    linked = "“would come from a pool of 13,000 extra officers nationwide”"
    for other in ("Khan's around 1,300", "Labour's 13,000"):
        assert f"Flag, linked to {other}: {linked}: " in out
    assert "links the two figures in the words shown: never add them together." in out
    assert "Flag, London: this figure is London; in this row, Labour's 13,000 is nationwide" in out
    assert (
        "Flag, includes PCSOs and special constables: the source counts PCSOs and special "
        "constables in this figure: it is not a count of police officers alone."
    ) in out
    assert "Flag, kinds of officer not stated: the article does not say what kinds" in out
    assert "Flag, period not stated: the article does not say by when" in out
    assert "1,089 below the target of 4,557. Subtracting 3,468 from 4,557 leaves 1,089." in out
    for line in out.splitlines():
        assert line.count("the article does not say") <= 1, line
    # A quote is its source's words, symbols and all.
    assert '"They have identified £360m of savings' in out


def test_the_app_keeps_its_own_labels(cli) -> None:
    """The panes still show flags as labels in capitals; only `read` says them as words."""
    out = cli("table").out
    assert "⊃ KHAN'S ≈1,300: “would come" in out and "⊂ LABOUR'S 13,000: “would come" in out
    assert "+ INCLUDES PCSOs AND SPECIAL" in out and "≠ LONDON" in out
