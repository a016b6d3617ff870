"""Shared fixtures: paths to the example handbooks and a scratch copy of the test base."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

pytest_plugins = ("sphinx.testing.fixtures",)

TESTS = Path(__file__).parent
REPO = TESTS.parent
SHARED_EXAMPLES = REPO.parent / "shared" / "examples"
BASE = TESTS / "base"

TODAY = dt.date(2026, 11, 16)
"""The date of every check the suite makes, so that it never rots as the calendar moves:
set as SOURCE_DATE_EPOCH (which usm-docgen reads when no --today is given) for this process
and every process it starts."""
os.environ["SOURCE_DATE_EPOCH"] = str(
    int(dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC).timestamp())
)


def hashes(folder: Path) -> dict[str, str]:
    """Every file under ``folder``, by its posix path, to its SHA-256: two equal mean the
    same bytes in the same files."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def as_of(root: Path) -> str:
    """The date a handbook was written for: its latest measurement (or its baseline). An
    example is checked as of then, so that the calendar never turns it stale."""
    data = yaml.safe_load((root / "conf/improvement.yaml").read_text("utf-8"))
    dates = [data["baseline"]["date"], *(m["date"] for m in data.get("measurements", []))]
    return str(max(dates))


def strings(value: Any) -> Iterator[str]:
    """Every text inside a model value (dataclasses, tuples and lists), depth first."""
    if isinstance(value, str):
        yield value
    elif is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            if not f.name.startswith("_"):
                yield from strings(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from strings(item)


def shared_examples() -> list[Path]:
    """Every handbook under ../shared/examples (each must validate and build)."""
    return sorted(p for p in SHARED_EXAMPLES.iterdir() if (p / "conf").is_dir())


@pytest.fixture
def base_copy(tmp_path: Path) -> Path:
    """A fresh copy of the small valid handbook the bad-input cases start from."""
    root = tmp_path / "hb"
    shutil.copytree(BASE, root)
    return root


# --- the longest files first --------------------------------------------------------------

LONGEST = ("test_publish.py", "test_training.py", "test_a11y.py", "test_editions.py")
"""The test files that take longest (see ``pytest --durations``), run first: pytest-xdist
hands out whole files in collection order, and one of these started last would keep one
worker busy for minutes after the other has finished."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return LONGEST.index(name) if name in LONGEST else len(LONGEST)

    items.sort(key=rank)  # stable: the order inside each file and of the others stays


# --- browser: built sites served over http, one headless Chromium per session -------------

# Appended section: its imports live here so the lines above stay as they were.
import contextlib  # noqa: E402
import functools  # noqa: E402
import http.server  # noqa: E402
import threading  # noqa: E402
from dataclasses import dataclass  # noqa: E402

from usm_docgen.pdf import CHROMIUM_ARGS as PRINTER_ARGS  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", *PRINTER_ARGS]  # the same switches `usm-docgen pdf` uses
ADVERSARIAL = TESTS / "adversarial"


def no_browser(reason: str) -> None:
    """Skip on a developer's machine without Chromium; in CI the browser tests must run."""
    import os

    if os.environ.get("CI"):
        pytest.fail(f"{reason}; browser tests must run in CI", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never a browser Playwright downloads)."""
    if not CHROMIUM.is_file():
        no_browser(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        no_browser("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass(frozen=True)
class Site:
    """A built site: its handbook root, its folder, and its base URL per scheme."""

    root: Path
    out: Path
    http: str

    @property
    def file(self) -> str:
        return self.out.as_uri() + "/"

    def base(self, scheme: str) -> str:
        return self.http if scheme == "http" else self.file

    def pages(self) -> list[str]:
        """Every HTML page of the site, relative to its folder, in a stable order."""
        return sorted(
            p.relative_to(self.out).as_posix()
            for p in self.out.rglob("*.html")
            if not p.relative_to(self.out).parts[0].startswith("_")
        )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _built_site(root: Path, tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """``root`` built once for the whole run: the pytest-xdist workers share one base folder
    (the parent of each worker's own), and the first to ask builds while the other waits."""
    import fcntl
    import os

    from usm_docgen.cli import main

    shared = tmp_path_factory.getbasetemp()
    if "PYTEST_XDIST_WORKER" in os.environ:
        shared = shared.parent
    out = shared / f"shared-{name}" / "site"
    with (shared / f"shared-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = out.parent / "built"
        if not done.exists():
            code = main(["build", str(root), "--out", str(out), "--strict"])
            assert code == 0, f"{root} must build"
            done.touch()
    return out


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Our own handbook (the repository root), built once and served over http."""
    out = _built_site(REPO, tmp_path_factory, "example")
    with serve(out) as url:
        yield Site(REPO, out, url)


@pytest.fixture(scope="session")
def adversarial_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """tests/adversarial (hostile text in every field), built once and served over http."""
    out = _built_site(ADVERSARIAL, tmp_path_factory, "adversarial")
    with serve(out) as url:
        yield Site(ADVERSARIAL, out, url)
