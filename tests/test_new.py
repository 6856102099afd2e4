"""`hustings new`: a starter an author can follow, any name, nothing that exists overwritten."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hustings.policy.model import json_schema
from hustings.policy.scaffold import ARCHIVE_TEMPLATE, policy_id, starter_text


def _uncomment_examples(text: str) -> str:
    """What the file's comments tell the author to do: delete "# " from the example tables."""
    lines = text.splitlines()
    out, inside = [], False
    for line in lines:
        if line in ("# [[sources]]", "# [[claims]]"):
            inside = True
        elif not line.startswith("# ") or line.startswith("# A "):
            inside = False
        out.append(line[2:] if inside else line)
    return "\n".join(out) + "\n"


def test_new_writes_policy_archive_template_and_schema(cli, tmp_path: Path) -> None:
    target = tmp_path / "jane.toml"
    result = cli("new", "Jane Doe", "--party", "Independent", "-o", str(target))
    assert result.code == 0, result.err
    text = target.read_text(encoding="utf-8")
    assert text.startswith("#:schema ./policy.schema.json\n")
    assert 'name = "Jane Doe"' in text and 'party = "Independent"' in text
    assert "= []" not in text  # no inline empty array for [[sources]] to collide with
    archive = tmp_path / "sources" / "jane-doe-article.txt"
    assert archive.read_text(encoding="utf-8") == ARCHIVE_TEMPLATE
    assert ARCHIVE_TEMPLATE.splitlines()[-1] == "---"
    schema = json.loads((tmp_path / "policy.schema.json").read_text(encoding="utf-8"))
    assert schema == json_schema()  # the #:schema line resolves, beside the file
    assert "next: paste an article into" in result.out


def test_the_starter_gives_one_instruction_until_a_claim_is_added(cli, tmp_path: Path) -> None:
    target = tmp_path / "jane.toml"
    assert cli("new", "Jane Doe", "-o", str(target)).code == 0
    result = cli("check", str(target))
    assert result.code == 1
    (line,) = result.lines
    assert "no [[sources]] and no [[claims]] yet" in line
    assert "uncomment the example [[sources]] and [[claims]]" in line


def test_following_the_comments_gives_a_passing_policy(cli, tmp_path: Path) -> None:
    """Uncomment the examples, paste an article, quote it: check passes. No duplicate key."""
    target = tmp_path / "jane.toml"
    assert cli("new", "Jane Doe", "-o", str(target)).code == 0
    archive = tmp_path / "sources" / "jane-doe-article.txt"
    archive.write_text(ARCHIVE_TEMPLATE + "Jane Doe said: “I will open six libraries.”\n")
    text = _uncomment_examples(target.read_text(encoding="utf-8"))
    target.write_text(text, encoding="utf-8")
    placeholder = cli("check", str(target))
    assert placeholder.code == 1
    (line,) = placeholder.lines
    assert re.search(r"jane\.toml:\d+:1: claim \"first-claim\" \(claims\[0\]\.quote\)", line)
    text = text.replace("The exact words from the article", "I will open six libraries.")
    target.write_text(text, "utf-8")
    summary = cli("check", str(target))  # the placeholder summary is not the quote's words
    assert summary.code == 1 and '(claims[0].summary): "quote", "says"' in summary.out
    text = text.replace("what the quote says, in its words", "she would open libraries")
    target.write_text(text, "utf-8")
    final = cli("check", str(target))
    assert final.code == 0, final.out
    assert final.out.startswith("ok: 1 policy, 1 claim. Proven from the archived sources: 1 quote")


def test_never_overwrites_the_policy_the_archive_or_the_schema(cli, tmp_path: Path) -> None:
    target = tmp_path / "jane.toml"
    target.write_text("precious", encoding="utf-8")
    refused = cli("new", "Jane Doe", "-o", str(target))
    assert refused.code == 1
    assert "already exists; not overwriting it" in refused.err
    assert target.read_text(encoding="utf-8") == "precious"
    assert not (tmp_path / "sources").exists()  # nothing else made when the policy is refused

    (tmp_path / "sources").mkdir()
    archive = tmp_path / "sources" / "jane-doe-article.txt"
    archive.write_text("my article", encoding="utf-8")
    (tmp_path / "policy.schema.json").write_text("{}", encoding="utf-8")
    made = cli("new", "Jane Doe", "-o", str(tmp_path / "other.toml"))
    assert made.code == 0
    assert archive.read_text(encoding="utf-8") == "my article"
    assert (tmp_path / "policy.schema.json").read_text(encoding="utf-8") == "{}"
    assert "kept" in made.out


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Sadiq Khan", "sadiq-khan"),
        ("Zoë O'Brien", "zoe-o-brien"),  # accents folded, not dropped
        ("王小明", "policy-"),
        ("!!!", "policy-"),
        ("Wang 王小明", "wang"),
    ],
)
def test_policy_ids(name: str, expected: str) -> None:
    ident = policy_id(name)
    assert ident.startswith(expected)
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", ident)


def test_a_name_without_latin_letters_gets_a_stable_id(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert policy_id("王小明") == policy_id("王小明") != policy_id("李小龙")
    result = cli("new", "王小明")
    assert result.code == 0, result.err
    written = tmp_path / f"{policy_id('王小明')}.toml"
    assert 'name = "王小明"' in written.read_text(encoding="utf-8")
    assert len(cli("check", str(written)).lines) == 1  # the one instruction, nothing else


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["Evil\x1b[2J"], "the name holds U+001B"),
        (["Jane\u202eDoe"], "the name holds U+202E"),
        (["Jane\nDoe"], "the name holds U+000A"),
        (["Jane", "--party", "Bell\x07"], "the party holds U+0007"),
        (["   "], "the name is empty"),
        (["x" * 5000], "at most 4000"),
    ],
)
def test_unusable_names_are_refused_on_one_safe_line(cli, tmp_path: Path, args, words) -> None:
    result = cli("new", *args, "-o", str(tmp_path / "x.toml"))
    assert result.code == 2
    (line,) = result.err.splitlines()
    assert words in line
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u202e]", line)
    assert not (tmp_path / "x.toml").exists()


def test_starter_text_escapes_quotes_in_names() -> None:
    text = starter_text('Jane "JD" Doe', None)
    assert 'name = "Jane \\"JD\\" Doe"' in text
