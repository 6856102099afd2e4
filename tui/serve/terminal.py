"""What the demo sends to and takes from a visitor's terminal, whatever carries the bytes.

`RESET` is written before every goodbye line, however a session ends (quit, idle, time limit,
crash, shutdown): without it a visitor whose app never got to clean up is left in the alternate
screen with mouse tracking on and no cursor. `VisitorInput` is what reaches the app from a
visitor, in either demo: valid UTF-8, the keys they typed and no terminal reports, pastes of a
bounded size, mouse motion coalesced.
"""

from __future__ import annotations

import codecs
import re

# The modes a full-screen app may have turned on, each turned off (or popped): alternate screen,
# the mouse reporting modes (click, drag, any motion, SGR and urxvt encodings), focus reporting,
# bracketed paste, the hidden cursor and the kitty keyboard protocol.
RESET = (
    b"\x1b[?1049l"
    b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l"
    b"\x1b[?1004l"
    b"\x1b[?2004l"
    b"\x1b[?25h"
    b"\x1b[<u"
    b"\x1b[0m"
)

# Any-motion mouse tracking (1003) makes the terminal report every pointer move: a visitor could
# flood the app with events. The demo asks for button-drag tracking (1002) instead.
ANY_MOTION_ON, DRAG_ONLY_ON = b"\x1b[?1003h", b"\x1b[?1002h"


class InputCleaner:
    """Bytes from a visitor, made valid UTF-8: invalid bytes become U+FFFD, never an error.

    Incremental, so a character split across two reads stays whole.
    """

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def clean(self, data: bytes) -> bytes:
        if data.isascii() and not self._decoder.getstate()[0]:
            return data  # keys and mouse reports, nothing half-read: nothing to decode
        return self._decoder.decode(data).encode("utf-8")


# An SGR mouse report: ESC [ < button ; column ; row, then M (press, motion) or m (release).
_SGR_MOUSE = re.compile(rb"\x1b\[<(\d{1,4});\d{1,5};\d{1,5}[Mm]")
_MOTION, _NO_BUTTON = 32, 3


def coalesce_motion(data: bytes) -> bytes:
    """Mouse motion reports in one read, cut down to what the app needs: the last drag.

    A client may send motion reports whatever the demo asked for; a flood of them used to grow
    a session to 900 MB of queued events. Motion with no button held (hover) is never asked
    for and is dropped; of the drags in one read only the last position matters.
    """
    if b"\x1b[<" not in data:
        return data
    reports = [m for m in _SGR_MOUSE.finditer(data) if int(m.group(1)) & _MOTION]
    if not reports:
        return data
    last_drag = next((m for m in reversed(reports) if int(m.group(1)) & 3 != _NO_BUTTON), None)
    kept, start = bytearray(), 0
    for report in reports:
        kept += data[start : report.start()]
        if report is last_drag:
            kept += report.group(0)
        start = report.end()
    kept += data[start:]
    return bytes(kept)


# A terminal answers some queries with reports on its input, and a visitor can type the same
# bytes. Textual acts on a few of them: an xterm window-size report (CSI 48;rows;cols;…t) resizes
# the app past the server's size clamp, a cursor position report or a mode report (CSI ?n;m$y)
# changes what it believes of the terminal, focus reports (CSI I, CSI O) move its focus. The app
# never asks for any but these modes' reports, so the rest are never the visitor's keys.
_CSI_MAX = 32  # bytes: Textual's parser gives up on a sequence at this length too
_STRING_MAX = 512  # bytes an OSC, DCS or APC answer (a colour, a capability) may take
MAX_PASTE = 16 * 1024  # bytes of one bracketed paste passed on; the rest is dropped
_ASKED_MODES = (b"?2026;",)  # synchronized output: the app asks whether the terminal has it
_PASTE_START, _PASTE_END = b"\x1b[200~", b"\x1b[201~"
_STRING_STARTS = b"]P_^X"  # OSC, DCS, APC, PM, SOS


def _csi_end(data: bytes, start: int) -> int | None:
    """Where the CSI sequence at `start` ends (exclusive), -1 if it is malformed, None if it
    may go on past the end of `data`."""
    if data.startswith(b"\x1b[48;", start) or b"\x1b[48;".startswith(data[start : start + 5]):
        # Textual reads the in-band size report up to its "t", whatever comes between.
        window = data[start : start + _CSI_MAX]
        t, esc = window.find(b"t", 2), window.find(b"\x1b", 1)
        if t >= 0 and (esc < 0 or t < esc):
            return start + t + 1
        if esc < 0 and len(window) < _CSI_MAX and start + len(window) == len(data):
            return None
    index = start + 2
    while index < len(data) and 0x30 <= data[index] <= 0x3F:  # parameters
        index += 1
    while index < len(data) and 0x20 <= data[index] <= 0x2F:  # intermediates
        index += 1
    if index >= len(data):
        return None if index - start < _CSI_MAX else -1
    return index + 1 if 0x40 <= data[index] <= 0x7E else -1


