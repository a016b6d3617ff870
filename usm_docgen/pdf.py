"""Print pages of a built site to PDF with headless Chromium: vector diagrams, footer, bookmarks."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import html
import io
import os
import secrets
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, PdfMargins, Route, WebSocketRoute
    from pypdf import PdfWriter

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Chromium's switches (Playwright adds --headless): nothing that phones home, no GPU."""

MARGIN: PdfMargins = {"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"}

# Chromium fills the spans with these classes on each page; everything else is our text.
_FOOTER = (
    '<div style="font-size:8px;font-family:sans-serif;width:100%;margin:0 12mm;'
    'display:flex;justify-content:space-between;gap:4mm;">'
    '<span style="overflow:hidden;white-space:nowrap;text-overflow:ellipsis;">{text}</span>'
    '<span style="white-space:nowrap;">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'
)

# What a page says about its diagrams once they are drawn: "" when all is well.
_DIAGRAM_PROBLEM = """() => {
  if (document.documentElement.dataset.usmDiagrams === "error") {
    return "Mermaid could not draw a diagram";
  }
  if (document.querySelector('[aria-roledescription="error"]')) {
    return "Mermaid drew an error diagram";
  }
  for (const text of document.querySelectorAll("svg text")) {
    if (text.textContent.includes("Syntax error")) {
      return "a diagram shows a syntax error";
    }
  }
  const undrawn = Array.from(document.querySelectorAll("pre.mermaid"))
    .filter((pre) => !pre.querySelector("svg")).length;
  return undrawn ? undrawn + " diagram(s) not drawn" : "";
}"""

_DIAGRAMS_SETTLED = '() => ["done", "error"].includes(document.documentElement.dataset.usmDiagrams)'

_FONTS_READY = """(ms) => Promise.race([
  document.fonts.ready.then(() => true),
  new Promise((resolve) => setTimeout(() => resolve(false), ms)),
])"""


class PrintError(Exception):
    """A page could not be printed: which page, and why."""


@dataclass(frozen=True)
class Document:
    """One PDF to write: its file name (without ``.pdf``), its title, and the pages it holds.

    A document of several pages, with a bookmark each, is a book: each page is printed with
    the class :data:`BOOK_CLASS` on its ``<html>``, so that its print stylesheet can print a
    page whole there that it prints shorter on its own (a workflow's page as its handout).
    """

    name: str
    title: str
    pages: tuple[str, ...]
    outline: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.name or "/" in self.name or "\\" in self.name or self.name.startswith("."):
            raise ValueError(f"not a PDF file name: {self.name!r}")
        if not self.pages:
            raise ValueError(f"{self.name}: a document needs at least one page")
        if len(self.pages) > 1 and len(self.outline) != len(self.pages):
            raise ValueError(
                f"{self.name}: {len(self.pages)} pages need {len(self.pages)} bookmark titles,"
                f" not {len(self.outline)}"
            )
        if self.outline and len(self.outline) != len(self.pages):
            raise ValueError(f"{self.name}: one bookmark title per page, or none")


BOOK_CLASS = "usm-print-book"


def chromium() -> Path:
    """The Chromium to print with: Debian's, or the one ``USM_DOCGEN_CHROMIUM`` names."""
    path = Path(os.environ.get("USM_DOCGEN_CHROMIUM", "/usr/bin/chromium"))
    if not (path.is_file() and os.access(path, os.X_OK)):
        raise PrintError(
            f"Chromium not found at {path}: apt-get install chromium, or set USM_DOCGEN_CHROMIUM"
        )
    return path


