"""Pages inside the trust boundary: no file from outside the handbook root, no URL, no code.

A handbook repository is untrusted input, built in CI. Its hand-written pages (``handbook/``)
may use MyST's and Sphinx's directives and roles, but a build never reads a file outside the
handbook root, never fetches a URL and never runs what an author wrote, and the site never
loads anything from elsewhere. So, before it acts, every directive that reads a file or a URL
is checked (``include``, ``literalinclude``, ``raw``, ``csv-table``, ``figure``, ``mermaid``,
in Markdown and inside ``{eval-rst}``), and so is every node that makes the builder copy a
file into the site or the browser load one (images, downloads, links to files, raw HTML,
math). Raw HTML may only mark up text (:mod:`usm_docgen.raw_html`). Relative paths in a
hand-written page are read from the page itself under ``handbook/``, not from its copy in
the work folder; ``/x`` is ``handbook/x``.

A refused construct is reported as ``usm.unsafe-page`` with the page and line, left out of
the page, and fails the build (also without ``-W``) when the build finishes. Refused paths are
never opened: the checks resolve them (symbolic links followed) without reading.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from docutils.parsers.rst.directives.misc import Raw
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.directives.code import LiteralInclude
from sphinx.directives.other import Include
from sphinx.directives.patches import CSVTable, Figure
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.i18n import get_image_filename_for_language
from sphinxcontrib.mermaid import Mermaid, MermaidClassDiagram

from usm_docgen import __version__
from usm_docgen.diagnostics import Code, Diagnostic, error
from usm_docgen.raw_html import CONTROL, SCHEME, cut, html_refusal, remote

logger = logging.getLogger(__name__)

ENV_VERSION = 1
OUTSIDE = "outside the handbook root"


def setup(app: Sphinx) -> dict[str, Any]:
    """Guard every page's directives, roles and nodes (see the module's documentation)."""
    app.setup_extension("myst_parser")
    app.setup_extension("sphinxcontrib.mermaid")
    for name, directive in _GUARDED.items():
        app.add_directive(name, directive, override=True)
    app.add_transform(_CheckNodes)
    app.connect("source-read", _check_front_matter)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    # before listeners that raise: their exception would keep these reports from being shown
    app.connect("build-finished", _fail, priority=50)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


# --- where a path in a page points ------------------------------------------------------------


class _Page:
    """The page Sphinx is reading: where it came from, and where its paths point."""

    def __init__(self, env: BuildEnvironment) -> None:
        self.env = env
        self.root = Path(env.config.usm_root).resolve()
        self.srcdir = Path(env.srcdir).resolve()
        self.rel = Path(env.doc2path(env.docname, base=False))
        self.generated: frozenset[str] = getattr(env, "usm_generated", frozenset())
        pages = env.config.usm_pages
        self.pages = Path(pages).resolve() if pages else None
        self.original = (
            self.pages / self.rel
            if self.pages is not None and self.rel.as_posix() not in self.generated
            else None
        )
        """The hand-written page under ``handbook/``; None for a generated page."""

    def resolve(self, target: str) -> Path | None:
        """The real path (links followed) ``target`` names, read as the author wrote it: from
        the page under ``handbook/``, ``/x`` from ``handbook/``. A generated page's paths are
        Sphinx's: from its place in the source folder. None for what is no path (a NUL byte).
        """
        if self.original is not None and self.pages is not None:
            top, here = self.pages, self.original.parent
        else:
            top, here = self.srcdir, self.srcdir / self.rel.parent
        try:
            return (top / target.lstrip("/") if target.startswith("/") else here / target).resolve()
        except (OSError, ValueError):
            return None

    def judge(self, target: str) -> tuple[Path | None, str | None]:
        """The real path ``target`` names, and why it may not be read (None when it may).

        docutils reads ``/x`` from the file system's root, Sphinx from the source folder: in
        a hand-written page it is read from ``handbook/``, and must name a file there."""
        real = self.resolve(target)
        reason = self.refusal(real)
        if (
            reason is None
            and target.startswith("/")
            and self.original is not None
            and not (real is not None and real.exists())
        ):
            reason = "no file of handbook/ (a path that starts with '/' is read from there)"
        return real, reason

    def refusal(self, real: Path | None) -> str | None:
        """Why the file at ``real`` may not be read, or None when it may."""
        if real is None:
            return OUTSIDE
        if self.original is None and real.is_relative_to(self.srcdir):
            return None  # what usm-docgen itself put beside a generated page
        if not real.is_relative_to(self.root):
            return OUTSIDE
        hidden = next((p for p in real.relative_to(self.root).parts if p.startswith(".")), None)
        if hidden is not None:
            return f"in the hidden '{hidden}' of the handbook root, which may hold credentials"
        if real.exists() and not (real.is_file() or real.is_dir()):
            return "not a regular file (opening a FIFO would stop the build)"
        return None

    def for_sphinx(self, real: Path) -> str:
        """``real`` as Sphinx and MyST look for it: relative to the page's copy in the source
        folder. A file of ``handbook/`` becomes its copy there (same bytes), so that Sphinx
        knows an included page as the page it is."""
        if self.pages is not None and real.is_relative_to(self.pages):
            rel = real.relative_to(self.pages)
            copy = self.srcdir / rel
            if rel.as_posix() not in self.generated and copy.is_file():
                real = copy
        return os.path.relpath(real, self.srcdir / self.rel.parent)

    def opened(self, rel: str) -> list[Path]:
        """Every file Sphinx may open for the image or diagram ``rel`` (as :meth:`for_sphinx`
        gives it): the path itself, its language variant (``logo.nl.png``) and, for
        ``logo.*``, every match."""
        found: list[Path] = []
        for name in dict.fromkeys((rel, get_image_filename_for_language(rel, self.env))):
            _, full = self.env.relfn2path(name, self.env.docname)
            matches = glob.glob(full) if name.endswith(".*") else [full]  # noqa: PTH207 (as Sphinx)
            found += [self._original_of(Path(m)) for m in matches if os.path.lexists(m)]
        return found

    def _original_of(self, path: Path) -> Path:
        """The real path of a file, a copied hand-written file as the one it was copied from."""
        real = path.resolve()
        if self.original is None or self.pages is None or not real.is_relative_to(self.srcdir):
            return real
        rel = real.relative_to(self.srcdir)
        return real if rel.as_posix() in self.generated else (self.pages / rel).resolve()


# --- what was refused, per page, and the failed build -------------------------------------------


def _problems(env: BuildEnvironment) -> dict[str, list[Diagnostic]]:
    found: dict[str, list[Diagnostic]] | None = getattr(env, "usm_unsafe_pages", None)
    if found is None:
        found = {}
        env.usm_unsafe_pages = found  # type: ignore[attr-defined]
    return found


def _shown(env: BuildEnvironment, source: str | None) -> str:
    """A page's path as its author knows it: the page under ``handbook/``, never its copy in
    the work folder; relative to the working folder when inside it, like other messages."""
    path = Path(source) if source else Path(env.doc2path(env.docname))
    pages = env.config.usm_pages
    generated: frozenset[str] = getattr(env, "usm_generated", frozenset())
    for srcdir in (Path(env.srcdir), Path(env.srcdir).resolve()):
        if path.is_relative_to(srcdir):
            rel = path.relative_to(srcdir)
            if pages and rel.as_posix() not in generated:
                path = Path(pages, rel)
            break
    cwd = Path.cwd()
    return os.path.relpath(path, cwd) if path.is_relative_to(cwd) else str(path)


def _record(env: BuildEnvironment, source: str | None, line: int | None, message: str) -> None:
    """Note a refused construct of the page being read; reported when the build finishes."""
    diagnostic = error(Code.UNSAFE_PAGE, message, _shown(env, source), line or 1, 0)
    _problems(env).setdefault(env.docname, []).append(diagnostic)


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _problems(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: Any) -> None:
    theirs = _problems(other)
    _problems(env).update({d: theirs[d] for d in docnames if d in theirs})


def _fail(app: Sphinx, exception: BaseException | None) -> None:
    """Report every refused construct, also of pages not read again, and fail the build.

    Sphinx calls this a second time, with the exception, when a later listener raised."""
    env = getattr(app, "env", None)
    found = sorted(d for ds in _problems(env).values() for d in ds) if env is not None else []
    if not getattr(app, "usm_unsafe_reported", False):
        app.usm_unsafe_reported = True  # type: ignore[attr-defined]
        for d in found:
            location = f"{d.path}:{d.line}"
            logger.error(d.message, type="usm", subtype=d.code.value, location=location)
    if found:
        app.statuscode = 1


# --- directives: checked before they read -----------------------------------------------------


def _named(directive: Directive) -> str:
    """The directive as its author wrote it: ``{name}`` in Markdown, ``.. name::`` in
    reStructuredText (an ``{eval-rst}`` block or an .rst page)."""
    from myst_parser.mocking import MockState

    if isinstance(directive.state, MockState):
        return f"'{{{directive.name}}}'"
    return f"'.. {directive.name}::'"


def _env(directive: Directive) -> BuildEnvironment:
    env: BuildEnvironment = directive.state.document.settings.env
    return env


def _refuse(directive: Directive, message: str) -> None:
    source, line = directive.state_machine.get_source_and_line(directive.lineno)
    _record(_env(directive), source, line, message)


def _checked_path(
    directive: Directive, value: str, option: str = "", *, docutils: bool = False
) -> tuple[str, Path] | None:
    """The path to hand the directive instead of ``value``, and the real file it names; None
    (after reporting) when that file may not be read. ``docutils``: for directives that read
    relative to the current source file (``raw``, ``csv-table``), not Sphinx's way."""
    page = _Page(_env(directive))
    real, reason = page.judge(value)
    if reason is not None or real is None:
        what = f" option ':{option}:'" if option else ""
        _refuse(directive, f"{_named(directive)}{what} reads '{cut(value)}', {reason}")
        return None
    if page.original is None:
        return value, real
    if docutils:
        # docutils joins the path to the current source's folder, without following links
        source = directive.state.document.current_source or str(page.srcdir / page.rel)
        return os.path.relpath(real, Path(source).absolute().parent), real
    return page.for_sphinx(real), real


