"""Built sites in a real browser: pages load offline and clean, diagrams draw, text stays text.

Debian's Chromium, driven by Playwright, opens every page of our own handbook and of
``tests/adversarial`` (hostile text in every field) over http and straight from disk.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ADVERSARIAL, REPO, Site, no_browser
from usm_docgen import catalog
from usm_docgen.cli import main
from usm_docgen.model import Model
from usm_docgen.usm import PROCESSES, TEMPLATES, whole_path

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCHEMES = ("http", "file")
TIMEOUT_MS = 30_000
SHOTS = Path(os.environ.get("USM_SCREENSHOTS", "/tmp/shots"))

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
BREAKOUT = '"><script>window.__pwned=1</script>'
"""Closes a double-quoted attribute, then a script: the payload of the adversarial edition."""
ADVERSARIAL_WORKFLOW = "storing-zonder-wijziging"
LONG_STEP = "subgraph"
"""The adversarial step whose name is 300 characters long."""

SWIMLANE = 'pre.mermaid > svg[aria-roledescription="swimlane"]'
DIAGRAMS_DONE = """() => [...document.querySelectorAll('pre.mermaid')]
    .every(pre => pre.querySelector(':scope > svg') !== null)"""

# What a page looks like once its diagrams are drawn, gathered in one round trip.
PAGE_STATE = """() => {
  const svgs = [...document.querySelectorAll('pre.mermaid > svg')];
  const swimlanes = svgs.filter(s => s.getAttribute('aria-roledescription') === 'swimlane');
  return {
    diagrams: document.querySelectorAll('pre.mermaid').length,
    broken: svgs.filter(s => s.getAttribute('aria-roledescription') === 'error'
        || s.querySelector('.error-icon, .error-text') !== null
        || (s.textContent || '').includes('Syntax error')).map(s => s.id),
    lanes: swimlanes.map(svg => [...svg.querySelectorAll('g.cluster.swimlane')].map(lane => {
        const label = lane.querySelector('.swimlane-label');
        return label === null ? '' : label.textContent;
    })),
    pwned: typeof window.__pwned !== 'undefined',
    injected: [
      ...[...document.querySelectorAll('img[src="x"], x')].map(e => e.outerHTML.slice(0, 120)),
      ...[...document.querySelectorAll('*')]
          .filter(e => [...e.attributes].some(a => a.name.startsWith('on')))
          .map(e => e.outerHTML.slice(0, 120)),
      ...[...document.scripts].filter(s => s.textContent.includes('__pwned'))
          .map(s => s.outerHTML.slice(0, 120)),
    ],
    shown: {
      title: document.title,
      version: document.querySelector('meta[name="docsearch:version"]')?.content ?? '',
      logo: document.querySelector('.logo__title')?.textContent ?? '',
      footer: document.querySelector('footer.bd-footer')?.innerText ?? '',
    },
  };
}"""


def _normal(text: str) -> str:
    """Text as a reader sees it: whitespace runs as one space, invisible word joiners dropped."""
    return re.sub(r"\s+", " ", text.replace("\u2060", "")).strip()


@cache
def _model(root: Path) -> Model:
    model = catalog.load(root).model
    assert model is not None, f"{root} must load"
    return model


def _handoffs(root: Path) -> list[tuple[str, str]]:
    """(workflow, workflow it hands off to) for every hand-off step of the handbook."""
    return [
        (w.id, s.handoff.workflow)
        for w in _model(root).workflows
        for s in w.handoffs
        if s.handoff is not None
    ]


@dataclass(frozen=True)
class Visit:
    """One page as the browser showed it, once its diagrams were drawn."""

    url: str
    problems: tuple[str, ...]
    diagrams: int
    lanes: tuple[tuple[str, ...], ...]
    """The lane titles of each swimlane diagram on the page."""
    shown: dict[str, str] = field(default_factory=dict)
    """Handbook settings as the page shows them: its title (the tab's and the header's),
    the edition in its docsearch meta tag, and its footer."""


class Tab:
    """One page in one browser context, reused for every visit to one site.

    Each visit records what went wrong: console errors, uncaught exceptions, failed requests,
    responses of 400 and up, dialogs, and every request that leaves the site. The context's
    proxy is the site's own server, so a request to another host cannot reach the network: it
    gets a 404 (or fails) and is reported.
    """

    def __init__(
        self,
        browser: Any,
        site: Site,
        *,
        viewport: dict[str, int] | None = None,
        init_scripts: tuple[Path | str, ...] = (),
    ) -> None:
        self.site = site
        self.context = browser.new_context(
            proxy={"server": site.http.rstrip("/"), "bypass": "127.0.0.1"},
            **({"viewport": viewport} if viewport else {}),
        )
        self.context.set_default_timeout(TIMEOUT_MS)
        for script in init_scripts:  # e.g. axe-core, for test_a11y's audit of every page
            if isinstance(script, Path):
                self.context.add_init_script(path=str(script))
            else:
                self.context.add_init_script(script)
        self.page = self.context.new_page()
        self.visits: dict[str, Visit] = {}
        self.problems: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page = self.page
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"uncaught exception: {exc}"))
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        page.on("dialog", self._dialog)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text} ({message.location})")

    def _failed(self, request: Any) -> None:
        # Aborted is what the tab does to the page before's requests as it moves on (its icon
        # may load late); a missing file fails otherwise (a 404, ERR_FILE_NOT_FOUND).
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response: Any) -> None:
        if response.status >= 400:  # favicon.ico included: the site names its own icon
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _local(self, url: str) -> bool:
        return url.startswith((self.site.http, self.site.file, "data:", "blob:", "about:"))

    def url(self, scheme: str, rel: str) -> str:
        return self.site.base(scheme) + rel

    def visit(self, url: str) -> Visit:
        """The page at ``url`` as last seen (opened now if it was not seen yet)."""
        return self.visits.get(url) or self.open(url)

    def open(self, url: str) -> Visit:
        """Load ``url`` now and wait until every diagram is drawn."""
        self.problems.clear()
        self.requests.clear()
        self.dialogs.clear()
        self.page.goto(url, wait_until="load")
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            self.page.wait_for_function(DIAGRAMS_DONE, timeout=TIMEOUT_MS)
        except PlaywrightTimeout as exc:  # one more problem to report with the others
            self.problems.append(f"diagrams not drawn within {TIMEOUT_MS} ms: {exc}")
        state: dict[str, Any] = self.page.evaluate(PAGE_STATE)
        problems = [*self.problems, *self._leaks()]
        problems += [f"Mermaid error graphic in svg#{i}" for i in state["broken"]]
        if state["pwned"]:
            problems.append("window.__pwned is set: injected script ran")
        problems += [f"injected element in the DOM: {e}" for e in state["injected"]]
        visit = Visit(
            url=url,
            problems=tuple(problems),
            diagrams=state["diagrams"],
            lanes=tuple(tuple(_normal(t) for t in lanes) for lanes in state["lanes"]),
            shown=state["shown"],
        )
        self.visits[url] = visit
        return visit

    def _leaks(self) -> list[str]:
        return [
            *(f"dialog opened: {d}" for d in self.dialogs),
            *(f"request left the site: {u}" for u in self.requests if not self._local(u)),
        ]

    def follow(self, link: Any) -> list[str]:
        """Click ``link`` on the page shown; return what went wrong until the next page loaded."""
        self.problems.clear()
        self.requests.clear()
        self.dialogs.clear()
        with self.page.expect_navigation(wait_until="load"):
            link.click()
        return [*self.problems, *self._leaks()]

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="session")
def example_tab(chromium: Any, example_site: Site) -> Iterator[Tab]:
    tab = Tab(chromium, example_site)
    yield tab
    tab.close()


@pytest.fixture(scope="session")
def adversarial_tab(chromium: Any, adversarial_site: Site) -> Iterator[Tab]:
    tab = Tab(chromium, adversarial_site)
    yield tab
    tab.close()


def _every_page(tab: Tab, scheme: str) -> dict[str, Visit]:
    """Open every page of the tab's site; fail listing every problem on every page."""
    pages = tab.site.pages()
    assert "index.html" in pages and any(p.startswith("workflows/") for p in pages)
    visits = {rel: tab.open(tab.url(scheme, rel)) for rel in pages}
    problems = [f"{rel}: {p}" for rel, v in visits.items() for p in v.problems]
    assert not problems, "\n".join(problems)
    return visits


