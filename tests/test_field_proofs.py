"""Every field a voter reads is proven from the source's words, or shown as our reading: each
change a fact-checker tried in a copy of the bundled data makes `check` fail, naming the claim
and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from hustings.compare.comparison import NOTHING_SAID, compare
from hustings.proof.field_proofs import carries
from hustings.proof.load import load_paths

from .conftest import POLICIES


def tamper(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
    path.write_text(text.replace(old, new), "utf-8")


KHAN_1300 = """speaker = "Sadiq Khan, London mayor"
speaker_role = "candidate"
source = "ldrs-extra-cops"
conditional_on"""

# (what a fact-checker changed, file, old, new, claim, field, words of the message)
CHANGES = [
    ("speaker to another person the article names", "khan.toml", KHAN_1300,
     KHAN_1300.replace("Sadiq Khan, London mayor", "Yvette Cooper, shadow home secretary"),
     "officers-1300", "speaker", 'the source gives these words to "Sadiq Khan"'),
    ("speaker to someone quoted elsewhere in the file", "khan.toml",
     'speaker = "City Hall Conservatives"', 'speaker = "Sadiq Khan"',
     "blames-government", "speaker", 'the source gives these words to "City Hall Conservatives"'),
    ("a reporter's words given to a candidate's spokesperson", "khan.toml",
     'summary = "The reporter wrote that the Met recruited only 3,468."\n'
     'quote = "The Met was tasked with hiring 4,557 new officers but recruited only 3,468."\n'
     'speaker = "Noah Vickers, Local Democracy Reporter"',
     'summary = "The reporter wrote that the Met recruited only 3,468."\n'
     'quote = "The Met was tasked with hiring 4,557 new officers but recruited only 3,468."\n'
     'speaker = "Susan Hall, Khan’s Tory opponent"',
     "met-recruited", "speaker", "a reporter's words are the article's author's"),
    ("kinds the article does not state", "labour.toml",
     'number = 13000\nkinds = "not stated"', 'number = 13000\nkinds = ["police officers"]',
     "officers-13000", "officers.kinds", "is not carried by"),
    ("a scope other than the words given for it", "khan.toml",
     'approximate = true\nkinds = ["police officers", "PCSOs", "special constables"]\n'
     'scope = "London"',
     'approximate = true\nkinds = ["police officers", "PCSOs", "special constables"]\n'
     'scope = "national"',
     "officers-1300", "officers.scope", "does not state this value"),
    ("a timeframe invented", "hall.toml",
     'kinds = ["police officers"]\nscope = "London"\ntimeframe = "not stated"',
     'kinds = ["police officers"]\nscope = "London"\ntimeframe = "by 2025"',
     "borough-policing", "officers.timeframe", '"by 2025" is not carried by'),
    ("a kind of money invented", "hall.toml",
     'amount = 200000000\nkind = "not stated"', 'amount = 200000000\nkind = "new investment"',
     "invest-200m", "money.kind", "is not carried by"),
    ("where the money comes from invented", "hall.toml",
     'kind = "not stated"\ncomes_from = "not stated"',
     'kind = "not stated"\ncomes_from = "cutting Khan\'s budget"',
     "invest-200m", "money.comes_from", "is not carried by"),
    ("a relation without the words that make it", "khan.toml",
     'part_of = "would come from a pool of 13,000 extra officers nationwide"\n', "",
     "officers-1300", "part_of", "give the article's words that make this relation"),
    ("a request measured as if it were a target", "khan.toml",
     'timeframe = "first round of funding"\n\n[claims.officers.words]\n',
     'timeframe = "first round of funding"\nagainst = "asked-2000-first-round"\n\n'
     "[claims.officers.words]\n"
     'against = "The Mayor said London should get 2,000 in the first round of allocations"\n',
     "allocated-under-1400", "officers.words.against", "only from a target"),
    ("a target other than the figure its words name", "khan.toml",
     'against = "met-recruitment-target"', 'against = "allocated-under-1400"',
     "met-recruited", "officers.words.against",
     'the words that measure this figure against "allocated-under-1400" do not state its 1,400'),
    ("a response to a claim that is no criticism", "khan.toml",
     'responds_to = ["missed-recruitment-target", "hall-blame"]',
     'responds_to = ["missed-recruitment-target", "met-recruited"]',
     "recruitment-reasons", "responds_to[1]", '"met-recruited" is not a criticism claim'),
    ("a summary's number that is no figure of the claim", "hall.toml",
     'summary = "Hall said she would put police officers back',
     'summary = "Hall said she would put 2,000 police officers back',
     "borough-policing", "summary", '"2,000", which is not a figure of this claim'),
    ("a summary whose words are not the source's", "hall.toml",
     'summary = "Hall said she would stop police stations closing."',
     'summary = "Hall said she would close police stations, falsely claiming it would cut crime."',
     "police-stations", "summary", '"close", "falsely", "claiming", "cut" are not among'),
    ("a summary adding a negation", "hall.toml",
     'summary = "Hall said she would stop police stations closing."',
     'summary = "Hall said she would not stop police stations closing."',
     "police-stations", "summary", '"not" is not among the source\'s words'),
    ("a summary with another verb for one candidate", "hall.toml",
     'summary = "Hall said she would stop police stations closing."',
     'summary = "The reporter wrote that Hall said she would stop police stations closing."',
     "police-stations", "summary", 'must begin with who said it and "said"'),
    ("a summary dropping the source's 'around'", "khan.toml",
     "he would put in place around 1,300 additional", "he would put in place 1,300 additional",
     "officers-1300", "summary", "not the figure as the source states it"),
    ("kinds with kinds the words name left out", "khan.toml",
     'kinds = ["police officers", "PCSOs", "special constables"]',
     'kinds = ["police officers"]',
     "officers-1300", "officers.kinds", 'names "PCSOs", "special constables" too'),
    ("kinds not stated where the words name one", "hall.toml",
     'kinds = ["police officers"]', 'kinds = "not stated"',
     "borough-policing", "officers.kinds", 'but the quote names "police officers"'),
    ("a scope the quote names, but not of this figure", "labour.toml",
     'scope = "nationwide"', 'scope = "London"',
     "officers-13000", "officers.scope", 'which names "nationwide" too'),
    ("a scope the words given for it do not state", "khan.toml",
     'scope = "the Met"\ntimeframe = "last year"\n\n[claims.officers.words]\n'
     'scope = "the Met Police',
     'scope = "England and Wales"\ntimeframe = "last year"\n\n[claims.officers.words]\n'
     'scope = "the Met Police',
     "missed-recruitment-target", "officers.scope", "does not state this value"),
    ("a scope that is no place", "labour.toml",
     'scope = "nationwide"', 'scope = "extra officers"',
     "officers-13000", "officers.scope", "names no place"),
    ("a money scope beside another place the words name", "khan.toml",
     'scope = "national"', 'scope = "Police Foundation"',
     "funded-nationally", "money.scope", 'which names "nationally" too'),
    ("a place as a period", "khan.toml",
     'scope = "London"\ntimeframe = "first round of allocations"',
     'scope = "London"\ntimeframe = "London"',
     "asked-2000-first-round", "officers.timeframe", "holds no word of time"),
    ("a period the quote names, but not of this figure", "khan.toml",
     'timeframe = "first round of funding"', 'timeframe = "September"',
     "allocated-under-1400", "officers.timeframe", "does not state this value"),
    ("a reading where the words carry the value", "khan.toml",
     '[claims.officers.words]\nscope = "on London’s streets"',
     '[claims.officers.words]\nscope = "on London’s streets"\n\n[[claims.readings]]\n'
     'field = "officers.scope"\nwhy = "x"\nrests_on = "on London’s streets"',
     "officers-1300", "readings[0]", "so it is not a reading"),
    ("a reading resting on words the article does not hold", "hall.toml",
     'rests_on = "investing £200m into the force"', 'rests_on = "investing £300m into the force"',
     "invest-200m", "readings[0].rests_on", "is not in the archived article"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("old", "new", "name", "claim", "field", "words"),
    [(*change[2:4], change[1], *change[4:]) for change in CHANGES],
    ids=[change[0] for change in CHANGES],
)
def test_each_change_fails_check_naming_the_claim_and_the_field(
    cli, policy_copy: Path, old: str, new: str, name: str, claim: str, field: str, words: str
) -> None:
    tamper(policy_copy, name, old, new)
    result = cli("check", str(policy_copy))
    assert result.code == 1, result.out
    named = [line for line in result.lines if f'claim "{claim}" (claims[' in line]
    assert any(f"].{field}): " in line and words in line for line in named), result.out


# (what a fact-checker changed, file, old, new, field, words of the message): facts about a
# source or a candidate, each proven from its archive's header or the archived list.
FACTS = [
    ("a date for an article that prints none", "khan.toml",
     'date = "not stated"\ndate_earliest', 'date = "2024-03-01"\ndate_earliest',
     "sources[1].date", '"2024-03-01" is not what the archive\'s header records'),
    ("an earliest date the text does not allow", "khan.toml",
     'date_earliest = "2019-12-12"', 'date_earliest = "2020-12-12"',
     "sources[1].date_earliest", "2020-12-12 is not a date the archive's header gives"),
    ("another URL", "hall.toml",
     'url = "https://walthamforestecho.co.uk/2024/03/27/',
     'url = "https://walthamforestecho.co.uk/2024/03/28/',
     "sources[0].url", "is not what the archive's header records (URL:"),
    ("another headline", "labour.toml",
     'headline = "Extra cops promised by Khan – but only under a Labour government"',
     'headline = "Extra cops promised by Khan"',
     "sources[0].headline", "is not what the archive's header records (Headline:"),
    ("another publisher", "khan.toml",
     'publisher = "Ealing Times (a Newsquest title)"', 'publisher = "Evening Standard"',
     "sources[1].publisher", "is not what the archive's header records"),
    ("an author shortened", "hall.toml",
     'author = "Noah Vickers, Local Democracy Reporter"', 'author = "Noah Vickers"',
     "sources[0].author", "is not what the archive's header records"),
    ("a candidate's name not as the list prints it", "hall.toml",
     'name = "Susan Mary Hall"', 'name = "Susan Hall MP"',
     "who.name", '"Susan Hall MP" is not a name on the archived list'),
    ("another ballot description", "hall.toml",
     'party = "Conservative Party"', 'party = "Reform UK"',
     "who.party", '"Reform UK" is not the ballot description the list gives'),
    ("a list published on another day", "khan.toml",
     'date = "2024-03-28"', 'date = "2024-03-15"',
     "who.listed_in.date", '"2024-03-15" is not what the archive\'s header records'),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "old", "new", "field", "words"),
    [change[1:] for change in FACTS],
    ids=[change[0] for change in FACTS],
)
def test_each_source_or_candidate_fact_changed_fails_check_naming_the_field(
    cli, policy_copy: Path, name: str, old: str, new: str, field: str, words: str
) -> None:
    tamper(policy_copy, name, old, new)
    result = cli("check", str(policy_copy))
    assert result.code == 1, result.out
    assert any(f": {field}: " in line and words in line for line in result.lines), result.out


def test_a_candidate_list_cannot_be_quoted_as_an_article(cli, policy_copy: Path) -> None:
    tamper(policy_copy, "hall.toml", 'archive = "sources/ldrs-extra-cops-labour-government.txt"',
           'archive = "sources/london-mayor-2024-candidates.txt"')  # fmt: skip
    out = cli("check", str(policy_copy)).out
    assert "sources[0].archive: is a candidate list, not an article: no claim may quote it" in out


def test_a_title_the_article_never_sets_beside_the_name_fails(cli, policy_copy: Path) -> None:
    tamper(policy_copy, "hall.toml",
           'summary = "Hall said she would create more safe spaces for women."\n'
           'quote = "create more safe spaces for women"\nquote_kind = "reported"\n'
           'speaker = "Susan Hall, Khan’s Tory opponent"',
           'summary = "Hall said she would create more safe spaces for women."\n'
           'quote = "create more safe spaces for women"\nquote_kind = "reported"\n'
           'speaker = "Susan Hall, shadow home secretary"')  # fmt: skip
    out = cli("check", str(policy_copy)).out
    assert 'claim "safe-spaces" (claims[5].speaker): the article never sets the title' in out


def test_a_naming_the_article_never_sets_beside_the_name_needs_a_why(
    cli, policy_copy: Path
) -> None:
    """'the Mayor' for Khan in the older article is a reading of ours: without why, refused."""
    tamper(policy_copy, "khan.toml", 'called = "the Mayor"\nwhy = ', 'called = "the Mayor"\nx = ')
    assert cli("check", str(policy_copy)).code == 1
    text = (policy_copy / "khan.toml").read_text("utf-8")
    start = text.index("x = ")
    end = text.index("\n", start)
    (policy_copy / "khan.toml").write_text(text[:start] + text[end + 1 :], "utf-8")
    out = cli("check", str(policy_copy)).out
    assert 'sources[1].names[0].why: the article never sets "the Mayor" beside' in out


STATEMENT = """format = 1
id = "alex"
[who]
name = "Alex Example"
party = "Example Party"
role = "Candidate for Anytown North"
race = "Anytown North, 4 July 2024"
scope = "Anytown North"

