"""Quote failures explained: nearest passage, first differing word, likely cause."""

from __future__ import annotations

import time

import pytest

from hustings.proof.provenance import Archive
from hustings.proof.quote_diagnosis import MAX_PASSAGE, diagnose

BODY = (
    "The candidate said: “We will hire 500 officers.” A spokesperson said the money would\n"
    "come from savings. The recruit-\nment drive starts in May. “We’ll re-elect nobody,” she "
    "added. Un café noir.\n"
)
QUOTE = "We will hire 500 officers."


@pytest.mark.parametrize(
    ("quote", "word", "source_word", "cause"),
    [
        ("We will hire 5,000 officers.", "5,000", "500", "different words"),
        ("We will hire ... officers.", "...", "500", "an elision"),
        ("We will hire…officers.", "hire…officers.", "hire", "an elision"),
        ("we will hire 500 officers.", "we", "We", "capitalisation"),
        ("The recruitment drive", "recruitment", "recruit-ment", "a hyphen across a line break"),
        ("We will hire 500 offi\u00adcers.", "offi\u00adcers.", "officers.”", "U+00AD soft hyphen"),
        ("We will hire 500\u200b officers.", "500\u200b", "500", "U+200B zero width space"),
        ("Weʼll re-elect nobody", "Weʼll", "We’ll", "an apostrophe or quote-mark variant"),
        ("officers. A spokesperson", "officers.", "officers.”", "punctuation"),
        ("We really will hire 500", "really", "will", "different words"),
    ],
)
def test_each_one_mistake_variant_is_named(
    quote: str, word: str, source_word: str, cause: str
) -> None:
    assert not Archive.from_text("---\n" + BODY).contains(quote)  # the proof really fails
    found = diagnose(BODY, quote)
    assert found.quote_word == word
    assert found.archive_word == source_word
    assert cause in found.cause
    assert found.passage is not None and "»" in found.passage


def test_the_passage_marks_the_source_word_and_the_explanation_is_one_line() -> None:
    found = diagnose(BODY, "We will hire 5,000 officers.")
    assert found.passage == "“We will hire »500« officers.”"
    assert found.explain() == (
        'nearest passage: "“We will hire »500« officers.”"; differs at "5,000" where the source '
        'has "500"'
    )
    assert found.cause == "different words"


def test_invisible_characters_are_shown_as_escapes() -> None:
    text = diagnose(BODY, "We will hire 500 offi\u00adcers.").explain()
    assert "\u00ad" not in text and "offi\\xadcers." in text


def test_a_quote_with_no_word_in_the_source() -> None:
    found = diagnose(BODY, "Nothing alike at all")
    assert found.passage is None and "none of them" in found.cause
    assert found.explain().startswith("no passage of the source is near it")


def test_the_passage_is_bounded_on_a_long_source_and_fast_on_50_kb() -> None:
    words = " ".join(f"word{n}" for n in range(9000))
    body = words + " " + BODY + " " + words  # ~ 140 KB
    started = time.perf_counter()
    found = diagnose(body, QUOTE.replace("500", "501") + " " + "word1 word2 " * 40)
    assert time.perf_counter() - started < 5  # generous: a bound against a quadratic search
    assert found.quote_word == "501"
    assert found.passage is not None and len(found.passage) <= MAX_PASSAGE + 2


def test_a_decomposed_quote_is_proven_not_diagnosed() -> None:
    """Both sides are compared in NFC: 'café' typed as e + accent matches the source's é."""
    assert Archive.from_text("---\n" + BODY).contains("Un cafe\u0301 noir.")
