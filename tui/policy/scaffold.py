"""`hustings new`: a starter policy an author can follow line by line; it never overwrites a file.

What it writes, beside the policy file:
- the policy: format, id and `[who]` filled in; a commented example `[[sources]]` and `[[claims]]`
  to uncomment (never `sources = []`: uncommenting `[[sources]]` after it is a TOML duplicate key);
- `sources/ID-article.txt`: a template archive that already has its `---` line;
- `policy.schema.json`, so the first line, `#:schema ./policy.schema.json`, resolves wherever the
  file is written. Editors (Taplo, Even Better TOML) resolve that path relative to the policy
  file, so the pair can be moved or committed together; an absolute path into the installed
  package would break on the next machine or virtualenv.
Each of the last two is left alone if it exists. Until a source and a claim are uncommented,
`check` reports one instruction (code `empty-policy`) saying so: a policy without a claim is not
ready to compare, and the format (and the editor schema made from it) requires both tables.
"""

from __future__ import annotations

import hashlib
import re
import textwrap
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from .formatting import any_of
from .model import FORMAT_VERSION, NOT_STATED, SPEAKER_ROLES, TOPICS, schema_text
from .problem_codes import Code
from .sanitize import describe_char, find_unsafe, safe_line

SCHEMA_FILE = "policy.schema.json"
FALLBACK_PREFIX = "policy-"

TEMPLATE = """\
#:schema ./{schema}
# A starter policy made by `hustings {command}`. `hustings check {file}` says what is still
# missing; the format is described in policies/README.md and `hustings schema`.
{preface}format = {format}
id = {id}

[who]
name = {name}
party = {party}
role = {role}
race = {race}
scope = {scope}
{election}{sources}
# A source is an article archived word for word: paste its text below the "---" line of
# {archive}
# then uncomment the table below (delete the "# " at the start of each line) and fill it in.
# "not stated" records that the article does not say. Optional: url (only if known) and
# date_note. Add one [[sources]] table per article.
# [[sources]]
# id = "article"
# headline = "The headline, as published"
# publisher = "not stated"
# author = "not stated"
# date = "not stated"  # or the date in quotes: "2024-03-27"
# archive = "{archive}"

# A claim is one thing said, quoted word for word from its source: `hustings check` proves the
# quote is in the archive, that the article names the speaker in or just before the quote's
# sentence, and that the summary begins with the speaker and "said" ("wrote" for a reporter),
# then says what the quote says in the source's words (the summary stays ours: its meaning is
# for you to check). Uncomment, fill in, and add one [[claims]] table per claim.
# [[claims]]
# id = "first-claim"
# topic = "pledge"  # {topics}
# summary = {summary}
# quote = "The exact words from the article"
# speaker = {name}
# speaker_role = "candidate"  # {roles}
# source = "article"
"""

ARCHIVE_TEMPLATE = """\
Archived for hustings. Above the --- line: where this article came from (publisher, author,
date, URL if known) and when and how it was archived. Below it: the article's text, word for
word as published. Quotes are proved only against the text below the line.
---
"""


@dataclass(frozen=True)
class Details:
    """What a starter can say beyond a name and party, when it is known (an import from a
    candidate list): each left "not stated" otherwise. `sources` is a [[sources]] table the
    starter already has (a statement the candidate gave), `preface` comment lines on where
    the data came from, and `ident` the policy id when it is not made from the name."""

    ident: str | None = None
    role: str | None = None
    race: str | None = None
    scope: str | None = None
    election: str | None = None
    sources: tuple[dict[str, str], ...] = ()
    preface: tuple[str, ...] = ()
    command: str = "new"


class NameRefused(ValueError):
    """A name or party that cannot go into a policy file; the message says why, on one line."""


@dataclass
class Written:
    """What `write_new` made, and what it found already there and left alone."""

    policy: Path
    archive: Path
    created: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)


