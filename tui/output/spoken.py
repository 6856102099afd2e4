"""One claim in sentences a screen reader speaks well and a braille display shows plainly.

`claim_sentences(view)` is the one place these words are made: `hustings read` prints them, and
the app can announce the claim under its cursor with the same words. Our own text is made fit
for the ear: symbols that speech engines misread become words (espeak-ng says "≈1,300" as
"approximately", "£200m" as "pound two hundred em", "£27,692" as "pound twenty seven thousand
…", and "2,000 − fewer than 1,400 = more than 600" as a formula). A quote stays exactly as
its source wrote it. Every string from a policy file goes through `safe`.
"""

from __future__ import annotations

import re

from ..compare.comparison import ClaimView
from ..policy.sanitize import safe
from .claim_text import attribution

_AROUND = re.compile(r"≈\s?(?=\d)")
_POUNDS = re.compile(r"£(\d[\d,]*(?:\.\d+)?)(?:(bn|m|k)\b|\s(billion|million|thousand)\b)?(?!\.\d)")
_SCALE = {"bn": " billion", "m": " million", "k": " thousand", None: ""}
_DIFFERENCE = re.compile(r"(?P<whole>.+?) − (?P<part>.+?) = (?P<left>.+)")
_DIVISION = re.compile(r"(?P<amount>.+?) ÷ (?P<by>.+?) = (?P<each>.+)")
# As eras.py writes a month beside a year ("Dec 2019 or later"): English, whatever the locale.
_MONTHS = {
    month[:3]: month
    for month in ["January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"]
}  # fmt: skip
_MONTH = re.compile(rf"\b({'|'.join(_MONTHS)}) (\d{{4}})\b")


# Words in quotation marks ("…" or “…”) are the source's, never ours to respell.
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')


def spoken(text: str) -> str:
    """Our own words with the symbols said: '≈1,300' as 'around 1,300', '£200m' as
    '200 million pounds', '£27,692' as '27,692 pounds', and a month in full: 'Dec 2019' as
    'December 2019' (espeak-ng says 'Dec' as 'deck'). Words in quotation marks are the
    source's: they stay exactly as written."""
    parts, at = [], 0
    for quoted in _QUOTED.finditer(text):
        parts += [_said(text[at : quoted.start()]), quoted.group()]
        at = quoted.end()
    return "".join(parts) + _said(text[at:])


def _said(ours: str) -> str:
    ours = _MONTH.sub(lambda found: f"{_MONTHS[found[1]]} {found[2]}", _AROUND.sub("around ", ours))
    return _POUNDS.sub(_pounds, ours)


def _pounds(found: re.Match[str]) -> str:
    number, short, word = found.groups()
    scale = f" {word}" if word else _SCALE[short]
    return f"{number}{scale} pounds"


def arithmetic(working: str) -> str:
    """Our working in words, not as a formula: '4,557 − 3,468 = 1,089.' reads 'Subtracting
    3,468 from 4,557 leaves 1,089.', 'a ÷ b = c' reads 'a divided by b is c'."""
    formula, stop, rest = working.partition(". ")
    if found := _DIFFERENCE.fullmatch(formula):
        formula = f"Subtracting {found['part']} from {found['whole']} leaves {found['left']}"
    elif found := _DIVISION.fullmatch(formula):
        formula = f"{found['amount']} divided by {found['by']} is {found['each']}"
    return spoken(formula + stop + rest)


def sentence(text: str) -> str:
    """Text as one sentence ending in a single full stop."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


def claim_sentences(view: ClaimView) -> list[str]:
    """The claim in reading order: its figure, what was said, each flag, our arithmetic, the
    quote and who said it; one sentence (or two) a line."""
    lines = []
    if view.headline is not None:
        counts = f" ({spoken(safe(view.counts)).replace(' · ', ', ')})" if view.counts else ""
        lines.append(f"Figure: {spoken(f'{safe(view.headline)}, {view.when.short}')}{counts}.")
    lines.append(f"What was said: {spoken(safe(view.claim.summary))}")
    for flag in view.flags:
        lines.append(f"Flag, {spoken(safe(flag.said))}: {sentence(spoken(safe(flag.detail)))}")
    for derived in view.derived:
        working = sentence(arithmetic(safe(derived.working)))
        lines.append(f"Our arithmetic: {spoken(safe(derived.label))}. {working}")
    for reason in view.not_derived:
        lines.append(sentence(spoken(safe(reason))))
    if view.note:
        lines.append(f"Note, in our words: {sentence(spoken(safe(view.note)))}")
    for reading in view.readings:
        lines.append(spoken(safe(reading.sentence())))
    kind = "In their own words" if view.claim.quote_kind == "direct" else "As reported"
    lines.append(f'{kind}: "{safe(view.claim.quote)}", {attribution(view, say_kind=False)}.')
    if not view.proven:
        lines.append("Not proven: the quote was not found in its archived source.")
    return lines
