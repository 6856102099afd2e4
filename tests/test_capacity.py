"""The default --max-sessions comes from the machine: the smallest of what its memory, cores,
open files and processes hold."""

from __future__ import annotations

from hustings.serve.capacity import (
    MIB,
    RESERVED_MEMORY,
    SESSION_MEMORY_MIB,
    SESSIONS_PER_CORE,
    Machine,
    capacity,
    this_machine,
)

GIB = 1024 * MIB


def test_a_small_pod_is_bound_by_its_memory() -> None:
    pod = Machine(memory=2 * GIB, cores=2, open_files=65536, tasks=None)
    found = capacity("ssh", pod, immortal=True)
    expected = (2 * GIB - RESERVED_MEMORY) // (SESSION_MEMORY_MIB["ssh"][0] * MIB)
    assert found.sessions == expected == found.by["memory"]
    assert found.describe().startswith(f"{expected} sessions at most, set by memory (cores ")


def test_more_memory_per_session_without_immortal_objects_means_fewer_sessions() -> None:
    pod = Machine(memory=4 * GIB, cores=8, open_files=65536, tasks=None)
    assert capacity("ssh", pod, immortal=False).sessions < capacity("ssh", pod, True).sessions


def test_a_big_machine_with_few_cores_is_bound_by_its_cores() -> None:
    machine = Machine(memory=64 * GIB, cores=2, open_files=1 << 20, tasks=None)
    assert capacity("ssh", machine, True).sessions == 2 * SESSIONS_PER_CORE["ssh"]
    assert capacity("web", machine, True).sessions == 2 * SESSIONS_PER_CORE["web"]


def test_open_files_and_processes_bound_it_too() -> None:
    few_files = Machine(memory=64 * GIB, cores=16, open_files=1024, tasks=None)
    assert capacity("ssh", few_files, True).describe().split(", set by ")[1].startswith("open")
    few_tasks = Machine(memory=64 * GIB, cores=16, open_files=1 << 20, tasks=400)
    assert capacity("ssh", few_tasks, True).sessions == 100


def test_a_starved_machine_still_allows_one_session() -> None:
    tiny = Machine(memory=256 * MIB, cores=0.1, open_files=16, tasks=2)
    assert capacity("web", tiny, True).sessions == 1


def test_this_machine_is_read() -> None:
    machine = this_machine()
    assert machine.memory > 0 and machine.cores > 0 and machine.open_files > 0


def test_one_session_is_said_in_the_singular(caplog) -> None:
    """The log said '1 sessions at most' (and 'draining 1 sessions')."""
    import logging

    from hustings.serve.capacity import max_sessions

    tiny = Machine(memory=RESERVED_MEMORY, cores=0.1, open_files=65536, tasks=None)
    assert capacity("ssh", tiny, True).describe().startswith("1 session at most, set by ")
    log = logging.getLogger("hustings.test-capacity")
    with caplog.at_level(logging.INFO, logger=log.name):
        assert max_sessions(1, "ssh", log) == 1
    assert caplog.messages == ["1 session at most (--max-sessions)"]
