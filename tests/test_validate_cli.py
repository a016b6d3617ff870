"""The command line around validation: exit codes, --strict, --format json, --version, `new`."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from usm_docgen import __version__
from usm_docgen.cli import main
from usm_docgen.usm import TEMPLATES

VALIDATE_KEYS = {"path", "line", "column", "severity", "code", "message"}


def _validate(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["validate", str(root), *extra])
    return code, capsys.readouterr().out


def _break_conformance(root: Path) -> None:
    """Leave out the review step of uitvoeringsverzoek: a conformance warning, no error."""
    path = root / "workflows/uitvoeringsverzoek.yaml"
    text = path.read_text(encoding="utf-8")
    step = (
        "  - id: toetsen\n    name: Oplevering toetsen\n    kind: review\n"
        "    raci: {coordinator: RA, melder: C}\n"
    )
    assert text.count(step) == 1
    path.write_text(text.replace(step, ""), encoding="utf-8")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- validate ----------------------------------------------------------------------------


def test_base_is_clean(base_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _validate(base_copy, capsys, "--strict")
    assert code == 0
    assert out.splitlines() == ["0 errors, 0 warnings in 8 files"]


def test_json_format_shape(base_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (base_copy / "conf/handbook.yaml").write_text(
        (base_copy / "conf/handbook.yaml")
        .read_text(encoding="utf-8")
        .replace("language: nl", "language: NL"),
        encoding="utf-8",
    )
    _break_conformance(base_copy)
    code, out = _validate(base_copy, capsys, "--format", "json")
    assert code == 1
    problems = json.loads(out)  # the whole of stdout is one JSON document, no summary line
    assert isinstance(problems, list) and len(problems) == 2
    for p in problems:
        assert set(p) == VALIDATE_KEYS
        assert isinstance(p["line"], int) and isinstance(p["column"], int)
        assert p["line"] >= 1 and p["column"] >= 1
        assert p["severity"] in ("error", "warning")
        assert p["code"].startswith("usm.")
    error, warning = problems
    assert error["path"].endswith("conf/handbook.yaml")
    assert (error["line"], error["column"], error["severity"], error["code"]) == (
        3,
        11,
        "error",
        "usm.bad-value",
    )
    assert warning["path"].endswith("workflows/uitvoeringsverzoek.yaml")
    assert (warning["severity"], warning["code"]) == ("warning", "usm.conformance")


def test_json_format_clean_is_empty_list(
    base_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _validate(base_copy, capsys, "--format", "json")
    assert code == 0
    assert json.loads(out) == []


def test_warning_passes_without_strict(base_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _break_conformance(base_copy)
    code, out = _validate(base_copy, capsys)
    assert code == 0
    assert out.splitlines()[-1].startswith("0 errors, 1 warning ")
    assert "warning:" in out and "[usm.conformance]" in out


def test_strict_turns_a_warning_into_failure(
    base_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _break_conformance(base_copy)
    code, out = _validate(base_copy, capsys, "--strict")
    assert code == 1
    assert out.splitlines()[-1].startswith("0 errors, 1 warning ")


def test_paths_are_shown_under_the_root_given(
    base_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _break_conformance(base_copy)
    _, out = _validate(base_copy, capsys)
    assert out.splitlines()[0].startswith(f"{base_copy}/workflows/uitvoeringsverzoek.yaml:")


def test_missing_root_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate", str(tmp_path / "nowhere")])
    captured = capsys.readouterr()
    assert code == 2
    assert "no handbook folder" in captured.err
    assert "Traceback" not in captured.err + captured.out


def test_missing_workflows_folder(base_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without conf/ or workflows/ the folder is no handbook: one message, exit 2 (the
    first-hour tests say more); without workflows/ alone, that folder is the problem."""
    shutil.rmtree(base_copy / "workflows")
    code, out = _validate(base_copy, capsys, "--format", "json")
    assert code == 1
    problems = json.loads(out)
    assert {
        (Path(p["path"]).relative_to(base_copy).as_posix(), p["line"], p["column"], p["code"])
        for p in problems
    } == {("workflows", 1, 1, "usm.missing-file")}
    shutil.rmtree(base_copy / "conf")
    code, out = _validate(base_copy, capsys, "--format", "json")
    assert code == 2
    assert out == ""


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object/new:os.system",
        "!!python/object/apply:subprocess.call",
    ],
)
def test_python_tags_never_run(
    base_copy: Path, tmp_path: Path, tag: str, capsys: pytest.CaptureFixture[str]
) -> None:
    marker = tmp_path / "usm-pwned"
    payload = (
        json.dumps(f"touch {marker}") if "os.system" in tag else json.dumps(["touch", str(marker)])
    )
    handbook = base_copy / "conf/handbook.yaml"
    handbook.write_text(
        handbook.read_text(encoding="utf-8").replace(
            "title: USM-handboek Servicepunt", f"title: {tag} [{payload}]"
        ),
        encoding="utf-8",
    )
    code, out = _validate(base_copy, capsys)
    assert code == 1
    assert "[usm.unsafe-tag]" in out
    assert not marker.exists(), "a python tag was executed"


