"""Reading what a figure counts and which fields its words carry: kinds, scope, period, the
kind of money, where it comes from, and the topic they suggest.

Each reader returns the article's own words or "not stated"; none infers what the words leave
open. "police officers" alone does not say whether PCSOs are counted, so its kinds are "not
stated"; beside "PCSOs and special constables" the same words are set apart from them, and are
read as warranted officers.
"""

from __future__ import annotations

import re

from ...policy.model import NOT_STATED

# Terms for people a police count counts, longest first, each with the kind it names (None: a
# word for police that does not say which kind).
_TERMS: tuple[tuple[str, str | None], ...] = (
    (r"police community support officers?", "PCSOs"),
    (r"community support officers?", "PCSOs"),
    (r"PCSOs?", "PCSOs"),
    (r"special constables?", "special constables"),
    (r"specials", "special constables"),
    (r"warranted (?:police )?officers?", "warranted officers"),
    (r"police officers?", None),
    (r"officers?", None),
    (r"police(?:men|women)?", None),
    (r"constables?", None),
    (r"cops", None),
    (r"recruits", None),
    (r"detectives", None),
    (r"bobbies", None),
)
_TERM = "|".join(f"(?:{term})" for term, _ in _TERMS)
_TERM_KINDS = [(re.compile(rf"^(?:{term})$", re.IGNORECASE), kind) for term, kind in _TERMS]
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

_KIND_ORDER = ("warranted officers", "PCSOs", "special constables")
_NATIONAL = re.compile(
    r"\b(?:nationwide|nationally|national|across the country|across England and Wales|"
    r"UK-wide|country-wide|countrywide)\b",
    re.IGNORECASE,
)
_PERIOD = re.compile(
    r"\b(?:(?:by|before|until)\s+(?:the\s+)?(?:end\s+of\s+)?(?:\d{4}(?:-\d{2})?|next\s+year|"
    r"the\s+next\s+election|[A-Z][a-z]+\s+\d{4})"
    r"|(?:over|within|during|in)\s+(?:the\s+)?(?:next\s+|first\s+|coming\s+)?"
    r"(?:\w+\s+)?(?:years?|months?|terms?|parliament)"
    r"|(?:a|per|each|every)\s+year|annually|last\s+year|this\s+year|next\s+year"
    r"|in\s+the\s+first\s+round(?:\s+of\s+[a-z]+)?|in\s+total)\b",
)
_SAVINGS = re.compile(r"\bsav(?:ings?|ed)\b", re.IGNORECASE)
_NEW_MONEY = re.compile(r"\bnew\s+(?:money|funding|investment|cash)\b", re.IGNORECASE)
_MOVED = re.compile(r"\b(?:reallocat\w*|redirect\w*|divert\w*|moved\s+from)\b", re.IGNORECASE)
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


def kinds(noun: re.Match[str] | None) -> list[str] | str:
    """The kinds a noun phrase names, or "not stated" when it names none apart."""
    if noun is None:
        return NOT_STATED
    items = [noun["head"], *_LIST_ITEM.findall(noun["more"] or "")]
    named = {_kind(item) for item in items}
    explicit = {kind for kind in named if kind is not None}
    if not explicit:
        return NOT_STATED
    if None in named:  # "police officers" set apart from "PCSOs and special constables"
        if not explicit & {"PCSOs", "special constables"}:
            return NOT_STATED
        explicit.add("warranted officers")
    return [kind for kind in _KIND_ORDER if kind in explicit]


def _kind(item: str) -> str | None:
    for pattern, kind in _TERM_KINDS:
        if pattern.match(item.strip()):
            return kind
    return None


def scope(clause: str, policy_scope: str | None, after: str = "") -> tuple[str, list[str]]:
    """(scope, the places named): a scope only when the clause names exactly one, or when
    "nationwide" follows the figure's own noun ("13,000 extra officers nationwide")."""
    if _NATIONAL.match(after.lstrip()):
        return "national", ["national"]
    named: list[str] = []
    if _NATIONAL.search(clause):
        named.append("national")
    local = policy_scope and policy_scope.casefold() not in ("national", "not stated")
    if local and re.search(rf"(?<!\w){re.escape(policy_scope or '')}(?!\w)", clause):
        named.append(policy_scope or "")
    return (named[0] if len(named) == 1 else NOT_STATED), named


def period(clause: str) -> str:
    """The clause's words for when or over what period ("last year", "by 2028"), or not stated."""
    found = {m.group() for m in _PERIOD.finditer(clause)}
    return found.pop() if len(found) == 1 else NOT_STATED


def money_kind(clause: str) -> str:
    kinds_named = {
        kind
        for kind, pattern in (
            ("savings", _SAVINGS),
            ("new investment", _NEW_MONEY),
            ("reallocation", _MOVED),
        )
        if pattern.search(clause)
    }
    return kinds_named.pop() if len(kinds_named) == 1 else NOT_STATED


def comes_from(text: str, end: int, limit: int) -> str:
    """ "£4m of savings from the town's IT contracts" -> "the town's IT contracts"."""
    match = _FROM.match(text, end, limit)
    if match is None or re.match(r"\d", match["from"]):
        return NOT_STATED
    return " ".join(match["from"].split())


def topic(sentence: str, money: bool) -> str:
    """The topic the sentence suggests: a suggestion for the author, said to be one."""
    if _CRITICISM.search(sentence):
        return "criticism"
    if money:
        return "funding"
    return "officers" if _PLEDGE.search(sentence) else "record"
