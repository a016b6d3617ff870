"""The ``usm-docgen`` command line; ``main(argv)`` returns the exit code and never exits."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import errno
import gc
import io
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from usm_docgen import __version__, catalog, schema
from usm_docgen.diagnostics import format_json, format_text, has_errors, printable

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in how the command was called: exit 2 with the message."""


class EnvironmentFailure(Exception):
    """The machine refused what a command had to do (disk full, read-only, no access): exit 2
    with what was being done, where, and why; never reported as a bug in usm-docgen."""

    def __init__(self, doing: str, cause: OSError) -> None:
        super().__init__(f"{doing}: {os_reason(cause)}")
        self.cause = cause


_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder, not a file",
    errno.EEXIST: "something of that name is already there",
}


def os_reason(exc: OSError) -> str:
    """Why the system refused, for people: 'no space left on device', 'read-only file system'."""
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    text = os.strerror(exc.errno) if exc.errno else str(exc)
    return text[:1].lower() + text[1:]


def os_message(exc: OSError) -> str:
    """An OSError met without more context: where (the file or files it names) and why."""
    where = [str(f) for f in (exc.filename, exc.filename2) if f is not None]
    return f"{' -> '.join(where)}: {os_reason(exc)}" if where else os_reason(exc)


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number: use 1 to 65535")
    return port


def _date(text: str) -> dt.date:
    """A ``--today`` value: a real date written YYYY-MM-DD, in the years the format allows."""
    try:
        day = dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        day = None
    if day is None or text[4] != "-":
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write YYYY-MM-DD")
    if not 1900 <= day.year <= 2999:
        raise argparse.ArgumentTypeError(f"'{text}' is out of range: use a year from 1900 to 2999")
    return day


def _add_today(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date time-dependent checks are made for, such as a measurement in the "
        "future or one too long ago (default: the day of SOURCE_DATE_EPOCH when it is set, "
        "else today); pin it in CI and tests so results do not change with the calendar",
    )


