"""What the demo sends to and takes from a visitor's terminal, whatever carries the bytes.

`RESET` is written before every goodbye line, however a session ends (quit, idle, time limit,
crash, shutdown): without it a visitor whose app never got to clean up is left in the alternate
screen with mouse tracking on and no cursor. `InputCleaner` makes sure the app only ever reads
valid UTF-8 from a visitor.
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
