"""Races as data: the index groups files by ballot without loading them, and only the chosen
race is loaded and compared; `--election` picks one race on the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hustings.compare.comparison import PARTY_ORDER_NOTE, compare
from hustings.policy.problem_codes import Code
from hustings.proof.elections import election_problem, shaped_like_an_id
from hustings.proof.load import load_paths
from hustings.races.index import ELECTION_NOT_VALID, RACE_NOT_STATED, index_paths, read_entry

from .conftest import POLICIES, ROOT

RACES = ROOT / "tests" / "races"
NORTHFIELD = "parl.northfield.2024-07-04"


def test_the_index_groups_files_by_election_alphabetically_by_name() -> None:
    index = index_paths([RACES])
    assert [race.election for race in index.races] == [
        "parl.eastford.2024-07-04",
        NORTHFIELD,
        "parl.southbrook.2024-07-04",
        "parl.westham.2024-07-04",
    ]
    northfield = index.find(NORTHFIELD)
    assert northfield is not None and len(northfield.candidates) == 13
    assert northfield.name == "Northfield (fictional constituency), 4 July 2024"


def test_a_party_policy_naming_no_election_goes_with_each_race_where_the_party_stands() -> None:
    index = index_paths([RACES])
    westham = index.find("parl.westham.2024-07-04")
    assert westham is not None
    assert {e.party for e in westham.candidates} == {"Harbour Party", "Meadow Party"}
    assert [Path(e.path).name for e in westham.party_policies] == [
        "party-harbour-party.toml",
        "party-meadow-party.toml",
    ]
    # Each in every race of its party, and never in a race where the party does not stand.
    lantern = [r.election for r in index.races if any(
        e.party == "Lantern Party" for e in r.party_policies)]  # fmt: skip
    assert lantern == ["parl.eastford.2024-07-04", NORTHFIELD, "parl.southbrook.2024-07-04"]


def test_only_the_chosen_race_is_loaded_and_party_policies_sit_beside_their_candidate() -> None:
    index = index_paths([RACES])
    race = index.find("parl.westham.2024-07-04")
    assert race is not None
    comparison = compare(index.load(race))
    assert [p.id for p in comparison.policies] == [
        "westham-01",  # Ada Ashdown, Harbour Party
        "party-harbour-party",
        "westham-02",  # Bram Marrowby, Meadow Party
        "party-meadow-party",
    ]
    assert comparison.election == "parl.westham.2024-07-04"


def test_in_a_big_race_each_party_policy_follows_its_candidate_and_the_note_says_so() -> None:
    index = index_paths([RACES])
    race = index.find(NORTHFIELD)
    assert race is not None
    policies = [p.policy for p in compare(index.load(race)).policies]
    assert len(policies) == 16
    for at, policy in enumerate(policies):
        if policy.who.election is None:
            before = policies[at - 1]
            assert before.who.party == policy.who.party and before.who.election == NORTHFIELD
    candidates = [p.who.name.split()[-1] for p in policies if p.who.election]
    assert candidates == sorted(candidates)  # the published rule: by surname
    assert compare(index.load(race)).order_note == PARTY_ORDER_NOTE


def test_the_bundled_race_keeps_its_order_and_note() -> None:
    index = index_paths([POLICIES])
    (race,) = index.races
    assert race.election == "mayor.london.2024-05-02"
    assert [Path(e.path).name for e in race.party_policies] == ["labour.toml"]
    comparison = compare(index.load(race))
    assert [p.id for p in comparison.policies] == [
        "amin", "binface", "blackie", "campbell", "cox", "gallagher", "garbett", "ghulati",
        "hall", "khan", "labour", "michli", "rose", "scanlon",
    ]  # fmt: skip
    assert comparison.order_note == compare(load_paths([POLICIES])).order_note


def test_files_naming_no_election_and_unreadable_files_are_not_lost(tmp_path: Path) -> None:
    shutil.copytree(RACES, tmp_path / "races")
    text = (tmp_path / "races" / "westham-01.toml").read_text("utf-8")
    alone = text.replace('election = "parl.westham.2024-07-04"\n', "").replace(
        'party = "Harbour Party"', 'party = "Independent"'
    )
    (tmp_path / "races" / "alone.toml").write_text(alone.replace("westham-01", "alone"), "utf-8")
    (tmp_path / "races" / "broken.toml").write_text("format = 1\n[who\n", "utf-8")
    index = index_paths([tmp_path / "races"])
    last = index.races[-1]
    assert last.election is None and last.name == RACE_NOT_STATED
    assert [Path(e.path).name for e in last.candidates] == ["alone.toml"]
    assert index.find("Race not stated") is last
    # The broken file's problem shows whichever race is loaded.
    for race in (last, index.races[0]):
        problems = index.load(race).problems
        assert any("broken.toml:2" in str(p) for p in problems), problems


def test_who_is_read_from_its_table_alone_even_with_brackets_in_strings(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text(
        'format = 1\nid = "a"\n[who]\nname = "A [B]"\nparty = "P"\nrace = "R"\n'
        'election = "parl.x.2024-07-04"\n[[claims]]\nquote = """\n[not a table]\n"""\n',
        "utf-8",
    )
    entry = read_entry(str(path))
    assert entry is not None
    assert (entry.name, entry.party, entry.election) == ("A [B]", "P", "parl.x.2024-07-04")


def test_an_election_id_democracy_club_would_not_issue_is_a_problem_with_its_line(
    policy_copy: Path,
) -> None:
    path = policy_copy / "khan.toml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("mayor.london.2024-05-02", "mayr.london.2024-05-02"), "utf-8")
    problems = [p for p in load_paths([path]).problems if p.code == Code.ELECTION_ID]
    assert len(problems) == 1
    line = next(
        n for n, row in enumerate(text.splitlines(), 1) if row.startswith("election =")
    )  # the same line in the edited file: only the id changed
    assert problems[0].line == line
    assert "mayr.london.2024-05-02" in str(problems[0])


@pytest.mark.parametrize("command", [["table"], ["read"], ["export", "--format", "json"]])
def test_election_picks_one_race_on_the_command_line(cli, command) -> None:
    result = cli(*command, str(RACES), "--election", "parl.westham.2024-07-04")
    assert result.code == 0, result.err
    assert "Ada Ashdown" in result.out and "Bram Marrowby" in result.out
    assert "Northfield" not in result.out and "Eastford" not in result.out


def test_export_of_one_race_holds_only_its_policies(cli) -> None:
    result = cli("export", "--format", "json", str(RACES), "--election", NORTHFIELD)
    exported = json.loads(result.out)
    text = json.dumps(exported)
    assert text.count('"parl.northfield.2024-07-04"') >= 13
    assert "Westham" not in text


@pytest.mark.parametrize("command", [["table"], ["read"], ["export", "--format", "csv"]])
def test_an_unknown_election_is_one_line_with_the_nearest_id(cli, command) -> None:
    result = cli(*command, str(RACES), "--election", "parl.northfeld.2024-07-04")
    assert result.code == 2
    assert result.out == ""
    assert result.err.strip().count("\n") == 0
    assert 'did you mean "parl.northfield.2024-07-04"' in result.err


@pytest.mark.parametrize("command", [["table"], ["read"], ["export", "--format", "csv"]])
def test_files_of_several_races_need_an_election_to_be_compared(cli, command) -> None:
    """Without --election, four constituencies would be one table of strangers side by side."""
    result = cli(*command, str(RACES))
    assert result.code == 2
    assert result.out == ""
    assert result.err.strip().count("\n") == 0
    assert "these files name 4 elections; choose one with --election ID" in result.err
    assert '"parl.eastford.2024-07-04"' in result.err


def test_read_counts_policies_not_candidates(cli) -> None:
    """A party's national policy is compared beside its candidates; it is not one of them."""
    result = cli("read", str(RACES), "--election", "parl.westham.2024-07-04")
    assert result.out.startswith("hustings: what the candidates promise. 4 policies: Ada")