def is_report(sequence: bytes, *, focus_reports: bool) -> bool:
    """Whether a whole CSI sequence is a terminal's report rather than a key."""
    body, final = sequence[2:-1], sequence[-1:]
    if final == b"t":  # window reports, the in-band resize among them
        return True
    if final == b"R":  # a cursor position report; a bare CSI R is a key (F3) on some terminals
        return b";" in body
    if final == b"y" and body.endswith(b"$"):  # a mode report
        return not body.startswith(_ASKED_MODES)
    if final == b"c":  # device attributes
        return body[:1] in (b"?", b">", b"=")
    if final == b"n":  # status reports
        return True
    if final in (b"I", b"O") and not body:
        return not focus_reports
    return False


class VisitorInput:
    """A visitor's bytes, made fit for the app, one read at a time.

    Valid UTF-8 (invalid bytes become U+FFFD), terminal reports dropped, each bracketed paste cut
    to MAX_PASTE bytes, mouse motion coalesced. Incremental: a character or an escape sequence
    split across two reads is judged whole. A lone ESC at the end of a read is passed on at once
    (it is the Escape key), and remembered, so that a report sent after it is still dropped.
    `focus_reports`: whether the app asked the terminal for focus reports (Textual's terminal
    driver does; in a browser tab, focus comes in messages of its own).
    """

    def __init__(self, *, focus_reports: bool) -> None:
        self.focus_reports = focus_reports
        self._cleaner = InputCleaner()
        self._held = b""  # an escape sequence that may go on in the next read
        self._esc_sent = False  # the held sequence's ESC has already been passed on
        self._in_paste = False
        self._pasted = 0

    def feed(self, data: bytes) -> bytes:
        data = self._cleaner.clean(data)
        if self._esc_sent and not self._held:
            self._held = b"\x1b"
        data, self._held = self._held + data, b""
        esc_sent, self._esc_sent = self._esc_sent, False
        out = bytearray()
        index = 0
        while index < len(data):
            esc = data.find(b"\x1b", index)
            self._pass(out, data[index : len(data) if esc < 0 else esc])
            if esc < 0:
                break
            index = self._sequence(out, data, esc, esc_sent=esc_sent and esc == 0)
        return coalesce_motion(bytes(out))

    def _pass(self, out: bytearray, data: bytes) -> None:
        """Pass `data` on; inside a paste, only up to MAX_PASTE bytes of it in all."""
        if self._in_paste:
            room = max(0, MAX_PASTE - self._pasted)
            self._pasted += len(data)
            data = data[:room]
        out += data

    def _sequence(self, out: bytearray, data: bytes, start: int, *, esc_sent: bool) -> int:
        """Pass on, drop or hold the escape sequence at `start`; where to go on from.
        `esc_sent`: its ESC was passed on at the end of the previous read."""
        esc = b"" if esc_sent else b"\x1b"
        if start + 1 == len(data):  # a lone ESC so far: the Escape key, or a report to come
            out += esc
            self._esc_sent = True
            return len(data)
        kind = data[start + 1]
        if kind == 0x5B:  # "[": CSI
            end = _csi_end(data, start)
            if end is None:  # it may go on in the next read: judge it then
                self._held, self._esc_sent = data[start:], esc_sent
                return len(data)
            if end < 0:  # not a sequence after all: its ESC as it came, then the rest as text
                self._pass(out, esc)
                return start + 1
            sequence = data[start:end]
            if is_report(sequence, focus_reports=self.focus_reports):
                return end
            if sequence in (_PASTE_START, _PASTE_END):
                self._in_paste, self._pasted = sequence == _PASTE_START, 0
                out += esc + sequence[1:]
            else:
                self._pass(out, esc + sequence[1:])
            return end
        if kind in _STRING_STARTS and (end := _string_end(data, start)) is not None:
            return end  # an answer (a colour, a capability) whole within this read
        self._pass(out, esc)
        return start + 1


def _string_end(data: bytes, start: int) -> int | None:
    """Where an OSC, DCS or APC string at `start` ends, if it does within this read (BEL or
    ST, no other ESC before it, at most _STRING_MAX bytes): otherwise it is typed keys."""
    window = data[start + 2 : start + _STRING_MAX]
    esc = window.find(b"\x1b")
    bell = window.find(b"\x07", 0, len(window) if esc < 0 else esc)
    if bell >= 0:
        return start + 2 + bell + 1
    if esc >= 0 and window[esc + 1 : esc + 2] == b"\\":
        return start + 2 + esc + 2
    return None
