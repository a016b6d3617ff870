"""What the command line offers: every command, its arguments and its help, as one
``argparse`` description. The command line (``cli``) parses with it; the reference page of
the command line is generated from it, so the two never disagree."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from usm_docgen import __version__, schema
from usm_docgen.usm import PROCESSES, TEMPLATES, whole_path


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


def _templates_epilog() -> str:
    """The eight USM templates by number, for ``new workflow --help``."""
    lines = ["the eight USM workflow templates (--template N):"]
    for number, template in TEMPLATES.items():
        path = " → ".join(PROCESSES[p].names.en for p in whole_path(number))
        lines.append(f"  {number}  {template.names.en} ({template.names.nl}): {path}")
    return "\n".join(lines)


def parser() -> argparse.ArgumentParser:
    """The parser of ``usm-docgen`` and all its commands."""
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

    i = sub.add_parser(
        "init",
        help="start a new handbook in a new or empty folder",
        description="Write a new handbook into DIR that validates clean and builds: conf/ "
        "with placeholders and comments that say what to change, the eight workflows with "
        "their templates' skeletons (as drafts), schemas/ for editor completion, a "
        ".gitignore, a README, and CI files for GitLab (.gitlab-ci.yml) and GitHub "
        "(.github/workflows/handbook.yml) that check every merge request with --strict, show "
        "what changed, and publish the default branch. Refuses a folder that is not empty.",
    )
    i.add_argument("dir", type=Path, metavar="DIR", help="the new handbook's folder")
    i.add_argument("--organisation", required=True, metavar="NAME", help="the organisation's name")
    i.add_argument(
        "--language",
        choices=("nl", "en"),
        default="nl",
        help="the language of the handbook's generated words and placeholders (default nl)",
    )
    _add_today(i)

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
        "Never overwrites an existing file. Its first line points your editor at "
        "schemas/workflow.json, which is written too when the handbook has no schemas/ yet.",
        epilog=_templates_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
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
    w.add_argument(
        "root", nargs="?", default=None, type=Path, help="the handbook folder (default: here)"
    )
    # Before ROOT was positional everywhere, ``new`` took --root: still understood, not shown.
    w.add_argument("--root", dest="root_option", type=Path, default=None, help=argparse.SUPPRESS)

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
        "site's workflow pages and training page link to the PDFs; the new site with its "
        "PDFs replaces the old one only when every PDF was printed. A later 'build' into the "
        "same DIR makes a site without PDFs again. Needs the pdf extra: pip install "
        "'usm-docgen[pdf]'.",
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
