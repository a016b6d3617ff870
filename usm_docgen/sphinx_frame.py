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
- The sidebar's links: ``class="reference internal"`` only on an entry with children, the
  one place the theme's styles look at it (``plain_entries``).
- Long lists in the sidebar: a list of more than ``NAV_WINDOW`` pages at one level (125
  workflows of one template, 200 profiles) shows the ``NAV_WINDOW`` around the current page
  and a last entry "Show all 125" that opens the page listing them all (the list's parent,
  or the section's index). At 1,000 workflows the whole list was 12 KB of every workflow
  page and hand-out.
- The colour-mode switcher (``theme/theme-switcher.html``): the theme's button with its
  three icons, and an empty menu that ``usm-frame.js`` fills with the three choices, named
  as the icons are, before the theme's script looks for them (0.7 KB a page; the switcher
  works only with JavaScript anyway).
- The narrow screen's search button: the theme writes the header's search button a second
  time for narrow screens; ``theme/search-button-field.html`` leaves that second place empty
  and ``usm-frame.js`` copies the button into it (search needs JavaScript too).
- One ``<meta name="viewport">`` in the head: Sphinx, docutils and the theme each write one.
- No "Created with Sphinx" line in every page's footer (sphinx_ext's ``footer_end``).
- No source maps in ``_static``: the theme ships its scripts and styles with maps for their
  developers (2 MB), which a reader's browser never asks for. They are removed, and the
  comments that name them, so that a browser's developer tools do not ask for them either.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from usm_docgen import __version__
from usm_docgen.labels import LANGUAGES, label

FRAME_JS = "usm-frame.js"
NAV_WINDOW = 11
"""The most entries one level of the sidebar shows, the current page among them."""
_KEPT_OR_INDENT = re.compile(
    r"(<(pre|textarea|script|style)\b.*?</\2\s*>)|((?:\n\s*)?<!--.*?-->)|\n\s+",
    re.IGNORECASE | re.DOTALL,
)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _config_inited, priority=700)  # after sphinx_ext's defaults
    app.connect("builder-inited", _tidy_pages)
    app.connect("html-page-context", _window_navigation, priority=600)
    app.connect("build-finished", _drop_source_maps)
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


_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>')


def one_viewport(html: str) -> str:
    """``html`` with its first ``<meta name="viewport">`` only."""
    seen = iter(range(2))
    return _VIEWPORT.sub(lambda m: m.group(0) if next(seen, 1) == 0 else "", html)


_SOURCE_MAP = re.compile(rb"\n?(?://# sourceMappingURL=[^\n]*|/\*# sourceMappingURL=[^*]*\*/)")


def _drop_source_maps(app: Sphinx, exception: BaseException | None) -> None:
    """No ``.map`` files in ``_static``, nor the comments naming them (see above)."""
    static = Path(app.outdir, "_static")
    if exception is not None or app.builder.format != "html" or not static.is_dir():
        return
    for source_map in list(static.rglob("*.map")):
        bundle = source_map.with_suffix("")  # scripts/bootstrap.js.map: scripts/bootstrap.js
        if bundle.is_file():
            text = bundle.read_bytes()
            if (stripped := _SOURCE_MAP.sub(b"", text)) != text:
                bundle.write_bytes(stripped)
        source_map.unlink()


def _tidy_pages(app: Sphinx) -> None:
    """Every page the HTML builder renders goes through ``tidy`` (the builder renders each
    page with ``templates.render``; static ``_t`` files go through ``render_string``)."""
    templates = getattr(app.builder, "templates", None)
    render = getattr(templates, "render", None)
    if templates is None or render is None:
        return

    def tidied(template: str, context: dict[str, Any]) -> str:
        context.setdefault("usm_search_buttons", [])  # theme/search-button-field.html
        output: str = render(template, context)
        return one_viewport(tidy(output)) if template.endswith(".html") else output

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
    # the page listing the section's pages: workflows/index.html, or raci.html for raci/…
    section = pagename.split("/", 1)[0]
    listing = next(
        (d for d in (f"{section}/index", section) if d != pagename and d in app.env.all_docs),
        None,
    )
    index = pathto(listing) if "/" in pagename and listing is not None else None

    def generate_windowed(*args: Any, **kwargs: Any) -> str:
        html = plain_entries(str(generate(*args, **kwargs)))
        return window(html, word, index) if _longest_level(html) > NAV_WINDOW else html

    context["generate_toctree_html"] = generate_windowed


_LEVEL = re.compile(r'<li class="(toctree-l\d+)')
_PLAIN_ENTRY = re.compile(
    r'(<li class="toctree-l\d+(?: current active)?">)<a class="reference internal" '
)


def plain_entries(html: str) -> str:
    """The sidebar's links without ``class="reference internal"`` where no style looks at it:
    the theme styles ``.reference`` only in an entry with children (``has-children``)."""
    return _PLAIN_ENTRY.sub(r"\1<a ", html)


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
