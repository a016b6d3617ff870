"""``usm-docgen site``: every edition of a handbook, from its git tags, in one site.

Each git tag that matches the pattern (``editions.tags`` in conf/handbook.yaml, default
``v*``) is a published edition; the working tree is the development edition (``dev``). Each is
built from its own sources, taken from git (never the files of today), by this usm-docgen, into
``DIR/<edition>/``; beside them go ``versions.json`` (the list, in pydata-sphinx-theme's
format), ``versions.js`` (the same list with each edition's pages, for the switcher) and an
``index.html`` that sends the reader to the newest release.

A thin driver of our own rather than sphinx-polyversion (maintained) or sphinx-multiversion
(unmaintained, fails on Sphinx 9): polyversion reads its settings from a Python file it runs,
which in a handbook repository would be one more file of author code run by every build; it
checks out each revision to build it with a command, where we need each edition's *model* too
(the changelog compares it with the edition before) and our own validation first; and its
cache is not keyed on what makes an edition's pages, so a re-run could not promise to rebuild
nothing. What we need of git is four read-only commands.

An edition is rebuilt only when what makes its pages changed: its commit, the edition it is
compared with, this usm-docgen (its code and the versions of Sphinx, the theme and Mermaid) and
the options. That key is stored in the edition's folder (``EDITION_STAMP``); an edition whose
key matches is left as it is, files and modification times alike.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fnmatch
import hashlib
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any

from usm_docgen import __version__, catalog
from usm_docgen.changes import Changelog, compare
from usm_docgen.diagnostics import Code, Diagnostic, format_text, has_errors, warning
from usm_docgen.model import Model

DEFAULT_TAGS = "v*"
DEVELOPMENT = "dev"
"""The folder and name of the development edition (the working tree)."""
EDITION_STAMP = ".usm-edition.json"
"""In each edition's folder: what it was built from (see :func:`_key`) and its pages."""
SITE_MARKER = ".usm-docgen-editions"
"""Marks a folder as a site of editions usm-docgen wrote, so only such a folder is written."""
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


class SiteError(Exception):
    """A reason not to build the site that is the caller's to fix (exit 2)."""


@dataclass(frozen=True)
class Edition:
    """One edition as the build of its pages sees it."""

    name: str
    development: bool
    changes: Changelog | None
    key: dict[str, Any]
    """What the edition was built from: equal keys, equal pages."""

    def config(self) -> str:
        """The ``usm_edition`` setting of the Sphinx build (see sphinx_ext)."""
        return json.dumps({"name": self.name, "development": self.development}, sort_keys=True)

    def stamp(self, html_dir: Path) -> None:
        """Record in the built site what it was built from and which pages it has."""
        pages = sorted(
            p.relative_to(html_dir).with_suffix("").as_posix()
            for p in html_dir.rglob("*.html")
            if not p.relative_to(html_dir).parts[0].startswith("_")
        )
        data = {"key": self.key, "pages": pages}
        (html_dir / EDITION_STAMP).write_text(json.dumps(data, indent=1) + "\n", "utf-8")


@dataclass(frozen=True)
class Tag:
    """A git tag that names an edition."""

    name: str
    commit: str
    date: dt.date
    """The tag's date (an annotated tag's own, else its commit's): its checks are made as of
    that day, so an edition's diagnostics never change as the calendar moves."""


# --- git -------------------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SiteError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def revision(repo: Path, ref: str) -> str | None:
    """The commit ``ref`` names (a tag, branch, commit or expression git understands), None
    when it names none."""
    if ref.startswith("-"):  # never an option of git's
        return None
    done = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() if done.returncode == 0 else None


def git_root(root: Path) -> tuple[Path, str]:
    """(the git work tree holding ``root``, ``root``'s path inside it, '' at its top)."""
    done = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--show-toplevel", "--show-prefix"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SiteError(
            f"'{root}' is not inside a git work tree: editions are git tags, so the handbook "
            "must be a git repository (or a folder of one)"
        )
    top, prefix = [*done.stdout.splitlines(), "", ""][:2]
    return Path(top), prefix.rstrip("/")


