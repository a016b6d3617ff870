"""The frame around every page, kept light: at 1,000 workflows a site has some 2,900 pages,
and each byte of pydata-sphinx-theme's header and sidebars is written 2,900 times.

- Indentation and comments: the theme's templates and its generated navigation are indented
  and commented for their authors, some 2.7 KB a page. Each page is written without the
  blank lines, the indentation at the start of lines and the comments, except inside
  ``pre``, ``textarea``, ``script`` and ``style``, where whitespace is content. Elsewhere a
  line break and the spaces after it show as one space, as a line break alone does, so the
  page reads the same.
- Search scripts: ``theme/layout.html`` loads Sphinx's search scripts and the search index on
  the search page only (the theme loads them on every page, for a search-as-you-type dialog
  that is off).
- The sidebar-collapse button: the theme draws its icon as a 1.7 KB inline SVG path on every
  page; ``theme/sidebar-collapse.html`` is the same button with an icon from the theme's
  icon font.
- No empty ethical-ads placeholder at the foot of the sidebar (``primary_sidebar_end``).
- The narrow screen's menu: the theme writes the header's links and its end items a second
  time into every page, for the sidebar a phone opens as its menu.
  ``theme/sections/sidebar-primary.html`` leaves that place empty and ``usm-frame.js`` copies
  them from the header when the page loads (the menu needs JavaScript to open anyway).
- Long lists in the sidebar: a list of more than ``NAV_WINDOW`` pages at one level (125
  workflows of one template, 200 profiles) shows the ``NAV_WINDOW`` around the current page
  and a last entry "Show all 125" that opens the page listing them all (the list's parent,
  or the section's index). At 1,000 workflows the whole list was 12 KB of every workflow
  page and hand-out.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from usm_docgen import __version__
from usm_docgen.labels import LANGUAGES, label

FRAME_JS = "usm-frame.js"
NAV_WINDOW = 15
"""The most entries one level of the sidebar shows, the current page among them."""
_KEPT_OR_INDENT = re.compile(
    r"(<(pre|textarea|script|style)\b.*?</\2\s*>)|((?:\n\s*)?<!--.*?-->)|\n\s+",
    re.IGNORECASE | re.DOTALL,
)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _config_inited, priority=700)  # after sphinx_ext's defaults
    app.connect("builder-inited", _tidy_pages)
    app.connect("html-page-context", _window_navigation, priority=600)
    # deferred, in the head: after the page is parsed, before the theme's scripts at its end
    app.add_js_file(FRAME_JS, loading_method="defer")
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


def _config_inited(app: Sphinx, config: Config) -> None:
    options = dict(config.html_theme_options or {})
    options.setdefault("primary_sidebar_end", [])
    config.html_theme_options = options


def tidy(html: str) -> str:
    """``html`` without blank lines, indentation and the templates' comments, whitespace
    that is content kept."""
    return _KEPT_OR_INDENT.sub(lambda m: m.group(1) or ("" if m.group(3) else "\n"), html)


def _tidy_pages(app: Sphinx) -> None:
    """Every page the HTML builder renders goes through ``tidy`` (the builder renders each
    page with ``templates.render``; static ``_t`` files go through ``render_string``)."""
    templates = getattr(app.builder, "templates", None)
    render = getattr(templates, "render", None)
    if templates is None or render is None:
        return

    def tidied(template: str, context: dict[str, Any]) -> str:
        output: str = render(template, context)
        return tidy(output) if template.endswith(".html") else output

    templates.render = tidied


def _window_navigation(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: Any,
) -> None:
    """The sidebar's long lists cut to a window around the current page (see above)."""
    generate = context.get("generate_toctree_html")
    pathto = context.get("pathto")
    if generate is None or pathto is None:
        return
    language = app.config.language if app.config.language in LANGUAGES else "en"
    word = label("nav.show-all", language)
    section = pagename.split("/", 1)[0] + "/index"
    index = pathto(section) if "/" in pagename and section in app.env.all_docs else None

    def generate_windowed(*args: Any, **kwargs: Any) -> str:
        html = str(generate(*args, **kwargs))
        return window(html, word, index) if _longest_level(html) > NAV_WINDOW else html

    context["generate_toctree_html"] = generate_windowed


_LEVEL = re.compile(r'<li class="(toctree-l\d+)')


def _longest_level(html: str) -> int:
    """The most entries at one level of the navigation: an upper bound of its longest list
    (only the current page's branch is open), found without parsing the HTML."""
    return max(Counter(_LEVEL.findall(html)).values(), default=0)


def window(html: str, word: str, index: str | None) -> str:
    """``html``'s lists of more than ``NAV_WINDOW`` entries cut to the window around the
    current entry (or the first ones), with a last entry ``word`` (its ``{count}`` the
    length of the list) that links the parent entry's page, else ``index``."""
    from bs4 import BeautifulSoup, Tag

    soup = BeautifulSoup(html, "html.parser")
    changed = False
    for ul in soup.find_all("ul"):
        if ul.decomposed:  # inside an entry cut from its list
            continue
        items = [li for li in ul.find_all("li", recursive=False) if isinstance(li, Tag)]
        if len(items) <= NAV_WINDOW:
            continue
        parent = ul.find_parent("li")
        link = parent.find("a", href=True) if parent is not None else None
        href = str(link["href"]) if isinstance(link, Tag) else index
        if href is None:
            continue
        current = next(
            (i for i, li in enumerate(items) if "current" in li.get_attribute_list("class")), 0
        )
        start = max(0, min(current - NAV_WINDOW // 2, len(items) - NAV_WINDOW))
        level = next(
            (c for c in items[0].get_attribute_list("class") if c.startswith("toctree-l")), ""
        )
        for li in items[:start] + items[start + NAV_WINDOW :]:
            li.decompose()
        more = soup.new_tag("li", attrs={"class": f"{level} usm-nav-all".strip()})
        anchor = soup.new_tag("a", attrs={"class": "reference internal", "href": href})
        anchor.string = word.replace("{count}", str(len(items)))
        more.append(anchor)
        ul.append(more)
        changed = True
    return str(soup) if changed else html
