"""WCAG 2.1 AA in a real browser: axe-core over every page, diagrams a reader can perceive,
and a phone-width page that never scrolls sideways.

axe-core comes from the pinned npm package and is injected by the test, into each page of
the test's browser context (Playwright's ``add_init_script``, which Chromium compiles once
rather than on every page as ``add_script_tag`` would: a minute less over our own handbook);
the site itself never loads it. Each site's pages are visited once, in one browser context,
and every check of this file reads that one visit; a failure lists every page and every
problem at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, Site, no_browser
from tests.test_browser import Tab
from usm_docgen import catalog
from usm_docgen.labels import label
from usm_docgen.model import Model

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")
TIMEOUT_MS = 30_000
DESKTOP = {"width": 1366, "height": 900}
# pydata-sphinx-theme's own switch, as a reader's choice of "Dark" leaves it
DARK = "localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark')"
PHONE = {"width": 390, "height": 844}

# A page is ready once usm-mermaid.js has drawn its diagrams (pages without any load no
# Mermaid and are ready at once).
READY = """() => document.querySelector('pre.mermaid') === null
    || document.documentElement.dataset.usmDiagrams !== undefined"""

AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: { type: 'tag', values: tags },
    resultTypes: ['violations'],
  });
  return result.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map(n => n.target.join(' ')),
    summary: v.nodes.length ? (v.nodes[0].failureSummary || '') : '',
  }));
}"""

# Every diagram as assistive technology and the eye meet it: the accessible name and
# description of each SVG, and the contrast of each piece of its text against what is painted
# under it. axe leaves text on SVG shapes unjudged ("needs review"), so this measures it: the
# stack of elements under the middle of the text, from the text down to the first opaque
# layer (an SVG shape's fill, an HTML background), blended, against the text's colour.
DIAGRAMS = """() => {
  const hit = document.createElement('style');
  hit.textContent = 'pre.mermaid svg * { pointer-events: auto !important; }';
  document.head.appendChild(hit);
  const parse = (value) => {
    const m = /rgba?\\(([^)]+)\\)/.exec(value || '');
    if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const SHAPES = new Set(['rect', 'path', 'polygon', 'circle', 'ellipse']);
  const layer = (el) => {
    const style = getComputedStyle(el);
    if (el instanceof SVGElement) {
      if (!SHAPES.has(el.localName)) return null;
      const fill = parse(style.fill);
      if (fill === null) return null;
      fill[3] *= Number(style.fillOpacity) * Number(style.opacity);
      return fill[3] > 0 ? fill : null;
    }
    const bg = parse(style.backgroundColor);
    return bg !== null && bg[3] > 0 ? bg : null;
  };
  const luminance = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const over = (top, under) => top.slice(0, 3).map((v, i) => v * top[3] + under[i] * (1 - top[3]));
  const background = (el) => {
    const box = el.getBoundingClientRect();
    const layers = [];
    for (const under of document.elementsFromPoint(box.x + box.width / 2, box.y + box.height / 2)) {
      const color = layer(under);
      if (color === null) continue;
      layers.push(color);
      if (color[3] >= 1) break;
    }
    let color = [255, 255, 255];
    for (const top of layers.reverse()) color = over(top, color);
    return color;
  };
  const result = [];
  for (const svg of document.querySelectorAll('pre.mermaid > svg')) {
    const named = (attr) => (svg.getAttribute(attr) || '').split(/\\s+/).filter(Boolean)
      .map(id => document.getElementById(id)?.textContent || '').join(' ').trim();
    const role = svg.getAttribute('role') || '';
    const own = (tag) => svg.querySelector(':scope > ' + tag)?.textContent?.trim() || '';
    const item = {
      id: svg.id,
      kind: svg.getAttribute('aria-roledescription') || '',
      name: named('aria-labelledby') || svg.getAttribute('aria-label')
        || (role.split(' ').includes('img') ? own('title') : ''),
      description: named('aria-describedby')
        || (role.split(' ').includes('img') ? own('desc') : ''),
      hidden: svg.closest('[aria-hidden="true"]') !== null,
      low: [],
      measured: 0,
      lowest: Infinity,
    };
    const seen = new Set();
    const walker = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.textContent.trim() || seen.has(el) || el.closest('title, desc, style')) continue;
      seen.add(el);
      let box = el.getBoundingClientRect();
      const top = () => document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
      if (!el.contains(top())) {  // off screen, or under the sticky header
        el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
        box = el.getBoundingClientRect();
      }
      const style = getComputedStyle(el);
      if (!box.width || !box.height || style.visibility !== 'visible') continue;
      const ink = parse(el instanceof SVGElement ? style.fill : style.color);
      if (ink === null) continue;
      const bg = background(el);
      const text = over(ink, bg);
      const [a, b] = [luminance(text), luminance(bg)].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      item.measured += 1;
      item.lowest = Math.min(item.lowest, ratio);
      if (ratio < (large ? 3 : 4.5)) {
        const words = JSON.stringify(node.textContent.trim().slice(0, 40));
        item.low.push(`${ratio.toFixed(2)}:1 ${words}`
          + ` rgb(${text.map(Math.round)}) on rgb(${bg.map(Math.round)})`);
      }
    }
    result.push(item);
  }
  hit.remove();
  window.scrollTo(0, 0);
  return result;
}"""


