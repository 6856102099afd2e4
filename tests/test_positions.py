"""Field paths to line and column: arrays of tables, sub-tables, inline tables, strings that lie."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import rtoml
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from hustings.policy.positions import Place, TomlPlaces, join_index, join_key, parent_path

TRICKY = (Path(__file__).parent / "fixtures" / "tricky_places.toml").read_text(encoding="utf-8")


def test_the_tricky_fixture_is_valid_toml() -> None:
    """The fixture's traps (a `[[claims]]` inside strings and comments) are data, not tables."""
    document = rtoml.loads(TRICKY)
    assert len(document["claims"]) == 2
    assert "[[claims]]" in document["sources"][0]["note"]


@pytest.mark.parametrize(
    ("field", "line", "col"),
    [
        ("format", 2, 1),  # a comment holding "x = [" does not open an array
        ("who.name", 6, 1),
        ("who.party", 7, 1),  # a quoted key
        ("sources[0]", 9, 1),
        ("sources[0].archive", 15, 1),  # after a multi-line string that holds `[[claims]]`
        ("claims[0]", 17, 1),  # the first [[claims]] is claims[0]
        ("claims[0].quote", 19, 1),  # a literal multi-line string ending in ''''
        ("claims[0].money", 21, 1),  # an inline table
        ("claims[0].money.kind", 21, 23),
        ("claims[1].id", 24, 1),
        ("claims[1].extra", 25, 1),  # a dotted key with spaces and a quoted part
        ("claims[1].extra.num", 25, 9),
        ("claims[1].conditional_on[1]", 28, 3),  # past a comment holding "]"
        ("claims[1].officers", 31, 1),  # [claims.officers] belongs to the latest claim
        ("claims[1].officers.kinds[1]", 32, 19),
    ],
)
def test_find_gives_the_line_and_column_of_each_kind_of_key(field: str, line: int, col: int):
    assert TomlPlaces(TRICKY).find(field) == Place(line, col)


def test_a_missing_key_has_no_place_of_its_own_but_its_table_has() -> None:
    places = TomlPlaces(TRICKY)
    assert places.find("claims[1].summary") is None
    assert places.nearest("claims[1].summary") == Place(23, 1)
    assert places.nearest("who.role") == Place(5, 1)
    assert places.nearest("nothing") is None
    assert TomlPlaces(TRICKY).nearest("claims[1].officers.kinds[7]") == Place(32, 1)


def test_parent_path_climbs_keys_and_indexes() -> None:
    assert parent_path("claims[2].officers.kinds[1]") == "claims[2].officers.kinds"
    assert parent_path("claims[2].officers.kinds") == "claims[2].officers"
    assert parent_path("claims[2]") == "claims"
    assert parent_path("claims") == ""


def test_escaped_quote_marks_in_keys_and_values() -> None:
    text = 'a = "say \\"[[b]]\\" = 1"\n"k\\u0065y" = 2\n[[b]]\nc = 3\n'
    places = TomlPlaces(text)
    assert places.find("key") == Place(2, 1)
    assert places.find("b[0].c") == Place(4, 1)
    assert places.find("b[1]") is None


def test_arrays_of_tables_under_a_claim_and_crlf_line_ends() -> None:
    text = "[[claims]]\r\nid = 'a'\r\n[[claims.links]]\r\nto = 1\r\n[[claims.links]]\r\nto = 2\r\n"
    places = TomlPlaces(text)
    assert places.find("claims[0].links[1].to") == Place(6, 1)


# -- properties: any generated document, any text ------------------------------------------

_KEYS = st.sampled_from(["id", "quote", "a b", "x.y", 'q"t', "[[claims]]", "é", "k-1", "="])
_STRINGS = st.lists(
    st.sampled_from([*"ab =[]{}#\"'\\\n\t.,", "\u2028", "é", "'''", '"""']), max_size=8
).map("".join)
_SCALARS = st.one_of(st.integers(), st.booleans(), _STRINGS)
_TABLES = st.recursive(
    st.dictionaries(_KEYS, _SCALARS, max_size=3),
    lambda inner: st.dictionaries(
        _KEYS,
        st.one_of(_SCALARS, inner, st.lists(inner, min_size=1, max_size=3), st.lists(_SCALARS)),
        max_size=4,
    ),
    max_leaves=20,
)


def _paths(value: Any, path: str = "") -> list[tuple[str, Any]]:
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            child = join_key(path, key)
            found.append((child, key))
            found += _paths(item, child)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            child = join_index(path, index)
            found.append((child, None))
            found += _paths(item, child)
    return found


@settings(max_examples=150, deadline=None)
@given(document=_TABLES, multiline=st.booleans())
def test_every_path_of_a_generated_document_is_found_at_its_key(
    document: dict, multiline: bool
) -> None:
    """tomli-w writes headers, dotted sub-tables, arrays and (optionally) multi-line strings."""
    text = tomli_w.dumps(document, multiline_strings=multiline)
    lines = text.split("\n")
    places = TomlPlaces(text)
    for field, key in _paths(document):
        place = places.find(field)
        assert place is not None, (field, text)
        at = lines[place.line - 1][place.col - 1 :]
        if key is not None:
            spelled = (key, tomli_w.dumps({key: 0}).split(" = ")[0], f"[{key}]", f"[[{key}]]")
            assert at.startswith(spelled) or at.startswith("["), (field, at, text)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab=[]{}.,#\"'\\\n \t")), max_size=200))
def test_any_text_is_scanned_without_error(text: str) -> None:
    places = TomlPlaces(text)
    places.nearest("a.b[0]")
