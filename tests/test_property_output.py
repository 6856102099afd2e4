"""Property: whatever text a policy file holds, in whatever field, no control byte reaches what
`check` prints or what `table` draws; only the table's own styling codes do, on a terminal.
"""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path

import rtoml
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from hustings.compare.comparison import compare
from hustings.output.table import print_table
from hustings.proof.load import load_paths

from .conftest import BAD

VALID = rtoml.loads((BAD / "_valid.toml.txt").read_text("utf-8"))
ARCHIVE = (BAD / "sources" / "article.txt").read_bytes()
# C0 controls but newline, DEL, C1 controls: as characters, so UTF-8 multi-byte text is fine.
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
# What Rich itself writes on a terminal: SGR styling, and nothing else.
OWN_STYLING = re.compile(r"\x1b\[[0-9;]*m")
FIELDS = (
    ("who", "name"), ("who", "party"), ("who", "race"), ("who", "scope"),
    ("sources", 0, "headline"), ("sources", 0, "author"), ("claims", 0, "summary"),
    ("claims", 0, "speaker"), ("claims", 0, "quote"), ("claims", 0, "officers", "scope"),
    ("claims", 0, "officers", "timeframe"), ("claims", 0, "note"), ("id",), ("claims", 0, "id"),
    ("x-unknown-key",),
)  # fmt: skip
hostile = st.text(
    alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zl", "Zp", "L", "P", "S"]),
    min_size=1,
    max_size=30,
)


def put(document: dict, path: tuple, value: str) -> dict:
    node = document
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return document


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FIELDS), hostile, hostile)
def test_no_control_character_reaches_check_or_the_table(path, text, key) -> None:
    document = put(rtoml.loads(tomli_w.dumps(VALID)), path, text)
    document[key] = 1  # an unknown key, named by the attacker
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "sources").mkdir()
        (Path(folder) / "sources" / "article.txt").write_bytes(ARCHIVE)
        (Path(folder) / "p.toml").write_text(tomli_w.dumps(document), "utf-8")
        result = load_paths([folder])
        for problem in result.problems:
            line = str(problem)
            assert not CONTROL.search(line), repr(line)
            assert "\n" not in line
        comparison = compare(result)
        for terminal in (False, True):
            out = io.StringIO()
            console = Console(file=out, width=100, force_terminal=terminal, color_system="standard")
            print_table(comparison, console)
            drawn = OWN_STYLING.sub("", out.getvalue())
            assert not CONTROL.search(drawn), repr(CONTROL.findall(drawn))