def _no_url(directive: Directive) -> bool:
    """False (after reporting) when the directive would fetch a URL while building."""
    url = directive.options.get("url")
    if url is None:
        return True
    _refuse(
        directive,
        f"{_named(directive)} option ':url:' fetches '{cut(url)}' while building; no page "
        "may fetch a URL (link to it instead)",
    )
    return False


class GuardedInclude(SphinxDirective):
    """``include``, checked first; in Markdown run the way MyST runs it.

    MyST runs any directive class derived from docutils' ``Include`` with its own
    ``MockIncludeDirective`` and never calls the class's ``run``: this one is not derived from
    it, so the check runs in Markdown too, and then hands over to MyST's include (Markdown) or
    Sphinx's (reStructuredText, an ``{eval-rst}`` block).
    """

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        **(Include.option_spec or {}),
        # docutils would import the module this names while reading the options
        "parser": directives.unchanged,
        # MyST's own options, which it adds only to docutils' Include
        "relative-images": directives.flag,
        "relative-docs": directives.path,
        "heading-offset": directives.nonnegative_int,
    }

    def run(self) -> list[nodes.Node]:
        if "parser" in self.options:
            _refuse(
                self,
                f"{_named(self)} option ':parser:' imports the Python module it names; "
                "leave it out",
            )
            return []
        value = directives.path(self.arguments[0])
        if value.startswith("<") and value.endswith(">"):
            # docutils' own files (isonum.txt, …): that folder, and nothing out of it
            standard = Path(Include.standard_include_path).resolve()
            real = standard / value[1:-1]
            try:
                inside = real.resolve().is_relative_to(standard)
            except (OSError, ValueError):
                inside = False
            if not inside:
                _refuse(self, f"{_named(self)} reads '{cut(value)}', {OUTSIDE}")
                return []
            target = value
        else:
            checked = _checked_path(self, value)
            if checked is None:
                return []
            target, real = checked
        from myst_parser.mocking import MockState

        if isinstance(self.state, MockState):
            return self._run_in_markdown(target, real)
        include = Include(
            self.name,
            [target],
            self.options,
            self.content,
            self.lineno,
            self.content_offset,
            self.block_text,
            self.state,
            self.state_machine,
        )
        return list(include.run())

    def _run_in_markdown(self, target: str, real: Path) -> list[nodes.Node]:
        from myst_parser.mocking import MockIncludeDirective

        renderer = cast(Any, self.state)._renderer  # the MockState's MyST renderer
        options = dict(self.options)
        page = _Page(self.env)
        md_env: dict[str, Any] = renderer.md_env
        keys = ("relative-images", "relative-docs")
        outer = {key: md_env[key] for key in keys if key in md_env}  # an including include's
        try:
            # MyST makes the included file's images and links relative to the page's copy;
            # they are read from the page under handbook/ (see _CheckNodes), so from there.
            if page.original is not None and "relative-images" in options:
                del options["relative-images"]
                md_env["relative-images"] = os.path.relpath(real.parent, page.original.parent)
            if page.original is not None and "relative-docs" in options:
                prefix = options.pop("relative-docs")
                md_env["relative-docs"] = (prefix, str(page.original.parent), str(real.parent))
            include = MockIncludeDirective(
                renderer,
                name=self.name,
                klass=Include,
                arguments=[target],
                options=options,
                body=list(self.content),
                lineno=self.lineno,
            )
            return list(include.run())
        finally:
            for key in keys:
                md_env.pop(key, None)
            md_env.update(outer)


