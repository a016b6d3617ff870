"""Raw HTML an author wrote: what a browser would load from elsewhere, and what may not
reach the site at all.

Hand-written pages may hold raw HTML to mark up text; nothing in it may run code, load or
embed another document, or load anything from elsewhere. Plain Python (no Sphinx), so that
the format reference can list what is allowed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
CONTROL = re.compile(r"[\x00-\x20\x7f]")
_CSS_URL = re.compile(r"""(?:url\(|@import\s+(?:url\()?)\s*['"]?\s*([^'")\s]+)""", re.IGNORECASE)
# What makes a browser load the value of an attribute (a plain <a href> only links).
_LOADING_ATTRIBUTES = frozenset({"src", "srcset", "poster", "data", "background", "imagesrcset"})
_LOADING_HREF_TAGS = frozenset({"link", "image", "use", "feimage", "script", "base"})


def remote(uri: str) -> bool:
    """Whether a browser fetches ``uri`` from elsewhere (a ``data:`` URI is inline). Read as
    browsers read it: without tabs, line breaks or spaces, with ``\\`` as ``/``."""
    uri = CONTROL.sub("", uri).replace("\\", "/")
    if uri.startswith("//"):
        return True
    return SCHEME.match(uri) is not None and not uri.lower().startswith("data:")


def cut(text: str) -> str:
    """A value as shown in a message: one line, at most 80 characters."""
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:79] + "…"


# Raw HTML in a hand-written page marks up text: these tags and attributes, nothing else.
# Whatever could run code (<script>, on… attributes, javascript: links, <svg>), load or embed
# another document (<iframe>, <object>, <link>, <meta>), send a form, or restyle the whole
# site (<style>) is refused; so are data-… attributes, which the theme's scripts act on.
HTML_TAGS = frozenset(
    "a abbr b bdi bdo blockquote br caption cite code col colgroup data dd del details dfn "  # noqa: SIM905
    "div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q rp "
    "rt ruby s samp small span strong sub summary sup table tbody td tfoot th thead time tr u "
    "ul var wbr".split()
)
HTML_ATTRIBUTES_ALL = frozenset(
    {"id", "class", "title", "lang", "dir", "role", "hidden", "translate", "style"}
)
HTML_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "target", "rel", "hreflang", "type", "download"}),
    "img": frozenset({"src", "srcset", "sizes", "alt", "width", "height", "loading"}),
    "td": frozenset({"colspan", "rowspan", "headers"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "abbr"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "details": frozenset({"open"}),
    "time": frozenset({"datetime"}),
    "data": frozenset({"value"}),
    "q": frozenset({"cite"}),
    "blockquote": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
}
_URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
_LINK_SCHEMES = ("http:", "https:", "mailto:", "tel:")
_ALLOWED = (
    "raw HTML may mark up text, lists, tables and images of the handbook (see 'Raw HTML in "
    "a page' in the format reference)"
)


def html_refusal(html: str) -> str | None:
    """Why a piece of an author's raw HTML may not reach the site, or ``None`` if it may."""
    check = _HtmlCheck()
    check.feed(html)
    rest = check.rawdata.lstrip()  # what the parser could not finish, a browser would
    check.close()
    if check.found:
        return (
            f"raw HTML loads '{cut(check.found[0])}' from elsewhere; the site never loads "
            "anything from elsewhere"
        )
    if check.refused:
        return check.refused[0]
    if rest.startswith("<"):
        return (
            f"raw HTML ends in an unfinished tag '{cut(rest)}'; finish it, or write &lt; "
            "for a '<' that is text"
        )
    return None


class _HtmlCheck(HTMLParser):
    """What in a piece of HTML is not on the lists above, and the URLs it makes the browser
    load from elsewhere."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.refused: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        if tag not in HTML_TAGS:
            self.refused.append(f"raw HTML <{cut(tag)}> is not allowed in a page; {_ALLOWED}")
        allowed = HTML_ATTRIBUTES_ALL | HTML_ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            if name.startswith("on"):
                self.refused.append(
                    f"raw HTML attribute '{cut(name)}' of <{tag}> runs code; no page may run code"
                )
            elif name not in allowed and not name.startswith("aria-"):
                self.refused.append(
                    f"raw HTML attribute '{cut(name)}' is not allowed on <{tag}>; {_ALLOWED}"
                )
            if value is None:
                continue
            if name in _URL_ATTRIBUTES:
                self._url(tag, name, value)
            if name == "style":
                self._css(value)
            elif name in _LOADING_ATTRIBUTES or (
                name in ("href", "xlink:href") and tag in _LOADING_HREF_TAGS
            ):
                urls = [u.split()[0] for u in value.split(",") if u.strip()]
                self.found += [u for u in urls if remote(u)]
            elif tag == "meta" and name == "content" and "url=" in value.lower():
                url = value.lower().split("url=", 1)[1]
                if remote(url.strip("'\" ")):
                    self.found.append(value)

    def _url(self, tag: str, name: str, value: str) -> None:
        """A link may lead to a page, a file of the site or an address; it never runs code
        (``javascript:``) nor opens a document written into the link (``data:``)."""
        read = CONTROL.sub("", value)  # as browsers read it
        url = read.lower()
        if not SCHEME.match(url) or url.startswith(_LINK_SCHEMES):
            return
        if tag == "img" and url.startswith("data:"):  # an image shown inline runs nothing
            return
        self.refused.append(
            f"raw HTML {name}='{cut(read)}' of <{tag}> is neither a page, a file nor an "
            "http(s), mailto or tel address; no link may run code"
        )

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        # An end tag alone runs and loads nothing; the start tag it ends is what is checked.
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._css(data)

    def _css(self, text: str) -> None:
        self.found += [u for u in _CSS_URL.findall(text) if remote(u)]