def _add_site_options(parser: argparse.ArgumentParser, out_help: str) -> None:
    """ROOT, --out DIR, --strict and --today: what every command that builds a site takes."""
    parser.add_argument("root", nargs="?", default=".", type=Path, help="the handbook folder")
    parser.add_argument("--out", type=Path, default=None, metavar="DIR", help=out_help)
    parser.add_argument("--strict", action="store_true", help="let warnings fail the build too")
    _add_today(parser)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="usm-docgen",
        description="Check a USM handbook written in YAML and build it into a website.",
        epilog="Exit codes: 0 all good, 1 problems found in the handbook, 2 wrong usage or an "
        "internal error. Run 'usm-docgen COMMAND --help' for the options of one command.",
    )
    parser.add_argument("--version", action="version", version=f"usm-docgen {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    v = sub.add_parser(
        "validate",
        help="check every file of a handbook and report all problems at once",
        description="Check conf/*.yaml and workflows/*.yaml of a handbook. Every problem is "
        "shown as file:line:column with a code you can look up in the handbook's error-code "
        "page. Nothing is written.",
    )
    v.add_argument("root", nargs="?", default=".", help="the handbook folder (default: here)")
    v.add_argument("--strict", action="store_true", help="let warnings fail the check too")
    _add_today(v)
    v.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for tools",
    )

    s = sub.add_parser(
        "schema",
        help="write the JSON Schemas that let an editor complete and check the YAML",
        description="Write the JSON Schema of every file kind, so an editor with the YAML "
        "language server completes keys and flags mistakes as you type. Start a YAML file with "
        "'# yaml-language-server: $schema=../schemas/workflow.json' to use them.",
    )
    s.add_argument(
        "kind",
        nargs="?",
        choices=schema.KINDS,
        help="print the schema of this one file kind instead",
    )
    s.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder to write all schemas into (default: ./schemas)",
    )

    n = sub.add_parser(
        "new",
        help="start a new file from a USM template",
        description="Create a new handbook file with the right structure.",
    )
    nsub = n.add_subparsers(dest="what", metavar="WHAT", required=True)
    w = nsub.add_parser(
        "workflow",
        help="a workflow with its template's skeleton steps",
        description="Write workflows/ID.yaml with every skeleton step of the chosen USM "
        "template, valid as written. Fill in the RACI, activities and decisions afterwards. "
        "Never overwrites an existing file.",
    )
    w.add_argument(
        "--template",
        type=int,
        required=True,
        choices=range(1, 9),
        metavar="N",
        help="the USM workflow template, 1 to 8",
    )
    w.add_argument(
        "--id",
        required=True,
        dest="workflow_id",
        help="the workflow id, a lowercase slug; also the file name",
    )
    w.add_argument("--name", help="the workflow's name (default: the template's name)")
    w.add_argument("--owner", help="the owner's profile id (default: the handbook's owner)")
    w.add_argument("--root", type=Path, default=Path(), help="the handbook folder")

    b = sub.add_parser(
        "build",
        help="validate, then build the handbook website",
        description="Validate the handbook, then build its website with Sphinx. When the "
        "handbook has errors, nothing is built and the last good site stays as it was. "
        "A build keeps its work beside the site (.DIR.usm-work) and next time reads and "
        "writes only the pages whose content changed; every page is written again when a "
        "page is added, removed or gets another title, since each page's navigation shows "
        "them all. The new site replaces the old one in one step. One build at a time goes "
        "into a site: another one waits for it, USM_DOCGEN_LOCK_WAIT seconds (default 10), "
        "then gives up with exit 2.",
    )
    _add_site_options(b, "where the site goes (default: ROOT/handbook/_build/html)")

    pd = sub.add_parser(
        "pdf",
        help="build the site with a PDF handout per workflow and a PDF of the whole handbook",
        description="Validate and build the handbook's website as 'build' does, then print "
        "with headless Chromium (Debian's chromium; another with USM_DOCGEN_CHROMIUM) a PDF "
        "per workflow, DIR/pdf/ID.pdf (its A4 handout: diagram, steps, RACI, decisions and "
        "hand-offs), and one of the whole handbook, DIR/pdf/handbook_complete.pdf, with a "
        "line per PDF as it goes. The diagrams are Mermaid's own, as vector graphics. The "
        "site's training pages link to the PDFs; the new site with its PDFs replaces the old "
        "one only when every PDF was printed. A later 'build' into the same DIR makes a site "
        "without PDFs again. Needs the pdf extra: pip install 'usm-docgen[pdf]'.",
    )
    _add_site_options(
        pd, "where the site and its pdf/ folder go (default: ROOT/handbook/_build/html)"
    )

    st = sub.add_parser(
        "site",
        help="build every edition (git tags) into one site with a switcher and changelogs",
        description="Build every edition of the handbook into one site: each git tag that "
        "matches editions.tags in conf/handbook.yaml (default v*) from its own sources, and "
        "the working tree as the development edition, each into DIR/EDITION/, with "
        "versions.json and an index.html that opens the newest release. Each edition shows "
        "what changed since the one before it. An edition built before from the same commit "
        "by the same usm-docgen with the same options is not built again. An edition with "
        "errors is reported (as TAG:file:line:col) and left out; the others are built and "
        "what was built of it before stays.",
    )
    st.add_argument("root", nargs="?", default=".", type=Path, help="the handbook folder")
    st.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="DIR",
        help="where the site goes (default: ROOT/handbook/_build/site)",
    )
    st.add_argument("--strict", action="store_true", help="let warnings fail an edition too")
    st.add_argument(
        "--no-dev",
        dest="development",
        action="store_false",
        help="leave the development edition (the working tree) out",
    )
    st.add_argument(
        "--today",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date time-dependent checks are made for (default: each tag is checked as "
        "of its own date, the working tree as of the day of SOURCE_DATE_EPOCH, else today)",
    )

    d = sub.add_parser(
        "diff",
        help="what changed between two revisions, in USM terms",
        description="Compare the handbook at two git revisions (a tag, a branch, a commit, or "
        "WORKTREE for the files as they are now) and print what changed: workflows, steps, "
        "RACI, decisions, hand-offs, practices, profiles and the improvement programme. "
        "Exit 0 whatever changed; 1 when a revision has errors.",
    )
    d.add_argument("old", metavar="REF1", help="the revision before, e.g. v2026.1")
    d.add_argument("new", metavar="REF2", help="the revision after, e.g. HEAD or WORKTREE")
    d.add_argument("root", nargs="?", default=".", type=Path, help="the handbook folder")
    d.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="text for people (default), markdown for a merge-request comment, json for tools",
    )
    _add_today(d)

    sv = sub.add_parser(
        "serve",
        help="live preview: rebuild and reload the browser on every change",
        description="Build the handbook and serve it on this machine; every change to conf/, "
        "workflows/ or the hand-written pages rebuilds it and reloads the page within seconds.",
    )
    sv.add_argument("root", nargs="?", default=".", type=Path, help="the handbook folder")
    sv.add_argument(
        "--port",
        type=_port,
        default=8000,
        metavar="PORT",
        help="port on 127.0.0.1, 1 to 65535 (default 8000)",
    )
    _add_today(sv)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code and never raises for a user's mistake.

    Exit 2 for a usage error, for what the machine refused (a full disk, a read-only folder,
    no access, a file where a folder belongs: said as what, where and why), and for a bug.
    """
    parser = _parser()
    try:
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # argparse exits on --help, --version and usage errors
            code = int(exc.code or 0)
        else:
            code = _command(parser, args)
        if sys.stdout is not None:  # None when the process started with stdout closed
            sys.stdout.flush()  # here, so that a full disk behind stdout is reported too
        return code
    except (UsageError, EnvironmentFailure) as exc:
        print(f"usm-docgen: {printable(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        if exc.errno is None:  # not the system's answer but a library's complaint: a bug
            return _bug(exc)
        # The machine's answer met somewhere without a better message: where and why.
        print(f"usm-docgen: {printable(os_message(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # the last guard: a bug report, never a traceback
        return _bug(exc)


def _command(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command == "validate":
        return _validate(Path(args.root), args.root, args.strict, args.format, args.today)
    if args.command == "schema":
        return _schema(args.kind, args.out)
    if args.command == "new":
        from usm_docgen.scaffold import new_workflow

        return new_workflow(args.root, args.workflow_id, args.template, args.name, args.owner)
    if args.command == "build":
        from usm_docgen.build import build

        return build(args.root, args.out, strict=args.strict, today=args.today)
    if args.command == "pdf":
        from usm_docgen.build import build

        return build(args.root, args.out, strict=args.strict, today=args.today, pdf=True)
    if args.command == "site":
        from usm_docgen.editions import site

        return site(
            args.root,
            args.out,
            strict=args.strict,
            today=args.today,
            development=args.development,
        )
    if args.command == "diff":
        return _diff(args.root, args.old, args.new, args.format, args.today)
    if args.command == "serve":
        from usm_docgen.build import serve

        return serve(args.root, args.port, today=args.today)
    parser.print_help()
    return EXIT_USAGE


def _bug(exc: BaseException) -> int:
    print(
        f"usm-docgen: internal error ({type(exc).__name__}: {exc}). This is a bug in "
        "usm-docgen; please report it with the command you ran.",
        file=sys.stderr,
    )
    return EXIT_USAGE


def _validate(root: Path, shown: str, strict: bool, fmt: str, today: dt.date | None) -> int:
    if not root.is_dir():
        raise UsageError(f"no handbook folder at '{shown}'")
    display = "" if shown in (".", "./") else shown.rstrip("/")
    result = catalog.load(root, display, today=today)
    code = EXIT_PROBLEMS if has_errors(result.diagnostics, strict=strict) else EXIT_OK
    if fmt == "json":
        print(_encodable_json(format_json(result.diagnostics)))
    else:
        print(format_text(result.diagnostics) + f" in {len(result.files)} files")
    return code


WORKTREE = "WORKTREE"
"""``usm-docgen diff``'s name for the files as they are now."""


