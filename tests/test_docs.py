"""The documents say what the code does: tables made from one definition are checked here."""

from __future__ import annotations

from tui.flags import FlagKind, footnote, legend, readme_table

from .conftest import POLICIES


def test_the_readme_flag_table_is_the_flag_vocabulary() -> None:
    """policies/README.md's table between the flag markers is exactly `readme_table()`."""
    readme = (POLICIES / "README.md").read_text("utf-8")
    start = readme.index("<!-- flags:")
    table = readme[readme.index("\n", start) + 1 : readme.index("<!-- /flags -->")].rstrip("\n")
    assert table == readme_table(), (
        "regenerate it: uv run python -c 'from tui.flags import *; print(readme_table())'"
    )


def test_the_legend_and_footnote_name_every_flag() -> None:
    rows = dict(legend())
    for kind in FlagKind:
        assert rows[f"{kind.symbol} {kind.legend}"] == kind.meaning
        assert kind.symbol in footnote()


def test_every_code_is_unique() -> None:
    codes = [kind.code for kind in FlagKind]
    assert len(codes) == len(set(codes))