def test_a_who_table_quoted_inside_a_string_does_not_file_a_candidate_in_another_race(
    tmp_path: Path,
) -> None:
    """A headline that quotes a whole [who] table, before the real one: the file is filed under
    the ballot its real [who] names (the whole file is read to know which is real)."""
    shutil.copytree(RACES, tmp_path / "races")
    path = tmp_path / "races" / "westham-01.toml"
    decoy = (
        'headline = \'\'\'\n[who]\nname = "Fake"\nparty = "Harbour Party"\n'
        "election = \"parl.eastford.2024-07-04\"\n[end of quote]\n'''\n"
    )
    text = path.read_text("utf-8")
    who, sources, claims = (text.index(h) for h in ("[who]", "[[sources]]", "[[claims]]"))
    source = text[sources:claims].replace("[[sources]]\n", "[[sources]]\n" + decoy, 1)
    source = source.replace('headline = "Fictional hustings report"\n', "", 1)
    # The sources (with the decoy) now come before the real [who]: still a valid policy.
    path.write_text(text[:who] + source + text[who:sources] + text[claims:], "utf-8")
    problems = load_paths([tmp_path / "races"]).problems
    assert not problems, problems
    entry = read_entry(str(path))
    assert entry is not None and entry.election == "parl.westham.2024-07-04"
    index = index_paths([tmp_path / "races"])
    eastford = index.find("parl.eastford.2024-07-04")
    assert eastford is not None
    assert "westham-01.toml" not in [Path(e.path).name for e in eastford.candidates]


