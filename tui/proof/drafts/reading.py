"""Reading what a figure counts and which fields its words carry: kinds, scope, period, the
kind of money, where it comes from, and the topic they suggest.

Each reader returns the article's own words or "not stated"; none infers what the words leave
open. Kinds of officer and of money are read by the words `check` proves them with (the
format's KIND_CARRIERS and MONEY_KIND_CARRIERS), never by a list of our own. The kinds are
exactly the kinds the words name, as `check` reads them: "police officers" names one, "police
officers, PCSOs and special constables" three, "extra officers" none ("not stated").
"""

from __future__ import annotations

import re

from ...policy.model import (
    KIND_CARRIERS,
    MONEY_KIND_CARRIERS,
    MONEY_KINDS,
    NOT_STATED,
    OFFICER_KINDS,
    OfficerKind,
)
from ..field_proofs import carries

# Terms for people a police count counts, longest first: what makes a figure a count of police.
# Which kind each term names is read from the format's KIND_CARRIERS, not from here.
_TERMS: tuple[str, ...] = (
    r"police community support officers?",
    r"community support officers?",
    r"PCSOs?",
    r"special constables?",
    r"specials",
    r"warranted (?:police )?officers?",
    r"police officers?",
    r"officers?",
    r"police(?:men|women)?",
    r"constables?",
    r"cops",
    r"recruits",
    r"detectives",
    r"bobbies",
)
_TERM = "|".join(f"(?:{term})" for term in _TERMS)
# Words that end a noun phrase: what follows one of them is no longer what is counted.
_STOP = (
    r"(?:in|into|to|by|from|of|for|at|on|with|will|would|could|should|can|may|are|is|were|was|"
    r"be|been|have|has|had|that|which|who|across|nationwide|over|under|than|and|or|but|per|"
    r"this|these|those|their|his|her|its|our|the|a|an|if|when|as|each|every|more|less|fewer)"
)
_MODIFIER = rf"(?!{_STOP}\b)[A-Za-z][\w’'-]*"
# "1,300 additional neighbourhood police officers, PCSOs and special constables"
_NOUN = re.compile(
    rf"[”\"’]?\s*(?:more\s+|extra\s+)?(?:{_MODIFIER}\s+){{0,3}}?(?P<head>{_TERM})"
    rf"(?P<more>(?:(?:\s*,\s*|\s*,?\s+and\s+|\s*,?\s+or\s+)(?:{_TERM}))*)(?![\w’'-])",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(rf"{_TERM}", re.IGNORECASE)
# After "police": a noun that makes it something else ("police stations", "police staff").
_COMPOUND = re.compile(rf"\s+(?!{_STOP}\b)[a-z][\w’'-]*", re.IGNORECASE)
# A count with no noun of its own ("2,000 in the first round", "only 3,468.") is read as
# officers only where its sentence or the one before speaks of them.
_BARE_NEXT = re.compile(rf"\s*(?:$|[,.;:!?)”’\"–—-]|{_STOP}\b)", re.IGNORECASE)
_NOT_A_COUNT_NEXT = re.compile(r"\s*(?:%|per\s*cent\b|percent\b|pc\b|:\d|[-–/]\d)", re.IGNORECASE)
_NOT_A_COUNT_BEFORE = re.compile(
    r"(?:\b(?:aged?|no|number|page|section|clause|article|junction|route|room|platform|"
    r"chapter|version|ward|since|until)\s+|[-–/])$",
    re.IGNORECASE,
)
_MONTH = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
    re.IGNORECASE,
)
OFFICER_WORDS = re.compile(rf"\b(?:{_TERM})\b", re.IGNORECASE)

_NATIONAL = re.compile(
    r"\b(?:nationwide|nationally|national|across the country|across England and Wales|"
    r"UK-wide|country-wide|countrywide)\b",
    re.IGNORECASE,
)
_NATIONAL_AFTER = re.compile(r"\s*" + _NATIONAL.pattern, re.IGNORECASE)
_PERIOD = re.compile(
    r"\b(?:(?:by|before|until)\s+(?:the\s+)?(?:end\s+of\s+)?(?:\d{4}(?:-\d{2})?|next\s+year|"
    r"the\s+next\s+election|[A-Z][a-z]+\s+\d{4})"
    r"|(?:over|within|during|in)\s+(?:the\s+)?(?:next\s+|first\s+|coming\s+)?"
    r"(?:\w+\s+)?(?:years?|months?|terms?|parliament)"
    r"|(?:a|per|each|every)\s+year|annually|last\s+year|this\s+year|next\s+year"
    r"|in\s+the\s+first\s+round(?:\s+of\s+[a-z]+)?|in\s+total)\b",
)
_FROM = re.compile(
    r"\s+(?:of\s+)?(?:(?:savings|cuts|money|funding)\s+)?from\s+(?P<from>[^,.;:–—”\"]{3,200})"
)
_CRITICISM = re.compile(r"\b(?:criticis|criticiz|accus|blam|attack|fail|miss)", re.IGNORECASE)
_PLEDGE = re.compile(
    r"\b(?:will|would|pledg\w*|promis\w*|vow\w*|plans?|wants?\s+to|if\s+(?:re-?)?elected)\b",
    re.IGNORECASE,
)


