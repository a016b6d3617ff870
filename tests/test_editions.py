"""``usm-docgen site`` and ``diff``: editions from git tags, their changelogs, the switcher.

One temporary git repository is made from our example handbook with three tagged editions
that differ in known ways, and a working tree that differs once more; its site is built once
for the module (the tests that change the repository make copies of their own).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import REPO, Site, serve
from usm_docgen import editions

pytestmark = pytest.mark.slow

DAY = "2026-10-30T12:00:00+00:00"
"""Every commit and tag of the history is of this day, the example's as-of date, so that the
editions are checked as of then (each tag as of its own date) whatever the calendar says."""
TAGS = ("v2026.1", "v2026.2", "v2026.3")

NEW_STEP = """\
  - id: nabellen
    name: Nabellen bij de aanvrager
    kind: review
    raci: {servicedeskmedewerker: R, workflowcoordinator: A}
    activities:
      - Bel de aanvrager een werkdag na de oplevering en vraag of alles werkt
"""

EXPECTED: dict[str, set[tuple[str, str, str | None, str | None]]] = {
    # (what, subject, step, profile) of every change each edition's changelog lists
    "v2026.1": set(),
    "v2026.2": {
        ("step-added", "uitvoeringsverzoek", "nabellen", None),
        ("raci", "afspraken-wijzigen", "wens-aannemen", "informatiemanager"),
    },
    "v2026.3": {
        ("workflow-renamed", "verstoring-zonder-wijziging", None, None),
        ("workflow-removed", "risico-via-uitvoering", None, None),
        ("practice-removed", "itil-service-financial-management", None, None),
        # removing the workflow took it out of the lists of two practices
        ("practice-workflows", "iso27001-risicobeoordeling", None, None),
        ("practice-workflows", "local-hoogwaterprotocol", None, None),
    },
    "dev": {("version", "wijziging-doorvoeren", None, None)},
}


def git(root: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": DAY,
        "GIT_COMMITTER_DATE": DAY,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return done.stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def release(root: Path, tag: str) -> None:
    edit(root / "conf/handbook.yaml", 'edition: "2026.2"', f'edition: "{tag[1:]}"')
    git(root, "add", "-A")
    git(root, "commit", "-qm", f"edition {tag}")
    git(root, "tag", tag)
    edit(root / "conf/handbook.yaml", f'edition: "{tag[1:]}"', 'edition: "2026.2"')


def make_history(root: Path) -> None:
    """Our example in git: three editions with known changes, and a change not committed."""
    root.mkdir(parents=True)
    for folder in ("conf", "workflows"):
        shutil.copytree(REPO / folder, root / folder)
    git(root, "init", "-q", "-b", "main")
    release(root, "v2026.1")
    # 2: a step added, a RACI change
    edit(
        root / "workflows/uitvoeringsverzoek.yaml",
        "  - id: afsluiten\n",
        NEW_STEP + "  - id: afsluiten\n",
    )
    edit(
        root / "workflows/afspraken-wijzigen.yaml",
        "{servicedeskmedewerker: R, servicemanager: A, informatiemanager: I}",
        "{servicedeskmedewerker: R, servicemanager: A, informatiemanager: C}",
    )
    release(root, "v2026.2")
    # 3: a workflow renamed, a practice dropped, a workflow removed (and the lists naming it)
    edit(
        root / "workflows/verstoring-zonder-wijziging.yaml",
        "name: Verstoring oplossen zonder wijziging",
        "name: Verstoring herstellen zonder wijziging",
    )
    practices = root / "conf/practices.yaml"
    text = practices.read_text("utf-8")
    start = text.index("  - id: itil-service-financial-management")
    practices.write_text(text[:start] + text[text.index("  - id: asl-impactanalyse") :])
    (root / "workflows/risico-via-uitvoering.yaml").unlink()
    edit(practices, "risico-via-wijziging, risico-via-uitvoering]", "risico-via-wijziging]")
    edit(practices, "    workflows: [risico-via-uitvoering]\n", "")
    improvement = root / "conf/improvement.yaml"
    edit(improvement, "[risico-via-uitvoering, verstoring-zonder", "[verstoring-zonder")
    edit(improvement, "risico-via-afspraken, risico-via-uitvoering]", "risico-via-afspraken]")
    edit(improvement, "      - risico-via-uitvoering\n", "")
    release(root, "v2026.3")
    # the working tree: one more change, not committed
    wf = root / "workflows/wijziging-doorvoeren.yaml"
    version = re.search(r'(?m)^version: "([^"]+)"', wf.read_text("utf-8"))
    assert version is not None
    edit(wf, f'version: "{version[1]}"', 'version: "9.9"')


def usm(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "usm_docgen", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )


@dataclass(frozen=True)
class History:
    root: Path
    out: Path
    first: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> History:
    base = tmp_path_factory.mktemp("editions")
    root = base / "handbook"
    make_history(root)
    out = base / "site"
    first = usm("site", str(root), "--out", str(out))
    assert first.returncode == 0, first.stdout + first.stderr
    return History(root, out, first)


def mtimes(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def listed(changes: list[dict[str, Any]]) -> set[tuple[str, str, str | None, str | None]]:
    return {(c["what"], c["subject"], c["step"], c["profile"]) for c in changes}


# --- the site --------------------------------------------------------------------------------


def test_every_edition_and_the_development_edition_are_built(history: History) -> None:
    for name in (*TAGS, "dev"):
        assert (history.out / name / "index.html").is_file(), name
        assert (history.out / name / "changes.html").is_file(), name
    versions = json.loads((history.out / "versions.json").read_text("utf-8"))
    assert [v["version"] for v in versions] == ["dev", "v2026.3", "v2026.2", "v2026.1"]
    assert [v.get("preferred", False) for v in versions] == [False, True, False, False]
    assert all(v["url"] == f"{v['version']}/" for v in versions)
    assert versions[1]["name"] == "v2026.3 (current)"


def test_the_root_sends_the_reader_to_the_newest_release(history: History) -> None:
    page = (history.out / "index.html").read_text("utf-8")
    assert 'http-equiv="refresh" content="0; url=v2026.3/index.html"' in page
    assert '<a href="v2026.3/index.html">' in page


def test_each_edition_shows_its_own_content(history: History) -> None:
    def page(edition: str, rel: str) -> str:
        return (history.out / edition / rel).read_text("utf-8")

    assert "Nabellen bij de aanvrager" not in page("v2026.1", "workflows/uitvoeringsverzoek.html")
    assert "Nabellen bij de aanvrager" in page("v2026.2", "workflows/uitvoeringsverzoek.html")
    assert (history.out / "v2026.2/workflows/risico-via-uitvoering.html").is_file()
    assert not (history.out / "v2026.3/workflows/risico-via-uitvoering.html").exists()
    assert not (history.out / "dev/workflows/risico-via-uitvoering.html").exists()
    old, new = "Verstoring oplossen zonder wijziging", "Verstoring herstellen zonder wijziging"
    assert old in page("v2026.2", "workflows/verstoring-zonder-wijziging.html")
    assert new in page("v2026.3", "workflows/verstoring-zonder-wijziging.html")
    assert "9.9" not in page("v2026.3", "workflows/wijziging-doorvoeren.html")
    assert "9.9" in page("dev", "workflows/wijziging-doorvoeren.html")
    for tag in TAGS:  # the edition in the page's metadata is the tag's
        assert f'content="{tag[1:]}"' in page(tag, "index.html")


def test_each_changelog_lists_exactly_the_known_changes(history: History) -> None:
    for name, expected in EXPECTED.items():
        stamp = json.loads((history.out / name / editions.EDITION_STAMP).read_text("utf-8"))
        assert stamp["key"]["source"]
        page = (history.out / name / "changes.html").read_text("utf-8")
        # every change is one list item on the page, under its workflow or area
        items = re.findall(
            r"<li>(?:<p>)?(.*?)(?:</p>)?\s*</li>", page.split('id="', 1)[1], re.DOTALL
        )
        assert len(items) == len(expected), (name, items)
    first = (history.out / "v2026.1/changes.html").read_text("utf-8")
    assert "eerste editie" in first
    third = (history.out / "v2026.3/changes.html").read_text("utf-8")
    assert "Vergeleken met editie v2026.2" in third
    assert "Verstoring herstellen zonder wijziging" in third


def test_diff_prints_the_same_changes_in_three_formats(history: History) -> None:
    pairs = [("v2026.1", "v2026.2"), ("v2026.2", "v2026.3"), ("v2026.3", "WORKTREE")]
    names = ["v2026.2", "v2026.3", "dev"]
    schema = json.loads((REPO / "usm_docgen/schemas/changes.json").read_text("utf-8"))
    for (old, new), name in zip(pairs, names, strict=True):
        done = usm("diff", old, new, str(history.root), "--format", "json")
        assert done.returncode == 0, done.stderr
        data = json.loads(done.stdout)
        jsonschema.validate(data, schema)
        assert listed(data["changes"]) == EXPECTED[name], name
        assert (data["from"], data["to"]) == (old, new)
        text = usm("diff", old, new, str(history.root))
        markdown = usm("diff", old, new, str(history.root), "--format", "markdown")
        assert text.returncode == markdown.returncode == 0
        for change in data["changes"]:
            for shown in (text.stdout, markdown.stdout):
                assert (change["step"] or change["subject"]) in shown.replace("\\-", "-")
        assert markdown.stdout.startswith("### ")
        assert len(re.findall(r"(?m)^- ", markdown.stdout)) == len(data["changes"])


def test_diff_of_equal_revisions_and_bad_ones(history: History) -> None:
    same = usm("diff", "v2026.2", "v2026.2", str(history.root), "--format", "json")
    assert same.returncode == 0 and json.loads(same.stdout)["changes"] == []
    unknown = usm("diff", "v2026.1", "no-such-tag", str(history.root))
    assert unknown.returncode == 2
    assert "'no-such-tag' is not a git revision" in unknown.stderr
    assert "Traceback" not in unknown.stderr


def test_workflow_page_notes_the_change_and_marks_the_steps(history: History) -> None:
    page = (history.out / "v2026.2/workflows/uitvoeringsverzoek.html").read_text("utf-8")
    assert "Gewijzigd in deze editie" in page
    assert "usm-legend-added" in page
    assert re.search(r"classDef usmAdded [^\n]*\n\s*class s\d+ usmAdded", page)
    unchanged = (history.out / "v2026.2/workflows/storing-gemaal.html").read_text("utf-8")
    assert "Gewijzigd in deze editie" not in unchanged
    assert "usmAdded" not in unchanged and "usm-legend" not in unchanged


def test_profile_page_shows_what_changed_for_that_profile(history: History) -> None:
    page = (history.out / "v2026.2/profiles/informatiemanager.html").read_text("utf-8")
    assert "Wat er voor jou veranderd is" in page
    assert re.search(
        r"Je deel in stap <a [^>]*>.*Wens aannemen.*</a> van <a [^>]*>.*</a> is veranderd van "
        r"<strong>I</strong> in <strong>C</strong>",
        page,
    ), "the change from I to C, told to the informatiemanager"
    other = (history.out / "v2026.2/profiles/storingsmonteur.html").read_text("utf-8")
    assert "Wat er voor jou veranderd is" not in other


# --- only what is new is built ---------------------------------------------------------------


def copy_history(history: History, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the repository, its site and the site's work folder, for a test to change."""
    root, out = tmp_path / "handbook", tmp_path / "site"
    shutil.copytree(history.root, root)
    shutil.copytree(history.out, out)
    work = history.out.parent / f".{history.out.name}.usm-work"
    shutil.copytree(work, tmp_path / f".{out.name}.usm-work", symlinks=True)
    # the copied working tree has new modification times: the development edition's key
    # follows the files, so give them the old ones
    for src in history.root.rglob("*"):
        if src.is_file():
            stat = src.stat()
            os.utime(root / src.relative_to(history.root), ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return root, out


def test_a_rerun_rebuilds_nothing_and_one_new_tag_builds_only_that(
    history: History, tmp_path: Path
) -> None:
    root, out = copy_history(history, tmp_path)
    before = mtimes(out)
    again = usm("site", str(root), "--out", str(out))
    assert again.returncode == 0, again.stdout + again.stderr
    assert "nothing new to build" in again.stdout
    assert mtimes(out) == before
    # a fourth edition: the working tree's change, committed and tagged
    git(root, "commit", "-qam", "edition v2026.4")
    git(root, "tag", "v2026.4")
    fourth = usm("site", str(root), "--out", str(out))
    assert fourth.returncode == 0, fourth.stdout + fourth.stderr
    assert "v2026.4: building" in fourth.stdout
    for tag in TAGS:
        assert f"{tag}: up to date" in fourth.stdout
        assert {k: v for k, v in mtimes(out).items() if k.startswith(f"{tag}/")} == {
            k: v for k, v in before.items() if k.startswith(f"{tag}/")
        }, f"{tag} was not touched"
    # the working tree is now v2026.4 as tagged: a development edition would repeat it
    assert "dev: the working tree is edition v2026.4 as tagged" in fourth.stdout
    assert not (out / "dev").exists()
    versions = json.loads((out / "versions.json").read_text("utf-8"))
    assert [v["version"] for v in versions] == ["v2026.4", "v2026.3", "v2026.2", "v2026.1"]
    changes = (out / "v2026.4/changes.html").read_text("utf-8")
    assert "Vergeleken met editie v2026.3" in changes and "9.9" in changes


def test_a_tag_that_does_not_validate_is_reported_and_the_rest_is_built(
    history: History, tmp_path: Path
) -> None:
    root, out = copy_history(history, tmp_path)
    # v2026.3 is tagged anew on a commit that breaks a workflow; it was built before
    wf = root / "workflows/uitvoeringsverzoek.yaml"
    saved = wf.read_text("utf-8")
    edit(wf, "owner: teamcoordinator", "owner: teamcoordinatr")
    git(root, "commit", "-qam", "a typo")
    git(root, "tag", "-f", "v2026.3")
    git(root, "tag", "v2026.5")
    wf.write_text(saved, "utf-8")
    before = (out / "v2026.3/index.html").read_bytes()
    done = usm("site", str(root), "--out", str(out))
    assert done.returncode == 1
    assert re.search(
        r"(?m)^v2026\.3:workflows/uitvoeringsverzoek\.yaml:\d+:\d+: error: .*teamcoordinatr",
        done.stdout,
    ), done.stdout
    fifth = r"(?m)^v2026\.5:workflows/uitvoeringsverzoek\.yaml:\d+:\d+: error"
    assert re.search(fifth, done.stdout)
    assert "v2026.3" in done.stderr and "not built" in done.stderr
    assert (out / "v2026.3/index.html").read_bytes() == before, "the last good build stays"
    assert not (out / "v2026.5").exists()
    for tag in ("v2026.1", "v2026.2", "dev"):
        assert (out / tag / "index.html").is_file()
    versions = [v["version"] for v in json.loads((out / "versions.json").read_text("utf-8"))]
    assert versions == ["dev", "v2026.3", "v2026.2", "v2026.1"]


def test_an_edition_name_that_is_not_its_tag_is_warned_about(tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    shutil.copytree(REPO / "tests/base", root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "one")
    git(root, "tag", "v1")
    git(root, "tag", "v1+odd")
    done = usm("site", str(root), "--out", str(tmp_path / "site"), "--no-dev")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(
        r"(?m)^v1:conf/handbook\.yaml:1:1: warning: edition '.*' is not the name "
        r"of its tag 'v1'.* \[usm\.edition-tag\]$",
        done.stdout,
    ), done.stdout
    assert "[usm.edition-name]" in done.stdout and "'v1+odd'" in done.stdout
    assert (tmp_path / "site/v1/index.html").is_file()
    assert not (tmp_path / "site/dev").exists()


def test_outside_git_it_says_so(tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    shutil.copytree(REPO / "tests/base", root)
    done = usm("site", str(root), "--out", str(tmp_path / "site"))
    assert done.returncode == 2
    assert "not inside a git work tree" in done.stderr and "Traceback" not in done.stderr


# --- in the browser --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_tab(chromium: Any, history: History) -> Iterator[Any]:
    from tests.test_browser import Tab

    with serve(history.out) as url:
        tab = Tab(chromium, Site(history.root, history.out, url))
        yield tab
        tab.close()


LINK = ".bd-header .usm-editions__link"
SWITCHER_LINKS = """() => [...document.querySelectorAll('.bd-header .usm-editions__link')]
    .map(a => [a.dataset.usmEdition, a.getAttribute('href')])"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["http", "file"])
def test_switching_editions_keeps_the_page(site_tab: Any, scheme: str) -> None:
    tab = site_tab
    visit = tab.open(tab.url(scheme, "v2026.2/workflows/uitvoeringsverzoek.html"))
    assert not visit.problems, "\n".join(visit.problems)
    tab.page.wait_for_selector(".usm-editions__link", state="attached")
    links = dict(tab.page.evaluate(SWITCHER_LINKS))
    assert list(links) == ["dev", "v2026.3", "v2026.2", "v2026.1"]
    # the same workflow in every edition that has it; the home of one that does not
    tab.page.locator(".bd-header .usm-editions summary").click()
    problems = tab.follow(
        tab.page.locator('.bd-header .usm-editions__link[data-usm-edition="v2026.1"]')
    )
    assert tab.page.url == tab.url(scheme, "v2026.1/workflows/uitvoeringsverzoek.html")
    assert not problems, "\n".join(problems)
    tab.open(tab.url(scheme, "v2026.2/workflows/risico-via-uitvoering.html"))
    tab.page.wait_for_selector(".usm-editions__link", state="attached")
    tab.page.locator(".bd-header .usm-editions summary").click()
    tab.follow(tab.page.locator(f'{LINK}[data-usm-edition="v2026.3"]'))
    assert tab.page.url == tab.url(scheme, "v2026.3/index.html")


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["http", "file"])
def test_banners_of_old_and_development_editions(site_tab: Any, scheme: str) -> None:
    tab = site_tab
    tab.open(tab.url(scheme, "v2026.1/profiles/informatiemanager.html"))
    banner = tab.page.locator('[data-usm-banner="old"]')
    banner.wait_for()
    assert "editie v2026.1" in banner.inner_text() and "v2026.3" in banner.inner_text()
    tab.follow(banner.locator("a"))
    assert tab.page.url == tab.url(scheme, "v2026.3/profiles/informatiemanager.html")
    assert tab.page.locator("[data-usm-banner]").count() == 0, "the current edition has none"
    tab.open(tab.url(scheme, "dev/index.html"))
    dev = tab.page.locator('[data-usm-banner="development"]')
    dev.locator("a").wait_for()
    assert "in ontwikkeling" in dev.inner_text()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["http", "file"])
def test_new_steps_are_outlined_in_the_diagram_with_a_legend(site_tab: Any, scheme: str) -> None:
    tab = site_tab
    visit = tab.open(tab.url(scheme, "v2026.2/workflows/uitvoeringsverzoek.html"))
    assert not visit.problems, "\n".join(visit.problems)
    marked = tab.page.evaluate(
        """() => [...document.querySelectorAll('pre.mermaid svg .usmAdded')]
            .map(n => n.textContent)"""
    )
    assert len(marked) == 1 and "Nabellen" in marked[0], marked
    assert tab.page.locator(".usm-legend-added").is_visible()


# --- hostile input ---------------------------------------------------------------------------


def test_hostile_text_in_the_changes_stays_text(tmp_path: Path) -> None:
    """tests/adversarial as the development edition after an edition whose payloads were
    harmless: every name that changed carries a payload into the changelog, the notices and
    the diagram marks. A tag named like markup is refused, never put in a page or a path."""
    from tests.test_escaping import RAW_PAYLOADS, _Page

    root = tmp_path / "handbook"
    shutil.copytree(REPO / "tests/adversarial", root)
    git(root, "init", "-q", "-b", "main")
    files = list(root.rglob("*.yaml"))
    hostile = {p: p.read_text("utf-8") for p in files}
    for path, text in hostile.items():
        path.write_text(text.replace("window.__pwned=1", "window.harmless=1"), "utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "harmless")
    git(root, "tag", "v1")
    git(root, "tag", 'v2"><script>window.__pwned=1')
    for path, text in hostile.items():
        path.write_text(text, "utf-8")
    out = tmp_path / "site"
    done = usm("site", str(root), "--out", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "[usm.edition-name]" in done.stdout
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["dev", "v1"]
    changes = (out / "dev/changes.html").read_text("utf-8")
    assert changes.count("<li>") >= 5, "the renames are listed"
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in changes, "shown as written"
    problems = []
    for file in [*out.rglob("*.html"), out / "versions.js", out / "versions.json"]:
        rel = file.relative_to(out).as_posix()
        raw = file.read_text("utf-8")
        problems += [f"{rel}: {p!r} unescaped" for p in RAW_PAYLOADS if p in raw]
        if file.suffix == ".html":
            page = _Page(raw)
            for tag, attrs in page.elements:
                problems += [f"{rel}: <{tag} {n}=…>" for n, _ in attrs if n.startswith("on")]
            problems += [f"{rel}: script {s[:60]!r}" for s in page.scripts if "__pwned" in s]
    assert not problems, "\n".join(problems)
