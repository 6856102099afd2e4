"""Compact terminal output: a style is sent only when it changes, runs of blanks are erased.

Textual turns each segment of a screen update into `ESC[<style>m text ESC[0m`, so a line of
forty styled pieces carries forty resets, and a blank run of sixty cells is sixty spaces. Over
SSH that is most of the bytes of every key press. Here the same pieces are encoded with the
terminal's style state carried from one segment to the next (only what differs is sent; a
reset only when an attribute must be switched off) and a run of blanks becomes ECH (erase
characters, which paints with the current background, like the spaces it replaces) plus a
cursor move.

The hook point is the update object Textual's `App._display` asks for bytes (`render_segments`,
reached through textual_private.py, as is Textual's private update classes' module): after
compositing, so it sees exactly the cells Textual would have sent, and before the driver, so
nothing else (screenshots, SVG export, headless tests) changes. `compact` wraps Textual's two
full-screen update kinds; anything else passes through untouched.

Invariant between updates: the terminal's style is the default (every update ends reset), as
it is after Textual's own output, so the two can interleave.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rich.color import ColorSystem
from rich.console import COLOR_SYSTEMS, Console, ConsoleOptions, RenderableType, RenderResult
from rich.control import Control
from rich.style import Style
from textual.strip import Strip

from .textual_private import ChopsUpdate, CompositorUpdate, LayoutUpdate

Piece = tuple[int, int, Strip]  # (x, y, strip): cells to write starting at x on line y

# Attributes that show on a blank cell (ECH would not paint them the same everywhere).
_VISIBLE_ON_BLANKS = ("underline", "reverse", "strike", "blink", "blink2", "overline", "underline2")
_BLANKS = re.compile(" {5,}")  # shorter runs cost more as escape codes than as spaces


class CompactUpdate(CompositorUpdate):
    """Textual's update, the same cells, fewer bytes."""

    def __init__(self, pieces: list[Piece]) -> None:
        self.pieces = pieces

    def render_segments(self, console: Console) -> str:
        return encode(
            self.pieces, COLOR_SYSTEMS.get(console.color_system or "", ColorSystem.TRUECOLOR)
        )

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """As a Rich renderable (Textual's own updates are both): the pieces, plainly."""
        for x, y, strip in self.pieces:
            yield Control.move_to(x, y).segment
            yield from strip


def compact(renderable: RenderableType | None) -> RenderableType | None:
    """A `CompactUpdate` for Textual's full and partial updates; anything else unchanged."""
    if isinstance(renderable, LayoutUpdate):
        return CompactUpdate(list(_layout_pieces(renderable)))
    if isinstance(renderable, ChopsUpdate):
        return CompactUpdate(list(_chops_pieces(renderable)))
    return renderable


def _layout_pieces(update: LayoutUpdate) -> Iterable[Piece]:
    for y, line in enumerate(update.strips, update.region.y):
        strips = list(line)
        if strips:
            yield update.region.x, y, Strip.join(strips)


def _chops_pieces(update: ChopsUpdate) -> Iterable[Piece]:
    """The same crops Textual's `ChopsUpdate.render_segments` writes, as pieces."""
    for y, x1, x2 in update.spans:
        for end, (x, strip) in zip(update.chop_ends[y], update.chops[y].items(), strict=False):
            if strip is None or x > x2 or end <= x1:
                continue
            if not (x2 > x >= x1 and end <= x2):
                strip = strip.crop(0, min(end, x2) - x)
            yield x, y, strip


def _kind(unit: str) -> str:
    """'fg', 'bg', or the attribute code itself: a new colour of a kind replaces the old."""
    head = int(unit.partition(";")[0])
    if head == 38 or 30 <= head <= 37 or 90 <= head <= 97:
        return "fg"
    if head == 48 or 40 <= head <= 47 or 100 <= head <= 107:
        return "bg"
    return unit


