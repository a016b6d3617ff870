"""Hand-written pages under handbook/: nothing from outside the root, no URL, no code.

Every way a page could read a file outside the handbook root, fetch a URL, run code or make
the site load something from elsewhere gets a page of its own in one handbook; the build
fails naming each page and line, and no byte of what lies outside reaches the work folder or
the site. A second handbook uses the same directives on files inside the root, and builds.
"""

from __future__ import annotations

import base64
import contextlib
import http.server
import io
import os
import re
import shutil
import threading
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sphinx.util.logging  # noqa: F401  (sphinx.ext.mathjax uses it without importing it)
from docutils.parsers.rst.directives.misc import Include
from sphinx.ext.mathjax import MATHJAX_URL

from tests.conftest import BASE
from usm_docgen import build
from usm_docgen.cli import main

pytestmark = pytest.mark.slow

SENTINEL = "usm-sentinel-5c0e9b27-outside-the-root"
TOKEN = "usm-sentinel-ghp-token-in-git-config"
# A 1×1 PNG, so that images inside the root are real images.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"
)
OUTSIDE = "outside the handbook root"
RAW_HTML = (
    "raw HTML may mark up text, lists, tables and images of the handbook (see 'Raw HTML in "
    "a page' in the format reference)"
)


@dataclass(frozen=True)
class Case:
    """A hand-written page, the line the build must name, and what it must say there."""

    page: str
    line: int
    message: str


def _shown(value: str) -> str:
    """A value as messages show it: at most 80 characters, cut with an ellipsis (the escape
    out of docutils' folder is as long as the path of the virtualenv makes it)."""
    return value if len(value) <= 80 else value[:79] + "…"


