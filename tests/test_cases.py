"""Bad inputs as a catalogue: each tests/cases/*.yaml has a purpose, edits and exact output."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from usm_docgen import catalog
from usm_docgen.cli import main

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))


def _apply(root: Path, case: dict[str, Any]) -> None:
    for rel, content in (case.get("files") or {}).items():
        target = root / rel
        if content is None:
            target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, dict):  # {repeat|each: text, times: n, head: text, tail: text}
            # `each` is formatted with n = 1, 2, … so that repeated steps get ids of their own
            repeated = content.get("repeat", "") * content["times"] + "".join(
                content["each"].format(n=n)
                for n in range(1, content["times"] + 1)
                if "each" in content
            )
            content = content.get("head", "") + repeated + content.get("tail", "")
        target.write_text(content, encoding="utf-8")
    for rel, escaped in (case.get("bytes") or {}).items():
        (root / rel).write_bytes(
            escaped.encode("latin-1").decode("unicode_escape").encode("latin-1")
        )
    for edit in case.get("edits") or []:
        target = root / edit["file"]
        text = target.read_text(encoding="utf-8")
        assert text.count(edit["find"]) == 1, f"'{edit['find']}' must occur once in {target}"
        target.write_text(text.replace(edit["find"], edit["replace"]), encoding="utf-8")
    for rel, content in (case.get("outside") or {}).items():  # beside the root, not in it
        (root.parent / rel).parent.mkdir(parents=True, exist_ok=True)
        (root.parent / rel).write_text(content, encoding="utf-8")
    for rel, target in (case.get("symlinks") or {}).items():  # target as `ln -s` takes it
        (root / rel).unlink(missing_ok=True)
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).symlink_to(target)
    for rel in case.get("fifos") or []:
        (root / rel).unlink(missing_ok=True)
        os.mkfifo(root / rel)


def _snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_case(
    case_file: Path,
    base_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    assert case.get("purpose"), "every case says what it is about"
    _apply(base_copy, case)
    before = _snapshot(base_copy)
    monkeypatch.chdir(base_copy)
    # Without --today the date of the checks is the suite's own (SOURCE_DATE_EPOCH, see
    # tests/conftest.py); a case may fix another.
    today = ["--today", str(case["today"])] if "today" in case else []
    code = main(["validate", *(["--strict"] if case.get("strict") else []), *today])
    out = capsys.readouterr().out.splitlines()
    assert out[:-1] == case["expect"]
    assert code == case.get("exit", 1)
    assert _snapshot(base_copy) == before, "validation must never write into the sources"


def test_cases_are_many_and_cover_every_error_code() -> None:
    """The catalogue is the spec of our messages: every code that fails a run has a case."""
    seen: set[str] = set()
    for case_file in CASES:
        for line in yaml.safe_load(case_file.read_text(encoding="utf-8"))["expect"]:
            seen.add(line.rsplit("[", 1)[-1].rstrip("]"))
    from usm_docgen.diagnostics import Code

    elsewhere = {
        "usm.internal",
        "usm.diagram",
        # permission denied cannot be made as root (CI runs as root), which every file may
        # read: tests/test_trust_files.py fakes it with monkeypatch
        "usm.unreadable",
        # found while Sphinx builds, not by validate: tests/test_trust_pages.py
        "usm.unsafe-page",
        # about git tags, found by `usm-docgen site`: tests/test_editions.py
        "usm.edition-tag",
        "usm.edition-name",
    }
    untested = {c.full for c in Code} - seen - elsewhere
    assert len(CASES) >= 40
    assert not untested, f"codes without a case: {sorted(untested)}"


def test_loader_reports_all_files_at_once(base_copy: Path) -> None:
    (base_copy / "conf/handbook.yaml").write_text("title: [\n", encoding="utf-8")
    (base_copy / "conf/scope.yaml").write_text("- a\n", encoding="utf-8")
    result = catalog.load(base_copy, "")
    assert [d.path for d in result.diagnostics] == ["conf/handbook.yaml", "conf/scope.yaml"]
    assert result.model is None