[[sources]]
id = "statement"
headline = "not stated"
publisher = "Democracy Club (candidate data)"
author = "AUTHOR"
date = "2024-06-10"
archive = "sources/statement.txt"

[[claims]]
id = "officers-200"
topic = "officers"
summary = "Alex Example said 200 more police officers."
quote = "I will put 200 more police officers on our streets."
speaker = "Alex Example"
speaker_role = "candidate"
source = "statement"

[claims.officers]
number = 200
kinds = ["police officers"]
scope = "not stated"
"""


@pytest.mark.parametrize(
    ("author", "before", "problem"),
    [
        ("Alex Example", "", None),
        ("Bea Sample", "", '"Alex Example" is not named in the quote\'s sentence or the 4 before'),
        ("Alex Example", "Boris Johnson promised 20,000 police. ",
         'the source gives these words to "Boris Johnson"'),
    ],
    ids=["the speaker's own source", "someone else's", "words given to someone else"],
)  # fmt: skip
def test_a_source_of_the_speakers_own_proves_them_where_it_names_no_one(
    cli, tmp_path: Path, author: str, before: str, problem: str | None
) -> None:
    """A candidate's statement to voters never names its author: its words are theirs, as an
    article's unattributed words are its reporter's; never where it gives them to another."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "statement.txt").write_text(
        f"Headline: not stated\nPublisher: Democracy Club (candidate data)\nAuthor: {author}\n"
        f"Date: 10 June 2024\n---\n{before}I will put 200 more police officers on our streets.\n",
        "utf-8",
    )
    (tmp_path / "alex.toml").write_text(STATEMENT.replace("AUTHOR", author), "utf-8")
    result = cli("check", str(tmp_path / "alex.toml"))
    if problem is None:
        assert result.code == 0, result.out
    else:
        assert result.code == 1
        assert f'claim "officers-200" (claims[0].speaker): {problem}' in result.out


