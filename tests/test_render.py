"""The page renderer: model in, MyST Markdown out — golden page, escaping, labels, a real build."""

from __future__ import annotations

import json
import math
import posixpath
import re
import shutil
import string
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt

from tests.conftest import REPO, SHARED_EXAMPLES
from tests.conftest import strings as _strings
from usm_docgen import catalog, render
from usm_docgen.labels import GLOSSARY, LABELS, LANGUAGES, label
from usm_docgen.model import Model, Profile
from usm_docgen.render import (
    PROFILE_STEPS,
    assignments,
    docnames,
    escape_text,
    fence,
    render_site,
)
from usm_docgen.usm import PROCESSES, STEP_KINDS, TEMPLATES, USM_ROLES

MINIMAL = SHARED_EXAMPLES / "minimal"
SCHEMAS = REPO / "usm_docgen" / "schemas"


def _load(root: Path) -> Model:
    result = catalog.load(root)
    assert result.model is not None, result.diagnostics
    return result.model


@pytest.fixture(scope="module")
def example() -> Model:
    """The repository's own handbook (Waterschap Lindewaard, all eight templates)."""
    return _load(REPO)


def _copy(root: Path, dest: Path, *, language: str | None = None) -> Path:
    shutil.copytree(root / "conf", dest / "conf")
    shutil.copytree(root / "workflows", dest / "workflows")
    if language is not None:
        conf = dest / "conf" / "handbook.yaml"
        text = re.sub(r"(?m)^language: .*$", f"language: {language}", conf.read_text("utf-8"))
        conf.write_text(text, "utf-8")
    return dest


# --- the golden page -------------------------------------------------------------------------


def test_workflow_page_golden(example: Model, file_regression: Any) -> None:
    """The whole page of one workflow, byte for byte (regenerate with --force-regen)."""
    page = render_site(example)["workflows/verstoring-zonder-wijziging"]
    file_regression.check(page, extension=".md", encoding="utf-8")


# --- shape and determinism -------------------------------------------------------------------


def test_same_model_same_bytes(example: Model) -> None:
    first = render_site(example)
    assert render_site(example) == first
    assert render_site(_load(REPO)) == first, "a fresh load renders the same bytes"
    assert list(render_site(example)) == list(first), "even the order of the pages"


def weight_of(model: Model, profile: Profile) -> float:
    """What a profile's steps take of a page, in steps listed with their activities."""
    return sum(render._weight(found) for _, found in assignments(model, profile))


def test_every_expected_docname_is_there(example: Model) -> None:
    pages = render_site(example)
    expected = {"index", "scope", "model", "workflows/index", "profiles/index", "raci"}
    used = {w.template for w in example.workflows}
    expected |= {f"workflows/template/{n}" for n in used}  # navigation by template
    busy = [p for p in example.profiles if weight_of(example, p) > PROFILE_STEPS]
    for profile in busy:  # part-2 … part-K (the first is on the profile's page), enough
        parts = sorted(d for d in docnames(example) if d.startswith(f"profiles/{profile.id}/"))
        least = math.ceil(weight_of(example, profile) / PROFILE_STEPS)
        assert 1 + len(parts) >= least
        expected |= {f"profiles/{profile.id}/part-{k}" for k in range(2, len(parts) + 2)}
    expected |= {
        "practices/index",
        "coverage",
        "governance",
        "improvement",
        "glossary",
        "reference/index",
    }
    expected |= {f"workflows/{w.id}" for w in example.workflows}
    expected |= {f"profiles/{p.id}" for p in example.profiles}
    expected |= {f"practices/{p.id}" for p in example.practices}
    expected |= {"training/index", "training/needs"}
    expected |= {f"training/paths/{p.id}" for p in example.profiles}
    assert expected == set(docnames(example))
    assert expected <= set(pages)
    extra = set(pages) - expected
    assert all(d.startswith("reference/") for d in extra), extra
    for name in docnames(example):
        text = pages[name]
        assert text.startswith("# "), f"{name} starts with its title"
        assert text.endswith("\n") and not text.endswith("\n\n"), name


def test_reference_false_leaves_out_the_reference_section(example: Model) -> None:
    pages = render_site(example, reference=False)
    assert not [d for d in pages if d.startswith("reference/")]
    assert "reference/index" not in pages["index"]
    assert "reference/index" in render_site(example)["index"]


