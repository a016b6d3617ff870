"""Glossary terms link to their entry where a page first uses them (usm_docgen.sphinx_glossary).

The rules are tried on small doctrees first; then one build of tests/adversarial with three
hand-written pages (a glossary of invented and hostile terms, a page that uses them in every
place a link must not go, and one that uses none) shows them in a real site, and an edit of
that glossary shows that a rebuild writes what a fresh build writes.
"""

from __future__ import annotations

import html
import posixpath
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from tests.conftest import ADVERSARIAL, BASE
from tests.test_incremental import assert_same_site
from usm_docgen.cli import main
from usm_docgen.sphinx_glossary import (
    TOOLTIP_LENGTH,
    GlossaryEntry,
    GlossaryTerm,
    Matcher,
    link_terms,
    tooltip,
)

# --- the rules, on doctrees made by hand ------------------------------------------------------


def _entry(*terms: str, definition: str = "Uitleg.") -> GlossaryEntry:
    return GlossaryEntry("woorden", tuple(GlossaryTerm(t, f"term-{t}") for t in terms), definition)


ENTRIES = (
    _entry("Call", "Melding"),
    _entry("DVO", "Dienstverleningsovereenkomst"),
    _entry("Change"),  # a USM process name
    _entry("Service"),
    _entry("Service request"),
    _entry("Risico"),
    _entry("Incident"),
    _entry("Incident management"),
    _entry("a|b(c)+?", r"$1\1", "*ster*", "<b>vet</b>"),
)


def _found(text: str, entries: tuple[GlossaryEntry, ...] = ENTRIES) -> list[str]:
    """Every use ``link_terms`` would link in ``text``, as written there."""
    matcher = Matcher(entries)
    linked: set[int] = set()
    found = []
    for match, candidate in matcher.find(text, linked):
        linked.add(candidate.entry)
        found.append(match.group())
    return found


def test_whole_words_only() -> None:
    assert _found("een recall, een callcenter, de call-id, een e-call, een _call") == []
    assert _found("een recall en dan een call.") == ["call"]
    assert _found("(call)") == ["call"]


def test_abbreviations_match_as_written_and_words_in_any_case() -> None:
    assert _found("een dvo en een Dvo") == []
    assert _found("een dvo en de DVO's") == ["DVO's"]
    assert _found("de DVO-norm") == [], "a hyphen joins DVO to another word"
    assert _found("CALLS en meldingen") == ["CALLS"]
    assert _found("Calls") == ["Calls"]
    assert _found("meldingen") == ["meldingen"]
    assert _found("risico's") == ["risico's"]


def test_process_names_match_capitalised_only() -> None:
    assert _found("we change it, then Change takes it") == ["Change"]
    assert _found("changes") == []


def test_the_longest_term_wins_and_one_use_links_per_entry() -> None:
    assert _found("een service request en een service") == ["service request", "service"]
    assert _found("Incident management en dan een incident") == [
        "Incident management",
        "incident",
    ]
    # the entry of DVO is linked once, whichever of its terms comes first
    assert _found("een DVO, een dienstverleningsovereenkomst, een DVO") == ["DVO"]
    assert _found("call\nen dan weer een call en een melding") == ["call"]


def test_terms_with_metacharacters_are_text() -> None:
    assert _found(r"a|b(c)+? en $1\1") == ["a|b(c)+?"]
    assert _found(r"$1\1 en *ster*") == [r"$1\1"]
    assert _found("*ster* en <b>vet</b>") == ["*ster*"]
    assert _found("<b>vet</b>") == ["<b>vet</b>"]
    assert _found("abc") == [] and _found("b(c)") == []


def test_a_multiword_term_spans_a_line_break() -> None:
    assert _found("de Service\nrequest") == ["Service\nrequest"]


def _document(rst: str) -> nodes.document:
    settings = get_default_settings(Parser)
    settings.report_level = 5
    document = new_document("<test>", settings)
    Parser().parse(rst, document)
    return document