@lru_cache(maxsize=4096)
def _units(style: Style, color_system: ColorSystem) -> dict[str, str]:
    """{kind: SGR unit} of a style, a colour (38;5;n, 48;2;r;g;b) kept as one unit.
    Cached: a screen has a few dozen styles; the dicts returned are never changed."""
    codes = [code for code in Strip.render_ansi(style, color_system).split(";") if code]
    units: dict[str, str] = {}
    index = 0
    while index < len(codes):
        width = 1
        if codes[index] in ("38", "48") and index + 1 < len(codes):
            width = 3 if codes[index + 1] == "5" else 5
        unit = ";".join(codes[index : index + width])
        units[_kind(unit)] = unit
        index += width
    return units


class _Encoder:
    """Carries the terminal's current style (as SGR units) across segments."""

    def __init__(self, color_system: ColorSystem) -> None:
        self.color_system = color_system
        self.current: dict[str, str] = {}
        self.out: list[str] = []

    def set_style(self, style: Style | None) -> None:
        wanted = _units(style, self.color_system) if style else {}
        current = self.current
        if wanted == current:
            return
        self.current = wanted
        if any(kind not in wanted for kind in current if kind not in ("fg", "bg")):
            # An attribute goes off: there is no portable code for every one (22 ends bold
            # and dim together), so reset and send the whole style. Rare, and always right.
            self.out.append(f"\x1b[{';'.join(['0', *wanted.values()])}m")
            return
        changes = [unit for kind, unit in wanted.items() if current.get(kind) != unit]
        if "fg" in current and "fg" not in wanted:
            changes.append("39")  # the terminal's own foreground
        if "bg" in current and "bg" not in wanted:
            changes.append("49")
        self.out.append(f"\x1b[{';'.join(changes)}m")

    def text(self, text: str, style: Style | None) -> None:
        if style is not None and style.link:
            # Hyperlinks are rare here: write them exactly as Textual does, from a plain state.
            self.set_style(None)
            self.out.append(Strip.render_style(style, text, self.color_system))
            return
        self.set_style(style)
        self.out.append(text)

    def blanks(self, count: int, style: Style | None, at_end: bool) -> None:
        """`count` spaces in `style`: erased with ECH when that looks the same."""
        if style is not None and (
            style.link or any(getattr(style, name) for name in _VISIBLE_ON_BLANKS)
        ):
            self.text(" " * count, style)
            return
        # ECH leaves the cursor where it was: move on, unless nothing follows on this line
        # (every piece starts by moving the cursor, and every update ends by placing it).
        erase = f"\x1b[{count}X" if at_end else f"\x1b[{count}X\x1b[{count}C"
        if len(erase) >= count:
            self.text(" " * count, style)
            return
        self.set_style(style)
        self.out.append(erase)

    def finish(self) -> str:
        self.set_style(None)
        return "".join(self.out)


def _merged(strip: Strip) -> list[tuple[str, Style | None]]:
    """Neighbouring segments of one style as one (Textual splits text at every widget edge)."""
    merged: list[tuple[str, Style | None]] = []
    for text, style, control in strip:
        if control:
            continue
        if merged and merged[-1][1] == style:
            merged[-1] = (merged[-1][0] + text, style)
        else:
            merged.append((text, style))
    return merged


def encode(pieces: Iterable[Piece], color_system: ColorSystem) -> str:
    """Terminal bytes that leave the screen as writing each piece's segments plainly would."""
    encoder = _Encoder(color_system)
    for x, y, strip in pieces:
        encoder.out.append(Control.move_to(x, y).segment.text)
        segments = _merged(strip)
        last = len(segments) - 1
        for number, (text, style) in enumerate(segments):
            start = 0
            for run in _BLANKS.finditer(text):
                if run.start() > start:
                    encoder.text(text[start : run.start()], style)
                at_end = number == last and run.end() == len(text)
                encoder.blanks(run.end() - run.start(), style, at_end)
                start = run.end()
            if start < len(text):
                encoder.text(text[start:], style)
    return encoder.finish()
