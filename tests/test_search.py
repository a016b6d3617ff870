"""Search over a built site: the page named first, a count, excerpts without diagram source;
no failed request on any page; the handbook's name once in the home page's title.

Sphinx's own search (search.html, searchindex.js, searchtools.js) with our scorer and
usm-search.js, in Debian's Chromium over http and straight from disk.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.conftest import REPO, Site
from usm_docgen import catalog
from usm_docgen.labels import label
from usm_docgen.model import Model
from usm_docgen.sphinx_search import search_words

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCHEMES = ("http", "file")
SITES = ("example_site", "adversarial_site")
TIMEOUT_MS = 15_000
"""Pages loaded side by side when every page of a site is checked for failed requests."""

DIAGRAM_SOURCE = ("%%{", "flowchart", "swimlane-beta", "accTitle", "accDescr", "classDef")
"""What our diagrams' Mermaid source holds: never in an excerpt (unless the handbook's own
text holds it: the adversarial one writes ``%%{init…}%%`` and ``classDef`` in a step name)."""
MERMAID_ONLY = ("flowchart", "classdef", "accdescr")
"""Mermaid keywords our diagrams use and no text of the example handbook does."""
_MERMAID_PRE = re.compile(r'<pre\s+class="mermaid">(.*?)</pre>', re.DOTALL)

RESULTS = """() => ({
  status: document.querySelector('#search-results p.search-summary')?.innerText ?? '',
  links: [...document.querySelectorAll('#search-results ul.search > li > a')]
      .map(a => a.getAttribute('href')),
  excerpts: [...document.querySelectorAll('#search-results ul.search p.context')]
      .map(p => p.textContent),
})"""
ICON = "() => document.querySelector('link[rel=icon]')?.href ?? ''"
COUNT_SHOWN = "() => !!document.querySelector('#search-results p.search-summary')?.innerText"
EXCERPTS_SHOWN = """() => [...document.querySelectorAll('#search-results ul.search > li')]
    .every(li => li.querySelector('p.context') !== null)"""


@cache
def _model(root: Path) -> Model:
    model = catalog.load(root).model
    assert model is not None, f"{root} must load"
    return model


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2060", "")).strip()


@dataclass(frozen=True)
class Found:
    """One search as the search page showed it."""

    query: str
    status: str
    links: tuple[str, ...]
    excerpts: tuple[str, ...]
    problems: tuple[str, ...]


def _said(message: Any) -> str:
    """A console message, and the file it is about (Chromium names no URL for a 404)."""
    url = message.location.get("url", "")
    return f"{message.text} ({url})" if url else str(message.text)


class Watcher:
    """Pages of one site in one browser context; every console error, uncaught exception,
    failed request and response of 400 and up is noted against the page that caused it.
    The site's own server is the context's proxy: a request to another host cannot leave."""

    def __init__(self, browser: Any, site: Site) -> None:
        self.site = site
        self.context = browser.new_context(
            proxy={"server": site.http.rstrip("/"), "bypass": "127.0.0.1"}
        )
        self.context.set_default_timeout(TIMEOUT_MS)
        self.problems: list[str] = []
        self.pending: set[Any] = set()
        """Requests made and not yet answered."""
        self.page = self.tab()
        self.searches: dict[tuple[str, str], Found] = {}

    def tab(self) -> Any:
        page = self.context.new_page()

        def note(problem: str) -> None:
            self.problems.append(f"{page.url}: {problem}")

        page.on("console", lambda m: m.type == "error" and note(f"console error: {_said(m)}"))
        page.on("pageerror", lambda exc: note(f"uncaught exception: {exc}"))
        page.on("requestfailed", lambda r: note(f"request failed: {r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and note(f"HTTP {r.status}: {r.url}"))
        page.on("request", lambda r: self.pending.add(r))
        page.on("requestfinished", lambda r: self.pending.discard(r))
        page.on("requestfailed", lambda r: self.pending.discard(r))
        return page

    def settle(self, page: Any, quiet_ms: int = 500) -> None:
        """Wait until no request is open for ``quiet_ms`` (the browser asks for a page's
        icon after it loaded); note those still open after TIMEOUT_MS."""
        waited = quiet = 0
        while quiet < quiet_ms and waited < TIMEOUT_MS:
            page.wait_for_timeout(100)
            waited += 100
            quiet = 0 if self.pending else quiet + 100
        self.problems += [f"no answer in {TIMEOUT_MS} ms: {r.url}" for r in self.pending]
        self.pending.clear()

    def search(self, scheme: str, query: str) -> Found:
        """Search the site for ``query`` (as its search form does), once per scheme."""
        key = (scheme, query)
        if key not in self.searches:
            self.searches[key] = self._search(scheme, query)
        return self.searches[key]

    def _search(self, scheme: str, query: str) -> Found:
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        self.problems.clear()
        page = self.page
        page.goto(f"{self.site.base(scheme)}search.html?q={quote(query)}", wait_until="load")
        try:
            page.wait_for_function(COUNT_SHOWN, timeout=TIMEOUT_MS)
        except PlaywrightTimeout:
            self.problems.append(f"no result count within {TIMEOUT_MS} ms")
        if scheme == "http":  # each result's excerpt, from a fetch of its page
            try:
                page.wait_for_function(EXCERPTS_SHOWN, timeout=TIMEOUT_MS)
            except PlaywrightTimeout:
                self.problems.append(f"not every result showed an excerpt in {TIMEOUT_MS} ms")
        state: dict[str, Any] = page.evaluate(RESULTS)
        return Found(
            query=query,
            status=_normal(state["status"]),
            links=tuple(state["links"]),
            excerpts=tuple(state["excerpts"]),
            problems=tuple(self.problems),
        )

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def watchers(chromium: Any) -> Iterator[dict[str, Watcher]]:
    made: dict[str, Watcher] = {}
    yield made
    for watcher in made.values():
        watcher.close()


@pytest.fixture(params=SITES)
def watcher(request: pytest.FixtureRequest, watchers: dict[str, Watcher]) -> Watcher:
    """One browser context per site, kept for the module: each search is made once."""
    name: str = request.param
    if name not in watchers:
        site: Site = request.getfixturevalue(name)
        watchers[name] = Watcher(request.getfixturevalue("chromium"), site)
    return watchers[name]


def _queries(site: Site) -> list[str]:
    """Words found right by diagrams: the flow section's heading (every workflow page has
    one, its diagram right under it), the model page's title (its diagram under it) and the
    name of every workflow."""
    model = _model(site.root)
    language = model.handbook.language
    titles = [label("flow", language), label("title.model", language)]
    return [*titles, *(w.name for w in model.workflows)]


def _handbook_text(site: Site) -> str:
    """Everything the handbook's authors wrote (not what a build left in handbook/_build)."""
    return "".join(
        p.read_text("utf-8")
        for folder in ("conf", "workflows", "handbook")
        for p in sorted((site.root / folder).rglob("*"))
        if p.suffix in (".yaml", ".md") and "_build" not in p.relative_to(site.root).parts
    )