def _link(document: nodes.document) -> int:
    return link_terms(document, Matcher(ENTRIES), lambda e, t: f"../{e.docname}.html#{t.anchor}")


def test_text_without_terms_stays_the_same_doctree() -> None:
    document = _document("Titel\n=====\n\nNiets om te zien, ``call`` in code.\n\n* een recall\n")
    before = document.pformat()
    assert _link(document) == 0
    assert document.pformat() == before


def test_a_link_keeps_the_text_as_written() -> None:
    document = _document(
        "Over call\n=========\n\n"
        "Een *call*, dan een DVO en nog een *call*.\n\n"
        "`DVO <https://example.org>`_ en ``DVO`` en\n\n"
        "::\n\n   DVO in een blok\n\n"
        "+------+------+\n| DVO  | kop  |\n+======+======+\n| cel  | DVO  |\n+------+------+\n"
    )
    text = document.astext()
    assert _link(document) == 2
    assert document.astext() == text, "the text shown stays exactly as written"
    links = list(document.findall(nodes.reference))
    terms = [r for r in links if "usm-term" in r["classes"]]
    assert [(r.astext(), r["refuri"]) for r in terms] == [
        ("call", "../woorden.html#term-Call"),
        ("DVO", "../woorden.html#term-DVO"),
    ]
    # the first call is in emphasis; the second, an equal text node, stays text
    assert isinstance(terms[0].parent, nodes.emphasis)
    emphasis = list(document.findall(nodes.emphasis))
    assert [e.children for e in emphasis][1] == [nodes.Text("call")]
    assert terms[0]["reftitle"] == "Uitleg." and terms[0].get("internal")


def test_a_long_definition_is_cut_at_a_word_in_the_tooltip() -> None:
    long = "woord " * 100
    cut = tooltip(long.strip())
    assert cut.endswith("woord…") and len(cut) <= TOOLTIP_LENGTH + 1
    assert tooltip("Kort.") == "Kort."
    # a definition of several sentences: its first, and a sign that there is more
    assert tooltip("Een call. Ook een wens. Start Afspreken.") == "Een call. …"


# --- a real site -----------------------------------------------------------------------------

HOSTILE_TERM = "<script>window.__pwned=1</script>"
HOSTILE_DEFINITION = """Een "definitie" met <img src=x onerror="window.__pwned=1"> & 'quotes'."""

GLOSSARY_PAGE = r"""# Woorden

De woorden bij een call, zoals Zwoeg en QXZ.

```{glossary}
Zwoeg
  Werk dat zwaar valt.

QXZ
  Een afkorting om mee te testen.

Plonk
  Een los woord.

Plonk register
  Een term van twee woorden.

\<script\>window.\_\_pwned=1\</script\>
  Een "definitie" met \<img src=x onerror="window.\_\_pwned=1"\> & 'quotes'.

$1\1
  Tekens die een vervanging met een reguliere expressie breken.

\*ster\*
  Markdown-tekens.
```
"""

READING_PAGE = r"""# Lezen

Een recall of een callcenter is geen call, en een call blijft een call.

## Over QXZ

`QXZ` in code, [QXZ in een link](index.md), een qxz, een QXZ-norm en een QXZ_2.

```text
QXZ in een codeblok
```

```{mermaid}
flowchart LR
  a["QXZ"] --> b["Zwoeg"]
```

| QXZ | Plonk |
| --- | --- |
| cel | tekst |

```{list-table}
:header-rows: 1
:stub-columns: 1

* - Kop
  - Kop
* - Zwoeg als rijkop
  - tekst
```

Dan pas de QXZ's, en nog een QXZ.

Het plonk register en daarna de plonk en de plonken.

De zwoegen zijn zwaar, de zwoeg ook.

Hier staan \<script\>window.\_\_pwned=1\</script\>, $1\1 en \*ster\* als tekst.
"""

EMPTY_PAGE = "# Leeg\n\nNiets om te zien hier.\n"

