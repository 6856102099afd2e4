"""The policy file format, version 1, as typed msgspec Structs.

Why msgspec: one declaration gives strict validation (unknown fields and wrong types are rejected),
fast decoding and the JSON Schema that editors use. This module imports neither Textual nor Rich.

`NOT_STATED` is a value, not an absence: it records that the source was read and does not say.
A field left out (None) means nobody recorded it.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

import msgspec

FORMAT_VERSION = 1
NOT_STATED = "not stated"

NotStated = Literal["not stated"]

# The closed sets of the format. Each is defined here, once, as a Literal type: msgspec
# validates against it, the JSON Schema and the README's field table are made from it, and
# every other place (figure proofs, formatting, flags, exports, property tests) takes its
# values from the tuples below, never from a list of its own.
Topic = Literal["officers", "funding", "condition", "pledge", "record", "criticism"]
SpeakerRole = Literal["candidate", "spokesperson", "reporter", "opponent", "official"]
QuoteKind = Literal["direct", "reported"]
OfficerKind = Literal["police officers", "PCSOs", "special constables"]
MoneyKind = Literal["new investment", "savings", "reallocation"]
Qualifier = Literal["fewer than", "more than", "up to", "at least", "over", "under"]
# The fields by which one claim refers to another (see relations.py for what each means).
Relation = Literal["conditional_on", "part_of", "against", "pays_for", "responds_to"]
# The fields a claim may give as a reading of ours (value, why, the words it rests on) when no
# words of the source carry them: shown everywhere as "our reading", never as the source's.
ReadableField = Literal[
    "officers.kinds",
    "officers.scope",
    "officers.timeframe",
    "money.kind",
    "money.comes_from",
    "money.scope",
    "money.period",
]
# The one verb our summaries attribute words with, by what the speaker is in the story: a
# reporter writes, everyone else says. Keyed by every SpeakerRole (a test checks).
AttributionVerb = Literal["said", "wrote"]

TOPICS: tuple[Topic, ...] = get_args(Topic)
SPEAKER_ROLES: tuple[SpeakerRole, ...] = get_args(SpeakerRole)
QUOTE_KINDS: tuple[QuoteKind, ...] = get_args(QuoteKind)
OFFICER_KINDS: tuple[OfficerKind, ...] = get_args(OfficerKind)
MONEY_KINDS: tuple[MoneyKind, ...] = get_args(MoneyKind)
QUALIFIERS: tuple[Qualifier, ...] = get_args(Qualifier)
RELATIONS: tuple[Relation, ...] = get_args(Relation)
READABLE_FIELDS: tuple[ReadableField, ...] = get_args(ReadableField)
ATTRIBUTION_VERBS: tuple[AttributionVerb, ...] = get_args(AttributionVerb)
ATTRIBUTION_VERB: dict[SpeakerRole, AttributionVerb] = {
    "candidate": "said",
    "spokesperson": "said",
    "reporter": "wrote",
    "opponent": "said",
    "official": "said",
}
# How a reporter the source does not name is written as a claim's speaker.
REPORTER_NOT_NAMED = "the article's reporter (not named)"

# The words of a source that carry each kind of officer and each kind of money: a kind is
# proven when one of them stands in the quote, figure_quote or the field's `words`. Keyed by
# every kind (a test checks); the words are matched whole, ignoring case and a plural "s".
KIND_CARRIERS: dict[OfficerKind, tuple[str, ...]] = {
    "police officers": ("police officers",),
    "PCSOs": ("PCSOs", "PCSO", "community support officers"),
    "special constables": ("special constables", "specials"),
}
MONEY_KIND_CARRIERS: dict[MoneyKind, tuple[str, ...]] = {
    "new investment": ("new funding", "new investment", "new money"),
    "savings": ("savings",),
    "reallocation": ("reallocation", "reallocated", "reallocating"),
}
# The words that make a scope or a period (field_proofs): a scope is carried only by words
# that name a place, a period only by words of time, and neither by words that also name
# another (a quote naming "London" and "nationwide" does not say which is the figure's scope:
# the field's own `words` must). A place is a name (a word the source capitalises) or an area
# word; a time is a time word, a year, or a month or weekday the source capitalises. Matched
# whole, ignoring case and a plural "s" or an "ly".
AREA_WORDS: tuple[str, ...] = (
    "national", "nationwide", "nation", "country", "countrywide", "UK", "Britain", "England",
    "Wales", "Scotland", "local", "borough", "county", "region", "regional", "city",
    "citywide", "capital", "constituency", "district", "ward", "hotspots",
)  # fmt: skip
TIME_WORDS: tuple[str, ...] = (
    "year", "month", "week", "day", "decade", "term", "round", "annual", "yearly", "monthly",
    "weekly", "daily", "today", "tomorrow", "yesterday", "spring", "summer", "autumn",
    "winter", "election", "parliament",
)  # fmt: skip
CALENDAR_NAMES: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday",
)  # fmt: skip

# Which way each qualifier bounds its number, and whether the bound itself is excluded:
# "fewer than 1,400" is below 1,400 (upper, strict), "at least 1,000" is 1,000 or more (lower,
# not strict). Keyed by every Qualifier (a test checks), so that our arithmetic on a bounded
# figure states its own bound correctly.
QUALIFIER_BOUND: dict[Qualifier, tuple[Literal["upper", "lower"], bool]] = {
    "fewer than": ("upper", True),
    "more than": ("lower", True),
    "up to": ("upper", False),
    "at least": ("lower", False),
    "over": ("lower", True),
    "under": ("upper", True),
}

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

OfficerKinds = Annotated[
    list[OfficerKind],
    msgspec.Meta(
        min_length=1,
        description="an array of one or more of "
        + ", ".join(f'"{kind}"' for kind in get_args(OfficerKind)),
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
    # For a candidate: the published list of candidates that gives `name` and `party` (their
    # name and ballot description, exactly as it prints them).
    listed_in: CandidateList | None = None


class CandidateList(Strict, frozen=True, kw_only=True):
    """Where a race's list of candidates was published: who stands, with each one's name and
    ballot description as printed.

    Not an archived article: no claim can quote it (a claim's `source` names a [[sources]]
    table). Its archived copy, when given, proves each candidate's name and ballot description
    and nothing else.
    """

    publisher: Text
    date: Date
    url: Text
    what: Text
    # Our archived copy of the list's names and ballot descriptions (a file whose header says
    # "Kind: candidate list"), from which check proves `name` and `party`.
    archive: ArchivePath | None = None


class OfficerWords(Strict, frozen=True, kw_only=True):
    """Words of the same article that carry an officer field's value, when the quote does not."""

    kinds: Text | None = None
    scope: Text | None = None
    timeframe: Text | None = None
    against: Text | None = None