def print_documents(
    site: Path,
    documents: Sequence[Document],
    out: Path,
    *,
    footer: str,
    progress: Callable[[str], None] = print,
    timeout: float = 60.0,
) -> list[Path]:
    """Print each document's pages of ``site`` (a built site folder) to ``out/NAME.pdf``.

    The pages are opened from disk with their JavaScript on, so Mermaid draws the diagrams as
    vectors; nothing outside ``site`` is ever loaded. ``footer`` (plain text) is shown on every
    sheet beside "page / total"; ``timeout`` is the seconds each page may take. Returns the
    written paths in document order.
    """
    try:
        import pypdf  # noqa: F401  (used further on; missing, it should fail before Chromium starts)
        from playwright.sync_api import Error, sync_playwright
    except ImportError as err:
        raise PrintError(
            f"printing to PDF needs {err.name}: pip install 'usm-docgen[pdf]'"
        ) from err

    site = site.resolve()
    if not site.is_dir():
        raise PrintError(f"{site}: no such site folder")
    names = [d.name for d in documents]
    if len(set(names)) != len(names):
        raise ValueError(f"two documents share a name: {sorted(names)}")
    files = {rel: _page_file(site, rel) for d in documents for rel in d.pages}
    out.mkdir(parents=True, exist_ok=True)
    if not documents:
        return []
    executable = chromium()
    template = _FOOTER.format(text=html.escape(footer, quote=True))

    # Playwright's sync API refuses a thread with a running asyncio loop (a caller's own, or
    # another sync Playwright session still open): print in a thread of our own then.
    if _loop_running():
        with concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="usm-pdf") as pool:
            return pool.submit(
                print_documents,
                site,
                documents,
                out,
                footer=footer,
                progress=progress,
                timeout=timeout,
            ).result()

    written: list[Path] = []
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Error as err:
            raise PrintError(f"Chromium ({executable}) did not start: {err.message}") from err
        try:
            context = browser.new_context(color_scheme="light", service_workers="block")
            _fence(context, site)
            # One tab for every page: Chromium keeps Mermaid's compiled code between them,
            # which makes each page after the first about four times faster than a fresh tab.
            page = context.new_page()
            blank: Page | None = None
            for document in documents:
                started = time.perf_counter()
                # With bookmarks the parts are merged, and the footer goes on afterwards.
                merged = bool(document.outline)
                parts = [
                    _print_page(
                        page, rel, files[rel], "" if merged else template, timeout, book=merged
                    )
                    for rel in document.pages
                ]
                if merged:
                    blank = blank or context.new_page()
                    data, count = _merge(blank, document, parts, template)
                else:
                    data, count = _retitle(document, parts[0])
                target = out / f"{document.name}.pdf"
                _write_atomically(target, data)
                written.append(target)
                elapsed = time.perf_counter() - started
                progress(f"pdf: {target.name} ({count} pages, {elapsed:.1f} s)")
        except Error as err:
            # Failures while a page prints name it; this is Chromium failing between pages.
            raise PrintError(f"Chromium failed: {_message(err)}") from err
        finally:
            with contextlib.suppress(Error):
                browser.close()
    return written


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _page_file(site: Path, rel: str) -> Path:
    """The HTML file ``rel`` names inside ``site``; a PrintError when it is elsewhere or absent."""
    posix = PurePosixPath(rel)
    if posix.is_absolute() or ".." in posix.parts or "\\" in rel:
        raise PrintError(f"{rel}: not a page inside the site")
    path = site.joinpath(*posix.parts).resolve()
    if not path.is_relative_to(site):
        raise PrintError(f"{rel}: not a page inside the site")
    if not path.is_file():
        raise PrintError(f"{rel}: no such page in {site}")
    return path


def _fence(context: BrowserContext, site: Path) -> None:
    """Let the pages read files inside ``site`` and nothing else: no network, no other files."""

    def guard(route: Route) -> None:
        if _inside(route.request.url, site):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def refuse(socket: WebSocketRoute) -> None:
        # Never connected to a server: the page sees a socket that closes at once.
        socket.close()

    context.route("**/*", guard)
    context.route_web_socket("**/*", refuse)


def _inside(url: str, site: Path) -> bool:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(urllib.request.url2pathname(parts.path)).resolve()
    return path.is_relative_to(site)


