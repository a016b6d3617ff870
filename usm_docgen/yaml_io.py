"""Read one YAML file safely into plain data plus the line:column of every key and value."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from usm_docgen.diagnostics import Code, Diagnostic, error

try:  # libyaml's C parser is about nine times faster; fall back quietly where it is missing.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1024 * 1024
"""Largest file read (1 MiB): no handbook file comes near it."""
MAX_NODES = 200_000
"""Most values one file may expand to, aliases followed: stops alias bombs."""
MAX_CHARS = 4 * MAX_BYTES
"""Most characters of text one file may expand to, aliases followed (4 Mi): a long text
anchored once and referred to thousands of times is cheap to read but not to render."""
MAX_DEPTH = 64
"""Deepest nesting accepted: the format needs fewer than ten levels."""

KeyPath = tuple[str | int, ...]
"""Where a value sits in the data: mapping keys and list indexes from the top."""

_YAML = "tag:yaml.org,2002:"
_SAFE_SCALAR_TAGS = {
    f"{_YAML}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "binary", "value")
}
_SAFE_COLLECTION_TAGS = {f"{_YAML}{t}" for t in ("map", "seq", "set", "omap", "pairs")}
_MERGE = f"{_YAML}merge"
_STR = f"{_YAML}str"


class Position(NamedTuple):
    """A 1-based line and column in a source file."""

    line: int
    column: int


def _pos(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


@dataclass
class Document:
    """One file's plain data (JSON-ready: dates become ``YYYY-MM-DD`` strings) and its nodes.

    Positions are looked up from the node graph only when a diagnostic needs one, so a clean
    file costs no index at all.
    """

    path: str
    data: Any
    root: Node | None = None
    integral_floats: bool = False
    """Whether a float such as ``4.0`` was read (JSON Schema would take it for an integer)."""
    non_finite: bool = False
    """Whether ``.inf``, ``-.inf``, ``.nan`` or a float too large to hold was read."""
    text: str = ""
    """The file's text, to find a place inside a multi-line value."""

    def _walk(self, path: KeyPath) -> tuple[Node | None, Node | None, int]:
        """(key node, value node, how many parts matched) for ``path``."""
        node, key = self.root, None
        for depth, part in enumerate(path):
            if (
                isinstance(node, SequenceNode)
                and isinstance(part, int)
                and 0 <= part < len(node.value)
            ):
                node, key = node.value[part], None
            elif isinstance(node, MappingNode) and (entry := _entry(node, str(part))):
                key, node = entry
            else:
                return key, node, depth
        return key, node, len(path)

    def value_at(self, path: KeyPath) -> Position:
        """Where the value at ``path`` is written, or its nearest written parent."""
        _, node, _ = self._walk(path)
        return _pos(node) if node is not None else Position(1, 1)

    def key_at(self, path: KeyPath) -> Position:
        """Where the key of the entry at ``path`` is written (its value when it has no key)."""
        key, node, matched = self._walk(path)
        if matched == len(path) and key is not None:
            return _pos(key)
        return _pos(node) if node is not None else Position(1, 1)

    def node_at(self, path: KeyPath) -> Node | None:
        """The node of the value at ``path``, None when it is not written there."""
        _, node, matched = self._walk(path)
        return node if matched == len(path) else None

    def raw(self, path: KeyPath) -> str | None:
        """The source text of the scalar at ``path`` when YAML did not read it as text."""
        _, node, matched = self._walk(path)
        if matched == len(path) and isinstance(node, ScalarNode) and node.tag != _STR:
            return str(node.value)
        return None


def _entry(node: MappingNode, key: str) -> tuple[Node, Node] | None:
    merged: list[Node] = []
    for key_node, value_node in node.value:
        if key_node.tag == _MERGE:
            merged.extend(
                value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            )
        elif isinstance(key_node, ScalarNode) and key_node.value == key:
            return key_node, value_node
    for source in merged:
        if isinstance(source, MappingNode) and (found := _entry(source, key)):
            return found
    return None


class _Limit(Exception):
    """Raised inside the walk when a file expands past a bound; reported, never shown."""

    def __init__(self, message: str, node: Node, *, expands: bool = False) -> None:
        super().__init__(message)
        self.node = node
        self.expands = expands
        """True when aliases expand too far (blamed on the alias that crosses), not depth."""


