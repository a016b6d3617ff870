"""Markdown fields in generated pages, each parsed on its own, and warnings sent to the YAML.

A Markdown field reaches its page as a ``usm-markdown`` block (``render.markdown``). The
block checks the text again with the rules ``validate`` applies (defence in depth: a page
that bypassed validation still runs nothing), then parses it alone, with file insertion and
raw output switched off, so nothing inside can open or close structure around it. Any
warning Sphinx or docutils raises about a generated page is reported at the YAML file and
line it came from, never at the private work copy.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging as sphinx_logging
from sphinx.util.docutils import SphinxDirective

from usm_docgen import markdown_check
from usm_docgen.markdown_check import FIELD_DIRECTIVE, FILES_FOLDER

logger = sphinx_logging.getLogger(__name__)

_BLOCK = re.compile(r"^(`{3,})\{usm-markdown\}\n:source: (\S+?):(\d+):(\d+) (literal|folded) ")
_STEP = re.compile(r"^\(usm-step\.[a-z0-9-]+\.([a-z0-9-]+)\)=$")
# Node types that only directives and roles make: a field must never yield one.
_FORBIDDEN = (
    addnodes.pending_xref,
    addnodes.download_reference,
    addnodes.toctree,
    addnodes.only,
    nodes.target,
    nodes.substitution_definition,
    nodes.meta,
)


class RefusedField(ExtensionError):
    """A Markdown field held what it may not (``validate`` refuses it first)."""


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive(FIELD_DIRECTIVE, MarkdownField)
    app.connect("builder-inited", _start)
    app.connect("build-finished", _finish, priority=100)
    return {"parallel_read_safe": False, "parallel_write_safe": True}


def _source_option(argument: str) -> str:
    return directives.unchanged_required(argument)


class MarkdownField(SphinxDirective):
    """One Markdown field of the handbook, checked and parsed on its own."""

    has_content = True
    option_spec = {"source": _source_option}  # noqa: RUF012 (docutils' interface)

    def run(self) -> list[nodes.Node]:
        text = "\n".join(self.content)
        # usm_root is usm_docgen's setting; a bare Sphinx project (tests) reads from its sources
        root = Path(getattr(self.config, "usm_root", None) or self.env.srcdir)
        place = Place.parse(self.options.get("source", ""), str(root))
        problems = markdown_check.check(
            text, place.key, lambda rel: _root_file(root, rel) is not None
        )
        renderer = getattr(self.state, "_renderer", None)
        if problems or renderer is None:
            for problem in problems:
                _refuse(
                    self.env,
                    place.at(problem.line, problem.column),
                    problem.message,
                    problem.code.full,
                )
            return [nodes.literal_block(text, text)]
        parsed = nodes.container()
        settings = self.state.document.settings
        saved = (settings.file_insertion_enabled, settings.raw_enabled)
        saved_config, saved_env = renderer.md_config, renderer.md_env
        settings.file_insertion_enabled = settings.raw_enabled = False
        # Links are the author's URLs, never resolved as documents or files (a relative one
        # would otherwise be copied into _downloads/); references stay within the field.
        renderer.md_config = dataclasses.replace(saved_config, all_links_external=True)
        renderer.md_env = {key: value for key, value in saved_env.items() if key != "references"}
        try:
            self.state.nested_parse(self.content, self.content_offset, parsed)
        finally:
            settings.file_insertion_enabled, settings.raw_enabled = saved
            renderer.md_config, renderer.md_env = saved_config, saved_env
        for node in list(parsed.findall(lambda n: isinstance(n, _FORBIDDEN))):
            _refuse(
                self.env,
                place.at(max(0, (node.line or self.content_offset) - self.content_offset - 1), 0),
                f"a Markdown field produced a {type(node).__name__} node; only CommonMark is "
                "allowed",
                "usm.md-directive",
            )
            node.parent.remove(node)
        self._links(parsed)
        self._images(parsed, root, place)
        return list(parsed.children)

    def _links(self, parsed: nodes.Element) -> None:
        """A relative link is a path from the site's root: make it one from this page."""
        up = "../" * self.env.docname.count("/")
        for ref in parsed.findall(nodes.reference):
            uri = ref.get("refuri", "")
            if uri and not uri.startswith("#") and not re.match(r"^[a-zA-Z][\w+.-]*:", uri):
                ref["refuri"] = up + uri

    def _images(self, parsed: nodes.Element, root: Path, place: Place) -> None:
        """An image is a file of the handbook root: copy it among the sources, show the copy."""
        srcdir = Path(self.env.srcdir)
        for image in list(parsed.findall(nodes.image)):
            rel = markdown_check.image_path(image.get("uri", ""))
            source = None if markdown_check.leaves_root(rel) else _root_file(root, rel)
            if source is None:
                _refuse(
                    self.env,
                    place.at(0, 0),
                    f"image '{rel[:60]}' is not a file inside the handbook root",
                    "usm.md-image",
                )
                image.parent.remove(image)
                continue
            target = srcdir / FILES_FOLDER / rel
            if not target.is_file() or target.read_bytes() != source.read_bytes():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
            self.env.note_dependency(str(source))
            image["uri"] = f"/{FILES_FOLDER}/{rel}"


def _root_file(root: Path, rel: str) -> Path | None:
    """``root/rel`` when it is a regular file whose real path stays inside the root."""
    try:
        path = (root / rel).resolve(strict=True)
        path.relative_to(root.resolve())
        return path if stat.S_ISREG(path.stat().st_mode) else None
    except (OSError, ValueError):
        return None


