"""Glossary terms link to their entry where a page first uses them in running text.

Every ``glossary`` directive of the site (the generated glossary page, or one a hand-written
page holds) gives its terms; on every other page, the first use of a term in running text
becomes a link to the term's entry, with the entry's definition as its tooltip. Whole words
only: an abbreviation (all capitals: ``DVO``) as written, a USM process name (``Change``,
``Herstellen``) capitalised as a name, any other term in any case; an abbreviation also as a
plural with ``s`` or ``'s``, a word also with ``s``, ``es``, ``en``, ``n`` or ``'s`` (``calls``,
``meldingen``, ``risico's``), not with a changed stem (``afspraak`` links, ``afspraken`` does
not). A hyphen joins words: ``DVO-norm`` is another word. One link per glossary entry and page:
a page that says ``DVO`` and later ``dienstverleningsovereenkomst`` links the first only.

Never linked: headings, captions and other titles, links, code and literal text, Mermaid
diagrams, raw HTML, table header cells and stub columns, badges, cards that are links
themselves, and the text of a page that holds a glossary. Links are made when pages are
written, so every page sees the whole glossary; when the glossary changes, every page is
written again (see :meth:`GlossaryCollector.get_updated_docs`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence, Set
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinxcontrib.mermaid import mermaid as mermaid_node

from usm_docgen import __version__
from usm_docgen.usm import PROCESSES

ENV_VERSION = 1
LINK_CLASS = "usm-term"
TOOLTIP_LENGTH = 160
"""The tooltip of a term's link is the definition's first sentence, cut at a word and ended
in an ellipsis when longer than this: a hint, the link leads to the whole definition. Each
page carries the tooltips of the terms it uses (the whole definitions were 5 % of a large
handbook's site)."""
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9À-Ý])")

PROCESS_NAMES = frozenset(n for p in PROCESSES.values() for n in (p.names.nl, p.names.en))
"""Terms that are USM's process names: common verbs too (change, herstellen), so they match
only capitalised, as a name."""

_TOKEN = re.compile(r"\w+|[^\w\s]")
_BEFORE = r"(?<![\w-])"
_AFTER = r"(?![\w-])"
_WORD_PLURAL = r"(?:'s|’s|es|en|s|n)?"
_ABBREVIATION_PLURAL = r"(?:'s|’s|s)?"
_ENDINGS = ("s", "es", "en", "n")
"""Endings a word in the text may have beyond a one-word term (``'s`` is a token apart)."""

_NOT_RUNNING_TEXT: tuple[type[nodes.Node], ...] = (
    nodes.title,
    nodes.subtitle,
    nodes.rubric,  # also the titles of dropdowns and tabs (sphinx-design)
    nodes.caption,
    nodes.term,
    nodes.field_name,
    nodes.label,
    nodes.generated,
    nodes.docinfo,
    nodes.thead,
    nodes.reference,
    nodes.target,
    nodes.footnote_reference,
    nodes.citation_reference,
    addnodes.pending_xref,
    nodes.literal,
    nodes.literal_block,
    nodes.doctest_block,
    nodes.math,
    nodes.math_block,
    nodes.option_string,
    nodes.option_argument,
    addnodes.literal_emphasis,
    addnodes.literal_strong,
    addnodes.desc_signature,
    addnodes.productionlist,
    nodes.raw,
    nodes.comment,
    nodes.substitution_definition,
    nodes.system_message,
    nodes.problematic,
    nodes.abbreviation,
    nodes.acronym,
    addnodes.toctree,
    addnodes.glossary,
    mermaid_node,
)
_NOT_RUNNING_CLASSES = frozenset(
    {"sd-badge", "sd-card-title", "sd-summary-title", "sd-tab-label", "usm-trainer-words"}
    | {"usm-quiz"}
)
"""Labels rather than text: badges, card titles, the trainer's hidden button words; and a
quiz, which asks what the reader knows (a definition on hover would answer it)."""


@dataclass(frozen=True)
class GlossaryTerm:
    """One term of a glossary entry, and the id of its node on the glossary's page."""

    text: str
    anchor: str


@dataclass(frozen=True)
class GlossaryEntry:
    """An entry of a glossary: its terms and its definition as plain text."""

    docname: str
    terms: tuple[GlossaryTerm, ...]
    definition: str


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_env_collector(GlossaryCollector)
    app.add_post_transform(GlossaryLinks)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


# --- what the glossaries hold ---------------------------------------------------------------


def _plain(node: nodes.Node) -> str:
    return " ".join(node.astext().split())