def _diagram_only(site: Site) -> list[str]:
    """The words of DIAGRAM_SOURCE the handbook's own text does not hold."""
    written = _handbook_text(site)
    return [word for word in DIAGRAM_SOURCE if word not in written]


def _count(site: Site, results: int) -> str:
    words = search_words(_model(site.root).handbook.language)
    return words["one" if results == 1 else "many"].replace("${resultCount}", str(results))


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_workflow_name_finds_that_workflow_first_and_a_count(
    watcher: Watcher, scheme: str
) -> None:
    wrong = []
    for workflow in _model(watcher.site.root).workflows:
        found = watcher.search(scheme, workflow.name)
        wrong += [f"{workflow.id}: {p}" for p in found.problems]
        first = found.links[0].partition("#")[0] if found.links else None
        if first != f"workflows/{workflow.id}.html":
            wrong.append(f"{workflow.id}: first result {first!r} of {found.links[:5]}")
        if found.status != _count(watcher.site, len(found.links)):
            wrong.append(f"{workflow.id}: count {found.status!r}, {len(found.links)} results")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_start_of_a_workflow_name_finds_a_workflow_first(watcher: Watcher, scheme: str) -> None:
    """The first words of a workflow's name (Verstoring oplossen) list a workflow whose name
    holds them first, before the profile and training pages with a heading of them."""
    model = _model(watcher.site.root)
    wrong = []
    for workflow in model.workflows:
        query = " ".join(workflow.name.split()[:2])
        found = watcher.search(scheme, query)
        wrong += [f"{query!r}: {p}" for p in found.problems]
        first = found.links[0].partition("#")[0] if found.links else ""
        named = {f"workflows/{w.id}.html" for w in model.workflows if query in w.name}
        if first not in named:
            wrong.append(f"{query!r}: first result {first!r} of {found.links[:5]}")
    assert not wrong, "\n".join(wrong)


def test_no_excerpt_shows_diagram_source(watcher: Watcher) -> None:
    """Over http, where Sphinx fetches each result's page for its excerpt."""
    excerpts = []
    problems = []
    for query in _queries(watcher.site):
        found = watcher.search("http", query)
        problems += [f"{query!r}: {p}" for p in found.problems]
        excerpts += [(query, e) for e in found.excerpts]
    source = _diagram_only(watcher.site)
    assert {"swimlane-beta", "accDescr"} <= set(source)
    if watcher.site.root == REPO:
        assert source == list(DIAGRAM_SOURCE)
    shown = [f"{q!r}: {e[:160]!r}" for q, e in excerpts if any(s in e for s in source)]
    assert not shown, "\n".join(shown)
    assert not problems, "\n".join(problems)
    assert len(excerpts) > 10


