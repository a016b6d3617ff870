"""Whole-site builds: examples build clean, rebuilds are incremental, failures publish nothing."""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, as_of, hashes, shared_examples
from usm_docgen import build, catalog
from usm_docgen.cli import main
from usm_docgen.render import render_site

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("root", shared_examples(), ids=lambda p: p.name)
def test_shared_example_builds_from_a_bare_root(root: Path, tmp_path: Path) -> None:
    """A root with only conf/ and workflows/ builds with the configuration we ship."""
    site = tmp_path / "site"
    today = ["--today", as_of(root)]  # not stale as the calendar moves on
    assert main(["build", str(root), "--out", str(site), "--strict", *today]) == 0
    model = catalog.load(root).model
    assert model is not None
    for workflow in model.workflows:
        assert (site / "workflows" / f"{workflow.id}.html").is_file()
    assert (site / "_static" / "mermaid.min.js").is_file()
    assert not list(root.rglob("_build")), "nothing is written into the handbook root"


class Builder:
    """Builds one root into one work folder and records which documents Sphinx read."""

    def __init__(self, root: Path, work: Path) -> None:
        self.root, self.work = root, work

        self.written: set[str] = set()

    def __call__(self) -> set[str]:
        """Build; the documents Sphinx read (``written`` holds the pages it wrote)."""
        read: set[str] = set()
        self.written = set()

        def hook(app: object) -> None:
            app.connect(  # type: ignore[attr-defined]
                "env-before-read-docs", lambda _app, _env, docnames: read.update(docnames)
            )
            app.connect(  # type: ignore[attr-defined]
                "html-page-context", lambda _app, page, *_: self.written.add(page)
            )

        assert build.run_sphinx(self.root, self.work, None, strict=True, on_app=hook) == 0
        return read

    def html(self, docname: str) -> str:
        return (self.work / "html" / f"{docname}.html").read_text("utf-8")


def _pages(root: Path) -> dict[str, str]:
    model = catalog.load(root).model
    assert model is not None
    return render_site(model)


def test_incremental_rebuilds_read_only_what_changed(base_copy: Path, tmp_path: Path) -> None:
    run = Builder(base_copy, tmp_path / "work")
    first = run()
    assert {"index", "workflows/uitvoeringsverzoek", "raci"} <= first
    every_page = run.written
    assert run() == set(), "a rebuild without changes reads nothing"

    before = _pages(base_copy)
    wf = base_copy / "workflows" / "uitvoeringsverzoek.yaml"
    wf.write_text(wf.read_text("utf-8").replace("Werkzaamheden plannen", "Werk inplannen"), "utf-8")
    after = _pages(base_copy)
    changed = {d for d in after if before.get(d) != after[d]}
    assert "workflows/uitvoeringsverzoek" in changed
    assert {"index", "governance", "improvement", "workflows/storing-zonder-wijziging"}.isdisjoint(
        changed
    )
    assert run() == changed
    # Only those pages are written: the workflow index lists pages by title, and its title
    # stayed (Sphinx alone would write every toctree parent of a re-read page again).
    assert run.written == changed | {"genindex", "search"}

    # Renamed: every page shows the new name in its navigation, not only the re-read ones.
    profiles = base_copy / "conf" / "profiles.yaml"
    profiles.write_text(
        profiles.read_text("utf-8").replace("name: Melder", "name: Aanvrager"), "utf-8"
    )
    read = run()
    assert "profiles/melder" in read and "profiles/servicemanager" not in read
    assert run.written == every_page
    assert "Aanvrager" in run.html("profiles/servicemanager")  # in its sidebar

    # A new workflow: its page is read, and the navigation of its template's pages lists it
    # (the sidebar of another template's page keeps that group closed).
    assert main(["new", "workflow", "--template", "5", "--id", "extra-verzoek",
                 "--root", str(base_copy)]) == 0  # fmt: skip
    read = run()
    assert "workflows/extra-verzoek" in read and "workflows/index" in read
    assert "extra-verzoek.html" in run.html("workflows/uitvoeringsverzoek")
    assert "extra-verzoek.html" in run.html("workflows/template/5")
    assert "extra-verzoek" not in run.html("workflows/storing-zonder-wijziging")

    # Removing it again removes its page and every link to it.
    (base_copy / "workflows" / "extra-verzoek.yaml").unlink()
    run()
    assert not (tmp_path / "work" / "html" / "workflows" / "extra-verzoek.html").exists()
    assert "extra-verzoek" not in run.html("workflows/uitvoeringsverzoek")
    assert "extra-verzoek" not in run.html("workflows/template/5")
    assert "extra-verzoek" not in run.html("workflows/index")


