"""How a session ends, one wording for every demo: the byte its app's process reports as it exits,
the word the log gives it, the last line the visitor reads, and the exit status their client gets.
"""

from __future__ import annotations

from dataclasses import dataclass


def line(text: str) -> bytes:
    return f"{text}\r\n".encode()


GOODBYE = line("\r\nThanks for comparing with hustings. Goodbye.")
IDLE = line("\r\nIdle for too long: goodbye.")
TOO_LONG = line("\r\nThis demo session has reached its time limit: goodbye.")
RESTARTING = line("\r\nThe demo server is restarting: please connect again shortly. Goodbye.")
CRASHED = line("\r\nSorry, something went wrong in the demo and this session has to end. Goodbye.")
CPU_USED = line("\r\nThis demo session has used its share of the server: goodbye.")
NOT_UNDERSTOOD = line("\r\nYour browser sent something the demo cannot read: goodbye.")

# The one byte a session's app process writes to its status pipe just before it exits (one
# killed by a signal other than SIGXCPU writes nothing), and its exit status after a crash.
QUIT, CRASH, CPU_LIMIT = b"q", b"c", b"l"
EXIT_CRASH = 70  # EX_SOFTWARE


@dataclass(frozen=True, slots=True)
class Ending:
    """How an app ended, as the demos tell it: the log's word, the visitor's last line, and
    the exit status an SSH client is given."""

    why: str
    goodbye: bytes
    status: int


ENDINGS = {
    QUIT: Ending("quit", GOODBYE, 0),
    CRASH: Ending("crash", CRASHED, 1),
    CPU_LIMIT: Ending("cpu limit", CPU_USED, 1),
}
KILLED = Ending("killed", CRASHED, 1)  # no byte: killed from outside, or it never said


def ending(status: bytes) -> Ending:
    """How an app ended, from the byte it wrote (b"" if none)."""
    return ENDINGS.get(status, KILLED)


def ending_called(why: str) -> Ending:
    """The Ending the log calls `why` ("quit", "crash", "cpu limit", "killed")."""
    return next((known for known in ENDINGS.values() if known.why == why), KILLED)
