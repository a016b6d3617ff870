"""``usm-docgen build`` and ``serve``: validate first, build with Sphinx aside, then publish."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import gc
import logging
import math
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from usm_docgen import catalog
from usm_docgen.diagnostics import format_text, has_errors

if TYPE_CHECKING:
    from usm_docgen.changes import Changelog


class Edition(Protocol):
    """Where a build goes among the editions of a multi-edition site: what changed since
    the edition before, the Sphinx setting that names the edition, and the stamp it leaves
    in the built pages. :class:`usm_docgen.editions.Edition` is one (``editions`` calls the
    build; the build never imports ``editions``)."""

    @property
    def changes(self) -> Changelog | None: ...

    def config(self) -> str: ...

    def stamp(self, html_dir: Path) -> None: ...


DEFAULT_CONF = Path(__file__).parent / "default_conf"
SITE_MARKER = ".usm-docgen-site"
"""Marks a folder as a site usm-docgen published, so only such a folder is ever replaced."""

SOURCES = ("conf", catalog.WORKFLOW_DIR, catalog.PAGES_DIR)
"""The folders of a handbook root that every build reads: no output may go inside them."""

# The work folder ``.SITE.usm-work`` beside the site holds, besides Sphinx's src/, html/ and
# doctrees/, what keeps builds into one site apart and a killed build harmless:
LOCK = "lock"
"""Locked (flock) by the build or serve that uses this work folder and publishes its site."""
BUILDING = "building"
"""Present while Sphinx writes: a build that finds it starts afresh (see ``_build_locked``)."""
STAGING = "site.new"
"""The next site while it is put together; after the swap, the old site while it is removed."""
RETIRED = "site.old"
"""The old site between the two renames of a swap where the OS cannot swap in one step."""

LOCK_WAIT = "USM_DOCGEN_LOCK_WAIT"
"""Environment variable: seconds a build waits for another one into the same site (default
10); after that it gives up with exit 2."""
DEFAULT_LOCK_WAIT = 10.0
KILL_AT = "USM_DOCGEN_TEST_KILL_AT"
"""Environment variable, for tests only: the name of a point (``sphinx:writing``,
``publish:staging``, ``publish:staged``, ``publish:moved-away``, ``publish:swapped``) where a
build kills itself with SIGKILL, to prove a kill there leaves the old site or the new one."""

_WHOLE_DISK = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})
_ENVIRONMENT = _WHOLE_DISK | {errno.EACCES, errno.EPERM, errno.EIO}
"""Errors of the machine, not of usm-docgen, when Sphinx meets them while it writes."""


class BuildError(Exception):
    """A reason not to build that is the caller's to fix (exit 2)."""


class PublishError(BuildError):
    """The file system refused the new site (full, read-only, no access): the old one stands."""

    def __init__(self, site: Path, cause: OSError, *, unchanged: bool = True) -> None:
        self.site, self.cause = site, cause
        tail = (
            "the published site is unchanged"
            if unchanged
            else "it is a mount point, so it was being updated in place and may be incomplete "
            "until a build succeeds"
        )
        super().__init__(f"cannot publish to {site}: {_reason(cause)}; {tail}")


def _reason(exc: OSError) -> str:
    """``exc`` for people: 'no space left on device', with the file when that helps."""
    text = os.strerror(exc.errno) if exc.errno else str(exc)
    text = text[:1].lower() + text[1:]
    if exc.errno not in _WHOLE_DISK and exc.filename:
        text += f" ({exc.filename})"
    return text


def paths(root: Path, out: Path | None) -> tuple[Path, Path, Path | None]:
    """(published site, private work folder, hand-written pages folder or None).

    Refuses (UsageError) a site or work folder inside the handbook's sources: every build
    reads those, so each would copy the last site and work folder into the next.
    """
    site = (out or root / "handbook" / "_build" / "html").resolve()
    work = work_folder(site)
    refuse_inside_sources(root, site, work)
    return site, work, own_pages(root)


def work_folder(site: Path) -> Path:
    """The private work folder beside ``site``."""
    return site.parent / f".{site.name}.usm-work"