class MoneyWords(Strict, frozen=True, kw_only=True):
    """Words of the same article that carry a money field's value, when the quote does not."""

    kind: Text | None = None
    comes_from: Text | None = None
    scope: Text | None = None
    period: Text | None = None
    pays_for: Text | None = None


class ClaimWords(Strict, frozen=True, kw_only=True):
    """Words of the same article that make a claim's relation to another claim."""

    conditional_on: Text | None = None
    part_of: Text | None = None
    responds_to: Text | None = None


class Reading(Strict, frozen=True, kw_only=True):
    """A value no words of the source carry, given as ours: why, and the words it rests on."""

    field: ReadableField
    why: Text
    rests_on: Text


class Officers(Strict, frozen=True, kw_only=True):
    """A count of police: what kinds are counted matters as much as the number."""

    number: PeopleCount | NotStated
    approximate: bool = False
    qualifier: Qualifier | None = None
    kinds: OfficerKinds | NotStated
    scope: Text
    timeframe: Text | None = None
    # The claim this figure is measured against (a target), for a derived difference.
    against: ClaimRef | None = None
    words: OfficerWords | None = None


class Money(Strict, frozen=True, kw_only=True):
    """An amount of money in whole pounds, with what kind of money it is and where it comes from."""

    amount: Pounds | NotStated
    kind: MoneyKind | NotStated
    comes_from: Text | None = None
    scope: Text
    period: Text | None = None
    # The officers claim this money is said to pay for, for a derived cost per officer.
    pays_for: ClaimRef | None = None
    words: MoneyWords | None = None


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
    # The criticisms this claim answers, so that a response is kept beside what it answers.
    responds_to: list[ClaimRef] = []
    words: ClaimWords | None = None
    readings: list[Reading] = []
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
    # Other words this article names a speaker by ("the Mayor" for Sadiq Khan), beyond their
    # name and the title in a claim's `speaker`.
    names: list[Naming] = []


class Naming(Strict, frozen=True, kw_only=True):
    """Another way an article names a speaker. Proven when the article sets it beside their
    name ("London mayor Sadiq Khan"); otherwise a reading of ours, which needs `why`."""

    speaker: Text
    called: Text
    why: Text | None = None