def test_the_summary_line_says_what_was_proven_field_by_field(cli) -> None:
    (line,) = cli("check").lines
    assert line.startswith("ok: 14 policies, 28 claims. Proven from the archived sources: ")
    for part in ("28 quotes", "11 figures", "24 speakers", "5 relations"):
        assert part in line
    proven, _, rest = line.partition("; ")
    assert "summar" not in proven  # a summary is our words: never counted as proven
    assert rest.startswith("28 summaries in our words, whose speaker, verb and numbers are proven")
    assert "(their meaning is not proven)" in rest
    assert "our readings, shown as ours wherever they appear: 7 (4 speakers, 3 scopes)" in line
    assert "every" not in line


def test_words_carry_a_value_only_as_written_in_order() -> None:
    assert carries("on London’s streets", "London")
    assert carries("the officers would be funded nationally", "national")
    assert carries("first round of allocations", "first round of allocations")
    assert not carries("13,000 extra officers nationwide", "national")
    assert not carries("streets of London", "London streets")


def test_words_fewer_than_the_value_do_not_carry_it() -> None:
    """A field's own words may be shorter than its value (its first words only): `check` says
    they do not state it, rather than failing with a traceback."""
    assert not carries("police officers", "police officers for London")
    assert not carries("London", "London streets")


