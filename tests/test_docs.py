"""The documents say what the code does: tables made from one definition, and a worked example
that really passes `check`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hustings.compare.flags import FlagKind, footnote, legend
from hustings.output.readme_tables import GENERATED

from .conftest import POLICIES, ROOT

README = (POLICIES / "README.md").read_text("utf-8")


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_a_generated_readme_table_is_what_the_code_makes(name: str) -> None:
    """Between `<!-- NAME: ... -->` and `<!-- /NAME -->` stands exactly what the code makes."""
    start = README.index(f"<!-- {name}:")
    table = README[README.index("\n", start) + 1 : README.index(f"<!-- /{name} -->")]
    assert table.rstrip("\n") == GENERATED[name](), (
        "regenerate: uv run python -m hustings.output.readme_tables"
    )


def test_the_readme_lists_every_command_and_no_other() -> None:
    """The README's table of commands stays the parser's list: one row or more per command
    (`hustings [PATH...]` is the app), none for a command that does not exist."""
    from hustings.cli import build_cli

    readme = (ROOT / "README.md").read_text("utf-8")
    start = readme.index("\n## Commands\n")
    table = readme[start : readme.index("\n\n", readme.index("\n|", start) + 1)]
    named = set()
    for row in re.findall(r"^\| `hustings ([^` ]+)", table, re.M):
        named.add("app" if row.startswith("[") else row)
    assert named == set(build_cli()[1])


def test_the_legend_and_footnote_name_every_flag() -> None:
    rows = dict(legend())
    for kind in FlagKind:
        assert rows[f"{kind.symbol} {kind.legend}"] == kind.meaning
        assert kind.symbol in footnote()


def test_every_flag_code_is_unique() -> None:
    codes = [kind.code for kind in FlagKind]
    assert len(codes) == len(set(codes))


def test_the_worked_example_passes_check(cli, tmp_path: Path) -> None:
    """The guide's article paragraph, archived, and its claims, checked for real."""
    paragraph = re.search(r"\n> (Jane Doe.*?)\n\n", README, re.S)
    claims = re.search(r"```toml\n(\[\[claims\]\].*?)```", README, re.S)
    assert paragraph and claims
    article = " ".join(line.removeprefix("> ") for line in paragraph.group(1).splitlines())
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "anytown-gazette.txt").write_text(
        "Headline: not stated\nPublisher: Anytown Gazette\nAuthor: not stated\n"
        f"Date: not stated\n---\n{article}\n",
        "utf-8",
    )
    header = (
        'format = 1\nid = "jane-doe"\n\n[who]\nname = "Jane Doe"\nparty = "Green"\n'
        'role = "candidate for mayor"\nrace = "Anytown mayoral election"\nscope = "Anytown"\n\n'
        '[[sources]]\nid = "anytown-gazette"\nheadline = "not stated"\n'
        'publisher = "Anytown Gazette"\nauthor = "not stated"\ndate = "not stated"\n'
        'archive = "sources/anytown-gazette.txt"\n\n'
    )
    (tmp_path / "jane-doe.toml").write_text(header + claims.group(1), "utf-8")
    result = cli("check", str(tmp_path / "jane-doe.toml"))
    assert result.code == 0, result.out