def _cases(url: str, standard_escape: str) -> dict[str, Case]:
    """Page name -> case. ``url`` is a local server's; ``standard_escape`` climbs out of
    docutils' standard include folder to the sentinel."""
    fence = "```"
    return {
        # files outside the root, in Markdown
        "include-backtick": Case(
            f"{fence}{{include}} ../../secret.txt\n{fence}",
            3,
            f"'{{include}}' reads '../../secret.txt', {OUTSIDE}",
        ),
        "include-tilde": Case(
            "~~~{include} ../../secret.txt\n~~~",
            3,
            f"'{{include}}' reads '../../secret.txt', {OUTSIDE}",
        ),
        "include-colon": Case(
            ":::{include} ../../secret.txt\n:::",
            3,
            f"'{{include}}' reads '../../secret.txt', {OUTSIDE}",
        ),
        "include-absolute-up": Case(
            f"{fence}{{include}} /../../secret.txt\n{fence}",
            3,
            f"'{{include}}' reads '/../../secret.txt', {OUTSIDE}",
        ),
        "include-absolute": Case(
            f"{fence}{{include}} /etc/passwd\n{fence}",
            3,
            "'{include}' reads '/etc/passwd', no file of handbook/ (a path that starts with '/' "
            "is read from there)",
        ),
        "include-standard-escape": Case(
            f"{fence}{{include}} <{standard_escape}>\n{fence}",
            3,
            f"'{{include}}' reads '{_shown(f'<{standard_escape}>')}', {OUTSIDE}",
        ),
        "include-symlink": Case(
            f"{fence}{{include}} ../docs/link.txt\n{fence}",
            3,
            f"'{{include}}' reads '../docs/link.txt', {OUTSIDE}",
        ),
        "include-in-admonition": Case(
            f"````{{note}}\nNested:\n\n{fence}{{include}} ../../secret.txt\n{fence}\n````",
            6,
            f"'{{include}}' reads '../../secret.txt', {OUTSIDE}",
        ),
        "literalinclude": Case(
            f"{fence}{{literalinclude}} ../../secret.txt\n{fence}",
            3,
            f"'{{literalinclude}}' reads '../../secret.txt', {OUTSIDE}",
        ),
        "literalinclude-absolute": Case(
            f"{fence}{{literalinclude}} /../../secret.txt\n{fence}",
            3,
            f"'{{literalinclude}}' reads '/../../secret.txt', {OUTSIDE}",
        ),
        "literalinclude-diff": Case(
            f"{fence}{{literalinclude}} ok.txt\n:diff: ../../secret.txt\n{fence}",
            3,
            f"'{{literalinclude}}' option ':diff:' reads '../../secret.txt', {OUTSIDE}",
        ),
        "literalinclude-git": Case(
            f"{fence}{{literalinclude}} ../.git/config\n{fence}",
            3,
            "'{literalinclude}' reads '../.git/config', in the hidden '.git' of the handbook "
            "root, which may hold credentials",
        ),
        "raw-file": Case(
            f"{fence}{{raw}} html\n:file: ../../secret.txt\n{fence}",
            3,
            f"'{{raw}}' option ':file:' reads '../../secret.txt', {OUTSIDE}",
        ),
        "csv-table-file": Case(
            f"{fence}{{csv-table}}\n:file: /../../secret.txt\n{fence}",
            3,
            f"'{{csv-table}}' option ':file:' reads '/../../secret.txt', {OUTSIDE}",
        ),
        "mermaid-file": Case(
            f"{fence}{{mermaid}} ../../secret.txt\n{fence}",
            3,
            f"'{{mermaid}}' reads '../../secret.txt', {OUTSIDE}",
        ),
        "download-role": Case(
            "Get {download}`this <../../secret.txt>`.",
            3,
            f"download link to '../../secret.txt' copies a file into the site; it is {OUTSIDE}",
        ),
        "link-to-file": Case(
            "A [plain link](../../secret.txt).",
            3,
            f"link to '../../secret.txt' copies a file into the site; it is {OUTSIDE}",
        ),
        "image-markdown": Case(
            "![x](../../secret.png)", 3, f"image '../../secret.png' is {OUTSIDE}"
        ),
        "image-directive": Case(
            f"{fence}{{image}} ../../secret.png\n{fence}",
            3,
            f"image '../../secret.png' is {OUTSIDE}",
        ),
        "figure": Case(
            f"{fence}{{figure}} ../../secret.png\nA caption.\n{fence}",
            3,
            f"'{{figure}}' reads '../../secret.png', {OUTSIDE}",
        ),
        # the same, in reStructuredText inside {eval-rst}
        "eval-rst-include": Case(
            f"{fence}{{eval-rst}}\nText.\n\n.. include:: ../../secret.txt\n{fence}",
            6,
            f"'.. include::' reads '../../secret.txt', {OUTSIDE}",
        ),
        "eval-rst-literalinclude": Case(
            f"{fence}{{eval-rst}}\n.. literalinclude:: /../../secret.txt\n{fence}",
            4,
            f"'.. literalinclude::' reads '/../../secret.txt', {OUTSIDE}",
        ),
        "eval-rst-raw": Case(
            f"{fence}{{eval-rst}}\n.. raw:: html\n   :file: ../../secret.txt\n{fence}",
            4,
            f"'.. raw::' option ':file:' reads '../../secret.txt', {OUTSIDE}",
        ),
        "eval-rst-csv-table": Case(
            f"{fence}{{eval-rst}}\n.. csv-table:: t\n   :file: ../../secret.txt\n{fence}",
            4,
            f"'.. csv-table::' option ':file:' reads '../../secret.txt', {OUTSIDE}",
        ),
        "eval-rst-image": Case(
            f"{fence}{{eval-rst}}\n.. image:: ../../secret.png\n{fence}",
            4,
            f"image '../../secret.png' is {OUTSIDE}",
        ),
        "eval-rst-download": Case(
            f"{fence}{{eval-rst}}\nGet :download:`this <../../secret.txt>`.\n{fence}",
            4,
            f"download link to '../../secret.txt' copies a file into the site; it is {OUTSIDE}",
        ),
        # URLs: no directive fetches one
        "csv-table-url": Case(
            f"{fence}{{csv-table}}\n:url: {url}table.csv\n{fence}",
            3,
            f"'{{csv-table}}' option ':url:' fetches '{url}table.csv' while building; no page "
            "may fetch a URL (link to it instead)",
        ),
        "raw-url": Case(
            f"{fence}{{raw}} html\n:url: {url}raw.html\n{fence}",
            3,
            f"'{{raw}}' option ':url:' fetches '{url}raw.html' while building; no page may "
            "fetch a URL (link to it instead)",
        ),
        "eval-rst-csv-table-url": Case(
            f"{fence}{{eval-rst}}\n.. csv-table:: t\n   :url: {url}rst.csv\n{fence}",
            4,
            f"'.. csv-table::' option ':url:' fetches '{url}rst.csv' while building; no page "
            "may fetch a URL (link to it instead)",
        ),
        # nothing loaded from elsewhere by the site
        "remote-image-markdown": Case(
            "![x](https://example.org/x.png)",
            3,
            "image 'https://example.org/x.png' is loaded from elsewhere; the site shows only "
            "images from the handbook root",
        ),
        "remote-image-directive": Case(
            f"{fence}{{image}} //example.org/x.png\n{fence}",
            3,
            "image '//example.org/x.png' is loaded from elsewhere; the site shows only images "
            "from the handbook root",
        ),
        "remote-figure": Case(
            f"{fence}{{figure}} https://example.org/x.png\n{fence}",
            3,
            "'{figure}' shows 'https://example.org/x.png' from elsewhere; the site shows only "
            "images from the handbook root",
        ),
        "remote-card-image": Case(
            ":::{card} Title\n:img-top: https://example.org/card.png\n\nBody.\n:::",
            3,
            "image 'https://example.org/card.png' is loaded from elsewhere; the site shows only "
            "images from the handbook root",
        ),
        "remote-raw-html-image": Case(
            '<img src="https://example.org/raw.png" alt="x">',
            3,
            "raw HTML loads 'https://example.org/raw.png' from elsewhere; the site never loads "
            "anything from elsewhere",
        ),
        "remote-raw-html-stylesheet": Case(
            '<link rel="stylesheet" href="https://example.org/s.css">',
            3,
            "raw HTML loads 'https://example.org/s.css' from elsewhere; the site never loads "
            "anything from elsewhere",
        ),
        # raw HTML runs nothing: a short list of tags and attributes that mark up text
        "raw-html-script": Case(
            "<script>alert(document.cookie)</script>",
            3,
            f"raw HTML <script> is not allowed in a page; {RAW_HTML}",
        ),
        "raw-html-script-in-a-line": Case(
            "Text <script>alert(1)</script> in a paragraph.",
            3,
            f"raw HTML <script> is not allowed in a page; {RAW_HTML}",
        ),
        "raw-html-script-directive": Case(
            f"{fence}{{raw}} html\n<p>a</p><script>alert(1)</script>\n{fence}",
            3,
            f"raw HTML <script> is not allowed in a page; {RAW_HTML}",
        ),
        "raw-html-script-eval-rst": Case(
            f"{fence}{{eval-rst}}\n.. raw:: html\n\n   <script>alert(1)</script>\n{fence}",
            4,
            f"raw HTML <script> is not allowed in a page; {RAW_HTML}",
        ),
        "raw-html-event": Case(
            '<img src="ok.png" alt="x" onerror="alert(1)">',
            3,
            "raw HTML attribute 'onerror' of <img> runs code; no page may run code",
        ),
        "raw-html-event-upper-case": Case(
            "Hover <SPAN ONMOUSEOVER=alert(1)>here</SPAN>.",
            3,
            "raw HTML attribute 'onmouseover' of <span> runs code; no page may run code",
        ),
        "raw-html-javascript-link": Case(
            '<a href="&#106;ava&#x09;script:alert(1)">click</a>',
            3,
            "raw HTML href='javascript:alert(1)' of <a> is neither a page, a file nor an "
            "http(s), mailto or tel address; no link may run code",
        ),
        "raw-html-data-link": Case(
            '<a href="data:text/html;base64,PHNjcmlwdD4=">click</a>',
            3,
            "raw HTML href='data:text/html;base64,PHNjcmlwdD4=' of <a> is neither a page, a "
            "file nor an http(s), mailto or tel address; no link may run code",
        ),
        "raw-html-svg": Case(
            '<svg onload="alert(1)"></svg>',
            3,
            f"raw HTML <svg> is not allowed in a page; {RAW_HTML}",
        ),
        "raw-html-iframe": Case(
            '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
            3,
            f"raw HTML <iframe> is not allowed in a page; {RAW_HTML}",
        ),
        "raw-html-style": Case(
            "<style>body { display: none }</style>",
            3,
            f"raw HTML <style> is not allowed in a page; {RAW_HTML}",
        ),
        "raw-html-theme-data": Case(
            '<div data-bs-toggle="modal" data-bs-target="#pst-search-dialog">x</div>',
            3,
            f"raw HTML attribute 'data-bs-toggle' is not allowed on <div>; {RAW_HTML}",
        ),
        "raw-html-unfinished": Case(
            f'{fence}{{raw}} html\n<img src="ok.png" alt="x" onerror=alert(1)\n{fence}',
            3,
            'raw HTML ends in an unfinished tag \'<img src="ok.png" alt="x" '
            "onerror=alert(1)'; finish it, or write &lt; for a '<' that is text",
        ),
        "math-from-cdn": Case(
            "Pythagoras: {math}`a^2 + b^2 = c^2`.",
            3,
            f"math needs MathJax, which the site would load from '{MATHJAX_URL}'; leave the "
            "math out, or serve MathJax from the site (mathjax_path in handbook/conf.py)",
        ),
        # nothing an author wrote runs
        "autoclasstree": Case(
            f"{fence}{{autoclasstree}} os\n{fence}",
            3,
            "'{autoclasstree}' imports the Python modules it names while building; no page may "
            "run code",
        ),
        "include-parser": Case(
            f"{fence}{{include}} ok.txt\n:parser: rst\n{fence}",
            3,
            "'{include}' option ':parser:' imports the Python module it names; leave it out",
        ),
    }