def test_reference_index_lists_what_the_reference_module_wrote(example: Model) -> None:
    pages = render_site(example)
    listed = pages["reference/index"].split("```{toctree}")[1]
    for docname in pages:
        if docname.startswith("reference/") and docname != "reference/index":
            assert f"\n{docname.removeprefix('reference/')}\n" in listed


def test_core_modules_do_not_import_sphinx() -> None:
    code = (
        "import sys, usm_docgen.render, usm_docgen.labels; "
        "assert 'sphinx' not in sys.modules, sorted(m for m in sys.modules if 'sphinx' in m)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


# --- links -------------------------------------------------------------------------------------

_LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_links_are_relative_and_point_at_pages_that_exist(example: Model) -> None:
    pages = render_site(example)
    targets = {d: set(re.findall(r"(?m)^\(([^)]+)\)=$", t)) for d, t in pages.items()}
    for docname in docnames(example):  # the reference pages are another module's
        for href in _LINK.findall(pages[docname]):
            if href.startswith(("http:", "https:", "mailto:")):
                continue
            path, _, anchor = href.partition("#")
            if path:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(docname), path))
                target = target.removesuffix(".md")
                assert target in pages, f"{docname}: {href}"
            else:
                target = docname
            assert not anchor or anchor in targets[target], f"{docname}: {href}"


def test_diagram_links_are_relative_html_paths(example: Model, monkeypatch: Any) -> None:
    seen: dict[str, str] = {}

    def workflow_diagram(model: Model, wf: Any, link: Callable[[str], str], *_: Any) -> str:
        seen[wf.id] = link("uitvoeringsverzoek")
        return "flowchart TD\n  s1\n"

    def overview_diagram(model: Model, link: Callable[[str], str], *, counted: bool) -> str:
        seen["model"] = link("uitvoeringsverzoek")
        seen["template"] = link("template/5")
        return "flowchart LR\n  s1\n"

    monkeypatch.setattr("usm_docgen.mermaid.workflow_diagram", workflow_diagram)
    monkeypatch.setattr("usm_docgen.mermaid.overview_diagram", overview_diagram)
    render_site(example)
    assert seen["verstoring-zonder-wijziging"] == "uitvoeringsverzoek.html"
    assert seen["model"] == "workflows/uitvoeringsverzoek.html"
    assert seen["template"] == "workflows/template/5.html"  # a large handbook's counts link


def test_steps_have_anchors_and_flow_is_spelled_out(example: Model) -> None:
    page = render_site(example)["workflows/verstoring-zonder-wijziging"]
    wf = example.workflow("verstoring-zonder-wijziging")
    for step in wf.steps:
        assert f"(usm-step.{wf.id}.{step.id})=\n### " in page
    assert "Is er een bekende oplossing\\?" in page  # the decision question, escaped
    assert "[Uitvoeringsverzoek afhandelen](uitvoeringsverzoek.md)" in page  # the hand-off
    assert page.count("**Daarna:** einde van de workflow") == 2  # both `next: end` steps
    assert "```{mermaid}\n:alt: " in page


# --- plain text is shown exactly as written ----------------------------------------------------

UGLY = "*x* _y_ <script>alert(1)</script> a|b {role}`c` [l](javascript:x) $m$ &amp; #h (t)= \\"


def test_escape_text_escapes_every_ascii_punctuation_character() -> None:
    for char in string.punctuation:
        assert escape_text(char) == "\\" + char
    assert escape_text("a\nb\r\n  c\t") == "a b c"
    assert escape_text("Één café") == "Één café"
    assert escape_text(" \n ") == "—", "never an empty heading or link"


@pytest.mark.parametrize(
    "text", [UGLY, "1. not a list", "- not a list", "> not a quote", "```", "<!-- x -->", "***"]
)
def test_escaped_text_renders_as_written(text: str) -> None:
    """CommonMark (MyST's parser) turns the escaped text back into exactly the original."""
    html = MarkdownIt("commonmark").render(escape_text(text))
    expected = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    expected = expected.replace('"', "&quot;")
    assert html == f"<p>{expected}</p>\n"


def test_fence_is_longer_than_any_backtick_run() -> None:
    assert fence("flowchart TD") == "```"
    assert fence("a ```` b", "``") == "`````"


