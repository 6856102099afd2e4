"""`hustings claims`: every figure of the bundled files found in their two articles, each draft
proven by `check` once uncommented (speaker, fields, summary), the speaker only where the words
name one, a field only where words carry it."""

from __future__ import annotations

from pathlib import Path

import pytest
import rtoml

from hustings.policy.model import REPORTER_NOT_NAMED
from hustings.proof.drafts.drafting import MAX_PER_SENTENCE, draft_claims
from hustings.proof.figures import read_figures
from hustings.proof.header import parse_date, read_header

from .conftest import POLICIES

CANDIDATES = POLICIES / "sources" / "london-mayor-2024-candidates.txt"
ARCHIVES = sorted(set((POLICIES / "sources").glob("*.txt")) - {CANDIDATES})  # the articles


def test_a_list_of_candidates_is_no_article_to_draft_from(cli) -> None:
    result = cli("claims", str(CANDIDATES))
    assert result.code == 1
    assert "a list of candidates, not an article: no claim may quote it" in result.err


def _bundled_figures(archive: Path) -> set[tuple[int, bool, bool, str | None]]:
    """(value, money, approximate, qualifier) of every figure the bundled files give from
    this archive, read from them as they are now: their figure tables, and the figures their
    table-less quotes state (a figure kept as words is still one the article carries)."""
    found: set[tuple[int, bool, bool, str | None]] = set()
    for path in POLICIES.glob("*.toml"):
        policy = rtoml.loads(path.read_text("utf-8"))
        archives = {s["id"]: s["archive"] for s in policy["sources"]}
        for claim in policy["claims"]:
            if archives[claim["source"]] != f"sources/{archive.name}":
                continue
            officers, money = claim.get("officers"), claim.get("money")
            if officers and isinstance(officers["number"], int):
                found.add((officers["number"], False, officers.get("approximate", False),
                           officers.get("qualifier")))  # fmt: skip
            if money and isinstance(money["amount"], int):
                found.add((money["amount"], True, False, None))
            if not officers and not money:
                found.update(
                    (f.value, f.money, f.approximate, f.qualifier)
                    for f in read_figures(claim["quote"])
                    if f.value >= 1000  # "the 43 forces" counts forces, not people
                )
    return found


def _drafted(toml_text: str) -> set[tuple[int, bool, bool, str | None]]:
    found = set()
    for claim in rtoml.loads(toml_text).get("claims", []):
        if "officers" in claim:
            figure = claim["officers"]
            found.add((figure["number"], False, figure.get("approximate", False),
                       figure.get("qualifier")))  # fmt: skip
        if "money" in claim:
            found.add((claim["money"]["amount"], True, False, None))
    return found


@pytest.mark.parametrize("archive", ARCHIVES, ids=lambda p: p.stem)
def test_every_figure_the_bundled_files_use_is_drafted(cli, archive: Path) -> None:
    result = cli("claims", str(archive))
    assert result.code == 0, result.err
    wanted = _bundled_figures(archive)
    assert wanted, f"no bundled file gives a figure from {archive.name}"
    missing = wanted - _drafted(result.out)
    assert not missing, f"recall below 100%: not drafted {sorted(missing)}"


