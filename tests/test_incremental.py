"""Incremental equals fresh: a site rebuilt after edits that were undone is the fresh site."""

from __future__ import annotations

import json
import re
import zlib
from pathlib import Path
from typing import Any

import pytest

from usm_docgen.cli import main

pytestmark = pytest.mark.slow

# Nothing is left out of the comparison: every file of the published site (.buildinfo,
# objects.inv, searchindex.js, _sources/, _static/, the site marker) must be the same bytes.


def _build(root: Path, site: Path) -> None:
    assert main(["build", str(root), "--out", str(site)]) == 0


def _files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _first_difference(a: bytes, b: bytes) -> str:
    at = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    start = max(at - 60, 0)
    return f"at byte {at}: fresh {a[start : at + 60]!r}, rebuilt {b[start : at + 60]!r}"


def assert_same_site(fresh: Path, rebuilt: Path) -> None:
    """Both sites hold the same folders, and files with the same bytes; says where they
    differ (a folder a page was removed from goes too: a fresh build has none)."""
    folders = [{p.relative_to(s) for p in s.rglob("*") if p.is_dir()} for s in (fresh, rebuilt)]
    assert folders[0] == folders[1], (
        f"only fresh: {folders[0] - folders[1]}, only rebuilt: {folders[1] - folders[0]}"
    )
    a, b = _files(fresh), _files(rebuilt)
    assert a.keys() == b.keys(), (
        f"only fresh: {a.keys() - b.keys()}, only rebuilt: {b.keys() - a.keys()}"
    )
    differ = [name for name in a if a[name] != b[name]]
    assert not differ, (
        f"{differ} differ; {differ[0]} {_first_difference(a[differ[0]], b[differ[0]])}"
    )


def _search_index(site: Path) -> dict[str, Any]:
    text = (site / "searchindex.js").read_text("utf-8")
    assert text.startswith("Search.setIndex(") and text.endswith(")")
    index: dict[str, Any] = json.loads(text[len("Search.setIndex(") : -1])
    return index


def _glossary_terms(site: Path) -> set[str]:
    """The anchors of the glossary's terms, as its page shows them."""
    html = (site / "glossary.html").read_text("utf-8")
    return set(re.findall(r'<dt id="(term-[^"]+)"', html))


def _indexed_anchors(site: Path) -> set[str]:
    entries = _search_index(site)["indexentries"]
    return {anchor for places in entries.values() for _, anchor, _ in places}


def _assert_mermaid_url_has_its_checksum(site: Path) -> None:
    """Pages load Mermaid by a URL that changes with the bundle (no stale Mermaid from a
    browser's cache), the same whether a fresh build or a rebuild wrote the page."""
    served = (site / "_static" / "mermaid.min.js").read_bytes()
    script = f'<script src="../_static/mermaid.min.js?v={zlib.crc32(served):08x}"></script>'
    for workflow in ("uitvoeringsverzoek", "storing-zonder-wijziging"):
        assert script in (site / "workflows" / f"{workflow}.html").read_text("utf-8")


def test_a_rebuild_after_an_edit_and_its_undo_is_the_fresh_site(
    base_copy: Path, tmp_path: Path
) -> None:
    fresh, rebuilt = tmp_path / "fresh" / "site", tmp_path / "rebuilt" / "site"
    _build(base_copy, fresh)
    terms = _glossary_terms(fresh)
    assert len(terms) > 10 and terms <= _indexed_anchors(fresh)
    _assert_mermaid_url_has_its_checksum(fresh)

    _build(base_copy, rebuilt)
    _build(base_copy, rebuilt)  # nothing changed
    # Sphinx 9.0.4 alone drops every index entry here (sphinx-doc/sphinx#12599): search
    # would no longer find a glossary term.
    assert terms <= _indexed_anchors(rebuilt)
    assert_same_site(fresh, rebuilt)

    workflow = base_copy / "workflows" / "uitvoeringsverzoek.yaml"
    original = workflow.read_text("utf-8")
    workflow.write_text(original.replace("Werkzaamheden plannen", "Werk inplannen"), "utf-8")
    _build(base_copy, rebuilt)
    page = (rebuilt / "workflows" / "uitvoeringsverzoek.html").read_text("utf-8")
    assert "Werk inplannen" in page, "the edit reached the site"
    assert "inplan" in _search_index(rebuilt)["terms"]
    _assert_mermaid_url_has_its_checksum(rebuilt)

    workflow.write_text(original, "utf-8")
    _build(base_copy, rebuilt)
    # the step's old name is back, and its new one is no longer a term found on no page
    assert "inplan" not in _search_index(rebuilt)["terms"]
    assert terms <= _indexed_anchors(rebuilt)
    assert_same_site(fresh, rebuilt)


def test_a_workflow_added_and_removed_again_leaves_the_fresh_site(
    base_copy: Path, tmp_path: Path
) -> None:
    """Adding a page rewrites every page (their navigation lists it); removing it, again."""
    fresh, rebuilt = tmp_path / "fresh" / "site", tmp_path / "rebuilt" / "site"
    _build(base_copy, fresh)
    _build(base_copy, rebuilt)
    assert main(["new", "workflow", "--template", "5", "--id", "extra-verzoek",
                 "--root", str(base_copy)]) == 0  # fmt: skip
    _build(base_copy, rebuilt)
    assert (rebuilt / "workflows" / "extra-verzoek.html").is_file()
    (base_copy / "workflows" / "extra-verzoek.yaml").unlink()
    _build(base_copy, rebuilt)
    assert_same_site(fresh, rebuilt)
