"""Handbook text reaches every page as text, and no page runs or opens what a page wrote.

``tests/adversarial`` carries script payloads in every plain-text field, the edition in
conf/handbook.yaml included. It is built once with the real command while a listener reads
every page's template context; then every page and ``documentation_options.js`` are read
back. A hand-written page with ``javascript:`` buttons, cards, images and links, and a
``.. meta::`` refresh, shows that none of them is left as a link.
"""

from __future__ import annotations

import base64
import contextlib
import html
import io
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from docutils import nodes
from markupsafe import Markup

from tests.conftest import ADVERSARIAL, BASE
from usm_docgen import build, catalog
from usm_docgen.cli import main
from usm_docgen.model import Handbook
from usm_docgen.sphinx_ext import unsafe_uri

MARKER = "__pwned"
RAW_PAYLOADS = ("<script>window.__pwned", '"><script>', "'><script>", "<img src=x")
"""What must never stand unescaped in a built file."""
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster"})
SCHEMES = ("javascript:", "vbscript:", "data:")

# Context keys that carry handbook text, by what they hold.
PLAIN_TEXT_KEYS = {
    "project": "title",
    "docstitle": "title",
    "shorttitle": "title",
    "logo_alt": "title",
    "version": "edition",
    "release": "edition",
    "copyright": "organisation",
}
"""Sphinx settings filled from conf/handbook.yaml (which field): plain text, to be escaped."""
HTML_KEYS = frozenset({"body", "toc", "title", "prev", "next", "rellinks", "parents"})
"""HTML Sphinx wrote from a page's doctree (text in it is escaped by the HTML writer)."""
NOT_SHOWN_KEYS = frozenset({"meta"})
"""Page metadata: templates read theme flags from it; MyST keeps heading slugs there."""


def _handbook() -> Handbook:
    model = catalog.load(ADVERSARIAL).model
    assert model is not None
    return model.handbook


@dataclass
class Built:
    """The adversarial site, and every string with the marker in each page's context."""

    site: Path
    found: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    """context key -> (page, where in the value, string) for each string with the marker."""
    pages: set[str] = field(default_factory=set)