def _uncomment(appended: str) -> str:
    """What the drafts tell the author: delete "# " from each line ("## " notes stay)."""
    out = []
    for line in appended.splitlines():
        if line.startswith("## "):
            out.append(line)
        elif line.startswith("# "):
            out.append(line[2:])
        else:
            out.append("" if line == "#" else line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("policy", ["khan.toml", "hall.toml", "labour.toml", "starter"])
def test_every_draft_passes_check_once_uncommented(
    cli, policy_copy: Path, policy: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if policy == "starter":
        assert cli("new", "Jane Doe", "-o", str(policy_copy / "jane-doe.toml")).code == 0
        policy = "jane-doe.toml"
    target = policy_copy / policy
    before = target.read_text("utf-8")
    monkeypatch.chdir(policy_copy)
    for archive in ARCHIVES:
        result = cli("claims", f"sources/{archive.name}", "--policy", policy)
        assert result.code == 0, result.err
    after = target.read_text("utf-8")
    assert after.startswith(before)  # nothing replaced, only added
    appended = after[len(before) :]
    assert "\n# [[claims]]\n" in appended
    assert rtoml.loads(after) == rtoml.loads(before)  # commented out: the same policy
    target.write_text(before + _uncomment(appended), "utf-8")
    checked = cli("check", str(policy_copy))
    assert checked.code == 0, checked.out + checked.err
    assert len(rtoml.loads(target.read_text("utf-8"))["claims"]) > len(
        rtoml.loads(before).get("claims", [])
    )


def test_a_second_run_appends_nothing_and_says_why(
    cli, policy_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(policy_copy)
    archive = f"sources/{ARCHIVES[0].name}"
    assert cli("claims", archive, "--policy", "hall.toml").code == 0
    once = (policy_copy / "hall.toml").read_text("utf-8")
    again = cli("claims", archive, "--policy", "hall.toml")
    assert again.code == 0
    assert (policy_copy / "hall.toml").read_text("utf-8") == once
    assert "already drafted or claimed" in again.err
    assert "nothing appended to hall.toml" in again.err


# What the archives of these tests record about their made-up article, as a header must.
FACTS = "Headline: A test\nPublisher: not stated\nAuthor: not stated\nDate: 2 May 2024\n"


def _draft_of(tmp_path: Path, article: str, policy: str | None = None):
    archive = tmp_path / "sources" / "a.txt"
    archive.parent.mkdir(exist_ok=True)
    archive.write_text(f"Headline: A test\nDate: 2 May 2024\n---\n{article}\n", "utf-8")
    context = None
    if policy is not None:
        from hustings.proof.drafts.context import read_context

        (tmp_path / "p.toml").write_text(policy, "utf-8")
        context = read_context(tmp_path / "p.toml")
    return draft_claims(archive.read_text("utf-8"), archive, context)


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        ("Jane Doe said she would hire 200 police officers.", "Jane Doe"),
        ("“We will hire 200 police officers this year,” said Jane Doe.", "Jane Doe"),
        ("There will be 200 police officers, according to Jane Doe.", "Jane Doe"),
        ("Jane Doe promised 200 more police officers.", "Jane Doe"),
        ("Jane Doe spoke first. She said she would hire 200 police officers.", "Jane Doe"),
        ("The town has 200 police officers.", REPORTER_NOT_NAMED),
        ("The town was quiet. She said she would hire 200 police officers.", REPORTER_NOT_NAMED),
    ],
)
def test_the_speaker_is_whoever_the_words_name_and_check_proves_it(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, article: str, speaker: str
) -> None:
    (draft,) = _draft_of(tmp_path, article).drafts
    assert draft.fields["speaker"] == speaker
    assert draft.fields["speaker_role"] in ("official", "reporter")
    (claim,) = _drafted_into_a_starter(cli, tmp_path / "starter", article, monkeypatch)
    assert claim["speaker"] == speaker


def _drafted_into_a_starter(
    cli, folder: Path, article: str, monkeypatch: pytest.MonkeyPatch
) -> list[dict]:
    """The claims drafted from `article` into a fresh starter, uncommented; check passes."""
    folder.mkdir()
    monkeypatch.chdir(folder)
    assert cli("new", "Jane Doe").code == 0
    (folder / "sources" / "a.txt").write_text(f"{FACTS}---\n{article}\n", "utf-8")
    assert cli("claims", "sources/a.txt", "--policy", "jane-doe.toml").code == 0
    text = (folder / "jane-doe.toml").read_text("utf-8")
    at = text.index("## --- ")
    (folder / "jane-doe.toml").write_text(text[:at] + _uncomment(text[at:]), "utf-8")
    checked = cli("check", "jane-doe.toml")
    assert checked.code == 0, checked.out
    return rtoml.loads((folder / "jane-doe.toml").read_text("utf-8"))["claims"]


POLICY = 'format = 1\nid = "doe"\n[who]\nname = "Jane Doe"\nrole = "Mayor of Anytown"\n'
NAMES = """
[[sources]]
id = "a"
headline = "A test"
publisher = "not stated"
author = "not stated"
date = "2024-05-02"
archive = "sources/a.txt"

[[sources.names]]
speaker = "Jane Doe"
called = "the mayor"
why = "The policy's candidate is the mayor of Anytown."
"""


def test_the_candidate_is_recognised_by_surname_and_title_never_by_a_title_alone(
    tmp_path: Path,
) -> None:
    """A title ("the mayor") is the candidate only where the file reads it so, as check will."""
    drafted = _draft_of(tmp_path, "Ms Doe said 200 officers. The mayor said £4m.", POLICY)
    assert [(d.fields["speaker"], d.fields["speaker_role"]) for d in drafted.drafts] == [
        ("Jane Doe", "candidate"),
        ("The mayor", "official"),
    ]
    assert drafted.drafts[1].comments["speaker_role"].startswith("our placeholder")
    assert any("[[sources.names]]" in note for note in drafted.drafts[1].notes)
    named = _draft_of(tmp_path, "Ms Doe said 200 officers. The mayor said £4m.", POLICY + NAMES)
    assert [(d.fields["speaker"], d.fields["speaker_role"]) for d in named.drafts] == [
        ("Jane Doe", "candidate"),
        ("Jane Doe", "candidate"),
    ]


def test_fields_only_from_the_words(tmp_path: Path) -> None:
    article = (
        "Jane Doe said she would hire “around 200” more police officers, PCSOs and special "
        "constables by 2028, paid for by £4m of savings from the town's IT contracts. "
        "She said 300 police officers would patrol. The 2024 budget rose by 12 per cent."
    )
    drafts = {d.figure.value: d for d in _draft_of(tmp_path, article).drafts}
    assert set(drafts) == {200, 4_000_000, 300}  # not the year, not the share
    officers = drafts[200].figure_fields
    assert officers["approximate"] is True
    assert officers["kinds"] == ["police officers", "PCSOs", "special constables"]
    assert officers["timeframe"] == "by 2028"
    money = drafts[4_000_000].figure_fields
    assert (money["kind"], money["comes_from"]) == ("savings", "the town's IT contracts")
    assert drafts[300].figure_fields["kinds"] == ["police officers"]  # the kinds the words name
    assert drafts[300].fields["speaker"] == "Jane Doe"
    assert drafts[300].fields["summary"] == "Jane Doe said 300 police officers."
    assert all(not d.words for d in drafts.values())  # the quotes carry every field


def test_a_field_carried_outside_the_quote_gets_its_words_and_passes_check(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clause cut from a sentence of several figures can leave a field's words outside it:
    they are written in the figure's words table, which check proves."""
    article = (
        "Jane Doe said 200 police officers, and PCSOs would patrol nationwide, and 300 "
        "special constables would not."
    )
    claims = _drafted_into_a_starter(cli, tmp_path / "starter", article, monkeypatch)
    two_hundred = next(c for c in claims if c["officers"]["number"] == 200)
    assert two_hundred["quote"] == "200 police officers"
    assert two_hundred["officers"]["kinds"] == ["police officers", "PCSOs"]
    assert two_hundred["officers"]["words"] == {"kinds": "200 police officers, and PCSOs"}


DOE = """format = 1
id = "doe"

[who]
name = "Jane Doe"
party = "not stated"
role = "not stated"
race = "not stated"
scope = "not stated"

[[sources]]
id = "a"
headline = "A test"
publisher = "not stated"
author = "not stated"
date = "2024-05-02"
archive = "sources/a.txt"

[[claims]]
id = "ask-the-council"
topic = "pledge"
summary = "Jane Doe said she would ask the Council for more staff."
quote = "she would ask the Council for more staff"
quote_kind = "reported"
speaker = "Jane Doe"
speaker_role = "candidate"
source = "a"
"""


def test_a_speaker_whose_name_would_take_another_claims_quote_is_not_used(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Naming "The Council" as a speaker would make the Council, named inside Doe's quote,
    its speaker: the draft is the reporter's account instead, and the file still passes."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sources").mkdir()
    article = (
        "Jane Doe said she would ask the Council for more staff. "
        "The Council said 300 police officers were too many."
    )
    (tmp_path / "sources" / "a.txt").write_text(f"{FACTS}---\n{article}\n", "utf-8")
    (tmp_path / "doe.toml").write_text(DOE, "utf-8")
    assert cli("check", "doe.toml").code == 0
    assert cli("claims", "sources/a.txt", "--policy", "doe.toml").code == 0
    text = (tmp_path / "doe.toml").read_text("utf-8")
    at = text.index("## --- ")
    assert 'check would not prove them theirs (naming "The Council" would give' in text[at:]
    (tmp_path / "doe.toml").write_text(text[:at] + _uncomment(text[at:]), "utf-8")
    checked = cli("check", "doe.toml")
    assert checked.code == 0, checked.out
    drafted = rtoml.loads((tmp_path / "doe.toml").read_text("utf-8"))["claims"][1]
    assert (drafted["speaker"], drafted["speaker_role"]) == (REPORTER_NOT_NAMED, "reporter")
    assert drafted["summary"] == "The reporter wrote 300 police officers."


def test_a_sentence_of_more_figures_than_prose_holds_is_drafted_in_part_and_says_so(
    tmp_path: Path,
) -> None:
    extra = 7
    article = "Jane Doe said " + ", and ".join(
        f"{n} police officers" for n in range(1, MAX_PER_SENTENCE + extra + 1)
    )
    drafted = _draft_of(tmp_path, article + ".")
    assert len(drafted.drafts) == MAX_PER_SENTENCE
    (line,) = [reason for reason in drafted.skipped if "of one sentence" in reason]
    assert line.startswith(f"{extra} figures of one sentence in paragraph 1, from")


def test_money_with_a_hedge_is_kept_as_words(tmp_path: Path) -> None:
    (draft,) = _draft_of(tmp_path, "Jane Doe said she would spend up to £5m.").drafts
    assert draft.table is None and draft.fields["topic"] == "pledge"
    assert "5" not in draft.fields["summary"]


def test_counts_of_other_things_dates_and_ordinals_are_not_drafted(tmp_path: Path) -> None:
    article = "On 2nd May 2024, 43 forces and 12 police stations met; 2019-20 was hard."
    assert _draft_of(tmp_path, article).drafts == []


def test_the_header_gives_the_date_and_facts(tmp_path: Path) -> None:
    header = read_header((POLICIES / "sources" / ARCHIVES[1].name).read_text("utf-8"))
    assert header.date == "2024-03-27"
    assert header.publisher == "Waltham Forest Echo (a Local Democracy Reporting Service story)"
    assert parse_date("not printed. The text says 12 December 2019") == "not stated"
    assert parse_date("31 February 2024") == "not stated"
    assert parse_date("2024-03-27") == "2024-03-27"


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "file not found"),
        ("no-marker", "no line that is exactly '---'"),
        ("folder", "a folder"),
        ("binary", "not UTF-8"),
    ],
)
def test_bad_archives_are_one_line_errors(cli, tmp_path: Path, setup: str, message: str) -> None:
    path = tmp_path / "a.txt"
    if setup == "no-marker":
        path.write_text("Jane Doe said 200 officers.\n", "utf-8")
    elif setup == "folder":
        path.mkdir()
    elif setup == "binary":
        path.write_bytes(b"---\n\xff\xfe 200 officers\n")
    result = cli("claims", str(path))
    assert result.code == 1
    assert message in result.err and len(result.err.splitlines()) == 1
    assert "Traceback" not in result.err


def test_a_policy_that_is_not_toml_is_refused_and_left_alone(cli, policy_copy: Path) -> None:
    broken = policy_copy / "broken.toml"
    broken.write_text("format = = 1\n", "utf-8")
    result = cli("claims", str(ARCHIVES[0]), "--policy", str(broken))
    assert result.code == 1 and "not valid TOML" in result.err
    assert broken.read_text("utf-8") == "format = = 1\n"


def test_a_sentence_with_unsafe_characters_is_not_drafted(tmp_path: Path) -> None:
    drafted = _draft_of(tmp_path, "Jane Doe said 200 police\u202e officers.")
    assert drafted.drafts == []
    assert any("may not hold" in reason for reason in drafted.skipped)