# -- every candidate standing ---------------------------------------------------------------

# Who stood, with each ballot description, as the final published list gives them.
STANDING = [
    ("Femy Amin", "Animal Welfare Party - People, Animals, Environment"),
    ("Count Binface", "Count Binface for Mayor of London"),
    ("Rob Blackie", "Liberal Democrat"),
    ("Natalie Denise Campbell", "Independent"),
    ("Howard Cox", "ReformUK - London Deserves Better"),
    ("Amy Gallagher", "Social Democratic Party"),
    ("Zoë Garbett", "Green Party"),
    ("Tarun Ghulati", "Independent"),
    ("Susan Mary Hall", "Conservative Party"),
    ("Sadiq Khan", "Labour Party"),
    ("Andreas Christoffi Michli", "Independent"),
    ("Brian Benedict Rose", "London Real Party - Transform London"),
    ("Nick Scanlon", "Britain First - No To Immigration"),
]
LIST_URL = (
    "https://www.londonworld.com/news/politics/london-mayoral-elections-2024-candidates-sadiq-"
    "khan-4242228"
)


def test_all_thirteen_candidates_stand_in_the_published_order() -> None:
    comparison = compare(load_paths([POLICIES]))
    candidates = [p for p in comparison.policies if p.policy.who.election]
    assert [(p.name, p.policy.who.party) for p in candidates] == STANDING
    for policy in candidates:
        listed = policy.policy.who.listed_in
        assert listed is not None
        assert (listed.publisher, listed.date) == ("LondonWorld", "2024-03-28")
        assert listed.url == LIST_URL
        assert policy.policy.who.election == "mayor.london.2024-05-02"


