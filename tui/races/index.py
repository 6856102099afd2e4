"""Races: which ballot each policy file is for, found without loading or comparing anything.

A country has 650 races and 4,500 candidates; a voter looks at one race. So every file is read
only far enough to know whose it is (its `[who]` table), and only the chosen race's files are
loaded, checked and compared. Nothing here imports Textual.

The rules, the same for every file:
- A file that names `who.election` belongs to that race.
- A file that names none, of a party (not "Independent") with candidates in some race, is that
  party's national policy: it is loaded into each race where the party stands, beside its
  candidates.
- A file that names none, of a party standing nowhere, is in the race "race not stated".
- A file whose election id is not even shaped like one (upper case, spaces, control
  characters, no real date) is in "election id not valid", never a race of its own; `check`
  says what is wrong with it, as it does with an id of the right shape no ballot has.
- A file whose `[who]` cannot be read is loaded with every race, so its problems are never
  hidden by the choice of race.
"""

from __future__ import annotations

import gc
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import rtoml

from ..compare.comparison import stands_for_a_party
from ..policy.policy_set import PolicySet
from ..policy.problems import Problem
from ..proof.elections import shaped_like_an_id
from ..proof.load import bundled_policy_dir, find_policy_file_names, load_paths, read_policy_text
from .cache import RaceCache

RACE_NOT_STATED = "race not stated"
# Files whose election id no ballot has (`check` says why): listed together, so that a typo
# or a hostile id never shows as a race of its own, and their problems can still be opened.
ELECTION_NOT_VALID = "election id not valid"
# The `[who]` table's header, and the next table header, which ends its body. Two searches:
# one pattern with a lazy body and a look-ahead at every character took four times as long.
_WHO_HEADER = re.compile(r"(?m)^[ \t]*\[[ \t]*who[ \t]*\][ \t]*(?:#[^\n]*)?$")
_NEXT_HEADER = re.compile(r"(?m)^[ \t]*\[")


@dataclass(frozen=True, slots=True)
class Entry:
    """One policy file as the index knows it: whose it is and which ballot, nothing more."""

    path: str
    name: str
    party: str
    race: str  # who.race, the race in words
    election: str | None


@dataclass(frozen=True, slots=True)
class Race:
    """One ballot and the files shown for it."""

    election: str | None  # None: the files do not say
    name: str  # the race in words, as its candidates' files write it
    candidates: tuple[Entry, ...]
    party_policies: tuple[Entry, ...] = ()
    unreadable: tuple[str, ...] = ()  # files whose [who] could not be read: loaded with all

    @property
    def paths(self) -> tuple[str, ...]:
        entries = (*self.candidates, *self.party_policies)
        return (*(entry.path for entry in entries), *self.unreadable)

    def matches(self, query: str) -> bool:
        """Type-to-filter: every word of the query is in the name or the id (any case)."""
        haystack = f"{self.name} {self.election or ''}".casefold()
        return all(word in haystack for word in query.casefold().split())


@dataclass(frozen=True, slots=True)
class RaceIndex:
    races: tuple[Race, ...]  # by name; "race not stated", then "election id not valid", last
    problems: tuple[Problem, ...] = ()  # paths that could not be listed
    paths: tuple[str | Path, ...] = field(default=())  # what was indexed, as given
    cache: RaceCache | None = field(default=None, compare=False)  # to save, when convenient

    def save_cache(self) -> None:
        """Keep the index for the next start: the app does this once its first frame is
        drawn (writing a country's index took 60 ms of the first start), the command line at
        once."""
        if self.cache is not None:
            self.cache.save()

    @property
    def several(self) -> bool:
        """Two or more elections named: a voter must choose. With one (or none) every file
        loads together, as before races existed, files naming no election included."""
        return sum(1 for race in self.races if race.election is not None) > 1

    def find(self, election: str) -> Race | None:
        """The race with this election id; "race not stated" (or "election id not valid")
        finds the files without one (or with one no ballot has)."""
        for race in self.races:
            if race.election == election or (
                race.election is None and election.casefold() == race.name
            ):
                return race
        return None

    def matching(self, query: str) -> list[Race]:
        return [race for race in self.races if race.matches(query)]

    def load(self, race: Race) -> PolicySet:
        """Load and check only this race's files (plus the index's own problems)."""
        loaded = load_paths(race.paths) if race.paths else PolicySet((), ())
        return PolicySet(loaded.policies, self.problems + loaded.problems, loaded.files)