class Policy(Strict, frozen=True, kw_only=True):
    """A whole policy file: who, the sources they are quoted from, and the claims."""

    format: Literal[1]
    id: Id
    who: Who
    sources: list[Source]
    claims: list[Claim]


# What each field means, for a first-time author: the editor schema's descriptions and the
# field table of policies/README.md are both made from this (a test checks every field is here).
FIELD_HELP: dict[str, dict[str, str]] = {
    "Policy": {
        "format": "The format version: always 1.",
        "id": "This policy's id, unique among the files compared (lower-case letters, digits, "
        'hyphens), e.g. "khan". Other files refer to its claims as "id:claim-id".',
        "who": "Whose policy this is and where it applies.",
        "sources": "The archived articles the claims quote, one [[sources]] table each.",
        "claims": "One [[claims]] table per thing said, each quoting a source word for word.",
    },
    "Who": {
        "name": "The candidate's or party's name as voters know it.",
        "party": 'Their party, or "Independent".',
        "role": "What they are running for or speaking as, in a few words.",
        "race": 'The election, in words, e.g. "London mayoral election, 2 May 2024".',
        "scope": 'Where the policy applies, e.g. "London" or "national".',
        "election": "The ballot as a Democracy Club election id, e.g. "
        '"mayor.london.2024-05-02"; leave it out for a party\'s national policy.',
        "sort_as": "How to sort this policy among others; default: the last word of the name.",
        "listed_in": "For a candidate: the published list of candidates that gives `name` and "
        "`party` (written exactly as it prints their name and ballot description).",
    },
    "CandidateList": {
        "publisher": "Who published the list of candidates.",
        "date": 'When it was published, as "YYYY-MM-DD".',
        "url": "Where it was published.",
        "what": "What the list is, e.g. the final list after nominations closed. No claim may "
        "quote it: it is not an archived article.",
        "archive": 'Our archived copy of the list, "sources/NAME.txt": a header saying "Kind: '
        'candidate list" (and its publisher, date, URL and what it is), a line ---, then one '
        'candidate a line as "name | ballot description". check proves name and party from it.',
    },
    "Source": {
        "id": "This source's id; claims name it in `source`.",
        "headline": 'The article\'s headline as printed, or "not stated".',
        "publisher": 'Who published it, or "not stated".',
        "author": 'Who wrote it, or "not stated".',
        "date": 'The date it was published, as a quoted "YYYY-MM-DD", or "not stated".',
        "date_earliest": "When the article prints no date: the earliest date its own text "
        'allows, as "YYYY-MM-DD"; say why in date_note.',
        "date_note": "What is known about the date and where it comes from (the URL, the text).",
        "url": "Where it was published; only if known, never guessed.",
        "archive": 'The archived text beside the policy file: "sources/NAME.txt", holding a '
        "header, a line that is exactly ---, then the article.",
        "names": "Other words this article names a speaker by, one [[sources.names]] table each.",
    },
    "Naming": {
        "speaker": "The speaker's name, as claims write it before any comma.",
        "called": 'The words the article names them by, e.g. "the Mayor".',
        "why": "Needed when the article never sets these words beside the name: why we read "
        "them as this speaker. Every claim proven by it shows it as our reading.",
    },
    "Claim": {
        "id": "This claim's id, unique in the file; other claims refer to it by this.",
        "topic": "Which row it is compared in; officers needs [claims.officers] and funding "
        "needs [claims.money] (see Topics and rows).",
        "summary": "A short, neutral sentence of ours, in the words of the quote and the "
        'sentences near it; "said" or "wrote", never a loaded verb.',
        "quote": "Words copied exactly from the archived article (only spacing and the style of "
        "quote marks may differ); check proves they are there.",
        "figure_quote": "When the quote does not state the figure: other words of the same "
        "article that do (check proves them too).",
        "quote_kind": "direct: the speaker's own words; reported: the reporter's account of them.",
        "speaker": "Who said it, as the article names them.",
        "speaker_role": "What the speaker is in this story, in our classification (the "
        "balance ledger counts by it); never shown as a label of theirs.",
        "source": "The id of the [[sources]] table it quotes.",
        "officers": "The officer count this claim states (for the officers row, or a record).",
        "money": "The amount of money this claim states (for the funding row, or a record).",
        "conditional_on": "Ids of condition claims this depends on.",
        "part_of": 'A figure this one is counted inside: "claim-id" or "policy-id:claim-id". '
        "Never added together.",
        "responds_to": "Ids of criticism claims this claim answers (the balance ledger counts "
        "a criticism with a response kept).",
        "words": "Words of the same article that make each relation (conditional_on, part_of, "
        "responds_to); check proves them and the views word the relation with them.",
        "readings": "Our readings: a field's value that no words of the source carry, with why "
        "and the words it rests on; every view shows it as our reading.",
        "note": "Context a reader needs, in neutral words; every view shows it as a note.",
    },
    "ClaimWords": {
        "conditional_on": "The words that make the claim depend on its conditions.",
        "part_of": 'The words that make this figure part of the other ("would come from a pool '
        'of 13,000"); they must state the other figure.',
        "responds_to": "The words that make this claim an answer to the criticism.",
    },
    "Reading": {
        "field": "The field read.",
        "why": "Why we read it so, in neutral words.",
        "rests_on": "The words of the same article the reading rests on (check proves them).",
    },
    "Officers": {
        "number": 'The count as the source states it, or "not stated". Must appear in the quote '
        "(or figure_quote).",
        "approximate": 'true when the source says "around", "about", "some", "nearly" ... before '
        "the number.",
        "qualifier": "When the source bounds the number, the words it bounds it with.",
        "kinds": "What is counted, in the format's words for the source's (see What check "
        'proves); or "not stated".',
        "scope": 'Where the count applies, e.g. "London" or "national".',
        "timeframe": 'By when or over what period, as the source says; or "not stated".',
        "against": "A target this figure is measured against (a claim id): gives a difference.",
        "words": "Words of the same article that carry kinds, scope, timeframe or against when "
        "the quote does not (check proves them).",
    },
    "OfficerWords": {
        "kinds": "Words that name each kind counted.",
        "scope": "Words that state the scope.",
        "timeframe": "Words that state the timeframe.",
        "against": 'Words that make the other figure a target ("tasked with hiring", "target") '
        "and state it.",
    },
    "Money": {
        "amount": 'Whole pounds (£200m is 200000000), or "not stated". Must appear in the quote '
        "(or figure_quote).",
        "kind": 'What kind of money it is, as the source says; or "not stated".',
        "comes_from": 'Where the money comes from, as the source says; or "not stated".',
        "scope": 'Where it would be spent, e.g. "London" or "national".',
        "period": 'Over what period, as the source says; or "not stated".',
        "pays_for": "The officers claim the source says this money pays for.",
        "words": "Words of the same article that carry kind, comes_from, scope, period or "
        "pays_for when the quote does not (check proves them).",
    },
    "MoneyWords": {
        "kind": "Words that name the kind of money.",
        "comes_from": "Words that say where it comes from.",
        "scope": "Words that state the scope.",
        "period": "Words that state the period.",
        "pays_for": "Words that say the money pays for those officers.",
    },
}


