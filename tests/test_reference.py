"""The generated reference pages: complete, deterministic, free of Sphinx, warning-free in it."""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from usm_docgen import catalog, commands, reference, schema, usm
from usm_docgen.diagnostics import CODE_DOCS, Code

REPO = Path(__file__).resolve().parent.parent
HOWTO = REPO / "handbook" / "howto"


def _schema_paths(node: dict[str, Any], defs: dict[str, Any], prefix: str) -> Iterator[str]:
    """Every key path of a schema (``steps[].raci``), walked here independently of the code."""
    ref = node.get("$ref")
    if isinstance(ref, str):
        node = {**defs[ref.split("/")[-1]], **node}
    for branch in node.get("anyOf", []) + node.get("oneOf", []):
        yield from _schema_paths(branch, defs, prefix)
    for key, child in node.get("properties", {}).items():
        path = f"{prefix}.{key}" if prefix else key
        yield path
        yield from _schema_paths(child, defs, path)
    items = node.get("items")
    if isinstance(items, dict):
        yield from _schema_paths(items, defs, f"{prefix}[]")


def all_schema_paths() -> list[tuple[str, str]]:
    out = []
    for kind in schema.KINDS:
        root = schema.load_schema(kind)
        out += [(kind, p) for p in _schema_paths(root, root.get("$defs", {}), "")]
    return out


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return reference.reference_pages("en")


def test_the_four_pages_by_docname(pages: dict[str, str]) -> None:
    assert sorted(pages) == [
        "reference/changes",
        "reference/cli",
        "reference/errors",
        "reference/format",
    ]
    assert pages["reference/format"].splitlines()[1] == "# Source format"
    nl = reference.reference_pages("nl")
    assert [nl[d].splitlines()[1] for d in sorted(nl)] == [
        "# Wijzigingen als JSON",
        "# Opdrachtregel",
        "# Foutcodes",
        "# Bronformaat",
    ]


def test_output_is_deterministic(pages: dict[str, str]) -> None:
    assert reference.reference_pages("en") == pages


def test_every_code_on_the_errors_page(pages: dict[str, str]) -> None:
    page = pages["reference/errors"]
    for code in Code:
        section = page.split(f"(usm-code-{code.value})=\n", 1)
        assert len(section) == 2, f"no target for {code.full}"
        body = section[1].split("\n(usm-code-", 1)[0]
        assert body.startswith(f"### `{code.full}`\n"), code
        assert CODE_DOCS[code].severity.value in body
        assert "What it means" in body and "How to fix" in body


def test_every_schema_key_on_the_format_page(pages: dict[str, str]) -> None:
    page = pages["reference/format"]
    paths = all_schema_paths()
    assert len(paths) > 100  # the walk found the schemas' keys
    for kind, path in paths:
        section = page.split(f"(usm-format-{kind})=\n", 1)[1].split("\n(usm-format-", 1)[0]
        assert f"\n`{path}`\n: **" in section, f"{kind}: {path}"


def test_each_schema_description_and_example_is_shown(pages: dict[str, str]) -> None:
    page = pages["reference/format"]
    assert reference.escape("One workflow, an instance of one of the eight") in page
    assert '`edition: "2026.1"`' in page  # a string that looks like a number is quoted
    assert "`due: 2026-12-31`" in page  # a date is not
    assert "`steps[].handoff.returns`\n: **optional**, default `true` · true/false\n" in page
    assert "one of: `draft` \\| `approved` \\| `retired`" in page


def test_value_words() -> None:
    rows = {r.path: r for r in reference.key_rows("workflow")}
    assert rows["template"].value == (
        "whole number from 1 to 8 or list of whole numbers from 1 to 8, at least 2"
    )
    assert rows["review_every"].value == "whole number from 1 to 120"
    assert rows["steps"].value == "list of mappings (keys below), at least 2"
    assert rows["practices"].value == "list of [ids](#usm-type-id)"
    assert rows["steps[].raci"].value == "[RACI mapping](#usm-type-raci)"
    assert not rows["purpose"].required and rows["steps"].required


def test_markdown_fields_match_what_the_checks_treat_as_markdown() -> None:
    assert set(reference.markdown_fields()) == catalog.MARKDOWN_FIELDS


def test_skeleton_and_handoff_tables_come_from_the_model(pages: dict[str, str]) -> None:
    page = pages["reference/format"]
    for n, template in usm.TEMPLATES.items():
        skeleton = ", ".join(f"`{k}`" for k in template.skeleton)
        assert f"| {n} | {skeleton} |" in page
        assert reference.escape(template.names.en) in page


