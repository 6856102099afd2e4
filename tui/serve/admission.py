"""Who gets in, decided when a TCP connection is accepted, before any protocol work is done.

Every connection holds a `Ticket` from accept until it closes. The rules, per client address:
at most `per_ip` connections at once (with or without a session), at most `rate_per_minute` new
arrivals a minute, and at most one session per connection. Globally: at most `max_connections`
connections and `max_sessions` sessions. Connections between the two global caps are let in
only to be told "busy" politely by the protocol on top; beyond `max_connections` they are closed
at accept. One small class with an injectable clock, so every rule is tested without a network.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field

WINDOW = 60.0  # seconds of the per-address rate window

# Why a connection or a session was refused: the one vocabulary for logs and messages.
BUSY = "busy"  # every session slot is taken
FULL = "full"  # every connection slot is taken: closed at accept
PER_IP = "per-ip"  # this address already holds its share of connections
RATE = "rate"  # this address is arriving too fast
ONE_SESSION = "one-session"  # a connection asked for a second session

# What the visitor is told, one line each, for every reason above.
MESSAGES = {
    BUSY: "hustings is busy right now: please try again shortly.",
    FULL: "hustings is busy right now: please try again shortly.",
    PER_IP: "You already have the most connections allowed from one address: close one first.",
    RATE: "Too many connections from your address: please wait a minute and try again.",
    ONE_SESSION: "One session per connection: please connect again.",
}


@dataclass
class Ticket:
    """One admitted connection: its client address, and whether it has had its session."""

    admission: Admission
    ip: str
    session_used: bool = False
    in_session: bool = False
    closed: bool = False

    def start_session(self) -> str | None:
        """Claim a session slot for this connection; None if granted, else the reason."""
        if self.closed:
            return FULL
        if self.session_used:
            return ONE_SESSION
        self.session_used = True  # one try per connection, granted or not
        if self.admission.sessions >= self.admission.max_sessions:
            return BUSY
        self.in_session = True
        self.admission.sessions += 1
        return None

    def end_session(self) -> None:
        if self.in_session:
            self.in_session = False
            self.admission.sessions -= 1

    def close(self) -> None:
        """The connection has gone: free its slots. Safe to call more than once."""
        if self.closed:
            return
        self.end_session()
        self.closed = True
        self.admission._release(self.ip)


@dataclass
class Admission:
    """The caps and the rate, shared by every connection of one server."""

    max_sessions: int
    per_ip: int
    rate_per_minute: int = 20
    max_connections: int | None = None  # default: twice max_sessions
    clock: Callable[[], float] = time.monotonic
    sessions: int = 0
    connections: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    recent: dict[str, deque[float]] = field(default_factory=lambda: defaultdict(deque))
    _forgotten_at: float = float("-inf")

    def __post_init__(self) -> None:
        if self.max_connections is None:
            self.max_connections = 2 * self.max_sessions
        self.max_connections = max(self.max_connections, self.max_sessions)

    @property
    def total_connections(self) -> int:
        return sum(self.connections.values())

    @property
    def full(self) -> bool:
        """A new visitor would be turned away now: every session slot is taken, or every
        connection slot (the health check's 'not ready')."""
        max_connections = self.max_connections or 2 * self.max_sessions
        return self.sessions >= self.max_sessions or self.total_connections >= max_connections

    def admit(self, ip: str) -> Ticket | str:
        """At accept: a Ticket for the new connection, or the reason it is refused.

        The rate counts every arrival it lets past, refused by a cap or not: hammering while
        holding every slot still uses up the address's rate.
        """
        if not self._arrival_allowed(ip):
            return RATE
        if self.connections[ip] >= self.per_ip:
            return PER_IP
        if self.total_connections >= (self.max_connections or 2 * self.max_sessions):
            return FULL
        self.connections[ip] += 1
        return Ticket(self, ip)

    def refusal(self, ip: str) -> str | None:
        """What `admit` and `start_session` would refuse `ip` for now, without counting it.

        For a protocol that can say "busy" before it opens a session at all (serve-web's page).
        """
        now = self.clock()
        if sum(1 for t in self.recent.get(ip, ()) if now - t <= WINDOW) >= self.rate_per_minute:
            return RATE
        if self.connections.get(ip, 0) >= self.per_ip:
            return PER_IP
        if self.full:
            return BUSY
        return None

    def _arrival_allowed(self, ip: str) -> bool:
        now = self.clock()
        window = self.recent[ip]
        while window and now - window[0] > WINDOW:
            window.popleft()
        if len(window) >= self.rate_per_minute:
            return False
        window.append(now)
        return True

    def _release(self, ip: str) -> None:
        if self.connections.get(ip, 0) > 0:
            self.connections[ip] -= 1
            if not self.connections[ip]:
                del self.connections[ip]

    def forget_idle_addresses(self) -> None:
        """Drop rate windows that have emptied, so memory does not grow with every address seen.

        Called on every accept, it does the work at most once per window.
        """
        now = self.clock()
        if now - self._forgotten_at < WINDOW:
            return
        self._forgotten_at = now
        for ip in [ip for ip, w in self.recent.items() if not w or now - w[-1] > WINDOW]:
            del self.recent[ip]
