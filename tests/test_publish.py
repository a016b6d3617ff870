"""Publishing: a killed, failed or concurrent build leaves the last good site or the new one,
never a mix; the site never goes inside the handbook's sources; the disk's refusals are
messages (exit 2), not bugs."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, hashes
from usm_docgen import build
from usm_docgen.cli import main

pytestmark = pytest.mark.slow

BUILD_TIMEOUT = 600
"""Seconds any one build in a subprocess may take (a full 100-workflow build takes ~50)."""

WORKFLOW = Path("workflows") / "uitvoeringsverzoek.yaml"


def _work(site: Path) -> Path:
    return site.parent / f".{site.name}.usm-work"


def _built(site: Path) -> dict[str, str]:
    """What ``site`` must hold once the build in its work folder is published."""
    marker = hashlib.sha256(b"published by usm-docgen\n").hexdigest()
    return {**hashes(_work(site) / "html"), build.SITE_MARKER: marker}


def _run(
    root: Path, site: Path, *, kill_at: str | None = None, lock_wait: float = 60
) -> subprocess.CompletedProcess[str]:
    """``usm-docgen build ROOT --out SITE`` in its own process, as a user runs it."""
    env = {**os.environ, build.LOCK_WAIT: str(lock_wait)}
    env.pop(build.KILL_AT, None)
    if kill_at:
        env[build.KILL_AT] = kill_at
    return subprocess.run(
        [sys.executable, "-m", "usm_docgen", "build", str(root), "--out", str(site)],
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )


def _start(root: Path, site: Path, lock_wait: float) -> subprocess.Popen[str]:
    env = {**os.environ, build.LOCK_WAIT: str(lock_wait)}
    env.pop(build.KILL_AT, None)
    return subprocess.Popen(
        [sys.executable, "-m", "usm_docgen", "build", str(root), "--out", str(site)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _edit(root: Path, rel: Path, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def _no_leftovers(site: Path) -> None:
    work = _work(site)
    assert not (work / build.STAGING).exists() and not (work / build.RETIRED).exists()
    assert not (work / build.BUILDING).exists()


# --- killed builds -------------------------------------------------------------------------


def test_a_build_killed_while_publishing_leaves_the_old_or_the_new_site(tmp_path: Path) -> None:
    """A site of some sixty pages, rebuilt with a change and killed at every step of the
    publish (the kill points are named, so the size only needs to be more than a toy): the
    site is byte for byte the last one or the new one, and the next build publishes the new
    one."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import synth

    root = synth.generate(tmp_path / "big", 12)
    site = tmp_path / "site"
    assert _run(root, site).returncode == 0
    kills = {"publish:staging": "old", "publish:staged": "old", "publish:swapped": "new"}
    for n, (point, expected) in enumerate(kills.items()):
        old = hashes(site)
        # an activity, not a title: a new title would rewrite every page's navigation
        activity = "Registreer wat er gebeurt"
        _edit(root, Path("workflows/wf-0001.yaml"), activity, f"{activity} ({n})")
        killed = _run(root, site, kill_at=point)
        assert killed.returncode == -signal.SIGKILL, (point, killed.stderr)
        new = _built(site)
        assert old != new, "the change reaches the site"
        assert hashes(site) == (old if expected == "old" else new), point
        after = _run(root, site)
        assert after.returncode == 0, (point, after.stderr)
        assert hashes(site) == new, point
        _no_leftovers(site)


def test_a_build_killed_while_sphinx_writes_is_rebuilt_afresh(
    base_copy: Path, tmp_path: Path
) -> None:
    """Killed with half the pages written, the environment already counts them all: the next
    build starts afresh and publishes exactly what a build from scratch publishes."""
    site = tmp_path / "site"
    assert _run(base_copy, site).returncode == 0
    old = hashes(site)
    _edit(base_copy, WORKFLOW, "Werkzaamheden plannen", "Werk inplannen")
    killed = _run(base_copy, site, kill_at="sphinx:writing")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert hashes(site) == old
    assert (_work(site) / build.BUILDING).exists()
    assert _run(base_copy, site).returncode == 0
    fresh = tmp_path / "fresh"
    assert _run(base_copy, fresh).returncode == 0
    assert hashes(site) == hashes(fresh)
    assert "Werk inplannen" in (site / "workflows" / "uitvoeringsverzoek.html").read_text("utf-8")
    _no_leftovers(site)


