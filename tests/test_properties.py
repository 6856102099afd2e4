"""Property tests: any document either loads or raises the project's own PolicyError."""

from __future__ import annotations

import string

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hustings.policy.problems import PolicyError, Problem
from hustings.proof.load import decode_policy_bytes, load_policy_text

from .conftest import BAD

VALID = (BAD / "_valid.toml.txt").read_text(encoding="utf-8")

# TOML has no null, so the leaves are the scalar types it can hold.
scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.text(max_size=20),
)
keys = st.sampled_from(
    [
        "format",
        "id",
        "who",
        "sources",
        "claims",
        "name",
        "officers",
        "money",
        "number",
        "kinds",
        "amount",
        "quote",
        "topic",
        "x",
    ]
)
trees = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=20,
)


def _loads_or_policy_error(text: str) -> None:
    try:
        load_policy_text(text, "prop.toml")
    except PolicyError as exc:
        assert exc.problems, "a PolicyError always carries at least one problem"
        assert all(isinstance(p, Problem) and "\n" not in str(p) for p in exc.problems)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=string.printable + "[]{}=\"'#\n“”£\x00\x1b", max_size=200))
def test_any_text_loads_or_raises_policy_error(text: str) -> None:
    _loads_or_policy_error(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(keys, trees, max_size=6))
def test_any_toml_document_loads_or_raises_policy_error(document: dict) -> None:
    _loads_or_policy_error(tomli_w.dumps(document))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=len(VALID) - 1), st.text(max_size=5))
def test_any_edit_of_a_valid_file_loads_or_raises_policy_error(at: int, insert: str) -> None:
    _loads_or_policy_error(VALID[:at] + insert + VALID[at + 1 :])


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_decode_or_give_one_problem(data: bytes) -> None:
    text, problems = decode_policy_bytes(data, "bytes.toml")
    assert (text is None) == bool(problems)
    if text is not None:
        _loads_or_policy_error(text)
