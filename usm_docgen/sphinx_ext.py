"""The Sphinx layer: load the handbook, write its pages into the source folder, serve Mermaid."""

from __future__ import annotations

import contextlib
import datetime as dt
import gettext
import hashlib
import html
import json
import os
import re
import shutil
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes, utils
from markupsafe import escape
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from usm_docgen import __version__, catalog
from usm_docgen.diagnostics import Code, Diagnostic, Severity
from usm_docgen.labels import LANGUAGES, THEME_WORDS, label
from usm_docgen.mermaid_check import MermaidCheckUnavailable, node_project, start_check

if TYPE_CHECKING:
    from usm_docgen.changes import Changelog
    from usm_docgen.render import PendingPages

logger = logging.getLogger(__name__)

ENV_VERSION = 1
MANIFEST = ".usm-docgen.json"
"""Lists, inside the source folder, the files usm-docgen wrote there (and diagram checks)."""
MYST_EXTENSIONS = ("colon_fence", "deflist", "attrs_inline", "attrs_block")
STATIC = Path(__file__).parent / "static"
THEME = Path(__file__).parent / "theme"
"""HTML templates of ours that go into the theme's pages (the edition switcher, the search
button)."""
_LINE_BREAK = re.compile(r"\s*<br\s*/?>\s*")
_FENCE = re.compile(r"^```\{mermaid\}[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
# A Markdown field is the author's text, never one of our diagrams (sphinx_fields shows it).
_FIELD = re.compile(r"^[ \t]*(`{3,})\{usm-markdown\}$.*?^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension; it brings MyST, sphinx-design and sphinxcontrib-mermaid along."""
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    app.setup_extension("sphinxcontrib.mermaid")
    app.setup_extension("usm_docgen.sphinx_fields")
    app.setup_extension("usm_docgen.sphinx_guard")
    app.setup_extension("usm_docgen.sphinx_svg")
    app.setup_extension("usm_docgen.sphinx_glossary")
    app.setup_extension("usm_docgen.sphinx_search")
    app.setup_extension("usm_docgen.sphinx_frame")
    app.setup_extension("usm_docgen.sphinx_fold")
    app.setup_extension("usm_docgen.sphinx_markup")
    # sphinxcontrib-mermaid loads Mermaid as an ES module, which browsers refuse from file://;
    # we serve the classic build from the site itself instead (see _add_scripts).
    from sphinxcontrib import mermaid as contrib

    for listener in list(app.events.listeners.get("html-page-context", [])):
        if listener.handler is contrib.install_js:
            app.disconnect(listener.id)

    app.add_config_value("usm_root", None, "env", types=(str,))
    app.add_config_value("usm_pages", None, "env", types=(str,))
    app.add_config_value("usm_reference", True, "env", types=(bool,))
    # The date of the checks (--today): it changes diagnostics and the reviews on the
    # governance page, which is rendered for it (a page whose text changes is rebuilt).
    app.add_config_value("usm_today", None, "", types=(str,))
    app.add_config_value("usm_check_diagrams", True, "env", types=(bool,))
    app.add_config_value("usm_node_modules", None, "html", types=(str,))
    # Set by `usm-docgen site` for each edition it builds (editions.Edition.config): JSON with
    # the edition's name and whether it is the development edition.
    app.add_config_value("usm_edition", None, "html", types=(str,))

    app.connect("config-inited", _config_inited)
    app.connect("builder-inited", _generate)
    app.connect("env-get-outdated", _note_added_removed)
    app.connect("env-before-read-docs", _remember_tocs)
    app.connect("env-updated", _pages_to_rewrite)
    app.connect("write-started", _spare_parents)
    app.connect("write-started", _copy_npm_js)
    app.connect("html-collect-pages", _mend_search_index)
    app.connect("html-page-context", _add_scripts)
    app.connect("html-page-context", _whole_width, priority=400)  # before pydata-sphinx-theme
    app.connect("html-page-context", _escape_plain_text)
    app.connect("html-page-context", _name_toctree_toggles, priority=600)
    app.connect("build-finished", _finish)
    app.add_post_transform(_RawHtmlAsText)
    app.add_post_transform(_UnsafeTargetsAsText)
    app.add_role("usm-file", _site_file_role)
    app.add_css_file("usm.css")
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _config_inited(app: Sphinx, config: Config) -> None:
    # pydata-sphinx-theme appends to templates_path, which is Sphinx's shared default list
    # unless conf.py sets one: a second build in one process (tests, tools) would see a
    # longer list, a different configuration, and write every page again. Give each build
    # its own list.
    config.templates_path = list(dict.fromkeys(config.templates_path))
    extensions = list(config.myst_enable_extensions or [])
    config.myst_enable_extensions = extensions + [e for e in MYST_EXTENSIONS if e not in extensions]
    config.myst_heading_anchors = config.myst_heading_anchors or 3
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    root = Path(app.confdir, config.usm_root) if config.usm_root else Path(app.confdir).parent
    config.usm_root = str(root.resolve())
    _edition_settings(config, root)
    _edition_switcher(config)
    # Our theme components (THEME) go before pydata-sphinx-theme's, which it appends later.
    config.templates_path = list(dict.fromkeys([*config.templates_path, str(THEME)]))
    _translate_interface(app)


class _ThemeWords(gettext.NullTranslations):
    """Our translation of the theme's words, behind Sphinx's own catalogue."""

    def __init__(self, words: dict[str, str]) -> None:
        super().__init__()
        self.words = words

    def gettext(self, message: str) -> str:
        return self.words.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)


def _translate_interface(app: Sphinx) -> None:
    """Sphinx's and the theme's words in the handbook's language.

    Sphinx loads its translations before extensions run, so a language that comes from
    conf/handbook.yaml needs them loaded again; pydata-sphinx-theme has no Dutch, so ours
    (labels.THEME_WORDS) go behind Sphinx's catalogue, which wins where it has a word.
    Sphinx keeps one catalogue per process and only adds to it: a build in a process that
    built another language before (tests, tools) starts from a clean one.
    """
    from sphinx import locale

    locale.translators.pop(("general", "sphinx"), None)
    app._init_i18n()  # Sphinx has no public way to load its catalogue again
    words = THEME_WORDS.get(app.config.language or "")
    translator: gettext.NullTranslations | None = app.translator
    if not words or translator is None:
        return
    translator.add_fallback(_ThemeWords(words))


def _edition_settings(config: Config, root: Path) -> None:
    """Title, language and edition come from conf/handbook.yaml unless conf.py sets them.

    They are plain text, set here as written: :func:`_escape_plain_text` escapes them
    where they reach a page.
    """
    from usm_docgen.yaml_io import load_text

    raw = catalog.read_quietly(root, catalog.conf_path("handbook"))
    doc = load_text(raw, "handbook.yaml")[0] if raw is not None else None
    data = doc.data if doc is not None else {}
    user = config._raw_config  # what conf.py and -D set; those win
    # A live preview builds without validating first, and the language goes unescaped
    # into documentation_options.js: only a language we know gets that far.
    language = data.get("language") if data.get("language") in LANGUAGES else None
    for key, value in (
        ("project", data.get("title")),
        ("language", language),
        ("release", data.get("edition")),
        ("version", data.get("edition")),
        ("html_title", data.get("title")),
        ("copyright", data.get("organisation")),
    ):
        if isinstance(value, str) and key not in user:
            setattr(config, key, value)
    # pydata-sphinx-theme logs a console error on every first visit without a default mode.
    # Sphinx writes every page again when the HTML configuration changes: our words for the
    # theme count as configuration, so pages built before a change of them do not linger.
    config.html_context = {
        "default_mode": "auto",
        **(config.html_context or {}),
        "usm_theme_words": THEME_WORDS.get(config.language or "", {}),
    }
    if "smartquotes" not in user:  # plain text is shown exactly as written: no curly quotes
        config.smartquotes = False
    if "html_copy_source" not in user:
        # Readers never see the generated Markdown (search excerpts come from the pages):
        # without _sources/ the site is about a tenth smaller.
        config.html_copy_source = False
    if "html_theme_options" not in user:
        language = config.language if config.language in LANGUAGES else "en"
        config.html_theme_options = {
            "navbar_align": "left",
            "navbar_end": ["theme-switcher"],
            "footer_start": ["copyright"],
            "footer_end": [],  # no "Created with Sphinx" on each page (sphinx_frame)
            "show_toc_level": 2,
            # The sidebar lists the current page's branch, other branches closed: a workflow
            # page lists its own template's workflows, not every workflow of the handbook
            # (at 1,000 workflows that list was three quarters of every page).
            "collapse_navigation": True,
            "secondary_sidebar_items": ["page-toc"],  # not beside diagrams: _whole_width
            "header_links_before_dropdown": 6,
            "search_bar_text": label("search.placeholder", language),
            "header_dropdown_text": label("navbar.more", language),
        }


def _edition_switcher(config: Config) -> None:
    """In an edition of a multi-edition site: the edition switcher in the navigation bar and
    the banner of the development edition (editions.js adds the one of older editions).

    The list of editions is the site's ``versions.js``, loaded as a script, so that it works
    from ``file://`` too and an edition built before never changes when a new one is added.
    Our own switcher, not pydata-sphinx-theme's: that one fetches its JSON list and probes
    whether the same page exists in the other edition with a request, and browsers refuse
    both from ``file://``; ours takes both from versions.js, which lists every edition's pages.
    """
    if not config.usm_edition:
        return
    edition = json.loads(config.usm_edition)
    language = config.language if config.language in LANGUAGES else "en"
    config.templates_path = [*config.templates_path, str(THEME)]
    words = {
        key.replace("-", "_"): label(f"edition.{key}", language)
        for key in (
            "switcher",
            "choose",
            "development-name",
            "current-mark",
            "development",
            "old",
            "go",
        )
    }
    config.html_context = {
        **config.html_context,
        "usm_edition": edition,
        "usm_edition_words": words,
    }
    options = dict(config.html_theme_options or {})
    end = list(options.get("navbar_end", ["theme-switcher"]))
    if "usm-editions.html" not in end:
        options["navbar_end"] = ["usm-editions.html", *end]
    if edition.get("development") and not options.get("announcement"):
        text = escape(label("edition.development", language))
        options["announcement"] = (
            f'<span class="usm-edition-banner" data-usm-banner="development">{text}</span>'
        )
    config.html_theme_options = options
    config.html_js_files = [*config.html_js_files, ("usm-editions.js", {"defer": "defer"})]


_PRELOADED: dict[str, tuple[catalog.LoadResult, PendingPages | None, Changelog | None]] = {}


@contextlib.contextmanager
def preload(
    root: Path,
    result: catalog.LoadResult,
    pages: PendingPages | None = None,
    changes: Changelog | None = None,
) -> Iterator[None]:
    """Hand a handbook the caller has just loaded (and reported) to the build of it inside
    the ``with`` block, with its pages when the caller has started rendering them and what
    changed since the edition before (``usm-docgen site``). A build that stopped before it
    took them does not leave them to a later build."""
    key = str(root.resolve())
    _PRELOADED[key] = (result, pages, changes)
    try:
        yield
    finally:
        _, unused, _ = _PRELOADED.pop(key, (None, None, None))
        if unused is not None:
            unused.cancel()


def _manifest(app: Sphinx) -> dict[str, Any]:
    path = Path(app.srcdir, MANIFEST)
    if path.is_file():
        data: dict[str, Any] = json.loads(path.read_text("utf-8"))
        return data
    return {"files": [], "generated": [], "diagrams": {}}


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` unless the file already holds it, so Sphinx sees no change."""
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def _generate(app: Sphinx) -> None:
    """Load the handbook and write its pages before Sphinx looks for changed sources."""
    from usm_docgen.render import provenance, render_site

    root = Path(app.config.usm_root)
    result, pending, changes = _PRELOADED.pop(str(root.resolve()), (None, None, None))
    if result is None:
        today = app.config.usm_today
        result = catalog.load(
            root, str(root), today=dt.date.fromisoformat(today) if today else None
        )
        for diagnostic in result.diagnostics:
            emit(diagnostic)
    srcdir = Path(app.srcdir)
    manifest = _manifest(app)
    copied = _copy_pages(app, srcdir)
    generated: list[str] = []
    pages: dict[str, str] = {}
    if result.model is None:  # a failed load keeps the last good pages
        generated = [f for f in manifest.get("generated", []) if f not in copied]
    else:
        if pending is not None and pending.reference == app.config.usm_reference:
            pages = pending.result()
        else:
            if pending is not None:
                pending.cancel()
            pages = render_site(
                result.model,
                reference=app.config.usm_reference,
                changes=changes,
                today=result.today,
                provenance=provenance(root, result),
            )
        sections = _hand_written_sections(copied)
        if sections and "index" in pages and "index.md" not in copied:
            pages["index"] += "\n```{toctree}\n:hidden:\n\n" + "\n".join(sections) + "\n```\n"
        for docname, text in pages.items():
            rel = f"{docname}.md"
            if rel in copied:
                logger.info(f"usm-docgen: {rel} is written by hand; not generated")
                continue
            write_if_changed(srcdir / rel, text)
            generated.append(rel)
        if app.config.usm_check_diagrams:
            manifest["diagrams"] = _start_diagram_check(app, result, pages, manifest["diagrams"])
    for rel in sorted(set(manifest["files"]) - set(copied) - set(generated)):
        (srcdir / rel).unlink(missing_ok=True)
    manifest["files"] = sorted({*copied, *generated})
    manifest["generated"] = sorted(generated)
    app.env.usm_generated = frozenset(generated)  # type: ignore[attr-defined]
    if result.model is not None:  # where each step is written, for warnings about its section
        app.usm_step_lines = {  # type: ignore[attr-defined]
            f"workflows/{w.id}": {s.id: s.line for s in w.steps} for w in result.model.workflows
        }
    write_if_changed(srcdir / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))


def _hand_written_sections(copied: set[str]) -> list[str]:
    """Hand-written top-level pages and folder indexes, to be listed in the navigation."""
    return sorted(
        rel[:-3]
        for rel in copied
        if rel.endswith(".md")
        and (rel.count("/") == 0 or rel.endswith("/index.md"))
        and rel.count("/") <= 1
        and rel != "index.md"
    )


def _copy_pages(app: Sphinx, srcdir: Path) -> set[str]:
    """Bring the handbook's hand-written pages (``usm_pages``) into the source folder.

    Only regular files inside the handbook root are copied: a link out of the root or a FIFO
    (reported by the catalog's load) is skipped, never followed or opened.
    """
    pages_dir = Path(app.config.usm_pages) if app.config.usm_pages else None
    if pages_dir is None or not pages_dir.is_dir() or pages_dir.resolve() == srcdir.resolve():
        return set()
    root = Path(os.path.realpath(app.config.usm_root))
    copied: set[str] = set()
    for folder, subfolders, files in os.walk(pages_dir):
        # never descend into build output (the site may live in handbook/_build) or caches
        subfolders[:] = sorted(d for d in subfolders if d not in ("_build", "__pycache__"))
        for name in sorted(files):
            file = Path(folder, name)
            rel = file.relative_to(pages_dir).as_posix()
            if rel in ("conf.py", MANIFEST) or not _safe_page(file, root):
                continue
            _copy_if_changed(file, srcdir / rel)
            copied.add(rel)
    return copied


def _safe_page(file: Path, root: Path) -> bool:
    # is_file() follows links and is true only for a regular file
    return file.is_file() and Path(os.path.realpath(file)).is_relative_to(root)


def _copy_if_changed(source: Path, target: Path) -> None:
    if target.is_file() and target.read_bytes() == source.read_bytes():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


class _DiagramCheck:
    """A Mermaid check running beside the Sphinx build; reported when the build finishes."""

    def __init__(
        self,
        found: dict[str, tuple[str, str]],
        known: dict[str, str | None],
        sources: dict[str, str],
        pending: Future[dict[str, str | None]] | None,
    ) -> None:
        self.found = found  # hash of a diagram's text -> (docname, text)
        self.known = known  # hash -> Mermaid's error or None, from earlier builds
        self.sources = sources  # docname -> 'file:line' of the YAML a reader should fix
        self.pending = pending


def _start_diagram_check(
    app: Sphinx, result: catalog.LoadResult, pages: dict[str, str], cache: dict[str, str | None]
) -> dict[str, str | None]:
    """Start parsing every new diagram text with the pinned Mermaid, beside the build.

    Only texts not checked in an earlier build go to Node. Returns what is already known,
    for the manifest; :func:`_report_diagrams` adds the rest when the build finishes.
    """
    assert result.model is not None
    root = Path(app.config.usm_root)
    # a location with a colon is a path to Sphinx (one without is read as a docname)
    sources = {}
    for w in result.model.workflows:
        sources[f"workflows/{w.id}"] = f"{root / w.source}:1"
    found: dict[str, tuple[str, str]] = {}
    for docname, text in pages.items():
        for match in _FENCE.finditer(_FIELD.sub("", text) if "{usm-markdown}" in text else text):
            body = _strip_options(match.group(1))
            key = hashlib.sha256(body.encode("utf-8")).hexdigest()
            found[key] = (docname, body)
    known = {k: v for k, v in cache.items() if k in found}
    todo = {k: body for k, (_, body) in found.items() if k not in known}
    pending = None
    if todo:
        project = _node_project(app)  # never the handbook's: see node_project
        if project is None:
            logger.warning(
                "usm-docgen: diagrams not checked: node_modules/mermaid was not found in "
                "usm-docgen's installation (run npm ci there, or name a node_modules folder "
                "with USM_DOCGEN_NODE_MODULES or usm_node_modules)",
                type="usm",
                subtype="diagram",
            )
        else:
            pending = start_check(todo, project)
    app.usm_diagram_check = _DiagramCheck(found, known, sources, pending)  # type: ignore[attr-defined]
    return known


def _report_diagrams(app: Sphinx) -> None:
    """Wait for the diagram check, warn about every diagram Mermaid cannot parse, and
    remember the results in the manifest so the next build checks only new texts."""
    check: _DiagramCheck | None = getattr(app, "usm_diagram_check", None)
    if check is None:
        return
    app.usm_diagram_check = None  # type: ignore[attr-defined]
    results = dict(check.known)
    if check.pending is not None:
        try:
            results.update(check.pending.result())
        except MermaidCheckUnavailable as exc:
            logger.warning(
                f"usm-docgen: diagrams not checked: {exc}", type="usm", subtype="diagram"
            )
    for key, problem in results.items():
        if problem:
            docname, _ = check.found[key]
            source = check.sources.get(docname) or (docname, None)
            logger.warning(
                f"Mermaid cannot parse the diagram generated for {docname}: {problem}",
                type="usm",
                subtype="diagram",
                location=source,
            )
    manifest = _manifest(app)
    manifest["diagrams"] = results
    write_if_changed(Path(app.srcdir, MANIFEST), json.dumps(manifest, indent=1, sort_keys=True))


def _strip_options(body: str) -> str:
    lines = body.splitlines(keepends=True)
    while lines and lines[0].startswith(":"):
        lines.pop(0)
    return "".join(lines).strip("\n") + "\n"


def emit(diagnostic: Diagnostic) -> None:
    """A diagnostic as a Sphinx warning (``-W`` fails, ``suppress_warnings`` silences it)."""
    location = f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}"
    # Sphinx adds the code itself ([usm.…], show_warning_types); a conf.py that turns that
    # off loses it, as it does for Sphinx's own warnings.
    message = diagnostic.message
    if diagnostic.severity is Severity.ERROR:
        logger.error(message, type="usm", subtype=diagnostic.code.value, location=location)
    else:
        logger.warning(message, type="usm", subtype=diagnostic.code.value, location=location)


# --- every page's navigation right, and no page written that did not change -------------
#
# Sphinx writes a re-read page's toctree parents again, since they show its title and
# headings; it leaves other pages' navigation stale when pages come, go or are renamed.
# We do the reverse: a parent is written again only when what it shows of the page changed,
# and every page when a page came, went or got another title. At 1,000 workflows that
# saves rewriting the workflows index (about 1.3 s) after each edit of one workflow.


def _note_added_removed(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    app.usm_toc_changed = bool(added or removed)  # type: ignore[attr-defined]
    app.usm_removed = set(removed)  # type: ignore[attr-defined]
    return []


def _toc_shown(env: BuildEnvironment, docname: str) -> tuple[str, str]:
    """What other pages show of a page: its title, and its headings where a parent lists
    them in a visible toctree. Navigation (pydata-sphinx-theme's header, sidebar and
    breadcrumbs) shows pages by title only."""
    title = env.titles.get(docname)
    toc = env.tocs.get(docname)
    headings = toc.pformat() if toc is not None and _headings_listed(env, docname) else ""
    return (title.astext() if title else "", headings)


def _headings_listed(env: BuildEnvironment, docname: str) -> bool:
    for parent in env.files_to_rebuild.get(docname, ()):
        toc = env.tocs.get(parent)
        for node in toc.findall(addnodes.toctree) if toc is not None else ():
            if (
                any(ref == docname for _, ref in node["entries"])
                and not node.get("hidden")
                and not node.get("titlesonly")
                and node.get("maxdepth", -1) != 1
            ):
                return True
    return False


def _remember_tocs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Before pages are read again: what others showed of them until now."""
    app.usm_old_tocs = {d: _toc_shown(env, d) for d in docnames if d in env.tocs}  # type: ignore[attr-defined]


def _pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: every page when pages came, went or were renamed; note the rest."""
    old: dict[str, tuple[str, str]] = getattr(app, "usm_old_tocs", {})
    now = {d: _toc_shown(env, d) for d in old}
    renamed = any(now[d][0] != shown[0] for d, shown in old.items())
    app.usm_toc_unchanged = {d for d, shown in old.items() if now[d] == shown}  # type: ignore[attr-defined]
    if getattr(app, "usm_toc_changed", False) or renamed:
        return sorted(env.found_docs)
    return []


def _spare_parents(app: Sphinx, builder: Any) -> None:
    """Keep Sphinx from writing the toctree parents of pages whose title and headings stayed.

    Runs when writing starts, after the environment was saved; the links are put back
    when the build finishes.
    """
    env = app.env
    parked = {
        d: env.files_to_rebuild.pop(d)
        for d in getattr(app, "usm_toc_unchanged", ())
        if d in env.files_to_rebuild
    }
    app.usm_parked_parents = parked  # type: ignore[attr-defined]


def _finish(app: Sphinx, exception: BaseException | None) -> None:
    app.env.files_to_rebuild.update(getattr(app, "usm_parked_parents", {}))
    _report_diagrams(app)
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for docname in getattr(app, "usm_removed", ()):
        for page in (
            outdir / f"{docname}{app.builder.out_suffix}",  # type: ignore[attr-defined]
            outdir / "_sources" / f"{docname}.md.txt",
        ):
            page.unlink(missing_ok=True)
            # a folder the build no longer makes goes too: a fresh build would not have it
            for folder in page.parents:
                if folder == outdir or not folder.is_dir() or any(folder.iterdir()):
                    break
                folder.rmdir()


# --- a rebuild writes the same site as a fresh build --------------------------------------


def _copy_npm_js(app: Sphinx, builder: Any) -> None:
    """Put the npm bundles the site serves (:data:`NPM_JS`) in place before any page is
    written, and note which were found (:func:`_add_scripts` links only those).

    Sphinx adds ``?v=checksum`` to a script's URL when the file is already in the output
    folder as the page is written: copied at the end, it would be linked without one by a
    fresh build and with one by every page a rebuild writes again.
    """
    if builder.format != "html":
        return
    found = _npm_js(app)
    for name, js in found.items():
        target = Path(app.outdir, "_static", name)
        if not target.is_file() or target.read_bytes() != js.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(js, target)
    app.usm_npm_js = frozenset(found)  # type: ignore[attr-defined]


def _mend_search_index(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """Make the search index a rebuild writes the one a fresh build writes.

    Before a rebuild Sphinx (up to 9.0.4 at least, sphinx-doc/sphinx#12599) loads the last
    searchindex.js back for the pages it does not write again, but without their index
    entries: after any rebuild, search no longer finds the glossary's terms. It also keeps
    every word a page it writes again no longer has, as a term found on no page. Runs when
    every page is written, just before Sphinx writes the index.
    """
    indexer = getattr(app.builder, "indexer", None)
    if indexer is None:
        return []
    for mapping in (indexer._mapping, indexer._title_mapping):
        for word in [w for w, docnames in mapping.items() if not docnames]:
            del mapping[word]
    fed: dict[str, list[tuple[str, str, str]]] = indexer._index_entries
    # In docname order, as a fresh build feeds them: a term on several pages lists them so.
    indexer._index_entries = {
        d: fed[d] if d in fed else _search_index_entries(app.env, d)
        for d in sorted(indexer._titles)
    }
    return []


def _search_index_entries(env: BuildEnvironment, docname: str) -> list[tuple[str, str, str]]:
    """A page's entries as Sphinx's ``IndexBuilder.feed`` takes them from its index nodes,
    here from the index domain, which holds the same nodes' entries."""
    metadata = env.metadata.get(docname, {})
    if "no-search" in metadata or "nosearch" in metadata:
        return []
    from sphinx.util.index_entries import split_index_msg

    found: set[tuple[str, str, str]] = set()
    for entry_type, value, target_id, main, _ in env.domains["index"].entries.get(docname, ()):
        try:
            parts = split_index_msg(entry_type, value)
        except ValueError:
            continue
        found |= {(part, target_id or "", main) for part in parts}
    return sorted(found)


# --- Mermaid in the browser ---------------------------------------------------------------


def _node_project(app: Sphinx) -> Path | None:
    """Our own node_modules, or the one named by ``$USM_DOCGEN_NODE_MODULES`` or else by
    ``usm_node_modules`` (relative to the configuration folder); never the handbook's."""
    configured = app.config.usm_node_modules
    return node_project(Path(app.confdir, configured) if configured else None)


NPM_JS = {
    "mermaid.min.js": "mermaid/dist/mermaid.min.js",
    # The whole-diagram view's pan and zoom (usm-viewer.js). Panzoom rather than
    # svg-pan-zoom: Panzoom pinches with pointer events, svg-pan-zoom needs Hammer.js for it.
    "panzoom.min.js": "@panzoom/panzoom/dist/panzoom.min.js",
}
"""The browser bundles the site serves from ``_static``, by name, from ``node_modules``."""


def _npm_js(app: Sphinx) -> dict[str, Path]:
    """The bundles of :data:`NPM_JS` that are there, from the same place the diagram check
    runs (never the handbook's ``node_modules``)."""
    project = _node_project(app)
    if project is None:
        return {}
    found = {name: project / "node_modules" / rel for name, rel in NPM_JS.items()}
    return {name: js for name, js in found.items() if js.is_file()}


def _whole_width(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """No "on this page" column beside the diagrams of the model and workflow pages: they
    take the whole width of the content (usm-viewer.css).

    Set per page as it is written, not as patterns in ``secondary_sidebar_items``: one
    ``workflows/*`` pattern beside ``**`` makes pydata-sphinx-theme warn for every workflow
    page, and a pattern per workflow would change the configuration with every workflow
    added, which makes Sphinx write every page again (and a rebuild unlike a fresh build).
    """
    if pagename == "model" or _workflow_page(pagename):
        context["theme_secondary_sidebar_items"] = []


def _workflow_page(pagename: str) -> bool:
    """Whether ``pagename`` is a workflow's own page (not the index, nor a template's)."""
    folder, _, name = pagename.partition("/")
    return folder == "workflows" and name != "index" and "/" not in name


def _add_scripts(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    from sphinxcontrib.mermaid import mermaid as mermaid_node

    if doctree is None or doctree.next_node(mermaid_node) is None:
        return
    # Classic scripts, not modules: they run from a web server and straight from disk.
    app.add_js_file("mermaid.min.js", priority=500)
    app.add_js_file("usm-mermaid.js", priority=501)
    if _workflow_page(pagename):  # the trainer view of its diagram and steps
        app.add_js_file("usm-trainer.js", priority=504)
    if "panzoom.min.js" in getattr(app, "usm_npm_js", ()):  # the whole-diagram view
        language = app.config.language if app.config.language in LANGUAGES else "en"
        words = {key: label(f"viewer.{key}", language) for key in VIEWER_WORDS}
        # An attribute Sphinx escapes, holding JSON with no "<": safe in any HTML context.
        data = json.dumps(words, ensure_ascii=False).replace("<", "\\u003c")
        app.add_js_file("panzoom.min.js", priority=502)
        app.add_js_file("usm-viewer.js", priority=503, **{"data-usm-words": data})
        app.add_css_file("usm-viewer.css")


VIEWER_WORDS = ("open", "title", "zoom-in", "zoom-out", "fit", "close", "help")
"""The labels (``viewer.*``) usm-viewer.js shows."""


_SITE_FILE = re.compile(r"(?:\.\./)*pdf/[a-z0-9][a-z0-9_-]{0,80}\.pdf")


def _site_file_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Any,
    options: dict[str, Any] | None = None,
    content: Sequence[str] = (),
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """``{usm-file}`Title <../pdf/x.pdf>```: a link to a file the site holds but Sphinx does
    not build (the PDFs of ``usm-docgen pdf``). Only our templates write it (a Markdown field
    may hold no role), and only a path into the site's ``pdf/`` folder is taken."""
    from sphinx.util.nodes import split_explicit_title

    _, title, target = split_explicit_title(utils.unescape(text))
    if not _SITE_FILE.fullmatch(target):
        message = inliner.reporter.error(
            f"usm-file: not a PDF of the site: {target!r}", line=lineno
        )
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    return [nodes.reference(rawtext, title, refuri=target, classes=["usm-file"])], []


class _RawHtmlAsText(SphinxTransform):
    """Raw HTML in generated pages comes from a process owner's Markdown: show it as text."""

    default_priority = 100

    def apply(self, **kwargs: Any) -> None:
        generated: frozenset[str] = getattr(self.env, "usm_generated", frozenset())
        if f"{self.env.docname}.md" not in generated:
            return
        for node in list(self.document.findall(nodes.raw)):
            text = node.astext()
            # A bare line break is the one tag our own templates use; it cannot run anything.
            if "html" in node.get("format", "").split() and not _LINE_BREAK.fullmatch(text):
                node.replace_self(nodes.literal(text, text))


# --- handbook text stays text, and no link runs code -------------------------------------

PLAIN_TEXT_CONTEXT = (
    "project",
    "version",
    "release",
    "copyright",
    "docstitle",
    "shorttitle",
    "logo_alt",
    "language",
)
"""Page context Sphinx fills from its plain-text settings, some of them from handbook.yaml."""


def _escape_plain_text(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Every plain-text setting reaches the templates escaped, exactly once.

    Sphinx's own templates escape these (``|e``), pydata-sphinx-theme prints some as they
    are (``version`` in an attribute, ``docstitle`` as the logo text). As ``Markup`` they
    print escaped everywhere, and ``|e`` leaves them alone. A conf.py that means markup in
    one of them sets a ``Markup`` value, which stays as it is.
    """
    for key in PLAIN_TEXT_CONTEXT:
        value = context.get(key)
        if isinstance(value, str):
            context[key] = escape(value)
        elif isinstance(value, list | tuple):  # Sphinx allows several copyright lines
            context[key] = [escape(v) if isinstance(v, str) else v for v in value]


_NAMELESS_TOGGLE = '<summary><span class="toctree-toggle"'


def _name_toctree_toggles(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """A name for each open/close toggle of pydata-sphinx-theme's sidebar navigation.

    The theme draws it as a ``<summary>`` holding only a chevron icon, which a screen reader
    announces without a name (WCAG 4.1.2, axe's summary-name). Its markup comes out of a
    Python function, not a template, so the function is wrapped here.
    """
    generate = context.get("generate_toctree_html")
    if generate is None:
        return
    language = app.config.language if app.config.language in LANGUAGES else "en"
    name = escape(label("nav.toggle", language))
    named = _NAMELESS_TOGGLE.replace("<summary>", f'<summary aria-label="{name}">')

    def generate_named(*args: Any, **kwargs: Any) -> str:
        return str(generate(*args, **kwargs)).replace(_NAMELESS_TOGGLE, named)

    context["generate_toctree_html"] = generate_named


UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
_URI_NOISE = re.compile(r"[\x00-\x20\x7f]")
_SCHEMES_NOTE = ": links and images may not use javascript:, vbscript: or data: URLs"


def unsafe_uri(uri: object) -> bool:
    """Whether ``uri`` runs code or shows a document of its own when a browser follows it.

    Read as a browser would, and then some: HTML entities decoded, ASCII whitespace and
    control characters (which browsers skip inside a scheme) dropped, case folded.
    """
    if not isinstance(uri, str):
        return False
    text = uri
    for _ in range(3):  # entities written over entities, as far as anyone would go
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return _URI_NOISE.sub("", text).casefold().startswith(UNSAFE_SCHEMES)


def _refreshes(node: nodes.Element) -> bool:
    equiv = html.unescape(str(node.get("http-equiv", "")))
    return _URI_NOISE.sub("", equiv).casefold() == "refresh"


class _UnsafeTargetsAsText(SphinxPostTransform):
    """No link, image or meta tag on any page runs code or sends the reader elsewhere.

    A ``javascript:``, ``vbscript:`` or ``data:`` target left in a page (a hand-written
    page's ``{button-link}``, ``{card}`` ``:link:``, ``{image}`` ``:target:`` or reST link)
    becomes its text, an image from such a URI becomes its alt text, and a ``meta`` tag
    with ``http-equiv="refresh"`` (``.. meta::``, MyST's ``html_meta``) goes. Runs after
    every reference is resolved.
    """

    default_priority = 800

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(nodes.Element)):
            if node.parent is None:
                continue
            if isinstance(node, nodes.meta):
                if _refreshes(node):
                    self.warn(node, "meta refresh removed: a page may not send its reader away")
                    node.parent.remove(node)
            elif isinstance(node, nodes.image):
                uris = [node.get("uri"), *dict(node.get("candidates", {})).values()]
                bad = next((u for u in uris if unsafe_uri(u)), None)
                if bad is not None:
                    self.warn(node, f"image '{bad[:60]}' shown as its alt text{_SCHEMES_NOTE}")
                    self.drop_image(node)
            elif unsafe_uri(node.get("refuri")):
                if isinstance(node, nodes.target):  # shows nothing; its links are told
                    del node["refuri"]
                    continue
                self.warn(node, f"link to '{node['refuri'][:60]}' shown as text{_SCHEMES_NOTE}")
                shown = node.children or [nodes.Text(node["refuri"])]
                text = nodes.inline(node.rawsource, "", *shown)
                node.replace_self(text)
                text["classes"] = []  # not dressed as a button or badge: it is text now

    def drop_image(self, node: nodes.image) -> None:
        alt = str(node.get("alt", ""))
        if not alt:
            node.parent.remove(node)
        elif isinstance(node.parent, nodes.TextElement | nodes.Inline):
            node.replace_self(nodes.Text(alt))
        else:
            node.replace_self(nodes.paragraph(alt, alt))

    def warn(self, node: nodes.Element, message: str) -> None:
        logger.warning(message, type="usm", subtype=Code.UNSAFE_LINK.value, location=node)
