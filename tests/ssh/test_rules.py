"""The rules for strangers, as plain functions: size clamps, environment, caps and rates."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.ssh.hostkey import load_or_create_host_key
from tui.ssh.limits import Admission, child_environment, clamp_size


@given(st.integers(min_value=0, max_value=2**32 - 1), st.integers(min_value=0, max_value=2**32 - 1))
def test_any_size_a_client_sends_is_clamped_into_range(columns: int, rows: int) -> None:
    clamped_columns, clamped_rows = clamp_size(columns, rows)
    assert 20 <= clamped_columns <= 400 and 10 <= clamped_rows <= 200
    if 20 <= columns <= 400:
        assert clamped_columns == columns


def test_environment_is_an_allow_list() -> None:
    env = child_environment(
        "xterm-kitty",
        {"COLUMNS": "80", "LINES": "24", "LANG": "en_GB.UTF-8", "COLORTERM": "truecolor",
         "PYTHONPATH": "/tmp/evil", "TEXTUAL_DRIVER": "x:y", "LD_PRELOAD": "/x.so"},
    )  # fmt: skip
    assert env == {"TERM": "xterm-kitty", "LANG": "en_GB.UTF-8", "COLORTERM": "truecolor"}


def test_odd_environment_values_are_dropped() -> None:
    env = child_environment("xterm\x1b[31m", {"LANG": "x" * 200, "COLORTERM": "a b"})
    assert env == {"TERM": "xterm-256color"}


def test_admission_caps_globally_and_per_address() -> None:
    admission = Admission(max_sessions=3, per_ip=2)
    assert admission.try_start("a") is None
    assert admission.try_start("a") is None
    assert admission.try_start("a") == "per-ip"
    assert admission.try_start("b") is None
    assert admission.try_start("c") == "busy"
    admission.finish("a")
    assert admission.try_start("c") is None
    admission.finish("nobody")  # finishing what never started changes nothing
    assert admission.total == 3


def test_connection_rate_is_per_address_per_minute() -> None:
    now = [0.0]
    admission = Admission(max_sessions=10, per_ip=10, rate_per_minute=3, clock=lambda: now[0])
    assert [admission.connection_allowed("a") for _ in range(4)] == [True, True, True, False]
    assert admission.connection_allowed("b")
    now[0] = 61.0
    assert admission.connection_allowed("a")


def test_host_key_is_created_0600_and_reused(tmp_path) -> None:
    path = tmp_path / "keys" / "host_key"
    first = load_or_create_host_key(path)
    assert path.stat().st_mode & 0o777 == 0o600
    again = load_or_create_host_key(path)
    assert first.get_fingerprint() == again.get_fingerprint()
    path.chmod(0o644)
    load_or_create_host_key(path)
    assert path.stat().st_mode & 0o777 == 0o600  # a loosened key is tightened
