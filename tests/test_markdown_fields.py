"""Markdown fields are untrusted: checked at their YAML line, rendered alone, refused again at
build time when validation is bypassed, and nothing they name leaves the handbook root."""

from __future__ import annotations

import contextlib
import http.server
import re
import threading
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docutils import nodes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import hashes
from usm_docgen import catalog, markdown_check
from usm_docgen.cli import main

SENTINEL = "SENTINEL-3c9e1f-not-for-the-site"
FIND = "purpose: Een verstoring van de baliewerkplek zo snel mogelijk verhelpen.\n"
WORKFLOW = "workflows/storing-zonder-wijziging.yaml"


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        body = f"{SENTINEL},from-the-network\n".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def recording_server() -> Iterator[tuple[str, list[str]]]:
    """A local server that records every request it gets (none must come)."""
    seen: list[str] = []
    handler = type("Handler", (_Recorder,), {"requests": seen})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _purpose(root: Path, text: str) -> None:
    """Make the workflow's purpose a ``|`` block holding ``text`` from line 11 on."""
    path = root / WORKFLOW
    block = "".join(f"  {line}\n" if line else "\n" for line in text.split("\n"))
    path.write_text(path.read_text("utf-8").replace(FIND, "purpose: |\n" + block), "utf-8")


def _payloads(url: str, secret: Path) -> str:
    """One of every way a field reached a file, a URL or a script (issue 7's list)."""
    rel = "../" * 8 + str(secret).lstrip("/")
    return "\n".join(
        [
            "Tekst.",
            "",
            f"```{{include}} {secret}",
            "```",
            "",
            f"~~~{{literalinclude}} {rel}",
            "~~~",
            "",
            f":::{{include}} {secret}",
            ":::",
            "",
            "```{raw} html",
            f":file: {secret}",
            "```",
            "",
            "```{csv-table}",
            f":url: {url}table.csv",
            "```",
            "",
            "```{raw} html",
            f":url: {url}raw.html",
            "```",
            "",
            "```{eval-rst}",
            f".. include:: {secret}",
            "```",
            "",
            f"```{{mermaid}} {secret}",
            "```",
            "",
            "```{button-link} javascript:alert(1)",
            "Klik",
            "```",
            "",
            f"Zie {{download}}`x <{rel}>`, [y]({rel}) en ![z]({rel}).",
            "",
            f"![extern]({url}logo.png) en [j](javascript:alert(1)).",
            "",
            "# Kop",
        ]
    )


def _everything(root: Path) -> str:
    """Every byte under ``root`` (the published site and the work folder beside it)."""
    return "".join(
        p.read_bytes().decode("utf-8", "replace") for p in root.rglob("*") if p.is_file()
    )


