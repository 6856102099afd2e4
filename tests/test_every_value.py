"""No value the format allows can crash anything: check, compare, every writer, read, the app.

The values come from the format's own types (format_values.py walks them), so a value added to
a closed set is driven through everything here without anyone listing it again.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from hustings.compare.comparison import as_shown, compare
from hustings.output.csv_writer import render_csv
from hustings.output.export_schema import Export
from hustings.output.json_writer import render_json
from hustings.output.linear import render_linear
from hustings.output.markdown import render_markdown
from hustings.output.problem_formats import render_problems
from hustings.output.table import print_table
from hustings.policy.model import (
    ATTRIBUTION_VERB,
    ATTRIBUTION_VERBS,
    KIND_CARRIERS,
    MONEY_KIND_CARRIERS,
    MONEY_KINDS,
    OFFICER_KINDS,
    QUALIFIER_BOUND,
    QUALIFIERS,
    QUOTE_KINDS,
    READABLE_FIELDS,
    RELATIONS,
    SPEAKER_ROLES,
    TOPICS,
)
from hustings.proof.checks import TOPIC_FIGURES
from hustings.proof.load import load_paths

from .format_values import closed_sets, every_value_documents, policy_documents, write_set


def run_everything(folder: Path) -> str:
    """Load (check), compare, and write every view; return the table as text."""
    loaded = load_paths([folder])
    render_problems(loaded.problems, "text")
    render_problems(loaded.problems, "json")
    render_problems(loaded.problems, "github")
    comparison = compare(loaded)
    for ids in ({p.id for p in comparison.policies}, {p.id for p in comparison.policies[:1]}):
        as_shown(comparison, ids)
    render_linear(comparison)
    render_markdown(comparison)
    render_csv(comparison)
    msgspec.json.decode(render_json(comparison), type=Export)  # valid against its own schema
    console = Console(width=100, record=True, file=io.StringIO())
    print_table(comparison, console)
    return console.export_text()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(policy_documents(), min_size=1, max_size=2))
def test_any_policy_the_format_allows_runs_through_every_view(documents) -> None:
    with tempfile.TemporaryDirectory() as folder:
        write_set(Path(folder), documents)
        run_everything(Path(folder))


def test_every_closed_set_value_is_drawn_and_shown(tmp_path: Path) -> None:
    """Every value of every closed set, in one set: each view runs, and check proves the
    figures (a qualifier of any kind, "under" included, is read and shown)."""
    write_set(tmp_path, every_value_documents())
    table = run_everything(tmp_path)
    for qualifier in QUALIFIERS:
        assert f"{qualifier} 1,300" in table


def test_the_strategy_draws_from_every_closed_set_of_the_model() -> None:
    """The closed sets the walker finds are the model's, every one of them."""
    found = {(table, field): set(values) for table, field, values in closed_sets()}
    assert found[("Claim", "topic")] == set(TOPICS)
    assert found[("Claim", "quote_kind")] == set(QUOTE_KINDS)
    assert found[("Claim", "speaker_role")] == set(SPEAKER_ROLES)
    assert found[("Officers", "qualifier")] == set(QUALIFIERS)
    assert found[("Officers", "kinds")] == {*OFFICER_KINDS, "not stated"}
    assert found[("Money", "kind")] == {*MONEY_KINDS, "not stated"}


def test_tables_keyed_by_a_closed_set_cover_all_of_it() -> None:
    """What is said about each value (its figure table, its bound) is said about every value."""
    assert set(TOPIC_FIGURES) == set(TOPICS)
    assert set(QUALIFIER_BOUND) == set(QUALIFIERS)
    assert set(KIND_CARRIERS) == set(OFFICER_KINDS)
    assert set(MONEY_KIND_CARRIERS) == set(MONEY_KINDS)
    assert set(ATTRIBUTION_VERB) == set(SPEAKER_ROLES)
    assert set(ATTRIBUTION_VERB.values()) <= set(ATTRIBUTION_VERBS)
    from hustings.compare.comparison import FIELD_WORDS

    assert set(READABLE_FIELDS) <= set(FIELD_WORDS)
    from hustings.compare.comparison import ROWS

    assert sorted(topic for spec in ROWS for topic in spec.topics) == sorted(TOPICS)
    from hustings.output.datapackage import TABLES

    (relation,) = (column for column in TABLES["relations"][1] if column.name == "relation")
    assert relation.field["constraints"]["enum"] == list(RELATIONS)
    assert all(f"{name} (" in relation.field["description"] for name in RELATIONS)


def test_every_relation_of_the_model_is_followed_by_check() -> None:
    """A claim using every relation field yields one reference of each relation."""
    from hustings.policy.model import Claim, Money, Officers
    from hustings.policy.references import references

    claim = Claim(
        id="x", topic="record", summary="s", quote="q", speaker="s", speaker_role="reporter",
        source="s", conditional_on=["c"], part_of="w", responds_to=["r"],
        officers=Officers(number=1, kinds="not stated", scope="s", against="t"),
        money=Money(amount=1, kind="savings", scope="s", pays_for="o"),
    )  # fmt: skip
    assert {reference.relation for reference in references(claim, 0)} == set(RELATIONS)


async def test_the_app_shows_every_value_the_format_allows(tmp_path: Path) -> None:
    """A pilot run over a set holding every closed-set value: the panes, a trace of each
    candidate's first claim, and the help screen draw without an error."""
    from hustings.app.main import build_app

    paths = write_set(tmp_path, every_value_documents())
    app = build_app([str(path) for path in paths])
    async with app.run_test(size=(120, 40)) as pilot:
        keys = ("right", "enter", "escape", "right", "down", "enter", "escape", "question_mark")
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        assert app.return_code is None  # still running: nothing raised
