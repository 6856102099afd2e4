"""Where a field path sits in a TOML text, so a problem can say `file:line:col`.

The validator speaks in field paths (`claims[4].quote`, `who.party`, `claims[2].officers.kinds[1]`);
an author needs a line. rtoml gives values but not places, so this module scans the text once for
its structure only: table headers (`[[claims]]` counted from 0, `[claims.officers]` belonging to
the latest claim), keys (dotted, quoted), arrays and inline tables. Strings and comments are
skipped as whole tokens, so a `[[` or `=` inside a quote or a multi-line string never fools it.

It runs only when a file has problems, so it is written for clarity, not speed; it is still one
pass over the text (each character is looked at a bounded number of times). It never raises: on
text it does not understand it skips to the end of the line, and a path it never saw has no place.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2}|.)", re.S)
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", "e": "\x1b"}
_SCALAR_END = frozenset(",]}#\n\r")


@dataclass(frozen=True, slots=True)
class Place:
    """A 1-based line and column (columns count characters, as editors do)."""

    line: int
    col: int


def join_key(path: str, key: str) -> str:
    """The same spelling of a path the validator uses: `who.party`."""
    return f"{path}.{key}" if path else key


def join_index(path: str, index: int) -> str:
    """`claims[3]`: arrays are counted from 0, as the validator counts them."""
    return f"{path}[{index}]"


def parent_path(field: str) -> str:
    """`claims[2].officers.kinds[1]` -> `claims[2].officers.kinds` -> `claims[2].officers` ..."""
    if field.endswith("]"):
        return field[: field.rfind("[")]
    dot = field.rfind(".")
    return field[:dot] if dot > 0 else ""


class TomlPlaces:
    """The place of every key, table header and array element of one TOML text."""

    def __init__(self, text: str) -> None:
        scanner = _Scanner(text)
        scanner.scan()
        self._offsets = scanner.offsets
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def find(self, field: str) -> Place | None:
        """The place of exactly this field, or None when the text never names it."""
        offset = self._offsets.get(field)
        return None if offset is None else self._place(offset)

    def nearest(self, field: str) -> Place | None:
        """The field's place, or its nearest ancestor's (a missing key: the table it belongs in)."""
        while field:
            offset = self._offsets.get(field)
            if offset is not None:
                return self._place(offset)
            field = parent_path(field)
        return None

    def _place(self, offset: int) -> Place:
        line = bisect_right(self._line_starts, offset)
        return Place(line, offset - self._line_starts[line - 1] + 1)


class _Scanner:
    """One pass over TOML text, recording the offset where each path is first named."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.offsets: dict[str, int] = {}
        self.array_counts: dict[str, int] = {}  # `claims` -> how many [[claims]] so far
        self.table = ""  # the path of the table the current key/value lines belong to

    # -- the document ---------------------------------------------------------------------

    def scan(self) -> None:
        while self.i < len(self.text):
            start = self.i
            self._skip_blank_lines()
            if self.i >= len(self.text):
                break
            if self.text[self.i] == "[":
                self._header()
            else:
                self._key_value(self.table)
            self._skip_rest_of_line()
            if self.i == start:  # never stall on text we do not understand
                self.i += 1

    def _record(self, path: str, offset: int) -> None:
        self.offsets.setdefault(path, offset)

    def _header(self) -> None:
        start = self.i
        is_array = self.text.startswith("[[", self.i)
        self.i += 2 if is_array else 1
        keys = self._key()
        if not keys:
            return
        path = ""
        for name, offset in keys[:-1]:
            path = join_key(path, name)
            self._record(path, offset)
            if path in self.array_counts:  # `[claims.officers]`: the latest claim's officers
                path = join_index(path, self.array_counts[path] - 1)
        path = join_key(path, keys[-1][0])
        self._record(path, start)
        if is_array:
            count = self.array_counts.get(path, 0)
            self.array_counts[path] = count + 1
            path = join_index(path, count)
            self._record(path, start)
        self.table = path

    def _key_value(self, table: str) -> None:
        keys = self._key()
        self._skip_spaces()
        if not keys or not self.text.startswith("=", self.i):
            return
        self.i += 1
        self._skip_spaces()
        path = table
        for name, offset in keys:
            path = join_key(path, name)
            self._record(path, offset)
        self._value(path)

    # -- keys ------------------------------------------------------------------------------

    def _key(self) -> list[tuple[str, int]]:
        """A dotted key as (part, offset) pairs; empty when there is no key here."""
        parts: list[tuple[str, int]] = []
        while True:
            self._skip_spaces()
            start = self.i
            char = self.text[self.i : self.i + 1]
            if char == '"':
                name = _decode_basic(self._single_line_string('"'))
            elif char == "'":
                name = self._single_line_string("'")
            else:
                match = _BARE_KEY.match(self.text, self.i)
                if not match:
                    return parts
                name = match.group()
                self.i = match.end()
            parts.append((name, start))
            self._skip_spaces()
            if not self.text.startswith(".", self.i):
                return parts
            self.i += 1

    # -- values ----------------------------------------------------------------------------

    def _value(self, path: str) -> None:
        text = self.text
        if text.startswith('"""', self.i) or text.startswith("'''", self.i):
            self._multi_line_string(text[self.i] * 3)
        elif text.startswith(('"', "'"), self.i):
            self._single_line_string(text[self.i])
        elif text.startswith("[", self.i):
            self._array(path)
        elif text.startswith("{", self.i):
            self._inline_table(path)
        else:  # number, boolean, date: up to a separator (a local date-time may hold a space)
            while self.i < len(text) and text[self.i] not in _SCALAR_END:
                self.i += 1

    def _array(self, path: str) -> None:
        self.i += 1  # "["
        index = 0
        while self.i < len(self.text):
            self._skip_blank_lines()
            if self.text.startswith("]", self.i):
                self.i += 1
                return
            before = self.i
            element = join_index(path, index)
            self._record(element, self.i)
            self._value(element)
            index += 1
            self._skip_blank_lines()
            if self.text.startswith(",", self.i):
                self.i += 1
            elif not self.text.startswith("]", self.i) or self.i == before:
                return  # not an array we understand: leave it to the line skipper

    def _inline_table(self, path: str) -> None:
        self.i += 1  # "{"
        while self.i < len(self.text):
            self._skip_blank_lines()
            if self.text.startswith("}", self.i):
                self.i += 1
                return
            before = self.i
            self._key_value(path)
            self._skip_blank_lines()
            if self.text.startswith(",", self.i):
                self.i += 1
            elif not self.text.startswith("}", self.i) or self.i == before:
                return

    def _single_line_string(self, quote: str) -> str:
        """Skip `"..."` or `'...'`; return the raw text between the quotes."""
        text = self.text
        self.i += 1
        start = self.i
        while self.i < len(text):
            char = text[self.i]
            if char == "\\" and quote == '"':
                self.i += 2
                continue
            if char == quote:
                self.i += 1
                return text[start : self.i - 1]
            if char == "\n":
                break
            self.i += 1
        return text[start : self.i]

    def _multi_line_string(self, fence: str) -> None:
        """Skip a multi-line string; up to two quote marks may sit just before its closing fence."""
        text = self.text
        self.i += 3
        while self.i < len(text):
            if text[self.i] == "\\" and fence == '"""':
                self.i += 2
            elif text.startswith(fence, self.i):
                run = self.i
                while run < len(text) and run - self.i < 5 and text[run] == fence[0]:
                    run += 1
                self.i = run
                return
            else:
                self.i += 1

    # -- space -----------------------------------------------------------------------------

    def _skip_spaces(self) -> None:
        while self.text.startswith((" ", "\t"), self.i):
            self.i += 1

    def _skip_blank_lines(self) -> None:
        """Spaces, newlines and comments: what may sit between values in an array."""
        text = self.text
        while self.i < len(text):
            char = text[self.i]
            if char in " \t\r\n":
                self.i += 1
            elif char == "#":
                end = text.find("\n", self.i)
                self.i = len(text) if end < 0 else end
            else:
                return

    def _skip_rest_of_line(self) -> None:
        end = self.text.find("\n", self.i)
        self.i = len(self.text) if end < 0 else end + 1


def _decode_basic(raw: str) -> str:
    """The value of a basic-string key: its escapes decoded (an unknown escape kept as written)."""
    if "\\" not in raw:
        return raw

    def decode(match: re.Match[str]) -> str:
        body = match.group(1)
        if body[0] in "uUx" and len(body) > 1:
            try:
                return chr(int(body[1:], 16))
            except ValueError:
                return match.group()
        return _SIMPLE_ESCAPES.get(body, body if body in '"\\' else match.group())

    return _BASIC_ESCAPE.sub(decode, raw)
