"""Build figures for ``make bench``: a synthetic handbook built by usm-docgen and by Sphinx."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import synth

PLAIN_CONF = """
extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.mermaid"]
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
    ]
