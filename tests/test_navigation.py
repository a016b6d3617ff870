"""Navigation by USM template, and navigation that stays light in a large handbook (#12)."""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, Site
from usm_docgen import catalog, render
from usm_docgen.cli import main
from usm_docgen.training import learning_path
from usm_docgen.usm import TEMPLATES

sys.path.insert(0, str(REPO / "benchmarks"))
import synth


class _Links(HTMLParser):
    """The links inside the sidebar's navigation (``nav.bd-docs-nav``), with their depth."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # >0 inside the sidebar's nav
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if self.depth:
            self.depth += tag == "nav"
            if tag == "a" and found.get("href"):
                self.links.append(str(found["href"]))
        elif tag == "nav" and "bd-docs-nav" in (found.get("class") or ""):
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "nav":
            self.depth -= 1


def sidebar(page: Path) -> list[str]:
    """The targets the sidebar of a built page links to, as site paths without anchors."""
    parser = _Links()
    parser.feed(page.read_text("utf-8"))
    folder = page.parent
    out = []
    for href in parser.links:
        target = href.split("#")[0]
        out.append((folder / target).resolve().as_posix() if target else page.as_posix())
    return out


def test_workflows_are_grouped_by_template_on_the_index_and_in_the_sidebar(
    example_site: Site,
) -> None:
    model = catalog.load(REPO).model
    assert model is not None
    used = {n for w in model.workflows for n in w.templates}
    out = example_site.out
    index = (out / "workflows" / "index.html").read_text("utf-8")
    for n in TEMPLATES:
        page = out / "workflows" / "template" / f"{n}.html"
        assert page.is_file() == (n in used), f"template {n}: a page only when a workflow uses it"
        assert (f'href="template/{n}.html"' in index) == (n in used)
    # the groups come in template order, each with its own workflows under it
    headings = re.findall(r'<h2>.*?href="template/(\d)\.html"', index)
    assert [int(h) for h in headings] == sorted(used)
    for wf in model.workflows:
        page = out / "workflows" / f"{wf.id}.html"
        links = sidebar(page)
        groups = {Path(x).stem for x in links if "/workflows/template/" in x}
        assert groups == {str(n) for n in used}, f"{wf.id}: every template group, no other"
        listed = {Path(x).stem for x in links if re.search(r"/workflows/[^/]+\.html$", x)}
        listed.discard("index")
        own = {w.id for w in model.workflows if w.template == wf.template}
        assert listed == own, f"{wf.id}: only the workflows of its own template"


def test_a_template_without_workflows_is_not_shown() -> None:
    """tests/base works out templates 4 and 5 only: no page, no group, no entry for the rest."""
    model = catalog.load(REPO / "tests" / "base").model
    assert model is not None
    pages = render.render_site(model, reference=False)
    assert sorted(d for d in pages if d.startswith("workflows/template/")) == [
        "workflows/template/4",
        "workflows/template/5",
    ]
    index = pages["workflows/index"]
    assert re.findall(r"^## \[(\d) ·", index, re.M) == ["4", "5"]
    toctree = index[index.index("```{toctree}") :]
    assert re.findall(r"^template/\d$", toctree, re.M) == ["template/4", "template/5"]


@pytest.mark.parametrize("count", [render.INDEX_ROWS, render.INDEX_ROWS + 1])
def test_a_large_handbooks_index_counts_its_workflows_per_template(
    tmp_path: Path, count: int
) -> None:
    """Up to INDEX_ROWS workflows the index and the model page (its overview diagram and its
    table of templates) name each; past it, they count them per template and link the
    template's page, which lists them (both pages stay light)."""
    from usm_docgen.labels import label

    model = catalog.load(synth.generate(tmp_path / "hb", count)).model
    assert model is not None
    pages = render.render_site(model, reference=False)
    index = pages["workflows/index"]
    listed = set(re.findall(r"wf-\d{4}", index))
    counted = label("workflows.counted", "nl").split("{count}")[1]
    overview = pages["model"]
    if count <= render.INDEX_ROWS:
        assert listed == {w.id for w in model.workflows}, "every workflow listed"
        assert counted not in index
        assert set(re.findall(r"wf-\d{4}", overview)) == listed, "every workflow on the model"
    else:
        assert not listed, "no workflow listed"
        assert not re.findall(r"wf-\d{4}", overview), "no workflow named on the model page"
        for n in TEMPLATES:
            filed = [w for w in model.workflows if w.template == n]
            assert f"{len(filed)}{counted}" in index, f"template {n} counted"
            page = pages[f"workflows/template/{n}"]
            assert all(w.id in page for w in filed), f"template {n}'s page lists them"
            # the overview's node and the table's cell: the count, linking the template's page
            assert f'c{n}(["{len(filed)} workflows"])' in overview, f"template {n} drawn"
            assert f'click c{n} href "workflows/template/{n}.html"' in overview
            assert f"[{len(filed)} workflows](workflows/template/{n}.md)" in overview


