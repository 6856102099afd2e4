"""The one list of problem codes: a stable name for each kind of problem, for machines.

`check --format json` and `--format github` print these, and scripts or CI filters match on
them, so a code, once published, never changes meaning. The message may be reworded freely; the
code may not. Each code carries a sentence saying what it means, which the format guide's table
of codes (policies/README.md) is made from.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    """What kind of problem a Problem is. A StrEnum, so it prints and serialises as its value."""

    NO_SUCH_FILE = "no-such-file"
    FILE_TYPE = "file-type"
    UNREADABLE = "unreadable"
    TOO_LARGE = "too-large"
    EMPTY_FILE = "empty-file"
    BINARY = "binary"
    NOT_UTF8 = "not-utf8"
    TOML_SYNTAX = "toml-syntax"
    SCHEMA = "schema"
    MISSING_FIELD = "missing-field"
    UNKNOWN_FIELD = "unknown-field"
    EMPTY_POLICY = "empty-policy"
    UNSAFE_CHARACTER = "unsafe-character"
    DUPLICATE_ID = "duplicate-id"
    DUPLICATE_POLICY_ID = "duplicate-policy-id"
    BAD_REFERENCE = "bad-reference"
    ARCHIVE = "archive"
    QUOTE_NOT_FOUND = "quote-not-found"
    FIGURE_NOT_PROVEN = "figure-not-proven"
    FIELD_NOT_PROVEN = "field-not-proven"
    TOPIC_FIGURE = "topic-figure"
    RELATION = "relation"
    ELECTION_ID = "election-id"


MEANING: dict[Code, str] = {
    Code.NO_SUCH_FILE: "a path given on the command line does not exist",
    Code.FILE_TYPE: "a path is a folder or another kind of file where a text file is needed",
    Code.UNREADABLE: "the file exists but cannot be read (permissions, I/O error)",
    Code.TOO_LARGE: "the file is over the size limit and was not read",
    Code.EMPTY_FILE: "the file holds nothing but whitespace",
    Code.BINARY: "the file holds a NUL byte: it is not a text file",
    Code.NOT_UTF8: "the file is not UTF-8 text",
    Code.TOML_SYNTAX: "the file is not valid TOML",
    Code.SCHEMA: "a value has the wrong type or is not one of the allowed values",
    Code.MISSING_FIELD: "a required field is absent",
    Code.UNKNOWN_FIELD: "a field the format does not define (often a misspelling)",
    Code.EMPTY_POLICY: "a policy with no sources and no claims yet",
    Code.UNSAFE_CHARACTER: "text holds a control, bidi or invisible character",
    Code.DUPLICATE_ID: "two claims or two sources in one file share an id",
    Code.DUPLICATE_POLICY_ID: "two loaded files share a policy id",
    Code.BAD_REFERENCE: "a reference names a claim, source or policy that does not exist or fit",
    Code.ARCHIVE: "an archived source file is missing, too large, not text or not a file",
    Code.QUOTE_NOT_FOUND: "a quote is not, word for word, in its archived source",
    Code.FIGURE_NOT_PROVEN: "a figure, or its 'around' or 'fewer than', is not what the source "
    "states",
    Code.FIELD_NOT_PROVEN: "a speaker, kind, scope, period, kind or source of money, relation "
    "or summary is not carried by the source's words, nor given as not stated or as a reading",
    Code.TOPIC_FIGURE: "a claim's figure table does not fit its topic's row",
    Code.RELATION: "a cycle, or a part larger than its whole, among claims' relations",
    Code.ELECTION_ID: "who.election is not a valid Democracy Club election identifier",
}
