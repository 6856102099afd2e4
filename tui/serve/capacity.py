"""How many sessions this machine holds: the default `--max-sessions`, from what it has.

Four things bound a demo server, and each is read from the machine (or from the container's
cgroup, when it is given less than the machine): memory, cores, open files and processes. What
one session costs of each was measured by benchmarks/capacity.py; deploy/README.md gives the
arithmetic, and how to size a pod or a machine for an audience. The cap is the smallest of the
four, so a visitor past it is told "busy" in one line instead of slowing everyone down.
"""

from __future__ import annotations

import logging
import os
import resource
from dataclasses import dataclass
from pathlib import Path

from .logs import sessions

MIB = 1024 * 1024
# What one session costs the machine, in MiB: its app's own memory (PSS, at a common terminal
# size), plus what the kernel and the server hold for it (page tables, a PTY, socket buffers,
# the server's connection state). Where the template's objects can be made immortal (CPython
# 3.12+, tui/serve/fork/sharing.py) a session copies far less of the template.
SESSION_MEMORY_MIB = {"ssh": (8, 13), "web": (9, 14)}  # (immortal, not)
# Sessions one core serves with a tenth of them typing a key every few seconds, key-to-frame p95
# under 100 ms (benchmarks/capacity.py on 2 shared cores).
SESSIONS_PER_CORE = {"ssh": 1000, "web": 500}
RESERVED_MEMORY = 768 * MIB  # the server, the template, the kernel's own
FILES_PER_SESSION = 8  # connection, PTY, status pipe, pidfd, and the connections before a session
RESERVED_FILES = 64
TASKS_PER_SESSION = 4  # a session's app has three threads; the pids cgroup counts each
MINIMUM = 1


@dataclass(frozen=True)
class Machine:
    """What this process may use: memory in bytes, cores, open files, tasks (None: no limit)."""

    memory: int
    cores: float
    open_files: int
    tasks: int | None


@dataclass(frozen=True)
class Capacity:
    """The default cap and, for the log, what each resource would allow."""

    sessions: int
    by: dict[str, int]

    def describe(self) -> str:
        bound = min(self.by, key=lambda name: self.by[name])
        others = ", ".join(f"{name} {n}" for name, n in self.by.items() if name != bound)
        return f"{sessions(self.sessions)} at most, set by {bound} ({others})"


def this_machine() -> Machine:
    """Memory, cores, open files and tasks this process may use (cgroup v2 or v1 limits)."""
    memory = _mem_total()
    for path in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        limit = _read_int(path)
        if limit is not None:
            memory = min(memory, limit)
    cores = float(len(os.sched_getaffinity(0)))
    quota = _cpu_quota()
    if quota is not None:
        cores = min(cores, quota)
    tasks = _read_int("/sys/fs/cgroup/pids.max") or _read_int("/sys/fs/cgroup/pids/pids.max")
    return Machine(memory, cores, resource.getrlimit(resource.RLIMIT_NOFILE)[0], tasks)


def capacity(kind: str, machine: Machine, immortal: bool) -> Capacity:
    """The default `--max-sessions` of demo `kind` ("ssh" or "web") on `machine`."""
    session_memory = SESSION_MEMORY_MIB[kind][0 if immortal else 1] * MIB
    by = {
        "memory": (machine.memory - RESERVED_MEMORY) // session_memory,
        "cores": int(machine.cores * SESSIONS_PER_CORE[kind]),
        "open files": (machine.open_files - RESERVED_FILES) // FILES_PER_SESSION,
    }
    if machine.tasks is not None:
        by["processes"] = machine.tasks // TASKS_PER_SESSION
    by = {name: max(MINIMUM, int(n)) for name, n in by.items()}
    return Capacity(min(by.values()), by)


def raise_open_files_limit() -> int:
    """Raise this process's soft limit on open files to its hard limit (what it is allowed);
    returns the new soft limit. Each session holds several descriptors in the server."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        return hard
    return soft


def default_capacity(kind: str) -> Capacity:
    """For this process, after `raise_open_files_limit`."""
    from .fork.sharing import immortal_objects_supported

    return capacity(kind, this_machine(), immortal_objects_supported())


def max_sessions(chosen: int | None, kind: str, log: logging.Logger) -> int:
    """--max-sessions as given, or this machine's capacity; either way said in the log. The
    open-files limit is raised first, as far as this process is allowed."""
    raise_open_files_limit()
    if chosen is not None:
        log.info("%s at most (--max-sessions)", sessions(chosen))
        return chosen
    found = default_capacity(kind)
    log.info("%s", found.describe())
    return found.sessions


def _mem_total() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) * 1024
    return 0


def _cpu_quota() -> float | None:
    """Cores allowed by the cgroup's CPU quota (a Kubernetes CPU limit), if it has one."""
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        return None if quota == "max" else int(quota) / int(period)
    except (OSError, ValueError):
        pass
    quota_us = _read_int("/sys/fs/cgroup/cpu/cpu.cfs_quota_us")
    period_us = _read_int("/sys/fs/cgroup/cpu/cpu.cfs_period_us")
    if quota_us is None or period_us is None or quota_us <= 0 or period_us <= 0:
        return None
    return quota_us / period_us


def _read_int(path: str) -> int | None:
    """An integer limit from a cgroup file; None if absent or "max"."""
    try:
        text = Path(path).read_text().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None
