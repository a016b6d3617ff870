"""Build figures for ``make bench``: a synthetic handbook built by usm-docgen and by Sphinx."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import synth

PLAIN_CONF = """
extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.mermaid",
    # the directives of the generated Markdown, so that both builds write the same content
    "usm_docgen.sphinx_fields",
    "usm_docgen.sphinx_svg",
    "usm_docgen.sphinx_fold",
]
myst_enable_extensions = {myst}
myst_heading_anchors = 3
html_theme = "pydata_sphinx_theme"
project = "plain"
"""


def _run(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def bench_build(work: Path, count: int) -> list[str]:
    from usm_docgen.sphinx_ext import MANIFEST, MYST_EXTENSIONS

    root = synth.generate(work / f"build-{count}", count)
    site = work / "site"
    cli = [sys.executable, "-m", "usm_docgen", "build", str(root), "--out", str(site)]
    full = _run(cli)
    weight = _weights(site)
    heaviest = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size)[-5:][::-1]

    # The same generated Markdown, built by sphinx-build alone with the same theme.
    plain_src = work / "plain-src"
    shutil.copytree(work / ".site.usm-work" / "src", plain_src)
    (plain_src / MANIFEST).unlink()
    (plain_src / "conf.py").write_text(PLAIN_CONF.format(myst=list(MYST_EXTENSIONS)), "utf-8")
    pages = len(list(plain_src.rglob("*.md")))
    plain = _run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-b",
            "html",
            str(plain_src),
            str(work / "plain-html"),
        ]
    )

    noop = _run(cli)
    edited = root / "workflows" / "wf-0007.yaml"
    edited.write_text(edited.read_text("utf-8").replace("name: Stap 2", "name: Stap twee"), "utf-8")
    edit = _run(cli)
    return [
        f"### Build {count:,} workflows",
        "",
        f"A synthetic handbook ({count:,} workflows, {synth._profiles(count)} generated "
        f"profiles; {pages:,} pages), one run each, pydata-sphinx-theme.",
        "",
        "| what | s |",
        "| --- | ---: |",
        f"| `usm-docgen build` from scratch (validate, render, check diagrams, Sphinx, "
        f"publish) | {full:.1f} |",
        f"| `sphinx-build` on the same generated Markdown, same theme | {plain:.1f} |",
        f"| `usm-docgen build` again, nothing changed | {noop:.1f} |",
        f"| `usm-docgen build` after editing one workflow | {edit:.1f} |",
        "",
        f"**Full build vs plain Sphinx: {full / plain:.2f}×** (goal ≤ 1.3×). "
        f"**One-workflow edit: {100 * edit / full:.1f} % of the full build** (goal ≤ 5 %).",
        "",
        "Weight of the site the full build wrote (HTML as written, diagram source included; "
        "KB = 1,000 bytes, MB = 1,000,000):",
        "",
        "| what | largest | median | together |",
        "| --- | ---: | ---: | ---: |",
        *(
            f"| {what} ({len(sizes):,}) | {max(sizes) / 1e3:.1f} KB "
            f"| {statistics.median(sizes) / 1e3:.1f} KB | {sum(sizes) / 1e6:.1f} MB |"
            for what, sizes in weight.items()
            if sizes
        ),
        "",
        f"**Largest workflow page: {max(weight['workflow pages']) / 1e3:.1f} KB** (goal ≤ 60 KB). "
        f"**Largest profile page: {max(weight['profile pages']) / 1e3:.1f} KB** (goal ≤ 60 KB). "
        f"**Whole site: {_size(site) / 1e6:.1f} MB** (goal ≤ 80 MB).",
        "",
        "The heaviest pages: "
        + ", ".join(
            f"`{p.relative_to(site).as_posix()}` ({p.stat().st_size / 1e3:.1f} KB)"
            for p in heaviest
        )
        + ".",
        "",
    ]


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _weights(site: Path) -> dict[str, list[int]]:
    """Bytes of each kind of page."""
    kinds = {
        "workflow pages": "workflows/wf-*.html",
        "profile pages": "profiles/**/*.html",
        "learning paths and their parts": "training/paths/**/*.html",
        "every page": "**/*.html",
    }
    return {
        what: [p.stat().st_size for p in site.glob(pattern) if not p.name.startswith("_")]
        for what, pattern in kinds.items()
    }


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-C",
            str(root),
            "-c",
            "user.name=bench",
            "-c",
            "user.email=bench@example.org",
            *args,
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _tag_edition(root: Path, number: int) -> None:
    """Commit an edition that renames one step of one workflow, tagged v1, v2, …"""
    handbook = root / "conf" / "handbook.yaml"
    text = handbook.read_text("utf-8")
    start = text.index("edition:")
    end = text.index("\n", start)
    handbook.write_text(f'{text[:start]}edition: "{number}"{text[end:]}', "utf-8")
    edited = root / "workflows" / f"wf-{number:04d}.yaml"
    edited.write_text(
        edited.read_text("utf-8").replace("name: Stap 2", f"name: Stap 2 van editie {number}"),
        "utf-8",
    )
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", f"edition {number}")
    _git(root, "tag", f"v{number}")


def bench_site(work: Path, count: int, editions: int = 10) -> list[str]:
    """Issue 10, point 2: adding one tag to a site of ``editions`` editions costs about one
    build (goal ≤ 1.2×); a run with no new tag rebuilds nothing."""
    root = synth.generate(work / f"site-{count}", count)
    _git(root, "init", "-q", "-b", "main")
    for number in range(1, editions + 1):
        _tag_edition(root, number)
    single = _run(
        [sys.executable, "-m", "usm_docgen", "build", str(root), "--out", str(work / "one")]
    )
    site = [sys.executable, "-m", "usm_docgen", "site", str(root), "--out", str(work / "all")]
    first = _run(site)
    noop = _run(site)
    _tag_edition(root, editions + 1)
    added = _run(site)
    return [
        f"### Editions: a site of {editions} editions, one tag more",
        "",
        f"A synthetic handbook of {count} workflows in git, with {editions} tagged editions "
        "that each rename one step. The working tree is the newest tag, so there is no "
        "development edition (it would be that release again). One run each.",
        "",
        "| what | s |",
        "| --- | ---: |",
        f"| `usm-docgen build` of the handbook, from scratch | {single:.1f} |",
        f"| `usm-docgen site`, first run: {editions} editions | {first:.1f} |",
        f"| `usm-docgen site` again, no new tag (nothing is rebuilt) | {noop:.1f} |",
        f"| `usm-docgen site` after tagging edition {editions + 1} (only that one is built) "
        f"| {added:.1f} |",
        "",
        f"**One new tag vs one build: {added / single:.2f}×** (goal ≤ 1.2×).",
        "",
    ]