def _diff(root: Path, old: str, new: str, fmt: str, today: dt.date | None) -> int:
    from usm_docgen import changes
    from usm_docgen.editions import SiteError, git_root, revision

    if not root.is_dir():
        raise UsageError(f"no handbook folder at '{root}'")
    models = []
    failed = False
    for ref in (old, new):
        if ref == WORKTREE:
            display = "" if str(root) in (".", "") else str(root)
            result = catalog.load(root, display, today=today)
        else:
            try:
                repo, subdir = git_root(root)
            except SiteError as exc:
                raise UsageError(str(exc)) from None
            commit = revision(repo, ref)
            if commit is None:
                raise UsageError(
                    f"'{ref}' is not a git revision of {repo} (a tag, branch or commit, or "
                    f"{WORKTREE} for the files as they are now)"
                )
            result = catalog.load(catalog.GitTree(repo, commit, subdir), "", today=today)
            result.diagnostics[:] = [
                dataclasses.replace(d, path=f"{ref}:{d.path}") for d in result.diagnostics
            ]
        if has_errors(result.diagnostics):
            print(format_text(result.diagnostics), file=sys.stderr)
            failed = True
        models.append(result.model)
    if failed or models[0] is None or models[1] is None:
        print("usm-docgen: cannot compare a revision that has errors", file=sys.stderr)
        return EXIT_PROBLEMS
    log = changes.compare(models[0], models[1], old_name=old, new_name=new)
    language = models[1].handbook.language
    if fmt == "json":
        print(_encodable_json(json.dumps(log.to_json(), ensure_ascii=False, indent=2)))
    elif fmt == "markdown":
        print(printable(changes.format_markdown(log, language)))
    else:
        print(printable(changes.format_text(log, language)))
    return EXIT_OK


