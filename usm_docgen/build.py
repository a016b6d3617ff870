"""``usm-docgen build`` and ``serve``: validate first, build with Sphinx aside, then publish."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from usm_docgen import catalog
from usm_docgen.diagnostics import format_text, has_errors

DEFAULT_CONF = Path(__file__).parent / "default_conf"
SITE_MARKER = ".usm-docgen-site"
"""Marks a folder as a site usm-docgen published, so only such a folder is ever cleaned."""


class BuildError(Exception):
    """A reason not to build that is the caller's to fix (exit 2)."""


def paths(root: Path, out: Path | None) -> tuple[Path, Path, Path | None]:
    """(published site, private work folder, hand-written pages folder or None)."""
    site = (out or root / "handbook" / "_build" / "html").resolve()
    work = site.parent / f".{site.name}.usm-work"
    pages = root / "handbook"
    # A handbook/ that holds only our own _build/ output has no pages of its own.
    own = pages.is_dir() and any(p.name != "_build" for p in pages.iterdir())
    return site, work, pages if own else None


def confdir(root: Path) -> Path:
    """The root's own ``handbook/conf.py`` folder, else the configuration shipped with us."""
    own = root / "handbook"
    return own if (own / "conf.py").is_file() else DEFAULT_CONF


def sphinx_args(root: Path, work: Path, pages: Path | None, *, strict: bool) -> list[str]:
    """Arguments for sphinx-build (and sphinx-autobuild) that build ``root`` in ``work``."""
    args = [
        str(work / "src"),
        str(work / "html"),
        "-b",
        "html",
        "-c",
        str(confdir(root)),
        "-d",
        str(work / "doctrees"),
        "-D",
        f"usm_root={root.resolve()}",
        "-q",
    ]
    if pages is not None:
        args += ["-D", f"usm_pages={pages.resolve()}"]
    if strict:
        args.append("-W")
    return args


def build(root: Path, out: Path | None, *, strict: bool = False) -> int:
    """Validate ``root``; when clean, build its site and publish it to ``out``.

    Sphinx builds in a private work folder that it keeps between runs (so rebuilds are
    incremental); only a build that succeeded is copied over the published site, so a failed
    build always leaves the last good site in place.
    """
    from usm_docgen.cli import UsageError

    if not (root / "conf").is_dir() and not (root / "workflows").is_dir():
        raise UsageError(f"'{root}' has no conf/ or workflows/ folder: not a handbook root")
    result = catalog.load(root, "" if str(root) in (".", "") else str(root))
    if result.diagnostics:
        print(format_text(result.diagnostics))
    if has_errors(result.diagnostics, strict=strict):
        print("usm-docgen: nothing was built; the published site is unchanged.", file=sys.stderr)
        return 1
    site, work, pages = paths(root, out)
    if site.exists() and any(site.iterdir()) and not (site / SITE_MARKER).exists():
        raise UsageError(
            f"{site} holds files that usm-docgen did not write; choose an empty "
            "or new folder for --out"
        )
    from usm_docgen.render import start_render_site
    from usm_docgen.sphinx_ext import preload

    # Loaded and reported above: the extension need not do it again, and the pages render
    # (in a second process) while Sphinx starts up and loads its environment.
    assert result.model is not None
    with preload(root, result, start_render_site(result.model)):
        code = run_sphinx(root, work, pages, strict=strict)
    if code != 0:
        # Sphinx does not re-read an unchanged page, so its warning would not come back and
        # the next build would pass: forget the environment so the next build starts afresh.
        shutil.rmtree(work / "doctrees", ignore_errors=True)
        print(
            f"usm-docgen: the Sphinx build failed; the published site in {site} is unchanged.",
            file=sys.stderr,
        )
        return 1
    publish(work / "html", site)
    print(f"usm-docgen: built {site / 'index.html'}")
    return 0


def run_sphinx(
    root: Path,
    work: Path,
    pages: Path | None,
    *,
    strict: bool,
    on_app: Callable[[Any], None] | None = None,
) -> int:
    """Build ``root`` with Sphinx in ``work``; returns Sphinx's status (0 when it succeeded).

    ``on_app`` sees the application before it builds (tests connect events there).
    """
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    (work / "src").mkdir(parents=True, exist_ok=True)
    conf = confdir(root)
    overrides = {"usm_root": str(root.resolve())}
    if pages is not None:
        overrides["usm_pages"] = str(pages.resolve())
    try:
        with patch_docutils(conf), docutils_namespace():
            app = Sphinx(
                str(work / "src"),
                str(conf),
                str(work / "html"),
                str(work / "doctrees"),
                "html",
                confoverrides=overrides,
                status=None,
                warning=sys.stderr,
                warningiserror=strict,
            )
            if on_app is not None:
                on_app(app)
            # What exists now (the handbook model, the environment Sphinx just loaded) lives
            # through the build: spare the cyclic collector from walking it on every pass.
            # That walking was 3.5 of the 12 s of a one-workflow rebuild at 1,000 workflows.
            gc.freeze()
            app.build()
            return int(app.statuscode)
    except SphinxError as exc:
        print(f"usm-docgen: Sphinx stopped: {exc}", file=sys.stderr)
        return 1
    finally:
        gc.unfreeze()


def publish(built: Path, site: Path) -> None:
    """Make ``site`` equal to ``built``, copying only files that changed."""
    site.mkdir(parents=True, exist_ok=True)
    keep = {SITE_MARKER}  # posix paths relative to the site: strings hash far faster than Paths
    for folder, _, files in os.walk(built):
        rel_folder = Path(folder).relative_to(built).as_posix()
        prefix = "" if rel_folder == "." else f"{rel_folder}/"
        if prefix:
            keep.add(rel_folder)
            (site / rel_folder).mkdir(exist_ok=True)
        for name in files:
            rel = prefix + name
            keep.add(rel)
            source, target = built / rel, site / rel
            s = source.stat()
            try:
                t = target.stat()
            except FileNotFoundError:
                pass
            else:
                if t.st_size == s.st_size and t.st_mtime_ns == s.st_mtime_ns:
                    continue
            shutil.copy2(source, target)
    # what the build no longer makes goes, deepest first so emptied folders can go too
    for folder, _, files in os.walk(site, topdown=False):
        rel_folder = Path(folder).relative_to(site).as_posix()
        prefix = "" if rel_folder == "." else f"{rel_folder}/"
        for name in files:
            if prefix + name not in keep:
                (site / (prefix + name)).unlink()
        if prefix and rel_folder not in keep and not any(Path(folder).iterdir()):
            Path(folder).rmdir()
    (site / SITE_MARKER).write_text("published by usm-docgen\n", encoding="utf-8")


def serve(root: Path, port: int, out: Path | None = None) -> int:
    """Live preview: rebuild on every change to conf/, workflows/ or hand-written pages."""
    site, work, pages = paths(root, out)
    (work / "src").mkdir(parents=True, exist_ok=True)
    args = sphinx_args(root, work, pages, strict=False)
    args[1] = str(site)
    watch = [root / "conf", root / "workflows", *([pages] if pages else [])]
    command = [
        sys.executable,
        "-m",
        "sphinx_autobuild",
        *args,
        "--port",
        str(port),
        "--ignore",
        str(work),
        *[a for w in watch for a in ("--watch", str(w))],
    ]
    print(f"usm-docgen: serving {root} on http://127.0.0.1:{port}/ (Ctrl-C stops)")
    try:
        return subprocess.call(command, env=os.environ.copy())
    except KeyboardInterrupt:
        return 0