class GuardedLiteralInclude(LiteralInclude):
    """``literalinclude``: the file and the ``:diff:`` file checked first."""

    def run(self) -> list[nodes.Node]:
        checked = _checked_path(self, self.arguments[0])
        if checked is None:
            return []
        if "diff" in self.options:
            diff = _checked_path(self, self.options["diff"], "diff")
            if diff is None:
                return []
            self.options["diff"] = diff[0]
        self.arguments[0] = checked[0]
        return list(super().run())


class GuardedRaw(Raw):
    """``raw``: no ``:url:``, and the ``:file:`` checked first."""

    def run(self) -> list[nodes.Node]:
        if not _no_url(self):
            return []
        if "file" in self.options:
            checked = _checked_path(self, self.options["file"], "file", docutils=True)
            if checked is None:
                return []
            self.options["file"] = checked[0]
        return list(super().run())


class GuardedCSVTable(CSVTable):
    """``csv-table``: no ``:url:``, and the ``:file:`` checked first."""

    def run(self) -> list[nodes.Node]:  # type: ignore[override]  # as Sphinx's CSVTable
        if not _no_url(self):
            return []
        if "file" in self.options:
            checked = _checked_path(self, self.options["file"], "file", docutils=True)
            if checked is None:
                return []
            self.options["file"] = checked[0]
        return super().run()