RAW_PAYLOADS = ("<script>window.__pwned", "<img src=x")


@dataclass
class Link:
    href: str
    title: str
    text: str = ""
    inside: list[str] = field(default_factory=list)


_VOID = frozenset(
    {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


class Page(HTMLParser):
    """A built page: its glossary links (with the elements around each), its glossary
    entries (term id -> definition) and the text of its article."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.links: list[Link] = []
        self.definitions: dict[str, str] = {}
        self.article: list[str] = []
        self._link: Link | None = None
        self._terms: list[str] = []
        self._dd: list[str] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if tag == "a" and "usm-term" in classes:
            self._link = Link(values.get("href") or "", values.get("title") or "")
            self._link.inside = list(self.stack)
            self.links.append(self._link)
        if tag == "dt" and values.get("id"):
            self._terms.append(values["id"] or "")
        if tag == "dd":
            self._dd = []
        if tag not in _VOID:
            self.stack.append(" ".join([tag, *(f".{c}" for c in classes)]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._link = None
        if tag == "dd" and self._dd is not None:
            for term in self._terms:
                self.definitions[term] = " ".join("".join(self._dd).split())
            self._terms, self._dd = [], None
        names = [s.split()[0] for s in self.stack]
        if tag in names:
            del self.stack[len(names) - 1 - names[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link.text += data
        if self._dd is not None:
            self._dd.append(data)
        if any(s.startswith("article") for s in self.stack):
            self.article.append(data)


def _pages(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text("utf-8")
        for p in sorted(site.rglob("*.html"))
        if not p.relative_to(site).parts[0].startswith("_")
    }


def _target(page: str, href: str) -> tuple[str, str]:
    path, _, anchor = href.partition("#")
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path)), anchor


def _with_pages(root: Path, pages: dict[str, str]) -> None:
    (root / "handbook").mkdir(exist_ok=True)
    for name, text in pages.items():
        (root / "handbook" / name).write_text(text, "utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """tests/adversarial with the two pages, built --strict once: every HTML page by path."""
    root = tmp_path_factory.mktemp("glossary") / "hb"
    shutil.copytree(ADVERSARIAL, root)
    _with_pages(
        root, {"woorden.md": GLOSSARY_PAGE, "lezen.md": READING_PAGE, "leeg.md": EMPTY_PAGE}
    )
    out = root.parent / "site"
    assert main(["build", str(root), "--out", str(out), "--strict"]) == 0
    return _pages(out)


def _links(site: dict[str, str], page: str, into: str = "") -> list[Link]:
    return [
        link for link in Page(site[page]).links if not into or _target(page, link.href)[0] == into
    ]


@pytest.mark.slow
def test_the_first_use_of_each_term_links_to_its_entry(site: dict[str, str]) -> None:
    links = _links(site, "lezen.html", "woorden.html")
    assert [link.text for link in links] == [
        "QXZ's",
        "plonk register",
        "plonk",
        "zwoegen",
        HOSTILE_TERM,
        r"$1\1",
        "*ster*",
    ]
    assert [link.href for link in links[:4]] == [
        "woorden.html#term-QXZ",
        "woorden.html#term-Plonk-register",
        "woorden.html#term-Plonk",
        "woorden.html#term-Zwoeg",
    ]
    entries = Page(site["woorden.html"]).definitions
    for link in links:
        anchor = _target("lezen.html", link.href)[1]
        assert anchor in entries, f"{link.href} names no entry of the glossary"
        assert link.title == tooltip(entries[anchor])
    assert links[4].title == HOSTILE_DEFINITION


@pytest.mark.slow
def test_whole_words_and_generated_terms(site: dict[str, str]) -> None:
    """The site's own glossary links too: its Call, at the first call that is a word."""
    calls = [
        link
        for link in _links(site, "lezen.html", "glossary.html")
        if link.text.lower().startswith(("call", "recall"))
    ]
    assert [link.text for link in calls] == ["call"]
    anchor = _target("lezen.html", calls[0].href)[1]
    assert calls[0].title == tooltip(Page(site["glossary.html"]).definitions[anchor])


@pytest.mark.slow
def test_no_link_in_headings_code_diagrams_links_or_header_cells(site: dict[str, str]) -> None:
    never = re.compile(
        r"^(h[1-6]|pre|code|a|th|thead|caption|figcaption|summary|dt)\b"
        r"|\.(mermaid|sd-badge|sd-card-title|usm-trainer-words)\b"
    )
    problems = [
        f"{page}: {link.text!r} inside {' > '.join(link.inside)}"
        for page in site
        for link in Page(site[page]).links
        if any(never.search(s) for s in link.inside)
    ]
    assert not problems, "\n".join(problems)
    assert sum(len(Page(text).links) for text in site.values()) > 20


@pytest.mark.slow
def test_a_workflow_page_links_each_term_once(site: dict[str, str]) -> None:
    page = "workflows/storing-zonder-wijziging.html"
    links = _links(site, page)
    assert links, "a workflow page uses terms of the glossary"
    targets = [_target(page, link.href) for link in links]
    assert len(set(targets)) == len(targets), "one link per term and page"
    for path, anchor in targets:
        assert anchor in Page(site[path]).definitions, f"{path}#{anchor} is no entry"
    workflow = [link for link in links if link.text.lower() == "workflow"]
    assert len(workflow) == 1, "the first use of workflow links"
    words = re.findall(r"(?<![\w-])workflow(?![\w-])", "".join(Page(site[page]).article), re.I)
    assert len(words) > 1, "and the later ones do not"


@pytest.mark.slow
def test_glossaries_and_pages_without_terms_link_nothing(site: dict[str, str]) -> None:
    assert Page(site["glossary.html"]).links == []
    assert Page(site["woorden.html"]).links == []
    assert Page(site["leeg.html"]).links == []
    assert "Niets om te zien hier." in site["leeg.html"]


@pytest.mark.slow
def test_hostile_terms_stay_text(site: dict[str, str]) -> None:
    problems = [f"{page}: {p!r}" for page, text in site.items() for p in RAW_PAYLOADS if p in text]
    assert not problems, "\n".join(problems)
    lezen = site["lezen.html"]
    assert html.escape(HOSTILE_TERM, quote=False) in lezen
    assert 'title="Een &quot;definitie&quot; met &lt;img src=x' in lezen


# --- a rebuild after the glossary changed ----------------------------------------------------


def _build(root: Path, site: Path) -> None:
    assert main(["build", str(root), "--out", str(site), "--strict"]) == 0


@pytest.mark.slow
def test_a_changed_glossary_rebuilds_like_a_fresh_build(tmp_path: Path) -> None:
    root = tmp_path / "hb"
    shutil.copytree(BASE, root)
    _with_pages(root, {"woorden.md": GLOSSARY_PAGE, "lezen.md": READING_PAGE})
    rebuilt = tmp_path / "rebuilt" / "site"
    _build(root, rebuilt)
    before = _links(_pages(rebuilt), "lezen.html", "woorden.html")
    assert ("zwoegen", "Werk dat zwaar valt.") in [(link.text, link.title) for link in before]

    # a definition changes, a term goes, and lezen.md (not read again) must show both
    (root / "handbook" / "woorden.md").write_text(
        GLOSSARY_PAGE.replace("Werk dat zwaar valt.", "Werk dat nooit af is.").replace(
            "Plonk register\n  Een term van twee woorden.\n\n", ""
        ),
        "utf-8",
    )
    _build(root, rebuilt)
    after = _links(_pages(rebuilt), "lezen.html", "woorden.html")
    assert ("zwoegen", "Werk dat nooit af is.") in [(link.text, link.title) for link in after]
    assert "plonk register" not in [link.text for link in after]

    fresh = tmp_path / "fresh" / "site"
    _build(root, fresh)
    assert_same_site(fresh, rebuilt)
