"""A page's markup without what nobody reads: at 1,000 workflows a site has some 2,400
pages holding some 200,000 links and 40,000 table cells.

- Links: Sphinx writes a link to another place of the handbook as
  ``<a class="reference internal" href="…"><span class="std std-ref">text</span></a>``; this
  translator writes ``<a href="…">text</a>`` (about 60 bytes less a link, a tenth of the
  site). Neither the class nor the span is looked at by a style or a script of the theme, of
  Sphinx or of ours, so the page shows and works the same. Kept as Sphinx writes them:
  links in a table of contents (the sidebar, a page's list of its parts), which the theme
  styles by ``.reference`` (``li.has-children > .reference``); a link's own classes
  (``usm-term`` for a glossary term, sphinx-design's ``sd-stretched-link``) and a link
  around an image (``image-reference``); links out of the handbook (``reference external``:
  the theme marks them with an icon).
- Paragraphs: a table cell or an item of a simple list holding one paragraph is written
  without the ``<p>`` around it, as docutils' HTML 4 writer did (its HTML 5 writer keeps it
  "to make the code simpler"). Sphinx's styles take the margins off a cell's first and last
  child, so a cell looks the same; an item of a simple list gets the margins the theme gives
  the paragraph (``usm.css``: ``.simple li``; a compact list is marked ``simple`` or sits
  in one).
- Table rows: without the ``row-odd`` and ``row-even`` classes, which no style looks at
  (the theme stripes tables by ``:nth-child``).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from usm_docgen import __version__

_XREF_CLASSES = frozenset({"xref", "std", "std-ref", "std-doc", "doc"})
"""The classes of the span Sphinx puts inside a cross-reference's link."""


def _plain(node: nodes.Element) -> bool:
    """Whether ``node`` is a link within the handbook written as plain ``<a href>``."""
    return (
        (bool(node.get("internal")) or "refuri" not in node)
        and isinstance(node.parent, nodes.TextElement)
        and not isinstance(node.parent, addnodes.compact_paragraph)
    )


def _xref_span(node: nodes.Element) -> bool:
    return (
        isinstance(node.parent, nodes.reference)
        and _plain(node.parent)
        and set(node.get("classes", [])) <= _XREF_CLASSES
        and not node.get("ids")
    )


class MarkupTranslator(HTML5Translator):
    """Sphinx's HTML translator, writing links and table cells plainly (see above)."""

    def visit_reference(self, node: nodes.Element) -> None:
        if not _plain(node):
            super().visit_reference(node)
            return
        atts: dict[str, Any] = {
            "href": node["refuri"] or "#" if "refuri" in node else "#" + node["refid"]
        }
        for key, attribute in (("reftitle", "title"), ("target", "target"), ("rel", "rel")):
            if key in node:
                atts[attribute] = node[key]
        self.body.append(self.starttag(node, "a", "", **atts))
        if node.get("secnumber"):
            numbers = ".".join(map(str, node["secnumber"]))
            self.body.append(f"{numbers}{self.secnumber_suffix}")

    def _bare(self, node: nodes.Element) -> bool:
        """Whether the paragraph ``node`` is all of its table cell or of its item of a simple
        list, with nothing of its own (no id, no class) that needs an element."""
        if node.get("ids") or node.get("classes") or len(node.parent) != 1:
            return False
        if isinstance(node.parent, nodes.entry):
            return True
        item = node.parent
        return isinstance(item, nodes.list_item) and bool(self.is_compactable(item.parent))

    def visit_paragraph(self, node: nodes.paragraph) -> None:
        if not self._bare(node):
            super().visit_paragraph(node)

    def depart_paragraph(self, node: nodes.paragraph) -> None:
        if not self._bare(node):
            super().depart_paragraph(node)

    def visit_row(self, node: nodes.Element) -> None:
        # Sphinx's, less the row-odd/row-even classes: no style looks at them
        self._table_row_indices[-1] += 1
        self.body.append(self.starttag(node, "tr", ""))
        node.column = 0  # type: ignore[attr-defined]

    def visit_inline(self, node: nodes.inline) -> None:
        if not _xref_span(node):
            super().visit_inline(node)

    def depart_inline(self, node: nodes.inline) -> None:
        if not _xref_span(node):
            super().depart_inline(node)


def setup(app: Sphinx) -> dict[str, Any]:
    # pydata-sphinx-theme adds its mixin to the translators registered here (builder-inited)
    for builder in ("html", "dirhtml", "singlehtml"):
        app.set_translator(builder, MarkupTranslator, override=True)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