def _one_swimlane(visit: Visit) -> tuple[str, ...]:
    assert not visit.problems, "\n".join(visit.problems)
    assert len(visit.lanes) == 1, f"{visit.url} has exactly one swimlane diagram"
    return visit.lanes[0]


def _click_handoff(tab: Tab, scheme: str, workflow_id: str, target: str) -> None:
    """Click the link on the hand-off node in the swimlane; land on the target's page."""
    tab.open(tab.url(scheme, f"workflows/{workflow_id}.html"))
    page = tab.page
    links = page.locator(f"{SWIMLANE} a").all()
    hrefs = [a.get_attribute("xlink:href") or a.get_attribute("href") or "" for a in links]
    to_target = [a for a, h in zip(links, hrefs, strict=True) if h.endswith(f"{target}.html")]
    assert len(to_target) == 1, f"one link to {target} among {hrefs}"
    problems = tab.follow(to_target[0])
    assert page.url.endswith(f"workflows/{target}.html"), page.url
    assert page.url.startswith(tab.site.base(scheme))
    assert not problems, "\n".join(problems)


def test_without_chromium_ci_fails_and_a_workstation_skips(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no chromium here"):
        no_browser("no chromium here")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="must run in CI"):
        no_browser("no chromium here")


# --- our own handbook ---------------------------------------------------------------------


