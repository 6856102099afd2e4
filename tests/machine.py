"""What some tests need from the machine, listed once: programs, a browser, root.

`requires("tmux", "ssh")` at the top of a test or fixture: with everything present it does
nothing; if something is missing it skips the test with one line naming what to install, and
under CI (CI=true) it fails instead, so a CI machine that lost a program never passes by skipping.

`uv run python -m tests.machine` prints the Debian packages this machine lacks (`.ci/run`
installs them); `--list` prints every requirement and how to get it.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# axe-core, run in Chromium by the accessibility tests, pinned by tests/web/package-lock.json.
AXE = Path(__file__).parent / "web" / "node_modules" / "axe-core" / "axe.min.js"


@dataclass(frozen=True, slots=True)
class Requirement:
    name: str  # what tests pass to `requires`
    present: Callable[[], bool]
    what: str  # what is needed, as a person says it
    install: str  # how to get it, in a few words
    package: str = ""  # the Debian package that provides it, "" when none does

    @property
    def reason(self) -> str:
        return f"needs {self.what}: {self.install}"


def _program(name: str) -> Callable[[], bool]:
    return lambda: shutil.which(name) is not None


REQUIREMENTS: dict[str, Requirement] = {
    r.name: r
    for r in (
        Requirement("chromium", lambda: Path(CHROMIUM).exists(), f"Chromium at {CHROMIUM}",
                    "apt-get install chromium", "chromium"),
        Requirement("tmux", _program("tmux"), "tmux", "apt-get install tmux", "tmux"),
        Requirement("ssh", _program("ssh"), "an ssh client", "apt-get install openssh-client",
                    "openssh-client"),
        Requirement("setpriv", _program("setpriv"), "setpriv", "apt-get install util-linux",
                    "util-linux"),
        Requirement("root", lambda: os.geteuid() == 0, "root (to run a server as another user)",
                    "run the tests as root, as CI does"),
        Requirement("haproxy", lambda: Path("/usr/sbin/haproxy").exists(),
                    "HAProxy at /usr/sbin/haproxy", "apt-get install haproxy", "haproxy"),
        Requirement("uv", _program("uv"), "uv", "pip install uv"),
        Requirement("npm", _program("npm"), "npm (for axe-core)", "apt-get install npm", "npm"),
        Requirement("axe-core", lambda: AXE.exists(), f"axe-core at {AXE}",
                    "npm ci --prefix tests/web"),
    )
}  # fmt: skip


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def missing(*names: str) -> list[Requirement]:
    """The requirements among `names` this machine lacks (an unknown name is a mistake)."""
    return [REQUIREMENTS[name] for name in names if not REQUIREMENTS[name].present()]


def requires(*names: str) -> None:
    """Skip (on a developer's machine) or fail (under CI) unless every requirement is met."""
    import pytest

    lacking = missing(*names)
    if not lacking:
        return
    reason = "; ".join(r.reason for r in lacking)
    if in_ci():
        pytest.fail(f"{reason} (CI=true: a missing requirement fails, never skips)")
    pytest.skip(reason)


def main(argv: list[str]) -> int:
    if "--list" in argv:
        for requirement in REQUIREMENTS.values():
            state = "present" if requirement.present() else "MISSING"
            print(f"{requirement.name:<9} {state:<8} {requirement.reason}")
        return 0
    packages = dict.fromkeys(r.package for r in missing(*REQUIREMENTS) if r.package)
    print(" ".join(packages))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
