"""Trace a figure: the verbatim quote, who said it, the source, and the sentence around it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from ...compare.comparison import FIELD_WORDS, ROWS, ClaimView, Comparison
from ...output.claim_text import attribution
from ...policy.model import NOT_STATED
from ...policy.policy_set import FieldProof
from ...policy.sanitize import safe
from .document import DocumentScreen


def topic_label(topic: str) -> str:
    """The topic row a claim's topic belongs to, in the words of the main screen."""
    return next((row.label for row in ROWS if topic in row.topics), topic)


def detail_text(view: ClaimView, comparison: Comparison) -> Text:
    """Everything a reader needs to check the claim for themselves, as plain Text."""
    claim, source = view.claim, view.source
    names = {p.id: p.name for p in comparison.policies}
    text = Text()

    def heading(words: str) -> None:
        text.append(f"\n{words}\n", style="bold underline")

    text.append(safe(names.get(view.policy_id, view.policy_id)), style="bold")
    text.append(f" · {safe(topic_label(claim.topic))}\n")
    if view.headline is not None:
        text.append(safe(view.headline), style="bold")
        text.append(f" · {view.when.short}  {safe(view.counts or '')}\n")
    text.append(safe(claim.summary) + "\n")
    if view.flags:
        heading("Flags")
        for flag in view.flags:
            text.append(f"{flag.symbol} {safe(flag.label)}", style="bold")
            text.append(f": {safe(flag.detail)}\n")
    if view.headline is not None and view.headline != NOT_STATED:
        heading("The figure in the source's words")
        if view.figure_words:
            text.append(f"✓ “{safe(view.figure_words)}”", style="bold")
            text.append(" states this figure, proven from the archived source.\n")
        else:
            text.append(
                "✗ Not proven: the source's words do not state this figure as written. "
                "Press Esc, then p, to see the problem.\n",
                style="bold",
            )
    if view.derived or view.not_derived:
        heading("Our arithmetic (not anyone's claim)" if view.derived else "Our arithmetic: none")
        for derived in view.derived:
            text.append(f"= {safe(derived.label)}\n  {safe(derived.working)}\n")
        for reason in view.not_derived:
            text.append(f"{safe(reason)}\n")
    kind = "their own words" if claim.quote_kind == "direct" else "the reporter's account"
    heading(f"Quote ({kind})")
    text.append(f"“{safe(claim.quote)}”\n", style="italic")
    text.append(f"— {attribution(view)}\n")
    heading("Source")
    if source is None:
        text.append("not found in this policy file\n")
    else:
        for label, value in (
            ("Headline", source.headline),
            ("Publisher", source.publisher),
            ("Author", source.author),
            ("Date", view.when.long),
            ("About the date", source.date_note),
            ("URL", source.url or "not stated"),
            ("Archived copy", source.archive),
        ):
            if value is not None:
                text.append(f"{label}: ", style="bold")
                text.append(safe(value) + "\n")
    heading("In the archived source")
    if view.context is None:
        text.append(
            "✗ Not proven: the quote was not found in the archived copy, or the copy is "
            "missing. Press Esc, then p, to see the problem.\n",
            style="bold",
        )
    else:
        text.append("✓ Quote found word for word. The sentence around it:\n")
        text.append(safe(view.context) + "\n", style="italic")
    if view.note:
        heading("Note (in our words)")
        text.append(safe(view.note) + "\n")
    if view.readings:
        heading("Our readings (not the source's words)")
        for reading in view.readings:
            text.append(safe(reading.sentence()) + "\n")
    if view.fields:
        heading("How each field stands")
        for proof in view.fields:
            text.append(f"{FIELD_WORDS.get(proof.field, proof.field)}: ", style="bold")
            text.append(safe(_standing(proof)) + "\n")
    return text


def detail_title(view: ClaimView) -> str:
    """A figure is traced as a figure; a pledge, a condition or a figure the source does not
    state is traced as what it is, a claim."""
    has_figure = view.headline is not None and view.headline != NOT_STATED
    return "Trace this figure" if has_figure else "Trace this claim"


def _standing(proof: FieldProof) -> str:
    """'proven by the quote', 'proven by “on London’s streets”', 'our reading', 'not stated',
    or, for a summary, our words."""
    if proof.status == "not stated":
        return "not stated by the source"
    if proof.status == "reading":
        return f"our reading, resting on “{proof.words}”"
    if proof.status == "our words":
        return (
            f"our words: “{proof.words}”, its numbers and its other words are checked "
            "against the source; its meaning is not proven"
        )
    return f"proven by “{proof.words}”" if proof.words else "proven by the quote"


class ClaimDetailScreen(DocumentScreen):
    """Opened with Enter or a click on any claim; Escape goes back."""

    BODY_ID = "detail"

    def __init__(self, view: ClaimView, comparison: Comparison) -> None:
        super().__init__(detail_title(view))
        self.view = view
        self.comparison = comparison

    def document(self) -> ComposeResult:
        yield Static(detail_text(self.view, self.comparison), id="detail")
