"""The frame around every page stays light: no search index outside the search page, no
indentation written 2,900 times, and whitespace that is content left alone."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Site
from usm_docgen import catalog, sphinx_frame
from usm_docgen.cli import main
from usm_docgen.sphinx_frame import NAV_WINDOW, tidy, window


def test_tidy_drops_indentation_and_blank_lines_but_keeps_preformatted_text() -> None:
    page = (
        "<html>\n  <!--\n  a note for the template's reader\n  -->\n"
        "  <body>\n\n    <p>a\n      b</p>\n"
        '<pre class="mermaid">\n  graph TD\n    a --> b\n\n</pre>\n'
        "  <script>\n  const s = `x\n    y`; // <!-- kept -->\n</script>\n"
        "  <style>\n  p { color: red; }\n</style>\n"
        "  <TEXTAREA>\n  kept\n</TEXTAREA>\n  </body>\n</html>\n"
    )
    assert tidy(page) == (
        "<html>\n<body>\n<p>a\nb</p>\n"
        '<pre class="mermaid">\n  graph TD\n    a --> b\n\n</pre>\n'
        "<script>\n  const s = `x\n    y`; // <!-- kept -->\n</script>\n"
        "<style>\n  p { color: red; }\n</style>\n"
        "<TEXTAREA>\n  kept\n</TEXTAREA>\n</body>\n</html>\n"
    )


def _nav(count: int, current: int | None) -> str:
    """A sidebar as pydata-sphinx-theme writes it: one template open, ``count`` workflows
    under it (each with a list of its own), ``current`` the page shown."""
    rows = "".join(
        f'<li class="toctree-l2{" current active" if n == current else ""}">'
        f'<a href="wf-{n}.html">W{n}</a><ul><li class="toctree-l3"><a href="x">x</a></li></ul></li>'
        for n in range(count)
    )
    return (
        '<ul class="nav"><li class="toctree-l1"><a href="template/1.html">T1</a></li>'
        '<li class="toctree-l1 current active"><a href="template/5.html">T5</a>'
        f'<details open><ul class="current">{rows}</ul></details></li></ul>'
    )


def _shown(html: str) -> list[str]:
    return re.findall(r'<li class="toctree-l2[^"]*"><a[^>]*>([^<]*)</a>', html)


@pytest.mark.parametrize(
    ("current", "first"),
    [(0, 0), (3, 0), (20, 20 - NAV_WINDOW // 2), (39, 40 - NAV_WINDOW), (None, 0)],
)
def test_a_long_list_in_the_sidebar_shows_a_window_round_the_current_page(
    current: int | None, first: int
) -> None:
    html = window(_nav(40, current), "Alle {count} tonen", None)
    shown = _shown(html)
    assert shown == [f"W{n}" for n in range(first, first + NAV_WINDOW)] + ["Alle 40 tonen"]
    assert current is None or f"W{current}" in shown
    assert '<li class="toctree-l2 usm-nav-all"><a class="reference internal" ' in html
    assert 'href="template/5.html">Alle 40 tonen</a></li></ul>' in html  # the parent's page
    assert "T1" in html and "T5" in html


def test_the_window_keeps_hostile_titles_text() -> None:
    """The cut list is parsed and written again: a title that reads as markup stays text."""
    title = "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; &amp;amp;"
    rows = "".join(
        f'<li class="toctree-l1"><a href="p{n}.html">{title}</a></li>' for n in range(30)
    )
    html = window(f'<ul class="nav">{rows}</ul>', "Show all {count}", "index.html")
    assert html.count(f">{title}</a>") == NAV_WINDOW
    assert "<script" not in html and "<img" not in html


def test_a_list_of_the_window_or_shorter_is_left_as_it_is() -> None:
    html = _nav(NAV_WINDOW, 3)
    assert window(html, "Alle {count} tonen", None) == html


def test_a_long_list_without_a_parent_links_the_section_index() -> None:
    rows = "".join(f'<li class="toctree-l1"><a href="p{n}.html">P{n}</a></li>' for n in range(30))
    html = window(f'<ul class="nav">{rows}</ul>', "Show all {count}", "index.html")
    assert html.count("<li") == NAV_WINDOW + 1
    assert html.endswith(
        '<li class="toctree-l1 usm-nav-all"><a class="reference internal" '
        'href="index.html">Show all 30</a></li></ul>'
    )


@pytest.mark.slow
def test_a_built_page_cuts_its_sidebar_to_the_window(
    base_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window is applied to the sidebar Sphinx writes (here of one entry, so that the
    small handbook's list of its two templates is cut), the current page always in it."""
    monkeypatch.setattr(sphinx_frame, "NAV_WINDOW", 1)
    out = tmp_path / "site"
    assert main(["build", str(base_copy), "--out", str(out)]) == 0
    model = catalog.load(base_copy).model
    assert model is not None and len({w.template for w in model.workflows}) > 1
    for workflow in model.workflows:
        html = (out / "workflows" / f"{workflow.id}.html").read_text("utf-8")
        nav = html.split('<nav class="bd-docs-nav', 1)[1].split("</nav>", 1)[0]
        level = re.findall(r'<li class="toctree-l1[^"]*"', nav)
        assert len(level) == 1 + 1, workflow.id  # the window and "show all"
        assert re.search(r'<li class="toctree-l1 usm-nav-all"><a [^>]*href="index.html">', nav)
        assert 'aria-current="page"' in nav, f"{workflow.id}: the current page is shown"


