"""Proving what a file says about its sources and its candidate: each fact as its archive's
header records it.

A source's headline, publisher, author, date (or the earliest date its text allows) and URL are
facts about the article, not words of it: they are recorded once, in the header of its archive
(above the `---` line), from what is known about where the text was published. A [[sources]]
table must say the same: its value is the header's, word for word, or the header's first
sentence (the rest of the header explains it); "not stated" where the header says the fact is
not known. Where the header records some of these facts but not one the table states, that one
is a problem; a header of prose that records none (a test's fixture) is not compared, and
nothing of it is counted as proven.

A candidate's name and ballot description are proven the same way, from an archived copy of the
published list of candidates (`[who.listed_in]` `archive`): a file whose header says `Kind:
candidate list`, one candidate a line, "name | ballot description". Such a file is not an
article, and no claim may quote it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..policy.model import NOT_STATED, CandidateList, Source, Who
from ..policy.policy_set import FieldProof, Status
from .field_proofs import FieldProblem
from .header import dates_in, is_unknown, parse_date
from .provenance import normalise

CANDIDATE_LIST = "candidate list"  # the `Kind:` of an archived list of candidates
_MORE = (". ", " (", "; ", ": ")  # what may follow the stated value in a header's field
_FACTS = ("headline", "publisher", "author", "date", "url")


def source_facts(
    source: Source, header: dict[str, str]
) -> tuple[list[FieldProof], list[FieldProblem]]:
    """How each fact of a [[sources]] table stands against its archive's header."""
    proofs: list[FieldProof] = []
    problems: list[FieldProblem] = []
    if header.get("kind", "").casefold() == CANDIDATE_LIST:
        problems.append(
            FieldProblem(
                "archive",
                "is a candidate list, not an article: no claim may quote it (cite it in "
                "[who.listed_in] archive)",
            )
        )
    if not any(name in header for name in _FACTS):
        return proofs, problems  # a header of prose records no fact: nothing is compared
    for name in ("headline", "publisher", "author"):
        _text_fact(name, getattr(source, name), header, proofs, problems)
    _url_fact(source.url, header, proofs, problems)
    _date_facts(source, header, proofs, problems)
    return proofs, problems


def _agrees(recorded: str, value: str) -> bool:
    """Whether the header's field records this value: the same words, or those words and then
    more that explain them ("Ealing Times (a Newsquest title)", "not stated (the text
    opens …)")."""
    if value == NOT_STATED:
        return is_unknown(recorded)
    have, want = normalise(recorded), normalise(value)
    return (
        have == want
        or have.rstrip(".") == want
        or any(have.startswith(want + more) for more in _MORE)
    )


def _text_fact(
    name: str,
    value: str,
    header: dict[str, str],
    proofs: list[FieldProof],
    problems: list[FieldProblem],
) -> None:
    recorded = header.get(name)
    if recorded is None:
        if value != NOT_STATED:
            problems.append(FieldProblem(name, _unrecorded(name, value)))
        return
    if not _agrees(recorded, value):
        problems.append(FieldProblem(name, _differs(name, value, recorded)))
    else:
        status: Status = "not stated" if value == NOT_STATED else "proven"
        proofs.append(FieldProof(f"source.{name}", "source facts", status, recorded))


def _url_fact(
    url: str | None, header: dict[str, str], proofs: list[FieldProof], problems: list[FieldProblem]
) -> None:
    recorded = header.get("url")
    given = recorded.split()[0].rstrip(".,;)") if recorded and not is_unknown(recorded) else None
    if url is None:
        if given is not None:
            problems.append(
                FieldProblem("url", f'the archive\'s header records the URL "{_short(given)}"')
            )
        return
    if recorded is None:
        problems.append(FieldProblem("url", _unrecorded("url", url)))
    elif given != url:
        problems.append(FieldProblem("url", _differs("url", url, recorded)))
    else:
        proofs.append(FieldProof("source.url", "source facts", "proven", recorded))


