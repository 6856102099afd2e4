"""Proving drafts as `check` will once they are uncommented: with the claims the file already
has from the same source, by `check`'s own proofs.

A claim's speaker is proven by the naming nearest its quote among everyone the file quotes from
that source (field_proofs.Namer), so a draft's speaker can change whose words another claim's
quote is. Drafts are therefore proven together with the file's claims, one new speaker at a
time: a speaker whose names would take a quote that is proven now is not used, and a draft whose
speaker the proof does not accept is given to the reporter (the article's own words) or, where
the quote is the speaker's own words, not offered. A field no words carry is "not stated".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import msgspec

from ...policy.model import NOT_STATED, Claim, Source, SpeakerRole
from ..field_proofs import SENTENCES_BEFORE, FieldProblem, Namer, namer_for, prove_fields
from ..figure_proofs import check_figures
from ..provenance import Archive, normalise
from .draft import Draft, reporter

_ROUNDS = 4  # fields set "not stated" one proof at a time: a claim has at most a few


@dataclass
class SourceFile:
    """What a policy file holds for one source: the table, its valid claims and who they quote."""

    source: Source
    archive: Archive
    claims: list[Claim] = field(default_factory=list)
    own: bool = False  # the source is the file's candidate's own (its author is the candidate)
    speakers: dict[str, str] = field(default_factory=dict)  # person -> speaker as written
    roles: dict[str, SpeakerRole] = field(default_factory=dict)  # person -> the file's role
    # Every scope the file gives, as check reads them (the drafts' own added by settle).
    scopes: frozenset[str] = frozenset()

    @property
    def namer(self) -> Namer:
        return namer_for({claim.speaker for claim in self._quoted()}, self.source)

    def _quoted(self) -> list[Claim]:
        return [claim for claim in self.claims if claim.speaker_role != "reporter"]

    def person(self, who: str) -> str | None:
        """Whom the file's claims of this source read the article's naming `who` as ("Mr Khan",
        "the Mayor" -> "Sadiq Khan"), as check will; None when it names no one they quote."""
        found = {person for _, _, person in self.namer.namings(who)}
        return found.pop() if len(found) == 1 and found <= self.speakers.keys() else None


def source_file(
    source: dict[str, Any], archive: Archive, document: dict[str, Any], candidate: str | None
) -> SourceFile:
    """The file's source table (as `Source`) and the valid claims that quote it."""
    table = msgspec.convert(source, Source)
    known = SourceFile(table, archive)
    known.own = bool(candidate) and _same(table.author, candidate or "")
    known.scopes = file_scopes(document)
    for item in document.get("claims") or []:
        if not isinstance(item, dict) or item.get("source") != table.id:
            continue
        try:
            claim = msgspec.convert(item, Claim)
        except msgspec.ValidationError:
            continue  # check reports it; it proves nothing
        known.claims.append(claim)
        if claim.speaker_role != "reporter":
            person = claim.speaker.partition(",")[0].strip()
            known.speakers.setdefault(person, claim.speaker)
            known.roles.setdefault(person, claim.speaker_role)
    for naming in table.names:  # "the Mayor" for Sadiq Khan: a person the file may not quote
        person = naming.speaker.strip()
        known.speakers.setdefault(person, person)
    return known


def file_scopes(document: dict[str, Any], policy_scope: str | None = None) -> frozenset[str]:
    """Every scope the file's `who` and figures give, as TOML reads them (check's scopes_of,
    for a file that may not be valid yet)."""
    found: set[str] = set()
    who = document.get("who")
    for value in [who.get("scope") if isinstance(who, dict) else None, policy_scope]:
        if isinstance(value, str):
            found.add(value)
    for claim in document.get("claims") or []:
        for table in ("officers", "money"):
            figure = claim.get(table) if isinstance(claim, dict) else None
            if isinstance(figure, dict) and isinstance(figure.get("scope"), str):
                found.add(figure["scope"])
    return frozenset(found - {NOT_STATED})


def _same(one: str, other: str) -> bool:
    return normalise(one).casefold() == normalise(other).casefold()


def problems(claim: Claim, known: SourceFile, namer: Namer) -> list[FieldProblem]:
    """What `check` would find wrong with the claim's figure and fields, with these speakers."""
    figure_words: str | None = None
    for result in check_figures(claim):
        if result.problem is not None:
            return [FieldProblem(result.field, result.problem)]
        figure_words = figure_words if figure_words is not None else result.words or ""
    return prove_fields(claim, known.source, known.archive, namer, figure_words, known.scopes)[1]


