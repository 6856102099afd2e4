"""The bundled policies: valid, every quote proven, and a one-letter change is caught."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hustings.proof.load import load_paths, load_policy_text
from hustings.proof.provenance import Archive, article_body, normalise

from .conftest import POLICIES

POLICY_FILES = sorted(POLICIES.glob("*.toml"))


def test_bundled_policies_check_clean(cli) -> None:
    result = cli("check")
    assert result.code == 0, result.out
    (line,) = result.lines
    assert line == (
        "ok: 14 policies, 28 claims. Proven from the archived sources: 28 quotes, 11 figures, 24 "
        "speakers, 2 kinds, 11 scopes, 5 periods, 3 money kinds, 2 money sources, 5 relations, 18"
        " source facts (as their archives' headers record them), 78 candidate facts (from the "
        "archived list of candidates); 28 summaries in our words, whose speaker, verb and numbers"
        " are proven and whose other words are the source's (their meaning is not proven); our "
        "readings, shown as ours wherever they appear: 7 (4 speakers, 3 scopes); not stated by "
        "the sources: 23 fields."
    )
    assert "every" not in line  # never "every … proven" while anything is a reading


def test_bundled_files_start_with_the_schema_comment() -> None:
    for path in POLICY_FILES:
        assert path.read_text(encoding="utf-8").startswith("#:schema ./policy.schema.json\n")


def test_committed_schema_matches_the_model(cli) -> None:
    result = cli("schema")
    assert json.loads(result.out) == json.loads((POLICIES / "policy.schema.json").read_text())


def _claims() -> list[tuple[Path, str, str]]:
    found = []
    for path in POLICY_FILES:
        policy = load_policy_text(path.read_text(encoding="utf-8"))
        found.extend((path, claim.id, claim.quote) for claim in policy.claims)
    return found


@pytest.mark.parametrize(("path", "claim_id", "quote"), _claims(), ids=lambda v: str(v)[-30:])
def test_changing_one_character_of_a_quote_fails_check_naming_the_claim(
    cli, policy_copy: Path, path: Path, claim_id: str, quote: str
) -> None:
    """Swap one letter in the middle of the quote: `check` must fail and say which claim."""
    middle = next(i for i in range(len(quote) // 2, len(quote)) if quote[i].isalpha())
    changed = quote[:middle] + ("x" if quote[middle] != "x" else "y") + quote[middle + 1 :]
    target = policy_copy / path.name
    text = target.read_text(encoding="utf-8")
    assert text.count(f'quote = "{quote}"') == 1
    target.write_text(text.replace(f'quote = "{quote}"', f'quote = "{changed}"'), "utf-8")
    result = cli("check", str(policy_copy))
    assert result.code == 1
    assert len(result.lines) == 1
    assert f'claim "{claim_id}" (claims[' in result.out
    assert "quote not found in its source" in result.out
    changed_word = next(w for w in changed.split() if w not in quote.split())
    assert f'differs at "{changed_word}"' in result.out  # the diagnosis names the changed word
    assert path.name in result.out


def test_quotes_match_only_the_article_body_not_our_header() -> None:
    archive = POLICIES / "sources" / "ldrs-extra-cops-labour-government.txt"
    text = archive.read_text(encoding="utf-8")
    assert "Archived for hustings" in text.split("\n---\n")[0]
    assert not Archive.from_text(text).contains("Archived for hustings")
    assert "Archived for hustings" not in article_body(text)


def test_archives_hold_the_shared_articles_verbatim() -> None:
    """Each archive body is the received article (less the donation appeal), word for word."""
    shared = POLICIES.parent.parent / "shared" / "sources"
    if not shared.is_dir():
        pytest.skip("../shared/sources is not beside this checkout")
    original = (shared / "001_8a15e4def7159fc2.txt").read_text(encoding="utf-8")
    body = article_body(
        (POLICIES / "sources" / "ldrs-extra-cops-labour-government.txt").read_text("utf-8")
    )
    assert normalise(body) in normalise(original).replace(
        normalise(original[original.index("This story is published") :].split("supporter.")[0])
        + " supporter. ",
        "",
    )
    assert "Donate" not in body


def test_matching_ignores_only_whitespace_and_quote_style() -> None:
    archive = Archive.from_text("---\nShe said: “We will   hire\n500 officers.”\n")
    assert archive.contains('She said: "We will hire 500 officers."')
    assert not archive.contains('she said: "We will hire 500 officers."')  # case matters
    assert not archive.contains("We will hire 500 officers!")
    # The sentence shown keeps the source's own quote marks, as written.
    assert archive.sentence_around("hire 500") == "She said: “We will hire 500 officers.”"


def test_loading_bundled_policies_reports_nothing() -> None:
    result = load_paths()
    assert [item.policy.id for item in result.policies] == [
        "amin", "binface", "blackie", "campbell", "cox", "gallagher", "garbett", "ghulati",
        "hall", "khan", "labour", "michli", "rose", "scanlon",
    ]  # fmt: skip
    assert result.problems == ()
    assert all(item.is_proven(c.id) for item in result.policies for c in item.policy.claims)