def test_only_the_search_page_loads_the_search_index(example_site: Site) -> None:
    for rel in example_site.pages():
        html = (example_site.out / rel).read_text("utf-8")
        loads = "searchindex.js" in html and "searchtools.js" in html
        assert loads == (rel == "search.html"), rel
        assert "ethical-ad-placement" not in html, rel
        frame = re.sub(r"(?s)<(script|style)\b.*?</\1>", "", html.split("<main", 1)[0])
        assert "\n  " not in frame, f"{rel}: indented frame"


def test_diagram_source_is_written_as_rendered(example_site: Site) -> None:
    """The Mermaid source keeps its lines and indentation (Mermaid reads them)."""
    html = (example_site.out / "model.html").read_text("utf-8")
    source = html.split('<pre  class="mermaid">', 1)[1].split("</pre>", 1)[0]
    assert "\n  " in source, "indented diagram lines are left alone"


# The links of a narrow screen's menu (the sidebar it opens), and of the header.
MENU_LINKS = """() => {
  const links = (root) => [...root.querySelectorAll('a.nav-link')]
    .map(a => [a.getAttribute('href'), a.textContent.trim()]);
  const menu = document.querySelector('dialog[open] .sidebar-header-items');
  return {
    header: links(document.querySelector('.navbar-header-items__center')),
    menu: menu ? links(menu) : null,
    modes: menu ? menu.querySelectorAll('.theme-change-button').length : 0,
    repeated: Object.entries([...document.querySelectorAll('[id]')].reduce(
      (n, e) => ({...n, [e.id]: (n[e.id] || 0) + 1}), {})).filter(([, k]) => k > 1),
  };
}"""


def _note(errors: list[str], error: Exception) -> None:
    errors.append(str(error))


@pytest.mark.browser
def test_a_narrow_screens_menu_has_every_header_link_and_the_colour_modes(
    chromium: Any, example_site: Site
) -> None:
    """The page holds the header's links once; the menu a phone opens shows them all (the
    header's "more" folded open) and switches the colour mode, from disk as over http."""
    wrong = []
    for rel in ("index.html", "workflows/index.html", "training/index.html"):
        html = (example_site.out / rel).read_text("utf-8")
        # written once: the menu's place is empty, the colour modes' menu is filled by script,
        # and the narrow screen's search button is a copy the script makes
        assert "data-usm-header-copy></div>" in html, rel
        assert "theme-change-button" not in html and html.count("data-usm-modes=") == 1, rel
        assert html.count("search-button__button") == 1, rel
        page = chromium.new_page(viewport={"width": 390, "height": 844})
        errors: list[str] = []
        page.on("pageerror", functools.partial(_note, errors))
        try:
            page.goto(example_site.file + rel)
            page.click(".primary-toggle")
            seen = page.evaluate(MENU_LINKS)
            header = seen["header"]
            if seen["menu"] != header or len(header) < 8:
                wrong.append(f"{rel}: menu {seen['menu']} against header {header}")
            if seen["modes"] != 3 or seen["repeated"]:
                wrong.append(f"{rel}: {seen['modes']} colour modes, ids twice {seen['repeated']}")
            if not page.is_visible(".navbar-persistent--mobile .search-button__button"):
                wrong.append(f"{rel}: no search button on a narrow screen")
            page.click("dialog[open] .sidebar-header-items .theme-switch-button")
            page.click("dialog[open] .sidebar-header-items .theme-change-button[data-mode=dark]")
            if page.evaluate("document.documentElement.dataset.mode") != "dark":
                wrong.append(f"{rel}: the menu's colour mode does not switch")
            wrong += [f"{rel}: {error}" for error in errors]
        finally:
            page.close()
    assert not wrong, "\n".join(wrong)


