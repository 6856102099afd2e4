"""The command line. Each command imports what it needs only when it runs.

argparse, not click: it is in the standard library, costs almost nothing to import (start-up is a
feature here), and our commands are simple. With no command, hustings opens the app.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

COMMANDS = ("app", "check", "table", "export", "new", "schema", "serve-ssh")
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

    check = sub.add_parser("check", help="validate policies and prove every quote is in its source")
    check.add_argument("paths", nargs="*", metavar="PATH", help=paths_help)

    table = sub.add_parser("table", help="print the comparison as a table")
    table.add_argument("paths", nargs="*", metavar="PATH", help=paths_help)

    export = sub.add_parser("export", help="write the comparison as markdown, csv or json")
    export.add_argument("--format", required=True, choices=("markdown", "csv", "json"))
    export.add_argument("paths", nargs="*", metavar="PATH", help=paths_help)

    new = sub.add_parser("new", help="write a starter policy file (never overwrites)")
    new.add_argument("name", help='the candidate or party, e.g. "Jane Doe"')
    new.add_argument("--party", help="their party")
    new.add_argument("-o", "--output", help="file to write (default: NAME.toml, slugged)")

    sub.add_parser("schema", help="print the JSON Schema of the policy format")

    from .ssh.options import add_serve_ssh_arguments

    serve = sub.add_parser("serve-ssh", help="serve the app to anyone over SSH (public demo)")
    add_serve_ssh_arguments(serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: never lets a traceback reach the user (set HUSTINGS_DEBUG=1 to see one)."""
    args = list(sys.argv[1:] if argv is None else argv)
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
        return cmd_check(options.paths)
    if command == "table":
        return cmd_table(options.paths)
    if command == "export":
        return cmd_export(options.format, options.paths)
    if command == "new":
        return cmd_new(options.name, options.party, options.output)
    if command == "schema":
        return cmd_schema()
    if command == "serve-ssh":
        from .ssh.server import serve_from_options

        return serve_from_options(options)
    return cmd_app(options.paths)


def _report(problems: Sequence[object]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def cmd_check(paths: Sequence[str]) -> int:
    from .load import load_paths

    result = load_paths(paths)
    for problem in result.problems:
        print(problem)
    claims = sum(len(item.policy.claims) for item in result.policies)
    if result.problems:
        count = len(result.problems)
        print(f"{count} problem{'s' * (count != 1)} found", file=sys.stderr)
        return EXIT_PROBLEMS
    if not result.policies:
        print("no policy files found", file=sys.stderr)
        return EXIT_PROBLEMS
    print(
        f"ok: {len(result.policies)} policies, {claims} claims, "
        f"every quote found in its archived source"
    )
    return EXIT_OK


def _comparison(paths: Sequence[str]):
    from .compare import compare
    from .load import load_paths

    return compare(load_paths(paths))


def cmd_table(paths: Sequence[str]) -> int:
    from rich.console import Console

    from .output.table import print_table

    comparison = _comparison(paths)
    width = None if sys.stdout.isatty() else 120
    print_table(comparison, Console(width=width, highlight=False, emoji=False))
    _report(comparison.problems)
    return EXIT_PROBLEMS if comparison.problems or not comparison.policies else EXIT_OK


def cmd_export(fmt: str, paths: Sequence[str]) -> int:
    comparison = _comparison(paths)
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

    from .output.scaffold import write_new
    from .problems import PolicyError

    try:
        path = write_new(name, party, Path(output) if output else None)
    except FileExistsError as exc:
        print(f"hustings: {exc.filename} already exists; not overwriting it", file=sys.stderr)
        return EXIT_PROBLEMS
    except PolicyError as exc:
        print(f"hustings: cannot make a policy for {name!r}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"hustings: cannot write {output}: {exc.strerror}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"wrote {path}")
    return EXIT_OK


def cmd_schema() -> int:
    import json

    from .model import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def cmd_app(paths: Sequence[str]) -> int:
    try:
        from .app.main import run_app
    except ImportError:  # the app is built in its own issue; until then, the table.
        return cmd_table(paths)
    return run_app(paths)


if __name__ == "__main__":
    sys.exit(main())
