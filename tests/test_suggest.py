"""Nearest suggestions: close names are offered, distant ones are not, case differences first."""

from __future__ import annotations

import pytest

from hustings.policy.suggest import did_you_mean, nearest

FIELDS = ["id", "topic", "summary", "quote", "quote_kind", "speaker", "speaker_role", "source"]


@pytest.mark.parametrize(
    ("word", "choices", "expected"),
    [
        ("summery", FIELDS, "summary"),
        ("speaker-role", FIELDS, "speaker_role"),
        ("Officers", ["officers", "funding"], "officers"),  # case only: always offered
        ("PCSO", ["police officers", "PCSOs", "special constables"], "PCSOs"),
        ("hire-50", ["hire-500", "cuts", "hire-5000"], "hire-500"),
        ("sources/artcle.txt", ["sources/article.txt", "sources/other.txt"], "sources/article.txt"),
        ("volunteers", ["police officers", "PCSOs", "special constables"], None),
        ("verdict", FIELDS, None),
        ("anything", [], None),
    ],
)
def test_nearest(word: str, choices: list[str], expected: str | None) -> None:
    assert nearest(word, choices) == expected


def test_the_word_itself_is_never_suggested() -> None:
    assert nearest("summary", ["summary"]) is None


def test_did_you_mean_words_the_hint() -> None:
    assert did_you_mean("summery", FIELDS) == 'did you mean "summary"?'
    assert did_you_mean("verdict", FIELDS) is None
