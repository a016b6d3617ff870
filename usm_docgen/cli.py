"""The ``usm-docgen`` command line; ``main(argv)`` returns the exit code and never exits."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from usm_docgen import __version__, catalog, schema
from usm_docgen.diagnostics import format_json, format_text, has_errors

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in how the command was called: exit 2 with the message."""


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
        "them all.",
    )
    b.add_argument("root", nargs="?", default=".", type=Path, help="the handbook folder")
    b.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="DIR",
        help="where the site goes (default: ROOT/handbook/_build/html)",
    )
    b.add_argument("--strict", action="store_true", help="let warnings fail the build too")

    sv = sub.add_parser(
        "serve",
        help="live preview: rebuild and reload the browser on every change",
        description="Build the handbook and serve it on this machine; every change to conf/, "
        "workflows/ or the hand-written pages rebuilds it and reloads the page within seconds.",
    )
    sv.add_argument("root", nargs="?", default=".", type=Path, help="the handbook folder")
    sv.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code and never raises for a user's mistake."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help, --version and usage errors
        return int(exc.code or 0)
    try:
        if args.command == "validate":
            return _validate(Path(args.root), args.root, args.strict, args.format)
        if args.command == "schema":
            return _schema(args.kind, args.out)
        if args.command == "new":
            from usm_docgen.scaffold import new_workflow

            return new_workflow(args.root, args.workflow_id, args.template, args.name, args.owner)
        if args.command == "build":
            from usm_docgen.build import build

            return build(args.root, args.out, strict=args.strict)
        if args.command == "serve":
            from usm_docgen.build import serve

            return serve(args.root, args.port)
        parser.print_help()
        return EXIT_USAGE
    except BrokenPipeError:
        raise
    except UsageError as exc:
        print(f"usm-docgen: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # the last guard: a bug report, never a traceback
        print(
            f"usm-docgen: internal error ({type(exc).__name__}: {exc}). This is a bug in "
            "usm-docgen; please report it with the command you ran.",
            file=sys.stderr,
        )
        return EXIT_USAGE


def _validate(root: Path, shown: str, strict: bool, fmt: str) -> int:
    if not root.is_dir():
        raise UsageError(f"no handbook folder at '{shown}'")
    display = "" if shown in (".", "./") else shown.rstrip("/")
    result = catalog.load(root, display)
    if fmt == "json":
        print(format_json(result.diagnostics))
    else:
        print(format_text(result.diagnostics) + f" in {len(result.files)} files")
    return EXIT_PROBLEMS if has_errors(result.diagnostics, strict=strict) else EXIT_OK


def _schema(kind: str | None, out: Path | None) -> int:
    import json

    if kind is not None and out is None:
        print(json.dumps(schema.load_schema(kind), ensure_ascii=False, indent=2))
        return EXIT_OK
    folder = out or Path("schemas")
    folder.mkdir(parents=True, exist_ok=True)
    for name in (kind,) if kind else schema.KINDS:
        target = folder / f"{name}.json"
        target.write_text(
            json.dumps(schema.load_schema(name), ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
        print(f"wrote {target}")
    return EXIT_OK


def run() -> None:
    """Console-script entry point."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = EXIT_PROBLEMS
    # Nothing is left to free that matters: skip the collector's last walk over everything a
    # build made (2.5 s at exit after building 1,000 workflows).
    gc.freeze()
    sys.exit(code)