def glossary_entries(docname: str, doctree: nodes.Node) -> tuple[GlossaryEntry, ...]:
    """The entries of every ``glossary`` directive in a page, in page order."""
    found = []
    for glossary in doctree.findall(addnodes.glossary):
        for item in (
            item
            for dl in glossary.children
            if isinstance(dl, nodes.definition_list)
            for item in dl.children
            if isinstance(item, nodes.definition_list_item)
        ):
            terms = tuple(
                GlossaryTerm(text, term["ids"][0])
                for term in item.children
                if isinstance(term, nodes.term) and term["ids"] and (text := _plain(term))
            )
            definition = next((c for c in item.children if isinstance(c, nodes.definition)), None)
            if terms:
                found.append(
                    GlossaryEntry(docname, terms, _plain(definition) if definition else "")
                )
    return tuple(found)


def _stored(env: BuildEnvironment) -> dict[str, tuple[GlossaryEntry, ...]]:
    """Per page that holds a glossary, its entries; kept with the environment."""
    stored: dict[str, tuple[GlossaryEntry, ...]] | None = getattr(env, "usm_glossary", None)
    if stored is None:
        stored = {}
        env.usm_glossary = stored  # type: ignore[attr-defined]
    return stored


def site_glossary(env: BuildEnvironment) -> tuple[GlossaryEntry, ...]:
    """Every glossary entry of the site, pages in name order."""
    stored = _stored(env)
    return tuple(entry for docname in sorted(stored) for entry in stored[docname])