class _Builder:
    """Turns a composed node graph into plain data, checking keys, tags and bounds."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.diagnostics: list[Diagnostic] = []
        self.count = 0
        self.chars = 0
        self.constructor = SafeConstructor()

    def report(self, code: Code, message: str, node: Node) -> None:
        pos = _pos(node)
        self.diagnostics.append(error(code, message, self.doc.path, pos.line, pos.column))

    def build(self, node: Node, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _Limit(
                f"the file expands to more than {MAX_NODES:,} values (aliases inside aliases?)",
                node,
                expands=True,
            )
        if depth > MAX_DEPTH:
            raise _Limit(
                f"the file nests deeper than {MAX_DEPTH} levels (or an alias refers to itself)",
                node,
            )
        if isinstance(node, ScalarNode):
            # Counted, not copied: an alias shares the anchored string, so the count is what
            # the pages would hold, while reading it costs nothing.
            self.chars += len(node.value)
            if self.chars > MAX_CHARS:
                raise _Limit(_TOO_LONG, node, expands=True)
            return node.value if node.tag == _STR else self.scalar(node)
        if node.tag not in _SAFE_COLLECTION_TAGS:
            self.tag_ok(node, _SAFE_COLLECTION_TAGS)  # reported; the content is still read
        if isinstance(node, SequenceNode):
            return [self.build(item, depth + 1) for item in node.value]
        assert isinstance(node, MappingNode)
        return self.mapping(node, depth)

    def tag_ok(self, node: Node, allowed: set[str]) -> bool:
        if node.tag in allowed:
            return True
        if node.tag.startswith(f"{_YAML}python/"):
            self.report(
                Code.UNSAFE_TAG,
                f"the tag '!!{node.tag[len(_YAML) :]}' could run code; it is refused and was "
                "not executed",
                node,
            )
        else:
            shown = node.tag[len(_YAML) :] if node.tag.startswith(_YAML) else node.tag
            self.report(
                Code.UNSAFE_TAG,
                f"unknown tag '{shown}': only plain YAML values are allowed (remove the tag)",
                node,
            )
        return False

    def scalar(self, node: ScalarNode) -> Any:
        if not self.tag_ok(node, _SAFE_SCALAR_TAGS):
            return node.value  # reported; read as the plain text it is, never constructed
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (ConstructorError, ValueError):
            # An impossible date such as 2026-02-30 matches YAML's timestamp pattern but does
            # not construct; keep the text so the schema reports it as a bad date.
            return node.value
        if isinstance(value, dt.datetime):
            return value.isoformat(sep=" ")
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, float) and not math.isfinite(value):
            self.doc.non_finite = True
        elif isinstance(value, float) and value.is_integer():
            self.doc.integral_floats = True
        return value

    def mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        explicit: dict[str, Node] = {}
        merged: list[MappingNode] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged.extend(self.merge_sources(value_node))
                continue
            if not isinstance(key_node, ScalarNode):
                self.report(
                    Code.YAML_SYNTAX, "a key must be plain text, not a list or mapping", key_node
                )
                continue
            if key_node.tag != _STR:
                self.tag_ok(key_node, _SAFE_SCALAR_TAGS)
            key = str(key_node.value)
            if key in explicit:
                first = _pos(explicit[key])
                self.report(
                    Code.DUPLICATE_KEY,
                    f"duplicate key '{key}' (first at line {first.line}); YAML would silently "
                    "keep only the last",
                    key_node,
                )
                continue
            explicit[key] = key_node
            out[key] = self.entry(key_node, value_node, depth)
        for source in merged:
            for key_node, value_node in source.value:
                key = str(key_node.value)
                if key not in out:
                    out[key] = self.entry(key_node, value_node, depth)
        return out

    def entry(self, key_node: Node, value_node: Node, depth: int) -> Any:
        self.chars += len(key_node.value) if isinstance(key_node, ScalarNode) else 0
        return self.build(value_node, depth + 1)

    def merge_sources(self, node: Node) -> Iterator[MappingNode]:
        items = node.value if isinstance(node, SequenceNode) else [node]
        for item in items:
            if isinstance(item, MappingNode):
                if item.tag not in _SAFE_COLLECTION_TAGS:
                    self.tag_ok(item, _SAFE_COLLECTION_TAGS)
                yield item
            else:
                self.report(
                    Code.YAML_SYNTAX, "a merge key '<<' needs a mapping or a list of mappings", item
                )


def load_text(
    raw: bytes, path: str, size: int | None = None
) -> tuple[Document | None, list[Diagnostic]]:
    """Parse one file's bytes. Returns the document (None when unreadable) and its problems.

    The C parser only composes nodes; values are built here so that every key and value keeps
    its position, duplicate keys are caught, and no tag ever constructs a Python object.
    """
    if len(raw) > MAX_BYTES:
        return None, [
            error(
                Code.FILE_TOO_LARGE,
                f"file is {size or len(raw):,} bytes, more than the {MAX_BYTES:,} allowed (1 MiB)",
                path,
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _line_col_bytes(raw, exc.start)
        return None, [
            error(
                Code.ENCODING,
                f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be read; save the file as UTF-8",
                path,
                line,
                column,
            )
        ]
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:
        line, column = _line_col_text(text, exc.position)
        return None, [
            error(
                Code.ENCODING,
                f"character U+{exc.character:04X} is not allowed in YAML (a control character)",
                path,
                line,
                column,
            )
        ]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_diagnostic(exc, text, path)]
    except yaml.YAMLError as exc:
        return None, [error(Code.YAML_SYNTAX, str(exc).splitlines()[0], path)]
    if root is None or (isinstance(root, ScalarNode) and root.tag == f"{_YAML}null"):
        return None, [error(Code.EMPTY_FILE, "the file is empty", path)]
    doc = Document(path, None, root, text=text)
    builder = _Builder(doc)
    try:
        doc.data = builder.build(root, 0)
    except _Limit as exc:
        pos = (_alias_crossing(text) if exc.expands else None) or _pos(exc.node)
        return None, [error(Code.YAML_LIMIT, str(exc), path, pos.line, pos.column)]
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        builder.diagnostics.append(
            error(Code.NOT_MAPPING, f"the file holds {kind}; it must be a mapping of keys", path)
        )
        return None, builder.diagnostics
    return doc, builder.diagnostics


_TOO_LONG = (
    f"the file expands to more than {MAX_CHARS:,} characters of text through aliases "
    "(a long text referred to many times?)"
)


def _alias_crossing(text: str) -> Position | None:
    """Where the alias is written that first takes the file past a bound.

    Values and characters are counted again from the parser's events, in the order they are
    written and as :class:`_Builder` counts them (keys add characters, not values), each alias
    as the size of what it refers to. Only run for a file already known to cross a bound.
    """
    values = chars = 0
    # per open list or mapping: [anchor, totals when it began, mapping?, entries seen]
    open_nodes: list[list[Any]] = []
    sizes: dict[str, tuple[int, int]] = {}
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionEndEvent):
                anchor, values_then, chars_then, *_ = open_nodes.pop()
                if anchor is not None:
                    sizes[anchor] = (values - values_then, chars - chars_then)
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            parent = open_nodes[-1] if open_nodes else None
            is_key = parent is not None and parent[3] and parent[4] % 2 == 0
            if parent is not None:
                parent[4] += 1
            if isinstance(event, yaml.AliasEvent):
                more_values, more_chars = sizes.get(str(event.anchor), (0, 0))
                values, chars = values + more_values, chars + more_chars
                mark = event.start_mark
                if (values > MAX_NODES or chars > MAX_CHARS) and mark is not None:
                    return Position(mark.line + 1, mark.column + 1)
            elif isinstance(event, yaml.ScalarEvent):
                values, chars = values + (not is_key), chars + len(event.value)
                if event.anchor is not None:
                    sizes[event.anchor] = (int(not is_key), len(event.value))
            elif isinstance(event, yaml.CollectionStartEvent):
                kind = isinstance(event, yaml.MappingStartEvent)
                open_nodes.append([event.anchor, values, chars, kind, 0])
                values += 1
    except yaml.YAMLError:  # pragma: no cover - the file composed a moment ago
        return None
    return None


def load_file(file: Any, display: str) -> tuple[Document | None, list[Diagnostic]]:
    """Read and parse one file from disk (``file`` is a path); see :func:`load_text`."""
    from pathlib import Path as _P

    p = _P(file)
    size = p.stat().st_size
    if size > MAX_BYTES:
        return None, [
            error(
                Code.FILE_TOO_LARGE,
                f"file is {size:,} bytes, more than the {MAX_BYTES:,} allowed",
                display,
            )
        ]
    return load_text(file.read_bytes(), display)


def _syntax_diagnostic(exc: yaml.MarkedYAMLError, text: str, path: str) -> Diagnostic:
    problem = exc.problem or "invalid YAML"
    mark = exc.problem_mark
    context = exc.context or ""
    if "maximum nesting depth" in problem:
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        return error(
            Code.YAML_LIMIT, f"the file nests deeper than {MAX_DEPTH} levels", path, line, column
        )
    if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
        message = "a tab character: YAML indentation must use spaces, not tabs"
    elif (
        context == "while parsing a flow node"
        and mark is not None
        and (opener_at := _unclosed_bracket(text, mark.index))
    ):
        line, column, char = opener_at
        return error(
            Code.YAML_SYNTAX,
            f"'{char}' opened here is never closed ({problem}; the "
            f"parser gave up at line {mark.line + 1})",
            path,
            line,
            column,
        )
    elif (
        context.startswith(
            ("while parsing a flow s", "while parsing a flow m", "while scanning a quoted")
        )
        and exc.context_mark is not None
    ):
        # Report where the bracket or quote was opened: that is what the owner must close.
        opener = {"sequence": "'['", "mapping": "'{'"}.get(context.rsplit(" ", 1)[-1], "quote")
        assert mark is not None
        message = (
            f"{opener} opened here is never closed ({problem}; the parser gave up at "
            f"line {mark.line + 1})"
        )
        mark = exc.context_mark
    elif (plain := _plain_words(problem, context)) is not None:
        message = plain
        if "simple key" in context and exc.context_mark is not None:
            mark = exc.context_mark  # the line that lacks its ':', not where the scan gave up
        if mark is not None:  # at the start of the line's text: the indentation is the fault
            start = text.split("\n")[mark.line] if mark.line < text.count("\n") + 1 else ""
            column = len(start) - len(start.lstrip(" "))
            return error(Code.YAML_SYNTAX, message, path, mark.line + 1, column + 1)
    else:
        message = (
            f"{problem} {context}"
            if context.startswith("while")
            else (f"{context}, {problem}" if context else problem)
        )
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return error(Code.YAML_SYNTAX, message, path, line, column)


INDENTATION = (
    "the indentation of this line does not match the lines above: indent a key of the same "
    "list item or mapping exactly as far as the keys before it"
)


def _plain_words(problem: str, context: str) -> str | None:
    """PyYAML's complaints about indentation, said as a process owner can act on them."""
    if problem == "mapping values are not allowed in this context":
        return f"{INDENTATION} (or, if this line's value holds ': ', put the value in quotes)"
    if problem.startswith("expected <block end>") or (
        problem.startswith("did not find expected") and "block" in context
    ):
        return INDENTATION
    if problem == "could not find expected ':'" and "simple key" in context:
        return (
            "this line is neither 'key: value' nor a list item ('- '): a ':' is missing, or "
            "the text belongs to the line above and needs the same indentation as its value"
        )
    return None


def _line_col_text(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    line = before.count("\n") + 1
    return line, index - (before.rfind("\n") + 1) + 1


def _line_col_bytes(raw: bytes, index: int) -> tuple[int, int]:
    before = raw[:index]
    line = before.count(b"\n") + 1
    start = before.rfind(b"\n") + 1
    return line, len(before[start:].decode("utf-8", errors="replace")) + 1


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column : column + 1] if line < len(lines) else ""


def _unclosed_bracket(text: str, end: int) -> tuple[int, int, str] | None:
    """Line, column and character of the last '[' or '{' left open before ``end``."""
    stack: list[int] = []
    quote = ""
    for i, char in enumerate(text[:end]):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or text[i - 1] in " \n"):
            quote = "\n"  # a comment runs to the end of the line
        elif char in "[{":
            stack.append(i)
        elif char in "]}" and stack:
            stack.pop()
    if not stack:
        return None
    line, column = _line_col_text(text, stack[-1])
    return line, column, text[stack[-1]]