# Where the link under a diagram leads: the section it names, its heading and how many step
# headings it holds (none when the page has no such link).
STEPS_LINK = """() => {
  const link = document.querySelector('figure:has(pre.mermaid) ~ p a[href^="#"]');
  const id = link && document.getElementById(link.getAttribute('href').slice(1));
  // docutils writes a section's second id as an empty span inside it
  const to = id && (id.localName === 'section' ? id : id.closest('section'));
  return to ? {heading: to.querySelector('h2')?.firstChild.textContent ?? '',
               steps: to.querySelectorAll('h3').length} : null;
}"""


@dataclass(frozen=True)
class Audit:
    """One page as the checks saw it, once its diagrams were drawn."""

    problems: tuple[str, ...]
    """What went wrong loading the page (test_browser's Tab: console errors, failed
    requests, requests that leave the site, injected code that ran)."""
    violations: tuple[dict[str, Any], ...]
    """axe-core's violations of impact serious or critical."""
    diagrams: tuple[dict[str, Any], ...]
    """Per diagram: its accessible name and description, and text of too low a contrast."""
    steps_link: dict[str, Any] | None
    """Where the link under the page's diagram leads (:data:`STEPS_LINK`)."""


@cache
def _model(root: Path) -> Model:
    model = catalog.load(root).model
    assert model is not None, f"{root} must load"
    return model


def _key_pages(root: Path) -> dict[str, str]:
    """The pages a reader meets first: home, a workflow (the most lanes), improvement, a
    profile."""
    model = _model(root)
    workflow = max(model.workflows, key=lambda w: len(w.lanes))
    return {
        "home": "index.html",
        "workflow": f"workflows/{workflow.id}.html",
        "improvement": "improvement.html",
        "profile": f"profiles/{workflow.lanes[0]}.html",
    }


