"""What a Markdown field may hold: CommonMark, nothing that acts at build time or loads elsewhere.

A Markdown field is written by any staff member and built in CI, so it is untrusted. The
check reads the field with the very parser the build uses (MyST's markdown-it set-up), so
what it refuses is what MyST would have acted on: directive syntax inside a code block or
inline code is text, and no error. Positions are lines and columns *inside the field*; the
catalogue turns them into places in the YAML file.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from usm_docgen.diagnostics import Code

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

MYST_EXTENSIONS = ("colon_fence", "deflist", "attrs_inline", "attrs_block")
"""The MyST syntax extensions every page is parsed with (fields included)."""
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
FIELD_DIRECTIVE = "usm-markdown"
"""The directive a generated page shows a Markdown field with (``sphinx_fields``)."""
FILES_FOLDER = "_usm_files"
"""Where, in the Sphinx source folder, the files that fields show (images) are copied."""

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
# A field with none of these can hold no construct the check looks for; most prose has none,
# and most fields skip the parser (it would cost a second per thousand workflows).
_MAYBE = re.compile(r"[`~{#<\[]|:::|\)=|^[ \t]*(?:=+|-+)[ \t]*$", re.MULTILINE)
# What markdown-it itself puts on tokens; anything else came from MyST's attribute syntax.
_OWN_ATTRIBUTES = frozenset({"href", "title", "src", "alt", "start", "style"})


@dataclass(frozen=True)
class Problem:
    """One thing a field may not hold, at a 0-based line and column of the field's text."""

    code: Code
    message: str
    line: int
    column: int


class MarkdownText(str):
    """A Markdown field's text that remembers where it is written, so a page built from it
    can send the reader of a warning back to the YAML: ``source`` is the file relative to
    the handbook root, ``line`` and ``column`` (1-based) where the text starts, and
    ``literal`` whether its lines are the file's lines one for one (a ``|`` block), and
    ``key`` the field's name."""

    source: str
    line: int
    column: int
    literal: bool
    key: str

    def __new__(
        cls, text: str, source: str, line: int, column: int, *, literal: bool, key: str
    ) -> MarkdownText:
        self = super().__new__(cls, text)
        self.source, self.line, self.column = source, line, column
        self.literal, self.key = literal, key
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        args = (str(self), self.source, self.line, self.column, self.literal, self.key)
        return (_markdown_text, args)

    def where(self) -> str:
        """``source:line:column literal|folded key``, as a field block carries it."""
        style = "literal" if self.literal else "folded"
        return f"{self.source}:{self.line}:{self.column} {style} {self.key}"


def _markdown_text(
    text: str, source: str, line: int, column: int, literal: bool, key: str
) -> MarkdownText:
    return MarkdownText(text, source, line, column, literal=literal, key=key)


