"""Who the article says said it: "X said", "said X", "according to X", "X promised", and a
pronoun ("she said") taken from the sentence before when that sentence names its speaker.

Nothing is guessed: a sentence with none of these forms is "not stated" (the reporter's own
words), and so is a pronoun whose sentence before names no one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_VERB = (
    r"(?:has\s+|had\s+|have\s+)?(?:already\s+|also\s+|previously\s+|now\s+)?"
    r"(?:said|says|told|tells|added|adds|promised|promises|pledged|pledges|warned|warns|"
    r"argued|argues|claimed|claims|announced|announces|insisted|insists|stated|states|"
    r"wrote|writes|admitted|admits|explained|explains|vowed|vows|confirmed|confirms|"
    r"estimated|estimates|revealed|reveals)\b"
)
_WORD = r"[A-Z][\w’'-]*"
_TITLED = r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Cllr|Councillor|Prof)\.?\s+" + _WORD
_NAME = rf"(?:{_TITLED}(?:\s+{_WORD})?|{_WORD}(?:\s+{_WORD}){{0,3}})"
_ROLE = r"[Tt]he\s+(?:[A-Za-z][\w’'-]*\s+){0,2}?[A-Za-z][\w’'-]*"
_PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey)"
_WHO = rf"(?P<who>{_PRONOUN}|{_ROLE}|{_NAME})"
# X said / X, who is ..., said / X, who said / X has already pledged / X added:
_BEFORE = re.compile(
    rf"(?<![\w’'-]){_WHO}(?:,\s+who\s+(?:[^,]{{1,120}},\s+)?|,\s+)?\s*(?P<verb>{_VERB})"
)
# after a quotation: "..., she said" / "...,” said Jane Doe" / "according to X"
_AFTER = re.compile(rf"[,”\"]\s*(?:{_WHO}\s+(?P<verb>{_VERB})|(?P<verb2>said|says|added)\s+"
                    rf"(?P<who2>{_NAME}|{_ROLE}))")  # fmt: skip
_ACCORDING = re.compile(rf"according\s+to\s+(?P<who>{_NAME}|{_ROLE})")
# Capitalised words that start a sentence or name a time, not a person.
_NOT_NAMES = frozenset(
    {"but", "and", "so", "yet", "in", "on", "at", "if", "when", "after", "before", "while",
     "as", "last", "this", "then", "now", "meanwhile", "however", "speaking", "asked",
     "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
     "january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "yesterday", "today", "it", "we", "i", "you", "our"}
)  # fmt: skip
# Words near a name that say what the person is, mapped to the format's speaker roles.
ROLE_WORDS: tuple[tuple[str, str], ...] = (
    ("opponent", "opponent"),
    ("rival", "opponent"),
    ("spokesperson", "spokesperson"),
    ("spokesman", "spokesperson"),
    ("spokeswoman", "spokesperson"),
    ("shadow", "spokesperson"),
    ("candidate", "candidate"),
    ("reporter", "reporter"),
    ("correspondent", "reporter"),
    ("minister", "official"),
    ("secretary", "official"),
    ("commissioner", "official"),
    ("government", "official"),
    ("official", "official"),
)


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a sentence says spoke, where its verb is, and the words around the name."""

    who: str  # as the article names them: "Susan Hall", "the mayor", "she"
    at: int  # the verb's offset in the article
    after: bool  # a tag after the quotation (", she said"), not "X said" before it
    role_words: str  # up to six words before the name, for its role

    @property
    def pronoun(self) -> bool:
        return re.fullmatch(_PRONOUN, self.who) is not None


def _clean(who: str) -> str | None:
    """The name without the capitalised words that start a sentence ("But", "In July")."""
    words = who.split()
    while words and words[0].casefold() in _NOT_NAMES:
        words = words[1:]
    if not words:
        return None
    if words[0] in ("The", "the"):
        words[0] = "the"
    return " ".join(words)


def attributions(text: str, start: int, end: int) -> list[Attribution]:
    """Every attribution in text[start:end], in order of their verbs."""
    found: list[Attribution] = []
    for pattern, after in ((_BEFORE, False), (_AFTER, True), (_ACCORDING, True)):
        for match in pattern.finditer(text, start, end):
            groups = match.groupdict()
            raw = groups.get("who") or groups.get("who2")
            if raw is None:
                continue
            who = _clean(raw)
            if who is None:
                continue
            verb_at = match.start("verb") if groups.get("verb") else match.start()
            name_at = match.start("who") if groups.get("who") else match.start("who2")
            lead = text[max(start, name_at - 60) : name_at].split()[-6:]
            found.append(Attribution(who, verb_at, after, " ".join(lead)))
    found.sort(key=lambda a: a.at)
    return found


_PERSON = re.compile(rf"(?<![\w’'-])(?:{_TITLED}|{_WORD}(?:\s+{_WORD}){{1,3}})")


def sole_person(text: str, start: int, end: int) -> str | None:
    """The one person a sentence names (a titled name, or two or more capitalised words), or
    None when it names none or several: what a pronoun in the next sentence may safely mean."""
    names = {cleaned for m in _PERSON.finditer(text, start, end) if (cleaned := _clean(m.group()))}
    names = {name for name in names if " " in name and not name.startswith("the ")}
    return names.pop() if len(names) == 1 else None


def speaker_for(found: list[Attribution], figure_at: int) -> Attribution | None:
    """The attribution that covers a figure: the last "X said" before it, else a tag after it."""
    before = [a for a in found if a.at <= figure_at and not a.after]
    if before:
        return before[-1]
    later = [a for a in found if a.at > figure_at and a.after]
    return later[0] if later else None


def role_of(words: str) -> str | None:
    """The speaker role that words near a name state ("Tory opponent" -> opponent), or None."""
    folded = words.casefold()
    for word, role in ROLE_WORDS:
        if re.search(rf"\b{word}\b", folded):
            return role
    return None
