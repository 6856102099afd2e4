"""The last line a visitor reads, however their session ends: one wording for every demo."""

from __future__ import annotations


def line(text: str) -> bytes:
    return f"{text}\r\n".encode()


GOODBYE = line("\r\nThanks for comparing with hustings. Goodbye.")
IDLE = line("\r\nIdle for too long: goodbye.")
TOO_LONG = line("\r\nThis demo session has reached its time limit: goodbye.")
RESTARTING = line("\r\nThe demo server is restarting: please connect again shortly. Goodbye.")
CRASHED = line("\r\nSorry, something went wrong in the demo and this session has to end. Goodbye.")
CPU_USED = line("\r\nThis demo session has used its share of the server: goodbye.")
NOT_UNDERSTOOD = line("\r\nYour browser sent something the demo cannot read: goodbye.")
