"""What ``usm-docgen pdf`` prints: a handout per workflow and the whole handbook, as PDFs."""

from __future__ import annotations

import html
import importlib.util
import re
import sys
from pathlib import Path

from usm_docgen.labels import label
from usm_docgen.model import Model
from usm_docgen.pdf import Document, PrintError, chromium, print_documents
from usm_docgen.render import WHOLE_HANDBOOK_PDF, docnames

PDF_FOLDER = "pdf"
"""The folder of a site that ``usm-docgen pdf`` puts the PDFs in."""

_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_TAG = re.compile(r"<[^>]+>")


def check_printer() -> None:
    """Refuse (exit 2) before building when the PDFs cannot be printed on this machine."""
    from usm_docgen.exits import UsageError

    missing = [m for m in ("playwright", "pypdf") if importlib.util.find_spec(m) is None]
    if missing:
        raise UsageError(
            f"usm-docgen pdf needs {' and '.join(missing)}: pip install 'usm-docgen[pdf]'"
        )
    try:
        chromium()
    except PrintError as exc:
        raise UsageError(str(exc)) from None


def whole_handbook(model: Model) -> list[str]:
    """The docnames of the whole handbook's PDF, in reading order: every page a reader has,
    without the training section (it has its own PDFs, and its quizzes are for the screen)
    and without the reference pages about usm-docgen itself."""
    return [d for d in docnames(model, reference=False) if not d.startswith("training/")]


def title_of(page: Path) -> str:
    """The page's first heading, as text (the bookmark of the page in the whole PDF)."""
    found = _H1.search(page.read_text(encoding="utf-8"))
    if found is None:
        return page.stem
    return html.unescape(_TAG.sub("", found.group(1))).replace("#", "").strip()


def documents(model: Model, site: Path) -> list[Document]:
    """A PDF per workflow (its page, which prints as a handout), named after the workflow's
    id, then the whole handbook."""
    hb = model.handbook
    found = [
        Document(
            name=wf.id,
            title=f"{wf.name} · {hb.title}",
            pages=(f"workflows/{wf.id}.html",),
        )
        for wf in model.workflows
    ]
    pages = [f"{d}.html" for d in whole_handbook(model)]
    found.append(
        Document(
            name=WHOLE_HANDBOOK_PDF,
            title=hb.title,
            pages=tuple(pages),
            outline=tuple(title_of(site / p) for p in pages),
        )
    )
    return found


def print_site(model: Model, site: Path) -> int:
    """Print the PDFs of the built (not yet published) ``site`` into its ``pdf/`` folder.

    0 when all were written, else 2 with what failed and why: a diagram Mermaid refuses
    never gets this far (the build checks every diagram first), so a failure here is the
    printer's or the machine's.
    """
    hb = model.handbook
    footer = f"{hb.title} · {label('handout.edition', hb.language)} {hb.edition}"
    try:
        print_documents(
            site, documents(model, site), site / PDF_FOLDER, footer=footer, progress=_progress
        )
    except PrintError as exc:
        print(f"usm-docgen: could not print the PDFs: {exc}", file=sys.stderr)
        return 2
    return 0


def _progress(line: str) -> None:
    print(line, flush=True)
