"""Issue 7, trust boundary: only our own Node tools run, and only regular files inside the root
are read or published (links out of the root, FIFOs and sockets are reported, never opened)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.conftest import BASE, REPO, SHARED_EXAMPLES
from usm_docgen import catalog, mermaid_check
from usm_docgen.cli import main

OWN_MERMAID_JS = REPO / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
SECRET = "password: hunter2\nusername: deploy-bot\n"


@pytest.fixture(autouse=True)
def _no_hang() -> Iterator[None]:
    """Opening a FIFO blocks until a writer comes: fail instead of hanging the suite."""

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("blocked: something opened a FIFO")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(300)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def validate(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    """Run ``usm-docgen validate`` in ``root``; (exit code, output lines without the summary)."""
    os.chdir(root)
    code = main(["validate", *args])
    out = capsys.readouterr().out
    return code, out.splitlines()[:-1] if "--format" not in args else [out]


@pytest.fixture
def in_root(base_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(base_copy)  # restored after the test; validate() changes into the root
    return base_copy


def outside(root: Path, rel: str, text: str = SECRET) -> Path:
    """A file beside the handbook root (in the folder holding it), as a link target."""
    target = root.parent / "outside" / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


# --- (5) Node, Mermaid and jsdom come from usm-docgen's own installation -------------------


def _plant(folder: Path, marker: Path) -> None:
    """node_modules/{mermaid,jsdom} whose every entry point writes ``marker`` when run."""
    code = f"require('fs').writeFileSync({json.dumps(str(marker))}, 'planted code ran\\n');\n"
    esm = "import { writeFileSync } from 'node:fs';\n" + code.replace("require('fs').", "")
    mermaid = folder / "node_modules" / "mermaid"
    (mermaid / "dist").mkdir(parents=True)
    (mermaid / "package.json").write_text(
        json.dumps(
            {
                "name": "mermaid",
                "version": "11.17.2",
                "main": "index.js",
                "module": "index.mjs",
                "exports": {".": {"import": "./index.mjs", "default": "./index.js"}},
            }
        )
    )
    (mermaid / "index.js").write_text(code)
    (mermaid / "index.mjs").write_text(esm)
    (mermaid / "dist" / "mermaid.min.js").write_text(code)
    jsdom = folder / "node_modules" / "jsdom"
    jsdom.mkdir(parents=True)
    (jsdom / "package.json").write_text(json.dumps({"name": "jsdom", "main": "index.js"}))
    (jsdom / "index.js").write_text(code)


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("node") is None or not OWN_MERMAID_JS.is_file(),
    reason="needs node and usm-docgen's own node_modules (npm ci)",
)
def test_node_modules_planted_beside_the_handbook_is_never_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("USM_DOCGEN_NODE_MODULES", raising=False)
    hb = tmp_path / "x" / "hb"
    shutil.copytree(SHARED_EXAMPLES / "minimal", hb)
    marker = tmp_path / "x" / "PLANTED-CODE-RAN"
    _plant(tmp_path / "x", marker)
    monkeypatch.chdir(tmp_path / "x")  # not the caller's folder either
    out = tmp_path / "site"
    assert main(["build", str(hb), "--out", str(out)]) == 0
    assert not marker.exists(), "Node ran a node_modules/ planted beside the handbook"
    published = out / "_static" / "mermaid.min.js"
    assert published.read_bytes() == OWN_MERMAID_JS.read_bytes()
    assert "diagrams not checked" not in capsys.readouterr().err  # our own check did run


def _fake_project(folder: Path) -> Path:
    (folder / "node_modules" / "mermaid").mkdir(parents=True)
    (folder / "node_modules" / "mermaid" / "package.json").write_text("{}")
    return folder


def test_node_project_is_our_own_unless_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("USM_DOCGEN_NODE_MODULES", raising=False)
    own = Path(mermaid_check.__file__).resolve().parent.parent
    assert own == mermaid_check.OWN_PROJECT
    _fake_project(tmp_path)
    monkeypatch.chdir(tmp_path)  # a node_modules/ in the caller's folder is not looked at
    named = _fake_project(tmp_path / "named")
    env = _fake_project(tmp_path / "env")
    monkeypatch.setattr(mermaid_check, "OWN_PROJECT", _fake_project(tmp_path / "own"))
    assert mermaid_check.node_project() == tmp_path / "own"
    assert mermaid_check.node_project(named / "node_modules") == named
    monkeypatch.setenv("USM_DOCGEN_NODE_MODULES", str(env / "node_modules"))
    assert mermaid_check.node_project(named / "node_modules") == env  # the environment wins
    monkeypatch.setenv("USM_DOCGEN_NODE_MODULES", str(tmp_path / "nothing" / "node_modules"))
    assert mermaid_check.node_project() is None  # named but empty: no falling back elsewhere


def test_the_checker_runs_in_the_project_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Node resolves from the project folder, never from the caller's folder."""
    project = _fake_project(tmp_path / "tools")
    calls: list[dict[str, Any]] = []

    def run(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        calls.append({"args": args, **kwargs})
        return subprocess.CompletedProcess(args, 0, '[{"key": "a", "ok": true}]', "")

    monkeypatch.setattr(mermaid_check.subprocess, "run", run)
    monkeypatch.setattr(mermaid_check.shutil, "which", lambda name: "/usr/bin/node")
    monkeypatch.chdir(tmp_path)
    assert mermaid_check.check_diagrams({"a": "flowchart TD\n"}, project) == {"a": None}
    assert calls[0]["cwd"] == project
    assert calls[0]["args"][-1] == str(project)
    with pytest.raises(mermaid_check.MermaidCheckUnavailable, match="node_modules/mermaid"):
        mermaid_check.check_diagrams({"a": "x"}, project / "sub")  # no walking up to a parent


# --- (6) files that are not files -----------------------------------------------------------

OUT = "symbolic link to a place outside the handbook root; it is not followed [usm.outside-root]"


def test_a_workflow_linked_to_a_credentials_file_is_refused_without_its_content(
    in_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (in_root / "workflows" / "geheim.yaml").symlink_to(outside(in_root, "secret.yaml"))
    (in_root / "conf" / "handbook.yaml").unlink()
    (in_root / "conf" / "handbook.yaml").symlink_to(outside(in_root, "deploy/credentials.yaml"))
    code, lines = validate(in_root, capsys)
    assert (code, lines) == (
        1,
        [f"conf/handbook.yaml:1:1: error: {OUT}", f"workflows/geheim.yaml:1:1: error: {OUT}"],
    )
    for fmt in (["--format", "json"], ["--strict"]):
        _, shown = validate(in_root, capsys, *fmt)
        text = "\n".join(shown)
        for word in ("hunter2", "password", "deploy-bot", "username", "secret"):
            assert word not in text.replace("geheim", "")


def test_conf_and_workflows_folders_linked_out_of_the_root(
    in_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("conf", "workflows"):
        shutil.copytree(in_root / name, in_root.parent / "outside" / name)
        shutil.rmtree(in_root / name)
        (in_root / name).symlink_to(in_root.parent / "outside" / name)
    assert validate(in_root, capsys) == (
        1,
        [f"conf:1:1: error: {OUT}", f"workflows:1:1: error: {OUT}"],
    )


def test_a_link_through_a_linked_folder_is_refused(
    in_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each folder on the way counts: a link inside the root into a folder that links out."""
    shutil.copytree(in_root / "workflows", in_root.parent / "outside" / "wf")
    (in_root / "elders").symlink_to(in_root.parent / "outside" / "wf")
    shutil.rmtree(in_root / "workflows")
    (in_root / "workflows").symlink_to("elders")
    assert validate(in_root, capsys) == (1, [f"workflows:1:1: error: {OUT}"])


def test_links_that_stay_inside_the_root_are_fine(
    in_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (in_root / "gedeeld").mkdir()
    (in_root / "conf" / "profiles.yaml").rename(in_root / "gedeeld" / "profiles.yaml")
    (in_root / "conf" / "profiles.yaml").symlink_to("../gedeeld/profiles.yaml")
    (in_root / "werk").mkdir()
    for f in (in_root / "workflows").iterdir():
        f.rename(in_root / "werk" / f.name)
    (in_root / "workflows").rmdir()
    (in_root / "workflows").symlink_to(in_root / "werk")  # absolute, still inside
    assert validate(in_root, capsys) == (0, [])


def test_fifo_and_socket_named_yaml_are_reported_never_opened(
    in_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(in_root / "workflows" / "pijp.yaml")
    (in_root / "conf" / "scope.yaml").unlink()
    os.mkfifo(in_root / "conf" / "scope.yaml")
    os.chdir(in_root / "workflows")  # a socket path must be short
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind("stopcontact.yaml")
        code, lines = validate(in_root, capsys)
    assert code == 1
    assert lines == [
        "conf/scope.yaml:1:1: error: not a regular file but a FIFO (named pipe); it is never "
        "opened [usm.not-a-file]",
        "workflows/pijp.yaml:1:1: error: not a regular file but a FIFO (named pipe); it is never "
        "opened [usm.not-a-file]",
        "workflows/stopcontact.yaml:1:1: error: not a regular file but a socket; it is never "
        "opened [usm.not-a-file]",
    ]


def test_a_folder_named_like_a_conf_file(in_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (in_root / "conf" / "scope.yaml").unlink()
    (in_root / "conf" / "scope.yaml").mkdir()
    assert validate(in_root, capsys) == (
        1,
        [
            "conf/scope.yaml:1:1: error: not a regular file but a folder; it is never opened "
            "[usm.not-a-file]"
        ],
    )


def test_a_broken_link_is_unreadable(in_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (in_root / "workflows" / "weg.yaml").symlink_to("nergens.yaml")
    assert validate(in_root, capsys) == (
        1,
        ["workflows/weg.yaml:1:1: error: cannot read (no such file or directory) [usm.unreadable]"],
    )


def _deny(monkeypatch: pytest.MonkeyPatch, name: str, number: int = errno.EACCES) -> None:
    """Opening or listing paths ending in ``name`` fails (root ignores chmod)."""
    for owner, function in ((Path, "open"), (os, "scandir")):
        real = getattr(owner, function)

        def fake(path: Any, *args: Any, _real: Any = real, **kwargs: Any) -> Any:
            if str(path).endswith(name):
                raise OSError(number, os.strerror(number), str(path))
            return _real(path, *args, **kwargs)

        monkeypatch.setattr(owner, function, fake)


def test_permission_denied(
    in_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _deny(monkeypatch, "governance.yaml")
    _deny(monkeypatch, "storing-zonder-wijziging.yaml", errno.EIO)
    assert validate(in_root, capsys) == (
        1,
        [
            "conf/governance.yaml:1:1: error: cannot read (permission denied) [usm.unreadable]",
            "workflows/storing-zonder-wijziging.yaml:1:1: error: cannot read (input/output error) "
            "[usm.unreadable]",
        ],
    )


def test_a_folder_that_cannot_be_listed(
    in_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _deny(monkeypatch, "workflows")
    assert validate(in_root, capsys) == (
        1,
        ["workflows:1:1: error: cannot read (permission denied) [usm.unreadable]"],
    )


# --- hand-written pages: handbook/ is copied into the site ----------------------------------


def _pages_with_trouble(root: Path) -> None:
    pages = root / "handbook"
    (pages / "sub").mkdir(parents=True)
    (pages / "index.md").write_text("# Start\n", encoding="utf-8")
    (pages / "sub" / "ok.md").write_text("# Goed\n", encoding="utf-8")
    (pages / "binnen.md").symlink_to("sub/ok.md")  # stays inside: fine
    (pages / "geheim.md").symlink_to(outside(root, "secret.yaml"))
    (pages / "map").symlink_to(outside(root, "map/x.md").parent)
    os.mkfifo(pages / "sub" / "pijp.md")
    (pages / "_build").mkdir()
    os.mkfifo(pages / "_build" / "skipped.md")  # build output is not a page


PAGE_LINES = [
    f"handbook/geheim.md:1:1: error: {OUT}",
    f"handbook/map:1:1: error: {OUT}",
    "handbook/sub/pijp.md:1:1: error: not a regular file but a FIFO (named pipe); it is never "
    "opened [usm.not-a-file]",
]


def test_pages_linked_out_or_not_files_are_refused(
    in_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _pages_with_trouble(in_root)
    assert validate(in_root, capsys) == (1, PAGE_LINES)
    out = in_root.parent / "site"
    assert main(["build", ".", "--out", str(out)]) == 1  # validate() went into the root
    said = capsys.readouterr().out.splitlines()
    assert said[0].startswith("usm-docgen: checked "), said  # the build's first progress line
    assert said[1:-1] == PAGE_LINES
    assert not out.exists()


def test_the_pages_folder_itself_linked_out(
    in_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside(in_root, "pages/index.md", "# Start\n")
    (in_root / "handbook").symlink_to(in_root.parent / "outside" / "pages")
    assert validate(in_root, capsys) == (1, [f"handbook:1:1: error: {OUT}"])


def test_copy_pages_never_copies_a_link_out_or_a_fifo(in_root: Path, tmp_path: Path) -> None:
    from usm_docgen.sphinx_ext import _copy_pages

    _pages_with_trouble(in_root)
    src = tmp_path / "src"
    src.mkdir()
    config = SimpleNamespace(usm_pages=str(in_root / "handbook"), usm_root=str(in_root))
    copied = _copy_pages(SimpleNamespace(config=config), src)  # type: ignore[arg-type]
    assert copied == {"binnen.md", "index.md", "sub/ok.md"}
    assert sorted(p.relative_to(src).as_posix() for p in src.rglob("*")) == [
        "binnen.md",
        "index.md",
        "sub",
        "sub/ok.md",
    ]
    assert not any(p.is_symlink() for p in src.rglob("*"))


# --- git revisions ---------------------------------------------------------------------------


def test_a_symlink_in_a_git_revision_is_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    outside(root, "secret.yaml")
    (root / "workflows" / "geheim.yaml").symlink_to("../../outside/secret.yaml")
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "one"], check=True)
    result = catalog.load(catalog.GitTree(root, "HEAD"), "")
    assert [d.format() for d in result.diagnostics] == [
        "workflows/geheim.yaml:1:1: error: not a regular file but a symbolic link; it is not "
        "followed [usm.not-a-file]"
    ]