@dataclasses.dataclass(frozen=True)
class Place:
    """Where a field is written: the YAML file (absolute), its first line and column, and
    whether the field's lines are the file's lines one for one."""

    path: str
    line: int
    column: int
    literal: bool
    key: str

    @classmethod
    def parse(cls, option: str, root: str) -> Place:
        """From ``path:line:column literal|folded key`` (see ``MarkdownText.where``)."""
        where, style, key = ([*option.split(" ", 2), "", ""])[:3]
        rel, line, column = ([*where.rsplit(":", 2), "1", "1"])[:3]
        number = (int(line) if line.isdigit() else 1, int(column) if column.isdigit() else 1)
        return cls(str(Path(root, rel)), *number, style == "literal", key or "text")

    def at(self, line: int, column: int) -> str:
        """``path:line:column`` of a 0-based place inside the field."""
        if not self.literal:
            return f"{self.path}:{self.line}:{self.column}"
        return f"{self.path}:{self.line + line}:{self.column + column}"


def _refuse(env: Any, location: str, message: str, code: str) -> None:
    logger.error(message, type="usm", subtype=code[4:], location=location)
    env.usm_refused = [*getattr(env, "usm_refused", []), location]


# --- the build fails when a field was refused ------------------------------------------------


def _start(app: Sphinx) -> None:
    app.env.usm_refused = []  # type: ignore[attr-defined]
    srcdir = str(Path(app.srcdir).resolve())
    for handler in logging.getLogger(sphinx_logging.NAMESPACE).handlers:
        for old in [f for f in handler.filters if isinstance(f, YamlLocations)]:
            handler.removeFilter(old)
        handler.addFilter(YamlLocations(app, srcdir))


def _finish(app: Sphinx, exception: BaseException | None) -> None:
    refused: list[str] = getattr(app.env, "usm_refused", [])
    if exception is None and refused:
        app.env.usm_refused = []  # type: ignore[attr-defined]
        raise RefusedField(
            f"{len(refused)} Markdown field(s) held what a Markdown field may not "
            f"(first at {refused[0]}); nothing was published"
        )


# --- warnings about generated pages point at the YAML ---------------------------------------


class YamlLocations(logging.Filter):
    """Rewrites the location of a warning about a page in the work folder: a generated page
    to the YAML file and line its text came from, a hand-written page to the original."""

    def __init__(self, app: Sphinx, srcdir: str) -> None:
        super().__init__()
        self.app, self.prefix = app, srcdir + "/"
        self.maps: dict[str, list[tuple[int, str, int, int, bool]]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        location = getattr(record, "location", None)
        if isinstance(location, str) and location.startswith(self.prefix):
            record.location = self.translate(location[len(self.prefix) :])
        return True

    def translate(self, rest: str) -> str:
        rel, _, line_text = rest.partition(":")
        line = int(line_text.split(":", 1)[0]) if line_text.split(":", 1)[0].isdigit() else 0
        config = self.app.config
        root = Path(getattr(config, "usm_root", None) or self.app.srcdir)
        pages = getattr(config, "usm_pages", None)
        generated: frozenset[str] = getattr(self.app.env, "usm_generated", frozenset())
        if rel in generated:
            for start, path, yaml_line, column, literal in reversed(self._map(rel)):
                if line >= start:
                    offset = line - start if literal else 0
                    return f"{root / path}:{yaml_line + offset}:{column}"
            return f"{root / _page_file(rel)}:1"
        if pages and Path(pages, rel).is_file():
            return f"{Path(pages, rel)}{':' + str(line) if line else ''}"
        return f"{self.prefix}{rest}"

    def _map(self, rel: str) -> list[tuple[int, str, int, int, bool]]:
        """(first page line, YAML file, line, column, literal) of each part of a page."""
        if rel not in self.maps:
            self.maps[rel] = list(_page_map(rel, Path(self.app.srcdir, rel), self.app))
        return self.maps[rel]


def _page_file(rel: str) -> str:
    """The YAML file a generated page is made from, when it is mostly one."""
    folder, _, name = rel.rpartition("/")
    by_folder = {"profiles": "conf/profiles.yaml", "practices": "conf/practices.yaml"}
    if folder == "workflows" and name != "index.md":
        return f"workflows/{name[:-3]}.yaml"
    if folder in by_folder:
        return by_folder[folder]
    return {
        "governance.md": "conf/governance.yaml",
        "improvement.md": "conf/improvement.yaml",
    }.get(rel, "conf/handbook.yaml")


def _page_map(rel: str, page: Path, app: Sphinx) -> Iterator[tuple[int, str, int, int, bool]]:
    """Each field block of a generated page, and each step section of a workflow page."""
    try:
        lines = page.read_text("utf-8").split("\n")
    except OSError:
        return
    source = _page_file(rel)
    yield 1, source, 1, 1, False
    steps: dict[str, int] = getattr(app, "usm_step_lines", {}).get(rel[:-3], {})
    end: str | None = None
    for number, text in enumerate(lines, start=1):
        if end is not None:
            if text.strip() == end:
                yield number + 1, source, 1, 1, False
                end = None
            continue
        step = _STEP.match(text)
        if step and step.group(1) in steps:
            yield number, source, steps[step.group(1)], 1, False
            continue
        if "{usm-markdown}" in text and number < len(lines):
            found = _BLOCK.match(f"{text.strip()}\n{lines[number].strip()}")
            if found:
                end = found.group(1)
                # the block's content starts two lines below its ':source:' line
                yield (
                    number + 3,
                    found.group(2),
                    int(found.group(3)),
                    int(found.group(4)),
                    found.group(5) == "literal",
                )
