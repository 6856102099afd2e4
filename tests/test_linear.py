"""`hustings read` and the app's screen-reader layout say a claim in the same words, in the
same order: both are made from tui/output/linear.py."""

from __future__ import annotations

import re

from hustings.compare.comparison import ROWS, compare
from hustings.output.linear import announcement, candidate_summary, linear_lines
from hustings.output.spoken import claim_sentences
from hustings.proof.load import load_paths


def every_claim():
    comparison = compare(load_paths([]))
    for row in comparison.rows:
        for policy, cell in zip(comparison.policies, row.cells, strict=True):
            for number, view in enumerate(cell, start=1):
                yield policy, row, view, number, len(cell)


def test_the_announcement_says_what_read_says_first_and_in_its_order() -> None:
    read = list(linear_lines(compare(load_paths([]))))
    for policy, row, view, number, count in every_claim():
        first, *more = announcement(view, policy.name, row.spec.label, number, count)
        rest = " ".join(more)
        sentences = claim_sentences(view)
        assert first.startswith(f"{policy.name}, {row.spec.label}.")
        assert (f"Claim {number} of {count}." in rest) == (count > 1)
        figure = re.search(r"Figure: (.*)\.$", first)
        if view.headline is not None:  # read's figure sentence, without what it counts
            assert figure is not None and sentences[0].startswith(f"Figure: {figure.group(1)}")
        flags = re.search(r"Flags: (.*?)\.(?: Not proven\.)?$", rest)
        listed = flags.group(1).split("; ") if flags else []
        where = [next(i for i, line in enumerate(sentences) if line.startswith(f"Flag, {name}: "))
                 for name in listed]  # fmt: skip
        assert where == sorted(where)  # each flag as read names it, in read's order
        assert len(listed) == len({line for line in sentences if line.startswith("Flag, ")})
        assert all(line in read for line in sentences)  # read prints every one of them


def test_a_candidates_overview_line_names_every_topic_in_words() -> None:
    comparison = compare(load_paths([]))
    khan = next(i for i, p in enumerate(comparison.policies) if p.id == "khan")
    cells = [(row.spec, row.cells[khan]) for row in comparison.rows]
    line = candidate_summary("Sadiq Khan · Labour", cells)
    assert line.startswith(
        "Sadiq Khan · Labour. Officer numbers: around 1,300, 2024; flags: conditional"
    )
    positions = [line.index(f"{spec.label}:") for spec in ROWS]
    assert positions == sorted(positions)  # the topics in the table's order
    assert not re.search(r"[◆≠⊂⊃«✗]", line)  # words, not the table's symbols
    # 15 record claims: the older-context flag is one of theirs, not the first figure's
    assert "Record and criticism: 4,557, 2024, and 14 more; flags among the 15: " in line