def own_pages(root: Path) -> Path | None:
    """The root's folder of hand-written pages, None when it has none."""
    pages = root / "handbook"
    # A handbook/ that holds only our own _build/ output has no pages of its own.
    own = pages.is_dir() and any(p.name != "_build" for p in pages.iterdir())
    return pages if own else None


def refuse_inside_sources(root: Path, site: Path, work: Path) -> None:
    from usm_docgen.exits import UsageError

    top = root.resolve()
    if top.is_relative_to(site):
        raise UsageError(
            f"--out {site} holds the handbook itself ({root}), and publishing replaces that "
            "folder; choose a folder outside the handbook's conf/, workflows/ and handbook/"
        )
    for folder in (site, work):
        for name in SOURCES:
            if not folder.is_relative_to(top / name):
                continue
            # build output under handbook/ is skipped by these names (the default is there)
            below = folder.relative_to(top / name).parts
            if name == catalog.PAGES_DIR and any(p in catalog.NOT_PAGES for p in below):
                continue
            what = "is" if folder == site else f"puts its work folder {folder.name}"
            raise UsageError(
                f"--out {site} {what} inside the handbook's {name}/ folder, which every build "
                "reads as sources: each build would copy the last one into itself. Choose a "
                "folder outside conf/, workflows/ and handbook/, or one inside handbook/_build/ "
                "(the default is handbook/_build/html)"
            )


def confdir(root: Path) -> Path:
    """The root's own ``handbook/conf.py`` folder, else the configuration shipped with us."""
    own = root / "handbook"
    return own if (own / "conf.py").is_file() else DEFAULT_CONF


def sphinx_args(
    root: Path, work: Path, pages: Path | None, *, strict: bool, today: dt.date | None = None
) -> list[str]:
    """Arguments for sphinx-build (and sphinx-autobuild) that build ``root`` in ``work``."""
    args = [
        str(work / "src"),
        str(work / "html"),
        "-b",
        "html",
        "-c",
        str(confdir(root)),
        "-d",
        str(work / "doctrees"),
        "-D",
        f"usm_root={root.resolve()}",
        "-q",
    ]
    if pages is not None:
        args += ["-D", f"usm_pages={pages.resolve()}"]
    if today is not None:
        args += ["-D", f"usm_today={today.isoformat()}"]
    if strict:
        args.append("-W")
    return args


def build(
    root: Path,
    out: Path | None,
    *,
    strict: bool = False,
    today: dt.date | None = None,
    pdf: bool = False,
) -> int:
    """Validate ``root``; when clean, build its site and publish it to ``out``.

    Sphinx builds in a private work folder that it keeps between runs (so rebuilds are
    incremental); only a build that succeeded replaces the published site, in one step (see
    :func:`publish`), so a failed or killed build always leaves the last good site in place.
    One build at a time uses a work folder: another one waits, then gives up (exit 2).
    ``pdf`` (``usm-docgen pdf``): the site also holds a PDF per workflow and one of the whole
    handbook in ``pdf/``, printed from the new site before it is published, and links to them.
    """
    from usm_docgen.exits import UsageError

    if pdf:
        from usm_docgen.printing import check_printer

        check_printer()

    if (problem := catalog.not_a_handbook(root)) is not None:
        raise UsageError(problem)
    site, work, pages = paths(root, out)
    if site.exists() and not site.is_dir():
        raise UsageError(f"--out {site} is a file, not a folder; choose a folder for the site")
    started = time.perf_counter()
    result = catalog.load(root, "" if str(root) in (".", "") else str(root), today=today)
    _progress(f"checked {len(result.files)} files", started)
    if result.diagnostics:
        print(format_text(result.diagnostics))
    if has_errors(result.diagnostics, strict=strict):
        print("usm-docgen: nothing was built; the published site is unchanged.", file=sys.stderr)
        return 1
    return build_loaded(root, result, site, work, pages, strict=strict, pdf=pdf)