def _strings(value: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """(where, string) for every string in a context value, into dicts, lists and tuples
    (not into objects)."""
    if isinstance(value, str):
        yield where, value
    elif where.count("[") < 4 and isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{where}[{key!r}]")
    elif where.count("[") < 4 and isinstance(value, list | tuple):
        for n, item in enumerate(value):
            yield from _strings(item, f"{where}[{n}]")


@pytest.fixture(scope="module")
def adversarial(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """``usm-docgen build --strict`` of tests/adversarial, with a listener on every page."""
    built = Built(tmp_path_factory.mktemp("escaping") / "site")

    def record(
        app: Any, pagename: str, templatename: str, context: dict[str, Any], *_: Any
    ) -> None:
        built.pages.add(pagename)
        for key, value in context.items():
            for where, text in _strings(value):
                if MARKER in text:
                    built.found.setdefault(key, []).append((pagename, where, text))

    def listen(app: Any) -> None:
        # after every other listener: what the templates get
        app.connect("html-page-context", record, priority=1000)

    run_sphinx = build.run_sphinx

    def run_and_listen(*args: Any, **kwargs: Any) -> int:
        # build() passes its own on_app (None unless a test asks it to die): ours replaces it
        return run_sphinx(*args, **{**kwargs, "on_app": listen})

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build, "run_sphinx", run_and_listen)
        assert main(["build", str(ADVERSARIAL), "--out", str(built.site), "--strict"]) == 0
    yield built


class _Page(HTMLParser):
    """A page as a browser would parse it: its elements, scripts and text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self.in_script = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))
        if tag == "script":
            self.in_script = True
            self.scripts.append(dict(attrs).get("src") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)

    def meta(self, name: str) -> str | None:
        for tag, attrs in self.elements:
            values = dict(attrs)
            if tag == "meta" and values.get("name") == name:
                return values.get("content")
        return None


def _html_files(site: Path) -> list[Path]:
    """Every HTML file of the site, pages and the theme's static files alike."""
    return sorted(site.rglob("*.html"))


def _pages(site: Path) -> list[Path]:
    """The site's pages (not the files under _static/ and the like)."""
    return [f for f in _html_files(site) if not f.relative_to(site).parts[0].startswith("_")]


@pytest.mark.slow
def test_no_page_holds_a_payload_unescaped(adversarial: Built) -> None:
    files = _html_files(adversarial.site)
    assert len(files) > 20 and (adversarial.site / "search.html") in files
    problems = []
    for file in files:
        rel = file.relative_to(adversarial.site).as_posix()
        raw = file.read_text("utf-8")
        problems += [f"{rel}: {p!r} unescaped" for p in RAW_PAYLOADS if p in raw]
        page = _Page(raw)
        for tag, attrs in page.elements:
            problems += [f"{rel}: <{tag} {n}=…>" for n, _ in attrs if n.startswith("on")]
            if tag == "x" or (tag == "img" and dict(attrs).get("src") == "x"):
                problems.append(f"{rel}: injected <{tag}>")
            for name, value in attrs:
                if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith(SCHEMES):
                    problems.append(f"{rel}: <{tag} {name}={value!r}>")
        problems += [f"{rel}: script with {s[:80]!r}" for s in page.scripts if MARKER in s]
    assert not problems, "\n".join(problems)


@pytest.mark.slow
def test_every_page_shows_title_edition_and_organisation_as_written(adversarial: Built) -> None:
    """Escaped exactly once: once parsed, each is the text written in conf/handbook.yaml."""
    handbook = _handbook()
    assert '"><script>' in handbook.edition and "<script>" in handbook.title
    for file in _pages(adversarial.site):
        rel = file.relative_to(adversarial.site).as_posix()
        raw = file.read_text("utf-8")
        page = _Page(raw)
        assert page.meta("docsearch:version") == handbook.edition, rel
        title = re.search(r"<title>(.*?)</title>", raw, re.DOTALL)
        assert title is not None and html.unescape(title.group(1)).endswith(handbook.title), rel
        logo = re.search(r'<p class="title logo__title">(.*?)</p>', raw, re.DOTALL)
        assert logo is not None and html.unescape(logo.group(1)) == handbook.title, rel
        assert handbook.organisation in "".join(page.text), rel
    index = _Page((adversarial.site / "index.html").read_text("utf-8"))
    assert f"{handbook.organisation} · editie {handbook.edition}" in "".join(index.text)


@pytest.mark.slow
def test_documentation_options_keep_the_edition_inside_its_string(adversarial: Built) -> None:
    js = (adversarial.site / "_static" / "documentation_options.js").read_text("utf-8")
    assert not any(p in js for p in RAW_PAYLOADS)
    version = re.search(r"^\s*VERSION: '([^'\\\n]*)',$", js, re.MULTILINE)
    assert version is not None, js[:300]
    assert html.unescape(version.group(1)) == _handbook().edition
    assert re.search(r"^\s*LANGUAGE: 'nl',$", js, re.MULTILINE)


@pytest.mark.slow
def test_handbook_text_in_the_template_context_is_escaped(adversarial: Built) -> None:
    """Every context value that holds handbook text, on every page: which keys, and how."""
    handbook = _handbook()
    found = adversarial.found
    assert {"index", "search", "genindex", "workflows/end"} <= adversarial.pages
    assert set(found) <= set(PLAIN_TEXT_KEYS) | HTML_KEYS | NOT_SHOWN_KEYS, sorted(found)
    assert set(PLAIN_TEXT_KEYS) <= set(found), sorted(found)
    assert {"body", "title", "toc"} <= set(found), sorted(found)
    for key, source in PLAIN_TEXT_KEYS.items():
        written = getattr(handbook, source)
        pages = {page for page, _, _ in found[key]}
        assert pages == adversarial.pages, f"{key} on every page"
        for page, _, value in found[key]:
            assert isinstance(value, Markup), f"{page}: {key} is {type(value).__name__}"
            assert "<" not in value and '"' not in value, f"{page}: {key} = {value!r}"
            assert written in html.unescape(value), f"{page}: {key} escaped more than once"
    for key in HTML_KEYS & set(found):
        for page, _, value in found[key]:
            assert not any(p in value for p in RAW_PAYLOADS), f"{page}: {key} = {value!r}"
            assert "<script>" in html.unescape(value), f"{page}: {key} escaped more than once"
    for page, where, _ in found.get("meta", []):
        # MyST's heading slugs (slug -> line, id, heading text), never printed by a template
        assert where.startswith("['myst_slugs']"), f"{page}: meta{where}"


# --- hand-written pages: no link runs code ------------------------------------------------

PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
UNSAFE_PAGE = """\
# Links that run code

```{button-link} javascript:window.__pwned=1
Button text
```

```{button-link} VBScript:msgbox(1)
```

```{card} Card title
:link: JavaScript:window.__pwned=1

Card body
```

```{image} pixel.png
:alt: the pixel
:target: javascript:window.__pwned=1
```

Badge {bdg-link-primary}`the badge <javascript:window.__pwned=1>` and
[a safe link](https://example.org/).

```{eval-rst}
.. meta::
   :http-equiv=Refresh: 0; url=https://example.org/

`reST link <javascript:window.__pwned=1>`_, `entity link <java&#x09;script:x>`_,
`vbscript link <vbscript:msgbox(1)>`_ and `data link <data:text/html;base64,PHNjcmlwdD4=>`_.
```
"""


@pytest.fixture(scope="module")
def unsafe_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A root with a hand-written page full of unsafe targets, built; (html, warnings)."""
    tmp = tmp_path_factory.mktemp("unsafe")
    root = tmp / "hb"
    shutil.copytree(BASE, root)
    pages = root / "handbook"
    pages.mkdir()
    (pages / "pixel.png").write_bytes(PIXEL)
    (pages / "unsafe.md").write_text(UNSAFE_PAGE, "utf-8")
    # Not through validation: a last line of defence must hold whatever reaches Sphinx.
    with contextlib.redirect_stderr(io.StringIO()) as warnings:
        assert build.run_sphinx(root, tmp / "work", pages, strict=False) == 0
    return (tmp / "work" / "html" / "unsafe.html").read_text("utf-8"), warnings.getvalue()


@pytest.mark.slow
def test_unsafe_targets_in_a_hand_written_page_become_text(unsafe_page: tuple[str, str]) -> None:
    text, warnings = unsafe_page
    page = _Page(text)
    urls = [
        (tag, name, value or "")
        for tag, attrs in page.elements
        for name, value in attrs
        if name in URL_ATTRIBUTES
    ]
    assert not [u for u in urls if unsafe_uri(u[2]) or "script:" in u[2].lower()], urls
    assert ("a", "href", "https://example.org/") in urls, "a safe link stays a link"
    assert ("img", "src", "_images/pixel.png") in urls, "an image keeps its picture, not its link"
    assert not [e for e in page.elements if e[0] == "meta" and "http-equiv" in dict(e[1])]
    shown = " ".join(" ".join(page.text).split())
    for words in ("Button text", "VBScript:msgbox(1)", "JavaScript:window.__pwned=1",
                  "the badge", "reST link", "entity link", "vbscript link",
                  "data link"):  # fmt: skip
        assert words in shown, words
    body = text[text.index('<article class="bd-article">') :]
    assert "sd-btn" not in body and "sd-badge" not in body, "text is not dressed as a button"
    told = [line for line in warnings.splitlines() if "[usm.unsafe-link]" in line]
    assert len(told) == 10, "\n".join(told)  # one for each link and meta tag
    assert all("unsafe.md:" in line for line in told), told
    assert sum("meta refresh removed" in line for line in told) == 1


@pytest.mark.parametrize(
    ("uri", "unsafe"),
    [
        ("javascript:alert(1)", True),
        ("  JaVaScRiPt:alert(1)", True),
        ("java\tscript:alert(1)", True),
        ("java\nscript:alert(1)", True),
        ("\x00javascript:alert(1)", True),
        ("&#106;avascript:alert(1)", True),
        ("java&#x09;script:alert(1)", True),
        ("&amp;#106;avascript:alert(1)", True),
        ("vbscript:msgbox(1)", True),
        ("data:text/html,<script>alert(1)</script>", True),
        ("DATA:image/png;base64,AAAA", True),
        ("https://example.org/javascript:x", False),
        ("#javascript:x", False),
        ("pages/javascript.html", False),
        ("mailto:a@example.org", False),
        ("", False),
        (None, False),
    ],
)
def test_unsafe_uri(uri: object, unsafe: bool) -> None:
    assert unsafe_uri(uri) is unsafe


# --- images from such URIs, node by node (read-time checks may stop them before) ----------


def _transformed(*children: nodes.Node) -> nodes.document:
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    from usm_docgen.sphinx_ext import _UnsafeTargetsAsText

    document = new_document("page", get_default_settings(Parser))
    document.extend(children)
    _UnsafeTargetsAsText(document).run()
    return document


def test_an_image_from_a_data_uri_becomes_its_alt_text() -> None:
    inline = nodes.image(uri="data:image/png;base64,AAAA", alt="the pixel")
    block = nodes.image(uri=" JavaScript:x", alt="a block")
    listed = nodes.image(uri="pixel.png", alt="by candidate", candidates={"*": "data:x"})
    silent = nodes.image(uri="vbscript:x")
    safe = nodes.image(uri="pixel.png", alt="safe", candidates={"*": "pixel.png"})
    document = _transformed(nodes.paragraph("", "Look: ", inline), block, listed, silent, safe)
    assert [n["uri"] for n in document.findall(nodes.image)] == ["pixel.png"]
    assert document[0].astext() == "Look: the pixel" and len(document[0]) == 2
    assert [n.astext() for n in document.findall(nodes.paragraph)][1:] == [
        "a block",
        "by candidate",
    ]


def test_a_fold_in_a_hand_written_page_keeps_its_words_text(base_copy: Path) -> None:
    """``usm-fold`` (a quiz's answer) in an author's page: its summary is text, its class a
    class name, and what it folds is checked like the rest of the page."""
    page = base_copy / "handbook" / "fold.md"
    page.parent.mkdir(exist_ok=True)
    summary = '<script>alert(1)</script> "q" & <img src=x onerror=alert(2)>'
    page.write_text(
        f'# Fold\n\n:::{{usm-fold}} {summary}\n:class: x" onmouseover="alert(3)\n\n'
        "Folded text.\n:::\n",
        "utf-8",
    )
    site = base_copy.parent / "site"
    assert main(["build", str(base_copy), "--out", str(site)]) == 0
    written = (site / "fold.html").read_text("utf-8")
    fold = re.search(r"<details[^>]*><summary>(.*?)</summary>(.*?)</details>", written, re.S)
    assert fold is not None, written
    assert fold.group(0).startswith('<details class="x onmouseover-alert-3">')
    assert html.unescape(fold.group(1)) == summary
    assert "<script" not in fold.group(0) and "<img" not in fold.group(0)
    assert "Folded text." in fold.group(2)
    # and a file outside the root stays unread inside a fold too
    page.write_text(":::{usm-fold} A\n```{include} /etc/passwd\n```\n:::\n", "utf-8")
    assert main(["build", str(base_copy), "--out", str(site)]) == 1
