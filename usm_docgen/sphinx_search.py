"""Search that finds and shows the right page, the site's own icon, and the home page's title."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docutils import nodes
from markupsafe import Markup, escape
from sphinx.application import Sphinx
from sphinx.config import Config

from usm_docgen import __version__
from usm_docgen.labels import LANGUAGES, label

STATIC = Path(__file__).parent / "static"
THEME = Path(__file__).parent / "theme"
FAVICON = STATIC / "usm-favicon.svg"
SCORER = STATIC / "usm-search-scorer.js"
"""Ranks a page whose title is the query first (``html_search_scorer``)."""
SEARCH_JS = "usm-search.js"
"""Mends the search page: the count's words, excerpts without diagrams, file:// (its words
come in the script's ``data-usm-words``)."""
HOME = "usm-home.html"


def setup(app: Sphinx) -> dict[str, Any]:
    # after usm_docgen's own config-inited, which settles templates_path
    app.connect("config-inited", _config_inited, priority=600)
    app.connect("html-page-context", _page_context)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


def _config_inited(app: Sphinx, config: Config) -> None:
    """Our icon and search scorer unless conf.py names its own."""
    user = config._raw_config
    if "html_favicon" not in user:
        config.html_favicon = str(FAVICON)
    if "html_search_scorer" not in user:
        config.html_search_scorer = str(SCORER)
    if str(THEME) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(THEME)]


def search_words(language: str | None) -> dict[str, str]:
    """The search page's status words in ``language``, with Sphinx's count placeholder."""
    lang = language if isinstance(language, str) and language in LANGUAGES else "en"
    count = "${resultCount}"  # searchtools.js puts the number there
    return {
        "one": label("search.found-one", lang).replace("{count}", count),
        "many": label("search.found-many", lang).replace("{count}", count),
        "none": label("search.none", lang),
    }


def _page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> str | None:
    if templatename == "search.html":
        words = json.dumps(search_words(app.config.language), ensure_ascii=False, sort_keys=True)
        attributes: dict[str, Any] = {"data-usm-words": words}
        app.add_js_file(SEARCH_JS, loading_method="defer", **attributes)
    if pagename == app.config.root_doc and templatename == "page.html" and _repeats_name(context):
        return HOME
    return None


def _repeats_name(context: dict[str, Any]) -> bool:
    """Whether the page's title is the handbook's name, which the theme appends to it."""
    name = context.get("docstitle")
    if not name or not isinstance(name, str):
        return False
    # title is markup (the page's heading); docstitle plain text, or already escaped Markup
    return Markup(str(context.get("title") or "")).striptags() == escape(name).striptags()