def _print_page(
    page: Page,
    rel: str,
    path: Path,
    footer_template: str,
    timeout: float,
    *,
    book: bool = False,
) -> bytes:
    """One HTML page as PDF bytes, once its diagrams are drawn and its fonts are in; without a
    ``footer_template``, bare (the footer is added later); in a ``book``, marked as such."""
    from playwright.sync_api import Error
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    deadline = time.monotonic() + timeout

    def left() -> float:
        # Milliseconds still to go; never 0, which Playwright takes for "no limit".
        return max(1.0, (deadline - time.monotonic()) * 1000)

    try:
        page.goto(path.as_uri(), wait_until="load", timeout=left())
        if page.evaluate("() => document.querySelector('pre.mermaid') !== null"):
            # The page's scripts have run by "load": without Mermaid nothing will ever draw.
            if not page.evaluate("() => typeof window.mermaid !== 'undefined'"):
                raise PrintError(f"{rel}: Mermaid did not load (the site must serve it itself)")
            try:
                page.wait_for_function(_DIAGRAMS_SETTLED, timeout=left())
            except PlaywrightTimeout:
                raise PrintError(f"{rel}: diagrams not drawn within {timeout:g} s") from None
            problem = page.evaluate(_DIAGRAM_PROBLEM)
            if problem:
                raise PrintError(f"{rel}: {problem}")
        if not page.evaluate(_FONTS_READY, left()):
            raise PrintError(f"{rel}: fonts not loaded within {timeout:g} s")
        if book:
            page.evaluate("name => document.documentElement.classList.add(name)", BOOK_CLASS)
        return page.pdf(
            format="A4",
            print_background=True,
            margin=MARGIN,
            display_header_footer=bool(footer_template),
            header_template="<span></span>",
            footer_template=footer_template or "<span></span>",
            tagged=True,
            outline=True,
        )
    except PlaywrightTimeout:
        raise PrintError(f"{rel}: not loaded within {timeout:g} s") from None
    except Error as err:
        raise PrintError(f"{rel}: Chromium failed: {_message(err)}") from err


def _message(err: Exception) -> str:
    """Playwright's message without its call log."""
    return (str(getattr(err, "message", err)).splitlines() or ["unknown error"])[0]


def _merge(
    blank: Page,
    document: Document,
    parts: list[bytes],
    footer_template: str,
) -> tuple[bytes, int]:
    """The parts as one PDF: a bookmark per part (its headings below it) and a footer whose
    page numbers run through the whole document."""
    from playwright.sync_api import Error
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for part, title in zip(parts, document.outline, strict=True):
        writer.append(PdfReader(io.BytesIO(part)), outline_item=title, import_outline=True)
    total = len(writer.pages)
    # Each part numbers its own sheets; so the footer goes on afterwards, from blank sheets
    # Chromium prints with the same template, numbered 1 to total.
    sheets = '<div style="height:1px;break-after:page"></div>' * (total - 1) + "<div></div>"
    try:
        blank.set_content(f"<!doctype html><html><body>{sheets}</body></html>")
        overlay = PdfReader(
            io.BytesIO(
                blank.pdf(
                    format="A4",
                    margin=MARGIN,
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=footer_template,
                )
            )
        )
    except Error as err:
        raise PrintError(
            f"{document.name}: Chromium failed on the footer: {_message(err)}"
        ) from err
    if len(overlay.pages) != total:
        raise PrintError(
            f"{document.name}: footer sheets came out {len(overlay.pages)}, not {total}"
        )
    for sheet, footer in zip(writer.pages, overlay.pages, strict=True):
        sheet.merge_page(footer)
    writer.page_mode = "/UseOutlines"
    return _finish(writer, document), total


def _retitle(document: Document, part: bytes) -> tuple[bytes, int]:
    """A one-page document: Chromium's PDF as it is (tags and all), with the document's title."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(part)))
    return _finish(writer, document), len(writer.pages)


def _finish(writer: PdfWriter, document: Document) -> bytes:
    """The PDF's bytes, titled (viewers show the title, not the file name) and undated, so
    that the same pages print to the same bytes."""
    from pypdf.generic import BooleanObject, NameObject

    info = {
        key: value
        for key, value in (writer.metadata or {}).items()
        if key not in ("/CreationDate", "/ModDate")
    }
    writer.metadata = {**info, "/Title": document.title}
    preferences = writer.create_viewer_preferences()
    preferences[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _write_atomically(target: Path, data: bytes) -> None:
    """Write ``target`` whole or not at all: a reader never sees half a PDF."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with temporary.open("xb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