def build_loaded(
    root: Path,
    result: catalog.LoadResult,
    site: Path,
    work: Path,
    pages: Path | None,
    *,
    strict: bool,
    edition: Edition | None = None,
    pdf: bool = False,
) -> int:
    """Build the handbook ``result`` (loaded from ``root`` without errors) in ``work`` and
    publish it to ``site``; ``edition`` places it among the editions of a multi-edition
    site (see :mod:`usm_docgen.editions`); ``pdf`` adds the PDFs (see :func:`build`)."""
    from usm_docgen.exits import EXIT_USAGE, UsageError

    if not _is_ours(site, work):
        raise UsageError(
            f"{site} holds files that usm-docgen did not write; choose an empty "
            "or new folder for --out"
        )
    try:
        with _locked(site, work):
            _recover(site, work)
            return _build_locked(
                root, result, site, work, pages, strict=strict, edition=edition, pdf=pdf
            )
    except BuildError as exc:
        print(f"usm-docgen: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _build_locked(
    root: Path,
    result: catalog.LoadResult,
    site: Path,
    work: Path,
    pages: Path | None,
    *,
    strict: bool,
    edition: Edition | None = None,
    pdf: bool = False,
) -> int:
    from usm_docgen.render import provenance, start_render_site
    from usm_docgen.sphinx_ext import preload

    building = work / BUILDING
    if building.exists():
        # The last build was killed (or failed on the disk) while Sphinx wrote: its environment
        # already counts pages as written that were not, or only half. Start afresh.
        shutil.rmtree(work / "doctrees", ignore_errors=True)
        shutil.rmtree(work / "html", ignore_errors=True)
    try:
        building.touch()
        # Loaded and reported above: the extension need not do it again, and the pages render
        # (in a second process) while Sphinx starts up and loads its environment.
        assert result.model is not None
        changes = edition.changes if edition is not None else None
        rendering = start_render_site(
            result.model,
            changes=changes,
            pdf=pdf,
            today=result.today,
            provenance=provenance(root, result),
        )
        started = time.perf_counter()
        print("usm-docgen: building the pages with Sphinx …", flush=True)
        with preload(root, result, rendering, changes):
            code = run_sphinx(
                root,
                work,
                pages,
                strict=strict,
                on_app=_kill_while_writing(),
                edition=edition,
            )
    except OSError as exc:
        if exc.errno not in _ENVIRONMENT:
            raise
        raise BuildError(
            f"cannot build in {work}: {_reason(exc)}; the published site is unchanged"
        ) from None
    if code != 0:
        # Sphinx does not re-read an unchanged page, so its warning would not come back and
        # the next build would pass: forget the environment so the next build starts afresh.
        shutil.rmtree(work / "doctrees", ignore_errors=True)
        building.unlink()
        print(
            f"usm-docgen: the Sphinx build failed; the published site in {site} is unchanged.",
            file=sys.stderr,
        )
        return 1
    building.unlink()
    from usm_docgen.printing import PDF_FOLDER, print_site

    printed = work / "html" / PDF_FOLDER
    if pdf:
        code = print_site(result.model, work / "html")
        if code != 0:
            print(
                f"usm-docgen: nothing was published; the site in {site} is unchanged.",
                file=sys.stderr,
            )
            return code
    elif printed.exists():  # a site built without PDFs has none, and links to none
        shutil.rmtree(printed)
    if edition is not None:
        edition.stamp(work / "html")
    _progress("built the site", started)
    publish(work / "html", site)
    print(f"usm-docgen: built {site / 'index.html'}")
    return 0


def _progress(what: str, started: float) -> None:
    """A line for a phase of the build, with its time: a build of a large handbook takes
    minutes, and a process owner should see it move."""
    print(f"usm-docgen: {what} ({time.perf_counter() - started:.1f} s)", flush=True)


def _is_ours(site: Path, work: Path) -> bool:
    """Whether ``site`` may be replaced: missing, empty, marked as ours, or holding nothing
    but what our work folder built (a first publish of an older usm-docgen, killed before it
    wrote the marker). A folder with anything else is someone's, never touched."""
    if not site.is_dir() or (site / SITE_MARKER).exists():
        return True
    built = work / "html"
    for folder, subfolders, files in os.walk(site):
        rel = Path(folder).relative_to(site)
        if any(not (built / rel / d).is_dir() for d in subfolders):
            return False
        if any(not (built / rel / f).is_file() for f in files):
            return False
    return True


