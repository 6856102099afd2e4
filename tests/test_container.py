"""The container as a newcomer builds it, checked without a container engine (CI has none that can
pull a base image): deploy/Dockerfile's stages, .dockerignore, and deploy/README.md's commands.

The image itself was built and run with podman by hand (deploy/README.md says how and what was
seen); these tests keep what was checked from drifting.
"""

from __future__ import annotations

import fnmatch
import re
import shlex
from dataclasses import dataclass, field

from .conftest import ROOT

DOCKERFILE = ROOT / "deploy" / "Dockerfile"
README = ROOT / "deploy" / "README.md"


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[tuple[str, str]] = field(default_factory=list)

    def all(self, keyword: str) -> list[str]:
        return [args for kind, args in self.instructions if kind == keyword]


def stages() -> list[Stage]:
    """The Dockerfile's stages, each with its instructions (continuation lines joined)."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    found: list[Stage] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, args = line.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            words = args.split()
            name = words[2] if len(words) == 3 and words[1].upper() == "AS" else None
            found.append(Stage(words[0], name))
        else:
            assert found, f"{keyword} before FROM"
            found[-1].instructions.append((keyword, args.strip()))
    return found


def ignored(path: str) -> bool:
    """Whether .dockerignore leaves `path` out of the build context (its last match wins)."""
    result = False
    for pattern in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines():
        pattern = pattern.strip()
        if not pattern or pattern.startswith("#"):
            continue
        keep = pattern.startswith("!")
        pattern = pattern.lstrip("!").rstrip("/")
        parts = path.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        if any(fnmatch.fnmatch(p, pattern) or fnmatch.fnmatch(p, pattern.replace("**/", ""))
               for p in prefixes):  # fmt: skip
            result = not keep
    return result


def test_the_runtime_stage_has_the_environment_and_no_uv() -> None:
    build, runtime = stages()
    assert build.name == "build" and runtime.name is None
    assert build.base == runtime.base  # the venv's interpreter is at the same path in both
    assert any("uv sync --frozen --no-dev" in run for run in build.all("RUN"))
    assert runtime.all("COPY") == ["--from=build /opt/hustings /opt/hustings"]
    assert not any("uv" in run.split() or "pip install" in run for run in runtime.all("RUN"))
    assert runtime.all("USER") == ["10001:10001"]


def test_the_image_serves_both_demos_and_exposes_their_health_ports() -> None:
    runtime = stages()[-1]
    assert runtime.all("ENTRYPOINT") == ['["/opt/hustings/bin/hustings"]']
    (command,) = runtime.all("CMD")
    assert command.startswith('["serve-ssh"') and '"--health-port", "8080"' in command
    assert set(runtime.all("EXPOSE")[0].split()) == {"2222", "8080", "8081"}


def test_every_file_the_build_copies_is_in_the_context() -> None:
    build = stages()[0]
    for copy in build.all("COPY"):
        *sources, _target = copy.split()
        for source in sources:
            assert (ROOT / source).exists(), source
            assert not ignored(source), f"{source} is left out by .dockerignore"


def test_the_context_leaves_out_the_venv_git_and_host_keys() -> None:
    for path in (".venv", ".venv/lib/python3.11", ".git", ".git/HEAD", "ssh_host_key",
                 "tests/ssh/conftest.py", "tui/__pycache__/cli.cpython-311.pyc"):  # fmt: skip
        assert ignored(path), path
    for path in ("tui/cli.py", "policies/README.md", "uv.lock", "LICENSE"):
        assert not ignored(path), path


def commands(prefix: str) -> list[list[str]]:
    """Every command in deploy/README.md's code blocks starting with `prefix` (joined lines)."""
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    found = []
    for block in blocks:
        for command in re.sub(r"\\\n\s*", " ", block).splitlines():
            words = shlex.split(command, comments=True)
            if words[: len(prefix.split())] == prefix.split():
                found.append(words)
    return found


def test_the_readme_build_command_can_be_pasted() -> None:
    (build,) = commands("podman build")
    tag = build[build.index("-t") + 1]
    assert re.fullmatch(r"[a-z0-9][a-z0-9._/-]*:[A-Za-z0-9._-]+", tag), tag  # lower case
    assert build[-1] == "." and build[build.index("-f") + 1] == "deploy/Dockerfile"


def test_the_readme_runs_both_demos_read_only_with_their_health_ports() -> None:
    runs = commands("podman run")
    ssh = next(run for run in runs if "serve-web" not in run)
    web = next(run for run in runs if "serve-web" in run)
    for run in (ssh, web):
        assert "--read-only" in run
    assert {"2222:2222", "8080:8080"} <= set(ssh)
    assert {"8080:8080", "8081:8081"} <= set(web)
    assert web[web.index("serve-web") :][:1] == ["serve-web"]
    assert "--health-port" in web and "0.0.0.0" in web
