"""Where a text names a speaker is found without compiling a pattern for every file's speakers,
and always in exactly the places the pattern would find."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from hustings.proof.field_proofs import LOOKALIKES, Namer

NON_ASCII = "".join(chr(c) for c in range(0x80, sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


def test_only_the_lookalikes_are_read_as_ascii_when_case_is_ignored() -> None:
    read_as_ascii = set()
    for char in map(chr, range(128)):
        read_as_ascii.update(re.findall(re.escape(char), NON_ASCII, re.IGNORECASE))
    assert read_as_ascii == set(LOOKALIKES)


def test_lower_casing_keeps_other_text_as_long_and_never_makes_it_ascii() -> None:
    others = re.sub(f"[{LOOKALIKES}]", "", NON_ASCII)
    lowered = others.lower()
    assert len(lowered) == len(others)
    assert re.search(r"[\x00-\x7f]", lowered) is None


NAME_WORDS = ["Hall", "Susan", "City", "Khan", "Sadiq", "al-Sadiq", "Zoë", "hall", "Mr", "Met",
              "Ha", "O'Neil", "3", "of"]  # fmt: skip
OTHER_WORDS = ["said", "the", "Mayor", "HALL", "Halls", "İstanbul", "Hıll", "ſusan", "\u212ahan",
               "£38m", "_x", "élan", "CITY", "halL", "susan"]  # fmt: skip
SEPARATORS = [" ", " ", "-", "", ", ", "'s ", ". ", "_", "\u00a0"]
names = st.lists(st.sampled_from(NAME_WORDS), min_size=1, max_size=3).map(" ".join)
speakers = st.lists(
    st.tuples(names, st.sampled_from(["", ", City mayor", ", Met"])).map("".join),
    min_size=1,
    max_size=4,
)
texts = st.lists(
    st.tuples(st.sampled_from(NAME_WORDS + OTHER_WORDS), st.sampled_from(SEPARATORS)).map("".join),
    max_size=30,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(speakers, st.lists(st.tuples(names, names), max_size=2), texts)
def test_the_quick_search_finds_what_the_pattern_finds(
    who: list[str], called: list[tuple[str, str]], text: str
) -> None:
    namer = Namer(who, called)
    by_pattern = Namer(who, called)
    by_pattern.plain = False  # as for a name or a text the quick search does not read
    assert list(namer.form_spans(text)) == [m.span() for m in namer.pattern.finditer(text)]
    assert namer.namings(text) == by_pattern.namings(text)


def test_a_file_whose_texts_need_no_pattern_never_compiles_one() -> None:
    namer = Namer(["Susan Hall, City Hall Conservatives"])
    text = "City Hall Conservatives said Ms Hall would."
    assert namer.namings(text) == [(0, 23, "Susan Hall"), (32, 36, "Susan Hall")]
    assert namer._pattern is None
