"""The command line. Each command imports what it needs only when it runs.

argparse, not click: it is in the standard library, costs almost nothing to import (start-up is a
feature here), and our commands are simple. With no command, hustings opens the app.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
TOP_LEVEL_OPTIONS = ("-h", "--help", "--version")


def build_cli() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The parser, and each command's own parser by name: the one list of commands. Each is
    declared with what runs it (`run`, given the parsed options), so that nothing else names
    the commands: not the dispatch, not `help`, not the README (tests/test_docs.py holds its
    table to this list)."""
    parser = argparse.ArgumentParser(
        prog="hustings",
        description="Compare what candidates promise, every figure traced to a quoted source. "
        "With no command, opens the comparison app on the bundled policies.",
    )
    from . import __version__
    from .output.licences import LICENCES

    parser.add_argument("--version", action="version", version=f"hustings {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    paths_help = "policy files or folders (default: the bundled policies)"

    app = sub.add_parser("app", help="open the comparison app (the default)")
    app.add_argument("paths", nargs="*", metavar="PATH", help=paths_help)
    app.add_argument(
        "--screen-reader",
        action="store_true",
        help="one candidate at a time, each claim led by one line naming who, the topic, the "
        "figure and its flags, where the cursor is (also: HUSTINGS_SCREEN_READER=1)",
    )
    app.set_defaults(run=lambda o: cmd_app(o.paths, o.screen_reader))

    help_ = sub.add_parser("help", help="say what each command and each flag means")
    help_.add_argument("topic", nargs="?", metavar="COMMAND", help="a command: its options")
    help_.set_defaults(run=lambda o: cmd_help(parser, dict(sub.choices), o.topic))

    check = sub.add_parser(
        "check", help="validate policies and prove every quote, figure and field from its source"
    )
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="policy files or folders (default: the policy files in this folder, if it has "
        "any, else the bundled policies)",
    )
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
    check.set_defaults(run=lambda o: cmd_check(o.paths, o.format, balance=o.balance))

    election_help = (
        'compare only this race: a Democracy Club election id, e.g. "mayor.london.2024-05-02" '
        '(or "race not stated"); party policies naming no election are shown with their party; '
        "needed when the files name several elections"
    )
    table = sub.add_parser("table", help="print the comparison as a table")
    table.add_argument("paths", nargs="*", metavar="PATH", help=paths_help)
    table.add_argument("--election", metavar="ID", help=election_help)
    table.set_defaults(run=lambda o: cmd_table(o.paths, o.election))

    read = sub.add_parser(
        "read", help="print the comparison in reading order, for screen readers and braille"
    )
    read.add_argument("paths", nargs="*", metavar="PATH", help=paths_help)
    read.add_argument("--election", metavar="ID", help=election_help)
    read.set_defaults(run=lambda o: cmd_read(o.paths, o.election))

    export = sub.add_parser(
        "export", help="write the comparison as markdown, csv, json or a data package"
    )
    export.add_argument(
        "--format", required=True, choices=("markdown", "csv", "json", "datapackage")
    )
    export.add_argument("paths", nargs="*", metavar="PATH", help=paths_help)
    export.add_argument("--election", metavar="ID", help=election_help)
    export.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        help="datapackage: the folder to write (datapackage.json and one CSV per table)",
    )
    export.add_argument(
        "--licence",
        metavar="SPDX",
        help="datapackage: the licence of your policy data, one of the SPDX ids "
        f"{', '.join(LICENCES)} (the bundled policies are the project's, MIT)",
    )
    export.set_defaults(run=run_export)

    new = sub.add_parser("new", help="write a starter policy file (never overwrites)")
    new.add_argument("name", help='the candidate or party, e.g. "Jane Doe"')
    new.add_argument("--party", help="their party")
    new.add_argument("-o", "--output", help="file to write (default: NAME.toml, slugged)")
    new.set_defaults(run=lambda o: cmd_new(o.name, o.party, o.output))

    claims = sub.add_parser(
        "claims", help="draft the claims an archived article carries, for an author to confirm"
    )
    claims.add_argument("archive", metavar="ARCHIVE", help="an archived article, sources/NAME.txt")
    claims.add_argument(
        "--policy",
        metavar="FILE",
        help="append the drafts, commented out, to this policy file (default: print them)",
    )
    claims.set_defaults(run=lambda o: cmd_claims(o.archive, o.policy))

    candidates = sub.add_parser(
        "import-candidates",
        help="write a starter policy for each candidate on a ballot, from Democracy Club's list",
    )
    candidates.add_argument(
        "csv", metavar="FILE.csv", help="Democracy Club's candidate list (its CSV export)"
    )
    candidates.add_argument(
        "--ballot",
        required=True,
        metavar="ID",
        help='the ballot paper id, e.g. "parl.hackney-north-and-stoke-newington.2024-07-04"',
    )
    candidates.add_argument(
        "-o", "--output", metavar="DIR", default=".", help="folder to write (default: this one)"
    )
    candidates.set_defaults(run=lambda o: cmd_import_candidates(o.csv, o.ballot, o.output))

    schema = sub.add_parser("schema", help="print the JSON Schema of the policy format")
    schema.add_argument(
        "--export",
        action="store_true",
        help="print the JSON Schema of `export --format json` instead",
    )
    schema.set_defaults(run=lambda o: cmd_schema(export=o.export))

    from .serve.ssh.options import add_serve_ssh_arguments

    serve = sub.add_parser("serve-ssh", help="serve the app to anyone over SSH (public demo)")
    add_serve_ssh_arguments(serve)
    serve.set_defaults(run=cmd_serve_ssh)

    from .serve.web.options import add_serve_web_arguments

    web = sub.add_parser("serve-web", help="serve the app to anyone in a browser (public demo)")
    add_serve_web_arguments(web)
    web.set_defaults(run=cmd_serve_web)
    return parser, dict(sub.choices)


