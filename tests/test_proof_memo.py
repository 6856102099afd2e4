"""A claim that several files repeat is proven once per load, but one file's proofs are never
handed to another whose source says something else."""

from __future__ import annotations

from pathlib import Path

import pytest

from hustings.proof.load import load_paths

from .conftest import POLICIES

KHAN = (POLICIES / "khan.toml").read_text("utf-8")
AUTHOR = 'author = "Noah Vickers, Local Democracy Reporter"'
NAMES = KHAN[KHAN.index("[[sources.names]]") :].partition("\n\n")[0]  # the Mayor is Khan

# (what differs in the copy's source, old, new, the claims whose speaker then fails)
CHANGES = [
    ("the author", AUTHOR, 'author = "Noah Vickers"',
     {"met-recruitment-target", "met-recruited", "missed-recruitment-target"}),
    ("the names", NAMES, "", {"asked-2000-first-round", "asked-6000-total", "reasons-2019",
                              "lobbying-criticised"}),
]  # fmt: skip


@pytest.mark.parametrize("copy_name", ["khan-copy.toml", "khan~copy.toml"])  # before, after
@pytest.mark.parametrize(("what", "old", "new", "failing"), CHANGES, ids=[c[0] for c in CHANGES])
def test_a_copied_file_with_another_source_is_proven_on_its_own(
    policy_copy: Path, copy_name: str, what: str, old: str, new: str, failing: set[str]
) -> None:
    assert KHAN.count(old) == 1 and KHAN.count('id = "khan"') == 1
    copy = KHAN.replace(old, new).replace('id = "khan"', 'id = "khan-copy"')
    (policy_copy / copy_name).write_text(copy, "utf-8")
    problems = [p for p in load_paths([policy_copy]).problems if p.claim_id is not None]
    assert {p.claim_id for p in problems if p.path.endswith(copy_name)} == failing
    assert all(p.field is not None and p.field.endswith(".speaker") for p in problems)
    assert not [p for p in problems if p.path.endswith("khan.toml")]