def _uglify(root: Path, ugly: str) -> None:
    """Put ``ugly`` into every plain-text field of a handbook (ids and Markdown untouched)."""

    def edit(rel: str, change: Callable[[Any], None]) -> None:
        path = root / rel
        data = yaml.safe_load(path.read_text("utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")

    def texts(items: list[Any]) -> list[Any]:
        return [f"{ugly} {t}" if isinstance(t, str) else t for t in items]

    def handbook(d: dict[str, Any]) -> None:
        d["title"] = f"{ugly} title"
        d["organisation"] = f"{ugly} org"
        d["edition"] = f"{ugly} 1"

    def scope(d: dict[str, Any]) -> None:
        d["task_area"] = ugly
        for group, keys in (("units", ["name"]), ("stakeholders", ["name", "interest"])):
            for item in d[group]:
                for key in keys:
                    item[key] = f"{ugly} {item[key]}"
        for item in d["services"] + d.get("resources", []):
            item["name"] = f"{ugly} {item['name']}"
        d["in_scope"] = texts(d.get("in_scope", []))
        d["out_of_scope"] = texts(d.get("out_of_scope", []))

    def profiles(d: dict[str, Any]) -> None:
        for item in d["profiles"]:
            item["name"] = f"{ugly} {item['name']}"

    def governance(d: dict[str, Any]) -> None:
        for item in d["management"]:
            item["duty"] = f"{ugly} {item['duty']}"
        d["sounding_board"]["cadence"] = ugly

    def practices(d: dict[str, Any]) -> None:
        for item in d["practices"]:
            item["name"] = f"{ugly} {item['name']}"

    def improvement(d: dict[str, Any]) -> None:
        cs = d["current_situation"]
        cs["ways_of_working"] = texts(cs["ways_of_working"])
        cs["tools"] = texts(cs.get("tools", []))
        for item in d["indicators"]:
            item["name"] = f"{ugly} {item['name']}"
            item["unit"] = f"{ugly} {item['unit']}"
        for item in d["goals"]:
            item["statement"] = f"{ugly} {item['statement']}"
        for item in d["sprints"]:
            item["name"] = f"{ugly} {item['name']}"
            for key in ("people", "process", "technology"):
                item["deliverables"][key] = texts(item["deliverables"][key])
            item["adjustments"] = texts(item.get("adjustments", []))
        for item in d["knowledge_transfer"]:
            item["topics"] = [*item["topics"], ugly]

    def workflow(d: dict[str, Any]) -> None:
        d["name"] = f"{ugly} {d['name']}"
        d["version"] = f"{ugly} {d['version']}"
        for step in d["steps"]:
            step["name"] = f"{ugly} {step['name']}"
            step["activities"] = [
                {"what": f"{ugly} what", "how": f"{ugly} how"},
                *texts(step.get("activities", [])),
            ]
            step["inputs"] = texts(step.get("inputs", [ugly]))
            step["outputs"] = texts(step.get("outputs", [ugly]))
            if "decision" in step:
                step["decision"]["question"] = f"{ugly} {step['decision']['question']}"
                for outcome in step["decision"]["outcomes"]:
                    outcome["label"] = f"{ugly} {outcome['label']}"

    for kind, change in [
        ("handbook", handbook), ("scope", scope), ("profiles", profiles),
        ("governance", governance), ("practices", practices), ("improvement", improvement),
    ]:  # fmt: skip
        edit(f"conf/{kind}.yaml", change)
    for path in sorted((root / "workflows").glob("*.yaml")):
        edit(f"workflows/{path.name}", workflow)


@pytest.fixture
def ugly_root(tmp_path: Path) -> Path:
    root = _copy(MINIMAL, tmp_path / "ugly")
    _uglify(root, UGLY)
    return root


def test_plain_text_fields_are_escaped(ugly_root: Path) -> None:
    pages = render_site(_load(ugly_root))
    escaped = escape_text(UGLY)
    for docname, text in pages.items():
        if docname.startswith("reference/"):
            continue
        # the diagrams' and charts' own escaping is their emitters' job (and tested there)
        prose = re.sub(r"(?ms)^(`{3,})\{(?:mermaid|usm-svg)\}.*?^\1$", "", text)
        assert "<script>" not in prose, docname
        assert "*x*" not in prose and "{role}`c`" not in prose and "a|b" not in prose, docname
        assert "](javascript:" not in prose, docname
    for docname in docnames(_load(ugly_root)):
        for line in pages[docname].splitlines():
            if re.match(r"\s*(`{3,}|~{3,})", line):
                assert "\\" not in line, f"{docname}: user text on a fence line: {line}"
    for docname in ("index", "workflows/storing-zonder-wijziging", "profiles/coordinator"):
        assert escaped in pages[docname], docname
    assert "\\*x\\* \\_y\\_ \\<script\\>" in pages["improvement"]
    assert "a\\|b \\{role\\}\\`c\\`" in pages["raci"]


def test_no_field_of_the_model_is_left_out(ugly_root: Path) -> None:
    """Every plain-text value of the ugly handbook shows up, escaped, somewhere on the site."""
    model = _load(ugly_root)
    site = "\n".join(render_site(model).values())
    missing = [v for v in _strings(model) if v.startswith(UGLY) and escape_text(v) not in site]
    assert not missing


# --- labels --------------------------------------------------------------------------------------


def test_every_label_has_both_languages() -> None:
    for key, values in LABELS.items():
        assert set(values) == set(LANGUAGES), key
        assert all(v.strip() for v in values.values()), key
        placeholders = {lang: set(re.findall(r"\{\w+\}", v)) for lang, v in values.items()}
        assert placeholders["nl"] == placeholders["en"], key
    for term in GLOSSARY:
        for lang in LANGUAGES:
            assert term(lang).terms and term(lang).definition, term


def test_glossary_terms_are_unique() -> None:
    seen: set[str] = set()
    for term in GLOSSARY:
        here = {t.casefold() for lang in LANGUAGES for t in term(lang).terms}
        assert not here & seen, here & seen
        seen |= here


def test_every_enumeration_value_has_a_label() -> None:
    """Every value the schemas allow for a field the pages translate has a label."""
    groups = {
        ("workflow.json", "status"): "status",
        ("practices.json", "status"): "practice-status",
        ("improvement.json", "status"): "sprint-status",
        ("governance.json", "authority"): "authority",
        ("scope.json", "kind@units"): "unit-kind",
        ("scope.json", "kind@stakeholders"): "stakeholder-kind",
        ("scope.json", "kind@resources"): "resource-kind",
        ("improvement.json", "direction"): "direction",
        ("improvement.json", "method"): "baseline-method",
        ("improvement.json", "kind@knowledge_transfer"): "kt-kind",
        ("practices.json", "framework"): "framework",
    }
    found: dict[str, set[str]] = {}
    for (schema, where), group in groups.items():
        key, _, parent = where.partition("@")
        values = _enum(json.loads((SCHEMAS / schema).read_text("utf-8")), key, parent)
        assert values, (schema, where)
        found[group] = values
    for group, values in found.items():
        for value in values:
            assert f"{group}.{value}" in LABELS, f"{group}.{value}"
    assert set(STEP_KINDS) >= {"accept", "evaluate"} and len(USM_ROLES) == 9
    assert len(PROCESSES) == 5 and len(TEMPLATES) == 8


def _enum(node: Any, key: str, parent: str, path: tuple[str, ...] = ()) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for k, v in node.items():
            here = (*path, k)
            if k == key and isinstance(v, dict) and "enum" in v and (not parent or parent in path):
                found |= set(v["enum"])
            found |= _enum(v, key, parent, here)
    elif isinstance(node, list):
        for item in node:
            found |= _enum(item, key, parent, path)
    return found


def test_no_dutch_label_in_an_english_handbook(tmp_path: Path) -> None:
    model = _load(_copy(MINIMAL, tmp_path / "en", language="en"))
    pages = render_site(model, reference=False)
    user = sorted({escape_text(s) for s in _strings(model)} | set(_strings(model)), key=len)
    dutch = {v["nl"] for v in LABELS.values() if v["nl"] != v["en"]}
    dutch |= {t for term in GLOSSARY for t in term("nl").terms} - {
        t for term in GLOSSARY for t in term("en").terms
    }
    names = [*STEP_KINDS.values(), *USM_ROLES.values()]
    names += [n for p in PROCESSES.values() for n in (p.names, p.trigger, p.summary)]
    names += [t.names for t in TEMPLATES.values()]
    dutch |= {n.nl for n in names if n.nl != n.en}
    glossary = pages.pop("glossary")  # it names the Dutch terms on purpose, after the English
    assert "\nBaseline\nNulmeting\n" in glossary and "\nNulmeting\nBaseline\n" not in glossary
    for docname, text in pages.items():
        for value in reversed(user):  # what the process owner wrote may well be Dutch
            text = text.replace(value, "")
        for word in dutch:
            if len(word) > 3:
                assert not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text), (docname, word)
    assert label("steps", "en") in pages["workflows/storing-zonder-wijziging"]
    assert "24 April 2026" in pages["improvement"]  # dates in English too