def test_python_tag_from_the_brief_never_runs(
    base_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    marker = Path("/tmp/usm-pwned")
    if marker.exists():  # pragma: no cover - left over from elsewhere; nothing to prove then
        pytest.skip(f"{marker} exists before the test")
    handbook = base_copy / "conf/handbook.yaml"
    handbook.write_text(
        handbook.read_text(encoding="utf-8").replace(
            "title: USM-handboek Servicepunt",
            'title: !!python/object/apply:os.system ["touch /tmp/usm-pwned"]',
        ),
        encoding="utf-8",
    )
    code, out = _validate(base_copy, capsys)
    assert code == 1 and "[usm.unsafe-tag]" in out
    assert not marker.exists(), "a python tag was executed"


# --- version -----------------------------------------------------------------------------


def test_version_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"usm-docgen {__version__}"


def test_version_console_script() -> None:
    script = Path(sys.executable).with_name("usm-docgen")
    if not script.exists():  # pragma: no cover - not installed as a console script
        pytest.skip("usm-docgen console script not installed next to this python")
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert done.stdout.strip() == f"usm-docgen {__version__}"


# --- new workflow ------------------------------------------------------------------------


@pytest.mark.parametrize("template", range(1, 9))
def test_new_workflow_validates_cleanly(
    base_copy: Path, template: int, capsys: pytest.CaptureFixture[str]
) -> None:
    workflow_id = f"nieuw-sjabloon-{template}"
    code = main(
        [
            "new",
            "workflow",
            "--template",
            str(template),
            "--id",
            workflow_id,
            "--root",
            str(base_copy),
        ]
    )
    capsys.readouterr()
    assert code == 0
    target = base_copy / "workflows" / f"{workflow_id}.yaml"
    assert target.is_file()
    text = target.read_text(encoding="utf-8")
    assert f"id: {workflow_id}\n" in text and f"template: {template}\n" in text
    for kind in TEMPLATES[template].skeleton:
        assert f"kind: {kind}\n" in text or f"kind: {kind}," in text
    code, out = _validate(base_copy, capsys, "--format", "json", "--strict")
    assert json.loads(out) == []
    assert code == 0


def test_new_workflow_never_overwrites(base_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = base_copy / "workflows/uitvoeringsverzoek.yaml"
    before = _digest(target)
    code = main(
        [
            "new",
            "workflow",
            "--template",
            "5",
            "--id",
            "uitvoeringsverzoek",
            "--root",
            str(base_copy),
        ]
    )
    captured = capsys.readouterr()
    assert code == 1
    assert "already exists" in captured.err
    assert _digest(target) == before


@pytest.mark.parametrize("bad_id", ["Nieuw", "../etc", "end", "-nieuw", "a" * 64, ""])
def test_new_workflow_refuses_a_bad_id(
    base_copy: Path, bad_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(p.name for p in (base_copy / "workflows").iterdir())
    code = main(["new", "workflow", "--template", "5", "--id", bad_id, "--root", str(base_copy)])
    captured = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in captured.err
    assert sorted(p.name for p in (base_copy / "workflows").iterdir()) == before
    assert not (base_copy / "etc.yaml").exists()


def test_new_workflow_refuses_a_bad_template(
    base_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["new", "workflow", "--template", "9", "--id", "nieuw", "--root", str(base_copy)])
    capsys.readouterr()
    assert code == 2
    assert not (base_copy / "workflows/nieuw.yaml").exists()


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("2026-02-30", "is not a date: write YYYY-MM-DD"),
        ("16-11-2026", "is not a date: write YYYY-MM-DD"),
        ("2026-1-5", "is not a date: write YYYY-MM-DD"),
        ("3000-01-01", "is out of range: use a year from 1900 to 2999"),
    ],
)
@pytest.mark.parametrize("command", ["validate", "build", "serve"])
def test_today_must_be_a_real_date(
    base_copy: Path, capsys: pytest.CaptureFixture[str], command: str, value: str, why: str
) -> None:
    assert main([command, str(base_copy), "--today", value]) == 2
    assert f"argument --today: '{value}' {why}" in capsys.readouterr().err
    assert not (base_copy / "handbook").exists(), "nothing built"


def test_today_without_it_is_source_date_epoch_then_the_clock(
    base_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The suite pins SOURCE_DATE_EPOCH (tests/conftest.py); --today wins over it."""
    path = base_copy / "conf/improvement.yaml"
    text = path.read_text("utf-8").replace(
        "date: 2026-09-30, value: 19", "date: 2026-11-20, value: 19"
    )
    path.write_text(text, "utf-8")
    assert main(["validate", str(base_copy)]) == 1  # 2026-11-20 is after the suite's date
    assert "[usm.measurement-future]" in capsys.readouterr().out
    assert main(["validate", str(base_copy), "--today", "2026-11-20"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795478400")  # 2026-11-24
    assert main(["validate", str(base_copy)]) == 0
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert main(["validate", str(base_copy)]) == 0  # the clock: it is later than that now