@contextlib.contextmanager
def _locked(site: Path, work: Path) -> Iterator[None]:
    """Hold the work folder's lock: two builds into one site would share src/, doctrees/
    and the publish. Another holder is waited for a while (``USM_DOCGEN_LOCK_WAIT``)."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, as before
        yield
        return
    try:
        wait = float(os.environ.get(LOCK_WAIT, DEFAULT_LOCK_WAIT))
    except ValueError:
        wait = math.nan
    if not 0 <= wait < math.inf:
        raise BuildError(
            f"{LOCK_WAIT} is {os.environ.get(LOCK_WAIT)!r}; it must be a number of seconds, "
            "0 or more"
        )
    try:
        work.mkdir(parents=True, exist_ok=True)
        fd = os.open(work / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise BuildError(
            f"cannot build in {work}: {_reason(exc)}; the published site is unchanged"
        ) from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BuildError(
                        f"another build is running into {site} (a usm-docgen build or serve "
                        f"holds {work / LOCK}); gave up after {wait:g} s, try again when it "
                        "has finished"
                    ) from None
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)  # also releases the lock


def _checkpoint(name: str) -> None:
    """Tests only: die here, as from ``kill -9``, when ``USM_DOCGEN_TEST_KILL_AT`` names it."""
    if os.environ.get(KILL_AT) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _kill_while_writing() -> Callable[[Any], None] | None:
    """Tests only: for ``sphinx:writing``, die when Sphinx has written a few pages."""
    if os.environ.get(KILL_AT) != "sphinx:writing":
        return None

    def connect(app: Any) -> None:
        written: list[str] = []

        def page(_app: Any, pagename: str, *_: Any) -> None:
            written.append(pagename)
            if len(written) == 5:
                _checkpoint("sphinx:writing")

        app.connect("html-page-context", page)

    return connect


def run_sphinx(
    root: Path,
    work: Path,
    pages: Path | None,
    *,
    strict: bool,
    on_app: Callable[[Any], None] | None = None,
    edition: Edition | None = None,
) -> int:
    """Build ``root`` with Sphinx in ``work``; returns Sphinx's status (0 when it succeeded).

    ``on_app`` sees the application before it builds (tests connect events there). Raises
    the OSError when the disk refused a page or file (Sphinx only warns of that).
    """
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    (work / "src").mkdir(parents=True, exist_ok=True)
    conf = confdir(root)
    overrides = {"usm_root": str(root.resolve())}
    if pages is not None:
        overrides["usm_pages"] = str(pages.resolve())
    if edition is not None:
        overrides["usm_edition"] = edition.config()
    try:
        with patch_docutils(conf), docutils_namespace():
            app = Sphinx(
                str(work / "src"),
                str(conf),
                str(work / "html"),
                str(work / "doctrees"),
                "html",
                confoverrides=overrides,
                status=None,
                warning=sys.stderr,
                warningiserror=strict,
            )
            if on_app is not None:
                on_app(app)
            # What exists now (the handbook model, the environment Sphinx just loaded) lives
            # through the build: spare the cyclic collector from walking it on every pass.
            # That walking was 3.5 of the 12 s of a one-workflow rebuild at 1,000 workflows.
            gc.freeze()
            disk = _DiskErrors()
            logging.getLogger("sphinx").addHandler(disk)
            try:
                app.build()
            finally:
                logging.getLogger("sphinx").removeHandler(disk)
            if disk.error is not None:
                raise disk.error
            return int(app.statuscode)
    except SphinxError as exc:
        print(f"usm-docgen: Sphinx stopped: {exc}", file=sys.stderr)
        return 1
    finally:
        gc.unfreeze()


class _DiskErrors(logging.Handler):
    """Sphinx logs a warning, and goes on, when it cannot write a page or copy a file; a
    lenient build would then publish a page the full disk cut short. Keeps the first such
    error of the machine (full, read-only, no access)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.error: OSError | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.error is None and isinstance(record.args, tuple):
            self.error = next(
                (a for a in record.args if isinstance(a, OSError) and a.errno in _ENVIRONMENT),
                None,
            )


