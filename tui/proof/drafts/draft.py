"""One claim draft: its fields, its figure table and the words that carry them, notes for the
author, and the summary every draft opens the same way."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import msgspec

from ...policy.model import (
    ATTRIBUTION_VERB,
    NOT_STATED,
    REPORTER_NOT_NAMED,
    Claim,
    Source,
    SpeakerRole,
)
from ..figures import StatedFigure


@dataclass
class Draft:
    """One claim draft: the claim's fields, its figure table, and notes for the author."""

    fields: dict[str, Any]
    table: str | None  # "officers", "money", or None for words only
    figure_fields: dict[str, Any]
    notes: list[str]
    figure: StatedFigure
    speaker_stated: bool
    paragraph: int
    what: str = ""  # the figure as the summary gives it: "around 1,300 police officers"
    # The article's words that carry a figure field the quote does not ([claims.TABLE.words]).
    words: dict[str, str] = field(default_factory=dict)
    # A comment on a field's line: a value that is our placeholder, not the article's.
    comments: dict[str, str] = field(default_factory=dict)

    def document(self) -> dict[str, Any]:
        """The claim as its TOML table reads."""
        document = dict(self.fields)
        if self.table:
            table = dict(self.figure_fields)
            if self.words:
                table["words"] = dict(self.words)
            document[self.table] = table
        return document

    def claim(self) -> Claim:
        """The claim (msgspec.ValidationError if the draft is not a valid one)."""
        return msgspec.convert(self.document(), Claim)

    def speak(self, speaker: str, role: SpeakerRole) -> None:
        """Give the draft its speaker, and the summary that opens with them."""
        self.fields["speaker"], self.fields["speaker_role"] = speaker, role
        self.fields["summary"] = summary(speaker, role, self.what)
        if role != "official":
            self.comments.pop("speaker_role", None)

    def not_stated(self, name: str, why: str) -> None:
        """Write a figure field "not stated", with the note saying why."""
        if self.figure_fields.get(name, NOT_STATED) != NOT_STATED:
            self.figure_fields[name] = NOT_STATED
            self.words.pop(name, None)
            self.notes.append(f"{name}: not stated: {why}")


def summary(speaker: str, role: SpeakerRole, what: str) -> str:
    """The summary every draft has: who said it, the one verb for their role, and the figure
    in the article's words (a draft for the author to put in their own neutral words)."""
    subject = "The reporter" if role == "reporter" else speaker.partition(",")[0].strip()
    return f"{subject} {ATTRIBUTION_VERB[role]} {what}."


def reporter(source: Source) -> str:
    """How a claim names the reporter of a source: its author, or not named."""
    return REPORTER_NOT_NAMED if source.author == NOT_STATED else source.author