def _date_facts(
    source: Source, header: dict[str, str], proofs: list[FieldProof], problems: list[FieldProblem]
) -> None:
    recorded = header.get("date")
    date = source.date
    if recorded is None:
        if date != NOT_STATED:
            problems.append(FieldProblem("date", _unrecorded("date", date)))
        if source.date_earliest is not None:
            problems.append(
                FieldProblem("date_earliest", _unrecorded("date", source.date_earliest))
            )
        return
    stated = parse_date(recorded)  # the date the header's field begins with, if any
    if stated != date:
        problems.append(FieldProblem("date", _differs("date", date, recorded)))
    elif date == NOT_STATED:
        proofs.append(FieldProof("source.date", "source facts", "not stated", recorded))
    elif "url" in recorded.casefold() and not _url_holds(source.url, date):
        problems.append(
            FieldProblem(
                "date",
                f"the header says the date {date} is from the URL, which does not hold it "
                f'("/{date.replace("-", "/")}/")',
            )
        )
    else:
        proofs.append(FieldProof("source.date", "source facts", "proven", recorded))
    earliest = source.date_earliest
    if earliest is not None:
        if earliest in dates_in(recorded):
            proofs.append(FieldProof("source.date_earliest", "source facts", "proven", recorded))
        else:
            problems.append(
                FieldProblem(
                    "date_earliest",
                    f"{earliest} is not a date the archive's header gives (Date: "
                    f'"{_short(recorded)}")',
                )
            )


def _url_holds(url: str | None, date: str) -> bool:
    return url is not None and f"/{date.replace('-', '/')}/" in url


def _unrecorded(name: str, value: str) -> str:
    label = "URL" if name == "url" else name.capitalize()
    return (
        f'"{_short(value)}" is not recorded in the archive\'s header: add a "{label}:" line '
        'there (what is known about the source), or write "not stated"'
    )


def _differs(name: str, value: str, recorded: str) -> str:
    label = "URL" if name == "url" else name.capitalize()
    return (
        f'"{_short(value)}" is not what the archive\'s header records ({label}: '
        f'"{_short(recorded)}")'
    )


def _short(text: str, most: int = 70) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def listing_facts(
    who: Who, listed: CandidateList, header: dict[str, str], lines: Iterable[str]
) -> tuple[list[FieldProof], list[FieldProblem]]:
    """How a candidate's name and ballot description, and the list's own facts, stand
    against the archived list of candidates."""
    proofs: list[FieldProof] = []
    problems: list[FieldProblem] = []
    if header.get("kind", "").casefold() != CANDIDATE_LIST:
        problems.append(
            FieldProblem(
                "listed_in.archive",
                f'is not a candidate list: its header needs "Kind: {CANDIDATE_LIST}"',
            )
        )
        return proofs, problems
    for name in ("publisher", "what"):
        recorded = header.get(name)
        value = getattr(listed, name)
        if recorded is None or not _agrees(recorded, value):
            message = (
                _unrecorded(name, value) if recorded is None else _differs(name, value, recorded)
            )
            problems.append(FieldProblem(f"listed_in.{name}", message))
        else:
            proofs.append(FieldProof(f"listed_in.{name}", "candidate facts", "proven", recorded))
    recorded = header.get("date", "")
    if parse_date(recorded) != listed.date:
        problems.append(FieldProblem("listed_in.date", _differs("date", listed.date, recorded)))
    else:
        proofs.append(FieldProof("listed_in.date", "candidate facts", "proven", recorded))
    recorded = header.get("url", "")
    if (recorded.split() or [""])[0] != listed.url:
        problems.append(FieldProblem("listed_in.url", _differs("url", listed.url, recorded)))
    else:
        proofs.append(FieldProof("listed_in.url", "candidate facts", "proven", recorded))
    rows = dict(_rows(lines))
    name = normalise(who.name)
    if name not in rows:
        problems.append(
            FieldProblem("name", f'"{_short(who.name)}" is not a name on the archived list')
        )
        return proofs, problems
    proofs.append(FieldProof("who.name", "candidate facts", "proven", name))
    if rows[name] != normalise(who.party):
        problems.append(
            FieldProblem(
                "party",
                f'"{_short(who.party)}" is not the ballot description the list gives '
                f'{_short(who.name)} ("{_short(rows[name])}")',
            )
        )
    else:
        proofs.append(FieldProof("who.party", "candidate facts", "proven", rows[name]))
    return proofs, problems


def _rows(lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(name, ballot description) of each line of a list of candidates."""
    for line in lines:
        name, bar, description = line.partition("|")
        if bar:
            yield normalise(name), normalise(description)