def test_the_head_and_foot_say_things_once(example_site: Site) -> None:
    """One viewport line in the head (Sphinx, docutils and the theme each write one), no
    "Created with Sphinx" line, and no source maps in _static nor comments asking for them."""
    for rel in ("index.html", "workflows/index.html", "search.html", "glossary.html"):
        html = (example_site.out / rel).read_text("utf-8")
        assert html.count('<meta name="viewport"') == 1, rel
        assert "sphinx-version" not in html, rel
    static = example_site.out / "_static"
    assert not list(static.rglob("*.map"))
    for bundle in (*static.rglob("*.js"), *static.rglob("*.css")):
        assert b"sourceMappingURL" not in bundle.read_bytes(), bundle.name


@pytest.mark.browser
def test_the_colour_modes_menu_is_filled_and_switches(chromium: Any, example_site: Site) -> None:
    """The header's colour-mode menu, written empty, offers the three modes with the theme's
    words and switches the page (wide screen, from disk)."""
    page = chromium.new_page(viewport={"width": 1366, "height": 900})
    errors: list[str] = []
    page.on("pageerror", functools.partial(_note, errors))
    try:
        page.goto(example_site.file + "index.html")
        header = ".navbar-header-items__end .theme-switch-container"
        names = page.locator(f"{header} .theme-change-button").all_inner_texts()
        assert [n.strip() for n in names] == ["Zoals het systeem", "Licht", "Donker"]
        page.click(f"{header} .theme-switch-button")
        page.click(f"{header} .theme-change-button[data-mode=dark]")
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        assert page.evaluate("localStorage.getItem('mode')") == "dark"
    finally:
        page.close()
    assert not errors, errors


def test_links_within_the_handbook_are_written_plainly(example_site: Site) -> None:
    """In the article a link to another place of the handbook is ``<a href>`` and its text,
    without Sphinx's classes and span; the sidebar's links, a table of contents' links and a
    term's link keep the classes the theme and our styles look for; a table's rows have no
    odd and even classes, a table cell or an item of a compact list no paragraph of its own."""
    from bs4 import BeautifulSoup

    plain = terms = 0
    for path in sorted(example_site.out.rglob("*.html")):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        assert not soup.select("a > span.std"), path.name
        for nav in soup.select("nav.bd-docs-nav"):  # the theme's styles look for these
            entries = nav.select("li.has-children > a")
            assert all("reference" in a.get_attribute_list("class") for a in entries)
        article = soup.find("article")
        if article is None:
            continue
        for link in article.select("a[href]"):
            classes = link.get_attribute_list("class")
            if link.find_parent(class_="toctree-wrapper") is not None:
                assert "reference" in classes, path.name
            elif "internal" in classes:
                pytest.fail(f"{path.name}: {link}")
            plain += classes == [None] or not classes
            terms += "usm-term" in classes
    assert plain > 1000 and terms > 50, (plain, terms)
    html = (example_site.out / "raci.html").read_text("utf-8")
    assert "<tr>" in html and "row-odd" not in html and "<td><p>" not in html
    assert "<li><p>" not in (example_site.out / "glossary.html").read_text("utf-8")


def test_plain_entries_keep_the_class_where_the_theme_styles_it() -> None:
    html = (
        '<li class="toctree-l1"><a class="reference internal" href="a.html">A</a></li>'
        '<li class="toctree-l1 current active has-children"><a class="reference internal" '
        'href="b.html">B</a><ul><li class="toctree-l2 current active">'
        '<a class="reference internal" href="c.html">C</a></li></ul></li>'
    )
    assert sphinx_frame.plain_entries(html) == (
        '<li class="toctree-l1"><a href="a.html">A</a></li>'
        '<li class="toctree-l1 current active has-children"><a class="reference internal" '
        'href="b.html">B</a><ul><li class="toctree-l2 current active">'
        '<a href="c.html">C</a></li></ul></li>'
    )
