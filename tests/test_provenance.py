"""From the page to the file (#13, point 4): with ``repository:`` every page made from one file
links to that file on the forge (a profile's and a practice's at the line of its entry), and
every such page names the commit that last changed its file, from one ``git log``."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from usm_docgen import catalog
from usm_docgen.cli import main
from usm_docgen.history import last_changes
from usm_docgen.model import Model
from usm_docgen.render import Provenance, page_source, render_site

GITLAB = "https://gitlab.example.nl/ict/handboek"


def _with_repository(root: Path, extra: str = "") -> None:
    conf = root / "conf" / "handbook.yaml"
    conf.write_text(
        conf.read_text("utf-8") + f"repository:\n  url: {GITLAB}\n  branch: main\n{extra}",
        "utf-8",
    )


def _load(root: Path) -> tuple[Model, catalog.LoadResult]:
    result = catalog.load(root)
    assert result.model is not None, result.diagnostics
    return result.model, result


def _footer(page: str) -> str:
    found = re.search(r":::\{container\} usm-source\n(.*)\n:::\n$", page)
    return found.group(1) if found else ""


def _line_of(path: Path, entry: str) -> int:
    lines = path.read_text("utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if re.match(rf"\s*- id: {entry}\s*$", text))


def test_every_page_kind_links_to_the_file_it_is_made_from(base_copy: Path) -> None:
    _with_repository(base_copy)
    model, result = _load(base_copy)
    pages = render_site(model, reference=False, provenance=Provenance(result.lines, {}))
    edit = f"{GITLAB}/-/edit/main/"
    for wf in model.workflows:
        docname = f"workflows/{wf.id}"
        assert f"({edit}workflows/{wf.id}.yaml)" in _footer(pages[docname]), docname
    profiles = base_copy / "conf" / "profiles.yaml"
    for profile in model.profiles:
        line = _line_of(profiles, profile.id)
        link = f"({edit}conf/profiles.yaml#L{line})"
        assert link in _footer(pages[f"profiles/{profile.id}"]), profile.id
        for docname in pages:
            if docname.startswith(f"profiles/{profile.id}/part-"):
                assert link in _footer(pages[docname]), docname
    practices = base_copy / "conf" / "practices.yaml"
    for practice in model.practices:
        link = f"({edit}conf/practices.yaml#L{_line_of(practices, practice.id)})"
        assert link in _footer(pages[f"practices/{practice.id}"]), practice.id
    whole = {
        "index": "conf/handbook.yaml",
        "scope": "conf/scope.yaml",
        "governance": "conf/governance.yaml",
        "improvement": "conf/improvement.yaml",
        "profiles/index": "conf/profiles.yaml",
        "practices/index": "conf/practices.yaml",
    }
    for docname, rel in whole.items():
        assert f"({edit}{rel})" in _footer(pages[docname]), docname
    for docname in ("model", "raci", "glossary", "workflows/index", "training/index"):
        assert _footer(pages[docname]) == "", f"{docname} is made from many files"
    # every page with a footer is one page_source knows, and no other
    for docname, text in pages.items():
        assert bool(_footer(text)) == (page_source(docname, result.lines) is not None), docname


@pytest.mark.parametrize(
    ("url", "extra", "expected"),
    [
        (
            "https://github.com/org/hb",
            "",
            "https://github.com/org/hb/edit/main/workflows/uitvoeringsverzoek.yaml",
        ),
        (
            "https://codeberg.org/org/hb.git",
            "",
            "https://codeberg.org/org/hb/_edit/main/workflows/uitvoeringsverzoek.yaml",
        ),
        (
            "https://git.example.nl/org/hb",
            "  kind: github\n  path: docs/handboek\n",
            "https://git.example.nl/org/hb/edit/main/docs/handboek/workflows/uitvoeringsverzoek.yaml",
        ),
    ],
)
def test_each_forge_gets_its_own_edit_address(
    base_copy: Path, url: str, extra: str, expected: str
) -> None:
    conf = base_copy / "conf" / "handbook.yaml"
    conf.write_text(
        conf.read_text("utf-8") + f"repository:\n  url: {url}\n  branch: main\n{extra}", "utf-8"
    )
    model, result = _load(base_copy)
    page = render_site(model, reference=False, provenance=Provenance(result.lines, {}))
    assert f"({expected})" in _footer(page["workflows/uitvoeringsverzoek"])


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "https://x.nl/a b",
        'https://x.nl/"onmouseover="x',
        "https://x.nl/(x)",
        "file:///etc/passwd",
    ],
)
def test_a_repository_address_that_is_no_web_address_is_refused(
    base_copy: Path, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    conf = base_copy / "conf" / "handbook.yaml"
    conf.write_text(
        conf.read_text("utf-8") + f"repository:\n  url: '{url}'\n  branch: main\n", "utf-8"
    )
    assert main(["validate", str(base_copy)]) == 1
    assert "conf/handbook.yaml:" in capsys.readouterr().out


def _git(root: Path, *args: str) -> str:
    env = {
        "GIT_AUTHOR_NAME": "Proces Eigenaar",
        "GIT_AUTHOR_EMAIL": "pe@example.nl",
        "GIT_COMMITTER_NAME": "Proces Eigenaar",
        "GIT_COMMITTER_EMAIL": "pe@example.nl",
        "GIT_AUTHOR_DATE": "2026-05-04T10:00:00+02:00",
        "GIT_COMMITTER_DATE": "2026-05-04T10:00:00+02:00",
        "PATH": "/usr/bin:/bin",
        "HOME": str(root),
    }
    done = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout.strip()


def test_the_last_change_names_the_commit_of_the_file(base_copy: Path, tmp_path: Path) -> None:
    _git(base_copy, "init", "-q", "-b", "main")
    _git(base_copy, "add", "-A")
    _git(base_copy, "commit", "-q", "-m", "Eerste versie")
    first = _git(base_copy, "rev-parse", "HEAD")
    wf = base_copy / "workflows" / "uitvoeringsverzoek.yaml"
    wf.write_text(wf.read_text("utf-8").replace("version: ", "version: ", 1) + "\n", "utf-8")
    _git(base_copy, "commit", "-q", "-am", "<script>alert(1)</script> *Verzoek* aangepast")
    second = _git(base_copy, "rev-parse", "HEAD")
    changes = last_changes(base_copy)
    assert changes["workflows/uitvoeringsverzoek.yaml"].commit == second
    assert changes["workflows/storing-zonder-wijziging.yaml"].commit == first
    assert changes["conf/profiles.yaml"].commit == first

    site = tmp_path / "site"
    assert main(["build", str(base_copy), "--out", str(site)]) == 0
    changed = (site / "workflows" / "uitvoeringsverzoek.html").read_text("utf-8")
    assert f'<code class="docutils literal notranslate"><span class="pre">{second[:8]}' in changed
    assert "4 mei 2026" in changed
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *Verzoek* aangepast" in changed
    assert "<script>alert(1)" not in changed
    other = (site / "workflows" / "storing-zonder-wijziging.html").read_text("utf-8")
    assert first[:8] in other and second[:8] not in other
    assert "Eerste versie" in (site / "profiles" / "servicemanager.html").read_text("utf-8")
    assert first[:8] not in (site / "model.html").read_text("utf-8"), "made from many files"


def test_outside_git_a_page_names_its_file_and_no_commit(base_copy: Path) -> None:
    assert last_changes(base_copy) == {}
    model, result = _load(base_copy)
    pages = render_site(
        model, reference=False, provenance=Provenance(result.lines, last_changes(base_copy))
    )
    for docname, text in pages.items():
        footer = _footer(text)
        assert "commit" not in footer and "Bewerk" not in footer, docname
    assert _footer(pages["workflows/uitvoeringsverzoek"]) == (
        "Bronbestand: `workflows/uitvoeringsverzoek.yaml`"
    )
    line = _line_of(base_copy / "conf" / "profiles.yaml", "servicemanager")
    assert _footer(pages["profiles/servicemanager"]) == (
        f"Bronbestand: `conf/profiles.yaml`, regel {line}"
    )