def publish(built: Path, site: Path) -> None:
    """Replace ``site`` with a copy of ``built`` in one step, so a reader or a build killed at
    any moment sees the old site or the new one, never a mix; raises PublishError (the old
    site then stands) when the file system refuses.

    The new site is put together in ``STAGING`` beside ``built`` (in the work folder, on the
    site's file system), then swapped with the old one by a single ``renameat2`` with
    RENAME_EXCHANGE. The site stays a real folder, not a symbolic link to a versioned folder:
    ``cp -r``, ``rsync -a SITE dest``, CI artifact uploads and Docker ``COPY`` copy a link as a
    link, and sites published before stay as they are. A web server that serves the site by
    its path serves the new one from the next request; files already open are read to their
    end. (A process whose working folder is the site, such as ``cd SITE; python -m
    http.server``, keeps the old folder, which is removed: serve the path instead.) Where the OS
    or file system cannot exchange (not Linux, NFS), two renames do it; a build killed between
    them leaves no site for a moment, and the next build puts the old one back first
    (``_recover``). A site that is a mount point cannot be renamed; it is updated in place,
    file by file, as before.

    Files that did not change since the last publish are hard links to the old site's files,
    not copies: Sphinx rewrites its output in ``built`` in place, so a link to those would let
    a later build change a published file; the published files are never written again, only
    linked to the next site and removed with the old one. ``SITE_MARKER`` is the first file of
    the new site, so any folder ever published is recognisably ours.
    """
    new, old = built.parent / STAGING, built.parent / RETIRED
    try:
        shutil.rmtree(new, ignore_errors=True)
        if os.path.ismount(site):
            _update_in_place(built, site)
            return
        _stage(built, site, new)
        _checkpoint("publish:staged")
        try:
            _swap(new, site, old)
        except OSError as exc:
            if exc.errno not in (errno.EBUSY, errno.EXDEV):
                raise
            shutil.rmtree(new, ignore_errors=True)  # a mount point ismount() did not see
            _update_in_place(built, site)
            return
    except PublishError:
        raise
    except OSError as exc:
        shutil.rmtree(new, ignore_errors=True)  # not our site: free what it took
        raise PublishError(site, exc) from None
    _checkpoint("publish:swapped")
    shutil.rmtree(new, ignore_errors=True)  # the old site now
    shutil.rmtree(old, ignore_errors=True)


def _stage(built: Path, site: Path, new: Path) -> None:
    """Put the site ``built`` together in ``new``, linking the files ``site`` already has."""
    new.mkdir()
    (new / SITE_MARKER).write_text("published by usm-docgen\n", encoding="utf-8")
    count = 0
    for folder, _, files in os.walk(built):
        rel_folder = Path(folder).relative_to(built).as_posix()
        prefix = "" if rel_folder == "." else f"{rel_folder}/"
        if prefix:
            (new / rel_folder).mkdir()
        for name in files:
            rel = prefix + name
            if not _link_unchanged(built / rel, site / rel, new / rel):
                shutil.copy2(built / rel, new / rel)
            count += 1
            if count == 20:
                _checkpoint("publish:staging")
    with contextlib.suppress(FileNotFoundError):  # the new site keeps the folder's access
        new.chmod(stat.S_IMODE(site.stat().st_mode))


def _link_unchanged(source: Path, published: Path, target: Path) -> bool:
    """Hard-link ``published`` as ``target`` when it is the file ``source`` was copied into.

    ``shutil.copy2`` keeps the modification time to the nanosecond, and Sphinx writes a file
    it changes anew, so the same size and time mean the same file.
    """
    try:
        now, then = source.stat(), os.lstat(published)
    except OSError:
        return False
    if not stat.S_ISREG(then.st_mode) or (then.st_size, then.st_mtime_ns) != (
        now.st_size,
        now.st_mtime_ns,
    ):
        return False
    try:
        os.link(published, target, follow_symlinks=False)
    except OSError as exc:
        if exc.errno in _WHOLE_DISK:
            raise
        return False  # a file system without hard links (or too many): copy instead
    return True