def _key(draft: Draft) -> str | None:
    """Which speaker a draft adds to the file's namings (None: a reporter adds none)."""
    if draft.fields["speaker_role"] == "reporter":
        return None
    return normalise(str(draft.fields["speaker"]).partition(",")[0]).casefold()


def settle(drafts: list[Draft], known: SourceFile) -> list[tuple[Draft, str]]:
    """Make each draft pass the proofs with the file's claims and the other drafts; return the
    ones that cannot, each with why. Drafts are changed in place."""
    _one_spelling(drafts)
    drafted = {d.figure_fields.get("scope") for d in drafts}
    known.scopes |= {scope for scope in drafted if isinstance(scope, str)} - {NOT_STATED}
    speakers = {claim.speaker for claim in known._quoted()}
    namer = namer_for(speakers, known.source)
    proven = [claim for claim in known.claims if not problems(claim, known, namer)]
    accepted: list[Draft] = []
    refused: list[tuple[Draft, str]] = []
    for key, group in _groups(drafts, known):
        speaker = str(group[0].fields["speaker"])
        trial = speakers | {speaker} if key is not None else speakers
        namer = namer_for(trial, known.source)
        if trial != speakers and any(
            problems(claim, known, namer) for claim in proven + [d.claim() for d in accepted]
        ):
            namer = namer_for(speakers, known.source)
            taken = f'naming "{speaker}" would give another claim\'s quote to them'
            for draft in group:
                _demote(draft, known, taken)
        kept = False
        for draft in group:
            reason = _fit(draft, known, namer)
            if reason is not None and _key(draft) is not None:
                _demote(draft, known, reason)
                reason = _fit(draft, known, namer_for(speakers, known.source))
            if reason is None:
                accepted.append(draft)
                kept = kept or _key(draft) is not None
            else:
                refused.append((draft, reason))
        if kept:
            speakers = trial
    return refused


def _one_spelling(drafts: list[Draft]) -> None:
    """One spelling per speaker ("The Mayor", "The mayor"): check reads names whatever their
    case, and two spellings would be two people to it."""
    first: dict[str, str] = {}
    for draft in drafts:
        key = _key(draft)
        if key is not None:
            spelling = first.setdefault(key, str(draft.fields["speaker"]))
            if spelling != draft.fields["speaker"]:
                draft.speak(spelling, draft.fields["speaker_role"])


def _groups(drafts: list[Draft], known: SourceFile) -> list[tuple[str | None, list[Draft]]]:
    """Drafts by speaker: the reporter's and the file's own speakers' first (they add no new
    names), then each new speaker in the order the article first quotes them."""
    groups: dict[str | None, list[Draft]] = {}
    for draft in drafts:
        groups.setdefault(_key(draft), []).append(draft)
    own = {normalise(p).casefold() for p in known.speakers}
    return sorted(groups.items(), key=lambda item: item[0] is not None and item[0] not in own)


def _fit(draft: Draft, known: SourceFile, namer: Namer) -> str | None:
    """Prove the draft; a figure field no words carry is made "not stated". None when it
    passes, else the first problem left (a speaker's is named as one)."""
    for _ in range(_ROUNDS):
        try:
            claim = draft.claim()
        except msgspec.ValidationError as exc:
            return f"it would not be a valid claim ({exc})"
        found = problems(claim, known, namer)
        if not found:
            return None
        fields = [p for p in found if p.field.partition(".")[0] in ("officers", "money")]
        for problem in fields:
            name = problem.field.rpartition(".")[2]
            if name in draft.figure_fields and name not in ("number", "amount"):
                draft.not_stated(name, "check finds no words that carry it")
            else:
                return f"{problem.field}: {problem.message}"
        if not fields:
            first = found[0]
            return f"{first.field}: {first.message}"
    return "its fields could not be proven"


def _demote(draft: Draft, known: SourceFile, why: str) -> None:
    """Give a draft whose speaker check will not accept to the reporter, where its quote is the
    article's own account; a quotation of the speaker's own words keeps them (and fails)."""
    if draft.fields["quote_kind"] == "direct" or known.own:
        return
    who = draft.fields["speaker"]
    draft.speak(reporter(known.source), "reporter")
    draft.speaker_stated = False
    draft.comments.pop("speaker_role", None)
    draft.notes.append(
        f'speaker: the article gives these words to "{who}", but check would not prove them '
        f"theirs ({why.removeprefix('speaker: ')}): drafted as the reporter's account; to "
        f"quote {who}, choose words that name them in the quote's sentence or the "
        f"{SENTENCES_BEFORE} before it"
    )