class GuardedFigure(Figure):
    """``figure``: docutils opens the image while it runs (``:figwidth: image``), so the
    image is checked first; the image node itself is checked again like every image."""

    def run(self) -> list[nodes.Node]:
        uri = directives.uri(self.arguments[0])
        if remote(uri):
            _refuse(self, f"{_named(self)} shows '{cut(uri)}' from elsewhere; {_ONLY_LOCAL}")
            return []
        if _checked_path(self, uri) is None:
            return []
        return super().run()


class GuardedMermaid(Mermaid):  # type: ignore[misc]
    """``mermaid`` with a file argument: the file (and its language variant) checked first."""

    def run(self, **kwargs: Any) -> list[nodes.Node]:
        if self.arguments:
            checked = _checked_path(self, self.arguments[0])
            if checked is None:
                return []
            page = _Page(_env(self))
            for real in page.opened(checked[0]):
                reason = page.refusal(real)
                if reason is not None:
                    _refuse(self, f"{_named(self)} reads '{cut(self.arguments[0])}', {reason}")
                    return []
            self.arguments[0] = checked[0]
        result: list[nodes.Node] = super().run(**kwargs)
        return result


class RefusedClassTree(MermaidClassDiagram):  # type: ignore[misc]
    """``autoclasstree`` imports the Python modules it names: no page may run code."""

    def run(self, **kwargs: Any) -> list[nodes.Node]:
        _refuse(
            self,
            f"{_named(self)} imports the Python modules it names while building; no page may "
            "run code",
        )
        return []