# --- a real Sphinx build of the ugliest handbook ---------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("language", ["nl", "en"])
def test_ugly_handbook_builds_without_warnings(
    ugly_root: Path, tmp_path: Path, make_app: Any, language: str
) -> None:
    """No warning under -W, with and without the MyST extensions the Sphinx layer enables."""
    conf = ugly_root / "conf" / "handbook.yaml"
    conf.write_text(conf.read_text("utf-8").replace("language: nl", f"language: {language}"))
    src = tmp_path / "src"
    for docname, text in render_site(_load(ugly_root)).items():
        path = src / f"{docname}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    extensions = [] if language == "nl" else ["colon_fence", "deflist", "attrs_inline"]
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.mermaid", '
        '"usm_docgen.sphinx_fields", "usm_docgen.sphinx_svg", "usm_docgen.sphinx_fold"]\n'
        f"myst_enable_extensions = {extensions!r}\n"
        "smartquotes = False\n",
        "utf-8",
    )
    app = make_app("html", srcdir=src)
    app.build()
    assert app.warning.getvalue() == ""
    html = (app.outdir / "workflows" / "storing-zonder-wijziging.html").read_text("utf-8")
    assert "<script>alert(1)" not in html
    assert "*x* _y_ &lt;script&gt;alert(1)&lt;/script&gt; a|b {role}`c` [l](javascript:x)" in html
    assert 'href="uitvoeringsverzoek.html"' in html
    assert 'id="usm-step-storing-zonder-wijziging-diagnosticeren"' in html


