"""The voter's own settings, in the XDG config folder: keys they moved, and the theme they chose.

Two files, so that the app never rewrites what a person wrote by hand:
- `keys.toml` is theirs, read only: `help = "f1"` or `quit = ["q", "ctrl+q"]`, one line per
  command id (the ids are in `commands.py` and on the help screen).
- `theme` is the app's: one line, the last theme chosen, written when the voter changes it.
The public demo reads and writes neither (it runs for strangers on a shared server).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..policy.files import FileRefused, read_regular_file
from ..policy.problem_codes import Code
from ..policy.sanitize import safe_line

MAX_BYTES = 64 * 1024  # a settings file is a few lines; anything bigger is not ours


def config_dir() -> Path:
    """$XDG_CONFIG_HOME/hustings, or ~/.config/hustings."""
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "hustings"


@dataclass(frozen=True)
class Settings:
    keys: dict[str, tuple[str, ...]] = field(default_factory=dict)
    theme: str | None = None
    problems: tuple[str, ...] = ()  # one line each, for a notification


def _read_small(path: Path) -> str | None:
    """The text of a regular file no bigger than MAX_BYTES; None if there is none. Read through
    the one guarded reader, so that a FIFO or a device in the config folder cannot hang the app."""
    try:
        data = read_regular_file(path, MAX_BYTES)
    except FileRefused as exc:
        if exc.code == Code.NO_SUCH_FILE:
            return None
        raise OSError(str(exc)) from None
    return data.decode("utf-8")


def load_settings(known_ids: frozenset[str], folder: Path | None = None) -> Settings:
    """Read keys.toml and theme; a bad file is reported in one line and otherwise ignored."""
    import tomllib

    folder = folder or config_dir()
    problems: list[str] = []
    keys: dict[str, tuple[str, ...]] = {}
    path = folder / "keys.toml"
    try:
        text = _read_small(path)
        table = tomllib.loads(text) if text is not None else {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problems.append(safe_line(f"{path}: {exc}; using the default keys"))
        table = {}
    for command_id, value in table.items():
        chosen = (value,) if isinstance(value, str) else value
        if command_id not in known_ids:
            problems.append(safe_line(f"{path}: {command_id!r} is not a command id; ignored"))
        elif not (
            isinstance(chosen, list | tuple)
            and chosen
            and all(isinstance(key, str) and key.strip() for key in chosen)
        ):
            problems.append(safe_line(f"{path}: {command_id}: expected a key or a list of keys"))
        else:
            keys[command_id] = tuple(key.strip() for key in chosen)
    theme = None
    try:
        text = _read_small(folder / "theme")
        theme = text.strip() or None if text is not None else None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(safe_line(f"{folder / 'theme'}: {exc}"))
    return Settings(keys, theme, tuple(problems))


def save_theme(name: str, folder: Path | None = None) -> str | None:
    """Remember the theme (atomically: a crash never leaves half a file). An error, or None."""
    folder = folder or config_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / ".theme.tmp"
        temporary.write_text(name + "\n", encoding="utf-8")
        os.replace(temporary, folder / "theme")
    except OSError as exc:
        return safe_line(f"could not remember the theme in {folder}: {exc.strerror or exc}")
    return None
