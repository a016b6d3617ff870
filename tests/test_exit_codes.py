"""Issue 8, point 6: exit codes and messages that tell the truth. What the machine refuses is
said as such (exit 2, never 'a bug in usm-docgen'), an unreadable file is one more listed
problem, what becomes of the output (a closed pipe, a closed or full stdout) never changes
the exit code or ends in a traceback, JSON is valid for any file name, ``serve --port`` and
``new workflow --owner`` are checked before anything is done, and ``new`` never writes
through a symbolic link."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from tests.conftest import BASE
from usm_docgen import commands, scaffold
from usm_docgen.cli import main

SCRIPT = Path(sys.executable).parent / "usm-docgen"
"""The console script, run as a user runs it wherever the streams matter."""
WORKFLOW = "workflows/uitvoeringsverzoek.yaml"
REVIEW_STEP = (
    "  - id: toetsen\n    name: Oplevering toetsen\n    kind: review\n"
    "    raci: {coordinator: RA, melder: C}\n"
)
BAD_LANGUAGE = (
    "conf/handbook.yaml:3:11: error: 'language' is 'NL', which is not allowed (did you mean "
    "'nl'?); use one of: nl, en [usm.bad-value]"
)
FULL = "usm-docgen: cannot write to standard output: no space left on device\n"
TIMEOUT = 120
NOBODY = 65534

Edit = Callable[[Path], None]


# --- helpers -------------------------------------------------------------------------------


def _copy(to: Path) -> Path:
    shutil.copytree(BASE, to)
    return to


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A fresh copy of the small clean handbook tests/base."""
    return _copy(tmp_path / "hb")


def _warning_only(root: Path, stem: str = "uitvoeringsverzoek") -> None:
    """Leave out the review step of a template-5 workflow: one conformance warning."""
    path = root / "workflows" / f"{stem}.yaml"
    text = path.read_text("utf-8")
    assert text.count(REVIEW_STEP) == 1
    path.write_text(text.replace(REVIEW_STEP, ""), "utf-8")


def _with_error(root: Path) -> None:
    """'language: NL' in conf/handbook.yaml: exactly the error ``BAD_LANGUAGE``."""
    path = root / "conf/handbook.yaml"
    text = path.read_text("utf-8")
    assert text.count("language: nl\n") == 1
    path.write_text(text.replace("language: nl\n", "language: NL\n"), "utf-8")


def _run(
    args: Sequence[str],
    *,
    prefix: Sequence[str] = (),
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdout: int | None = subprocess.PIPE,
) -> subprocess.CompletedProcess[bytes]:
    """``usm-docgen ARGS`` in its own process; output kept as bytes, to check the encoding."""
    return subprocess.run(
        [*prefix, str(SCRIPT), *args],
        cwd=cwd,
        env=env,
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=TIMEOUT,
        check=False,
    )


def _shell(script: str, *args: str | Path, cwd: Path | None = None) -> tuple[int, str, str]:
    """``script`` run by ``bash -o pipefail``, with the console script as $0 and ``args`` as
    $1, $2, …; (exit status, stdout, stderr)."""
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", script, str(SCRIPT), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def _not_a_bug(err: str) -> None:
    assert "internal error" not in err and "bug" not in err, err
    assert "Traceback" not in err, err


def _listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.fixture(autouse=True)
def _console_script() -> None:
    if not SCRIPT.exists():  # pragma: no cover - the package is always installed in CI
        pytest.fail(f"{SCRIPT} is missing: pip install -e . first", pytrace=False)


# --- environment failures are environment messages -----------------------------------------


@pytest.mark.parametrize(
    ("args", "edit"),
    [
        (["validate", "."], None),
        (["validate", ".", "--format", "json"], None),
        (["validate", "."], _with_error),  # the command's own 1 cannot be told: 2
        (["schema", "workflow"], None),
        (["--version"], None),
        (["--help"], None),
    ],
    ids=["validate", "validate-json", "validate-errors", "schema", "version", "help"],
)
def test_stdout_on_a_full_disk_is_an_environment_message(
    root: Path, args: list[str], edit: Edit | None
) -> None:
    """``> /dev/full``: the output is lost, so exit 2 says so, and why; never exit 0."""
    if edit is not None:
        edit(root)
    with Path("/dev/full").open("wb") as full:
        done = _run(args, cwd=root, stdout=full.fileno())
    err = done.stderr.decode()
    assert (done.returncode, err) == (2, FULL)