# Over http every page of both handbooks is opened by test_a11y's audit, in a Tab, which
# asserts the same (test_every_page_loads_over_http_with_nothing_from_elsewhere); here they
# are opened from disk.
@pytest.mark.parametrize("scheme", ["file"])
def test_every_example_page_loads_offline_and_draws_its_diagrams(
    example_tab: Tab, scheme: str
) -> None:
    visits = _every_page(example_tab, scheme)
    workflows = _model(REPO).workflows
    for workflow in workflows:
        assert visits[f"workflows/{workflow.id}.html"].diagrams == 1, workflow.id
    assert sum(v.diagrams for v in visits.values()) > len(workflows), "other pages draw too"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("workflow_id", [w.id for w in _model(REPO).workflows])
def test_swimlanes_are_the_responsible_profiles(
    example_tab: Tab, scheme: str, workflow_id: str
) -> None:
    model = _model(REPO)
    workflow = model.workflow(workflow_id)
    lanes = _one_swimlane(
        example_tab.visit(example_tab.url(scheme, f"workflows/{workflow.id}.html"))
    )
    assert len(lanes) == len(workflow.lanes)
    assert sorted(lanes) == sorted(_normal(model.profile(p).name) for p in workflow.lanes)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(("workflow_id", "target"), _handoffs(REPO))
def test_clicking_a_handoff_opens_the_target_workflow(
    example_tab: Tab, scheme: str, workflow_id: str, target: str
) -> None:
    _click_handoff(example_tab, scheme, workflow_id, target)