def _open(page: Any, url: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_function(READY, timeout=TIMEOUT_MS)


def _audit(tab: Tab, url: str) -> Audit:
    """Open ``url`` in ``tab`` and run every check of this file on it."""
    visit = tab.open(url)
    page = tab.page
    page.wait_for_function(READY, timeout=TIMEOUT_MS)
    diagrams = page.evaluate(DIAGRAMS)
    found = page.evaluate(AXE_RUN, WCAG_21_AA)
    blocking = tuple(v for v in found if v["impact"] in BLOCKING)
    return Audit(visit.problems, blocking, tuple(diagrams), page.evaluate(STEPS_LINK))


@pytest.fixture(scope="module")
def light(chromium: Any) -> Any:
    """The browser every site's pages are audited in, light mode, desktop width."""
    if not AXE.is_file():
        no_browser(f"{AXE} is missing (npm ci)")
    return chromium


@pytest.fixture(scope="module")
def phone(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


_AUDITS: dict[str, dict[str, Audit]] = {}


def _every_page(browser: Any, site: Site) -> dict[str, Audit]:
    """Every page of ``site`` audited once (light mode, over http), kept for the other
    checks."""
    if site.http not in _AUDITS:
        pages = site.pages()
        assert "index.html" in pages and any(p.startswith("workflows/") for p in pages)
        tab = Tab(browser, site, viewport=DESKTOP, init_scripts=(AXE,))
        try:
            _AUDITS[site.http] = {rel: _audit(tab, site.http + rel) for rel in pages}
        finally:
            tab.close()
    return _AUDITS[site.http]


@pytest.fixture(params=["example", "adversarial"])
def site(request: pytest.FixtureRequest) -> Site:
    site: Site = request.getfixturevalue(f"{request.param}_site")
    return site


def _violations(audits: dict[str, Audit]) -> list[str]:
    return [
        f"{rel}: {v['impact']} {v['id']} ({v['help']}) at "
        f"{', '.join(v['targets'][:3])}{' …' if len(v['targets']) > 3 else ''}\n    "
        + v["summary"].replace("\n", "\n    ")
        for rel, audit in audits.items()
        for v in audit.violations
    ]


def _diagram_problems(audits: dict[str, Audit]) -> list[str]:
    problems = []
    for rel, audit in audits.items():
        for d in audit.diagrams:
            where = f"{rel} svg#{d['id']} ({d['kind']})"
            if not d["name"].strip():
                problems.append(f"{where}: no accessible name")
            if not d["description"].strip():
                problems.append(f"{where}: no accessible description")
            if not d["measured"]:
                problems.append(f"{where}: no text measured")
            if d["hidden"]:
                problems.append(f"{where}: hidden from assistive technology")
            problems += [f"{where}: text contrast {low}" for low in d["low"]]
    return problems


# --- every page, light mode -------------------------------------------------------------------


def test_every_page_loads_over_http_with_nothing_from_elsewhere(light: Any, site: Site) -> None:
    """Served over http, no page logs an error, fails a request, loads anything from
    elsewhere or runs injected code, and every workflow page draws its diagram (test_browser
    opens every page from disk)."""
    audits = _every_page(light, site)
    problems = [f"{rel}: {p}" for rel, audit in audits.items() for p in audit.problems]
    assert not problems, "\n".join(problems)


def test_every_page_meets_wcag_21_aa(light: Any, site: Site) -> None:
    """axe-core finds nothing serious or critical on any page of either handbook."""
    violations = _violations(_every_page(light, site))
    assert not violations, f"{len(violations)} WCAG 2.1 AA violations:\n" + "\n".join(violations)


def test_every_diagram_is_named_described_and_legible(light: Any, site: Site) -> None:
    """Each drawn diagram carries its accTitle and accDescr as its accessible name and
    description, and all its text stands out from what it is drawn on (4.5:1)."""
    audits = _every_page(light, site)
    model = _model(site.root)
    for workflow in model.workflows:
        kinds = [d["kind"] for d in audits[f"workflows/{workflow.id}.html"].diagrams]
        assert kinds == ["swimlane"], workflow.id
    assert sum(len(a.diagrams) for a in audits.values()) > len(model.workflows)
    problems = _diagram_problems(audits)
    assert not problems, "\n".join(problems)


def test_each_swimlane_leads_to_its_steps_in_text(light: Any, site: Site) -> None:
    """Under each workflow's diagram, a link to the steps that tell the same flow in text."""
    audits = _every_page(light, site)
    model = _model(site.root)
    steps = label("steps", model.handbook.language)
    wrong = {
        workflow.id: found
        for workflow in model.workflows
        if (found := audits[f"workflows/{workflow.id}.html"].steps_link)
        != {"heading": steps, "steps": len(workflow.steps)}
    }
    assert not wrong, wrong


# --- a few key pages, dark mode ------------------------------------------------------------


def test_key_pages_meet_wcag_21_aa_in_dark_mode(light: Any, site: Site) -> None:
    """The same checks in dark mode, where the theme and Mermaid change every colour, on the
    pages a reader meets first and the model page's two diagrams."""
    audits = {}
    tab = Tab(light, site, viewport=DESKTOP, init_scripts=(AXE, DARK))
    try:
        for rel in (*_key_pages(site.root).values(), "model.html"):
            audits[rel] = _audit(tab, site.http + rel)
            assert tab.page.evaluate("document.documentElement.dataset.theme") == "dark", rel
    finally:
        tab.close()
    problems = _violations(audits) + _diagram_problems(audits)
    assert not problems, "\n".join(problems)


# --- phone width ---------------------------------------------------------------------------

# The header's controls on screen, and no box of text that scrolls or clips sideways. The
# theme's article column scrolls by itself, so the page's own width is not enough to tell.
# Boxes that scroll by design are left out: code and diagrams (pre), tables, the sidebars
# (drawers on a phone), dialogs, screen-reader-only text and the breadcrumbs' ellipsis.
_PHONE_STATE = """() => {
  const controls = ['.primary-toggle', '.navbar-persistent--mobile .search-button__button',
                    '.secondary-toggle', '.logo__title'];
  const off = [];
  for (const selector of controls) {
    const el = document.querySelector(selector);
    if (el === null || el.getClientRects().length === 0) continue;
    const box = el.getBoundingClientRect();
    if (box.left < 0 || box.right > innerWidth) off.push(`${selector} at ${box.left}-${box.right}`);
  }
  const own = 'pre, .pst-scrollable-table-container, .bd-sidebar-primary, .bd-sidebar-secondary,'
    + ' dialog, .visually-hidden, .bd-breadcrumbs';
  const sideways = [...document.querySelectorAll('body *')].filter(e =>
      e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'
      && e.getClientRects().length > 0 && !e.closest(own))
    .map(e => `${e.localName}.${[...e.classList].join('.')}`
      + ` (${e.scrollWidth} px in ${e.clientWidth})`);
  return {width: document.documentElement.scrollWidth, off: off, sideways: sideways,
          search: document.querySelector('.navbar-persistent--mobile .search-button__button')
              ?.getClientRects().length > 0};
}"""


def test_a_phone_reads_the_key_pages_without_scrolling_sideways(phone: Any, site: Site) -> None:
    """At 390 px the text fits the screen (a diagram scrolls inside its own box) and the
    site title leaves room for the menu, search and page-contents buttons."""
    problems = []
    for rel in _key_pages(site.root).values():
        _open(phone, site.http + rel)
        state = phone.evaluate(_PHONE_STATE)
        if state["width"] > PHONE["width"]:
            problems.append(f"{rel}: {state['width']} px wide")
        problems += [f"{rel}: text scrolls sideways in {box}" for box in state["sideways"]]
        if not state["search"]:
            problems.append(f"{rel}: no search button")
        problems += [f"{rel}: {off} (off screen)" for off in state["off"]]
    assert not problems, "\n".join(problems)