FRONT_MATTER_PAGE = """\
---
myst:
  enable_extensions: [substitution]
---
# Front matter

{{ env.srcdir.joinpath("../../secret.txt").read_text() }}
"""


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"a,b\n1,2\n")

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def recording_server() -> Iterator[tuple[str, list[str]]]:
    """An http server on 127.0.0.1 that records every request; yields its URL and the list."""
    requests: list[str] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _handbook(folder: Path) -> Path:
    """A copy of tests/base at ``folder/hb``, with a sentinel file beside it (outside)."""
    root = folder / "hb"
    shutil.copytree(BASE, root)
    (folder / "secret.txt").write_text(f"{SENTINEL}\n", encoding="utf-8")
    (folder / "secret.png").write_bytes(PNG + SENTINEL.encode())
    return root


def _sentinels_in(folder: Path) -> list[str]:
    """Files under ``folder`` holding a sentinel's bytes."""
    needles = (SENTINEL.encode(), TOKEN.encode())
    return sorted(
        str(p)
        for p in folder.rglob("*")
        if p.is_file() and any(n in p.read_bytes() for n in needles)
    )


@dataclass(frozen=True)
class Refused:
    root: Path
    out: Path
    code: int
    err: str
    requests: list[str]
    cases: dict[str, Case]
    url: str


