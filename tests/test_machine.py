"""A test that needs something the machine lacks: skipped with what to install, failed under CI."""

from __future__ import annotations

import pytest

from .machine import REQUIREMENTS, Requirement, main, requires


@pytest.fixture
def tmux_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    missing = Requirement("tmux", lambda: False, "tmux", "apt-get install tmux", "tmux")
    monkeypatch.setitem(REQUIREMENTS, "tmux", missing)


@pytest.mark.usefixtures("tmux_missing")
def test_on_a_developer_machine_it_skips_naming_what_to_install(monkeypatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        requires("tmux")
    assert str(skipped.value) == "needs tmux: apt-get install tmux"


@pytest.mark.usefixtures("tmux_missing")
def test_under_ci_a_missing_requirement_fails(monkeypatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="apt-get install tmux"):
        requires("tmux")


def test_with_everything_present_it_does_nothing(monkeypatch) -> None:
    monkeypatch.setenv("CI", "true")
    present = Requirement("tmux", lambda: True, "tmux", "apt-get install tmux", "tmux")
    monkeypatch.setitem(REQUIREMENTS, "tmux", present)
    requires("tmux")  # no skip, no failure


@pytest.mark.usefixtures("tmux_missing")
def test_the_list_prints_the_packages_ci_installs(capsys) -> None:
    assert main([]) == 0
    assert "tmux" in capsys.readouterr().out.split()


def test_an_unknown_requirement_is_a_mistake_in_the_test() -> None:
    with pytest.raises(KeyError):
        requires("a-program-nobody-listed")
