"""The policy file format, version 1, as typed msgspec Structs.

Why msgspec: one declaration gives strict validation (unknown fields and wrong types are rejected),
fast decoding and the JSON Schema that editors use. This module imports neither Textual nor Rich.

`NOT_STATED` is a value, not an absence: it records that the source was read and does not say.
A field left out (None) means nobody recorded it.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec

FORMAT_VERSION = 1
NOT_STATED = "not stated"

NotStated = Literal["not stated"]

Topic = Literal["officers", "funding", "condition", "pledge", "record", "criticism"]
TOPICS: tuple[str, ...] = ("officers", "funding", "condition", "pledge", "record", "criticism")

SpeakerRole = Literal["candidate", "spokesperson", "reporter", "opponent", "official"]
QuoteKind = Literal["direct", "reported"]
OfficerKind = Literal["warranted officers", "PCSOs", "special constables"]
MoneyKind = Literal["new investment", "savings", "reallocation"]
Qualifier = Literal["fewer than", "more than", "up to", "at least", "over", "under"]

# Bounds that fit the domain: a count of people (the whole of England and Wales has under
# 200,000 police) and an amount in pounds (UK public spending is about 10^12 a year). A figure
# outside them is a typo or an attack, never a pledge; negative figures mean nothing here.
MAX_PEOPLE = 10_000_000
MAX_POUNDS = 10_000_000_000_000
PeopleCount = Annotated[
    int,
    msgspec.Meta(ge=0, le=MAX_PEOPLE, description=f"a whole number from 0 to {MAX_PEOPLE:,}"),
]
Pounds = Annotated[
    int,
    msgspec.Meta(
        ge=0, le=MAX_POUNDS, description=f"a whole number of pounds from 0 to {MAX_POUNDS:,}"
    ),
]

Id = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        max_length=80,
        description="an id of lower-case letters, digits and hyphens (at most 80)",
    ),
]
# A claim reference: "claim-id" in the same file, or "policy-id:claim-id" in another.
ClaimRef = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^([a-z0-9][a-z0-9-]*:)?[a-z0-9][a-z0-9-]*$",
        max_length=161,
        description='a claim id, or "policy-id:claim-id" for a claim in another file',
    ),
]
Text = Annotated[
    str,
    msgspec.Meta(
        min_length=1, max_length=4000, description="a non-empty string of at most 4000 characters"
    ),
]
# msgspec allows one string type per union, so "not stated" is part of the date's pattern.
DateOrNotStated = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^(\d{4}-\d{2}-\d{2}|not stated)$",
        description='a date as YYYY-MM-DD or "not stated"',
    ),
]
Date = Annotated[
    str,
    msgspec.Meta(pattern=r"^\d{4}-\d{2}-\d{2}$", description="a date as YYYY-MM-DD"),
]
ElectionId = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*\.\d{4}-\d{2}-\d{2}$",
        max_length=200,
        description='a Democracy Club election id, e.g. "mayor.london.2024-05-02"',
    ),
]
ArchivePath = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^sources/[A-Za-z0-9._-]+\.txt$",
        description='a path like "sources/name.txt", next to the policy file',
    ),
]


class Strict(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True, gc=False):
    """Base for every table in the format: unknown keys are errors, values never change.

    gc=False: policies hold no reference cycles, so the collector need not track thousands of
    claims (a measurable share of load time for large sets).
    """


class Who(Strict, frozen=True, kw_only=True):
    """Whose policy this is, and where it applies."""

    name: Text
    party: Text
    role: Text
    race: Text
    scope: Text
    # The ballot, as a Democracy Club election id ("mayor.london.2024-05-02"); its date places
    # every claim in time. None for a party's national policy that applies to any race.
    election: ElectionId | None = None
    # How to sort this policy among others; default: the last word of the name (a surname).
    sort_as: Text | None = None


class Officers(Strict, frozen=True, kw_only=True):
    """A count of police. Specials are unpaid volunteers: the kinds matter as much as the number."""

    number: PeopleCount | NotStated
    approximate: bool = False
    qualifier: Qualifier | None = None
    kinds: list[OfficerKind] | NotStated
    scope: Text
    timeframe: Text | None = None
    # The claim this figure is measured against (a target), for a derived difference.
    against: ClaimRef | None = None


class Money(Strict, frozen=True, kw_only=True):
    """An amount of money in whole pounds, with what kind of money it is and where it comes from."""

    amount: Pounds | NotStated
    kind: MoneyKind | NotStated
    comes_from: Text | None = None
    scope: Text
    period: Text | None = None
    # The officers claim this money is said to pay for, for a derived cost per officer.
    pays_for: ClaimRef | None = None


class Claim(Strict, frozen=True, kw_only=True):
    """One thing said, in the words of the source, attributed to whoever said it."""

    id: Id
    topic: Topic
    summary: Text
    quote: Text
    # Words of the same source that state the figure, when the quote itself does not (a figure
    # the reporter gives next to the quote). Proven like the quote; the figure must be in one.
    figure_quote: Text | None = None
    quote_kind: QuoteKind = "direct"
    speaker: Text
    speaker_role: SpeakerRole
    source: Id
    officers: Officers | None = None
    money: Money | None = None
    conditional_on: list[ClaimRef] = []
    part_of: ClaimRef | None = None
    note: Text | None = None


class Source(Strict, frozen=True, kw_only=True):
    """An archived article. The archive file lets `check` prove every quote is really there."""

    id: Id
    headline: Text
    publisher: Text
    author: Text
    date: DateOrNotStated
    # When the article prints no date: the earliest date its own text allows (with date_note
    # saying why). Used to place an undated source in time; never shown as its date.
    date_earliest: Date | None = None
    date_note: Text | None = None
    url: Text | None = None
    archive: ArchivePath


class Policy(Strict, frozen=True, kw_only=True):
    """A whole policy file: who, the sources they are quoted from, and the claims."""

    format: Literal[1]
    id: Id
    who: Who
    sources: list[Source]
    claims: list[Claim]


def json_schema() -> dict[str, Any]:
    """The format's JSON Schema, for editors (Taplo, Even Better TOML) and `hustings schema`."""
    schema = msgspec.json.schema(Policy)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "hustings policy file, format 1"
    return schema