@pytest.fixture(scope="module")
def refused(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Refused]:
    """One handbook, one page per way out, built once (not strict)."""
    folder = tmp_path_factory.mktemp("refused")
    root = _handbook(folder)
    pages = root / "handbook"
    pages.mkdir()
    (pages / "ok.txt").write_text("inside\n", encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "link.txt").symlink_to(folder / "secret.txt")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text(f"[http]\n\textraheader = {TOKEN}\n", "utf-8")
    standard = Path(Include.standard_include_path).resolve()
    escape = os.path.relpath(folder / "secret.txt", standard)
    with recording_server() as (url, requests):
        cases = _cases(url, escape)
        for name, case in cases.items():
            (pages / f"{name}.md").write_text(f"# {name}\n\n{case.page}\n", encoding="utf-8")
        (pages / "front-matter.md").write_text(FRONT_MATTER_PAGE, encoding="utf-8")
        out, err = folder / "out", io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["build", str(root), "--out", str(out)])
        yield Refused(root, out, code, err.getvalue(), list(requests), cases, url)


def _lines(err: str) -> list[str]:
    """Sphinx's messages, one a line, without the terminal colours it may add."""
    return re.sub(r"\x1b\[[0-9;]*m", "", err).splitlines()


def _line(root: Path, page: str, line: int, message: str) -> str:
    return f"{root.resolve()}/handbook/{page}.md:{line}: ERROR: {message} [usm.unsafe-page]"