def test_a_workflow_sidebar_in_the_browser_lists_only_its_template(
    chromium: Any, example_site: Site
) -> None:
    """What a reader sees: the template groups, and under the open one its workflows."""
    model = catalog.load(REPO).model
    assert model is not None
    wf = next(w for w in model.workflows if w.template == 3)
    others = [w for w in model.workflows if w.template != 3]
    for scheme in ("http", "file"):
        page = chromium.new_page(viewport={"width": 1366, "height": 900})
        try:
            page.goto(f"{example_site.base(scheme)}workflows/{wf.id}.html")
            nav = page.locator("nav.bd-docs-nav")
            names = nav.locator("a").all_inner_texts()
            assert any(n.startswith("Template 3") for n in names), names
            assert wf.name in names
            for other in others:
                assert other.name not in names, f"{other.name} belongs to another template"
            for n in {w.template for w in model.workflows}:
                assert nav.get_by_role("link", name=re.compile(f"^Template {n} ")).is_visible()
        finally:
            page.close()


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic handbook built with groups of at most two pages: what a handbook of
    thousands looks like to the navigation, at the cost of a small one."""
    root = synth.generate(tmp_path_factory.mktemp("large") / "hb", 24)
    out = root.parent / "site"
    patch = pytest.MonkeyPatch()
    patch.setattr(render, "GROUP_SIZE", 2)
    patch.setattr(render, "PROFILE_STEPS", 12)
    patch.setattr(render, "PATH_STOPS", 4)
    try:
        assert main(["build", str(root), "--out", str(out), "--strict"]) == 0
    finally:
        patch.undo()
    return out


def _own_parts(page: Path, links: list[str]) -> list[str]:
    """The links to the parts of the profile or learning path ``page`` belongs to: their
    number grows with that one profile's share, not with the handbook's navigation."""
    folder = page.parent if page.stem.startswith("part-") else page.with_suffix("")
    return [x for x in links if Path(x).parent == folder and Path(x).stem.startswith("part-")]


def test_no_sidebar_lists_more_than_a_few_groups(large_site: Path) -> None:
    """With groups of two, no page's sidebar links more than the sections' top entries
    plus a few groups of two (and the parts of its own profile or learning path), however
    many workflows and profiles the handbook has."""
    worst = max(
        (
            (len(links) - len(_own_parts(page, links)), page.relative_to(large_site).as_posix())
            for page in pages(large_site)
            for links in [sidebar(page)]
        ),
    )
    print("most links in a sidebar:", worst)
    assert worst[0] <= 30, f"{worst[1]}: {worst[0]} links in its sidebar"
    workflow = large_site / "workflows" / "wf-0003.html"
    assert any("/workflows/template/4-" in x for x in sidebar(workflow)), "parts of a template"


def test_large_profiles_and_paths_are_grouped_and_split(large_site: Path) -> None:
    model = catalog.load(large_site.parent / "hb").model
    assert model is not None
    roles = {p.usm_role for p in model.profiles}
    for role in roles:
        assert list((large_site / "profiles" / "role").glob(f"{role}*.html")), role
        assert list((large_site / "training" / "path-groups").glob(f"{role}*.html")), role
    # a profile with a part in many steps: a summary and the first part on its page, the
    # other parts on pages of their own, per template
    busy = large_site / "profiles" / "servicemanager.html"
    text = busy.read_text("utf-8")
    parts = sorted((large_site / "profiles" / "servicemanager").glob("part-*.html"))
    assert parts and not (busy.parent / "servicemanager" / "part-1.html").exists()
    for part in parts:
        assert f'href="servicemanager/{part.name}"' in text
        assert "Stap" in part.read_text("utf-8")
    assert 'href="#usm-profile-part-servicemanager"' in text
    parts.insert(0, busy)
    # every step of the profile is on exactly one of its parts
    profile = model.profile("servicemanager")
    expected = sorted(
        f"{wf.id}.html#usm-step-{wf.id}-{a.step.id}"
        for wf, items in render.assignments(model, profile)
        for a in items
    )
    found = sorted(
        link
        for part in parts
        for link in re.findall(
            r'<a href="(?:\.\./)+workflows/([^"]+#usm-step-[^"]+)"',
            part.read_text("utf-8").split("<article", 1)[1].split("</article>", 1)[0],
        )
    )
    assert found == expected


def test_a_long_learning_path_is_split_in_order(large_site: Path) -> None:
    """A requester named in every workflow: the learning path lists its parts, each part
    PATH_STOPS (4 here) workflows, and the parts together hold every workflow of the path
    once, numbered on from part to part, in the path's order."""
    model = catalog.load(large_site.parent / "hb").model
    assert model is not None
    path = learning_path(model, model.profile("melder"))
    assert len(path.stops) == len(model.workflows)
    text = (large_site / "training" / "paths" / "melder.html").read_text("utf-8")
    parts = sorted(
        (large_site / "training" / "paths" / "melder").glob("part-*.html"),
        key=lambda p: int(p.stem.split("-")[1]),
    )
    assert len(parts) == -(-len(path.stops) // 4), [p.name for p in parts]
    numbered: list[tuple[str, str]] = []
    for k, part in enumerate(parts, start=1):
        assert f'href="melder/{part.name}"' in text
        html = part.read_text("utf-8")
        assert 'href="../melder.html"' in html, "a part links back to the path"
        first = 4 * (k - 1) + 1
        assert f"{k}/{len(parts)} (workflows {first}–{first + 3})" in html
        numbered += re.findall(r"<td>3\.(\d+)</td>\s*<td><a [^>]*>([^<]+)<", html)
    assert [int(n) for n, _ in numbered] == list(range(1, len(path.stops) + 1))
    assert [name for _, name in numbered] == [s.workflow.name for s in path.stops]
    assert "<td>3." not in text, "the path page itself lists the parts, not the workflows"


def test_the_training_needs_of_a_large_handbook_are_summarised(large_site: Path) -> None:
    text = (large_site / "training" / "needs.html").read_text("utf-8")
    assert "usm-needs-matrix" not in text
    assert "Per profiel" in text


def pages(site: Path) -> list[Path]:
    return sorted(
        p for p in site.rglob("*.html") if not p.relative_to(site).parts[0].startswith("_")
    )


def test_a_workflow_page_lists_the_calls_that_come_in(example_site: Site) -> None:
    """Each hand-off in the example shows on both ends: where it leaves, and on the target's
    page where it comes in (source workflow and step)."""
    model = catalog.load(REPO).model
    assert model is not None
    handoffs = [(wf, s) for wf in model.workflows for s in wf.handoffs]
    assert handoffs, "the example hands calls on"
    for wf, step in handoffs:
        target = step.handoff.workflow  # type: ignore[union-attr]
        html = (example_site.out / "workflows" / f"{target}.html").read_text("utf-8")
        section = html[html.index('id="overdrachten"') :]
        section = section[: section.index("</section>")]
        assert f'href="{wf.id}.html"' in section, f"{target} names {wf.id}"
        assert f"{wf.id}.html#usm-step-{wf.id}-{step.id}" in section, f"{target}: the step"


def test_the_raci_matrix_names_its_steps(example_site: Site) -> None:
    model = catalog.load(REPO).model
    assert model is not None
    html = (example_site.out / "raci.html").read_text("utf-8")
    for wf in model.workflows:
        for number, step in enumerate(wf.steps, start=1):
            name = step.name.replace("&", "&amp;")
            assert f"{number}. {name}</a></th>" in html, f"{wf.id}: {step.name}"


def test_the_home_page_is_a_home_page_and_the_scope_has_its_own(example_site: Site) -> None:
    model = catalog.load(REPO).model
    assert model is not None
    home = (example_site.out / "index.html").read_text("utf-8")
    scope = (example_site.out / "scope.html").read_text("utf-8")
    for service in model.scope.services:
        assert service.name in scope
        assert service.name not in home
    assert 'href="scope.html"' in home


def test_many_incoming_calls_are_counted_per_template(large_site: Path) -> None:
    """A workflow many others hand calls to counts them per template instead of listing
    every step (groups of two here, as in the fixture)."""
    model = catalog.load(large_site.parent / "hb").model
    assert model is not None
    busy = [w for w in model.workflows if len(render.handed_from(model, w)) > 2]
    assert busy, "the synthetic handbook hands many calls to some workflow"
    for wf in busy:
        html = (large_site / "workflows" / f"{wf.id}.html").read_text("utf-8")
        sources = render.handed_from(model, wf)
        assert f"vanuit {len(sources)} stappen" in html
        section = html[html.index('id="overdrachten"') :]
        assert all(f"{src.id}.html#" not in section for src, _ in sources), "no step list"
