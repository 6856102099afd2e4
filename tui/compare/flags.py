"""The one vocabulary of flags: code, symbol, how it reads, and what it means.

Every view draws flags from here: compare attaches them, and the help legend, the table footnote,
the exports and the policies README are produced from (or checked against) this Enum. A flag
never relies on colour: it is always a symbol and words.

Where the source is silent, the flag says so as the source's silence ("THE ARTICLE DOES NOT
SAY"), in the same words for every candidate, so that it never reads as a candidate's omission.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class FlagKind(Enum):
    """(code, symbol, label as shown in the legend, meaning, a few words for a one-line key,
    the label as it reads inside a sentence, in sentence case, for `hustings read`)."""

    UNVERIFIED = (
        "unverified",
        "✗",
        "QUOTE NOT FOUND IN SOURCE",
        "check could not find the quote, word for word, in its archived source",
        "not proven",
        "quote not found in its source",
    )
    FIGURE_UNPROVEN = (
        "figure-unproven",
        "✗",
        "FIGURE NOT PROVEN FROM SOURCE",
        "the figure, or its 'around' or 'fewer than', is not what the source's words state",
        "not proven",
        "figure not proven from its source",
    )
    OLDER = (
        "older",
        "«",
        "OLDER CONTEXT (its year)",
        "from more than the usual time between elections of this kind before this one (an "
        "undated source: by the earliest date its text allows): context, not a current pledge",
        "older context",
        "older context",
    )
    CONDITIONAL = (
        "conditional",
        "◆",
        "CONDITIONAL",
        "the promise depends on something else happening first, shown in the source's words",
        "conditional",
        "conditional",
    )
    SCOPE = (
        "scope",
        "≠",
        "the scope, e.g. LONDON / NATIONAL",
        "figures of different scope share a row: do not compare them directly",
        "not like for like",
        "a different scope",
    )
    MONEY_KIND = (
        "money-kind",
        "≠",
        "the kind of money, e.g. SAVINGS",
        "money of different kinds shares a row: do not compare the amounts directly",
        "not like for like",
        "a different kind of money",
    )
    KINDS = (
        "kinds",
        "+",
        "INCLUDES PCSOs / SPECIAL CONSTABLES",
        "counts PCSOs or special constables as well as, or instead of, police officers",
        "includes PCSOs or special constables",
        "includes PCSOs or special constables",
    )
    KINDS_NOT_STATED = (
        "kinds-not-stated",
        "?",
        "KINDS: THE ARTICLE DOES NOT SAY",
        "the article does not say what kinds of officer are counted",
        "the article does not say",
        "kinds of officer not stated",
    )
    PART_OF = (
        "part-of",
        "⊂",
        "LINKED TO a larger figure, in the source's words",
        "the source links this figure to a larger one (e.g. 'would come from a pool of'), in "
        "the words shown: never add the two",
        "linked to a larger figure",
        "linked to a larger figure",
    )
    CONTAINS = (
        "contains",
        "⊃",
        "LINKED TO a smaller figure, in the source's words",
        "the source links a smaller figure to this one, in the words shown: never add the two",
        "linked to a smaller figure",
        "linked to a smaller figure",
    )
    PERIOD_NOT_STATED = (
        "period-not-stated",
        "?",
        "PERIOD: THE ARTICLE DOES NOT SAY",
        "the article does not say by when, or over what period",
        "the article does not say",
        "period not stated",
    )
    MONEY_SOURCE_NOT_STATED = (
        "money-source-not-stated",
        "?",
        "WHERE THE MONEY COMES FROM: THE ARTICLE DOES NOT SAY",
        "the article does not say where the money would come from",
        "the article does not say",
        "where the money comes from not stated",
    )

    def __init__(
        self, code: str, symbol: str, legend: str, meaning: str, short: str, said: str
    ) -> None:
        self.code = code
        self.symbol = symbol
        self.legend = legend
        self.meaning = meaning
        self.short = short
        self.said = said


# The marks that are not flags but sit beside figures, defined here too so the legend is whole.
DERIVED_MARK = "="
DERIVED_MEANING = "a figure we calculated, with its working: our arithmetic, not anyone's claim"
# In a pane, beside a claim with a note or a reading of ours: the trace (⏎) shows them.
NOTE_MARK = "†"
# Beside a figure in the overview and the table: what the year and a "+2" there mean.
MARKS = (
    ("2024 (after a figure)", "the year of the article the figure is from; \"Dec 2019 or "
     "later\" where the article prints no date and its text allows none earlier"),
    ("+2 (after a figure)", "2 more claims in the same cell, read side by side; not the + flag"),
    (f"{NOTE_MARK} (in a pane)", "a note in our words, or a reading of ours: ⏎ traces the claim "
     "and shows it"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Flag:
    """A reason two figures may not be comparable, or a condition or unknown to read first."""

    kind: FlagKind
    label: str  # this flag's words, e.g. "LONDON" or "PART OF LABOUR'S 13,000"
    detail: str
    words: str = ""  # the label inside a sentence, names kept: "part of Labour's 13,000"

    @property
    def said(self) -> str:
        """The label as it is read aloud: its own words, else its kind's."""
        return self.words or self.kind.said

    @property
    def code(self) -> str:
        return self.kind.code

    @property
    def symbol(self) -> str:
        return self.kind.symbol

    def __str__(self) -> str:
        return f"{self.symbol} {self.label}"


def legend() -> list[tuple[str, str]]:
    """(symbol and label, meaning) for every flag, then the derived mark and the other marks
    beside figures: for help and docs."""
    rows = [(f"{kind.symbol} {kind.legend}", kind.meaning) for kind in FlagKind]
    rows.append((f"{DERIVED_MARK} … (our arithmetic)", DERIVED_MEANING))
    rows.extend(MARKS)
    return rows


def readme_table() -> str:
    """The flag table of policies/README.md, made from the Enum (a test keeps them equal)."""
    lines = ["| flag | code | meaning |", "|---|---|---|"]
    for kind in FlagKind:
        lines.append(f"| `{kind.symbol} {kind.legend}` | `{kind.code}` | {kind.meaning} |")
    lines.append(f"| `{DERIVED_MARK} …` | (derived, not a flag) | {DERIVED_MEANING} |")
    return "\n".join(lines)


def symbol_key() -> str:
    """Every flag symbol once with a few words, for a screen that shows symbols alone."""
    words: dict[str, list[str]] = {}
    for kind in FlagKind:
        seen = words.setdefault(kind.symbol, [])
        if kind.short not in seen:
            seen.append(kind.short)
    return " · ".join(f"{symbol} {' or '.join(shorts)}" for symbol, shorts in words.items())


def footnote() -> str:
    """One line for the table's caption: every symbol once, in legend order."""
    symbols = "".join(dict.fromkeys(kind.symbol for kind in FlagKind))
    return (
        f"Flags ({' '.join(symbols)}) are computed from the data by the same rules for everyone "
        "(hustings help lists them). = marks our arithmetic, not anyone's claim. "
        "Every quote and figure is checked against its archived source."
    )