def test_a_plain_build_with_unsafe_pages_fails_and_publishes_nothing(refused: Refused) -> None:
    assert refused.code == 1, refused.err
    assert "the Sphinx build failed; the published site" in refused.err
    assert not refused.out.exists()


@pytest.mark.parametrize("name", list(_cases("http://127.0.0.1:1/", "x")), ids=str)
def test_each_way_out_is_refused_with_its_page_and_line(refused: Refused, name: str) -> None:
    case = refused.cases[name]
    assert _line(refused.root, name, case.line, case.message) in _lines(refused.err)


def test_front_matter_may_not_switch_on_substitutions(refused: Refused) -> None:
    message = (
        "front matter switches on MyST's 'substitution' syntax, which evaluates expressions "
        "with access to the build; no page may run code"
    )
    assert _line(refused.root, "front-matter", 3, message) in _lines(refused.err)


def test_every_message_names_the_page_under_handbook_never_the_work_copy(
    refused: Refused,
) -> None:
    lines = [line for line in _lines(refused.err) if "[usm.unsafe-page]" in line]
    assert len(lines) == len(refused.cases) + 1  # each page once, front matter included
    assert all(line.startswith(f"{refused.root.resolve()}/handbook/") for line in lines)
    assert ".usm-work" not in refused.err


def test_no_byte_from_outside_the_root_reaches_the_work_folder_or_the_site(
    refused: Refused,
) -> None:
    work = refused.out.parent / f".{refused.out.name}.usm-work"
    assert (work / "src" / "include-backtick.md").is_file()  # the build did run there
    assert _sentinels_in(work) == []
    assert not refused.out.exists() or _sentinels_in(refused.out) == []


def test_no_directive_fetched_a_url(refused: Refused) -> None:
    assert refused.requests == []
    # the server does record a request: the list above could have filled
    with urllib.request.urlopen(f"{refused.url}probe") as response:
        assert response.status == 200