def unknown_command(word: str, commands: Sequence[str]) -> str | None:
    """A one-line refusal for a first word that is neither a command nor an existing path.

    `hustings chekc` must not quietly open the app on a path that does not exist, and
    `hustings nosuch.toml` is a path that is not there, not a mistyped command.
    """
    from pathlib import Path

    from .policy.sanitize import safe_line

    if word.startswith("-") or Path(word).exists() or Path(word).is_symlink():
        return None
    if looks_like_a_path(word):
        return f"hustings: {safe_line(word)}: no such file or folder"
    import difflib

    near = difflib.get_close_matches(word, commands, n=1)
    hint = f'; did you mean "{near[0]}"?' if near else f" (commands: {', '.join(commands)})"
    return f'hustings: unknown command "{safe_line(word)}"{hint}'


def looks_like_a_path(word: str) -> bool:
    """A word with a folder separator, a suffix (`.toml`) or a leading `.` or `~` names a
    file or folder: no command has any of them."""
    from pathlib import Path

    has_separator = any(s in word for s in {"/", os.sep, os.altsep or "/"})
    return has_separator or word.startswith((".", "~")) or bool(Path(word).suffix)


def unrecognized(command: argparse.ArgumentParser, extras: Sequence[str]) -> str:
    """Arguments a command does not take, with the nearest of its options for each mistyped
    one (`--fromat`: did you mean --format?)."""
    import difflib
    import re

    from .policy.sanitize import safe_line

    # Its usage line lists every option it has (argparse has no public list of them).
    known = sorted(set(re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", command.format_usage())))
    hints = []
    for extra in extras:
        if extra.startswith("-"):
            near = difflib.get_close_matches(extra.partition("=")[0], known, n=1)
            if near:
                hints.append(f"did you mean {near[0]}?")
    listed = "; " + " ".join(hints) if hints else f" (its options: {', '.join(known)})"
    return safe_line(f"unrecognized arguments: {' '.join(extras)}{listed}")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: never lets a traceback reach the user (set HUSTINGS_DEBUG=1 to see one)."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        parser, commands = build_cli()
        if args and args[0] not in commands and args[0] not in TOP_LEVEL_OPTIONS:
            refusal = unknown_command(args[0], tuple(commands))
            if refusal is not None:
                print(refusal, file=sys.stderr)
                return EXIT_USAGE
        implicit = not args or (args[0] not in commands and args[0] not in TOP_LEVEL_OPTIONS)
        if implicit:
            args.insert(0, "app")
        options, extras = parser.parse_known_args(args)
        if extras:  # the usage of the command typed, not the top level's
            typed = parser if implicit else commands[options.command]
            typed.error(unrecognized(typed, extras))
        return int(options.run(options))
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


def run_export(options: argparse.Namespace) -> int:
    if options.format == "datapackage":
        return cmd_datapackage(options.paths, options.election, options.output, options.licence)
    if options.output or options.licence:
        print("hustings: -o and --licence are for --format datapackage", file=sys.stderr)
        return EXIT_USAGE
    return cmd_export(options.format, options.paths, options.election)


def cmd_claims(archive: str, policy: str | None) -> int:
    """Print the drafts as TOML, or append them commented out to the policy file."""
    from pathlib import Path

    from .policy.sanitize import safe_line
    from .proof.drafts.context import DraftRefused, read_archive, read_context
    from .proof.drafts.drafting import draft_claims
    from .proof.drafts.toml_out import append_drafts, render
    from .proof.header import header_fields
    from .proof.provenance import ArchiveFormatError
    from .proof.source_facts import CANDIDATE_LIST

    path = Path(archive)
    try:
        context = read_context(Path(policy)) if policy else None
        text = read_archive(path)
        if header_fields(text).get("kind", "").casefold() == CANDIDATE_LIST:
            raise DraftRefused(
                f"{safe_line(archive)}: a list of candidates, not an article: no claim may "
                "quote it, so there is nothing to draft"
            )
        try:
            drafted = draft_claims(text, path, context)
        except ArchiveFormatError as exc:
            raise DraftRefused(f"{safe_line(archive)}: {exc}") from None
        rendered = render(drafted, commented=context is not None)
        if context is not None and drafted.drafts:
            append_drafts(context, rendered)
    except DraftRefused as exc:
        print(f"hustings: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    if context is None:
        sys.stdout.write(rendered)
    for reason in drafted.skipped:
        print(safe_line(f"not drafted: {reason}"), file=sys.stderr)
    count = len(drafted.drafts)
    drafts = f"{count} claim draft{'s' * (count != 1)}"
    where = f"appended to {policy}, commented out" if context and count else "printed"
    if context and not count:
        where = f"so nothing appended to {policy}"
    print(
        safe_line(f"{archive}: {drafted.figures_read} figures read, {drafts}, {where}"),
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_serve_ssh(options: argparse.Namespace) -> int:
    from .serve.ssh.server import serve_from_options

    return serve_from_options(options)


def cmd_serve_web(options: argparse.Namespace) -> int:
    from .serve.web.server import serve_from_options

    return serve_from_options(options)


def cmd_help(
    parser: argparse.ArgumentParser,
    commands: dict[str, argparse.ArgumentParser],
    topic: str | None,
) -> int:
    """`hustings help`: the commands, then what every flag beside a figure means (the table's
    footnote sends readers here); `hustings help COMMAND`: that command's options."""
    if topic is not None:
        if topic not in commands:
            import difflib

            near = difflib.get_close_matches(topic, tuple(commands), n=1)
            hint = f'; did you mean "{near[0]}"?' if near else ""
            commands["help"].error(f'no command "{topic}"{hint}')
        sys.stdout.write(commands[topic].format_help())
        return EXIT_OK
    import textwrap

    from .compare.flags import legend

    lines = [parser.format_help(), "flags beside a figure, by the same rules for everyone:"]
    for label, meaning in legend():
        lines.append(f"  {label}")
        lines.extend(textwrap.wrap(meaning, 78, initial_indent=" " * 6, subsequent_indent=" " * 6))
    lines.append("\nhustings help COMMAND (or hustings COMMAND --help) lists a command's options.")
    print("\n".join(lines))
    return EXIT_OK


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

    if not files:
        return ""
    shown = ", ".join(safe_line(name) for name in files[:10]) + (
        f" and {len(files) - 10:,} more" if len(files) > 10 else ""
    )
    count = f"{len(files):,} file{'s' * (len(files) != 1)}"
    return f"checked {count}, {where}: {shown or 'none'}"


def _no_policy_files(targets: Sequence[str]) -> str:
    from .policy.sanitize import safe_line
    from .proof.load import POLICY_SUFFIX

    where = ", ".join(targets)
    return safe_line(
        f"hustings: no policy files in {where}: a policy file ends in {POLICY_SUFFIX} "
        "(hustings new NAME writes one)"
    )


def cmd_check(paths: Sequence[str], fmt: str = "text", *, balance: bool = False) -> int:
    from .output.problem_formats import render_problems
    from .proof.load import load_paths

    targets, where = check_targets(paths)
    result = load_paths(targets)
    sys.stdout.write(render_problems(result.problems, fmt))
    checked = _files_checked(result.files, where)
    if checked:
        print(checked, file=sys.stderr)
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
        print(_no_policy_files(targets), file=sys.stderr)
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


@_with_election
def _not_written(exc: OSError, output: str | None) -> int:
    """A file a command writes that exists (it is never overwritten) or cannot be written: one
    line saying which, and the exit status."""
    from .policy.sanitize import safe_line

    if isinstance(exc, FileExistsError):
        shown = safe_line(str(exc.filename))
        print(f"hustings: {shown} already exists; not overwriting it", file=sys.stderr)
    else:
        where = safe_line(str(exc.filename or output))
        print(f"hustings: cannot write {where}: {exc.strerror}", file=sys.stderr)
    return EXIT_PROBLEMS


def cmd_datapackage(
    paths: Sequence[str], election: str | None, output: str | None, licence: str | None
) -> int:
    from pathlib import Path

    from .output.datapackage_command import package_for
    from .policy.sanitize import safe_line

    if not output:
        print("hustings: --format datapackage needs -o DIR, the folder to write", file=sys.stderr)
        return EXIT_USAGE
    from .proof.load import bundled_policy_dir

    comparison = _comparison(paths, election)
    root = bundled_policy_dir().resolve()
    bundled = bool(comparison.policies) and all(
        Path(view.path).resolve().is_relative_to(root) for view in comparison.policies
    )
    try:
        written, notes = package_for(comparison, Path(output), licence, bundled)
    except ValueError as exc:
        print(safe_line(f"hustings: --licence: {exc}"), file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        return _not_written(exc, output)
    for path in written:
        print(safe_line(f"wrote {path}"))
    for note in notes:
        print(safe_line(f"note: {note}"), file=sys.stderr)
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
    except OSError as exc:
        return _not_written(exc, output)
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


def cmd_import_candidates(csv_path: str, ballot: str, output: str) -> int:
    from pathlib import Path

    from .policy import democracy_club
    from .policy.import_candidates import BallotNotFound, import_candidates
    from .policy.sanitize import safe_line

    try:
        report = import_candidates(csv_path, ballot, Path(output))
    except democracy_club.CandidatesRefused as exc:
        print(f"hustings: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except BallotNotFound as exc:
        print(f"hustings: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        return _not_written(exc, output)
    for line in report.written:
        print(safe_line(f"wrote {line}"))
    for line in report.kept:
        print(safe_line(f"kept {line}"))
    for line in report.notes:
        print(safe_line(f"note: {line}"))
    for line in report.skipped:
        print(safe_line(f"skipped {line}"), file=sys.stderr)
    print(
        safe_line(
            f"{len(report.written)} written, {len(report.kept)} kept, {len(report.skipped)} "
            f"skipped. Data: {democracy_club.ATTRIBUTION}."
        )
    )
    return EXIT_PROBLEMS if report.skipped else EXIT_OK


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


def cmd_app(paths: Sequence[str], screen_reader: bool = False) -> int:
    reason = can_run_app()
    if reason is not None:
        print(f"hustings: {reason}; printing the table (see also: hustings read)", file=sys.stderr)
        return cmd_table(paths)
    from .app.main import run_app

    return run_app(paths, screen_reader)


if __name__ == "__main__":
    sys.exit(main())
