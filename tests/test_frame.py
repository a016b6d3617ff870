"""The frame around every page stays light: no search index outside the search page, no
indentation written 2,900 times, and whitespace that is content left alone."""

from __future__ import annotations

import re

from tests.conftest import Site
from usm_docgen.sphinx_frame import tidy


def test_tidy_drops_indentation_and_blank_lines_but_keeps_preformatted_text() -> None:
    page = (
        "<html>\n  <body>\n\n    <p>a\n      b</p>\n"
        '<pre class="mermaid">\n  graph TD\n    a --> b\n\n</pre>\n'
        "  <script>\n  const s = `x\n    y`;\n</script>\n"
        "  <style>\n  p { color: red; }\n</style>\n"
        "  <TEXTAREA>\n  kept\n</TEXTAREA>\n  </body>\n</html>\n"
    )
    assert tidy(page) == (
        "<html>\n<body>\n<p>a\nb</p>\n"
        '<pre class="mermaid">\n  graph TD\n    a --> b\n\n</pre>\n'
        "<script>\n  const s = `x\n    y`;\n</script>\n"
        "<style>\n  p { color: red; }\n</style>\n"
        "<TEXTAREA>\n  kept\n</TEXTAREA>\n</body>\n</html>\n"
    )


def test_only_the_search_page_loads_the_search_index(example_site: Site) -> None:
    for rel in example_site.pages():
        html = (example_site.out / rel).read_text("utf-8")
        loads = "searchindex.js" in html and "searchtools.js" in html
        assert loads == (rel == "search.html"), rel
        assert "ethical-ad-placement" not in html, rel
        frame = re.sub(r"(?s)<(script|style)\b.*?</\1>", "", html.split("<main", 1)[0])
        assert "\n  " not in frame, f"{rel}: indented frame"


def test_diagram_source_is_written_as_rendered(example_site: Site) -> None:
    """The Mermaid source keeps its lines and indentation (Mermaid reads them)."""
    html = (example_site.out / "model.html").read_text("utf-8")
    source = html.split('<pre  class="mermaid">', 1)[1].split("</pre>", 1)[0]
    assert "\n  " in source, "indented diagram lines are left alone"