def noun_after(text: str, end: int, limit: int) -> re.Match[str] | None:
    """The officer noun phrase right after a figure ("additional ... constables"), or None."""
    match = _NOUN.match(text, end, limit)
    if match is None:
        return None
    if match["head"].casefold().startswith("police") and not match["more"]:
        compound = _COMPOUND.match(text, match.end(), limit)
        if compound and not OFFICER_WORDS.fullmatch(compound.group().strip()):
            return None  # "police stations", "police staff": not people counted as police
    return match


def is_bare_count(text: str, start: int, end: int, limit: int, words: str) -> bool:
    """A figure in digits with no noun of its own, not a year, a date, a share or a range."""
    if not any(char.isdigit() for char in words):
        return False
    if _NOT_A_COUNT_NEXT.match(text, end, limit):
        return False
    if _NOT_A_COUNT_BEFORE.search(text[max(0, start - 24) : start]):
        return False
    near = text[max(0, start - 12) : start] + " " + text[end : end + 12]
    if _MONTH.search(near):
        return False
    return _BARE_NEXT.match(text, end, limit) is not None


def looks_like_year(value: int, words: str) -> bool:
    return words.isdigit() and len(words) == 4 and 1800 <= value <= 2199


def kinds(noun: re.Match[str] | None) -> list[OfficerKind] | str:
    """The kinds a noun phrase names, each by the words `check` proves it with; "not stated"
    when a term in it names no kind of its own ("officers", "warranted officers")."""
    if noun is None:
        return NOT_STATED
    items = [noun["head"], *_LIST_ITEM.findall(noun["more"] or "")]
    named = {_kind(item) for item in items}
    if None in named:
        return NOT_STATED
    return [kind for kind in OFFICER_KINDS if kind in named]


def _kind(item: str) -> OfficerKind | None:
    """The kind whose words the term holds ("PCSO", "police community support officers")."""
    for kind in OFFICER_KINDS:
        if any(carries(item, carrier) for carrier in KIND_CARRIERS[kind]):
            return kind
    return None


def scope(clause: str, policy_scope: str | None) -> tuple[str, list[str]]:
    """(scope, the places named): a scope only when the clause names exactly one. A country-wide
    scope is given in the article's words ("nationwide", "across the country"), which `check`
    finds in them; "national" only where they say "national" or "nationally"."""
    named: list[str] = []
    found = _NATIONAL.search(clause)
    if found:
        named.append(national(found))
    local = policy_scope and policy_scope.casefold() not in ("national", "not stated")
    if local and re.search(rf"(?<!\w){re.escape(policy_scope or '')}(?!\w)", clause):
        named.append(policy_scope or "")
    return (named[0] if len(named) == 1 else NOT_STATED), named


def national_after(text: str, at: int, limit: int) -> re.Match[str] | None:
    """A country-wide scope right after a figure's noun ("13,000 extra officers nationwide")."""
    return _NATIONAL_AFTER.match(text, at, limit)


def national(match: re.Match[str]) -> str:
    """The scope in the words matched: "national" for "national(ly)", else the words."""
    words = match.group().strip()
    return "national" if words.casefold() in ("national", "nationally") else words


def period(clause: str) -> str:
    """The clause's words for when or over what period ("last year", "by 2028"), or not stated."""
    found = {m.group() for m in _PERIOD.finditer(clause)}
    return found.pop() if len(found) == 1 else NOT_STATED


def money_kind(clause: str) -> str:
    """The one kind of money the clause names by the words `check` proves it with, or not
    stated (none, or several)."""
    named = [
        kind
        for kind in MONEY_KINDS
        if any(carries(clause, carrier) for carrier in MONEY_KIND_CARRIERS[kind])
    ]
    return named[0] if len(named) == 1 else NOT_STATED


def comes_from(text: str, end: int, limit: int) -> tuple[str, int | None]:
    """ "£4m of savings from the town's IT contracts" -> ("the town's IT contracts", where
    those words end), or ("not stated", None)."""
    match = _FROM.match(text, end, limit)
    if match is None or re.match(r"\d", match["from"]):
        return NOT_STATED, None
    return " ".join(match["from"].split()), match.end("from")


def topic(sentence: str, money: bool) -> str:
    """The topic the sentence suggests: a suggestion for the author, said to be one."""
    if _CRITICISM.search(sentence):
        return "criticism"
    if money:
        return "funding"
    return "officers" if _PLEDGE.search(sentence) else "record"