PATH_NODES = """() => {
  const svg = [...document.querySelectorAll('pre.mermaid > svg')]
      .find(s => s.getAttribute('aria-roledescription') === 'swimlane');
  return svg ? [...svg.querySelectorAll('g.node')].map(n => n.textContent) : [];
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_model_page_draws_the_eight_whole_paths(example_tab: Tab, scheme: str) -> None:
    """A lane per process and, per template, a box in each process of its whole path."""
    model = _model(REPO)
    lanes = _one_swimlane(example_tab.open(example_tab.url(scheme, "model.html")))
    language = model.handbook.language
    assert set(lanes) == {PROCESSES[p].names(language) for p in PROCESSES}
    boxes = [_normal(t) for t in example_tab.page.evaluate(PATH_NODES)]
    assert len(boxes) == sum(len(whole_path(n)) for n in TEMPLATES) == 20
    for number, template in TEMPLATES.items():
        assert f"{number} · {template.names(language)}" in boxes
        assert boxes.count(str(number)) == len(whole_path(number)) - 1, number


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_template_3_page_shows_its_chain_to_the_end(example_tab: Tab, scheme: str) -> None:
    """Recover → Change → Operate: the chain links the change workflow, then from there the
    workflow of Operate; the section also names the whole path of template 3."""
    model = _model(REPO)
    workflow = next(w for w in model.workflows if w.templates == (3,))
    visit = example_tab.open(example_tab.url(scheme, f"workflows/{workflow.id}.html"))
    assert not visit.problems, "\n".join(visit.problems)
    section = example_tab.page.locator("section#het-hele-pad, section#the-whole-path")
    text = _normal(section.inner_text())
    assert "Herstellen → Wijzigen → Uitvoeren" in text
    links = section.locator("li a:not(.usm-term)").all()  # not the glossary's term links
    hrefs = [a.get_attribute("href") or "" for a in links]
    change = next(t for t in _chain_targets(model, workflow.id))
    assert hrefs[0].endswith(f"{change}.html"), hrefs
    assert model.workflow(change).usm.starts_in == "change"
    onward = _chain_targets(model, change)
    assert onward and all(any(h.endswith(f"{t}.html") for h in hrefs) for t in onward)


def _chain_targets(model: Model, workflow_id: str) -> list[str]:
    wf = model.workflow(workflow_id)
    return [s.handoff.workflow for s in wf.handoffs if s.handoff is not None]


def test_screenshots_of_a_workflow_and_a_profile(example_tab: Tab) -> None:
    """Pictures for a person to judge (not compared); they must show a drawn diagram."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    model = _model(REPO)
    workflow = next(w for w in model.workflows if w.handoffs)
    profile = model.profile(workflow.lanes[0])
    page = example_tab.page
    page.set_viewport_size({"width": 1400, "height": 900})
    try:
        for name, rel in (("workflow", f"workflows/{workflow.id}.html"),
                          ("profile", f"profiles/{profile.id}.html")):  # fmt: skip
            visit = example_tab.open(example_tab.url("http", rel))
            assert not visit.problems, "\n".join(visit.problems)
            shot = SHOTS / f"{name}-{Path(rel).stem}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        page.set_viewport_size({"width": 1280, "height": 720})


# --- the adversarial handbook -------------------------------------------------------------


def test_adversarial_handbook_is_valid_and_nasty(capsys: pytest.CaptureFixture[str]) -> None:
    """The format allows any text in names, so the hostile handbook must validate clean."""
    assert main(["validate", "--strict", str(ADVERSARIAL)]) == 0, capsys.readouterr().out
    model = _model(ADVERSARIAL)
    workflow = model.workflow(ADVERSARIAL_WORKFLOW)
    names = [s.name for s in workflow.steps]
    assert len(workflow.step(LONG_STEP).name) == 300
    assert "end" in names and "end-fase" in [s.id for s in workflow.steps]
    assert SCRIPT in workflow.name and IMG in names
    assert workflow.purpose is not None and SCRIPT in workflow.purpose and IMG in workflow.purpose
    assert any(len(p.name) == 300 for p in model.profiles)
    everything = " ".join(names) + workflow.name
    for needle in ('"', "'", "&amp;", " & ", "[", "]", "{", "}", "(", ")", "#", ";", "|",
                   "-->", "%%", ":", "`", "ë", "ß", "🚀", "漢字"):  # fmt: skip
        assert needle in everything, needle
    # The settings Sphinx and the theme print carry scripts, the edition one that first
    # closes an attribute; and no payload anywhere is a harmless stand-in like <b>.
    handbook = model.handbook
    for text in (handbook.title, handbook.organisation, handbook.edition, workflow.version):
        assert SCRIPT in text, text
    assert BREAKOUT in handbook.edition and BREAKOUT in handbook.title
    sources = "".join(f.read_text("utf-8") for f in sorted(ADVERSARIAL.rglob("*.yaml")))
    assert not re.search(r"<(b|i|em|strong|u)>", sources)