def tags(repo: Path, pattern: str) -> list[Tag]:
    """The tags matching ``pattern`` (``*`` any characters), oldest edition first: in version
    order of their names (v2 before v10), which is the order a team numbers its editions in."""
    out = _git(
        repo,
        "for-each-ref",
        "--sort=version:refname",
        "--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)%00"
        "%(creatordate:short)%00%(*creatordate:short)",
        "refs/tags",
    )
    found: list[Tag] = []
    for line in out.splitlines():
        name, obj, peeled, date, peeled_date = (line.split("\0") + [""] * 5)[:5]
        if not fnmatch.fnmatchcase(name, pattern):
            continue
        commit = peeled or obj
        day = date or peeled_date
        found.append(Tag(name, commit, dt.date.fromisoformat(day) if day else dt.date.today()))
    return found


def tag_pattern(root: Path) -> str:
    """``editions.tags`` of the working tree's conf/handbook.yaml, else the default."""
    from usm_docgen.yaml_io import load_text

    raw = catalog.read_quietly(root, catalog.conf_path("handbook"))
    doc = load_text(raw, "handbook.yaml")[0] if raw is not None else None
    editions = doc.data.get("editions") if doc is not None and isinstance(doc.data, dict) else None
    pattern = editions.get("tags") if isinstance(editions, dict) else None
    return pattern if isinstance(pattern, str) and pattern.strip() else DEFAULT_TAGS


def export(repo: Path, commit: str, subdir: str, target: Path) -> None:
    """Write the handbook's files as they are at ``commit`` into ``target`` (made anew).

    Only regular files and folders are written, under ``target`` only: a link (which the load
    of that revision reports where it matters) or a name that would leave ``target`` is left
    out, never followed.
    """
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    tree = f"{commit}:{subdir}" if subdir else commit
    done = subprocess.run(
        ["git", "-C", str(repo), "archive", "--format=tar", tree], capture_output=True, check=False
    )
    if done.returncode != 0:
        raise SiteError(f"git archive {tree} failed: {done.stderr.decode(errors='replace')}")
    with tarfile.open(fileobj=io.BytesIO(done.stdout), mode="r:") as archive:
        for member in archive:
            rel = PurePosixPath(member.name)
            if rel.is_absolute() or ".." in rel.parts or not rel.parts:
                continue
            path = target.joinpath(*rel.parts)
            if member.isdir():
                path.mkdir(parents=True, exist_ok=True)
            elif member.isfile():
                source = archive.extractfile(member)
                if source is None:
                    continue
                path.parent.mkdir(parents=True, exist_ok=True)
                with source, path.open("wb") as sink:
                    shutil.copyfileobj(source, sink)


# --- what an edition is built from ---------------------------------------------------------


