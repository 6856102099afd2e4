"""The command line. Each command imports what it needs only when it runs.

argparse, not click: it is in the standard library, costs almost nothing to import (start-up is a
feature here), and our commands are simple. With no command, hustings opens the app.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

COMMANDS = ("app", "check", "table", "read", "export", "new", "schema", "serve-ssh", "serve-web")
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hustings",
        description="Compare what candidates promise, every figure traced to a quoted source. "
        "With no command, opens the comparison app on the bundled policies.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"hustings {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    paths_help = "policy files or folders (default: the bundled policies)"

    app = sub.add_parser("app", help="open the comparison app (the default)")
    app.add_argument("paths", nargs="*", metavar="PATH", help=paths_help)

    check = sub.add_parser(
        "check", help="validate policies and prove every quote, figure and field from its source"
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help=paths_help)
    from .output.problem_formats import FORMATS as PROBLEM_FORMATS

    check.add_argument(
        "--format",
        choices=PROBLEM_FORMATS,
        default="text",
        help="how problems are printed: text (default), json (a list), github (annotations)",
    )
    check.add_argument(
        "--balance",
        action="store_true",
        help="also print a ledger per policy: claims by topic, whose words they are, "
        "criticisms with a response kept, older context and our readings",
    )

    election_help = (
        'compare only this race: a Democracy Club election id, e.g. "mayor.london.2024-05-02" '
        '(or "race not stated"); party policies naming no election are shown with their party; '
        "needed when the files name several elections"
    )
    table = sub.add_parser("table", help="print the comparison as a table")
    table.add_argument("paths", nargs="*", metavar="PATH", help=paths_help)
    table.add_argument("--election", metavar="ID", help=election_help)

    read = sub.add_parser(
        "read", help="print the comparison in reading order, for screen readers and braille"
    )
    read.add_argument("paths", nargs="*", metavar="PATH", help=paths_help)
    read.add_argument("--election", metavar="ID", help=election_help)

    export = sub.add_parser("export", help="write the comparison as markdown, csv or json")
    export.add_argument("--format", required=True, choices=("markdown", "csv", "json"))
    export.add_argument("paths", nargs="*", metavar="PATH", help=paths_help)
    export.add_argument("--election", metavar="ID", help=election_help)

    new = sub.add_parser("new", help="write a starter policy file (never overwrites)")
    new.add_argument("name", help='the candidate or party, e.g. "Jane Doe"')
    new.add_argument("--party", help="their party")
    new.add_argument("-o", "--output", help="file to write (default: NAME.toml, slugged)")

    schema = sub.add_parser("schema", help="print the JSON Schema of the policy format")
    schema.add_argument(
        "--export",
        action="store_true",
        help="print the JSON Schema of `export --format json` instead",
    )

    from .serve.ssh.options import add_serve_ssh_arguments

    serve = sub.add_parser("serve-ssh", help="serve the app to anyone over SSH (public demo)")
    add_serve_ssh_arguments(serve)

    from .serve.web.options import add_serve_web_arguments

    web = sub.add_parser("serve-web", help="serve the app to anyone in a browser (public demo)")
    add_serve_web_arguments(web)
    return parser


def unknown_command(word: str) -> str | None:
    """A one-line refusal for a first word that is neither a command nor an existing path.

    `hustings chekc` must not quietly open the app on a path that does not exist.
    """
    from pathlib import Path

    if word.startswith("-") or Path(word).exists() or Path(word).is_symlink():
        return None
    import difflib

    from .policy.sanitize import safe_line

    near = difflib.get_close_matches(word, COMMANDS, n=1)
    hint = f'; did you mean "{near[0]}"?' if near else f" (commands: {', '.join(COMMANDS)})"
    return f'hustings: unknown command "{safe_line(word)}"{hint}'


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: never lets a traceback reach the user (set HUSTINGS_DEBUG=1 to see one)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version"):
        refusal = unknown_command(args[0])
        if refusal is not None:
            print(refusal, file=sys.stderr)
            return EXIT_USAGE
    if not args or (args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version")):
        args.insert(0, "app")
    try:
        options = build_parser().parse_args(args)
        return run(options)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `hustings table | head`: the reader left; that is fine.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        if os.environ.get("HUSTINGS_DEBUG"):
            raise
        print(f"hustings: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS


def run(options: argparse.Namespace) -> int:
    command = options.command
    if command == "check":
        return cmd_check(options.paths, options.format, balance=options.balance)
    if command == "table":
        return cmd_table(options.paths, options.election)
    if command == "read":
        return cmd_read(options.paths, options.election)
    if command == "export":
        return cmd_export(options.format, options.paths, options.election)
    if command == "new":
        return cmd_new(options.name, options.party, options.output)
    if command == "schema":
        return cmd_schema(export=options.export)
    if command == "serve-ssh":
        from .serve.ssh.server import serve_from_options

        return serve_from_options(options)
    if command == "serve-web":
        from .serve.web.server import serve_from_options as serve_web

        return serve_web(options)
    return cmd_app(options.paths)


def _report(problems: Sequence[object]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def check_targets(paths: Sequence[str]) -> tuple[list[str], str]:
    """What `check` checks, and how to say so: the paths given, else this folder's policy
    files, else the bundled set (so a CI step `hustings check` in a policy folder can fail)."""
    from pathlib import Path

    from .policy.sanitize import safe_line
    from .proof.load import bundled_policy_dir, local_policy_files

    if paths:
        return list(paths), "the files given"
    found, others = local_policy_files(Path.cwd())
    skipped = f" (not policy files, no format key: {', '.join(p.name for p in others)})"
    skipped = safe_line(skipped)
    if found:
        return [p.name for p in found], "in this folder" + (skipped if others else "")
    return [str(bundled_policy_dir())], "the bundled policies, as this folder has none"


def _files_checked(files: Sequence[str], where: str) -> str:
    from .policy.sanitize import safe_line

    shown = ", ".join(safe_line(name) for name in files[:10]) + (
        f" and {len(files) - 10:,} more" if len(files) > 10 else ""
    )
    count = f"{len(files):,} file{'s' * (len(files) != 1)}"
    return f"checked {count}, {where}: {shown or 'none'}"


def cmd_check(paths: Sequence[str], fmt: str = "text", *, balance: bool = False) -> int:
    from .output.problem_formats import render_problems
    from .proof.load import load_paths

    targets, where = check_targets(paths)
    result = load_paths(targets)
    sys.stdout.write(render_problems(result.problems, fmt))
    print(_files_checked(result.files, where), file=sys.stderr)
    if balance:
        from .compare.comparison import compare
        from .output.balance import render_balance

        # json: stdout holds only the list of problems
        out = sys.stderr if fmt == "json" else sys.stdout
        out.write(render_balance(compare(result)))
    if result.problems:
        count = len(result.problems)
        print(f"{count} problem{'s' * (count != 1)} found", file=sys.stderr)
        return EXIT_PROBLEMS
    if not result.policies:
        print("no policy files found", file=sys.stderr)
        return EXIT_PROBLEMS
    from .output.proof_summary import proof_summary

    print(
        proof_summary(result),
        file=sys.stderr if fmt == "json" else sys.stdout,  # json: stdout holds only the list
    )
    return EXIT_OK


class RaceNotChosen(Exception):
    """The race to compare cannot be chosen: `--election ID` names no race in the files given
    (one line, with the nearest ids), or the files name several and no `--election` says which."""


def _comparison(paths: Sequence[str], election: str | None = None):
    from .compare.comparison import compare
    from .proof.load import load_paths
    from .races.index import index_paths

    index = index_paths(paths, cache=True)
    index.save_cache()
    if election is None:
        if index.several:  # one table of four constituencies would set strangers side by side
            raise RaceNotChosen(_several_elections(index))
        return compare(load_paths(paths))
    race = index.find(election)
    if race is None:
        raise RaceNotChosen(_unknown_election(election, index))
    return compare(index.load(race))


def _several_elections(index) -> str:
    from .policy.sanitize import safe_line

    known = [race.election for race in index.races if race.election]
    examples = " or ".join(f'"{e}"' for e in known[:2])
    more = f" ({len(known) - 2:,} more)" if len(known) > 2 else ""
    return safe_line(
        f"hustings: these files name {len(known):,} elections; choose one with "
        f"--election ID, for example {examples}{more}"
    )


def _unknown_election(election: str, index) -> str:
    import difflib

    from .policy.sanitize import safe_line

    known = [race.election for race in index.races if race.election]
    near = difflib.get_close_matches(election, known, n=3)
    if near:
        hint = "; did you mean " + " or ".join(f'"{n}"' for n in near) + "?"
    elif known:
        hint = f' (races here: ids such as "{known[0]}")'
    else:
        hint = " (the files name no election)"
    return safe_line(f'hustings: no race "{election}" in these files{hint}')


def _with_election(command):
    """Wrap a command so a race it cannot choose is a one-line usage error, not a traceback."""

    def run(*args, **kwargs) -> int:
        try:
            return command(*args, **kwargs)
        except RaceNotChosen as exc:
            print(exc, file=sys.stderr)
            return EXIT_USAGE

    return run


@_with_election
def cmd_table(paths: Sequence[str], election: str | None = None) -> int:
    from rich.console import Console

    from .output.table import print_table

    comparison = _comparison(paths, election)
    width = None if sys.stdout.isatty() else 120
    print_table(comparison, Console(width=width, highlight=False, emoji=False))
    _report(comparison.problems)
    return EXIT_PROBLEMS if comparison.problems or not comparison.policies else EXIT_OK


@_with_election
def cmd_read(paths: Sequence[str], election: str | None = None) -> int:
    from .output.linear import render_linear

    comparison = _comparison(paths, election)
    sys.stdout.write(render_linear(comparison))
    _report(comparison.problems)
    return EXIT_PROBLEMS if comparison.problems or not comparison.policies else EXIT_OK


@_with_election
def cmd_export(fmt: str, paths: Sequence[str], election: str | None = None) -> int:
    comparison = _comparison(paths, election)
    if fmt == "json":
        from .output.json_writer import render_json as render
    elif fmt == "csv":
        from .output.csv_writer import render_csv as render
    else:
        from .output.markdown import render_markdown as render
    sys.stdout.write(render(comparison))
    _report(comparison.problems)
    return EXIT_PROBLEMS if comparison.problems else EXIT_OK


def cmd_new(name: str, party: str | None, output: str | None) -> int:
    from pathlib import Path

    from .policy.sanitize import safe_line
    from .policy.scaffold import NameRefused, write_new

    try:
        written = write_new(name, party, Path(output) if output else None)
    except NameRefused as exc:
        print(safe_line(f"hustings: cannot make a policy for that name: {exc}"), file=sys.stderr)
        return EXIT_USAGE
    except FileExistsError as exc:
        shown = safe_line(str(exc.filename))
        print(f"hustings: {shown} already exists; not overwriting it", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:
        where = safe_line(str(exc.filename or output))
        print(f"hustings: cannot write {where}: {exc.strerror}", file=sys.stderr)
        return EXIT_PROBLEMS
    for path in (written.policy, *written.created):
        print(safe_line(f"wrote {path}"))
    for path in written.kept:
        print(safe_line(f"kept {path} (it exists; left as it is)"))
    print(
        safe_line(
            f"next: paste an article into {written.archive}, uncomment the example source and "
            f"claim in {written.policy}, then run: hustings check {written.policy}"
        )
    )
    return EXIT_OK


def cmd_schema(export: bool = False) -> int:
    from .policy.model import schema_text

    if export:
        from .output.export_schema import export_schema

        sys.stdout.write(schema_text(export_schema()))
    else:
        sys.stdout.write(schema_text())
    return EXIT_OK


def can_run_app() -> str | None:
    """Why the full-screen app cannot run here, or None: it needs a terminal it can drive.

    Without a TTY on stdin and stdout (a pipe, a cron job, an editor's task runner) or with
    TERM=dumb, Textual would redraw for ever into nowhere; the table is printed instead.
    """
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return "not a terminal"
    if os.environ.get("TERM", "") in ("dumb", "unknown"):
        return "TERM=dumb cannot draw the app"
    return None


def cmd_app(paths: Sequence[str]) -> int:
    reason = can_run_app()
    if reason is not None:
        print(f"hustings: {reason}; printing the table (see also: hustings read)", file=sys.stderr)
        return cmd_table(paths)
    try:
        from .app.main import run_app
    except ImportError:  # the app is built in its own issue; until then, the table.
        return cmd_table(paths)
    return run_app(paths)


if __name__ == "__main__":
    sys.exit(main())