class GlossaryCollector(EnvironmentCollector):
    """Keeps each page's glossary entries in the environment."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        _stored(env).pop(docname, None)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        theirs = _stored(other)
        _stored(env).update({d: theirs[d] for d in docnames if d in theirs})

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        entries = glossary_entries(app.env.docname, doctree)
        if entries:
            _stored(app.env)[app.env.docname] = entries

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """Every page is written again when the site's glossary changed since pages were
        last written, and links its terms as a fresh build would."""
        now = site_glossary(env)
        if getattr(env, "usm_glossary_linked", None) == now:
            return []
        env.usm_glossary_linked = now  # type: ignore[attr-defined]
        return sorted(env.found_docs)


# --- finding terms in text ------------------------------------------------------------------


def term_pattern(text: str) -> re.Pattern[str]:
    """The whole-word pattern of a term (see the module's docstring for the rules)."""
    body = r"\s+".join(re.escape(part) for part in text.split())
    if text.isupper():
        return re.compile(_BEFORE + body + _ABBREVIATION_PLURAL + _AFTER)
    if text in PROCESS_NAMES:
        return re.compile(_BEFORE + body + _AFTER)
    plural = _WORD_PLURAL if text[-1].isalpha() else ""
    return re.compile(_BEFORE + body + plural + _AFTER, re.IGNORECASE)


@dataclass(frozen=True)
class _Candidate:
    pattern: re.Pattern[str]
    entry: int
    term: GlossaryTerm


class Matcher:
    """Finds glossary terms in text: looks up each word's candidates by the term's first
    word, then tries the longest term first (``Service request`` before ``Service``)."""

    def __init__(self, entries: Sequence[GlossaryEntry]) -> None:
        self.entries = tuple(entries)
        seen: set[str] = set()
        by_key: dict[str, list[_Candidate]] = {}
        for index, entry in enumerate(self.entries):
            for term in entry.terms:
                first = _TOKEN.match(term.text)
                if first is None or term.text.lower() in seen:
                    continue  # the first entry with a term keeps it (Sphinx warns of doubles)
                seen.add(term.text.lower())
                by_key.setdefault(first.group().lower(), []).append(
                    _Candidate(term_pattern(term.text), index, term)
                )
        self._by_key = by_key
        self._for_word: dict[str, tuple[_Candidate, ...]] = {}

    def candidates(self, word: str) -> tuple[_Candidate, ...]:
        """The terms that may start at ``word``, longest first."""
        known = self._for_word.get(word)
        if known is None:
            lower = word.lower()
            keys = {lower} | {lower[: -len(e)] for e in _ENDINGS if lower.endswith(e)}
            found = [c for key in keys for c in self._by_key.get(key, ())]
            known = tuple(sorted(found, key=lambda c: (-len(c.term.text), c.term.text)))
            self._for_word[word] = known
        return known

    def find(self, text: str, linked: Set[int]) -> Iterator[tuple[re.Match[str], _Candidate]]:
        """Each use in ``text`` of a term whose entry is not in ``linked`` (which the caller
        may add to as it goes). The use of an entry already linked is passed over whole:
        ``Incident management`` never yields its ``Incident``."""
        end = 0
        for token in _TOKEN.finditer(text):
            if token.start() < end:
                continue
            for candidate in self.candidates(token.group()):
                found = candidate.pattern.match(text, token.start())
                if found is not None:
                    end = found.end()
                    if candidate.entry not in linked:
                        yield found, candidate
                    break


@functools.lru_cache(maxsize=4)
def _matcher(entries: tuple[GlossaryEntry, ...]) -> Matcher:
    return Matcher(entries)


# --- linking a page -------------------------------------------------------------------------


def _table_text(tgroup: nodes.tgroup) -> Iterator[nodes.Text]:
    """A table's body text, without its stub columns (header cells, like its head)."""
    stubs = [bool(c.get("stub")) for c in tgroup.children if isinstance(c, nodes.colspec)]
    for part in tgroup.children:
        if isinstance(part, nodes.tbody):
            for row in part.children:
                column = 0
                for entry in row.children:
                    if not isinstance(entry, nodes.entry):
                        continue
                    if not (column < len(stubs) and stubs[column]):
                        yield from running_text(entry)
                    column += 1 + int(entry.get("morecols", 0))


def _apart(node: nodes.Element) -> bool:
    """Whether nothing inside ``node`` is running text a term may link from."""
    if isinstance(node, _NOT_RUNNING_TEXT):
        return True
    classes: set[str] = set(node.get("classes", ()))
    if classes & _NOT_RUNNING_CLASSES:
        return True
    # a card that is a link as a whole: a link inside it could not be followed
    return "sd-card" in classes and any(
        "sd-stretched-link" in r.get("classes", ()) for r in node.findall(nodes.reference)
    )


def running_text(node: nodes.Element) -> Iterator[nodes.Text]:
    """The text nodes under ``node`` a term may link from, in document order."""
    for child in node.children:
        if isinstance(child, nodes.Text):
            # MyST puts a Markdown table cell's text straight into the cell
            if isinstance(node, nodes.TextElement | nodes.Inline | nodes.entry):
                yield child
        elif isinstance(child, nodes.tgroup):
            yield from _table_text(child)
        elif isinstance(child, nodes.Element) and not _apart(child):
            yield from running_text(child)


def tooltip(definition: str) -> str:
    first = _SENTENCE_END.split(definition, maxsplit=1)[0]
    if len(first) > TOOLTIP_LENGTH:
        return first[:TOOLTIP_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return first if first == definition else f"{first} …"


def link_terms(
    document: nodes.Element, matcher: Matcher, uri: Callable[[GlossaryEntry, GlossaryTerm], str]
) -> int:
    """Link the first use of each glossary entry in ``document``; returns how many."""
    linked: set[int] = set()
    for text_node in list(running_text(document)):
        text = str(text_node)  # as the node holds it, so that the text shown stays the same
        pieces: list[nodes.Node] = []
        start = 0
        for found, candidate in matcher.find(text, linked):
            entry = matcher.entries[candidate.entry]
            linked.add(candidate.entry)
            if found.start() > start:
                pieces.append(nodes.Text(text[start : found.start()]))
            pieces.append(
                nodes.reference(
                    "",
                    "",
                    nodes.Text(found.group()),
                    internal=True,
                    refuri=uri(entry, candidate.term),
                    reftitle=tooltip(entry.definition),
                    classes=[LINK_CLASS],
                )
            )
            start = found.end()
        if not pieces:
            continue
        if start < len(text):
            pieces.append(nodes.Text(text[start:]))
        parent = text_node.parent
        assert parent is not None  # running_text yields only text inside an element
        # by identity: Text is a str, and an equal sibling would match list.index()
        at = next(i for i, child in enumerate(parent.children) if child is text_node)
        parent[at : at + 1] = pieces
    return len(linked)


class GlossaryLinks(SphinxPostTransform):
    """Links the first use of each glossary term on a page to its entry.

    Runs after references are resolved (priority 10–12) and ``only`` blocks are settled
    (50), before sphinx-design turns dropdowns and tabs into their HTML structure (199).
    """

    default_priority = 150
    builders = ("html", "dirhtml")

    def run(self, **kwargs: Any) -> None:
        docname = self.env.docname
        if docname in _stored(self.env):
            return  # a glossary's own page: its terms are right there
        entries = site_glossary(self.env)
        if not entries:
            return
        # The builder makes the link relative to this page, as Sphinx's own
        # ReferencesResolver does: Sphinx 9 offers a post-transform no public way to it.
        builder = self.env._app.builder

        def uri(entry: GlossaryEntry, term: GlossaryTerm) -> str:
            return f"{builder.get_relative_uri(docname, entry.docname)}#{term.anchor}"

        link_terms(self.document, _matcher(entries), uri)