def _swap(new: Path, site: Path, old: Path) -> None:
    """Put ``new`` where ``site`` is; the old site ends up in ``new`` or ``old``."""
    if not site.exists():
        new.rename(site)
    elif not _exchange(new, site):
        shutil.rmtree(old, ignore_errors=True)
        site.rename(old)
        _checkpoint("publish:moved-away")
        try:
            new.rename(site)
        except OSError:
            old.rename(site)
            raise


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux ``renameat2`` with RENAME_EXCHANGE); False where
    the OS or the file system cannot."""
    if sys.platform != "linux":
        return False
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)  # glibc 2.28 and later
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _recover(site: Path, work: Path) -> None:
    """Tidy what a build killed while publishing left: the old site back when it was killed
    between the two renames of a swap, and the site it was putting together removed."""
    new, old = work / STAGING, work / RETIRED
    try:
        if old.is_dir() and not site.exists():
            old.rename(site)
    except OSError as exc:
        raise PublishError(site, exc) from None
    shutil.rmtree(new, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)


def _update_in_place(built: Path, site: Path) -> None:
    """Make ``site`` equal to ``built`` file by file: for a site that is a mount point, which
    cannot be swapped. Each file is replaced whole, but a kill can leave old and new pages."""
    try:
        (site / SITE_MARKER).write_text("published by usm-docgen\n", encoding="utf-8")
        keep = {SITE_MARKER}  # posix paths relative to the site: strings hash faster than Paths
        for folder, _, files in os.walk(built):
            rel_folder = Path(folder).relative_to(built).as_posix()
            prefix = "" if rel_folder == "." else f"{rel_folder}/"
            if prefix:
                keep.add(rel_folder)
                (site / rel_folder).mkdir(exist_ok=True)
            for name in files:
                rel = prefix + name
                keep.add(rel)
                source, target = built / rel, site / rel
                s = source.stat()
                try:
                    t = target.stat()
                except FileNotFoundError:
                    pass
                else:
                    if t.st_size == s.st_size and t.st_mtime_ns == s.st_mtime_ns:
                        continue
                part = target.with_name(f".{name}.usm-part")
                shutil.copy2(source, part)
                part.replace(target)
        # what the build no longer makes goes, deepest first so emptied folders can go too
        for folder, _, files in os.walk(site, topdown=False):
            rel_folder = Path(folder).relative_to(site).as_posix()
            prefix = "" if rel_folder == "." else f"{rel_folder}/"
            for name in files:
                if prefix + name not in keep:
                    (site / (prefix + name)).unlink()
            if prefix and rel_folder not in keep and not any(Path(folder).iterdir()):
                Path(folder).rmdir()
    except OSError as exc:
        raise PublishError(site, exc, unchanged=False) from None


def serve(root: Path, port: int, out: Path | None = None, *, today: dt.date | None = None) -> int:
    """Live preview: rebuild on every change to conf/, workflows/ or hand-written pages.

    Sphinx writes straight into the site (a preview, not a publish), holding the work
    folder's lock all the while, as a build does.
    """
    from usm_docgen.exits import EXIT_USAGE, UsageError

    site, work, pages = paths(root, out)
    if site.exists() and not site.is_dir():
        raise UsageError(f"{site} is a file, not a folder; the site cannot go there")
    if not _is_ours(site, work):
        raise UsageError(f"{site} holds files that usm-docgen did not write; not serving there")
    try:
        with _locked(site, work):
            return _serve_locked(root, port, site, work, pages, today)
    except BuildError as exc:
        print(f"usm-docgen: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _serve_locked(
    root: Path, port: int, site: Path, work: Path, pages: Path | None, today: dt.date | None
) -> int:
    (work / "src").mkdir(parents=True, exist_ok=True)
    site.mkdir(parents=True, exist_ok=True)
    # so that a later build recognises the previewed site as ours and replaces it
    (site / SITE_MARKER).write_text("published by usm-docgen\n", encoding="utf-8")
    args = sphinx_args(root, work, pages, strict=False, today=today)
    args[1] = str(site)
    watch = [root / "conf", root / "workflows", *([pages] if pages else [])]
    command = [
        sys.executable,
        "-m",
        "sphinx_autobuild",
        *args,
        "--port",
        str(port),
        "--ignore",
        str(work),
        *[a for w in watch for a in ("--watch", str(w))],
    ]
    print(f"usm-docgen: serving {root} on http://127.0.0.1:{port}/ (Ctrl-C stops)")
    try:
        return subprocess.call(command, env=os.environ.copy())
    except KeyboardInterrupt:
        return 0
