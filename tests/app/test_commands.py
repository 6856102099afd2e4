"""One registry of commands: bindings, footer, help and palette agree; keys.toml remaps them."""

from __future__ import annotations

import os

import pytest

from hustings.app.commands import (
    BY_ID,
    COMMANDS,
    MAIN,
    bindings,
    footer_entries,
    for_context,
    help_rows,
    keymap,
    number_bound,
    with_keys,
)
from hustings.app.config import load_settings, save_theme

from ..conftest import finishes


def test_every_id_and_every_key_of_a_screen_is_declared_once() -> None:
    assert len(BY_ID) == len(COMMANDS)
    for where in ("main", "document", "dialog"):
        keys = [key for c in for_context(COMMANDS, where) for key in c.keys]
        assert len(keys) == len(set(keys)), where


def test_the_footer_starts_with_help_and_quit() -> None:
    entries = footer_entries(for_context(COMMANDS, MAIN), 3)
    assert [(e.keys, e.label) for e in entries[:2]] == [("?", "Help"), ("q", "Quit")]
    assert ("1-3", "Hide") in [(e.keys, e.label) for e in entries]
    assert ("↑↓←→", "Select") in [(e.keys, e.label) for e in entries]


def test_bindings_offer_one_number_key_per_place_and_only_candidates_have_one() -> None:
    made = bindings(for_context(COMMANDS, MAIN))
    numbers = [(b.key, b.action, b.id) for b in made if b.action.startswith("hide_pane")]
    assert numbers == [(f"{n}", f"hide_pane({n})", f"toggle-candidate-{n}")
                       for n in range(1, 10)]  # fmt: skip
    toggle = BY_ID["toggle-candidate"]
    assert number_bound(toggle, (3,), count=3) and not number_bound(toggle, (4,), count=3)
    assert ("1-3", BY_ID["toggle-candidate"].description, "toggle-candidate") in help_rows(
        for_context(COMMANDS, MAIN), 3
    )


def test_keys_toml_moves_a_command_and_reports_bad_lines(tmp_path) -> None:
    folder = tmp_path / "hustings"
    folder.mkdir()
    (folder / "keys.toml").write_text(
        'help = "f2"\nquit = ["q", "ctrl+q"]\nnonsense = "x"\ntopics = 3\n', encoding="utf-8"
    )
    settings = load_settings(frozenset(BY_ID), folder)
    assert settings.keys == {"help": ("f2",), "quit": ("q", "ctrl+q")}
    assert len(settings.problems) == 2
    assert all("\n" not in p and "keys.toml" in p for p in settings.problems)
    moved = with_keys(COMMANDS, settings.keys)
    assert next(c for c in moved if c.id == "help").keys == ("f2",)
    assert keymap(moved) == {"help": "f2", "quit": "q,ctrl+q"}  # what Textual's keymap moves


def test_moved_number_keys_map_each_place_and_leave_the_rest_off() -> None:
    moved = with_keys(COMMANDS, {"toggle-candidate": ("x", "y")})
    assert keymap(moved) == {"toggle-candidate-1": "x", "toggle-candidate-2": "y"}
    toggle = next(c for c in moved if c.id == "toggle-candidate")
    assert number_bound(toggle, (2,), count=5) and not number_bound(toggle, (3,), count=5)
    assert keymap(COMMANDS) == {}  # nothing moved, no keymap


def test_a_broken_keys_toml_is_one_line_and_the_defaults_stay(tmp_path) -> None:
    folder = tmp_path / "hustings"
    folder.mkdir()
    (folder / "keys.toml").write_text("help = \n", encoding="utf-8")
    settings = load_settings(frozenset(BY_ID), folder)
    assert settings.keys == {} and len(settings.problems) == 1


def test_the_theme_is_remembered_in_its_own_file(tmp_path) -> None:
    folder = tmp_path / "hustings"
    assert save_theme("ansi-light", folder) is None
    assert load_settings(frozenset(BY_ID), folder).theme == "ansi-light"
    assert not (folder / "keys.toml").exists()  # the voter's file is never written


@pytest.mark.parametrize("name", ["keys.toml", "theme"])
def test_a_named_pipe_among_the_settings_never_hangs_the_app(tmp_path, name) -> None:
    """Both settings files are read through the guarded reader: a FIFO is one line, not a hang."""
    folder = tmp_path / "hustings"
    folder.mkdir()
    os.mkfifo(folder / name)
    settings = finishes(lambda: load_settings(frozenset(BY_ID), folder))
    assert settings.keys == {} and settings.theme is None
    (problem,) = settings.problems
    assert name in problem and "named pipe (FIFO)" in problem and "\n" not in problem