def test_a_full_disk_for_a_file_is_an_environment_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "schemas"
    out.mkdir()
    (out / "workflow.json").symlink_to("/dev/full")  # a file on a disk that is full
    assert main(["schema", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == f"usm-docgen: cannot write {out}/workflow.json: no space left on device\n"


def test_a_file_as_out_is_a_usage_message(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "a-file"
    file.write_text("mine\n", "utf-8")
    assert main(["schema", "--out", str(file)]) == 2
    assert capsys.readouterr().err == (
        f"usm-docgen: --out {file} is a file, not a folder; choose a folder for the schemas\n"
    )
    assert main(["build", str(root), "--out", str(file)]) == 2
    assert capsys.readouterr().err == (
        f"usm-docgen: --out {file} is a file, not a folder; choose a folder for the site\n"
    )
    assert file.read_text("utf-8") == "mine\n"


def test_an_out_below_a_file_is_an_environment_message(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ENOTDIR: a part of the path given is a file."""
    file = tmp_path / "a-file"
    file.write_text("mine\n", "utf-8")
    assert main(["schema", "--out", str(file / "schemas")]) == 2
    assert capsys.readouterr().err == (
        f"usm-docgen: cannot create the folder {file}/schemas: a part of the path is a file, "
        "not a folder\n"
    )
    assert main(["build", str(root), "--out", str(file / "site")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"usm-docgen: cannot build in {file}/.site.usm-work: not a directory")
    assert err.endswith("; the published site is unchanged\n")
    _not_a_bug(err)
    assert file.read_text("utf-8") == "mine\n"


# --- as a user without privileges: no access is an environment message ----------------------


@pytest.fixture(scope="session")
def unprivileged() -> list[str]:
    """What runs a command as a user that file permissions stop: nothing when the tests run
    as such a user; as root (CI), ``setpriv`` or ``runuser`` to nobody (uid 65534)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv"):
        prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    elif shutil.which("runuser"):
        prefix = ["runuser", "-u", "nobody", "--"]
    else:  # pragma: no cover - util-linux is part of every Debian
        pytest.skip("running as root without setpriv or runuser: cannot drop privileges")
    probe = _run(["--version"], prefix=prefix, cwd=Path("/"))
    if probe.returncode != 0:  # pragma: no cover - the interpreter is out of nobody's reach
        pytest.skip(f"usm-docgen does not run as nobody here: {probe.stderr.decode().strip()}")
    return prefix


@pytest.fixture
def open_tmp() -> Iterator[Path]:
    """A scratch folder that nobody (uid 65534) can enter: pytest's own is root's alone."""
    folder = Path(tempfile.mkdtemp(prefix="usm-exit-codes-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:  # given back to remove it as a non-root user
            if not path.is_symlink():
                path.chmod(path.stat().st_mode | stat.S_IRWXU)
        shutil.rmtree(folder)


def test_an_unreadable_file_is_one_more_problem_with_every_other_still_listed(
    open_tmp: Path, unprivileged: list[str]
) -> None:
    """chmod 000 (read by a user it stops): ``path:1:1: error: cannot read (permission
    denied)``, exit 1, and the other files are still read and their problems listed."""
    hb = _copy(open_tmp / "hb")
    _with_error(hb)
    _warning_only(hb)
    (hb / "conf/governance.yaml").chmod(0)
    (hb / "workflows/storing-zonder-wijziging.yaml").chmod(0)
    done = _run(["validate"], prefix=unprivileged, cwd=hb)
    out, err = done.stdout.decode(), done.stderr.decode()
    assert (done.returncode, err) == (1, "")
    assert out.splitlines() == [
        "conf/governance.yaml:1:1: error: cannot read (permission denied) [usm.unreadable]",
        BAD_LANGUAGE,
        "workflows/storing-zonder-wijziging.yaml:1:1: error: cannot read (permission denied) "
        "[usm.unreadable]",
        f"{WORKFLOW}:9:1: warning: template 5 expects a step of kind 'review' (skeleton: "
        "accept, classify, plan, execute, review, evaluate); add one, or list it under "
        "'omitted:' with a reason [usm.conformance]",
        "3 errors, 1 warning in 6 files",  # the six files that could be read
    ]


def test_a_folder_that_cannot_be_listed_is_one_more_problem(
    open_tmp: Path, unprivileged: list[str]
) -> None:
    hb = _copy(open_tmp / "hb")
    _with_error(hb)
    (hb / "workflows").chmod(0)
    done = _run(["validate", "--format", "json"], prefix=unprivileged, cwd=hb)
    assert (done.returncode, done.stderr) == (1, b"")
    found = {(p["path"], p["line"], p["column"], p["code"]) for p in json.loads(done.stdout)}
    assert found == {
        ("workflows", 1, 1, "usm.unreadable"),
        ("conf/handbook.yaml", 3, 11, "usm.bad-value"),
    }


def test_a_place_without_write_access_is_an_environment_message(
    open_tmp: Path, unprivileged: list[str]
) -> None:
    """A read-only folder for the site, the schemas or a new workflow: exit 2 with what was
    being done, where and why; nothing written, no 'bug'."""
    hb = _copy(open_tmp / "hb")
    locked = open_tmp / "locked"
    locked.mkdir(mode=0o555)
    locked.chmod(0o555)
    (hb / "workflows").chmod(0o555)
    before = _listing(open_tmp)

    done = _run(["build", str(hb), "--out", str(locked / "site")], prefix=unprivileged)
    err = done.stderr.decode()
    work = locked / ".site.usm-work"
    assert done.returncode == 2
    assert err.startswith(f"usm-docgen: cannot build in {work}: permission denied"), err
    assert err.endswith("; the published site is unchanged\n"), err
    _not_a_bug(err)

    done = _run(["schema", "--out", str(locked / "schemas")], prefix=unprivileged)
    assert (done.returncode, done.stderr.decode()) == (
        2,
        f"usm-docgen: cannot create the folder {locked}/schemas: permission denied\n",
    )

    args = ["new", "workflow", "--root", str(hb), "--template", "5", "--id", "nieuw"]
    done = _run(args, prefix=unprivileged)
    assert (done.returncode, done.stderr.decode()) == (
        2,
        f"usm-docgen: cannot write {hb}/workflows/nieuw.yaml: permission denied\n",
    )
    assert _listing(open_tmp) == before


# --- what becomes of the output never changes the exit code --------------------------------


def _many_warnings(root: Path, count: int = 400) -> None:
    """``count`` workflows without their review step: only warnings, one line each."""
    _warning_only(root)
    text = (root / WORKFLOW).read_text("utf-8")
    for i in range(count):
        name = f"verzoek-{i:03}"
        (root / "workflows" / f"{name}.yaml").write_text(
            text.replace("id: uitvoeringsverzoek", f"id: {name}", 1), "utf-8"
        )


@pytest.mark.parametrize(
    ("errors", "expected"), [(False, 0), (True, 1)], ids=["warnings", "errors"]
)
def test_validate_piped_into_head_exits_with_its_own_status(
    tmp_path: Path, errors: bool, expected: int
) -> None:
    """``set -o pipefail; validate | head -1``: a handbook with only warnings passes (0), one
    with errors fails (1), never the closed pipe's doing. Each line names the handbook's long
    path, so the output (~170 KB) outgrows the pipe (64 KB) and ``head`` closes it early."""
    hb = _copy(tmp_path / ("handboek-" + "x" * 200))
    _many_warnings(hb)
    if errors:
        _with_error(hb)
    status, out, err = _shell('"$0" validate "$1" | head -1', hb)
    assert (status, err) == (expected, "")
    kind = "error" if errors else "warning"
    assert out.startswith(f"{hb}/") and f": {kind}: " in out and out.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "edit", "expected"),
    [
        (["validate", "."], None, 0),
        (["validate", "."], _warning_only, 0),
        (["validate", ".", "--strict"], _warning_only, 1),
        (["validate", ".", "--format", "json"], _with_error, 1),
        (["schema", "workflow"], None, 0),
        (["--help"], None, 0),
        (["serve", "--port", "0"], None, 2),
    ],
    ids=["clean", "warning", "strict", "json-errors", "schema", "help", "usage-error"],
)
def test_a_pipe_closed_before_the_first_write_changes_nothing(
    root: Path, args: list[str], edit: Edit | None, expected: int
) -> None:
    """The reading end is gone before usm-docgen starts, so every write meets EPIPE."""
    if edit is not None:
        edit(root)
    read, write = os.pipe()
    os.close(read)
    try:
        done = _run(args, cwd=root, stdout=write)
    finally:
        os.close(write)
    assert done.returncode == expected
    if expected != 2:
        assert done.stderr == b""
    _not_a_bug(done.stderr.decode())


@pytest.mark.parametrize(
    ("redirect", "edit", "expected"),
    [
        (">&-", None, 0),
        (">&-", _warning_only, 0),
        (">&-", _with_error, 1),
        (">&- 2>&-", _with_error, 1),
        ("2>&-", _with_error, 1),
        ("2>/dev/full", _with_error, 1),
    ],
    ids=["clean", "warning", "errors", "both-closed", "stderr-closed", "stderr-full"],
)
def test_a_closed_stream_is_no_traceback_and_keeps_the_exit_code(
    root: Path, redirect: str, edit: Edit | None, expected: int
) -> None:
    if edit is not None:
        edit(root)
    status, _, err = _shell(f'"$0" validate "$1" {redirect}', root)
    assert (status, err) == (expected, "")


def test_closed_stdout_still_reports_a_usage_error(tmp_path: Path) -> None:
    status, _, err = _shell('"$0" validate "$1" >&-', tmp_path / "nowhere")
    assert (status, err) == (2, f"usm-docgen: no handbook folder at '{tmp_path}/nowhere'\n")


def test_nothing_usm_docgen_opens_takes_the_closed_stdout(root: Path) -> None:
    """With fd 1 closed at the start, the next file opened would get number 1 and receive
    the output: ``new`` writes its workflow, and the 'wrote' line must not end up in it."""
    status, _, err = _shell(
        '"$0" new workflow --root "$1" --template 5 --id nieuw --owner coordinator >&-', root
    )
    assert (status, err) == (0, "")
    written = (root / "workflows/nieuw.yaml").read_text("utf-8")
    assert "id: nieuw" in written and "wrote" not in written
    assert main(["validate", str(root)]) == 0


# --- JSON output is valid for any file name ------------------------------------------------


def test_json_is_valid_utf8_for_a_file_name_that_is_not(root: Path) -> None:
    name = os.fsencode(root / "workflows") + b"/\xff.yaml"
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)  # bytes: not a str path
    with os.fdopen(fd, "wb") as f:
        f.write((root / WORKFLOW).read_bytes())
    done = _run(["validate", "--format", "json"], cwd=root)
    assert (done.returncode, done.stderr) == (1, b"")
    problems = json.loads(done.stdout.decode("utf-8"))  # strict: raises on invalid UTF-8
    assert {p["path"] for p in problems} == {"workflows/\\xff.yaml"}
    text = _run(["validate"], cwd=root)
    assert text.returncode == 1
    assert text.stdout.decode("utf-8").startswith("workflows/\\xff.yaml:1:")


def test_json_is_valid_when_the_output_encoding_is_not_utf8(root: Path) -> None:
    """A locale whose encoding cannot hold a name (here ASCII): JSON escapes, text shows
    ``\\u03a9``; exit 1 for the problem, not 2 for a crash."""
    shutil.copy(root / WORKFLOW, root / "workflows" / "Ωé.yaml")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = _run(["validate", "--format", "json"], cwd=root, env=env)
    assert (done.returncode, done.stderr) == (1, b"")
    problems = json.loads(done.stdout.decode("ascii"))
    assert {p["path"] for p in problems} == {"workflows/Ωé.yaml"}
    text = _run(["validate"], cwd=root, env=env)
    assert (text.returncode, text.stderr) == (1, b"")
    assert text.stdout.decode("ascii").startswith("workflows/\\u03a9\\xe9.yaml:1:")


# --- serve --port is checked by the argument parser ----------------------------------------


@pytest.mark.parametrize("port", ["99999", "0", "-1", "65536"])
def test_serve_refuses_a_port_out_of_range_before_building(
    root: Path, port: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _listing(root.parent)
    assert main(["serve", str(root), "--port", port]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: usm-docgen serve ")
    assert f"error: argument --port: {port} is not a port number: use 1 to 65535\n" in err
    assert _listing(root.parent) == before, "nothing is built"


def test_serve_refuses_a_port_that_is_no_number(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", str(root), "--port", "http"]) == 2
    assert "error: argument --port: 'http' is not a port number\n" in capsys.readouterr().err
    assert not (root / "handbook").exists()


def test_serve_takes_ports_1_to_65535() -> None:
    parse = commands.parser().parse_args
    assert parse(["serve", "--port", "1"]).port == 1
    assert parse(["serve", "--port", "65535"]).port == 65535
    assert parse(["serve"]).port == 8000


# --- new workflow: --owner is checked, nothing is written through a link ---------------------


def _new(root: Path, *extra: str) -> int:
    return main(
        ["new", "workflow", "--root", str(root), "--template", "5", "--id", "nieuw", *extra]
    )


@pytest.mark.parametrize(
    ("owner", "message"),
    [
        (
            "Bad Owner",
            "--owner 'Bad Owner' is not a profile id: an owner is the id of a profile in "
            "conf/profiles.yaml (lowercase letters, digits and hyphens)",
        ),
        (
            "Coordinator",
            "--owner 'Coordinator' is not a profile id (did you mean 'coordinator'?): an owner "
            "is the id of a profile in conf/profiles.yaml (lowercase letters, digits and "
            "hyphens)",
        ),
        ("nobody-here", "--owner 'nobody-here' is not a profile in conf/profiles.yaml"),
        (
            "coordinater",
            "--owner 'coordinater' is not a profile in conf/profiles.yaml (did you mean "
            "'coordinator'?)",
        ),
    ],
    ids=["malformed", "malformed-close", "unknown", "unknown-close"],
)
def test_new_refuses_a_bad_owner_as_a_usage_error(
    root: Path, owner: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _listing(root)
    assert _new(root, "--owner", owner) == 2
    assert capsys.readouterr().err == f"usm-docgen: {message}\n"
    assert _listing(root) == before


def test_new_refuses_a_handbook_owner_that_is_no_profile(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = root / "conf/handbook.yaml"
    path.write_text(path.read_text("utf-8").replace("owner: servicemanager", "owner: ghost"))
    before = _listing(root)
    assert _new(root) == 2
    assert capsys.readouterr().err == (
        "usm-docgen: the handbook's owner 'ghost' is not a profile in conf/profiles.yaml; "
        "pass --owner PROFILE\n"
    )
    assert _listing(root) == before


def test_new_with_a_known_owner_writes_a_valid_workflow(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The control for the refusals above: the same command with a profile id works."""
    assert _new(root, "--owner", "coordinator") == 0
    assert capsys.readouterr().out.startswith(f"wrote {root}/workflows/nieuw.yaml ")
    assert "owner: coordinator" in (root / "workflows/nieuw.yaml").read_text("utf-8")
    assert main(["validate", str(root)]) == 0


@pytest.mark.parametrize("exists", [False, True], ids=["dangling", "to-a-file"])
def test_new_never_writes_through_a_link_out_of_the_root(
    root: Path, tmp_path: Path, exists: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside" / "pwned.yaml"
    outside.parent.mkdir()
    if exists:
        outside.write_text("mine\n", "utf-8")
    link = root / "workflows/nieuw.yaml"
    link.symlink_to(outside)
    assert _new(root, "--owner", "coordinator") == 1
    assert capsys.readouterr().err == (
        f"usm-docgen: {link} already exists as a symbolic link; nothing is written through it\n"
    )
    assert link.is_symlink() and link.readlink() == outside
    if exists:
        assert outside.read_text("utf-8") == "mine\n"
    else:
        assert not outside.exists()


def test_new_never_writes_through_a_link_that_appears_after_the_check(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link made between the check and the write (the check is made blind here): the
    file is opened with O_EXCL and no-follow, so the link is still not written through."""
    outside = tmp_path / "pwned.yaml"
    link = root / "workflows/nieuw.yaml"
    link.symlink_to(outside)
    real = os.path.lexists
    monkeypatch.setattr(
        scaffold.os.path, "lexists", lambda p: False if Path(p) == link else real(p)
    )
    assert _new(root, "--owner", "coordinator") == 1
    assert "already exists as a symbolic link" in capsys.readouterr().err
    assert not outside.exists()


def test_new_never_writes_into_a_workflows_folder_linked_out_of_the_root(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    away = tmp_path / "away"
    (root / "workflows").rename(away)
    (root / "workflows").symlink_to(away)
    before = _listing(away)
    assert _new(root, "--owner", "coordinator") == 1
    assert capsys.readouterr().err == (
        f"usm-docgen: {root}/workflows is a symbolic link to a place outside the handbook "
        "root; nothing is written there\n"
    )
    assert _listing(away) == before
