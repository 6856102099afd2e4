"""Finding policy files, guarding against bad bytes, parsing TOML and validating it.

Errors are values: every function returns what loaded plus a list of Problems, so one bad file
never stops the others. Nothing here imports Textual or Rich.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import rtoml

from .annotate import annotate, annotate_set
from .checks import check_policy, check_set
from .loaded import LoadedPolicy, PolicySet
from .model import Policy
from .near_misses import misspelt_policy_references
from .problem_codes import Code
from .problems import PolicyError, Problem
from .provenance import Archive
from .validate import FieldError, validate

MAX_FILE_BYTES = 1_000_000
POLICY_SUFFIX = ".toml"
_RTOML_PLACE = re.compile(r"^(?P<message>.*?) at line (?P<line>\d+) column (?P<col>\d+)\s*$", re.S)


def bundled_policy_dir() -> Path:
    """The policies shipped with hustings: inside the wheel, or the checkout's `policies/`."""
    packaged = Path(__file__).with_name("_bundled_policies")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "policies"


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when under it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative


def find_policy_files(paths: Sequence[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Expand files and folders (one level, `*.toml`, sorted) into policy file paths."""
    found: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.suffix != POLICY_SUFFIX:
                    continue
                if child.is_dir():
                    problems.append(
                        Problem(
                            display_path(child),
                            "is a folder, not a policy file",
                            code=Code.FILE_TYPE,
                        )
                    )
                else:
                    found.append(child)
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            problems.append(
                Problem(display_path(path), "no such file or folder", code=Code.NO_SUCH_FILE)
            )
    return found, problems


def read_policy_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """Read a file as UTF-8 text, refusing folders, oversize, empty and binary files up front."""
    try:
        if path.is_dir():
            return None, [Problem(shown, "is a folder, not a policy file", code=Code.FILE_TYPE)]
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit = f"{MAX_FILE_BYTES // 1_000_000} MB"
            message = f"file is {size:,} bytes; the limit is {limit}"
            return None, [Problem(shown, message, code=Code.TOO_LARGE)]
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(shown, f"cannot read: {exc.strerror or exc}", code=Code.UNREADABLE)]
    return decode_policy_bytes(data, shown)


def decode_policy_bytes(data: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """Bytes to text, with the line and column of the first byte that is not UTF-8 text."""
    if not data.strip():
        message = "file is empty; a policy needs format, id, who and claims"
        return None, [Problem(shown, message, code=Code.EMPTY_FILE)]
    if b"\x00" in data:
        line, col = _place(data, data.index(b"\x00"))
        message = "binary data (NUL byte): not a TOML text file"
        return None, [Problem(shown, message, line, col, code=Code.BINARY)]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line, col = _place(data, exc.start)
        message = f"not UTF-8 text (byte 0x{data[exc.start]:02x})"
        return None, [Problem(shown, message, line, col, code=Code.NOT_UTF8)]


def _place(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def parse_toml(text: str, shown: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """TOML text to a dict; a syntax error becomes `path:line:col: message`."""
    try:
        return rtoml.loads(text), []
    except (rtoml.TomlParsingError, ValueError) as exc:
        message = " ".join(str(exc).split())
        match = _RTOML_PLACE.match(message)
        if match:
            problem = Problem(
                shown,
                f"TOML syntax: {match['message']}",
                int(match["line"]),
                int(match["col"]),
                code=Code.TOML_SYNTAX,
            )
        else:
            problem = Problem(shown, f"TOML syntax: {message}", code=Code.TOML_SYNTAX)
        return None, [problem]


def load_policy_text(text: str, shown: str = "<text>") -> Policy:
    """Parse and validate one document, raising PolicyError with every problem found."""
    document, problems = parse_toml(text, shown)
    if document is None:
        raise PolicyError(problems)
    policy, errors = validate(document)
    if policy is None:
        raise PolicyError(annotate(schema_problems(errors, shown), text, document))
    return policy


def schema_problems(errors: list[FieldError], shown: str) -> list[Problem]:
    return [
        Problem(shown, e.message, field=e.field or None, code=e.code, hint=e.hint) for e in errors
    ]


def load_file(
    path: Path, archives: dict[Path, Archive | str] | None = None
) -> tuple[LoadedPolicy | None, list[Problem]]:
    """Load one policy file: read, parse, validate, check references and prove its quotes.

    A file that fails the schema is still checked as far as it can be (`salvage`), so one run
    lists all of its problems; each problem then gets its line, claim id and hint (`annotate`).
    """
    shown = display_path(path)
    text, problems = read_policy_text(path, shown)
    if text is None:
        return None, problems
    document, problems = parse_toml(text, shown)
    if document is None:
        return None, problems
    policy, errors = validate(document)
    if policy is None:
        from .salvage import check_valid_parts

        problems = schema_problems(errors, shown)
        problems += check_valid_parts(document, path.parent, shown, archives, toml_text=text)
        return None, annotate(problems, text, document, path.parent)
    context, problems = check_policy(policy, path.parent, shown, archives, toml_text=text)
    return LoadedPolicy(policy, shown, context), annotate(problems, text, document, path.parent)


def _text_of(shown: str) -> str | None:
    """A loaded file's text again, for placing problems found across files (rare: on failure)."""
    return read_policy_text(Path(shown), shown)[0]


def load_paths(paths: Iterable[str | Path] | None = None) -> PolicySet:
    """Load every policy under the given files and folders (default: the bundled policies)."""
    chosen = list(paths) if paths else [bundled_policy_dir()]
    files, problems = find_policy_files(chosen)
    archives: dict[Path, Archive | str] = {}
    loaded: list[LoadedPolicy] = []
    # Parsing makes many short-lived dicts with no cycles; pausing the cycle collector while we
    # do so saves it from rescanning them again and again (about a tenth of the load time).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for path in files:
            policy, found = load_file(path, archives)
            problems.extend(found)
            if policy is not None:
                loaded.append(policy)
    finally:
        if was_enabled:
            gc.enable()
    across = [*check_set(loaded), *misspelt_policy_references(loaded)]
    problems.extend(annotate_set(across, loaded, _text_of))
    return PolicySet(tuple(loaded), tuple(problems))
