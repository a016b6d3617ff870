"""A folded block: ``<details><summary>`` and nothing more, for a quiz's answers.

sphinx-design's ``dropdown`` draws a card with an inline SVG chevron, about 900 bytes a fold;
a hand-out has eight answers and a handbook of 1,000 workflows a thousand hand-outs. This
fold is the browser's own: its marker, its keyboard handling (Enter and Space on the
summary), announced as a disclosure by screen readers. In a text build the summary is a line
and the content follows it.

    :::{usm-fold} Answer
    :class: usm-quiz-answer

    **b.** …
    :::
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from usm_docgen import __version__


class usm_fold(nodes.General, nodes.Element):
    """A ``details`` element: ``summary`` (plain text) and the body's nodes."""


class FoldDirective(Directive):
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        node = usm_fold(summary=self.arguments[0], classes=self.options.get("class", []))
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


def _visit_html(translator: HTML5Translator, node: usm_fold) -> None:
    classes = " ".join(node["classes"])
    attribute = f' class="{translator.attval(classes)}"' if classes else ""
    translator.body.append(
        f"<details{attribute}><summary>{translator.encode(node['summary'])}</summary>"
    )


def _depart_html(translator: HTML5Translator, node: usm_fold) -> None:
    translator.body.append("</details>\n")


def _visit_text(translator: Any, node: usm_fold) -> None:
    translator.new_state(0)
    translator.add_text(node["summary"])
    translator.end_state()


def _pass(translator: Any, node: usm_fold) -> None:
    pass


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(
        usm_fold,
        html=(_visit_html, _depart_html),
        text=(_visit_text, _pass),
        latex=(_pass, _pass),
        man=(_pass, _pass),
        texinfo=(_pass, _pass),
    )
    app.add_directive("usm-fold", FoldDirective)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