def test_pages_rendered_in_a_second_process_are_the_same(
    example: Model, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build renders in a forked process while Sphinx starts; the pages are the same,
    and when that process fails the pages are rendered here instead."""
    import os
    import threading

    from usm_docgen import render

    expected = render_site(example)
    pending = render.start_render_site(example)
    assert pending.forked == (sys.platform == "linux" and threading.active_count() == 1)
    assert pending.result() == expected

    parent = os.getpid()

    def fails_in_the_child(model: Model, *, reference: bool = True, **_: Any) -> dict[str, str]:
        if os.getpid() != parent:
            raise RuntimeError("the child breaks")
        return expected

    monkeypatch.setattr(render, "render_site", fails_in_the_child)
    assert render.start_render_site(example).result() == expected
    unwanted = render.start_render_site(example)
    unwanted.cancel()
    assert not unwanted.forked


def test_profile_pages_show_activities_where_the_profile_does_or_answers_for_the_step(
    example: Model,
) -> None:
    """'What you do': a step's activities under it where the profile is R or A, in a
    section per workflow; where it is only consulted or informed, the step is named on a
    shared line, and a workflow where it is never more than that is a row of the closing
    table, not a section (the page stays short enough to read)."""
    pages = render_site(example)
    checked = {"R/A": 0, "C/I": 0, "rows": 0}
    for profile in example.profiles:
        # a busy profile's steps are on its part pages
        own = [t for d, t in pages.items() if d.split("/part-")[0] == f"profiles/{profile.id}"]
        text = "\n".join(own)
        blocks = re.split(r"\n(?=- \*|\* - |#)", text)
        for wf, found in assignments(example, profile):
            heading = re.search(rf"^#+ {re.escape(escape_text(wf.name))}$", text, re.M)
            if any(a.acts for a in found):
                assert heading, (profile.id, wf.id)
            else:
                assert not heading and f"\n* - [{escape_text(wf.name)}](" in text, wf.id
                checked["rows"] += 1
            for a in found:
                anchor = f"#usm-step.{wf.id}.{a.step.id})"
                (block,) = [
                    b for b in blocks if anchor in (b if b.startswith("* - ") else b.split("\n")[0])
                ]
                listed = [f"  - {escape_text(act.what)}" in block for act in a.step.activities]
                if a.acts:
                    assert block.startswith("- **") and all(listed), (profile.id, a.step.id)
                    checked["R/A"] += 1
                else:
                    assert block.startswith(("- *", "* - ")) and not any(listed), a.step.id
                    assert f"(**{a.letters[0]}**)" in block
                    checked["C/I"] += 1
    assert checked["R/A"] > 20 and checked["C/I"] > 20 and checked["rows"] > 3, checked
