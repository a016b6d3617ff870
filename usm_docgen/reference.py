"""The handbook's reference pages (source format, error codes, command line), generated from code.

Each page is built from the thing it documents: the JSON Schemas, :data:`CODE_DOCS` and the
argparse parser. A new key, code or option therefore shows up in the reference by itself, and
a description can only be wrong in one place. Text taken from those sources is plain text, so
it is escaped for MyST; only the Markdown written here uses Markdown syntax.
"""

from __future__ import annotations

import argparse
import json
import re
import string
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from usm_docgen import commands, exits, mermaid, raw_html, schema, usm, yaml_io
from usm_docgen.diagnostics import CODE_DOCS, Code, Severity, error, format_json, format_text

TITLES: dict[str, dict[str, str]] = {
    "format": {"nl": "Bronformaat", "en": "Source format"},
    "errors": {"nl": "Foutcodes", "en": "Error codes"},
    "cli": {"nl": "Opdrachtregel", "en": "Command line"},
    "changes": {"nl": "Wijzigingen als JSON", "en": "Changes as JSON"},
}
"""Page titles per handbook language; the pages themselves describe the tool, in English."""

_NL_NOTE = (
    "Deze naslag beschrijft het hulpmiddel usm-docgen en is daarom, net als de sleutels, "
    "in het Engels."
)


def reference_pages(language: str) -> dict[str, str]:
    """The three reference pages as MyST Markdown, by docname; same input, same bytes."""
    return {
        "reference/format": format_page(language),
        "reference/errors": errors_page(language),
        "reference/cli": cli_page(language),
        "reference/changes": changes_page(language),
    }


# --- Markdown helpers ------------------------------------------------------------------------

_PUNCTUATION = frozenset(string.punctuation)
_DOUBLE_BACKTICKS = re.compile(r"``(.+?)``")


def escape(text: str) -> str:
    """Plain text as MyST that renders exactly as written (whitespace folded to spaces)."""
    folded = re.sub(r"\s+", " ", text)
    return "".join("\\" + c if c in _PUNCTUATION else c for c in folded)