def _commands(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield sub
                yield from _commands(sub)


def test_every_command_and_option_on_the_cli_page(pages: dict[str, str]) -> None:
    page = pages["reference/cli"]
    described = list(_commands(commands.parser()))
    assert {c.prog for c in described} >= {"usm-docgen validate", "usm-docgen new workflow"}
    for command in described:
        assert f"# `{command.prog}`\n" in page
        section = page.split(f"# `{command.prog}`\n", 1)[1].split("\n#", 1)[0]
        for action in command._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert f"`{option}" in section, (command.prog, option)


@pytest.mark.parametrize(
    "text",
    [
        "plain words",
        "`end` is *not* _emphasis_, [a](b) <b>x</b> {ref}`y` $x$ \\ | # 1. - > ~",
        'quote it ("1.3", not 1.3); 78% & <id>',
    ],
)
def test_escape_renders_text_exactly(text: str) -> None:
    rendered = MarkdownIt("commonmark").render(reference.escape(text))
    assert html.unescape(re.sub(r"</?p>", "", rendered)).strip() == text


def test_every_schema_description_survives_escaping() -> None:
    md = MarkdownIt("commonmark")

    def descriptions(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            if isinstance(node.get("description"), str):
                yield node["description"]
            for value in node.values():
                yield from descriptions(value)
        elif isinstance(node, list):
            for value in node:
                yield from descriptions(value)

    for kind in schema.KINDS:
        for text in descriptions(schema.load_schema(kind)):
            rendered = md.render(reference.escape(text))
            assert html.unescape(re.sub(r"</?p>", "", rendered)).strip() == text


def test_markdown_fields_listed_in_the_yaml_guide() -> None:
    guide = (HOWTO / "write-good-yaml.md").read_text("utf-8")
    fields = reference.markdown_fields()
    listed = ", ".join(f"`{f}`" for f in fields[:-1]) + f" and `{fields[-1]}`"
    assert listed in " ".join(guide.split())


def test_template_names_in_the_workflow_guide() -> None:
    guide = (HOWTO / "add-workflow.md").read_text("utf-8")
    for n, template in usm.TEMPLATES.items():
        assert f"| {n} {template.names.en} |" in guide


def test_imports_without_sphinx() -> None:
    code = "import usm_docgen.reference, sys; assert 'sphinx' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


CONF = """\
extensions = ["myst_parser", "sphinx_design"]
myst_enable_extensions = ["colon_fence", "deflist"]
"""

INDEX = """\
# Test

```{toctree}
reference/format
reference/errors
reference/cli
reference/changes
howto/index
```
"""


@pytest.mark.slow
@pytest.mark.filterwarnings(  # myst-parser 5 still reads an attribute Sphinx 9 deprecates
    "ignore:'myst_parser.sphinx_ext.myst_refs.MystReferenceResolver.app' is deprecated"
)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_pages_build_without_warnings(
    tmp_path: Path, language: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from sphinx.cmd.build import build_main

    src, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(HOWTO, src / "howto")
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.md").write_text(INDEX, encoding="utf-8")
    for docname, text in reference.reference_pages(language).items():
        (src / f"{docname}.md").parent.mkdir(parents=True, exist_ok=True)
        (src / f"{docname}.md").write_text(text, encoding="utf-8")
    status = build_main(["-W", "-q", "-b", "html", str(src), str(out)])
    assert status == 0, capsys.readouterr().err
    errors = (out / "reference" / "errors.html").read_text("utf-8")
    assert 'id="usm-code-unknown-ref"' in errors
    howto = (out / "howto" / "add-workflow.html").read_text("utf-8")
    assert 'href="../reference/errors.html"' in howto


def test_the_programme_guide_names_every_programme_check() -> None:
    """handbook/howto/check-the-programme.md lists one row per rule; a new rule needs a row."""
    import re

    from usm_docgen import programme

    guide = (REPO / "handbook/howto/check-the-programme.md").read_text("utf-8")
    named = set(re.findall(r"`(usm\.[a-z-]+)`", guide))
    assert named == {c.full for c in programme.CODES}
    used = set(re.findall(r"Code\.([A-Z_]+)", (REPO / "usm_docgen/programme.py").read_text()))
    assert used == {c.name for c in programme.CODES}, "CODES lists every code the checks use"