# Sphinx makes an excerpt from a result's page with Search.htmlToText (as usm-search.js
# mends it): the page's text, from which it cuts the words around the first hit.
PAGE_AS_EXCERPTED = """async (url) => {
  const html = await (await fetch(url)).text();
  const page = new DOMParser().parseFromString(html, 'text/html');
  return {
    answers: [...page.querySelectorAll('.usm-quiz-answer')].map(a => a.textContent.trim()),
    questions: [...page.querySelectorAll('.usm-quiz p')].filter(p => !p.closest('.usm-quiz-answer'))
    .map(p => p.textContent.trim()),
    text: Search.htmlToText(html, ''),
  };
}"""


def test_no_excerpt_gives_a_quiz_answer_away(watcher: Watcher) -> None:
    """A quiz's answer is folded away on its page, so the text excerpts are cut from holds
    each question and its options but no answer with its 'See: step …' line."""
    model = _model(watcher.site.root)
    see = label("quiz.see", model.handbook.language) + ":"
    assert see not in _handbook_text(watcher.site), "the handbook's own text says it"
    watcher.search("http", model.workflows[0].name)  # the search page, its scripts loaded
    wrong = []
    for workflow in model.workflows:
        url = f"{watcher.site.http}workflows/{workflow.id}.html"
        page = watcher.page.evaluate(PAGE_AS_EXCERPTED, url)
        assert page["answers"], f"{url}: a quiz with answers"
        if see in page["text"]:
            wrong.append(f"{url}: {see} in the text of its excerpts")
        text = " ".join(page["text"].split())
        wrong += [
            f"{url}: lost {q[:60]!r}" for q in page["questions"] if " ".join(q.split()) not in text
        ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_search_page_logs_no_error(watcher: Watcher, scheme: str) -> None:
    """From disk a browser refuses the fetch of a result's page: no excerpt then, no error."""
    query = _queries(watcher.site)[0]
    found = watcher.search(scheme, query)
    assert not found.problems, "\n".join(found.problems)
    assert len(found.links) > 1, found
    assert found.status == _count(watcher.site, len(found.links))
    if scheme == "file":
        assert found.excerpts == ()


def test_every_page_names_the_site_icon(chromium: Any, example_site: Site) -> None:
    """The icon every page names is our SVG, served by the site (so no browser asks for a
    missing favicon.ico; tests/test_browser.py loads every page and fails on any 404)."""
    watcher = Watcher(chromium, example_site)
    try:
        watcher.page.goto(example_site.http + "index.html", wait_until="load")
        icon = watcher.page.evaluate(ICON)
        assert icon.endswith(".svg"), icon
        response = watcher.context.request.get(icon)
        assert response.ok and b"<svg" in response.body()
        assert not watcher.problems, "\n".join(watcher.problems)
    finally:
        watcher.close()
    for page in example_site.pages():
        html = (example_site.out / page).read_text("utf-8")
        assert 'rel="icon"' in html and "usm-favicon.svg" in html, page


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_home_page_title_is_the_handbook_name_once(watcher: Watcher, scheme: str) -> None:
    model = _model(watcher.site.root)
    name = _normal(model.handbook.title)
    workflow = model.workflows[0]
    titles = {}
    for rel in ("index.html", f"workflows/{workflow.id}.html"):
        watcher.page.goto(watcher.site.base(scheme) + rel, wait_until="load")
        titles[rel] = _normal(watcher.page.title())
    assert titles["index.html"] == name
    assert titles[f"workflows/{workflow.id}.html"].count(name) == 1
    assert titles[f"workflows/{workflow.id}.html"].startswith(_normal(workflow.name))


def test_the_search_index_holds_no_diagram_source(example_site: Site) -> None:
    """Words only Mermaid source holds are in the pages' diagrams, and not in the index."""
    diagrams = " ".join(
        pre
        for page in example_site.pages()
        for pre in _MERMAID_PRE.findall((example_site.out / page).read_text("utf-8"))
    ).lower()
    assert all(word in diagrams for word in MERMAID_ONLY), "the diagrams hold these words"
    raw = (example_site.out / "searchindex.js").read_text("utf-8")
    index = json.loads(raw[raw.index("(") + 1 : raw.rindex(")")])
    terms = [*index["terms"], *index["titleterms"]]
    # the terms are stems: a keyword's first six letters find it in any form
    found = [t for t in terms if any(t.startswith(word[:6]) for word in MERMAID_ONLY)]
    assert not found, found
