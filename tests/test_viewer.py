"""The whole-diagram view and the step boxes that link to their steps, in a real browser.

Every drawn diagram has a button that opens it full screen (usm-viewer.js), fitted, to zoom
and pan with the wheel, by dragging and with the keyboard; a click that does not drag still
follows a diagram's links. Each case runs over http and straight from disk, at the size of a
common office screen.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import REPO, Site
from tests.test_browser import Tab, _model
from usm_docgen import mermaid
from usm_docgen.model import Workflow

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCHEMES = ("http", "file")
SCREEN = {"width": 1366, "height": 900}
WORKFLOWS = [w.id for w in _model(REPO).workflows]

VIEW = "dialog.usm-viewer[open]"

# After the view opens or moves: Panzoom sets its transform in an animation frame, and pans
# to its start once more after a timeout.
SETTLED = """() => new Promise(done => setTimeout(
    () => requestAnimationFrame(() => requestAnimationFrame(done)), 60))"""

# Where the view shows the diagram: the transform, and the boxes of the lanes (swimlanes) or
# the clusters (flowcharts) and of the whole drawing, in the window's coordinates.
VIEW_STATE = """() => {
  const dialog = document.querySelector('dialog.usm-viewer[open]');
  if (!dialog) return null;
  const box = e => { const r = e.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  const svg = dialog.querySelector('.usm-viewer__canvas > svg');
  return {
    transform: dialog.querySelector('.usm-viewer__canvas').style.transform,
    stage: box(dialog.querySelector('.usm-viewer__stage')),
    drawing: box(svg),
    lanes: [...svg.querySelectorAll('g.cluster')].map(box),
    window: {width: window.innerWidth, height: window.innerHeight},
    title: document.getElementById(dialog.getAttribute('aria-labelledby')).textContent,
    focus: dialog.contains(document.activeElement),
  };
}"""


@pytest.fixture(scope="module")
def tab(chromium: Any, example_site: Site) -> Iterator[Tab]:
    tab = Tab(chromium, example_site)
    tab.page.set_viewport_size(SCREEN)
    yield tab
    tab.close()


def _scale_and_pan(transform: str) -> tuple[float, float, float]:
    match = re.fullmatch(r"scale\(([-\d.e]+)\) translate\(([-\d.e]+)px, ([-\d.e]+)px\)", transform)
    assert match, f"not Panzoom's transform: {transform!r}"
    return float(match.group(1)), float(match.group(2)), float(match.group(3))


def _open_page(tab: Tab, scheme: str, rel: str) -> None:
    visit = tab.open(tab.url(scheme, rel))
    assert not visit.problems, "\n".join(visit.problems)
    tab.page.wait_for_selector(".usm-viewer-open")


def _open_view(tab: Tab, button: Any) -> dict[str, Any]:
    button.click()
    tab.page.wait_for_selector(VIEW)
    tab.page.evaluate(SETTLED)
    state: dict[str, Any] = tab.page.evaluate(VIEW_STATE)
    return state


def _inside(inner: dict[str, float], outer: dict[str, float], slack: float = 1.0) -> bool:
    return (
        inner["left"] >= outer["left"] - slack
        and inner["top"] >= outer["top"] - slack
        and inner["right"] <= outer["right"] + slack
        and inner["bottom"] <= outer["bottom"] + slack
    )


def _assert_fitted(state: dict[str, Any], where: str) -> None:
    """Every lane inside the stage (so inside the window), and the drawing as large as fits."""
    assert state["lanes"], f"{where}: no lanes in the view"
    stage = state["stage"]
    window = {"left": 0, "top": 0, "right": state["window"]["width"]}
    window["bottom"] = state["window"]["height"]
    assert _inside(stage, window), f"{where}: the stage leaves the window: {stage}"
    outside = [lane for lane in state["lanes"] if not _inside(lane, stage)]
    assert not outside, f"{where}: lanes outside the view {stage}: {outside}"
    drawing = state["drawing"]
    wide = (drawing["right"] - drawing["left"]) / (stage["right"] - stage["left"])
    high = (drawing["bottom"] - drawing["top"]) / (stage["bottom"] - stage["top"])
    assert max(wide, high) > 0.85, f"{where}: fitted, the drawing fills the view ({wide}, {high})"


def _assert_whole_width(page: Any, where: str) -> None:
    """No "on this page" column, and an article wider than the theme's usual 60em."""
    assert page.locator(".bd-sidebar-secondary").count() == 0, f"{where}: a secondary sidebar"
    width, em = page.evaluate(
        """() => [document.querySelector('.bd-article-container').clientWidth,
            parseFloat(getComputedStyle(document.documentElement).fontSize)]"""
    )
    assert width > 60 * em, f"{where}: the article is only {width}px wide"


def _no_problems(tab: Tab) -> None:
    problems = [*tab.problems, *tab._leaks()]
    assert not problems, "\n".join(problems)


# --- the whole diagram, fitted ----------------------------------------------------------------


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_workflow_opens_whole_with_every_lane_in_view(tab: Tab, scheme: str) -> None:
    for workflow_id in WORKFLOWS:
        _open_page(tab, scheme, f"workflows/{workflow_id}.html")
        page = tab.page
        assert page.locator(".usm-viewer-open").count() == 1, workflow_id
        _assert_whole_width(page, workflow_id)
        state = _open_view(tab, page.locator(".usm-viewer-open"))
        lanes = len(_model(REPO).workflow(workflow_id).lanes)
        assert len(state["lanes"]) == lanes, workflow_id
        _assert_fitted(state, workflow_id)
        assert state["focus"], f"{workflow_id}: focus moves into the view"
        name = _model(REPO).workflow(workflow_id).name
        assert name in state["title"], f"{workflow_id}: the view carries the diagram's title"
        page.keyboard.press("Escape")
        page.wait_for_selector(VIEW, state="detached")
        _no_problems(tab)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_model_overview_opens_whole(tab: Tab, scheme: str) -> None:
    _open_page(tab, scheme, "model.html")
    page = tab.page
    _assert_whole_width(page, "model")
    buttons = page.locator(".usm-viewer-open")
    assert buttons.count() == page.locator("pre.mermaid").count() >= 2, "a button per diagram"
    overview = page.locator(
        ".usm-viewer-bar:has(+ pre.mermaid > svg[aria-roledescription^='flowchart']) button"
    )
    assert overview.count() == 1
    state = _open_view(tab, overview)
    _assert_fitted(state, "model overview")
    assert len(state["lanes"]) == 8, "the eight templates"
    page.keyboard.press("Escape")
    page.wait_for_selector(VIEW, state="detached")
    # other pages keep their "on this page" column; their diagrams open whole too
    _open_page(tab, scheme, "improvement.html")
    assert page.locator(".bd-sidebar-secondary").count() == 1
    assert page.locator(".usm-viewer-open").count() == page.locator("pre.mermaid").count() > 0
    _no_problems(tab)


# --- zoom and pan ------------------------------------------------------------------------------


def _link(scope: Any, suffix: str) -> Any:
    """The one link in ``scope`` whose target ends with ``suffix`` (Mermaid writes xlink:href)."""
    links = scope.locator("a").all()
    hrefs = [a.get_attribute("xlink:href") or a.get_attribute("href") or "" for a in links]
    found = [a for a, h in zip(links, hrefs, strict=True) if h.endswith(suffix)]
    assert len(found) == 1, f"one link to ...{suffix} among {hrefs}"
    return found[0]


def _step_link(scope: Any, workflow_id: str, step_id: str) -> Any:
    return _link(scope, "#" + mermaid.step_anchor(workflow_id, step_id))


@pytest.mark.parametrize("scheme", SCHEMES)
def test_keyboard_only_then_wheel_and_drag(tab: Tab, scheme: str) -> None:
    """Tab to the button, Enter opens, + zooms, arrows pan, 0 fits, Escape closes; then the
    same page with a mouse (one page load for both)."""
    workflow = _model(REPO).workflows[0]
    _open_page(tab, scheme, f"workflows/{workflow.id}.html")
    page = tab.page
    on_button = "document.activeElement?.classList.contains('usm-viewer-open') ?? false"
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate(on_button):
            break
    else:
        pytest.fail("Tab never reaches the whole-diagram button")
    page.keyboard.press("Enter")
    page.wait_for_selector(VIEW)
    page.evaluate(SETTLED)
    state = page.evaluate(VIEW_STATE)
    assert state["focus"], "focus is in the view"
    scale, x, y = _scale_and_pan(state["transform"])
    page.keyboard.press("+")
    page.evaluate(SETTLED)
    bigger, x1, y1 = _scale_and_pan(page.evaluate(VIEW_STATE)["transform"])
    assert bigger > scale * 1.2, f"+ zooms in: {scale} -> {bigger}"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    page.evaluate(SETTLED)
    _, x2, y2 = _scale_and_pan(page.evaluate(VIEW_STATE)["transform"])
    assert x2 < x1 and y2 < y1, "the arrow keys move the view right and down"
    page.keyboard.press("0")
    page.evaluate(SETTLED)
    fitted = _scale_and_pan(page.evaluate(VIEW_STATE)["transform"])
    assert fitted == pytest.approx((scale, x, y)), "0 fits again"
    page.keyboard.press("Escape")
    page.wait_for_selector(VIEW, state="detached")
    assert page.evaluate(on_button), "focus is back on the button that opened the view"
    _wheel_and_drag(tab, workflow)


def _wheel_and_drag(tab: Tab, workflow: Workflow) -> None:
    """The wheel zooms, a drag pans, and a drag that starts on a link follows nothing."""
    page = tab.page
    url = page.url
    state = _open_view(tab, page.locator(".usm-viewer-open"))
    scale, x, y = _scale_and_pan(state["transform"])
    stage = state["stage"]
    cx, cy = (stage["left"] + stage["right"]) / 2, (stage["top"] + stage["bottom"]) / 2
    page.mouse.move(cx, cy)
    page.mouse.wheel(0, -400)
    page.evaluate(SETTLED)
    zoomed, _, _ = _scale_and_pan(page.evaluate(VIEW_STATE)["transform"])
    assert zoomed > scale * 1.05, f"the wheel zooms in: {scale} -> {zoomed}"
    step = next(s for s in workflow.steps if s.handoff is None)
    box = _step_link(page.locator(VIEW), workflow.id, step.id).bounding_box()
    assert box is not None
    sx, sy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    _, x0, y0 = _scale_and_pan(page.evaluate(VIEW_STATE)["transform"])
    page.mouse.move(sx, sy)
    page.mouse.down()
    page.mouse.move(sx + 120, sy + 60, steps=6)
    page.mouse.up()
    page.evaluate(SETTLED)
    after = page.evaluate(VIEW_STATE)
    assert after is not None, "a drag that starts on a link leaves the view open"
    s1, x1, y1 = _scale_and_pan(after["transform"])
    assert s1 == pytest.approx(zoomed)
    moved = ((x1 - x0) * s1, (y1 - y0) * s1)
    assert moved == pytest.approx((120, 60), abs=3), "the drawing follows the pointer"
    assert page.url == url, "the drag followed no link"
    page.locator(".usm-viewer__fit").click()
    page.evaluate(SETTLED)
    assert _scale_and_pan(page.evaluate(VIEW_STATE)["transform"]) == pytest.approx((scale, x, y))
    page.locator(".usm-viewer__close").click()
    page.wait_for_selector(VIEW, state="detached")
    _no_problems(tab)


# --- links in the diagram -------------------------------------------------------------------


def _a_handoff() -> tuple[str, str]:
    for workflow in _model(REPO).workflows:
        for step in workflow.handoffs:
            if step.handoff is not None:
                return workflow.id, step.handoff.workflow
    raise AssertionError("the example has a hand-off")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_handoff_in_the_view_opens_its_workflow(tab: Tab, scheme: str) -> None:
    workflow_id, target = _a_handoff()
    _open_page(tab, scheme, f"workflows/{workflow_id}.html")
    page = tab.page
    _open_view(tab, page.locator(".usm-viewer-open"))
    link = _link(page.locator(VIEW), f"{target}.html")
    with page.expect_navigation(wait_until="load"):
        link.click()
    assert page.url == tab.url(scheme, f"workflows/{target}.html")
    _no_problems(tab)


def _heading_in_view(page: Any, anchor: str) -> bool:
    return bool(
        page.evaluate(
            """id => { const h = document.getElementById(id)?.querySelector('h3');
            if (!h) return false; const r = h.getBoundingClientRect();
            return r.top >= 0 && r.bottom <= window.innerHeight; }""",
            anchor,
        )
    )


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_step_box_scrolls_to_its_step(tab: Tab, scheme: str) -> None:
    workflow = max(_model(REPO).workflows, key=lambda w: len(w.steps))
    steps = [s for s in workflow.steps if s.handoff is None]
    first, last = steps[1], steps[-1]
    _open_page(tab, scheme, f"workflows/{workflow.id}.html")
    page = tab.page
    url = page.url
    diagram = page.locator("pre.mermaid > svg")
    for step in (last, first):
        anchor = mermaid.step_anchor(workflow.id, step.id)
        assert not _heading_in_view(page, anchor)
        _step_link(diagram, workflow.id, step.id).click()
        page.wait_for_function("id => location.hash === '#' + id", arg=anchor)
        page.evaluate(SETTLED)
        assert _heading_in_view(page, anchor), f"step {step.id}: its heading is in view"
        assert page.url.split("#")[0] == url.split("#")[0], "the same page"
        page.evaluate("window.scrollTo(0, 0)")
    # from the whole view too: the view closes and the page shows the step
    _open_view(tab, page.locator(".usm-viewer-open"))
    anchor = mermaid.step_anchor(workflow.id, last.id)
    page.evaluate("history.replaceState(null, '', location.pathname)")
    _step_link(page.locator(VIEW), workflow.id, last.id).click()
    page.wait_for_selector(VIEW, state="detached")
    page.wait_for_function("id => location.hash === '#' + id", arg=anchor)
    page.evaluate(SETTLED)
    assert _heading_in_view(page, anchor)
    _no_problems(tab)


def test_every_step_link_in_a_diagram_names_a_step_section(example_site: Site) -> None:
    """On workflow pages and training pages alike, every step box's link lands on its step."""
    checked = 0
    model = _model(REPO)
    for rel in example_site.pages():
        if not re.fullmatch(r"(training/)?workflows/(?!index\.)[^/]+\.html", rel):
            continue
        text = html.unescape((example_site.out / rel).read_text("utf-8"))
        workflow = model.workflow(rel.rsplit("/", 1)[1].removesuffix(".html"))
        links = dict(re.findall(r'^\s*click (s\d+) href "([^"]+)"', text, re.M))
        assert len(links) == len(workflow.steps), rel
        for node, step in zip(sorted(links), workflow.steps, strict=True):
            href = links[node]
            if step.handoff is not None:
                assert href.endswith(f"{step.handoff.workflow}.html"), (rel, node, href)
                continue
            path, _, fragment = href.partition("#")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
            assert target == f"workflows/{workflow.id}.html", (rel, href)
            page = (example_site.out / target).read_text("utf-8")
            assert f'<section id="{fragment}">' in page, (rel, href)
            checked += 1
    assert checked > 2 * len(model.workflows)


# --- dark mode and paper ------------------------------------------------------------------------

CONTRAST = """sel => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const lum = c => { const v = rgb(c).map(x => x / 255).map(x =>
      x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4);
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const e = document.querySelector(sel); const s = getComputedStyle(e);
  let b = e; let bg = 'rgba(0, 0, 0, 0)';
  while (b && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) {
    bg = getComputedStyle(b).backgroundColor; b = b.parentElement; }
  const [l1, l2] = [lum(s.color), lum(bg)].sort((a, z) => z - a);
  return {ratio: (l1 + 0.05) / (l2 + 0.05), background: lum(bg)};
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_dark_mode_and_print(tab: Tab, scheme: str) -> None:
    page = tab.page
    page.emulate_media(color_scheme="dark")
    try:
        _open_page(tab, scheme, f"workflows/{WORKFLOWS[0]}.html")
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        button = page.evaluate(CONTRAST, ".usm-viewer-open")
        assert button["ratio"] >= 4.5 and button["background"] < 0.2, button
        _open_view(tab, page.locator(".usm-viewer-open"))
        for part in (".usm-viewer__title", ".usm-viewer__help", ".usm-viewer__zoom-in"):
            seen = page.evaluate(CONTRAST, part)
            assert seen["ratio"] >= 4.5 and seen["background"] < 0.2, (part, seen)
        page.keyboard.press("Escape")
        page.wait_for_selector(VIEW, state="detached")
    finally:
        page.emulate_media(color_scheme="light")
    page.emulate_media(media="print")
    try:
        shown = "getComputedStyle(document.querySelector('.usm-viewer-bar')).display"
        assert page.evaluate(shown) == "none", "no button on paper"
    finally:
        page.emulate_media(media="screen")
    _no_problems(tab)
