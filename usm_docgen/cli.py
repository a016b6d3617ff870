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

from usm_docgen import catalog, schema
from usm_docgen.commands import parser as _parser
from usm_docgen.diagnostics import format_json, format_text, has_errors, printable
from usm_docgen.exits import (  # noqa: F401  (callers know them as cli.*)
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    EnvironmentFailure,
    UsageError,
    os_message,
    os_reason,
)

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer


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


ROOTED = ("validate", "new", "build", "pdf", "site", "serve")
"""The commands that work on a handbook folder given as ROOT."""


def _command(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command == "new":
        args.root = _new_root(args)
    if args.command in ROOTED and Path(args.root).is_dir():
        # One message for a folder that is no handbook at all, not a missing-file per file.
        problem = catalog.not_a_handbook(Path(args.root))
        if problem is not None:
            raise UsageError(problem)
    if args.command == "init":
        from usm_docgen.programme import check_date
        from usm_docgen.starter import init

        return init(args.dir, args.organisation, args.language, args.today or check_date())
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


def _new_root(args: argparse.Namespace) -> Path:
    """ROOT of ``new``: positional as everywhere, or the older ``--root`` (kept for scripts
    written before; the two must agree when both are given)."""
    given, option = args.root, args.root_option
    if given is not None and option is not None and Path(given) != Path(option):
        raise UsageError(f"two handbook folders given: {given} and --root {option}; give one")
    return Path(given or option or ".")


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
        try:
            target.write_text(schema.schema_text(name), encoding="utf-8")
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
