"""Finding policy files, guarding against bad bytes, parsing TOML and validating it.

Errors are values: every function returns what loaded plus a list of Problems, so one bad file
never stops the others. Nothing here imports Textual or Rich.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import rtoml

from ..policy.files import FileRefused, read_inside_its_folder
from ..policy.model import Policy
from ..policy.policy_set import LoadedPolicy, PolicySet
from ..policy.problem_codes import Code
from ..policy.problems import PolicyError, Problem
from ..policy.validate import FieldError, validate
from .annotate import annotate, annotate_set
from .checks import check_policy, no_claims
from .provenance import Archive
from .relations import check_set

MAX_FILE_BYTES = 1_000_000
POLICY_SUFFIX = ".toml"
_RTOML_PLACE = re.compile(r"^(?P<message>.*?) at line (?P<line>\d+) column (?P<col>\d+)\s*$", re.S)


def bundled_policy_dir() -> Path:
    """The policies shipped with hustings: inside the wheel, or the checkout's `policies/`."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "_bundled_policies"
    if packaged.is_dir():
        return packaged
    return package.parent / "policies"


def display_path(path: str | Path) -> str:
    """A path as the user would type it: relative to the working folder when under it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative


def find_policy_files(paths: Sequence[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Expand files and folders (one level, `*.toml`, sorted) into policy file paths.

    A folder that cannot be listed is a problem for that folder alone: the rest still load.
    """
    names, problems = find_policy_file_names(paths)
    return [Path(name) for name in names], problems


def find_policy_file_names(paths: Sequence[str | Path]) -> tuple[list[str], list[Problem]]:
    """`find_policy_files` as strings, for the race index: making a Path for each of a
    country's 4,500 files cost a fifth of the index's time, and most are never loaded."""
    found: list[str] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        try:
            _expand(path, found, problems)
        except OSError as exc:  # e.g. a folder above it cannot be searched
            reason = exc.strerror or str(exc)
            problems.append(
                Problem(display_path(path), f"cannot read ({reason})", code=Code.UNREADABLE)
            )
    return found, problems


def _expand(path: Path, found: list[str], problems: list[Problem]) -> None:
    if path.is_dir():
        try:
            # By name, as strings: sorting Path objects cost 40 ms over a country's files.
            with os.scandir(path) as listing:
                entries = sorted(
                    (e for e in listing if os.path.splitext(e.name)[1] == POLICY_SUFFIX),
                    key=lambda entry: entry.name,
                )
        except OSError as exc:
            reason = exc.strerror or str(exc)
            problems.append(
                Problem(display_path(path), f"cannot list folder ({reason})", code=Code.UNREADABLE)
            )
            return
        folder = str(path)
        for entry in entries:
            child = os.path.join(folder, entry.name)
            if entry.is_dir():  # follows a link, as Path.is_dir does
                problems.append(
                    Problem(
                        display_path(child), "is a folder, not a policy file", code=Code.FILE_TYPE
                    )
                )
            else:
                found.append(child)
    elif path.exists() or path.is_symlink():
        found.append(str(path))
    else:
        problems.append(
            Problem(display_path(path), "no such file or folder", code=Code.NO_SUCH_FILE)
        )


def read_policy_text(path: str | Path, shown: str) -> tuple[str | None, list[Problem]]:
    """Read a regular file as UTF-8 text: folders, pipes, devices, oversize and binary refused,
    and a link to a file outside its folder."""
    try:
        data = read_inside_its_folder(path, MAX_FILE_BYTES)
    except FileRefused as exc:
        message = str(exc)
        if message == "is a folder, not a regular file":
            message = "is a folder, not a policy file"
        return None, [Problem(shown, message, code=exc.code)]
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


def _validate(document: dict[str, Any]) -> tuple[Policy | None, list[FieldError], dict[str, Any]]:
    """Validate; only if that fails, again as an editor's schema reads the values.

    The second pass matters only for a file that uses an unquoted date or a float like 9.6e6,
    and such a value can only make the first pass fail, so a valid file pays nothing for it.
    """
    policy, errors = validate(document)
    if policy is None:
        seen = _as_editors_see_it(document)
        if seen != document:
            policy, errors = validate(seen)
            document = seen
    return policy, errors, document


def _as_editors_see_it(value: Any) -> Any:
    """TOML values an editor's JSON Schema cannot tell apart, made as the schema reads them.

    An unquoted TOML date (date = 2024-03-27) is a date to TOML but a string to the schema, and
    9.6e6 is a float to TOML but an integer to the schema: `check` gives the same verdict as the
    editor, so it reads a date as its YYYY-MM-DD text and a whole-number float as an integer.
    """
    if isinstance(value, dict):
        return {key: _as_editors_see_it(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_editors_see_it(item) for item in value]
    if type(value) is dt.date:
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**63:
        return int(value)
    return value


def load_policy_text(text: str, shown: str = "<text>") -> Policy:
    """Parse and validate one document, raising PolicyError with every problem found."""
    document, problems = parse_toml(text, shown)
    if document is None:
        raise PolicyError(problems)
    policy, errors, document = _validate(document)
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
    """Load one policy file: read, parse, validate, check references and prove its quotes."""
    shown = display_path(path)
    text, problems = read_policy_text(path, shown)
    if text is None:
        return None, problems
    document, problems = parse_toml(text, shown)
    if document is None:
        return None, problems
    policy, errors, document = _validate(document)
    if policy is None:
        from .salvage import check_valid_parts

        problems = schema_problems(errors, shown)
        problems += check_valid_parts(document, path.parent, shown, archives, toml_text=text)
        return None, annotate(problems, text, document, path.parent)
    context, words, proofs, problems = check_policy(
        policy, path.parent, shown, archives, toml_text=text
    )
    problems.extend(no_claims(policy, shown))
    loaded = LoadedPolicy(policy, shown, context, words, proofs)
    return loaded, annotate(problems, text, document, path.parent)


def _text_of(shown: str) -> str | None:
    """A loaded file's text again, for placing problems found across files (rare: on failure)."""
    return read_policy_text(Path(shown), shown)[0]


_DECLARES_FORMAT = re.compile(rb"(?m)^[ \t]*format[ \t]*=")


def local_policy_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """The policy files in `folder`, and the other `*.toml` files there (pyproject.toml...).

    For `check` with no path: a policy file declares `format` (its first key), so a folder's
    tool configuration is not mistaken for a broken policy. Only the first 64 KB are read.
    """
    policies: list[Path] = []
    others: list[Path] = []
    try:
        children = sorted(folder.iterdir())
    except OSError:
        return [], []
    for child in children:
        if child.suffix != POLICY_SUFFIX:
            continue
        try:
            head = read_inside_its_folder(child, MAX_FILE_BYTES)[:65536]
        except FileRefused:
            policies.append(child)  # unreadable: let `check` report it for what it is
            continue
        (policies if _DECLARES_FORMAT.search(head) else others).append(child)
    return policies, others


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
    problems.extend(annotate_set(check_set(loaded), loaded, _text_of))
    return PolicySet(tuple(loaded), tuple(problems), tuple(display_path(f) for f in files))