_GUARDED: dict[str, type[Directive]] = {
    "include": GuardedInclude,
    "literalinclude": GuardedLiteralInclude,
    "raw": GuardedRaw,
    "csv-table": GuardedCSVTable,
    "figure": GuardedFigure,
    "mermaid": GuardedMermaid,
    "autoclasstree": RefusedClassTree,
}
_ONLY_LOCAL = "the site shows only images from the handbook root"


# --- nodes: images, downloads, links to files, raw HTML, math ---------------------------------


class _CheckNodes(SphinxTransform):
    """What the builder copies into the site (images, downloads) and what the browser would
    load: checked in every page before Sphinx collects the files, with paths of hand-written
    pages read from the page under ``handbook/``."""

    default_priority = 400

    def apply(self, **kwargs: Any) -> None:
        page = _Page(self.env)
        math_shown = False
        for node in list(self.document.findall(lambda n: isinstance(n, _CHECKED_NODES))):
            if isinstance(node, nodes.image):
                self._image(page, node)
            elif isinstance(node, addnodes.download_reference):
                self._download(page, node)
            elif isinstance(node, addnodes.pending_xref):
                if page.original is not None:
                    self._file_link(page, node)
            elif isinstance(node, nodes.raw):
                if page.original is not None:
                    self._raw_html(node)
            elif not math_shown:
                math_shown = True
                self._math(node)

    def _refuse(self, node: nodes.Node, message: str) -> None:
        # sphinx-design's card images carry neither: the card that holds them does
        source = next((n.source for n in _ancestors(node) if n.source), None)
        line = next((n.line for n in _ancestors(node) if n.line), None)
        _record(self.env, source, line, message)

    def _image(self, page: _Page, node: nodes.image) -> None:
        uri = node["uri"]
        if remote(uri):
            self._refuse(node, f"image '{cut(uri)}' is loaded from elsewhere; {_ONLY_LOCAL}")
            node.replace_self(nodes.inline())
            return
        if SCHEME.match(CONTROL.sub("", uri)):  # data: and the like name no file
            self._refuse(node, f"image '{cut(uri)}' is not a file; {_ONLY_LOCAL}")
            node.replace_self(nodes.inline())
            return
        real, reason = page.judge(uri)
        if reason is None and real is not None:
            rel = page.for_sphinx(real) if page.original is not None else uri
            reason = next(filter(None, map(page.refusal, page.opened(rel))), None)
            if reason is None:
                node["uri"] = rel
                return
        self._refuse(node, f"image '{cut(uri)}' is {reason}")
        node.replace_self(nodes.inline())

    def _download(self, page: _Page, node: addnodes.download_reference) -> None:
        target = node["reftarget"]
        if "://" in target:  # Sphinx makes it a plain link
            return
        real, reason = page.judge(target)
        if reason is None and real is not None:
            if page.original is not None:
                node["reftarget"] = page.for_sphinx(real)
            return
        what = "link to" if node.get("reftype") == "myst" else "download link to"
        self._refuse(node, f"{what} '{cut(target)}' copies a file into the site; it is {reason}")
        node.replace_self(nodes.inline("", "", *node.children))

    def _file_link(self, page: _Page, node: addnodes.pending_xref) -> None:
        """A MyST link to a file that exists from the page under ``handbook/`` but not from
        its copy: a download, like MyST makes of any other link to a file. A link out of the
        root is refused, whatever lies there and wherever the work folder is."""
        if node.get("reftype") != "myst" or node.get("refdomain"):
            return
        path = str(node["reftarget"]).split("#", 1)[0]
        if not path or SCHEME.match(path):
            return
        real = page.resolve(path)
        reason = page.refusal(real)
        if reason is not None:  # whether or not such a file exists: nothing is probed there
            self._refuse(node, f"link to '{cut(path)}' is a path {reason}")
            node.replace_self(nodes.inline("", "", *node.children))
            return
        if real is None or not real.is_file():
            return
        rel = page.for_sphinx(real)
        if self.env.path2doc(self.env.relfn2path(rel, self.env.docname)[1]):
            return  # a page: MyST links to it
        children = list(node.children) if node.get("refexplicit") else [nodes.literal(path, path)]
        download = addnodes.download_reference(
            "",
            "",
            *children,
            refdomain=None,
            reftarget=rel,
            refdoc=node.get("refdoc", self.env.docname),
            reftype="myst",
            refexplicit=node.get("refexplicit", False),
        )
        download.source, download.line = node.source, node.line
        node.replace_self(download)

    def _raw_html(self, node: nodes.raw) -> None:
        if "html" not in node.get("format", "").split():
            return
        reason = html_refusal(node.astext())
        if reason is not None:
            self._refuse(node, reason)
            node.replace_self(nodes.inline())

    def _math(self, node: nodes.Node) -> None:
        """MathJax, which shows math, comes from a CDN unless the configuration says else."""
        config = self.config
        path = str(getattr(config, "mathjax_path", ""))
        if config.html_math_renderer in (None, "mathjax") and remote(path):
            self._refuse(
                node,
                f"math needs MathJax, which the site would load from '{cut(path)}'; leave the "
                "math out, or serve MathJax from the site (mathjax_path in handbook/conf.py)",
            )


