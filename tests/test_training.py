"""Knowledge transfer: training needs, learning paths, handouts and their PDFs, the trainer view.

One `usm-docgen pdf` run of our example handbook (the site with its PDFs) serves the tests of
the pages, the PDFs and the browser; the examples under ../shared/examples get theirs too.
"""

from __future__ import annotations

import dataclasses
import html
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.conftest import REPO, Site, as_of, no_browser, serve, shared_examples
from usm_docgen import catalog
from usm_docgen.cli import main
from usm_docgen.labels import label
from usm_docgen.model import KnowledgeTransfer, Model
from usm_docgen.printing import whole_handbook
from usm_docgen.render import WHOLE_HANDBOOK_PDF
from usm_docgen.training import first_sprints, learning_path, needs

HANDOUT_PAGES = 4
"""The bound we hold every workflow's handout to: at most four A4 pages."""


def load(root: Path) -> Model:
    result = catalog.load(root, "", today=_date(as_of(root)))
    assert result.model is not None
    return result.model


def _date(text: str) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(text)


@pytest.fixture(scope="module")
def model() -> Model:
    return load(REPO)


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        no_browser(f"{tool} is missing (apt-get install poppler-utils)")
    assert found is not None
    return found


def text_of(pdf: Path) -> str:
    """The PDF's text as pdftotext reads it, whitespace made single spaces."""
    out = subprocess.run(
        [_poppler("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    return " ".join(out.split())


def images_in(pdf: Path) -> list[str]:
    """The raster images of a PDF, one line each (pdfimages -list without its header)."""
    out = subprocess.run(
        [_poppler("pdfimages"), "-list", str(pdf)], capture_output=True, check=True
    ).stdout.decode("utf-8")
    return out.splitlines()[2:]


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, str]]:
    """Our handbook built by `usm-docgen pdf`, served over http, and what the command said."""
    import contextlib
    import io

    out = tmp_path_factory.mktemp("printed") / "site"
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        code = main(["pdf", str(REPO), "--out", str(out), "--strict", "--today", as_of(REPO)])
    assert code == 0, said.getvalue()
    with serve(out) as url:
        yield Site(REPO, out, url), said.getvalue()


# --- training needs ------------------------------------------------------------------------


def expected_needs(model: Model) -> dict[tuple[str, str], tuple[str, bool]]:
    """(profile, workflow) -> (level, gap), worked out here from the rule as the page states
    it, without the module under test."""
    roles = {p.id: p.usm_role for p in model.profiles}
    sprints = sorted(model.improvement.sprints, key=lambda s: s.start)
    result: dict[tuple[str, str], tuple[str, bool]] = {}
    for wf in model.workflows:
        if wf.status == "retired":
            continue
        held: dict[str, set[str]] = {}
        for step in wf.steps:
            for profile, letters in step.raci:
                held.setdefault(profile, set()).update(letters)
        deadline = next((s.end for s in sprints if wf.id in s.workflows), None)
        for profile, letters in held.items():
            if roles[profile] == "requester":
                continue
            dates = [
                k.date
                for k in model.improvement.knowledge_transfer
                if profile in k.audience and wf.id in k.topics
            ]
            gap = not dates or (deadline is not None and min(dates) > deadline)
            level = "training" if letters & {"R", "A"} else "briefing"
            result[(profile, wf.id)] = (level, gap)
    return result


def test_every_need_is_listed_and_a_gap_is_where_the_plan_lacks_a_session(model: Model) -> None:
    found = {(n.profile, n.workflow): (n.level, n.gap) for n in needs(model)}
    expected = expected_needs(model)
    assert found == expected
    doers = {key for key, (level, _) in expected.items() if level == "training"}
    assert len(doers) > 20, "every R/A pair of our example is a training need"
    gaps = {key for key, (_, gap) in expected.items() if gap}
    assert gaps and gaps != set(expected), "our example has gaps and covered needs both"


def test_a_session_added_for_a_gap_closes_it(model: Model) -> None:
    gap = next(n for n in needs(model) if n.status == "missing" and n.level == "training")
    first = first_sprints(model).get(gap.workflow)
    day = first.start if first is not None else model.improvement.baseline.date
    session = KnowledgeTransfer("extra", "workshop", (gap.profile,), (gap.workflow,), day)
    improvement = dataclasses.replace(
        model.improvement,
        knowledge_transfer=(*model.improvement.knowledge_transfer, session),
    )
    fixed = dataclasses.replace(model, improvement=improvement, _index={})
    after = {(n.profile, n.workflow): n for n in needs(fixed)}
    assert after[(gap.profile, gap.workflow)].status == "covered"
    assert after[(gap.profile, gap.workflow)].session == "extra"
    before = {(n.profile, n.workflow): n.status for n in needs(model)}
    changed = {k for k, n in after.items() if n.status != before[k]}
    assert changed == {(gap.profile, gap.workflow)}


def test_the_needs_page_marks_exactly_the_gaps(model: Model, printed: tuple[Site, str]) -> None:
    site, _ = printed
    page = (site.out / "training/needs.html").read_text("utf-8")
    gaps_part = page.split('id="gaten-in-het-plan"', 1)[1].split("<section", 1)[0]
    listed = set()
    for item in re.findall(r"<li>(.*?)</li>", gaps_part, re.S):
        profile = re.search(r'href="paths/([a-z0-9-]+)\.html"', item)
        workflow = re.search(r'href="\.\./workflows/([a-z0-9-]+)\.html"', item)
        if profile and workflow:
            listed.add((profile.group(1), workflow.group(1)))
    expected = {key for key, (_, gap) in expected_needs(model).items() if gap}
    assert listed == expected
    # and the per-profile tables list every need, gap or not
    for profile, workflow in expected_needs(model):
        assert f'href="paths/{profile}.html"' in page
        assert f'href="../workflows/{workflow}.html"' in page


# --- learning paths ----------------------------------------------------------------------


def test_a_learning_path_for_every_profile_in_the_programme_order(
    model: Model, printed: tuple[Site, str]
) -> None:
    site, _ = printed
    starts = {s.id: s.start for s in model.improvement.sprints}
    for profile in model.profiles:
        page = (site.out / f"training/paths/{profile.id}.html").read_text("utf-8")
        path = learning_path(model, profile)
        keys = [starts[s.sprint.id] if s.sprint else None for s in path.stops]
        dated = [k for k in keys if k is not None]
        assert dated == sorted(dated) and keys[: len(dated)] == dated, profile.id
        # every step where the profile has a part is on its path, linked to the step
        for wf in model.workflows:
            if wf.status == "retired":
                continue
            for step in wf.steps:
                if any(p == profile.id for p, _ in step.raci):
                    anchor = f"../../workflows/{wf.id}.html#usm-step-{wf.id}-{step.id}"
                    assert f'href="{anchor}"' in page, (profile.id, wf.id, step.id)
        for session in path.sessions:
            assert html.escape(session.kind) in page
        assert "model.html" in page and "glossary.html" in page  # the basics
        assert 'class="usm-quiz' in page  # test yourself


# --- handouts and PDFs ---------------------------------------------------------------------


def test_a_pdf_per_workflow_with_its_name_steps_and_a_vector_diagram(
    model: Model, printed: tuple[Site, str]
) -> None:
    site, said = printed
    for wf in model.workflows:
        pdf = site.out / "pdf" / f"{wf.id}.pdf"
        assert pdf.is_file(), wf.id
        assert re.search(rf"^pdf: {re.escape(wf.id)}\.pdf \(", said, re.M), said
        text = text_of(pdf)
        assert _words(wf.name) in text
        for step in wf.steps:
            assert _words(step.name) in text, (wf.id, step.name)
        # The diagram as Mermaid drew it, as vectors: its start node's word and the lanes'
        # drawing are in the PDF, no raster image, no Mermaid source and no error graphic.
        assert images_in(pdf) == [], wf.id
        assert "swimlane-beta" not in text and "-->" not in text
        assert "Syntax error" not in text
        # the workflow's page printed as its handout: no quiz, no whole path, no conformance
        for key in ("quiz.title", "whole-path", "conformance"):
            assert _words(label(key, model.handbook.language)) not in text, (wf.id, key)
        reader = PdfReader(pdf)
        assert 1 <= len(reader.pages) <= HANDOUT_PAGES, (wf.id, len(reader.pages))
        drawing = reader.pages[0].get_contents()
        assert drawing is not None
        operators = re.findall(rb"\s(?:c|l|re)\s", drawing.get_data())
        assert len(operators) > 50, f"{wf.id}: the first page holds no diagram drawing"
        assert reader.metadata is not None and wf.name in str(reader.metadata.title)


def test_the_whole_handbook_pdf_has_every_page_bookmarked(
    model: Model, printed: tuple[Site, str]
) -> None:
    site, said = printed
    pdf = site.out / "pdf" / f"{WHOLE_HANDBOOK_PDF}.pdf"
    reader = PdfReader(pdf)
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert len(titles) == len(whole_handbook(model))
    assert len(reader.pages) >= len(titles)
    text = text_of(pdf)
    for wf in model.workflows:
        assert _words(wf.name) in text
    # its workflow pages print whole, not as the handouts the workflows' own PDFs are
    for key in ("whole-path", "conformance"):
        assert _words(label(key, model.handbook.language)) in text, key
    assert f"pdf: {WHOLE_HANDBOOK_PDF}.pdf (" in said
    assert images_in(pdf) == []


def test_the_site_links_to_its_pdfs(model: Model, printed: tuple[Site, str]) -> None:
    site, _ = printed
    index = (site.out / "training/index.html").read_text("utf-8")
    for wf in model.workflows:
        assert f'href="../pdf/{wf.id}.pdf"' in index
        page = (site.out / f"workflows/{wf.id}.html").read_text("utf-8")
        assert f'href="../pdf/{wf.id}.pdf"' in page
    assert f'href="../pdf/{WHOLE_HANDBOOK_PDF}.pdf"' in index


def test_a_build_after_pdf_drops_the_pdfs_and_their_links(
    printed: tuple[Site, str], tmp_path: Path
) -> None:
    site, _ = printed
    out = tmp_path / "site"
    shutil.copytree(site.out, out)
    shutil.copytree(site.out.parent / f".{site.out.name}.usm-work", tmp_path / ".site.usm-work")
    assert main(["build", str(REPO), "--out", str(out), "--today", as_of(REPO)]) == 0
    assert not (out / "pdf").exists()
    assert ".pdf" not in (out / "training/index.html").read_text("utf-8")


@pytest.mark.parametrize("root", shared_examples(), ids=lambda p: p.name)
def test_pdf_works_on_every_shared_example(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    code = main(["pdf", str(root), "--out", str(out), "--today", as_of(root)])
    assert code == 0
    model = load(root)
    for wf in model.workflows:
        text = text_of(out / "pdf" / f"{wf.id}.pdf")
        assert _words(wf.name) in text
        assert all(_words(s.name) in text for s in wf.steps)
    assert (out / "pdf" / f"{WHOLE_HANDBOOK_PDF}.pdf").is_file()


def test_pdf_without_chromium_is_refused_before_building(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("USM_DOCGEN_CHROMIUM", str(tmp_path / "no-such-chromium"))
    out = tmp_path / "site"
    assert main(["pdf", str(REPO), "--out", str(out), "--today", as_of(REPO)]) == 2
    assert "no-such-chromium" in capsys.readouterr().err
    assert not out.exists()


# --- the trainer view, in the browser -----------------------------------------------------


def _highlighted(page: Any) -> list[str]:
    return list(
        page.eval_on_selector_all(
            ".usm-trainer svg g.node.usm-current", "nodes => nodes.map(n => n.id)"
        )
    )


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_the_trainer_view_walks_the_workflow_by_keyboard(
    chromium: Any, model: Model, printed: tuple[Site, str], scheme: str
) -> None:
    site, _ = printed
    wf = next(w for w in model.workflows if len(w.steps) >= 4)
    page = chromium.new_page(viewport={"width": 1366, "height": 768})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(site.base(scheme) + f"workflows/{wf.id}.html")
        page.wait_for_function("document.documentElement.dataset.usmDiagrams === 'done'")
        page.get_by_role("button", name=re.compile("Trainersweergave")).click()
        view = page.locator(".usm-trainer")
        assert view.is_visible()
        panel = page.locator(".usm-trainer__step")

        width = len(str(len(wf.steps)))  # node ids as usm_docgen.mermaid numbers them

        def at(index: int) -> None:
            number = f"{index + 1:0{width}d}"
            lit = _highlighted(page)
            assert lit, index
            assert all(f"-flowchart-s{number}-" in n or f"-flowchart-q{number}-" in n for n in lit)
            assert _words(wf.steps[index].name) in _words(panel.inner_text())
            assert f"Stap {index + 1} van {len(wf.steps)}" in page.inner_text(".usm-trainer__bar")
            # the step's section, copied without its ids: no id is on the page twice
            ids = page.eval_on_selector_all("[id]", "nodes => nodes.map(n => n.id)")
            assert len(ids) == len(set(ids)), index

        at(0)
        page.keyboard.press("ArrowRight")
        at(1)
        page.keyboard.press("ArrowRight")
        at(2)
        page.keyboard.press("ArrowLeft")
        at(1)
        assert page.evaluate("location.hash") == "#trainer-2"
        page.keyboard.press("Escape")
        assert page.locator(".usm-trainer").count() == 0
        assert page.locator("article pre.mermaid svg").count() == 1  # the diagram is back
        assert errors == []
    finally:
        page.close()


def test_quiz_answers_stay_hidden_until_opened(
    chromium: Any, model: Model, printed: tuple[Site, str]
) -> None:
    site, _ = printed
    wf = model.workflows[0]
    page = chromium.new_page()
    try:
        page.goto(site.file + f"workflows/{wf.id}.html")
        answers = page.locator("details.usm-quiz-answer")
        assert answers.count() >= 4
        first = answers.first
        body = first.locator("p").first
        assert not body.is_visible()
        first.locator("summary").click()
        assert body.is_visible()
    finally:
        page.close()