@pytest.mark.parametrize("scheme", ["file"])  # over http: test_a11y's audit (see above)
def test_every_adversarial_page_loads_and_runs_no_injected_code(
    adversarial_tab: Tab, scheme: str
) -> None:
    visits = _every_page(adversarial_tab, scheme)
    model = _model(ADVERSARIAL)
    for workflow in model.workflows:
        assert visits[f"workflows/{workflow.id}.html"].diagrams == 1, workflow.id
    # Every page prints the handbook's title, edition and organisation: as text, as written.
    handbook = model.handbook
    wrong = []
    for rel, visit in visits.items():
        shown = {key: _normal(value) for key, value in visit.shown.items()}
        if shown["version"] != handbook.edition:
            wrong.append(f"{rel}: edition {shown['version']!r}")
        if not shown["title"].endswith(_normal(handbook.title)):
            wrong.append(f"{rel}: tab title {shown['title']!r}")
        if shown["logo"] != _normal(handbook.title):
            wrong.append(f"{rel}: header title {shown['logo']!r}")
        if _normal(handbook.organisation) not in shown["footer"]:
            wrong.append(f"{rel}: footer {shown['footer']!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_adversarial_text_shows_as_written(adversarial_tab: Tab, scheme: str) -> None:
    model = _model(ADVERSARIAL)
    workflow = model.workflow(ADVERSARIAL_WORKFLOW)
    tab = adversarial_tab
    lanes = _one_swimlane(tab.open(tab.url(scheme, f"workflows/{workflow.id}.html")))

    visible = _normal(tab.page.locator("main").inner_text())
    for text in (SCRIPT, IMG, BREAKOUT, workflow.step(LONG_STEP).name, workflow.name,
                 workflow.version):  # fmt: skip
        assert _normal(text) in visible, text

    drawn = _normal(tab.page.locator(SWIMLANE).evaluate("svg => svg.textContent"))
    assert '"' in drawn and "&" in drawn and "<script>" in drawn
    expected = [s.name for s in workflow.steps]
    for s in workflow.steps:
        if s.decision is not None:
            expected += [s.decision.question, *(o.label for o in s.decision.outcomes)]
    missing = [t for t in expected if _normal(t) not in drawn]
    assert not missing, f"labels not drawn as written: {missing}"

    # A lane title is the profile's name, cut short with an ellipsis when it is very long.
    names = sorted(_normal(model.profile(p).name) for p in workflow.lanes)
    assert len(lanes) == len(names)
    for title, name in zip(sorted(lanes), names, strict=True):
        assert title == name or (title.endswith("…") and name.startswith(title[:-1])), title

    visit = tab.open(tab.url(scheme, "index.html"))
    assert not visit.problems, "\n".join(visit.problems)
    visible = _normal(tab.page.locator("main").inner_text())
    handbook = model.handbook
    for text in (handbook.title, handbook.organisation, handbook.edition):
        assert _normal(text) in visible, text


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(("workflow_id", "target"), _handoffs(ADVERSARIAL))
def test_adversarial_handoff_opens_its_target(
    adversarial_tab: Tab, scheme: str, workflow_id: str, target: str
) -> None:
    _click_handoff(adversarial_tab, scheme, workflow_id, target)