def read_entry(path: str) -> Entry | None:
    """Whose file this is, from its `[who]` table alone; None if that cannot be read.

    Only the `[who]` table is parsed (a few hundred bytes, not the claims); when that slice is
    not valid TOML on its own (a multi-line string that looks like a header), the whole file is.
    """
    text, _ = read_policy_text(path, path)
    if text is None:
        return None
    who = _who_table(text)
    if not isinstance(who, dict):
        return None
    name, party, race = who.get("name"), who.get("party"), who.get("race")
    election = who.get("election")
    if not (isinstance(name, str) and isinstance(party, str)):
        return None
    if election is not None and not isinstance(election, str):
        return None
    return Entry(path, name, party, race if isinstance(race, str) else "", election)


def _who_table(text: str) -> Any:
    header = _WHO_HEADER.search(text)
    # A header after an opening triple quote may be inside a multi-line string (a headline
    # that quotes a whole [who] table): only the whole file can say which table is real.
    if header is not None and not (
        text.find('"""', 0, header.start()) >= 0 or text.find("'''", 0, header.start()) >= 0
    ):
        after = _NEXT_HEADER.search(text, header.end())
        body = text[header.end() : after.start() if after else len(text)]
        try:
            return rtoml.loads(body) or None
        except (rtoml.TomlParsingError, ValueError):
            pass
    try:
        return rtoml.loads(text).get("who")
    except (rtoml.TomlParsingError, ValueError):
        return None


def index_paths(paths: Iterable[str | Path] | None = None, *, cache: bool = False) -> RaceIndex:
    """Index every policy file under the given files and folders (default: the bundled set).

    `cache=True` keeps the index between runs (`race_cache`): the app and the command line use
    it; the public demo and the tests do not.
    """
    chosen: list[str | Path] = list(paths) if paths else [bundled_policy_dir()]
    files, problems = find_policy_file_names(chosen)
    entries: list[Entry] = []
    unreadable: list[str] = []
    kept = RaceCache.for_paths(chosen) if cache else None
    # Thousands of small objects and no cycles: the collector would only rescan them.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for path in files:
            known = kept.get(path) if kept is not None else None
            entry = Entry(path, *known) if known is not None else read_entry(path)
            if entry is None:
                unreadable.append(path)
                continue
            entries.append(entry)
            if kept is not None and known is None:
                kept.put(path, entry.name, entry.party, entry.race, entry.election)
    finally:
        if was_enabled:
            gc.enable()
    races = group_races(entries, tuple(unreadable))
    return RaceIndex(races, tuple(problems), tuple(chosen), kept)


def _valid_election(entry: Entry) -> bool:
    return entry.election is None or shaped_like_an_id(entry.election)


def group_races(entries: Sequence[Entry], unreadable: tuple[str, ...] = ()) -> tuple[Race, ...]:
    """The races the entries make, by the rules in this module's docstring."""
    by_election: dict[str, list[Entry]] = {}
    national: list[Entry] = []
    not_valid: list[Entry] = []  # an id no ballot has: filed apart, never as a race of its own
    for entry in entries:
        if not _valid_election(entry):
            not_valid.append(entry)
        elif entry.election is None:
            national.append(entry)
        else:
            by_election.setdefault(entry.election, []).append(entry)
    standing = {entry.party.casefold() for entry in entries if entry.election is not None}
    party_policies: dict[str, list[Entry]] = {}
    not_stated: list[Entry] = []
    for entry in national:
        if stands_for_a_party(entry.party) and entry.party.casefold() in standing:
            party_policies.setdefault(entry.party.casefold(), []).append(entry)
        else:
            not_stated.append(entry)
    races = []
    for election, candidates in by_election.items():
        parties = sorted({c.party.casefold() for c in candidates})
        national_here = tuple(e for party in parties for e in party_policies.get(party, ()))
        races.append(
            Race(election, _race_name(candidates, election), tuple(candidates), national_here,
                 unreadable)
        )  # fmt: skip
    races.sort(key=lambda race: (race.name.casefold(), race.election or ""))
    if not_stated or (unreadable and not races):
        races.append(Race(None, RACE_NOT_STATED, tuple(not_stated), (), unreadable))
    if not_valid:
        races.append(Race(None, ELECTION_NOT_VALID, tuple(not_valid), (), unreadable))
    return tuple(races)


def _race_name(candidates: Sequence[Entry], election: str) -> str:
    """The race in words as most of its candidates write it (ties: alphabetical), else its id."""
    counts = Counter(c.race for c in candidates if c.race.strip())
    if not counts:
        return election
    return min(counts, key=lambda words: (-counts[words], words))