def test_a_first_publish_killed_is_finished_by_the_next_build(
    base_copy: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    for point in ("publish:staging", "publish:staged"):
        assert _run(base_copy, site, kill_at=point).returncode == -signal.SIGKILL
        assert not site.exists(), "no site rather than half of one"
    assert _run(base_copy, site).returncode == 0
    assert hashes(site) == _built(site)
    _no_leftovers(site)


def test_a_site_an_older_version_left_without_its_marker_is_repaired(
    base_copy: Path, tmp_path: Path
) -> None:
    """Before the marker was written first, a first publish killed early left a folder of our
    pages without it; it is recognised by its layout (our work folder built those files)."""
    site = tmp_path / "site"
    assert main(["build", str(base_copy), "--out", str(site)]) == 0
    (site / build.SITE_MARKER).unlink()
    shutil.rmtree(site / "_static")
    (site / "workflows" / "uitvoeringsverzoek.html").write_text("<p>half", "utf-8")
    assert main(["build", str(base_copy), "--out", str(site)]) == 0
    assert hashes(site) == _built(site)


def test_a_foreign_folder_beside_a_work_folder_is_still_refused(
    base_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    assert main(["build", str(base_copy), "--out", str(site)]) == 0
    shutil.rmtree(site)
    site.mkdir()
    (site / "index.html").write_text("mine", "utf-8")  # a name our build makes too
    (site / "notes.txt").write_text("mine", "utf-8")  # and one it does not
    capsys.readouterr()
    assert main(["build", str(base_copy), "--out", str(site)]) == 2
    assert "holds files that usm-docgen did not write" in capsys.readouterr().err
    assert hashes(site) == {
        "index.html": hashlib.sha256(b"mine").hexdigest(),
        "notes.txt": hashlib.sha256(b"mine").hexdigest(),
    }


class Killed(BaseException):
    """A stand-in for SIGKILL inside this process: nothing catches it."""


@pytest.fixture
def two_renames(monkeypatch: pytest.MonkeyPatch) -> None:
    """An OS or file system that cannot swap two folders in one step."""
    monkeypatch.setattr(build, "_exchange", lambda _a, _b: False)


@pytest.mark.usefixtures("two_renames")
def test_without_an_atomic_swap_a_kill_between_the_renames_is_undone(
    base_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    assert main(["build", str(base_copy), "--out", str(site)]) == 0
    old = hashes(site)
    _edit(base_copy, WORKFLOW, "Werkzaamheden plannen", "Werk inplannen")
    assert main(["build", str(base_copy), "--out", str(site)]) == 0, "two renames publish too"
    assert hashes(site) == _built(site) != old
    _no_leftovers(site)

    def die(name: str) -> None:
        if name == "publish:moved-away":
            raise Killed

    _edit(base_copy, WORKFLOW, "Werk inplannen", "Werk plannen")
    last = hashes(site)
    monkeypatch.setattr(build, "_checkpoint", die)
    with pytest.raises(Killed):
        main(["build", str(base_copy), "--out", str(site)])
    assert not site.exists(), "killed between the two renames"
    monkeypatch.undo()  # the real checkpoints, and renames that swap again
    monkeypatch.setattr(build, "_exchange", lambda _a, _b: False)
    monkeypatch.setattr(build, "publish", _spy_on_recovery(site, last, build.publish))
    assert main(["build", str(base_copy), "--out", str(site)]) == 0
    assert hashes(site) == _built(site)
    _no_leftovers(site)


def _spy_on_recovery(
    site: Path, last: dict[str, str], real: Callable[[Path, Path], None]
) -> Callable[[Path, Path], None]:
    """``publish`` that first checks the build put the last site back before it built."""

    def publish(built: Path, target: Path) -> None:
        assert hashes(site) == last, "the old site is back before the new one is published"
        real(built, target)

    return publish


# --- concurrent builds ---------------------------------------------------------------------


def test_two_builds_into_one_site_never_crash(base_copy: Path, tmp_path: Path) -> None:
    """Six pairs started together, half giving up at once and half waiting, with a change to
    publish in one of each: each builds, or gives up with the message (exit 2)."""
    site = tmp_path / "site"
    assert _run(base_copy, site).returncode == 0
    for n in range(6):
        if n % 3 == 0:  # now and then there is something to publish
            names = ("Werkzaamheden plannen", "Werk inplannen")
            _edit(base_copy, WORKFLOW, *(names if n % 2 == 0 else names[::-1]))
        wait = 0 if n % 2 == 0 else 120  # give up at once, or wait for the other one
        pair = [_start(base_copy, site, wait) for _ in range(2)]
        results = []
        for proc in pair:
            try:
                _, err = proc.communicate(timeout=BUILD_TIMEOUT)
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait(timeout=30)
            results.append((proc.returncode, err))
        for code, err in results:
            assert "internal error" not in err and "Traceback" not in err, err
            assert code in (0, 2), err
            if code == 2:
                assert "another build is running into" in err, err
        assert 0 in {code for code, _ in results}, f"pair {n}: one of them builds"
        if wait:
            assert [code for code, _ in results] == [0, 0], f"pair {n}: the second one waits"
        assert hashes(site) == _built(site)
        _no_leftovers(site)


@contextlib.contextmanager
def _lock_held(site: Path) -> Iterator[None]:
    """Hold ``site``'s build lock, as a running build does."""
    work = _work(site)
    work.mkdir(parents=True, exist_ok=True)
    fd = os.open(work / build.LOCK, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def test_a_build_gives_up_while_another_one_holds_the_site(
    base_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    site = tmp_path / "site"
    assert main(["build", str(base_copy), "--out", str(site)]) == 0
    published = hashes(site)
    monkeypatch.setenv(build.LOCK_WAIT, "0")
    capsys.readouterr()
    with _lock_held(site):
        assert main(["build", str(base_copy), "--out", str(site)]) == 2
        err = capsys.readouterr().err
        assert f"usm-docgen: another build is running into {site} " in err
        assert build.serve(base_copy, 8000, site) == 2, "a preview waits its turn too"
        assert "another build is running" in capsys.readouterr().err
    assert hashes(site) == published
    assert main(["build", str(base_copy), "--out", str(site)]) == 0


@pytest.mark.parametrize("value", ["ten", "-1", "nan", "inf"])
def test_a_lock_wait_that_is_no_number_of_seconds_is_a_usage_message(
    base_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    value: str,
) -> None:
    monkeypatch.setenv(build.LOCK_WAIT, value)
    assert main(["build", str(base_copy), "--out", str(tmp_path / "site")]) == 2
    assert capsys.readouterr().err == (
        f"usm-docgen: {build.LOCK_WAIT} is {value!r}; it must be a number of seconds, 0 or more\n"
    )
    assert not (tmp_path / "site").exists()


def test_serve_marks_the_site_it_writes_as_ours(
    base_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """sphinx-autobuild writes straight into the site; a later build must still replace it."""
    calls: list[list[str]] = []

    def call(command: list[str], **_: Any) -> int:
        calls.append(command)
        return 0

    monkeypatch.setattr(subprocess, "call", call)
    site = tmp_path / "site"
    assert build.serve(base_copy, 8000, site) == 0
    assert calls and str(site) in calls[0]
    assert (site / build.SITE_MARKER).is_file()
    (site / "index.html").write_text("a preview page", "utf-8")
    assert main(["build", str(base_copy), "--out", str(site)]) == 0


# --- the site outside the sources ----------------------------------------------------------


@pytest.mark.parametrize(
    "out", ["handbook/html", "handbook/_build", "conf/site", "workflows/html", "."]
)
def test_the_site_never_goes_inside_the_handbook_sources(
    base_copy: Path, out: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every build reads handbook/, conf/ and workflows/: a site or work folder there would
    be copied into the next site, and so on until the path is too long. Refused, every time."""
    (base_copy / "handbook").mkdir(exist_ok=True)
    (base_copy / "handbook" / "extra.md").write_text("# Extra\n\nHand-written.\n", "utf-8")
    before = hashes(base_copy)
    for _ in range(2):
        assert main(["build", str(base_copy), "--out", str(base_copy / out)]) == 2
        err = capsys.readouterr().err
        assert f"usm-docgen: --out {(base_copy / out).resolve()} " in err
        assert "Traceback" not in err
    assert hashes(base_copy) == before, "nothing was written into the handbook"
    assert sorted(p.name for p in base_copy.iterdir()) == ["conf", "handbook", "workflows"]


def test_the_default_site_inside_handbook_builds_again_and_again(
    base_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """handbook/_build/ is skipped by name when pages are copied: the default place stays."""
    pages = base_copy / "handbook"
    pages.mkdir()
    (pages / "extra.md").write_text("# Extra\n\nHand-written.\n", "utf-8")
    for _ in range(2):
        assert main(["build", str(base_copy)]) == 0, capsys.readouterr().err
    site = pages / "_build" / "html"
    assert (site / "extra.html").is_file()
    work = _work(site)
    assert work.parent == pages / "_build"
    copied = {p.relative_to(work / "src").parts[0] for p in (work / "src").rglob("*")}
    assert "_build" not in copied and not any(name.endswith(".usm-work") for name in copied)
    assert build.paths(base_copy, None)[0] == site.resolve(), "usm-docgen serve's site too"


# --- the disk says no ----------------------------------------------------------------------


def _refuse(code: int) -> Callable[..., Any]:
    def refuse(*args: Any, **_: Any) -> Any:
        paths = [a for a in args if isinstance(a, (str, os.PathLike))]
        raise OSError(code, os.strerror(code), os.fspath(paths[-1]) if paths else None)

    return refuse


def _while_publishing(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, code: int) -> None:
    """Make ``owner.name`` fail with ``code`` during the publish step only."""
    real_publish = build.publish

    def publish(built: Path, site: Path) -> None:
        with monkeypatch.context() as m:
            m.setattr(owner, name, _refuse(code))
            real_publish(built, site)

    monkeypatch.setattr(build, "publish", publish)


@pytest.mark.parametrize(
    ("owner", "name", "code", "reason"),
    [
        (shutil, "copy2", errno.ENOSPC, "no space left on device"),
        (os, "mkdir", errno.EROFS, "read-only file system"),
        (build, "_exchange", errno.EACCES, "permission denied ("),
    ],
    ids=["disk-full", "read-only", "no-access"],
)
def test_a_publish_the_disk_refuses_is_a_message_and_leaves_the_site(
    base_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    owner: Any,
    name: str,
    code: int,
    reason: str,
) -> None:
    site = tmp_path / "site"
    assert main(["build", str(base_copy), "--out", str(site)]) == 0
    published = hashes(site)
    _edit(base_copy, WORKFLOW, "Werkzaamheden plannen", "Werk inplannen")
    _while_publishing(monkeypatch, owner, name, code)
    capsys.readouterr()
    assert main(["build", str(base_copy), "--out", str(site)]) == 2
    err = capsys.readouterr().err
    assert f"usm-docgen: cannot publish to {site}: {reason}" in err
    assert err.rstrip().endswith("; the published site is unchanged"), err
    assert "internal error" not in err
    assert hashes(site) == published
    _no_leftovers(site)
    monkeypatch.undo()
    assert main(["build", str(base_copy), "--out", str(site)]) == 0
    assert hashes(site) == _built(site) != published


def test_a_disk_full_while_sphinx_writes_is_a_message_and_the_next_build_starts_afresh(
    base_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Sphinx only warns when it cannot write a page: a lenient build must not publish the
    page the full disk cut short, nor take it for written next time."""
    site = tmp_path / "site"
    assert main(["build", str(base_copy), "--out", str(site)]) == 0
    published = hashes(site)
    real = Path.write_text

    def write_text(self: Path, data: str, *args: Any, **kwargs: Any) -> int:
        if self.name == "uitvoeringsverzoek.html" and self.parent.parent.name == "html":
            real(self, data[: len(data) // 2], *args, **kwargs)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real(self, data, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", write_text)
    _edit(base_copy, WORKFLOW, "Werkzaamheden plannen", "Werk inplannen")
    capsys.readouterr()
    assert main(["build", str(base_copy), "--out", str(site)]) == 2
    err = capsys.readouterr().err
    work = _work(site)
    assert f"usm-docgen: cannot build in {work}: no space left on device; the published " in err
    assert "internal error" not in err
    assert hashes(site) == published
    monkeypatch.undo()
    assert main(["build", str(base_copy), "--out", str(site)]) == 0
    fresh = tmp_path / "fresh"
    assert main(["build", str(base_copy), "--out", str(fresh)]) == 0
    assert hashes(site) == hashes(fresh), "rebuilt from scratch: no half-written page"


def test_an_out_that_is_a_file_is_a_message(
    base_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    site.write_text("a file", "utf-8")
    assert main(["build", str(base_copy), "--out", str(site)]) == 2
    assert f"usm-docgen: --out {site} is a file, not a folder" in capsys.readouterr().err
    assert site.read_text("utf-8") == "a file"


def test_an_unwritable_place_for_the_work_folder_is_a_message(
    base_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    real = Path.mkdir

    def mkdir(self: Path, *args: Any, **kwargs: Any) -> None:
        if self.name.endswith(".usm-work"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))
        real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    site = tmp_path / "site"
    assert main(["build", str(base_copy), "--out", str(site)]) == 2
    err = capsys.readouterr().err
    assert f"usm-docgen: cannot build in {_work(site)}: read-only file system; the " in err
    assert not site.exists()


# --- what a reader sees --------------------------------------------------------------------


def test_a_later_build_never_changes_a_published_file(base_copy: Path, tmp_path: Path) -> None:
    """Unchanged files are hard links to the last site's, never to Sphinx's own output (which
    Sphinx rewrites in place): a file once published keeps its bytes while it exists."""
    site = tmp_path / "site"
    assert main(["build", str(base_copy), "--out", str(site)]) == 0
    first = {p: (p.stat().st_ino, h) for p, h in ((site / r, h) for r, h in hashes(site).items())}
    held = {p: p.open("rb") for p in first}  # a reader in the middle of each file
    try:
        _edit(base_copy, WORKFLOW, "Werkzaamheden plannen", "Werk inplannen")
        assert main(["build", str(base_copy), "--out", str(site)]) == 0
        for path, (_, digest) in first.items():
            assert hashlib.sha256(held[path].read()).hexdigest() == digest, path
    finally:
        for f in held.values():
            f.close()
    work_inodes = {p.stat().st_ino for p in (_work(site) / "html").rglob("*") if p.is_file()}
    now = {p: p.stat().st_ino for p in site.rglob("*") if p.is_file()}
    assert not work_inodes & set(now.values()), "nothing shared with Sphinx's output"
    kept = {p for p, ino in now.items() if p in first and first[p][0] == ino}
    assert kept, "unchanged files are linked, not copied again"
    assert site / "workflows" / "uitvoeringsverzoek.html" not in kept
    assert hashes(site) == _built(site)


def test_a_site_that_is_a_mount_point_is_updated_in_place(
    base_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mount point cannot be renamed: its files are replaced one by one, as before."""
    site = tmp_path / "site"
    assert main(["build", str(base_copy), "--out", str(site)]) == 0
    folder = site.stat().st_ino
    monkeypatch.setattr(os.path, "ismount", lambda p: Path(p) == site.resolve())
    _edit(base_copy, WORKFLOW, "Werkzaamheden plannen", "Werk inplannen")
    assert main(["build", str(base_copy), "--out", str(site)]) == 0
    assert site.stat().st_ino == folder
    assert hashes(site) == _built(site)
