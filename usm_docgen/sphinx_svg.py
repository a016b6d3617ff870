"""The ``usm-svg`` directive: a chart drawn by usm-docgen, inline in the page, sanitised."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator

from usm_docgen import __version__
from usm_docgen.charts import sanitize_svg


class usm_svg(nodes.General, nodes.Element):
    """An inline SVG chart; its markup is in ``node["svg"]``, already sanitised."""


class SvgDirective(SphinxDirective):
    """The body is an SVG chart (usm_docgen.charts): only what a chart of ours uses gets
    through (see :func:`usm_docgen.charts.sanitize_svg`); anything else is an error at its
    line and the chart is left out, whoever wrote it (a hand-written page too)."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        try:
            svg = sanitize_svg("\n".join(self.content))
        except ValueError as exc:
            message = self.state.document.reporter.error(f"usm-svg: {exc}", line=self.lineno)
            return [message]
        return [usm_svg(svg=svg)]


def _visit_html(translator: HTML5Translator, node: usm_svg) -> None:
    translator.body.append(f'<div class="usm-chart-box">{node["svg"]}</div>')
    raise nodes.SkipNode


def _skip(translator: Any, node: usm_svg) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(
        usm_svg,
        html=(_visit_html, None),
        latex=(_skip, None),
        text=(_skip, None),
        man=(_skip, None),
        texinfo=(_skip, None),
    )
    app.add_directive("usm-svg", SvgDirective)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