def test_failed_build_leaves_the_published_site(
    base_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    assert main(["build", str(base_copy), "--out", str(site)]) == 0
    published = hashes(site)
    work_before = hashes(tmp_path / ".site.usm-work")
    sources_before = hashes(base_copy)
    (base_copy / "conf" / "profiles.yaml").write_text("profiles: [\n", "utf-8")
    wf = base_copy / "workflows" / "uitvoeringsverzoek.yaml"
    wf.write_text(wf.read_text("utf-8").replace("coordinator: RA}", "coordinator: R}"), "utf-8")
    capsys.readouterr()
    assert main(["build", str(base_copy), "--out", str(site)]) == 1
    out = capsys.readouterr().out
    assert "conf/profiles.yaml:1:11: error:" in out and "[usm.raci]" in out
    assert hashes(site) == published
    assert hashes(tmp_path / ".site.usm-work") == work_before
    changed = {k for k, v in hashes(base_copy).items() if sources_before.get(k) != v}
    assert changed == {"conf/profiles.yaml", "workflows/uitvoeringsverzoek.yaml"}


def test_build_refuses_to_overwrite_a_foreign_folder(base_copy: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "docs"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine", "utf-8")
    assert main(["build", str(base_copy), "--out", str(foreign)]) == 2
    assert (foreign / "keep.txt").read_text("utf-8") == "mine"


def test_our_handbook_builds_with_its_own_conf(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["build", str(REPO), "--out", str(site), "--strict"]) == 0
    assert (site / "howto" / "add-workflow.html").is_file(), "hand-written pages are included"
    assert (site / "reference" / "errors.html").is_file()
    shutil.rmtree(tmp_path / ".site.usm-work")


def test_large_handbook_splits_the_raci_matrix_and_builds_clean(tmp_path: Path) -> None:
    """Past RACI_SPLIT workflows the matrix has a page per template, and still builds -W."""
    import sys

    sys.path.insert(0, str(REPO / "benchmarks"))
    import synth

    from usm_docgen.render import RACI_SPLIT

    root = synth.generate(tmp_path / "big", RACI_SPLIT + 8)
    pages = _pages(root)
    parts = sorted(d for d in pages if d.startswith("raci/"))
    assert parts == [f"raci/template-{n}" for n in range(1, 9)]
    assert "wf-0001" not in pages["raci"] and "wf-0001" in pages["raci/template-2"]
    assert main(["build", str(root), "--out", str(tmp_path / "site"), "--strict"]) == 0
    assert (tmp_path / "site" / "raci" / "template-8.html").is_file()


def test_diagnostics_reach_sphinx_as_usm_warnings(
    base_copy: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """Inside Sphinx a diagnostic is a warning of type usm with its file:line:col, so -W fails."""
    wf = base_copy / "workflows" / "uitvoeringsverzoek.yaml"
    text = wf.read_text("utf-8")
    wf.write_text(text.replace("    kind: review\n", "    kind: other\n"), "utf-8")
    assert build.run_sphinx(base_copy, tmp_path / "lenient", None, strict=False) == 0
    err = capfd.readouterr().err
    assert f"{wf}:" in err and "WARNING" in err and "[usm.conformance]" in err
    assert build.run_sphinx(base_copy, tmp_path / "strict", None, strict=True) != 0


def test_a_diagram_mermaid_cannot_parse_fails_a_strict_build(
    base_copy: Path,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The pinned Mermaid parses every diagram during the build (beside Sphinx, in Node); a
    broken one is a usm warning at the workflow's YAML file, again on every later build."""
    from usm_docgen import mermaid

    real = mermaid.workflow_diagram

    def broken(model: object, workflow: object, link: object, *marked: object) -> str:
        text = real(model, workflow, link, *marked)  # type: ignore[arg-type]
        if getattr(workflow, "id", "") == "uitvoeringsverzoek":
            return text + "  s01 -->|unclosed label s02\n"
        return text

    monkeypatch.setattr(mermaid, "workflow_diagram", broken)
    wf = base_copy / "workflows" / "uitvoeringsverzoek.yaml"
    work = tmp_path / "work"
    for attempt in ("checked now", "known from the last build"):
        assert build.run_sphinx(base_copy, work, None, strict=True) != 0, attempt
        err = capfd.readouterr().err
        assert f"{wf}:1: WARNING: Mermaid cannot parse the diagram generated for " in err, attempt
        assert "[usm.diagram]" in err, attempt
    monkeypatch.setattr(mermaid, "workflow_diagram", real)
    assert build.run_sphinx(base_copy, work, None, strict=True) == 0


THEME_WORDS_EN = ("On this page", "Section Navigation", "Skip to main content", "Back to top")
THEME_WORDS_NL = ("Op deze pagina", "In dit deel", "Naar de inhoud", "Terug naar boven")


def test_the_interface_speaks_the_handbook_language(base_copy: Path, tmp_path: Path) -> None:
    """Sphinx's and the theme's words follow conf/handbook.yaml's language (the theme ships
    no Dutch: ours fill in), also when one process builds a Dutch and then an English one."""
    run = Builder(base_copy, tmp_path / "nl")
    run()
    page = run.html("improvement")  # a page with an "on this page" column
    assert all(word in page for word in THEME_WORDS_NL)
    assert not any(word in page for word in THEME_WORDS_EN)
    assert 'placeholder="Zoek in het handboek …"' in run.html("search")
    assert re.search(r'aria-controls="pst-nav-more-links">\s*Meer\s*<', page)

    english = tmp_path / "en-root"
    shutil.copytree(base_copy, english)
    handbook = english / "conf" / "handbook.yaml"
    handbook.write_text(
        handbook.read_text("utf-8").replace("language: nl", "language: en"), "utf-8"
    )
    run = Builder(english, tmp_path / "en")
    run()
    page = run.html("improvement")
    assert all(word in page for word in THEME_WORDS_EN)
    assert not any(word in page for word in THEME_WORDS_NL)
    assert re.search(r'aria-controls="pst-nav-more-links">\s*More\s*<', page)


def _replace(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text("utf-8")
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, "utf-8")


def test_every_value_at_its_bound_validates_and_builds_strict(
    base_copy: Path, tmp_path: Path
) -> None:
    """What validate accepts, the build renders: numbers at ±10¹², reviews 120 months apart
    from the last day of 2999, a sprint ending then, a date in 1900 (tests/cases has the
    values one step past each bound)."""
    _replace(
        base_copy / "conf" / "improvement.yaml",
        ("  assessed: 2026-01-12\n", "  assessed: 1900-01-01\n"),
        ("values: {doorlooptijd: 26,", "values: {doorlooptijd: 1000000000000,"),
        ("    target: 95\n", "    target: 1000000000000\n"),  # up: above its baseline
        ("    target: 8\n", "    target: 0.000001\n"),
        ("    end: 2026-04-24\n", "    end: 2999-12-31\n"),
        ("value: 78}", "value: -1000000000000}"),
        ("value: 19}", "value: 999999999999.5}"),
    )
    _replace(
        base_copy / "workflows" / "storing-zonder-wijziging.yaml",
        ("reviewed: 2026-03-13\n", "reviewed: 2999-12-31\n"),
        ("review_every: 12\n", "review_every: 120\n"),
    )
    result = catalog.load(base_copy)
    assert not result.failed(), result.diagnostics
    site = tmp_path / "site"
    assert main(["build", str(base_copy), "--out", str(site), "--strict"]) == 0
    charts = (site / "improvement.html").read_text("utf-8")
    assert charts.count('<svg class="usm-chart"') == 2
    drawn = re.findall(r'\s(?:points|[xy][12]?|c[xy])="([^"]*)"', charts.split("usm-chart", 1)[1])
    numbers = [float(n) for value in drawn for n in re.split(r"[ ,]+", value.strip()) if n]
    assert numbers and all(math.isfinite(n) and abs(n) < 10_000 for n in numbers)
    assert "2999" in (site / "workflows" / "storing-zonder-wijziging.html").read_text("utf-8")