@pytest.mark.slow
@pytest.mark.parametrize("bypass", [False, True], ids=["validated", "validation-bypassed"])
def test_every_payload_together_reads_fetches_and_publishes_nothing(
    base_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    bypass: bool,
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(f"{SENTINEL}\n", "utf-8")
    out = tmp_path / "out" / "html"
    assert main(["build", str(base_copy), "--out", str(out)]) == 0
    published = hashes(out)
    with recording_server() as (url, requests):
        _purpose(base_copy, _payloads(url, secret))
        if bypass:  # the build's own defence must hold when validation lets it all through
            lenient = types.SimpleNamespace(**vars(markdown_check))
            lenient.check = lambda *a: []
            monkeypatch.setattr(catalog, "markdown_check", lenient)
        code = main(["build", str(base_copy), "--out", str(out)])
    printed = capsys.readouterr()
    assert code == 1
    assert requests == []
    assert SENTINEL not in _everything(tmp_path / "out")
    assert hashes(out) == published  # the last good site, untouched
    text = re.sub(r"\x1b\[[0-9;]*m", "", printed.out + printed.err)
    workflow = str(base_copy / WORKFLOW)
    expected = {
        (13, "md-directive"),
        (16, "md-directive"),
        (19, "md-directive"),
        (22, "md-directive"),
        (26, "md-directive"),
        (30, "md-directive"),
        (34, "md-eval-rst"),
        (38, "md-directive"),
        (41, "md-directive"),
        (45, "md-role"),
        (45, "md-link-outside"),
        (45, "md-image"),
        (47, "md-image"),
        (47, "unsafe-link"),
        (49, "md-heading"),
    }
    found = {
        (int(m.group(1)), m.group(2))
        for m in re.finditer(
            rf"^{re.escape(workflow)}:(\d+):\d+: (?:error|ERROR): .*\[usm\.([a-z-]+)\]$",
            text,
            re.MULTILINE,
        )
    }
    assert found == expected, text


@pytest.mark.slow
def test_a_field_is_parsed_alone_and_links_images_stay_in_the_site(
    base_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With every check switched off, an unclosed fence still ends with its field: the
    sections after it are on the page. A relative link is a path from the site's root; an
    image inside the root is published with the site."""
    (base_copy / "afbeeldingen").mkdir()
    (base_copy / "afbeeldingen" / "schema.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>', "utf-8"
    )
    _purpose(
        base_copy,
        "Zie [het register](register.html#top) en ![schema](afbeeldingen/schema.svg).\n\n"
        "```text\nniet gesloten",
    )
    monkeypatch.setattr(markdown_check, "check", lambda *a: [])
    out = tmp_path / "site"
    assert main(["build", str(base_copy), "--out", str(out)]) == 0
    html = (out / "workflows" / "storing-zonder-wijziging.html").read_text("utf-8")
    assert 'href="../register.html#top"' in html
    assert re.search(r'<img alt="schema" src="\.\./_images/schema[^"]*\.svg"', html)
    assert list((out / "_images").glob("schema*.svg"))
    assert 'id="verloop"' in html and 'id="stappen"' in html  # still sections after it


@pytest.mark.slow
def test_a_warning_about_a_field_points_at_its_yaml_line(
    base_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A warning docutils raises inside a field names the YAML file and line, never the
    private copy in ``.usm-work``."""
    _purpose(base_copy, "Tekst.\n\n```{nosuchdirective}\nx\n```")
    monkeypatch.setattr(markdown_check, "check", lambda *a: [])
    assert main(["build", str(base_copy), "--out", str(tmp_path / "site")]) == 0
    err = capsys.readouterr().err
    assert f"{base_copy / WORKFLOW}:13:3: WARNING: Unknown directive type" in err
    assert ".usm-work" not in err


# --- the check, property-based -------------------------------------------------------------

_FRAGMENTS = [
    "Tekst",
    "met *nadruk*",
    "`code`",
    "`{role}`x``",
    "{download}`a <../s.txt>`",
    "{ref}`doel`",
    "```",
    "```{include} /etc/passwd",
    "```text",
    "~~~",
    "~~~{literalinclude} ../x",
    ":::",
    ":::{note}",
    "```{eval-rst}",
    ".. include:: /etc/passwd",
    ":file: /etc/passwd",
    "# Kop",
    "## Kop",
    "Titel\n---",
    "Titel\n===",
    "(doel)=",
    "[a](https://example.org)",
    "[b](javascript:alert(1))",
    "[c](../../geheim.txt)",
    "[d](/etc/passwd)",
    "[e](#anker)",
    "[f](pagina.html)",
    "![g](https://example.org/x.png)",
    "![h](plaatje.png)",
    "<https://example.org>",
    "<javascript:alert(1)>",
    "[r]: https://example.org",
    "[s]: javascript:alert(1)",
    "[t][r]",
    "[^1]",
    "[^1]: noot",
    "{#id}",
    "[u]{.klasse}",
    "- item",
    "1. item",
    "> citaat",
    "    ingesprongen",
    "| a | b |\n| - | - |\n| 1 | 2 |",
    "---",
    "+++",
    "% commentaar",
]
_SAFE_SCHEMES = ("http:", "https:", "mailto:")
_ALLOWED = (
    nodes.document,
    nodes.Text,
    nodes.paragraph,
    nodes.emphasis,
    nodes.strong,
    nodes.literal,
    nodes.literal_block,
    nodes.bullet_list,
    nodes.enumerated_list,
    nodes.list_item,
    nodes.block_quote,
    nodes.reference,
    nodes.image,
    nodes.table,
    nodes.tgroup,
    nodes.colspec,
    nodes.thead,
    nodes.tbody,
    nodes.row,
    nodes.entry,
    nodes.transition,
    nodes.comment,
    nodes.definition_list,
    nodes.definition_list_item,
    nodes.term,
    nodes.definition,
)


def _doctree(text: str) -> nodes.document:
    from docutils.core import publish_doctree
    from myst_parser.parsers.docutils_ import Parser

    return publish_doctree(
        text,
        parser=Parser(),
        settings_overrides={
            "myst_enable_extensions": list(markdown_check.MYST_EXTENSIONS),
            "myst_all_links_external": True,
            "file_insertion_enabled": False,
            "raw_enabled": False,
            "report_level": 5,
            "halt_level": 5,
        },
    )


# myst-parser's plain-docutils parser still calls traverse(); not ours to fix
@pytest.mark.filterwarnings("ignore:nodes.Node.traverse:DeprecationWarning")
@settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(st.sampled_from(_FRAGMENTS), st.sampled_from([" ", "\n", "\n\n"])),
        min_size=1,
        max_size=8,
    )
)
def test_clean_fields_yield_only_commonmark_and_refusals_stay_in_the_field(
    parts: list[tuple[str, str]],
) -> None:
    text = "".join(fragment + gap for fragment, gap in parts)
    problems = markdown_check.check(text, "purpose", lambda rel: rel == "plaatje.png")
    if problems:
        lines = text.count("\n") + 1
        assert all(0 <= p.line < lines and p.column >= 0 for p in problems), problems
        return
    for node in _doctree(text).findall():
        assert isinstance(node, _ALLOWED), (text, node)
        if isinstance(node, nodes.reference):
            uri = node.get("refuri", "")
            assert uri.startswith(_SAFE_SCHEMES) or not re.match(r"^[\w+.-]+:", uri), text
            assert not uri.startswith("/") and ".." not in uri.split("/"), text
        if isinstance(node, nodes.image):
            assert node["uri"] == "plaatje.png", text
