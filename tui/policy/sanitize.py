"""The one definition of unsafe characters, and the one way to print text that may hold them.

Text from a policy file, a file name, a TOML key or an error message is data: it must never act
on a terminal (escape sequences set the clipboard, the title, clear the screen), never reorder
itself on screen (bidi controls: "trojan source") and never hide a difference between two names
(zero-width and tag characters). `check` rejects these characters in policy text
(`find_unsafe`); every renderer shows them as visible escapes (`safe`). One regex serves both, so
the two can never disagree.
"""

from __future__ import annotations

import re

# Each range with the reason it is here. Newline is allowed (multi-line notes); tab is a C0
# control like the rest (it moves the cursor, and in a CSV cell it can start a formula).
UNSAFE_RANGES: tuple[tuple[str, str, str], ...] = (
    ("\x00", "\x09", "C0 control characters"),
    ("\x0b", "\x1f", "C0 control characters (escape included)"),
    ("\x7f", "\x9f", "DEL and C1 control characters"),
    ("\u061c", "\u061c", "Arabic letter mark (bidi)"),
    ("\u200b", "\u200d", "zero-width space, non-joiner and joiner"),
    ("\u200e", "\u200f", "left-to-right and right-to-left marks (bidi)"),
    ("\u2028", "\u2029", "line and paragraph separators"),
    ("\u202a", "\u202e", "bidi embeddings and overrides"),
    ("\u2060", "\u2060", "word joiner (invisible)"),
    ("\u2066", "\u2069", "bidi isolates"),
    ("\ufeff", "\ufeff", "byte order mark / zero-width no-break space"),
    ("\U000e0000", "\U000e007f", "tag characters (invisible)"),
)

UNSAFE = re.compile(
    "[" + "".join(f"{re.escape(lo)}-{re.escape(hi)}" for lo, hi, _ in UNSAFE_RANGES) + "]"
)
# The same set without newline's neighbours: for one-line output (problem messages) a newline
# is unsafe too, since it could forge a second line.
_UNSAFE_ONE_LINE = re.compile(UNSAFE.pattern[:-1] + "\n]")


def escape_char(char: str) -> str:
    """A visible, ASCII spelling of one character: \\x1b, \\u202e, \\U000e0041."""
    return ascii(char)[1:-1]


def safe(text: str) -> str:
    """Text with every unsafe character shown as a visible escape, so it is printed, not obeyed."""
    return UNSAFE.sub(lambda m: escape_char(m.group()), text)


def safe_line(text: str) -> str:
    """Like `safe`, and a newline is shown as \\n: for output that must stay one line."""
    return _UNSAFE_ONE_LINE.sub(lambda m: escape_char(m.group()), text)


def find_unsafe(text: str) -> str | None:
    """The first unsafe character in `text`, or None."""
    match = UNSAFE.search(text)
    return match.group() if match else None


def describe_char(char: str) -> str:
    """'U+001B (C0 control characters (escape included))' for a problem message."""
    code = ord(char)
    for lo, hi, why in UNSAFE_RANGES:
        if ord(lo) <= code <= ord(hi):
            return f"U+{code:04X} ({why})"
    return f"U+{code:04X}"
