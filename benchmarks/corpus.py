"""A fictional national corpus: races of candidates and parties' national policies.

Every name, place and article here is made up ("Candidate 3 of Northfield", the "Harbour Party",
an archive that says so): it measures and tests the app at the size of a country without saying
anything about real people. Every quote is in its archive and states its figure, so `check`
proves all of it.

Used by benchmarks/national.py and to write the fixtures in tests/races/.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import tomli_w

PARTIES = ("Harbour Party", "Meadow Party", "Lantern Party", "Compass Party", "Orchard Party",
           "Bridge Party", "Kite Party")  # fmt: skip
_PREFIXES = ("North", "South", "East", "West", "Upper", "Lower", "Old", "New", "Great", "Little",
             "Ash", "Birch", "Cold", "Deep", "Elm", "Fern", "Glen", "High", "Iron", "Kings",
             "Long", "Mill", "Oak", "Red", "Stone", "White")  # fmt: skip
_SUFFIXES = ("field", "brook", "ford", "ham", "wick", "ton", "by", "stead", "mere", "dale",
             "moor", "well", "bridge", "gate", "hurst", "ley", "worth", "combe", "burn", "cliffe",
             "haven", "holt", "marsh", "port", "wood")  # fmt: skip
DATE = "2024-07-04"
SOURCE_DATE = "2024-06-01"


def place_names(count: int) -> list[str]:
    """`count` distinct fictional place names: Northfield, Northbrook, ... (up to 650)."""
    names = [p + s for p in _PREFIXES for s in _SUFFIXES]
    if count > len(names):
        raise ValueError(f"at most {len(names)} places")
    return names[:count]


def numbered_name(place: str, number: int) -> tuple[str, str]:
    """(name, sort_as) of a benchmark candidate: "Candidate 3 of Northfield", "Candidate 03"."""
    return f"Candidate {number} of {place}", f"Candidate {number:02d}"


Namer = Callable[[str, int], tuple[str, str | None]]


def write_corpus(
    folder: Path,
    races: Sequence[tuple[str, int]],
    namer: Namer = numbered_name,
    parties: Sequence[str] = PARTIES,
) -> int:
    """Write one file per candidate of each (place, candidates) race, an archive per race and
    one national policy per party; return the number of policy files written."""
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    written = 0
    for race_number, (place, count) in enumerate(races):
        slug = place.casefold().replace(" ", "-")
        sentences = []
        for number in range(1, count + 1):
            name, sort_as = namer(place, number)
            party = (
                parties[(number - 1) % len(parties)] if number <= len(parties) else ("Independent")
            )
            claims, said = _candidate_claims(place, number, race_number, name)
            sentences.extend(said)
            who = {"name": name, "party": party, "role": "candidate (fictional)",
                   "race": f"{place} (fictional constituency), 4 July 2024", "scope": place,
                   "election": f"parl.{slug}.{DATE}"}  # fmt: skip
            if sort_as:
                who["sort_as"] = sort_as
            _write(folder / f"{slug}-{number:02d}.toml", f"{slug}-{number:02d}", who,
                   _source(slug), claims)  # fmt: skip
            written += 1
        archive = f"Fictional archive for {place}: invented for testing, about nobody\n---\n"
        (folder / "sources" / f"{slug}.txt").write_text(archive + "\n\n".join(sentences), "utf-8")
    national = []
    for number, party in enumerate(parties):
        slug = party.casefold().replace(" ", "-")
        officers = 1_000 * (number + 2)
        quote = f"We will recruit {officers:,} extra police officers nationwide."
        national.append(f"The {party} said: “{quote}”")
        claim = {"id": "national-officers", "topic": "officers",
                 "summary": f"{party} said it would recruit {officers:,} extra police officers "
                            "nationwide.",
                 "quote": quote, "speaker": party, "speaker_role": "spokesperson",
                 "source": "national",
                 "officers": {"number": officers, "kinds": ["police officers"],
                              "scope": "nationwide", "timeframe": "not stated"}}  # fmt: skip
        who = {"name": f"{party} (national)", "sort_as": party, "party": party,
               "role": "national party (fictional)", "race": "any race where it stands",
               "scope": "national"}  # fmt: skip
        source = {"id": "national", "headline": "Fictional national pledges",
                  "publisher": "Fictional Gazette", "author": "Nobody", "date": SOURCE_DATE,
                  "archive": "sources/national.txt"}  # fmt: skip
        _write(folder / f"party-{slug}.toml", f"party-{slug}", who, source, [claim])
        written += 1
    header = "Fictional national archive: invented for testing, about nobody\n---\n"
    (folder / "sources" / "national.txt").write_text(header + "\n\n".join(national), "utf-8")
    return written


def _source(slug: str) -> dict:
    return {"id": "hustings", "headline": "Fictional hustings report",
            "publisher": "Fictional Gazette", "author": "Nobody", "date": SOURCE_DATE,
            "archive": f"sources/{slug}.txt"}  # fmt: skip


def _write(path: Path, policy_id: str, who: dict, source: dict, claims: list[dict]) -> None:
    document = {"format": 1, "id": policy_id, "who": who, "sources": [source], "claims": claims}
    path.write_text(tomli_w.dumps(document), "utf-8")


def _candidate_claims(
    place: str, number: int, race_number: int, speaker: str
) -> tuple[list[dict], list[str]]:
    """Claims that differ from candidate to candidate, and the archive sentences they quote."""
    officers = 40 + (number * 37 + race_number * 11) % 400
    million = 1 + (number * 7 + race_number) % 30
    money = "new funding" if number % 4 else "savings"
    condition = f"this depends on the council agreeing the {place} budget"
    # Every field's value stands in its quote, so `check` proves each one from the words.
    # Every third names no kind ("more officers"): its kinds are "not stated", as check reads.
    counted = "officers" if number % 3 == 0 else "police officers"
    quotes = {
        "officers": f"{speaker} said we will recruit around {officers} more {counted} "
        f"for {place} over four years.",
        "funding": f"{speaker} said we will spend £{million} million of {money} from council "
        f"tax on policing in {place} over four years.",
        "pledge": f"{speaker} said we will open a police desk in every {place} library.",
        "condition": f"{speaker} said {condition}.",
    }
    base = {"speaker": speaker, "speaker_role": "candidate", "source": "hustings",
            "quote_kind": "reported"}  # fmt: skip
    claims = [
        {**base, "id": "officers", "topic": "officers", "quote": quotes["officers"],
         "summary": f"{speaker} said they would recruit around {officers} more {counted} "
                    f"for {place}.",
         "officers": {"number": officers, "approximate": True,
                      "kinds": ["police officers"] if number % 3 else "not stated",
                      "scope": place,
                      "timeframe": "four years" if number % 2 else "not stated"}},
        {**base, "id": "funding", "topic": "funding", "quote": quotes["funding"],
         "summary": f"{speaker} said they would spend £{million} million on policing in {place}.",
         "money": {"amount": million * 1_000_000,
                   "kind": "new investment" if number % 4 else "savings",
                   "comes_from": "council tax" if number % 2 else "not stated", "scope": place,
                   "period": "four years"}},
        {**base, "id": "pledge", "topic": "pledge", "quote": quotes["pledge"],
         "summary": f"{speaker} said they would open a police desk in every {place} library."},
    ]  # fmt: skip
    said = [f"{speaker}: {quotes[k]}" for k in ("officers", "funding", "pledge")]
    if number % 3 == 0:
        claims.append(
            {**base, "id": "condition", "topic": "condition", "quote": quotes["condition"],
             "summary": f"{speaker} said this depends on the council agreeing the {place} "
                        "budget."}
        )  # fmt: skip
        claims[0]["conditional_on"] = ["condition"]
        claims[0]["words"] = {"conditional_on": condition}
        said.append(f"{speaker}: {quotes['condition']}")
    return claims, said


# -- the fixtures in tests/races/ ------------------------------------------------------------

_GIVEN = ("Ada", "Bram", "Cleo", "Dev", "Edie", "Finn", "Gus", "Hana", "Ira", "Jude", "Kit",
          "Lore", "Milo")  # fmt: skip
# Not in alphabetical order: the files are numbered in an order the app must not show.
_SURNAMES = ("Quillfeather", "Ashdown", "Marrowby", "Fallowmere", "Brackenholt", "Thistlewick",
             "Cindermoor", "Rookwhistle", "Dunhollow", "Larkspurr", "Elmsworthy", "Greystead",
             "Nettlecombe")  # fmt: skip
TEST_RACES = (("Northfield", 13), ("Southbrook", 4), ("Eastford", 3), ("Westham", 2))


def fictional_name(place: str, number: int) -> tuple[str, str | None]:
    """A made-up person ("Ada Quillfeather"), sorted by surname like everyone else."""
    shift = sum(map(ord, place)) % len(_SURNAMES)
    at = (number - 1 + shift) % len(_SURNAMES)
    return f"{_GIVEN[(number - 1) % len(_GIVEN)]} {_SURNAMES[at]}", None


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/races")
    count = write_corpus(target, TEST_RACES, fictional_name, PARTIES[:3])
    print(f"wrote {count} policy files to {target}")