@pytest.mark.parametrize(
    "election",
    ["PARL.Westham.2024-07-04", " parl.westham.2024-07-04 ", "parl.westham.2024-13-45", "x"],
)
def test_an_election_id_no_ballot_has_is_never_a_race_of_its_own(tmp_path, election) -> None:
    shutil.copytree(RACES, tmp_path / "races")
    path = tmp_path / "races" / "westham-01.toml"
    text = path.read_text("utf-8")
    path.write_text(text.replace('"parl.westham.2024-07-04"', f'"{election}"', 1), "utf-8")
    index = index_paths([tmp_path / "races"])
    assert election not in [race.election for race in index.races]
    last = index.races[-1]
    assert (last.election, last.name) == (None, ELECTION_NOT_VALID)
    assert [Path(e.path).name for e in last.candidates] == ["westham-01.toml"]
    assert index.find("election id not valid") is last
    problems = [str(p) for p in index.load(last).problems]
    assert any("westham-01.toml" in p and "who.election" in p for p in problems), problems


VALID_IDS = ["mayor.london.2024-05-02", "parl.ashbridge.2024-07-04", "parl.2024-07-04",
             "nia.belfast-east.2022-05-05", "sp.c.glasgow-kelvin.2021-05-06",
             "gla.c.barnet-and-camden.2024-05-02", "pcc.avon-and-somerset.2024-05-02",
             "local.city-of-london.aldersgate.by.2025-03-20",
             "senedd.r.cardiff-penarth.2026-05-07"]  # fmt: skip
NOT_SHAPED = ["PARL.Westham.2024-07-04", " parl.westham.2024-07-04 ", "parl.westham.2024-13-45",
              "", "x", "parl.\x1b[31mwestham.2024-07-04", "parl.west\u202eham.2024-07-04",
              "parl." + "w" * 5000 + ".2024-07-04"]  # fmt: skip


@pytest.mark.parametrize("election", VALID_IDS)
def test_the_index_files_every_id_democracy_club_would_issue_as_a_race(election) -> None:
    """The index's quick test of shape never turns away an id the package accepts."""
    assert election_problem(election) is None
    assert shaped_like_an_id(election)


@pytest.mark.parametrize("election", NOT_SHAPED)
def test_an_id_not_shaped_like_one_is_refused_by_both(election) -> None:
    assert not shaped_like_an_id(election)
    assert election_problem(election) is not None