def policy_id(name: str) -> str:
    """'Sadiq Khan' -> 'sadiq-khan', 'Zoë O'Brien' -> 'zoe-o-brien', '王小明' -> 'policy-…'.

    Accents are folded (NFKD, marks dropped): a transliteration the standard library can do for
    Latin scripts. A name with no Latin letter or digit left gets `policy-` and 8 hex digits of
    the SHA-256 of its NFC form: stable (the same name always gives the same id, on any machine)
    and honest (no guessed romanisation of a name we cannot transliterate without a dictionary).
    """
    folded = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")[:80].strip("-")
    if slug:
        return slug
    digest = hashlib.sha256(unicodedata.normalize("NFC", name).encode("utf-8")).hexdigest()
    return FALLBACK_PREFIX + digest[:8]


def toml_string(value: str) -> str:
    """A TOML string literal for any text, escaped by tomli-w."""
    return tomli_w.dumps({"v": value}).split(" = ", 1)[1].rstrip("\n")


def _refuse_unsafe(what: str, value: str) -> None:
    if not value.strip():
        raise NameRefused(f"the {what} is empty")
    char = find_unsafe(value) or ("\n" if "\n" in value else None)
    if char is not None:
        raise NameRefused(f"the {what} holds {describe_char(char)}, which policy text may not hold")


def _source_table(source: dict[str, str]) -> str:
    return "\n[[sources]]\n" + "".join(f"{k} = {toml_string(v)}\n" for k, v in source.items())


def starter_text(
    name: str, party: str | None, file_name: str = "FILE", details: Details | None = None
) -> str:
    """The TOML text of a starter policy; checked to be valid but for its missing claims."""
    more = details or Details()
    _refuse_unsafe("name", name)
    if party is not None:
        _refuse_unsafe("party", party)
    for what, value in (("role", more.role), ("race", more.race), ("scope", more.scope)):
        if value is not None:
            _refuse_unsafe(what, value)
    ident = more.ident or policy_id(name)
    text = TEMPLATE.format(
        schema=SCHEMA_FILE,
        command=more.command,
        file=safe_line(file_name),  # in a comment: a newline in it must not end the comment
        preface="".join(
            f"# {piece}\n" for line in more.preface for piece in textwrap.wrap(safe_line(line), 96)
        ),
        format=FORMAT_VERSION,
        id=toml_string(ident),
        name=toml_string(name),
        party=toml_string(party or NOT_STATED),
        role=toml_string(more.role or NOT_STATED),
        race=toml_string(more.race or NOT_STATED),
        scope=toml_string(more.scope or NOT_STATED),
        election=f"election = {toml_string(more.election)}\n" if more.election else "",
        sources="".join(_source_table(source) for source in more.sources),
        summary=toml_string(f"{name} said what the quote says, in its words"),
        archive=archive_path(ident),
        topics=any_of(TOPICS),
        roles=any_of(SPEAKER_ROLES),
    )
    _refuse_invalid(text)
    return text


def archive_path(ident: str) -> str:
    return f"sources/{ident}-article.txt"


def _refuse_invalid(text: str) -> None:
    """Anything wrong but the claims still to be added (a 5000-character name, say) is refused."""
    import rtoml

    from .validate import validate

    _, errors = validate(rtoml.loads(text))
    wrong = [e for e in errors if e.code != Code.EMPTY_POLICY]
    if wrong:
        raise NameRefused(f"{wrong[0].field}: {wrong[0].message}")


def write_new(
    name: str,
    party: str | None,
    target: Path | None,
    details: Details | None = None,
    files: dict[str, str] | None = None,
) -> Written:
    """Write the starter policy and its helpers; FileExistsError if the policy file exists.

    `files` are more files beside it (path relative to its folder -> text), each written only
    if it does not exist, like the template archive.
    """
    ident = (details.ident if details else None) or policy_id(name)
    path = target or Path(f"{ident}.toml")
    text = starter_text(name, party, path.name, details)
    with path.open("x", encoding="utf-8") as handle:  # "x": fail if it exists
        handle.write(text)
    folder = path.parent
    written = Written(path, folder / archive_path(ident))
    (folder / "sources").mkdir(exist_ok=True)
    _write_once(written.archive, ARCHIVE_TEMPLATE, written)
    _write_once(folder / SCHEMA_FILE, schema_text(), written)
    for relative, content in (files or {}).items():
        _write_once(folder / relative, content, written)
    return written


def _write_once(path: Path, text: str, written: Written) -> None:
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        written.kept.append(path)
    else:
        written.created.append(path)
