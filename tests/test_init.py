"""``usm-docgen init`` (#13, point 1): a new handbook that validates clean and builds, in both
languages, with CI files that parse and name only commands that exist."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO
from usm_docgen import catalog, commands
from usm_docgen.cli import main
from usm_docgen.starter import NODE_PINS, WORKFLOW_IDS
from usm_docgen.usm import TEMPLATES

TODAY = "2026-11-29"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_init_gives_a_handbook_that_validates_strict_and_builds(
    language: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "handboek"
    org = "Waterschap De Lange Dijk" if language == "nl" else "Example Council"
    args = ["init", str(root), "--organisation", org, "--language", language]
    assert main([*args, "--today", TODAY]) == 0
    assert f"usm-docgen validate {root} --strict" in capsys.readouterr().out
    assert main(["validate", str(root), "--strict", "--today", TODAY]) == 0
    out = capsys.readouterr().out
    assert out.startswith("0 errors, 0 warnings"), out
    site = tmp_path / "site"
    assert main(["build", str(root), "--out", str(site), "--strict", "--today", TODAY]) == 0
    home = (site / "index.html").read_text("utf-8")
    assert org in home
    result = catalog.load(root, today=None)
    assert result.model is not None
    assert result.model.handbook.language == language
    assert sorted(w.template for w in result.model.workflows) == list(TEMPLATES)
    assert {w.id for w in result.model.workflows} == set(WORKFLOW_IDS[language].values())
    assert all(w.status == "draft" for w in result.model.workflows)
    for wf in result.model.workflows:  # every hand-off a template asks for is there
        if TEMPLATES[wf.template].hands_off_to is not None:
            assert wf.handoffs, wf.id
        assert (site / "workflows" / f"{wf.id}.html").is_file()


def test_every_file_points_its_editor_at_a_schema_that_exists(tmp_path: Path) -> None:
    root = tmp_path / "hb"
    assert main(["init", str(root), "--organisation", "Org", "--today", TODAY]) == 0
    files = sorted([*(root / "conf").glob("*.yaml"), *(root / "workflows").glob("*.yaml")])
    assert len(files) == 6 + 8
    prefix = "# yaml-language-server: $schema="
    for path in files:
        first = path.read_text("utf-8").splitlines()[0]
        assert first.startswith(prefix), path
        target = (path.parent / first.removeprefix(prefix)).resolve()
        assert target.is_file(), (path, target)
        json.loads(target.read_text("utf-8"))


def test_the_ci_files_parse_and_name_only_commands_that_exist(tmp_path: Path) -> None:
    root = tmp_path / "hb"
    assert main(["init", str(root), "--organisation", "Org", "--today", TODAY]) == 0
    gitlab = yaml.safe_load((root / ".gitlab-ci.yml").read_text("utf-8"))
    github = yaml.safe_load((root / ".github" / "workflows" / "handbook.yml").read_text("utf-8"))
    lines = [
        *(
            line
            for job in gitlab.values()
            if isinstance(job, dict)
            for line in job.get("script", [])
        ),
        *(
            line
            for job in github["jobs"].values()
            for step in job["steps"]
            for line in str(step.get("run", "")).splitlines()
        ),
    ]
    called = [line for line in lines if "usm-docgen " in line]
    assert {"validate", "diff", "build"} <= {
        shlex.split(line.split("usm-docgen ", 1)[1])[0] for line in called
    }
    parser = commands.parser()
    for line in called:
        call = line.split("usm-docgen ", 1)[1].split("|")[0].split(">>")[0]
        words = shlex.split(re.sub(r"\$\{\{[^}]*\}\}|\$\w+", "x", call))
        parser.parse_args(words)  # SystemExit (a test error) for a command or option unknown
    # merge requests: strict validation and the changes; the default branch: published
    assert any("validate . --strict" in line for line in called)
    assert any("--format markdown" in line for line in called)
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"]
    assert "pull_request" in github["on"], "checked on every pull request"


def test_the_ci_files_pin_the_node_packages_usm_docgen_itself_uses() -> None:
    own = json.loads((REPO / "package.json").read_text("utf-8"))["dependencies"]
    assert {name: own[name] for name in NODE_PINS} == NODE_PINS


def test_init_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "hb"
    root.mkdir()
    (root / "notes.md").write_text("mine\n", "utf-8")
    assert main(["init", str(root), "--organisation", "Org"]) == 2
    assert "is not empty" in capsys.readouterr().err
    assert [p.name for p in root.iterdir()] == ["notes.md"]
    afile = tmp_path / "file"
    afile.write_text("x", "utf-8")
    assert main(["init", str(afile), "--organisation", "Org"]) == 2
    assert afile.read_text("utf-8") == "x"


def test_an_empty_folder_is_fine_and_the_organisation_is_written_as_text(tmp_path: Path) -> None:
    root = tmp_path / "hb"
    root.mkdir()
    hostile = 'Org "quoted" {x: [1]} # not a comment: *alias'
    assert main(["init", str(root), "--organisation", hostile, "--today", TODAY]) == 0
    data = yaml.safe_load((root / "conf" / "handbook.yaml").read_text("utf-8"))
    assert data["organisation"] == hostile
    assert main(["validate", str(root), "--strict", "--today", TODAY]) == 0
