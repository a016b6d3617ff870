"""Printing site pages to PDF: vector diagrams, a literal footer, bookmarks, nothing from elsewhere.

Each test builds a tiny site by hand (the Mermaid build from node_modules, our
usm-mermaid.js, a few HTML pages) and reads the PDFs back with poppler's tools and pypdf.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CHROMIUM, REPO
from usm_docgen.pdf import BOOK_CLASS, Document, PrintError, chromium, print_documents

pytestmark = pytest.mark.browser

MERMAID = REPO / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
USM_MERMAID = REPO / "usm_docgen" / "static" / "usm-mermaid.js"

DIAGRAM = '<pre class="mermaid">flowchart LR\n a["Alpha step"] --> b["Beta step"]</pre>'
BROKEN = '<pre class="mermaid">flowchart LR\n a["Alpha step" --> --> ]]</pre>'
FOOTER = 'Handbook <script>alert("x")</script> R&D &amp; co'


def _missing() -> str | None:
    if not MERMAID.is_file():
        return f"{MERMAID} is missing (npm ci)"
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    for tool in ("pdftotext", "pdfimages"):
        if shutil.which(tool) is None:
            return f"{tool} is missing (apt-get install poppler-utils)"
    for module in ("playwright", "pypdf"):
        try:
            __import__(module)
        except ImportError:
            return f"{module} is not installed (pip install -e '.[dev]')"
    return None


if (_reason := _missing()) is not None:
    if os.environ.get("CI"):
        pytest.fail(f"{_reason}; the PDF tests must run in CI", pytrace=False)
    pytest.skip(_reason, allow_module_level=True)


# --- helpers ------------------------------------------------------------------------------


def make_site(folder: Path) -> Path:
    """An empty site: the two scripts every page with a diagram loads."""
    static = folder / "_static"
    static.mkdir(parents=True)
    shutil.copy(MERMAID, static / "mermaid.min.js")
    shutil.copy(USM_MERMAID, static / "usm-mermaid.js")
    return folder


def write_page(site: Path, rel: str, body: str, *, scripts: bool = True) -> str:
    """Write ``site/rel``: ``body`` in a page that loads Mermaid (when ``scripts``)."""
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    up = "../" * rel.count("/")
    head = (
        f'<script src="{up}_static/mermaid.min.js"></script>'
        f'<script src="{up}_static/usm-mermaid.js"></script>'
        if scripts
        else ""
    )
    path.write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{rel}</title>'
        f"{head}</head><body>{body}</body></html>",
        "utf-8",
    )
    return rel


def text(pdf: Path, page: int | None = None) -> str:
    """What a reader can select and copy in ``pdf`` (or on one of its pages)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        ["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def images(pdf: Path) -> list[str]:
    """The raster images in ``pdf``, one line each, as ``pdfimages -list`` shows them."""
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    return listing.splitlines()[2:]  # after the header and its underline


def page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def top_outline(pdf: Path) -> list[str]:
    """The titles of the top-level bookmarks of ``pdf``."""
    from pypdf import PdfReader

    return [str(item.title) for item in PdfReader(pdf).outline if not isinstance(item, list)]


def descendants() -> list[str]:
    """The command lines of every process this test process started (and they started)."""
    parents: dict[int, int] = {}
    commands: dict[int, str] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue  # gone meanwhile
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        commands[pid] = command.decode(errors="replace")
    found, todo = [], [os.getpid()]
    while todo:
        parent = todo.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        found += [commands[pid] for pid in children]
        todo += children
    return found


@functools.cache
def long_body() -> str:
    """Enough paragraphs to fill more than one A4 sheet."""
    return "".join(f"<p>Paragraph {i} of a long page.</p>" for i in range(120))


# --- one run of several documents, shared by the tests that only read its output ----------


class Run:
    def __init__(self, out: Path, written: list[Path], lines: list[str]) -> None:
        self.out = out
        self.written = written
        self.lines = lines

    def pdf(self, name: str) -> Path:
        return self.out / f"{name}.pdf"


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    site = make_site(tmp_path_factory.mktemp("site") / "site")
    write_page(site, "workflows/alpha.html", f"<h1>Alpha workflow</h1>{DIAGRAM}")
    write_page(site, "long.html", f"<h1>A long page</h1>{long_body()}")
    alone = f"<style>@media print {{ html.{BOOK_CLASS} .alone {{ display: none }} }}</style>"
    write_page(
        site,
        "plain.html",
        f"{alone}<h1>No diagram here</h1><p>Just text.</p><p class='alone'>Printed alone.</p>",
        scripts=False,
    )
    documents = [
        Document("alpha", "Alpha workflow", ("workflows/alpha.html",)),
        Document("long", "A long page", ("long.html",)),
        Document("plain", "Plain", ("plain.html",)),
        Document(
            "handbook_complete",
            "The complete handbook",
            ("workflows/alpha.html", "long.html", "plain.html"),
            ("1. Alpha", "2. Long", "3. Plain"),
        ),
    ]
    out = tmp_path_factory.mktemp("pdf") / "not" / "there" / "yet"
    lines: list[str] = []
    written = print_documents(site, documents, out, footer=FOOTER, progress=lines.append)
    return Run(out, written, lines)


def test_written_in_document_order_into_a_new_folder(run: Run) -> None:
    """The out folder is made; the PDFs come back in document order, with no leftovers."""
    names = ["alpha", "long", "plain", "handbook_complete"]
    assert run.written == [run.pdf(name) for name in names]
    assert sorted(p.name for p in run.out.iterdir()) == sorted(f"{n}.pdf" for n in names)


def test_diagram_labels_are_text_and_the_source_is_gone(run: Run) -> None:
    """Mermaid drew the diagram: its labels are selectable text, its source is not shown."""
    found = text(run.pdf("alpha"))
    assert "Alpha step" in found
    assert "Beta step" in found
    assert "flowchart LR" not in found
    assert "-->" not in found


def test_diagram_is_vector_graphics(run: Run) -> None:
    """No raster image anywhere: the diagram is drawn with paths and text."""
    for pdf in run.written:
        assert images(pdf) == [], pdf.name


def test_a_page_knows_when_it_is_printed_in_a_book(run: Run) -> None:
    """In a document of several bookmarked pages each page's <html> has BOOK_CLASS, so its
    stylesheet can print it whole there and shorter on its own (a workflow's handout)."""
    assert "Printed alone." in text(run.pdf("plain"))
    book = text(run.pdf("handbook_complete"))
    assert "Just text." in book and "Printed alone." not in book


def test_footer_shows_author_text_literally(run: Run) -> None:
    """The footer is plain text: markup in it is shown, never run or parsed."""
    found = " ".join(text(run.pdf("alpha")).split())
    assert FOOTER in found


def test_footer_numbers_the_pages(run: Run) -> None:
    count = page_count(run.pdf("long"))
    assert count > 1
    for n in range(1, count + 1):
        assert re.search(rf"\b{n}\s*/\s*{count}\b", text(run.pdf("long"), n)), n


def test_title_is_set_and_no_date(run: Run) -> None:
    """The document's title, which viewers show; no dates, so the same pages give the same bytes."""
    from pypdf import PdfReader
    from pypdf.generic import BooleanObject

    for name, title in [("alpha", "Alpha workflow"), ("plain", "Plain")]:
        reader = PdfReader(run.pdf(name))
        assert reader.metadata is not None
        assert reader.metadata.title == title
        assert "/CreationDate" not in reader.metadata
        assert "/ModDate" not in reader.metadata
        preferences = reader.viewer_preferences
        assert preferences is not None
        assert preferences["/DisplayDocTitle"] == BooleanObject(True)


def test_multi_page_document_holds_every_part_in_order(run: Run) -> None:
    """A document of several pages: all their sheets in order, a bookmark per page, its title."""
    from pypdf import PdfReader

    book = run.pdf("handbook_complete")
    parts = [page_count(run.pdf(name)) for name in ("alpha", "long", "plain")]
    assert page_count(book) == sum(parts)
    assert top_outline(book) == ["1. Alpha", "2. Long", "3. Plain"]
    metadata = PdfReader(book).metadata
    assert metadata is not None
    assert metadata.title == "The complete handbook"
    found = text(book)
    assert found.index("Beta step") < found.index("Paragraph 0") < found.index("Just text.")


def test_multi_page_document_numbers_its_sheets_through(run: Run) -> None:
    """The footer counts the sheets of the whole document, not of each part, and shows once."""
    book = run.pdf("handbook_complete")
    total = page_count(book)
    for n in range(1, total + 1):
        found = " ".join(text(book, n).split())
        assert re.search(rf"\b{n}\s*/\s*{total}\b", found), n
        assert found.count("R&D") == 1, n


def test_multi_page_bookmarks_open_on_the_parts(run: Run) -> None:
    """Each bookmark goes to the first sheet of its part."""
    from pypdf import PdfReader

    reader = PdfReader(run.pdf("handbook_complete"))
    starts = [0]
    for name in ("alpha", "long"):
        starts.append(starts[-1] + page_count(run.pdf(name)))
    top = [item for item in reader.outline if not isinstance(item, list)]
    assert [reader.get_destination_page_number(item) for item in top] == starts


def test_progress_says_once_per_document(run: Run) -> None:
    assert len(run.lines) == 4
    for line, pdf in zip(run.lines, run.written, strict=True):
        assert re.fullmatch(
            rf"pdf: {re.escape(pdf.name)} \({page_count(pdf)} pages, \d+\.\d s\)", line
        ), line


# --- failures name the page ---------------------------------------------------------------


def test_broken_diagram_names_the_page(tmp_path: Path) -> None:
    """Mermaid cannot parse the diagram: no PDF, and the error says which page."""
    site = make_site(tmp_path / "site")
    write_page(site, "good.html", DIAGRAM)
    write_page(site, "training/broken.html", BROKEN)
    out = tmp_path / "out"
    documents = [
        Document("good", "Good", ("good.html",)),
        Document("broken", "Broken", ("training/broken.html",)),
    ]
    # A browser another test of this process keeps open (a session fixture) is not ours.
    before = {c for c in descendants() if "chrom" in c}
    with pytest.raises(PrintError, match=r"^training/broken\.html: ") as raised:
        print_documents(site, documents, out, footer="f", progress=lambda _: None)
    assert "diagram" in str(raised.value)
    assert sorted(p.name for p in out.iterdir()) == ["good.pdf"]
    left = {c for c in descendants() if "chrom" in c} - before
    assert not left, "Chromium left running"


def test_diagrams_that_never_finish_time_out_naming_the_page(tmp_path: Path) -> None:
    """Mermaid loads but nothing ever says the diagrams are drawn: a timeout, not a hang."""
    site = make_site(tmp_path / "site")
    (site / "_static" / "usm-mermaid.js").write_text("/* never renders */", "utf-8")
    write_page(site, "stuck.html", DIAGRAM)
    # Long enough to load Mermaid on a busy machine (else the load is what times out).
    with pytest.raises(PrintError, match=r"^stuck\.html: diagrams not drawn within 8 s"):
        print_documents(
            site, [Document("stuck", "S", ("stuck.html",))], tmp_path / "out", footer="f", timeout=8
        )


def test_missing_mermaid_names_the_page(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    (site / "_static" / "mermaid.min.js").unlink()
    write_page(site, "a.html", DIAGRAM)
    with pytest.raises(PrintError, match=r"^a\.html: Mermaid did not load"):
        print_documents(site, [Document("a", "A", ("a.html",))], tmp_path / "out", footer="f")


@pytest.mark.parametrize("rel", ["../outside.html", "/etc/hostname", "missing.html"])
def test_pages_must_be_files_in_the_site(tmp_path: Path, rel: str) -> None:
    site = make_site(tmp_path / "site")
    (tmp_path / "outside.html").write_text("<p>outside</p>", "utf-8")
    with pytest.raises(PrintError, match=f"^{re.escape(rel)}: "):
        print_documents(site, [Document("x", "X", (rel,))], tmp_path / "out", footer="f")


def test_chromium_missing_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("USM_DOCGEN_CHROMIUM", "/nonexistent/chromium")
    with pytest.raises(PrintError, match="apt-get install chromium"):
        chromium()


def test_chromium_is_debians_unless_told_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("USM_DOCGEN_CHROMIUM", raising=False)
    assert chromium() == CHROMIUM


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("", "T", ("a.html",)), "not a PDF file name"),
        (("a/b", "T", ("a.html",)), "not a PDF file name"),
        (("a", "T", ()), "at least one page"),
        (("a", "T", ("a.html", "b.html")), "2 pages need 2 bookmark titles"),
        (("a", "T", ("a.html",), ("x", "y")), "one bookmark title per page"),
    ],
)
def test_document_refuses_what_cannot_be_printed(args: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Document(*args)


# --- nothing from elsewhere ---------------------------------------------------------------


class _Counter(http.server.SimpleHTTPRequestHandler):
    """Counts every request it is sent (WebSocket handshakes included)."""

    def __init__(self, *args: Any, seen: list[str], **kwargs: Any) -> None:
        self.seen = seen
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        self.seen.append(self.path)
        super().do_GET()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def counting_server(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    """A local http server (127.0.0.1) and the list of paths it was asked for."""
    root = tmp_path / "www"
    root.mkdir()
    (root / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    seen: list[str] = []
    handler = functools.partial(_Counter, directory=str(root), seen=seen)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_nothing_is_loaded_from_a_server(
    tmp_path: Path, counting_server: tuple[str, list[str]]
) -> None:
    """Images, scripts, styles, fetch and WebSockets a page asks for never reach a server."""
    host, seen = counting_server
    site = make_site(tmp_path / "site")
    write_page(
        site,
        "greedy.html",
        f'<link rel="stylesheet" href="http://{host}/style.css">'
        f'<script src="http://{host}/script.js"></script>'
        f"<script>fetch('http://{host}/fetch').catch(() => {{}});"
        f"new WebSocket('ws://{host}/socket');</script>"
        f'<img src="http://{host}/x.png"><p>Greedy page</p>{DIAGRAM}',
    )
    pdf = print_documents(
        site, [Document("greedy", "G", ("greedy.html",))], tmp_path / "out", footer="f"
    )[0]
    assert "Greedy page" in text(pdf)
    assert seen == []
    # The server was there all along: a request from here does reach it.
    with urllib.request.urlopen(f"http://{host}/x.png") as answer:
        assert answer.status == 200
    assert seen == ["/x.png"]


def test_no_file_outside_the_site_is_read(tmp_path: Path) -> None:
    """A frame may show a page of the site, never a file beside it."""
    site = make_site(tmp_path / "site")
    (tmp_path / "secret.html").write_text("<p>SECRET-OUTSIDE</p>", "utf-8")
    write_page(site, "inner.html", "<p>INSIDE-FRAME</p>", scripts=False)
    write_page(
        site,
        "frames.html",
        '<iframe src="inner.html"></iframe><iframe src="../secret.html"></iframe>'
        f'<iframe src="{(tmp_path / "secret.html").as_uri()}"></iframe>',
        scripts=False,
    )
    pdf = print_documents(
        site, [Document("frames", "F", ("frames.html",))], tmp_path / "out", footer="f"
    )[0]
    found = text(pdf)
    assert "INSIDE-FRAME" in found
    assert "SECRET-OUTSIDE" not in found