@cache
def fingerprint() -> str:
    """This usm-docgen: its own files, and the versions of what shapes its pages."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    for dist in ("sphinx", "pydata-sphinx-theme", "myst-parser", "sphinx-design"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{dist}={metadata.version(dist)}".encode())
    from usm_docgen.mermaid_check import node_project

    project = node_project()
    mermaid = project / "node_modules" / "mermaid" / "package.json" if project else None
    if mermaid is not None and mermaid.is_file():
        digest.update(mermaid.read_bytes())
    return digest.hexdigest()[:20]


def tree_digest(root: Path) -> str:
    """The working tree's sources (conf/, workflows/, handbook/ without its _build): name,
    size and modification time of each file, which change whenever a file does."""
    digest = hashlib.sha256()
    for folder in ("conf", catalog.WORKFLOW_DIR, catalog.PAGES_DIR):
        for path, subfolders, files in os.walk(root / folder):
            subfolders[:] = sorted(d for d in subfolders if d not in catalog.NOT_PAGES)
            for name in sorted(files):
                file = Path(path, name)
                try:
                    info = file.lstat()
                except OSError:
                    continue
                rel = file.relative_to(root).as_posix()
                digest.update(f"{rel}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:20]


def _key(source: str, previous: str | None, options: dict[str, Any]) -> dict[str, Any]:
    return {"source": source, "previous": previous, "usm-docgen": fingerprint(), **options}


def _built(folder: Path) -> dict[str, Any] | None:
    """What the edition in ``folder`` was built from, and its pages; None when not built."""
    try:
        data: dict[str, Any] = json.loads((folder / EDITION_STAMP).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "key" in data else None


# --- the site ------------------------------------------------------------------------------


@dataclass
class _Run:
    """One ``usm-docgen site``: what it found, built and reused."""

    repo: Path
    subdir: str
    root: Path
    site: Path
    work: Path
    strict: bool
    today: dt.date | None
    built: list[str] = dataclasses.field(default_factory=list)
    reused: list[str] = dataclasses.field(default_factory=list)
    failed: list[str] = dataclasses.field(default_factory=list)
    models: dict[str, Model] = dataclasses.field(default_factory=dict)

    def load_tag(self, tag: Tag) -> catalog.LoadResult:
        """The tag's handbook, its diagnostics named ``tag:path`` (git's own notation)."""
        tree = catalog.GitTree(self.repo, tag.commit, self.subdir)
        result = catalog.load(tree, "", today=self.today or tag.date)
        named = [dataclasses.replace(d, path=f"{tag.name}:{d.path}") for d in result.diagnostics]
        named += _edition_name(tag, result)
        return dataclasses.replace(result, diagnostics=named)


def _edition_name(tag: Tag, result: catalog.LoadResult) -> list[Diagnostic]:
    if result.model is None:
        return []
    edition = result.model.handbook.edition
    if edition in (tag.name, tag.name.removeprefix("v")):
        return []
    return [
        warning(
            Code.EDITION_TAG,
            f"edition '{edition}' is not the name of its tag '{tag.name}'; the site calls "
            f"this edition '{tag.name}'",
            f"{tag.name}:{catalog.conf_path('handbook')}",
        )
    ]


def site(
    root: Path,
    out: Path | None,
    *,
    strict: bool = False,
    today: dt.date | None = None,
    development: bool = True,
) -> int:
    """Build every edition of the handbook at ``root`` into ``out``; see the module's text."""
    from usm_docgen.build import BuildError, _locked, refuse_inside_sources, work_folder
    from usm_docgen.exits import EXIT_PROBLEMS, EXIT_USAGE, UsageError

    if (problem := catalog.not_a_handbook(root)) is not None:
        raise UsageError(problem)
    try:
        repo, subdir = git_root(root)
    except SiteError as exc:
        raise UsageError(str(exc)) from None
    target = (out or root / "handbook" / "_build" / "site").resolve()
    work = work_folder(target)
    refuse_inside_sources(root, target, work)
    if target.exists() and not target.is_dir():
        raise UsageError(f"--out {target} is a file, not a folder; choose a folder for the site")
    if target.is_dir() and any(target.iterdir()) and not (target / SITE_MARKER).exists():
        raise UsageError(
            f"{target} holds files that usm-docgen site did not write; choose an empty or new "
            "folder for --out"
        )
    run = _Run(repo, subdir, root, target, work, strict, today)
    try:
        with _locked(target, work):
            code = _site_locked(run, development)
    except (BuildError, SiteError) as exc:
        print(f"usm-docgen: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if run.failed:
        print(
            f"usm-docgen: {len(run.failed)} edition(s) not built: {', '.join(run.failed)}; "
            "what was built of them before is still there",
            file=sys.stderr,
        )
        return max(code, EXIT_PROBLEMS)
    return code


def _site_locked(run: _Run, development: bool) -> int:
    run.site.mkdir(parents=True, exist_ok=True)
    _write(run.site / SITE_MARKER, "editions published by usm-docgen site\n")
    pattern = tag_pattern(run.root)
    found = tags(run.repo, pattern)
    usable: list[Tag] = []
    problems: list[Diagnostic] = []
    for tag in found:
        if _NAME.match(tag.name) and tag.name != DEVELOPMENT:
            usable.append(tag)
            continue
        problems.append(
            warning(
                Code.EDITION_NAME,
                f"tag '{tag.name}' cannot name a folder of the site; it is not built",
                f"{tag.name}:{catalog.conf_path('handbook')}",
            )
        )
    if problems:
        print(format_text(problems))
    if not usable:
        print(f"usm-docgen: no git tag matches '{pattern}': the site has no released edition yet")
    options = {"strict": run.strict, "today": run.today.isoformat() if run.today else None}
    code = 0
    previous: Tag | None = None
    for tag in usable:
        key = _key(tag.commit, previous.commit if previous else None, options)
        code = max(code, _edition_from_tag(run, tag, previous, key))
        # the edition the next one is compared with: the last one that is good
        if tag.name not in run.failed and _built(run.site / tag.name) is not None:
            previous = tag
    if development and previous is not None and _released(run, previous):
        print(
            f"usm-docgen: {DEVELOPMENT}: the working tree is edition {previous.name} as "
            "tagged; no development edition"
        )
        development = False
    if development:
        code = max(code, _development(run, previous, options))
    _retire(run, {t.name for t in usable} | ({DEVELOPMENT} if development else set()))
    _write_index(run, [t.name for t in usable], development)
    if not run.built and not run.failed:
        print(f"usm-docgen: nothing new to build; every edition in {run.site} is up to date")
    else:
        done = ", ".join(run.built) or "none"
        print(f"usm-docgen: built {done}; reused {len(run.reused)}; site {run.site / 'index.html'}")
    return code


def _edition_from_tag(run: _Run, tag: Tag, previous: Tag | None, key: dict[str, Any]) -> int:
    from usm_docgen.build import build_loaded, own_pages

    built = _built(run.site / tag.name)
    if built is not None and built["key"] == key:
        run.reused.append(tag.name)
        print(f"usm-docgen: {tag.name}: up to date (built from {tag.commit[:10]}), not rebuilt")
        return 0
    result = run.load_tag(tag)
    if result.diagnostics:
        print(format_text(result.diagnostics))
    if has_errors(result.diagnostics, strict=run.strict) or result.model is None:
        print(
            f"usm-docgen: edition {tag.name} (tag {tag.name}) has errors; not built",
            file=sys.stderr,
        )
        run.failed.append(tag.name)
        return 1
    run.models[tag.name] = result.model
    sources = run.work / "sources" / tag.name
    export(run.repo, tag.commit, run.subdir, sources)
    old = _model_of(run, previous)
    changes = compare(old, result.model, old_name=previous.name if previous else None)
    changes = dataclasses.replace(changes, new=tag.name)
    edition = Edition(tag.name, False, changes, key)
    print(f"usm-docgen: {tag.name}: building from {tag.commit[:10]}")
    code = build_loaded(
        sources,
        result,
        run.site / tag.name,
        run.work / "editions" / tag.name,
        own_pages(sources),
        strict=run.strict,
        edition=edition,
    )
    shutil.rmtree(sources, ignore_errors=True)
    if code != 0:
        run.failed.append(tag.name)
        return code
    run.built.append(tag.name)
    return 0


def _model_of(run: _Run, tag: Tag | None) -> Model | None:
    if tag is None:
        return None
    if tag.name not in run.models:
        result = run.load_tag(tag)
        if result.model is None:
            return None
        run.models[tag.name] = result.model
    return run.models[tag.name]


def _released(run: _Run, tag: Tag) -> bool:
    """Whether the handbook's files in the working tree are those of ``tag``: then a
    development edition would be the release once more, under another name."""
    paths = [str(run.root / name) for name in ("conf", catalog.WORKFLOW_DIR, catalog.PAGES_DIR)]
    paths += [f":(exclude){run.root / catalog.PAGES_DIR / name}" for name in catalog.NOT_PAGES]
    git = ["git", "-C", str(run.repo)]
    changed = subprocess.run(
        [*git, "diff", "--quiet", tag.commit, "--", *paths], capture_output=True, check=False
    )
    if changed.returncode != 0:
        return False
    # files git does not track (ignored ones too) are read by a build of the working tree
    others = subprocess.run(
        [*git, "ls-files", "--others", "-z", "--", *paths], capture_output=True, check=False
    )
    return others.returncode == 0 and not others.stdout


def _development(run: _Run, previous: Tag | None, options: dict[str, Any]) -> int:
    from usm_docgen.build import build_loaded, own_pages

    key = _key(f"worktree:{tree_digest(run.root)}", previous.commit if previous else None, options)
    built = _built(run.site / DEVELOPMENT)
    if built is not None and built["key"] == key:
        run.reused.append(DEVELOPMENT)
        print(f"usm-docgen: {DEVELOPMENT}: the working tree is unchanged, not rebuilt")
        return 0
    shown = "" if str(run.root) in (".", "") else str(run.root)
    result = catalog.load(run.root, shown, today=run.today)
    if result.diagnostics:
        print(format_text(result.diagnostics))
    if has_errors(result.diagnostics, strict=run.strict) or result.model is None:
        print("usm-docgen: the development edition has errors; not built", file=sys.stderr)
        run.failed.append(DEVELOPMENT)
        return 1
    old = _model_of(run, previous)
    changes = compare(old, result.model, old_name=previous.name if previous else None)
    changes = dataclasses.replace(changes, new=DEVELOPMENT)
    print(f"usm-docgen: {DEVELOPMENT}: building the working tree")
    code = build_loaded(
        run.root,
        result,
        run.site / DEVELOPMENT,
        run.work / "editions" / DEVELOPMENT,
        own_pages(run.root),
        strict=run.strict,
        edition=Edition(DEVELOPMENT, True, changes, key),
    )
    if code != 0:
        run.failed.append(DEVELOPMENT)
        return code
    run.built.append(DEVELOPMENT)
    return 0


def _retire(run: _Run, keep: set[str]) -> None:
    """Remove the editions whose tag is gone (only folders this command wrote)."""
    for folder in sorted(run.site.iterdir()):
        if folder.is_dir() and folder.name not in keep and (folder / EDITION_STAMP).is_file():
            shutil.rmtree(folder)
            shutil.rmtree(run.work / "editions" / folder.name, ignore_errors=True)
            print(f"usm-docgen: {folder.name}: its tag is gone; removed from the site")


def _listed(run: _Run, names: list[str], development: bool) -> Iterator[dict[str, Any]]:
    """The editions the site has, newest first, the development edition before them."""
    order = ([DEVELOPMENT] if development else []) + list(reversed(names))
    for name in order:
        built = _built(run.site / name)
        if built is not None:
            yield {"name": name, "development": name == DEVELOPMENT, "pages": built["pages"]}


def _write_index(run: _Run, names: list[str], development: bool) -> None:
    """versions.json, versions.js and the root index.html, each only when it changed."""
    listed = list(_listed(run, names, development))
    releases = [e["name"] for e in listed if not e["development"]]
    current = releases[0] if releases else None
    versions = [
        {
            "name": e["name"] if e["name"] != current else f"{e['name']} (current)",
            "version": e["name"],
            "url": f"{e['name']}/",
            **({"preferred": True} if e["name"] == current else {}),
        }
        for e in listed
    ]
    _write(run.site / "versions.json", json.dumps(versions, indent=1) + "\n")
    editions = [{"path": e["name"], **e} for e in listed]
    script = "window.USM_EDITIONS = " + json.dumps(
        {"current": current, "editions": editions}, separators=(",", ":")
    )
    # versions.js is a script: keep '</' and friends out of it whatever a page is called
    script = script.replace("<", "\\u003c").replace(">", "\\u003e") + ";\n"
    _write(run.site / "versions.js", script)
    home = current or (DEVELOPMENT if listed else None)
    title, language = _title(run.root)
    _write(run.site / "index.html", _redirect(home, title, language))


def _title(root: Path) -> tuple[str, str]:
    """The handbook's title and language for the front page, from the working tree."""
    from usm_docgen.yaml_io import load_text

    raw = catalog.read_quietly(root, catalog.conf_path("handbook"))
    doc = load_text(raw, "handbook.yaml")[0] if raw is not None else None
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    title = data.get("title") if isinstance(data.get("title"), str) else "Handbook"
    language = data.get("language") if data.get("language") in ("nl", "en") else "en"
    return str(title), str(language)


def _write(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step, unless it holds that already."""
    try:
        if path.read_text("utf-8") == text:
            return
    except (OSError, ValueError):
        pass
    part = path.with_name(f".{path.name}.usm-part")
    part.write_text(text, "utf-8")
    part.replace(path)


def _redirect(edition: str | None, title: str, language: str) -> str:
    """The site's front page: straight on to ``edition``, with a link for when it cannot."""
    if edition is None:
        head, body = "", "<p>No edition has been built yet.</p>"
    else:
        url = html.escape(f"{edition}/index.html", quote=True)
        head = f'<meta http-equiv="refresh" content="0; url={url}">\n'
        body = f'<p><a href="{url}">{html.escape(title)} {html.escape(edition)}</a></p>'
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(language, quote=True)}">\n<head>\n'
        f'<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n{head}</head>\n'
        f"<body>\n{body}\n</body>\n</html>\n"
    )