def _ancestors(node: nodes.Node) -> Iterable[nodes.Node]:
    current: nodes.Node | None = node
    while current is not None:
        yield current
        current = current.parent


_CHECKED_NODES = (
    nodes.image,
    addnodes.download_reference,
    addnodes.pending_xref,
    nodes.raw,
    nodes.math,
    nodes.math_block,
)


# --- front matter -------------------------------------------------------------------------------


def _check_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    """A hand-written page may not switch on MyST's ``substitution`` syntax: it evaluates
    Jinja expressions with the Sphinx environment at hand, which reads any file and runs
    code. The front matter of such a page is left out (its lines kept, blank)."""
    env = app.env
    rel = Path(env.doc2path(docname, base=False))
    generated: frozenset[str] = getattr(env, "usm_generated", frozenset())
    if not app.config.usm_pages or rel.as_posix() in generated:
        return
    if app.config.source_suffix.get(rel.suffix) != "markdown":
        return
    from myst_parser.config.main import TopmatterReadError, read_topmatter

    text = source[0]
    try:
        matter = read_topmatter(text)
    except TopmatterReadError:
        return  # MyST reports it, and uses none of it
    myst = matter.get("myst") if isinstance(matter, dict) else None
    extensions = myst.get("enable_extensions") if isinstance(myst, dict) else None
    if isinstance(extensions, str) or not isinstance(extensions, Iterable):
        return
    try:
        if "substitution" not in set(extensions):
            return
    except TypeError:  # unhashable entries: MyST refuses the setting itself
        return
    lines = text.splitlines(keepends=True)
    end = next(
        (i for i, s in enumerate(lines[1:], 1) if s.startswith(("---", "..."))), len(lines) - 1
    )
    line = next((i + 1 for i, s in enumerate(lines[:end]) if "substitution" in s), 1)
    _record(
        env,
        str(env.doc2path(docname)),
        line,
        "front matter switches on MyST's 'substitution' syntax, which evaluates expressions "
        "with access to the build; no page may run code",
    )
    source[0] = "\n" * (end + 1) + "".join(lines[end + 1 :])
