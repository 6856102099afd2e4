"""One-mistake variants of a valid file: each gets `file:line:col` and a hint.

Each case makes one change an author could plausibly make to tests/bad/_valid.toml.txt (or to
its archive, tests/bad/sources/article.txt) and asserts the exact line `check` prints.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ARTICLE = "sources/article.txt"

# (name, change to the policy text (old, new), change to the archive (old, new), line printed)
VARIANTS = [
    (
        "wrong word",
        ("We will hire 500", "We shall hire 500"),
        None,
        'p.toml:23:1: claim "hire-500" (claims[0].quote): quote not found in its source '
        '"article" (sources/article.txt); nearest passage: "“We »will« hire 500 officers.”"; '
        'differs at "shall" where the source has "will" (likely cause: different words)',
    ),
    (
        "elision",
        ("We will hire 500", "We ... hire 500"),
        None,
        'p.toml:23:1: claim "hire-500" (claims[0].quote): quote not found in its source '
        '"article" (sources/article.txt); nearest passage: "“We »will« hire 500 officers.”"; '
        'differs at "..." where the source has "will" (likely cause: an elision ("..." or "…"): '
        "quote the words in full, or each part as its own claim)",
    ),
    (
        "hyphenation across a line break",
        None,
        ("500 officers.", "500 offi-\ncers."),
        'p.toml:23:1: claim "hire-500" (claims[0].quote): quote not found in its source '
        '"article" (sources/article.txt); nearest passage: "“We will hire 500 »offi- cers.”«"; '
        'differs at "officers." where the source has "offi-cers.”" (likely cause: a hyphen '
        "across a line break in the source: quote the word as the source prints it)",
    ),
    (
        "case",
        ('"We will', '"we will'),
        None,
        'p.toml:23:1: claim "hire-500" (claims[0].quote): quote not found in its source '
        '"article" (sources/article.txt); nearest passage: "»“We« will hire 500 officers.”"; '
        'differs at "we" where the source has "We" (likely cause: capitalisation: quote the '
        "capitals as the source prints them)",
    ),
    (
        "invisible character",
        ("500 officers.", "500 offi\u00adcers."),
        None,
        'p.toml:23:1: claim "hire-500" (claims[0].quote): quote not found in its source '
        '"article" (sources/article.txt); nearest passage: "“We will hire 500 »officers.”«"; '
        'differs at "offi\\xadcers." where the source has "officers.”" (likely cause: an '
        "invisible character in the quote (U+00AD soft hyphen))",
    ),
    (
        "misspelt field",
        ("summary =", "summery ="),
        None,
        'p.toml:22:1: claim "hire-500" (claims[0].summery): unknown field (known fields: id, '
        "topic, summary, quote, figure_quote, quote_kind, speaker, speaker_role, source, "
        "officers, money, "
        'conditional_on, part_of, responds_to, words, readings, note) (did you mean "summary"?)\n'
        'p.toml:19:1: claim "hire-500" (claims[0].summary): missing required field '
        '(is "summery" a misspelling of it?)',
    ),
    (
        "wrong enum value",
        ('topic = "officers"', 'topic = "oficers"'),
        None,
        'p.toml:21:1: claim "hire-500" (claims[0].topic): expected one of "officers", '
        '"funding", "condition", "pledge", "record", "criticism", got string "oficers" '
        '(did you mean "officers"?)',
    ),
    (
        "bad reference",
        ('source = "article"', 'source = "artcle"'),
        None,
        'p.toml:26:1: claim "hire-500" (claims[0].source): no source with id "artcle" '
        '(did you mean "article"?)',
    ),
    (
        "archive file name",
        ('archive = "sources/article.txt"', 'archive = "sources/artcle.txt"'),
        None,
        "p.toml:17:1: sources[0].archive: archive file not found: sources/artcle.txt "
        '(did you mean "sources/article.txt"?)',
    ),
]


def _write_variant(folder: Path, policy_change, archive_change) -> Path:
    text = (folder / "_valid.toml.txt").read_text(encoding="utf-8")
    if policy_change:
        assert policy_change[0] in text
        text = text.replace(*policy_change)
    if archive_change:
        archive = folder / ARTICLE
        body = archive.read_text(encoding="utf-8")
        assert archive_change[0] in body
        archive.write_text(body.replace(*archive_change), encoding="utf-8")
    path = folder / "p.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("policy_change", "archive_change", "expected"),
    [case[1:] for case in VARIANTS],
    ids=[case[0] for case in VARIANTS],
)
def test_one_mistake_gets_its_place_and_a_hint(
    cli, bad_dir: Path, monkeypatch, policy_change, archive_change, expected: str
) -> None:
    monkeypatch.chdir(bad_dir)
    _write_variant(bad_dir, policy_change, archive_change)
    result = cli("check", "p.toml")
    assert result.code == 1
    assert result.lines == expected.split("\n")


def test_the_valid_fixture_passes(cli, bad_dir: Path) -> None:
    assert cli("check", str(_write_variant(bad_dir, None, None))).code == 0


def test_a_schema_error_and_a_bad_quote_are_reported_in_one_run(
    cli, bad_dir: Path, monkeypatch
) -> None:
    """The source is valid and so is the second claim: its quote is still proved."""
    monkeypatch.chdir(bad_dir)
    text = (bad_dir / "_valid.toml.txt").read_text(encoding="utf-8")
    broken = text.replace("summary =", "summery =") + (
        "\n[[claims]]\n"
        'id = "savings"\ntopic = "funding"\nsummary = "Savings."\n'
        'quote = "the money would come from cuts"\nspeaker = "Spokes Person"\n'
        'speaker_role = "spokesperson"\nsource = "article"\n'
        '[claims.money]\namount = "not stated"\nkind = "savings"\nscope = "London"\n'
    )
    (bad_dir / "p.toml").write_text(broken, encoding="utf-8")
    lines = cli("check", "p.toml").lines
    assert [line.split(": ", 2)[:2] for line in lines] == [
        ["p.toml:22:1", 'claim "hire-500" (claims[0].summery)'],
        ["p.toml:19:1", 'claim "hire-500" (claims[0].summary)'],
        ["p.toml:38:1", 'claim "savings" (claims[1].quote)'],
    ]
    assert 'differs at "cuts" where the source has "savings"' in lines[2]


def test_a_reference_to_an_invalid_claim_is_not_reported_twice(cli, bad_dir: Path) -> None:
    text = (bad_dir / "_valid.toml.txt").read_text(encoding="utf-8")
    text = text.replace('topic = "officers"', 'topic = "condition"').replace(
        "summary =", "summery ="
    ) + (
        '\n[[claims]]\nid = "second"\ntopic = "pledge"\nsummary = "S."\n'
        'quote = "We will hire 500 officers."\nspeaker = "V"\nspeaker_role = "candidate"\n'
        'source = "article"\nconditional_on = ["hire-500", "nowhere"]\n'
    )
    path = bad_dir / "p.toml"
    path.write_text(text, encoding="utf-8")
    out = cli("check", str(path)).out
    assert 'no claim "nowhere" in this file' in out
    assert 'no claim "hire-500"' not in out  # it exists; its own problem is reported


def test_a_broken_file_says_nothing_of_its_references_into_other_files(cli, bad_dir) -> None:
    """Its valid claims are checked alone, so another file's claim cannot be judged: only the
    reference within the file is reported."""
    text = (bad_dir / "_valid.toml.txt").read_text(encoding="utf-8").replace(
        "summary =", "summery ="
    ) + (
        '\n[[claims]]\nid = "second"\ntopic = "pledge"\nsummary = "S."\n'
        'quote = "We will hire 500 officers."\nspeaker = "V"\nspeaker_role = "candidate"\n'
        'source = "article"\nconditional_on = ["other:anything", "nowhere"]\n'
    )
    path = bad_dir / "p.toml"
    path.write_text(text, encoding="utf-8")
    out = cli("check", str(path)).out
    assert 'no claim "nowhere" in this file' in out
    assert "other" not in out


def test_json_and_github_formats_carry_the_same_place(cli, bad_dir: Path, monkeypatch) -> None:
    monkeypatch.chdir(bad_dir)
    _write_variant(bad_dir, ('source = "article"', 'source = "artcle"'), None)
    (record,) = json.loads(cli("check", "--format", "json", "p.toml").out)
    assert record == {
        "file": "p.toml",
        "line": 26,
        "column": 1,
        "field": "claims[0].source",
        "claim": "hire-500",
        "code": "bad-reference",
        "message": 'no source with id "artcle"',
        "hint": 'did you mean "article"?',
    }
    (annotation,) = cli("check", "--format", "github", "p.toml").lines
    assert annotation == (
        "::error file=p.toml,line=26,col=1,title=hustings bad-reference::"
        'claim "hire-500" (claims[0].source): no source with id "artcle" '
        '(did you mean "article"?)'
    )