@cache
def parser() -> MarkdownIt:
    """MyST's parser as the build configures it, but keeping every link so that a
    ``javascript:`` one is seen (markdown-it would quietly leave it as text)."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    md = create_md_parser(MdParserConfig(enable_extensions=set(MYST_EXTENSIONS)), RendererHTML)
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def check(text: str, key: str, is_file: Callable[[str], bool]) -> list[Problem]:
    """Every construct in ``text`` (the field ``key``) that a Markdown field may not hold.

    ``is_file(rel)`` says whether ``rel`` (a posix path from the handbook root, already
    known not to leave it) is a regular file inside the root, for images.
    """
    if not _MAYBE.search(text):
        return []
    return list(_Checker(text, key, is_file).run())


class _Checker:
    def __init__(self, text: str, key: str, is_file: Callable[[str], bool]) -> None:
        self.text, self.key, self.is_file = text, key, is_file
        self.lines = text.split("\n")
        self.reported_hrefs: set[str] = set()

    def run(self) -> Iterator[Problem]:
        env: dict[str, Any] = {}
        tokens = parser().parse(self.text, env)
        for name, ref in sorted(env.get("references", {}).items(), key=lambda r: r[1]["map"]):
            line = ref["map"][0] if ref.get("map") else 0
            yield from self.href(ref["href"], line, self.column_of(line, "]:"), name)
        for duplicate in env.get("duplicate_refs", ()):
            line = duplicate["map"][0]
            yield self.problem(
                Code.MD_TARGET,
                f"link reference '[{duplicate['label'][:40]}]' in '{self.key}' is defined twice; "
                "keep one definition",
                line,
                self.first_column(line),
            )
        for token in tokens:
            yield from self.block(token)
            for child in token.children or ():
                yield from self.inline(child, token)

    # places ----------------------------------------------------------------------------

    def first_column(self, line: int) -> int:
        text = self.lines[line] if 0 <= line < len(self.lines) else ""
        return len(text) - len(text.lstrip(" \t>-*+0123456789.)"))

    def column_of(self, line: int, needle: str) -> int:
        text = self.lines[line] if 0 <= line < len(self.lines) else ""
        found = text.find(needle)
        return found if found >= 0 else self.first_column(line)

    def find(
        self, block: Token, needles: tuple[str, ...], *, past: bool = False
    ) -> tuple[int, int]:
        """Where the first of ``needles`` stands in the lines of ``block``; with ``past``,
        just after a needle other than the first (a link's ``](`` is followed by its target).
        """
        start, end = block.map if block.map else (0, 1)
        for n, needle in enumerate(needles):
            if not needle:
                continue
            for line in range(start, min(end, len(self.lines))):
                found = self.lines[line].find(needle)
                if found >= 0:
                    return line, found + (len(needle) if n and past else 0)
        return start, self.first_column(start)

    def problem(self, code: Code, message: str, line: int, column: int) -> Problem:
        return Problem(code, message, line, column)

    # blocks ----------------------------------------------------------------------------

    def block(self, token: Token) -> Iterator[Problem]:
        line = token.map[0] if token.map else 0
        key = self.key
        if token.type in ("fence", "colon_fence"):
            info = token.info.strip()
            if info.startswith("{"):
                name = info[1:].split("}", 1)[0]
                column = self.column_of(line, token.markup)
                if name == "eval-rst":
                    yield self.problem(
                        Code.MD_EVAL_RST,
                        f"'{{eval-rst}}' in '{key}': reStructuredText is not allowed in a "
                        "Markdown field; write Markdown, or a plain code block (no braces "
                        "after the fence) to show it",
                        line,
                        column,
                    )
                else:
                    yield self.problem(
                        Code.MD_DIRECTIVE,
                        f"directive '{{{name[:40]}}}' in '{key}': directives are not allowed in "
                        "a Markdown field; write it as a plain code block (no braces after "
                        "the fence) if you mean to show it",
                        line,
                        column,
                    )
            elif token.type == "colon_fence":
                yield self.problem(
                    Code.MD_DIRECTIVE,
                    f"'{token.markup}' block in '{key}': MyST's colon fences are not allowed in "
                    "a Markdown field; use a plain code block (```) to show text as it is",
                    line,
                    self.column_of(line, token.markup),
                )
            if not self.closed(token):
                yield self.problem(
                    Code.MD_UNCLOSED,
                    f"code fence '{token.markup}' in '{key}' is never closed; close it with "
                    f"'{token.markup}' on a line of its own",
                    line,
                    self.column_of(line, token.markup),
                )
        elif token.type == "front_matter":
            yield self.problem(
                Code.MD_DIRECTIVE,
                f"front matter (a block between '---' lines at the start) in '{key}': it sets "
                "page options at build time; start the field with text",
                line,
                0,
            )
        elif token.type == "myst_target":
            yield self.problem(
                Code.MD_TARGET,
                f"target '({token.content[:40]})=' in '{key}': targets are not allowed in a "
                "Markdown field; leave it out",
                line,
                self.first_column(line),
            )
        elif token.type == "footnote_reference_open":
            yield self.problem(
                Code.MD_TARGET,
                f"footnote in '{key}': footnotes are not allowed in a Markdown field; write "
                "the note in the text",
                line,
                self.first_column(line),
            )
        elif token.type == "heading_open":
            yield self.problem(
                Code.MD_HEADING,
                f"heading in '{key}': headings are not allowed in a Markdown field (the page "
                "has its own); write a line in bold (**…**) instead",
                line,
                self.first_column(line),
            )
        if (
            set(token.attrs) - _OWN_ATTRIBUTES
            and token.nesting != -1
            and token.type != "myst_target"  # MyST marks its targets with a class
        ):
            at = line
            while at > 0 and not self.lines[at].lstrip().startswith("{"):
                at -= 1
            if not self.lines[at].lstrip().startswith("{"):
                at = line
            yield self.attributes(at, self.column_of(at, "{"))

    def closed(self, token: Token) -> bool:
        """Whether a fence has its closing line (an unclosed one runs to the end)."""
        total = len(self.lines) - (1 if self.text.endswith("\n") else 0)
        if not token.map or token.map[1] < total:
            return True
        last = token.map[1] - 1
        if last <= token.map[0]:
            return False
        closing = self.lines[last].lstrip(" \t>").rstrip()
        marker = token.markup[0]
        return len(closing) >= len(token.markup) and set(closing) == {marker}

    def attributes(self, line: int, column: int) -> Problem:
        return self.problem(
            Code.MD_ATTRIBUTES,
            f"attribute syntax '{{…}}' in '{self.key}': Markdown fields are CommonMark, nothing "
            "more; leave the braces out or write \\{ to show one",
            line,
            column,
        )

    # inline ----------------------------------------------------------------------------

    def inline(self, token: Token, block: Token) -> Iterator[Problem]:
        if token.type == "myst_role":
            name = str(token.meta.get("name", ""))
            line, column = self.find(block, (f"{{{name}}}`",))
            yield self.problem(
                Code.MD_ROLE,
                f"role '{{{name[:40]}}}' in '{self.key}': roles are not allowed in a Markdown "
                "field; put it in backticks to show it as code",
                line,
                column,
            )
        elif token.type == "footnote_ref":
            line, column = self.find(block, ("[^",))
            yield self.problem(
                Code.MD_TARGET,
                f"footnote in '{self.key}': footnotes are not allowed in a Markdown field; "
                "write the note in the text",
                line,
                column,
            )
        elif token.type == "image":
            src = str(token.attrGet("src") or "")
            line, column = self.find(block, (src, "!["))
            yield from self.image(src, line, column)
        elif token.type == "link_open":
            href = str(token.attrGet("href") or "")
            line, column = self.find(
                block, (href, "<" if token.markup == "autolink" else "]("), past=True
            )
            yield from self.href(href, line, column, None)
        if token.type == "span_open" or (set(token.attrs) - _OWN_ATTRIBUTES):
            line, column = self.find(block, ("]{", "`{", "){", "{"))
            yield self.attributes(line, column)

    def href(self, href: str, line: int, column: int, _ref: str | None) -> Iterator[Problem]:
        target = _CONTROL.sub("", html.unescape(unquote(href)))
        if target in self.reported_hrefs:
            return
        scheme = _SCHEME.match(target)
        if scheme is not None:
            if scheme.group(1).lower() not in SAFE_SCHEMES:
                self.reported_hrefs.add(target)
                yield self.problem(
                    Code.UNSAFE_LINK,
                    f"link to '{target[:60]}' in '{self.key}': only http, https, mailto, "
                    "relative links and #anchors are allowed",
                    line,
                    column,
                )
        elif not target.startswith("#") and leaves_root(target.split("#", 1)[0]):
            self.reported_hrefs.add(target)
            yield self.problem(
                Code.MD_LINK_OUTSIDE,
                f"link to '{target[:60]}' in '{self.key}': a relative link is a path from the "
                "site's root and may not leave it (no leading '/', no '..' past the root, "
                "no backslash)",
                line,
                column,
            )

    def image(self, src: str, line: int, column: int) -> Iterator[Problem]:
        path = _CONTROL.sub("", html.unescape(unquote(src)))
        if _SCHEME.match(path) or not path or leaves_root(path):
            yield self.problem(
                Code.MD_IMAGE,
                f"image '{path[:60]}' in '{self.key}': an image must be a file inside the "
                "handbook root, given by its path from the root (no URL: the site never loads "
                "anything from elsewhere)",
                line,
                column,
            )
        elif not self.is_file(image_path(path)):
            yield self.problem(
                Code.MD_IMAGE,
                f"image '{path[:60]}' in '{self.key}': no such file in the handbook root "
                "(the path is read from the handbook root)",
                line,
                column,
            )


def leaves_root(path: str) -> bool:
    """Whether a relative path from the root would leave it (or is not relative at all)."""
    if path.startswith(("/", "~")) or "\\" in path or "\x00" in path:
        return True
    return posixpath.normpath(path or ".").split("/", 1)[0] == ".."


def image_path(src: str) -> str:
    """The file (posix path from the root) an image ``src`` that stays in the root names."""
    return posixpath.normpath(_CONTROL.sub("", html.unescape(unquote(src))).split("?", 1)[0])


# --- from a place in the text to a place in the YAML file ---------------------------------


def source_offset(source: str, begin: int, end: int, value: str, target: int) -> int:
    """Where in ``source`` the character ``value[target]`` is written.

    ``source[begin:end]`` is the YAML text of a scalar whose value is ``value``. Outside
    escapes and folding, every non-space character of a value stands in the source in
    order; a character written as an escape (``\\u00e9``) is looked for a few characters
    ahead and otherwise skipped. Spaces and line breaks map to the next character shown.
    """
    j = begin
    for i, char in enumerate(value):
        if char in " \t\r\n":
            continue
        k, skipped = j, 0
        while k < end and source[k] != char:
            if source[k] not in " \t\r\n":
                skipped += 1
                if skipped > 12:
                    k = end
                    break
            k += 1
        if k < end:
            if i >= target:
                return k
            j = k + 1
        elif i >= target:
            return j
    return min(j, max(begin, end - 1))