def _encodable_json(text: str) -> str:
    """``text`` (JSON) as it is when standard output can hold every character, else with
    each non-ASCII character written as a JSON escape: under a locale that is not UTF-8
    (``PYTHONIOENCODING=ascii``, Latin-1) a name like 'Ωé.yaml' is still valid JSON."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return json.dumps(json.loads(text), indent=2)
    return text


def _schema(kind: str | None, out: Path | None) -> int:
    if kind is not None and out is None:
        print(_encodable_json(json.dumps(schema.load_schema(kind), ensure_ascii=False, indent=2)))
        return EXIT_OK
    folder = out or Path("schemas")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--out {folder} is a file, not a folder; choose a folder for the schemas")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EnvironmentFailure(f"cannot create the folder {folder}", exc) from None
    for name in (kind,) if kind else schema.KINDS:
        target = folder / f"{name}.json"
        text = json.dumps(schema.load_schema(name), ensure_ascii=False, indent=2) + "\n"
        try:
            target.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise EnvironmentFailure(f"cannot write {target}", exc) from None
        print(f"wrote {target}")
    return EXIT_OK


class _Std(io.FileIO):
    """fd 1 or 2 of the console script, so that what becomes of the output never changes
    what the command does or its exit code.

    A closed pipe (``validate | head -1``) is handled as Python's documentation recommends
    for SIGPIPE, by putting /dev/null over the descriptor, but where the write failed rather
    than at the end: the command runs on and exits with its own status. Any other failure
    to write stdout (``> /dev/full``) is reported once, as what the machine refused; stderr
    failing leaves nowhere to report anything, so it goes quiet too.
    """

    def __init__(self, fd: int) -> None:
        super().__init__(fd, "w", closefd=False)

    def write(self, data: ReadableBuffer, /) -> int:
        try:
            return super().write(data)
        except OSError as exc:
            _devnull_over(self.fileno())  # what follows, the retried buffer too, goes nowhere
            if exc.errno == errno.EPIPE or self.fileno() != 1:
                return memoryview(data).nbytes
            raise EnvironmentFailure("cannot write to standard output", exc) from None


def _devnull_over(fd: int) -> None:
    devnull = os.open(os.devnull, os.O_RDWR)
    if devnull != fd:
        os.dup2(devnull, fd)
        os.close(devnull)


def _guard_std_streams() -> None:
    """Route stdout and stderr through :class:`_Std`; a closed one becomes /dev/null first
    (``>&-``), so that no file opened later takes its number and receives our output."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            _devnull_over(fd)
    for fd, name in ((1, "stdout"), (2, "stderr")):
        old = getattr(sys, name)
        stream = io.TextIOWrapper(
            io.BufferedWriter(_Std(fd)),
            encoding=old.encoding if old else "utf-8",
            # What the encoding cannot hold is shown as \xe9 and the like, never a crash;
            # JSON escapes it itself (see _encodable_json).
            errors="backslashreplace",
            line_buffering=old.line_buffering if old else fd == 2,
        )
        setattr(sys, name, stream)


def run() -> None:
    """Console-script entry point: the process's exit code is the command's own.

    ``main`` writes to whatever ``sys.stdout`` is, as a library function should; only the
    process itself guards its real stdout and stderr (see :class:`_Std`).
    """
    _guard_std_streams()
    code = main()
    # Nothing is left to free that matters: skip the collector's last walk over everything a
    # build made (2.5 s at exit after building 1,000 workflows).
    gc.freeze()
    sys.exit(code)