def _without_null(node: Any) -> Any:
    """Drop `null` branches: TOML has no null, so an optional field is one that is left out."""
    if isinstance(node, dict):
        branches = node.get("anyOf")
        if isinstance(branches, list) and {"type": "null"} in branches:
            kept = [b for b in branches if b != {"type": "null"}]
            rest = {k: v for k, v in node.items() if k not in ("anyOf", "default")}
            node = {**kept[0], **rest} if len(kept) == 1 else {"anyOf": kept, **rest}
        return {key: _without_null(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_without_null(item) for item in node]
    return node


def json_schema() -> dict[str, Any]:
    """The format's JSON Schema, for editors (Taplo, Even Better TOML) and `hustings schema`.

    Where an editor and `check` could judge differently, `check` is made to agree: it accepts
    a leading byte order mark, an unquoted TOML date for a date field, and a whole-number float
    (9.6e6) for a count or an amount, since an editor's JSON Schema cannot tell those apart.
    """
    schema: dict[str, Any] = _without_null(msgspec.json.schema(Policy))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "hustings policy file, format 1"
    definitions = {"Policy": schema, **schema["$defs"]}
    for struct, fields in FIELD_HELP.items():
        properties = definitions[struct]["properties"]
        for name, help_text in fields.items():
            target = properties[name]
            if "$ref" in target:  # a $ref cannot carry siblings in older drafts: wrap it
                properties[name] = target = {"allOf": [{"$ref": target.pop("$ref")}], **target}
            kind = target.get("description")
            target["description"] = f"{help_text} ({kind})" if kind else help_text
    return schema


def schema_text(schema: dict[str, Any] | None = None) -> str:
    """A schema as `hustings schema` prints it and policy.schema.json holds it: one format."""
    import json

    return (
        json.dumps(json_schema() if schema is None else schema, indent=2, ensure_ascii=False) + "\n"
    )