def test_a_strict_build_fails_too(
    base_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (base_copy / "handbook").mkdir()
    (base_copy / "handbook" / "pagina.md").write_text(
        "# Pagina\n\n```{include} ../../../etc/passwd\n```\n", encoding="utf-8"
    )
    assert main(["build", str(base_copy), "--out", str(tmp_path / "out"), "--strict"]) == 1
    message = f"'{{include}}' reads '../../../etc/passwd', {OUTSIDE}"
    assert _line(base_copy, "pagina", 3, message) in _lines(capsys.readouterr().err)


def test_a_page_not_read_again_still_fails_the_build(
    base_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sphinx keeps the refusals of a page with the page: a rebuild that does not read the
    page again (a live preview keeps its environment) fails as well, and says why."""
    pages = base_copy / "handbook"
    pages.mkdir()
    (pages / "pagina.md").write_text(
        "# Pagina\n\n```{literalinclude} ../../secret.txt\n```\n", encoding="utf-8"
    )
    (tmp_path / "secret.txt").write_text(f"{SENTINEL}\n", encoding="utf-8")
    work = tmp_path / "work"
    read: list[str] = []

    def watch(app: Any) -> None:
        app.connect("env-before-read-docs", lambda _app, _env, docs: read.extend(docs))

    assert build.run_sphinx(base_copy, work, pages, strict=False) == 1
    capsys.readouterr()
    assert build.run_sphinx(base_copy, work, pages, strict=False, on_app=watch) == 1
    assert "pagina" not in read
    message = f"'{{literalinclude}}' reads '../../secret.txt', {OUTSIDE}"
    assert _line(base_copy, "pagina", 3, message) in _lines(capsys.readouterr().err)
    assert _sentinels_in(work) == []


# --- inside the root: the same directives build, reading from the page under handbook/ ----------


INSIDE_PAGE = """\
# Pagina

```{literalinclude} ../conf/scope.yaml
:lines: 1
```

```{include} ../docs/part.md
:relative-images:
```

:::{include} snippets/snippet.md
:::

```{include} /snippets/snippet.md
```

![logo](../docs/logo.png)

```{image} img/in-handbook.png
```

[the scope](../conf/scope.yaml) and {download}`the notes <../docs/notes.txt>`.

```{csv-table}
:file: ../docs/table.csv
```

```{mermaid} ../docs/flow.mmd
```

```{eval-rst}
.. include:: ../docs/part.rst

.. raw:: html
   :file: ../docs/raw.html
```

Press <kbd>Ctrl</kbd>, see <a href="https://example.org/" target="_blank">the site</a>.

<details open><summary>ALLOWED-DETAILS</summary>

<p style="color: #036">Body <sup>1</sup>, <img src="data:image/png;base64,iVBORw0K" alt="dot">.</p>

</details>
"""


@pytest.fixture(scope="module")
def inside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A handbook whose page uses files inside the root only, built strictly; its site."""
    folder = tmp_path_factory.mktemp("inside")
    root = _handbook(folder)
    files = {
        "handbook/pagina.md": INSIDE_PAGE,
        "handbook/snippets/snippet.md": "From the INCLUDED-SNIPPET.\n",
        "docs/part.md": "The INCLUDED-PART, with ![its picture](part.png)\n",
        "docs/part.rst": "The INCLUDED-RST part.\n",
        "docs/raw.html": "<b>INCLUDED-RAW</b>\n",
        "docs/notes.txt": "notes\n",
        "docs/table.csv": "a,b\nINCLUDED-CSV,2\n",
        "docs/flow.mmd": "flowchart LR\n  a --> INCLUDED-DIAGRAM\n",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    (root / "handbook" / "img").mkdir()
    for rel in ("docs/logo.png", "docs/part.png", "handbook/img/in-handbook.png"):
        (root / rel).write_bytes(PNG)
    out = folder / "out"
    assert main(["build", str(root), "--out", str(out), "--strict"]) == 0
    return out


@pytest.mark.parametrize(
    "text",
    [
        "task_area",  # literalinclude of ../conf/scope.yaml: conf/ of the root
        "INCLUDED-PART",  # include of a Markdown file outside handbook/
        "INCLUDED-SNIPPET",  # include of a file of handbook/, relative and with '/'
        "INCLUDED-RST",  # .. include:: inside {eval-rst}
        "INCLUDED-RAW",
        "INCLUDED-CSV",
        "INCLUDED-DIAGRAM",
    ],
)
def test_files_inside_the_root_are_included(inside: Path, text: str) -> None:
    assert text in (inside / "pagina.html").read_text("utf-8")


def test_raw_html_that_marks_up_text_reaches_the_page(inside: Path) -> None:
    page = (inside / "pagina.html").read_text("utf-8")
    assert "Press <kbd>Ctrl</kbd>" in page
    assert '<a href="https://example.org/" target="_blank">the site</a>' in page
    assert "<details open><summary>ALLOWED-DETAILS</summary>" in page
    assert '<p style="color: #036">Body <sup>1</sup>' in page


def test_images_and_downloads_inside_the_root_are_copied(inside: Path) -> None:
    page = (inside / "pagina.html").read_text("utf-8")
    for name in ("logo.png", "part.png", "in-handbook.png"):
        assert f'src="_images/{name}"' in page
        assert (inside / "_images" / name).read_bytes() == PNG
    downloads = {p.name: p for p in (inside / "_downloads").rglob("*") if p.is_file()}
    assert sorted(downloads) == ["notes.txt", "scope.yaml"]
    assert downloads["scope.yaml"].read_bytes() == (BASE / "conf" / "scope.yaml").read_bytes()
    assert page.count("INCLUDED-SNIPPET") == 2