def test_the_candidates_the_articles_say_nothing_about_get_the_same_sentence(cli) -> None:
    comparison = compare(load_paths([POLICIES]))
    silent = [p.name for p in comparison.policies if p.nothing_said]
    assert len(silent) == 11 and "Sadiq Khan" not in silent and "Susan Mary Hall" not in silent
    read = cli("read").out
    for name in silent:
        assert f"{name} (" in read
    assert read.count(f"): {NOTHING_SAID}") == 11


def test_the_balance_ledger_shows_each_policy_in_the_published_order(cli) -> None:
    result = cli("check", "--balance")
    assert result.code == 0
    lines = result.lines
    header = next(i for i, line in enumerate(lines) if line.startswith("policy "))
    rows = {line[:26].strip(): line[26:].split() for line in lines[header + 1 : header + 15]}
    assert list(rows)[:2] == ["Femy Amin", "Count Binface"]
    # claims, 6 topics, | 4 sides, | criticisms, answered, older, readings
    khan = rows["Sadiq Khan"]
    assert khan[0] == "18" and khan[1:7] == ["1", "1", "1", "0", "11", "4"]
    assert khan[8:12] == ["12", "2", "4", "0"]
    assert khan[13:17] == ["4", "2", "10", "5"]
    assert rows["Femy Amin"][0] == "0"
    assert rows["Susan Mary Hall"][0] == "6"