def code(text: str) -> str:
    """An inline code span holding ``text`` verbatim, whatever backticks it contains."""
    runs = [len(r) for r in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _cell_code(text: str) -> str:
    """A code span that is safe inside a table row (a ``|`` would split the cell)."""
    return escape(text) if "|" in text else code(text)


def _docs_text(text: str) -> str:
    """Our own documentation strings: RST-style ````literal```` becomes code, the rest is text."""
    out: list[str] = []
    last = 0
    for match in _DOUBLE_BACKTICKS.finditer(text):
        out += [escape(text[last : match.start()]), code(match.group(1))]
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def _title(page: str, language: str) -> list[str]:
    lines = [f"(usm-reference-{page})=", f"# {TITLES[page]['nl' if language == 'nl' else 'en']}"]
    if language == "nl":
        lines += ["", f"*{escape(_NL_NOTE)}*"]
    return lines


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _ref(label: str, text: str) -> str:
    """A link to a ``(label)=`` target on any reference page; ``text`` is Markdown."""
    return f"[{text}](#{label})"


def _code_ref(code_: Code) -> str:
    return _ref(f"usm-code-{code_.value}", code(code_.full))


# --- YAML examples ---------------------------------------------------------------------------


def _yaml_flow(value: Any, *, date: bool = False) -> str:
    """``value`` as a one-line YAML flow value a process owner could paste into a file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml_flow(v)}" for k, v in value.items()) + "}"
    text = str(value)
    if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text  # dates may be written unquoted: the format reads them either way
    try:
        plain_ok = yaml.safe_load(f"[{text}]") == [text] and text == text.strip()
    except yaml.YAMLError:
        plain_ok = False
    return text if plain_ok else json.dumps(text, ensure_ascii=False)


# --- the source format -----------------------------------------------------------------------


@dataclass(frozen=True)
class KeyRow:
    """One key of a file kind, as the format reference lists it."""

    path: str
    value: str
    required: bool
    default: Any
    description: str
    examples: tuple[str, ...]


_MISSING = object()
_DEF_WORDS = {
    "id": ("id", "ids"),
    "date": ("date YYYY-MM-DD", "dates YYYY-MM-DD"),
    "text": ("text", "texts"),
    "markdown": ("Markdown", "Markdown texts"),
    "raci": ("RACI mapping", "RACI mappings"),
    "process": ("USM process", "USM processes"),
    "step_kind": ("step kind", "step kinds"),
}
"""Plain words for the shared value types (``$defs``); an unknown one is named after itself."""


def file_path(kind: str) -> str:
    """Where a file of ``kind`` lives in a handbook root."""
    return "workflows/<id>.yaml" if kind == "workflow" else f"conf/{kind}.yaml"


def _def_name(node: dict[str, Any]) -> str | None:
    ref = node.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """``node`` with its ``$ref`` followed; the node's own keywords win over the definition's."""
    name = _def_name(node)
    if name is None:
        return node
    own = {k: v for k, v in node.items() if k != "$ref"}
    return {**_resolve(defs[name], defs), **own}


def _def_words(name: str, plural: bool) -> str:
    singular, many = _DEF_WORDS.get(name, (name.replace("_", " "), name.replace("_", " ")))
    return _ref(f"usm-type-{name}", many if plural else singular)


def _figure(value: float) -> str:
    """A bound as people read it: 120, or 10¹² rather than 1000000000000."""
    if abs(value) >= 10**6 and abs(value) == 10 ** (digits := len(str(abs(int(value)))) - 1):
        return f"{'-' if value < 0 else ''}10{str(digits).translate(_SUPERSCRIPT)}"
    return f"{value:,}"


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _value_words(node: dict[str, Any], defs: dict[str, Any], *, plural: bool = False) -> str:
    """The type of a value in plain words: ``list of ids, at least 1``, ``one of: a | b``."""
    name = _def_name(node)
    if name is not None:
        return _def_words(name, plural)
    if "anyOf" in node or "oneOf" in node:
        branches = node.get("anyOf") or node.get("oneOf") or []
        return " or ".join(_value_words(b, defs, plural=plural) for b in branches)
    kind = node.get("type")
    if "enum" in node:
        return "one of: " + " \\| ".join(_cell_code(str(v)) for v in node["enum"])
    if kind == "array":
        words = "list of " + _value_words(node.get("items", {}), defs, plural=True)
        if node.get("minItems"):
            words += f", at least {node['minItems']}"
        return words
    if kind == "object":
        if "properties" in node:
            words = "mappings" if plural else "mapping"
            return words + " (keys below)"
        values = node.get("additionalProperties")
        names = node.get("propertyNames", {}).get("pattern")
        keys = _def_words("id", False) if names == schema.ID_PATTERN else "key"
        if isinstance(values, dict):
            return f"mapping of {keys} → {_value_words(values, defs)}"
        return "mapping"
    if kind in ("integer", "number"):
        low, high = node.get("minimum"), node.get("maximum")
        words = {"integer": "whole number", "number": "number"}[kind] + ("s" if plural else "")
        if low is not None and high is not None:
            return f"{words} from {_figure(low)} to {_figure(high)}"
        if low is not None:
            return f"{words} ≥ {_figure(low)}"
        return words
    if kind == "boolean":
        return "true/false"
    if kind == "string":
        if node.get("format") == "date":
            return "dates YYYY-MM-DD" if plural else "date YYYY-MM-DD"
        if "pattern" in node:
            return "texts in a fixed form" if plural else "text in a fixed form"
        return "texts" if plural else "text"
    return escape(str(kind or "any value"))


def _description(node: dict[str, Any], defs: dict[str, Any]) -> str:
    """A node's own description, else the description of the value type it refers to."""
    own = node.get("description")
    if isinstance(own, str):
        return own
    resolved = _resolve(node, defs)
    return str(resolved.get("description", ""))


def _entry_description(items: dict[str, Any]) -> str:
    """What one list entry is, in the schema's own words at the list's ``items``."""
    own = items.get("description")
    return own if isinstance(own, str) else ""


def key_rows(kind: str) -> list[KeyRow]:
    """Every key of a file kind, depth first in schema order, with its path like ``steps[].id``."""
    root = schema.load_schema(kind)
    defs: dict[str, Any] = root.get("$defs", {})
    return list(_walk_keys(root, "", defs))


def _object_branches(node: dict[str, Any], defs: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The mapping shapes a value can take (several for 'text or mapping' values)."""
    resolved = _resolve(node, defs)
    for branch in resolved.get("anyOf", []) + resolved.get("oneOf", []):
        yield from _object_branches(branch, defs)
    if "properties" in resolved:
        yield resolved


def _walk_keys(node: dict[str, Any], prefix: str, defs: dict[str, Any]) -> Iterator[KeyRow]:
    for shape in _object_branches(node, defs):
        required = set(shape.get("required", []))
        for key, child in shape["properties"].items():
            path = f"{prefix}.{key}" if prefix else key
            resolved = _resolve(child, defs)
            description = _description(child, defs)
            items = resolved.get("items")
            if isinstance(items, dict):
                entry = _entry_description(items)
                if entry:
                    description = f"{description} Each entry: {entry}"
            date = resolved.get("format") == "date"
            examples = tuple(
                f"{key}: {_yaml_flow(e, date=date)}" for e in child.get("examples", [])
            )
            yield KeyRow(
                path=path,
                value=_value_words(child, defs),
                required=key in required,
                default=resolved.get("default", _MISSING),
                description=description,
                examples=examples,
            )
            yield from _walk_keys(child, path, defs)
            if isinstance(items, dict):
                yield from _walk_keys(items, f"{path}[]", defs)


def markdown_fields() -> list[str]:
    """Names of the keys whose value is Markdown (``contentMediaType: text/markdown``)."""
    names: set[str] = set()
    for kind in schema.KINDS:
        root = schema.load_schema(kind)
        defs = root.get("$defs", {})
        stack: list[dict[str, Any]] = [root]
        while stack:
            for shape in _object_branches(stack.pop(), defs):
                for key, child in shape["properties"].items():
                    resolved = _resolve(child, defs)
                    if resolved.get("contentMediaType") == "text/markdown":
                        names.add(key)
                    stack.append(child)
                    if isinstance(resolved.get("items"), dict):
                        stack.append(resolved["items"])
    return sorted(names)


def _value_types() -> list[tuple[str, dict[str, Any]]]:
    """Every shared value type (``$defs``) of every schema, first definition wins."""
    seen: dict[str, dict[str, Any]] = {}
    for kind in schema.KINDS:
        for name, node in schema.load_schema(kind).get("$defs", {}).items():
            seen.setdefault(name, node)
    order = list(_DEF_WORDS)
    return sorted(
        seen.items(),
        key=lambda item: (order.index(item[0]) if item[0] in order else len(order), item[0]),
    )


def format_page(language: str) -> str:
    """The source-format reference: every file kind and every key, from the JSON Schemas."""
    lines = _title("format", language)
    lines += [
        "",
        "A handbook is a folder of YAML files: six files in `conf/` and one file per workflow "
        "in `workflows/`. This page lists every key of every file. It is generated from the "
        "JSON Schemas that `usm-docgen validate` checks against, so it always matches what the "
        "tool accepts.",
        "",
        "Each file's keys are listed in the order of the file, nested keys after the key "
        "that holds them:",
        "",
        "- The key's path: `steps[].raci` is the `raci` key of every entry in the `steps` list.",
        "- **required** or **optional**. A nested key is required whenever the mapping that "
        "holds it is there. Keys not listed are refused (`usm.unknown-key`): a typo is never "
        "silently ignored.",
        "- What the value may be; linked words are explained under "
        f"{_ref('usm-format-value-types', 'Value types')}.",
        "",
        "Files:",
        "",
    ]
    for kind in schema.KINDS:
        lines.append(f"- {_ref(f'usm-format-{kind}', code(file_path(kind)))}")
    lines += ["", "(usm-format-value-types)=", "## Value types", ""]
    lines += [
        "Values that recur in many places. Text is shown exactly as written; only the keys "
        "whose value is Markdown are rendered as Markdown.",
        "",
    ]
    for name, node in _value_types():
        singular = _DEF_WORDS.get(name, (name.replace("_", " "),))[0]
        lines += [f"(usm-type-{name})=", f"{escape(singular)}"]
        text = escape(str(node.get("description", "")))
        if "enum" in node:
            text += " Values: " + ", ".join(code(str(v)) for v in node["enum"]) + "."
        examples = node.get("examples", [])
        if examples:
            text += (
                " Example: "
                + ", ".join(
                    code(_yaml_flow(e, date=node.get("format") == "date")) for e in examples
                )
                + "."
            )
        lines += [f": {text}", ""]
    for kind in schema.KINDS:
        lines += _kind_section(kind)
    lines += _rules_section()
    lines += _editor_section()
    lines += _pages_section()
    return "\n".join(lines).rstrip("\n") + "\n"


def _kind_section(kind: str) -> list[str]:
    root = schema.load_schema(kind)
    title = str(root.get("title", kind))
    name = re.sub(r"\s*\(.*\)$", "", title.removeprefix("usm-docgen ")) or kind
    lines = [
        f"(usm-format-{kind})=",
        f"## {code(file_path(kind))}: {escape(name)}",
        "",
        escape(str(root.get("description", ""))),
        "",
        f"First line for editor completion: {code(_schema_line(kind))}",
        "",
    ]
    for row in key_rows(kind):
        required = "**required**" if row.required else "**optional**"
        if row.default is not _MISSING:
            required += f", default {code(_yaml_flow(row.default))}"
        text = escape(row.description)
        if row.examples:
            label = "Example:" if len(row.examples) == 1 else "Examples:"
            text += f" {label} " + ", ".join(code(e) for e in row.examples)
        lines += [code(row.path), f": {required} · {row.value}", "", f"  {text}", ""]
    return lines


def _schema_line(kind: str) -> str:
    return f"# yaml-language-server: $schema=../schemas/{kind}.json"


def _rules_section() -> list[str]:
    lines = [
        "(usm-format-rules)=",
        "## Rules the schema cannot express",
        "",
        "The schemas check each file on its own. `usm-docgen validate` then checks the "
        "handbook as a whole; these are the rules it applies, with the code each problem is "
        "reported under.",
        "",
        "### Ids",
        "",
        "- Every kind of thing has its own ids: units, stakeholders, services, profiles, "
        "practices, workflows, indicators, goals, sprints and knowledge-transfer items. Two "
        f"things of one kind cannot share an id ({_code_ref(Code.DUPLICATE_ID)}); a unit and "
        "a profile may.",
        "- Step ids are unique within their workflow; `end` is reserved and cannot be a step "
        f"id ({_code_ref(Code.BAD_ID)}).",
        "- A workflow's `id` equals its file name without `.yaml` "
        f"({_code_ref(Code.ID_MISMATCH)}).",
        "",
        "### References",
        "",
        "Every key that names another thing by its id must name one that exists "
        f"({_code_ref(Code.UNKNOWN_REF)}; the message suggests the nearest existing id): "
        "owners, RACI keys, `escalation`, `members`, `audience` and `management[].profile` "
        "name profiles; `parent` and `unit` name units; `customers` names stakeholders; "
        "`practices` in a workflow names practices; `workflows`, `handoff.workflow` and "
        "`practices[].steps` (`workflow-id/step-id`) name workflows and their steps; "
        "`indicator` and the keys of `baseline.values` name indicators; `sprints[].goals` "
        "names goals.",
        "",
        "### RACI",
        "",
        "In every step exactly one profile holds `A` (Accountable) and at least one holds `R` "
        f"(Responsible) ({_code_ref(Code.RACI)}). One profile may hold several letters: `RA`.",
        "",
        "### Flow",
        "",
        "- A step without `next` or `decision` goes on to the following step; after the last "
        "step the workflow ends. `next: end` ends it anywhere.",
        "- A step has `next` or `decision`, never both; every `next` and every decision "
        f"outcome names a step of the same workflow or `end` ({_code_ref(Code.FLOW)}).",
        "- A decision has at least two outcomes, each with its own label "
        f"({_code_ref(Code.DECISION)}).",
        f"- Every step can be reached from the first ({_code_ref(Code.UNREACHABLE)}), and "
        f"from every step the end can be reached: no loop without a way out "
        f"({_code_ref(Code.NO_END)}).",
        "- `handoff:` belongs on a step of kind `handoff`, and such a step must have it "
        f"({_code_ref(Code.HANDOFF)}). With `returns: false` the workflow ends inside the "
        "other workflow, so that step counts as an end.",
        "",
        "### Hand-off targets",
        "",
        "A hand-off goes to a workflow whose template starts in the process this workflow's "
        "template hands off to; any other target is a warning "
        f"({_code_ref(Code.HANDOFF_PROCESS)}). A step's `process:` does not change this. "
        "Template 5 prescribes no target: it may hand off to any workflow.",
        "",
    ]
    rows = []
    for n, template in usm.TEMPLATES.items():
        target = template.hands_off_to
        targets = ", ".join(str(t) for t in usm.template_for_target(target)) if target else ""
        rows.append(
            (
                str(n),
                escape(f"{template.names.en} ({template.names.nl})"),
                code(template.starts_in),
                code(target) if target else "any workflow",
                targets or "any",
            )
        )
    lines += _table(("Template", "Name", "Starts in", "Hands off to", "Target templates"), rows)
    lines += [
        "",
        "### Skeleton conformance",
        "",
        "Each template has a skeleton: step kinds in a fixed order, usm-docgen's house "
        "standard built on USM's process blocks (the site says so; USM itself does not "
        "prescribe these steps). A workflow has a "
        "step of every skeleton kind, in that order, judged by the first step of each kind in "
        "the file; it may add steps of any kind in between. A missing or misplaced kind is a "
        f"warning ({_code_ref(Code.CONFORMANCE)}). To leave a kind out on purpose, list it "
        "under `omitted:` with a reason; listing a kind that is not in the skeleton is an "
        f"error, listing one the workflow has anyway a warning ({_code_ref(Code.OMITTED)}).",
        "",
    ]
    skeletons = [(str(n), ", ".join(code(k) for k in t.skeleton)) for n, t in usm.TEMPLATES.items()]
    lines += _table(("Template", "Skeleton, in order"), skeletons)
    lines += [
        "",
        "### Improvement programme",
        "",
        "- A goal is SMART: its indicator has a baseline value, and `due` is after the "
        f"baseline date ({_code_ref(Code.SMART)}).",
        f"- `baseline.values` names only existing indicators ({_code_ref(Code.UNKNOWN_REF)}).",
        f"- A sprint may end on the day it starts, not before ({_code_ref(Code.SPRINT_DATES)}).",
        "- A measurement names an existing indicator; one dated before the baseline is a "
        f"warning ({_code_ref(Code.MEASUREMENT)}).",
        "- In `knowledge_transfer[].topics`, an entry shaped like an id is a workflow id and "
        "must exist; any other entry is free text.",
        "",
        "### Text and links",
        "",
        "These keys hold Markdown: "
        + ", ".join(code(name) for name in markdown_fields())
        + ". Every other text is plain text, shown exactly as written. Raw HTML inside "
        "Markdown is shown as text, never run.",
        "",
        "A Markdown field is CommonMark, nothing more: paragraphs, emphasis, lists, links, "
        "inline code, code blocks, block quotes and tables. A handbook repository takes "
        "changes from many people and is built in CI, so nothing in a field may act while "
        "the site is built or make the site load anything from elsewhere. `validate` reads "
        "each field with the parser the build uses and refuses, at the line and column "
        "inside the field:",
        "",
        "- a directive, that is a fence (```` ``` ````, `~~~`) whose info string is "
        "`{name}`, any `:::` block, or front matter "
        f"({_code_ref(Code.MD_DIRECTIVE)}); `{{eval-rst}}` has its own code "
        f"({_code_ref(Code.MD_EVAL_RST)}). To *show* such text, write a plain code block;",
        f"- a role such as `` {{download}}`…` `` ({_code_ref(Code.MD_ROLE)});",
        "- a target `(name)=`, a footnote or a link reference defined twice "
        f"({_code_ref(Code.MD_TARGET)});",
        "- a heading, `#` or underlined: headings are refused, not demoted, because the page "
        f"has its own ({_code_ref(Code.MD_HEADING)}); write a line in bold instead;",
        f"- a code fence that is never closed ({_code_ref(Code.MD_UNCLOSED)});",
        "- MyST attribute syntax such as `{#id}`, `{.class}` or `[text]{…}` "
        f"({_code_ref(Code.MD_ATTRIBUTES)});",
        "- an image that is not a file inside the handbook root: its path is read from the "
        "root (for example `images/schema.png`), with no URL, no leading `/` and no `..` "
        f"past the root ({_code_ref(Code.MD_IMAGE)}); the file is published with the site;",
        "- a link with a scheme other than `http:`, `https:` and `mailto:` "
        f"({_code_ref(Code.UNSAFE_LINK)}), or a relative link that leaves the site: a "
        "relative link is a path from the site's root (for example `raci.html`) and may not "
        f"start with `/` or climb out with `..` ({_code_ref(Code.MD_LINK_OUTSIDE)}).",
        "",
        "Directive or role syntax inside a code block or inline code is text, and no error. "
        "The build checks every field again and parses each on its own, with file insertion "
        "and raw output switched off, so an unclosed construct ends with its field; a "
        "warning about a field names its YAML file and line.",
        "",
        "### Files",
        "",
        "- YAML 1.1, read safely: unquoted `yes`, `no`, `on` and `off` are true/false and "
        "`2026.10` is a number, so quote such values in text keys "
        f"({_code_ref(Code.WRONG_TYPE)}).",
        "- UTF-8 only (a byte-order mark is allowed); no duplicate keys "
        f"({_code_ref(Code.DUPLICATE_KEY)}). Anchors and aliases are allowed.",
        f"- At most {yaml_io.MAX_BYTES // (1024 * 1024)} MiB per file "
        f"({_code_ref(Code.FILE_TOO_LARGE)}), nesting at most {yaml_io.MAX_DEPTH} levels "
        f"deep, at most {yaml_io.MAX_NODES:,} values and {yaml_io.MAX_CHARS:,} characters of "
        f"text after aliases are expanded ({_code_ref(Code.YAML_LIMIT)}, at the alias that "
        "crosses the bound).",
        "- Numbers are finite (`.inf`, `-.inf` and `.nan` are refused) and lie from -10¹² to "
        "10¹²; dates lie in the years 1900 to 2999; `review_every` is 1 to 120 months. A "
        f"workflow's diagram has at most {mermaid.MAX_EDGES} arrows, Mermaid's limit (one a "
        f"step, one more an outcome: about {mermaid.MAX_EDGES} steps; "
        f"{_code_ref(Code.DIAGRAM_SIZE)}).",
        "- In `workflows/`, every `*.yaml` file is a workflow; a `*.yml` file is an error "
        f"({_code_ref(Code.WRONG_EXTENSION)}); other files and folders are ignored.",
        "",
    ]
    return lines


def _editor_section() -> list[str]:
    return [
        "(usm-format-editor)=",
        "## Editor completion",
        "",
        "An editor with the YAML language server (for VS Code: the *YAML* extension by Red "
        "Hat) completes keys, shows these descriptions and marks mistakes while you type. "
        "Write the schemas into the handbook root once:",
        "",
        "```console",
        "$ usm-docgen schema --out schemas",
        "```",
        "",
        "and start each file with the line that names its schema, for example in "
        "`workflows/incident.yaml`:",
        "",
        "```yaml",
        _schema_line("workflow"),
        "```",
        "",
        "The path is relative to the file, so every file in `conf/` and `workflows/` uses "
        "`../schemas/<kind>.json`. `usm-docgen new workflow` writes this line for you.",
        "",
    ]


def _html_tags_by_attributes() -> list[tuple[list[str], list[str]]]:
    """The tags raw HTML may use, grouped by the attributes of their own, those without first."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for tag in sorted(raw_html.HTML_TAGS):
        own = tuple(sorted(raw_html.HTML_ATTRIBUTES.get(tag, ())))
        groups.setdefault(own, []).append(tag)
    return [
        (list(own), tags) for own, tags in sorted(groups.items(), key=lambda g: (bool(g[0]), g[1]))
    ]


def _pages_section() -> list[str]:
    lines = [
        "(usm-format-pages)=",
        "## Hand-written pages",
        "",
        "Besides the generated pages, a handbook may have pages of its own: MyST Markdown "
        "files in `handbook/`, published with the site. They may use MyST's and Sphinx's "
        "directives and roles (`{note}`, `{toctree}`, `{include}`, `{literalinclude}`, "
        "`{mermaid}`, sphinx-design's cards and tabs, `{eval-rst}`, …) inside the handbook's "
        "trust boundary: a build never reads a file outside the handbook root, never fetches "
        "a URL and never runs what an author wrote, and the site never loads anything from "
        "elsewhere. The build fails, naming the page and the line "
        f"({_code_ref(Code.UNSAFE_PAGE)}), when a page:",
        "",
        "- reads a file outside the handbook root: `{include}`, `{literalinclude}` (also its "
        "`:diff:`), `{raw}` and `{csv-table}` with `:file:`, `{figure}`, `{mermaid}` with a "
        "file, the same directives inside `{eval-rst}`, an image, `{download}` or a link to a "
        "file. Symbolic links are followed: a link inside the root to a file outside it is "
        "outside. Files and folders whose name starts with a dot (`.git`, `.env`) are never "
        "read, not even inside the root: they may hold credentials;",
        "- fetches a URL while building: `:url:` of `{raw}` and `{csv-table}`, in any page;",
        "- shows an image from elsewhere (`![x](https://…)`, `{image}`, `{figure}`, a card's "
        "`:img-top:`), makes the browser load anything from elsewhere in raw HTML "
        "(`<img src>`, `<link href>`, `url()` in CSS), or holds math: MathJax comes from a "
        "CDN unless `mathjax_path` names a copy inside the site;",
        "- runs code: `{autoclasstree}` imports the Python modules it names, `{include}` "
        "with `:parser:` imports one, and front matter that switches on MyST's "
        "`substitution` syntax evaluates expressions with access to the build;",
        "- holds raw HTML that does more than mark up text (see "
        "[raw HTML in a page](#usm-format-raw-html) below).",
        "",
        "Paths are read from the page itself in `handbook/`, never from the copy the build "
        "works on: from `handbook/guide.md`, `../conf/scope.yaml` is the root's "
        "`conf/scope.yaml`. A path that starts with `/` is read from `handbook/` "
        "(`/images/logo.png` is `handbook/images/logo.png`) and must name a file there. "
        "Images and files offered for download are copied into the site.",
        "",
        "(usm-format-raw-html)=",
        "### Raw HTML in a page",
        "",
        "Raw HTML, in Markdown, in `{raw} html` or in `.. raw:: html`, may mark up text, "
        "lists, tables and images of the handbook, and nothing else. It may use the tags in "
        "the table below; every tag may have the attributes "
        + ", ".join(f"`{a}`" for a in sorted(raw_html.HTML_ATTRIBUTES_ALL))
        + " and `aria-…`. Anything else is refused, among them `<script>`, `<style>`, "
        "`<iframe>`, `<svg>`, `<form>`, every `on…` attribute (`onclick`, `onerror`) and "
        "every `data-…` attribute (the theme's scripts act on them). A link (`href`, `src`, "
        "`cite`) may lead to a page, a file of the site or an `http`, `https`, `mailto` or "
        "`tel` address; an image may also be a `data:` image. In the text fields of the YAML "
        "files raw HTML is always shown as text.",
        "",
    ]
    lines += _table(
        ("Tags", "Their own attributes"),
        [
            (", ".join(f"`<{t}>`" for t in tags), ", ".join(f"`{a}`" for a in own) or "—")
            for own, tags in _html_tags_by_attributes()
        ],
    )
    lines += [
        "",
        "### `handbook/conf.py` is code",
        "",
        "`handbook/conf.py`, when there is one, is the Sphinx configuration, and Sphinx runs "
        "it as Python at every build: it can read any file, fetch any URL and run any "
        "program, with the rights of the build (in CI, with its secrets). The checks above do "
        "not apply to it, nor to the extensions it loads, and its settings can undo them: "
        "`substitution` in `myst_enable_extensions` lets every page evaluate expressions. "
        "Review every change to it as code, in every merge request, as carefully as a change "
        "to the CI pipeline. Without it the build uses usm-docgen's own configuration.",
        "",
    ]
    return lines


# --- the error codes -------------------------------------------------------------------------


def errors_page(language: str) -> str:
    """The error-code reference: output format, exit codes and every code of :class:`Code`."""
    sample = error(
        Code.UNKNOWN_REF,
        "unknown profile 'servicedsk' (did you mean 'servicedesk'?)",
        "workflows/incident.yaml",
        12,
        7,
    )
    lines = _title("errors", language)
    lines += [
        "",
        "`usm-docgen validate` and `usm-docgen build` report every problem of the whole "
        "handbook at once, one line each, in the form editors already understand:",
        "",
        "```text",
        format_text([sample]) + " in 9 files",
        "```",
        "",
        "That is: the file (relative to the handbook root), the line and column where the "
        "problem is, `error` or `warning`, the message, and the code in brackets. Look the "
        "code up below. The last line counts the problems.",
        "",
        "## Exit codes and options",
        "",
    ]
    lines += _table(
        ("Exit code", "Meaning"),
        [
            (str(exits.EXIT_OK), "no errors (warnings may have been shown)"),
            (str(exits.EXIT_PROBLEMS), "problems found in the handbook"),
            (
                str(exits.EXIT_USAGE),
                "wrong usage (for example a folder that does not exist), or an internal error",
            ),
        ],
    )
    lines += [
        "",
        "- Errors fail the check; warnings are shown but do not, unless you pass `--strict` "
        "(`make html` builds with `--strict`).",
        "- `--format json` prints the problems as a JSON list for tools:",
        "",
        "```json",
        format_json([sample]),
        "```",
        "",
        "- Inside Sphinx, the `usm_docgen` extension reports each problem with type `usm` and "
        "the code as subtype, at its file, line and column; `sphinx-build -W` turns warnings "
        "into a failed build. To "
        "silence one kind of warning, add its code to `suppress_warnings` in the handbook's "
        "`conf.py`:",
        "",
        "```python",
        'suppress_warnings = ["usm.conformance"]',
        "```",
        "",
        "(usm-codes)=",
        "## All codes",
        "",
    ]
    lines += _table(
        ("Code", "Severity", "What it means"),
        [(_code_ref(c), _severity(c), _docs_text(CODE_DOCS[c].title)) for c in Code],
    )
    lines.append("")
    for c in Code:
        doc = CODE_DOCS[c]
        lines += [
            f"(usm-code-{c.value})=",
            f"### {code(c.full)}",
            "",
            "Severity",
            f": {_severity(c)}",
            "",
            "What it means",
            f": {_docs_text(doc.title)}",
            "",
            "How to fix",
            f": {_docs_text(doc.fix)}",
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"


def _severity(c: Code) -> str:
    return "error" if CODE_DOCS[c].severity is Severity.ERROR else "warning"


# --- the command line ------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """One (sub-)command of the parser, as the command-line reference shows it."""

    name: str
    help: str
    parser: argparse.ArgumentParser


def _parser_parts(
    parser: argparse.ArgumentParser,
) -> tuple[list[argparse.Action], list[Command]]:
    """The options and sub-commands of ``parser``.

    argparse keeps both in private attributes; every use of them is here, in one place.
    """
    options: list[argparse.Action] = []
    commands: list[Command] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                commands.append(Command(name, helps.get(name, ""), sub))
        elif not isinstance(action, argparse._HelpAction):
            options.append(action)
    return options, commands


def _usage(parser: argparse.ArgumentParser) -> str:
    """The usage line, at a fixed width so the page does not depend on the terminal."""
    formatter = argparse.HelpFormatter(prog=parser.prog, width=1000)
    formatter.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups)
    return formatter.format_help().strip()


def _option_name(action: argparse.Action) -> str:
    if not action.option_strings:
        return str(action.metavar or action.dest)
    names = ", ".join(action.option_strings)
    if action.nargs == 0:
        return names
    metavar = action.metavar or action.dest.upper()
    return f"{names} {metavar}"


def _option_meaning(action: argparse.Action) -> str:
    fallback = "print the version and stop" if isinstance(action, argparse._VersionAction) else ""
    extras: list[str] = []
    choices = action.choices
    if choices is not None and not isinstance(choices, range):
        extras.append("one of: " + ", ".join(code(str(c)) for c in choices))
    if action.required:
        extras.append("required")
    elif not action.option_strings and action.nargs == "?":
        extras.append("optional")
    default = action.default
    shown = default not in (None, False, argparse.SUPPRESS) and action.nargs != 0
    if shown and "default" not in (action.help or ""):
        extras.append(f"default: {code(str(default))}")
    return "; ".join([escape((action.help or fallback).strip()), *extras])


def cli_page(language: str) -> str:
    """The command-line reference, from the argparse parser of ``usm-docgen``."""
    parser = commands.parser()
    lines = _title("cli", language)
    lines += ["", escape(parser.description or ""), "", "```text", _usage(parser), "```", ""]
    if parser.epilog:
        lines += [escape(parser.epilog), ""]
    lines += _cli_body(parser, level=2)
    return "\n".join(lines).rstrip("\n") + "\n"


def _cli_body(parser: argparse.ArgumentParser, level: int) -> list[str]:
    options, commands = _parser_parts(parser)
    lines: list[str] = []
    if options:
        lines += _table(
            ("Option", "Meaning"),
            [(_cell_code(_option_name(a)), _option_meaning(a)) for a in options],
        )
        lines.append("")
    if commands:
        lines += _table(
            ("Command", "What it does"),
            [(_ref(_cli_label(c.parser), code(c.parser.prog)), escape(c.help)) for c in commands],
        )
        lines.append("")
    for command in commands:
        sub = command.parser
        lines += [
            f"({_cli_label(sub)})=",
            f"{'#' * level} {code(sub.prog)}",
            "",
            escape(sub.description or command.help),
            "",
            "```text",
            _usage(sub),
            "```",
            "",
        ]
        lines += _cli_body(sub, level + 1)
    return lines


def _cli_label(parser: argparse.ArgumentParser) -> str:
    return "usm-cli-" + "-".join(parser.prog.split()[1:])


# --- the changes JSON ------------------------------------------------------------------------


def changes_page(language: str) -> str:
    """What ``usm-docgen diff --format json`` prints: its fields, every kind of change, and
    the JSON Schema, all from ``schemas/changes.json`` and ``changes.WHAT_DOCS``."""
    from usm_docgen.changes import WHAT_DOCS

    document = schema.load_schema("changes")
    change = document["$defs"]["change"]
    lines = _title("changes", language)
    lines += [
        "",
        "`usm-docgen diff REF1 REF2 --format json` prints what changed between two revisions "
        "of a handbook as one JSON object; the site's *What changed* pages and notices show "
        "the same changes. " + escape(document["description"]),
        "",
        "## The object",
        "",
    ]
    lines += _table(
        ("Key", "Meaning"),
        [(code(k), escape(v["description"])) for k, v in document["properties"].items()],
    )
    lines += ["", "## One change", ""]
    lines += _table(
        ("Key", "Meaning"),
        [(code(k), escape(v.get("description", ""))) for k, v in change["properties"].items()],
    )
    lines += ["", "## Every kind of change (`what`)", ""]
    lines += _table(("`what`", "Meaning"), [(code(w), escape(d)) for w, d in WHAT_DOCS.items()])
    lines += [
        "",
        "## The JSON Schema",
        "",
        "```json",
        json.dumps(document, ensure_ascii=False, indent=2),
        "```",
    ]
    return "\n".join(lines).rstrip("\n") + "\n"
