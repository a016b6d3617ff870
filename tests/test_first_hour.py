"""The first hour of a process owner (#13, point 5): what a new user meets first, tried as
one: the help names the templates, ROOT is positional everywhere, a new file's editor
modeline points at a schema that exists, a folder that is no handbook gets one message, and
a YAML indentation mistake is said in plain words at its line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from usm_docgen.cli import main
from usm_docgen.usm import TEMPLATES

NEW = ["new", "workflow", "--template", "5", "--id", "nieuw"]


def test_new_workflow_help_lists_the_eight_templates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "workflow", "--help"]) == 0
    out = capsys.readouterr().out
    for number, template in TEMPLATES.items():
        assert f"  {number}  {template.names.en} ({template.names.nl}): " in out


def test_new_takes_root_as_an_argument_like_every_command(base_copy: Path) -> None:
    assert main([*NEW, str(base_copy)]) == 0
    assert (base_copy / "workflows" / "nieuw.yaml").is_file()


def test_new_still_understands_the_older_root_option(base_copy: Path) -> None:
    assert main([*NEW, "--root", str(base_copy)]) == 0
    assert (base_copy / "workflows" / "nieuw.yaml").is_file()


def test_two_different_roots_for_new_are_a_usage_error(
    base_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*NEW, str(base_copy), "--root", str(tmp_path)]) == 2
    assert "two handbook folders given" in capsys.readouterr().err
    assert not (base_copy / "workflows" / "nieuw.yaml").exists()


def test_the_modeline_of_a_new_workflow_points_at_a_schema_that_exists(base_copy: Path) -> None:
    assert not (base_copy / "schemas").exists()
    assert main([*NEW, str(base_copy)]) == 0
    first = (base_copy / "workflows" / "nieuw.yaml").read_text("utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    target = (base_copy / "workflows" / first.removeprefix(prefix)).resolve()
    assert target.is_file(), target
    assert json.loads(target.read_text("utf-8"))["$schema"].startswith("https://json-schema.org")
    # every file kind's schema is there for the conf files too, and validate is clean
    assert sorted(p.stem for p in (base_copy / "schemas").glob("*.json")) == sorted(
        ["handbook", "scope", "profiles", "governance", "practices", "improvement", "workflow"]
    )
    assert main(["validate", str(base_copy), "--strict"]) == 0


def test_schemas_already_there_are_left_as_they_are(base_copy: Path) -> None:
    (base_copy / "schemas").mkdir()
    mine = base_copy / "schemas" / "workflow.json"
    mine.write_text('{"mine": true}\n', "utf-8")
    assert main([*NEW, str(base_copy)]) == 0
    assert mine.read_text("utf-8") == '{"mine": true}\n'
    assert sorted(p.name for p in (base_copy / "schemas").iterdir()) == ["workflow.json"]


@pytest.mark.parametrize("command", ["validate", "build", "serve", "site"])
def test_a_folder_that_is_no_handbook_gets_one_message(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("not a handbook\n", "utf-8")
    assert main([command, str(tmp_path)]) == 2
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if line]
    assert lines == [
        f"usm-docgen: {tmp_path} is not a handbook folder: it has no conf/ and no workflows/ "
        "folder. Give the folder that holds the handbook's conf/ and workflows/"
    ]
    assert "missing" not in captured.out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"], "nothing written"


def test_a_handbook_missing_its_workflows_still_lists_what_is_missing(
    base_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only a folder with neither conf/ nor workflows/ is no handbook; one with conf/ is an
    incomplete handbook, and its problems are listed as before."""
    for path in (base_copy / "workflows").iterdir():
        path.unlink()
    (base_copy / "workflows").rmdir()
    assert main(["validate", str(base_copy)]) == 1
    assert "missing folder workflows/" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        # a key indented one space too far inside a list item
        (
            "  - id: stap\n     name: Stap\n",
            2,
            6,
            "the indentation of this line does not match the lines above",
        ),
        # a key indented one space too little inside a list item
        (
            "  - id: stap\n    name: Stap\n   kind: accept\n",
            3,
            4,
            "the indentation of this line does not match the lines above",
        ),
        # a line without its colon
        ("  - id: stap\n    name Stap\n    kind: accept\n", 2, 5, "a ':' is missing"),
    ],
)
def test_an_indentation_mistake_reads_as_plain_words_at_its_line(
    base_copy: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    line: int,
    column: int,
    words: str,
) -> None:
    path = base_copy / "workflows" / "uitvoeringsverzoek.yaml"
    original = path.read_text("utf-8")
    head, _ = original.split("steps:\n", 1)
    path.write_text(f"{head}steps:\n{text}", "utf-8")
    offset = head.count("\n") + 1  # the steps: line
    assert main(["validate", str(base_copy)]) == 1
    out = capsys.readouterr().out
    where = f"{path}:{offset + line}:{column}: error: "
    shown = [x for x in out.splitlines() if x.startswith(where)]
    assert shown, out
    assert words in shown[0]
    assert "mapping values" not in out and "could not find expected" not in out


def test_a_build_says_each_phase_with_its_time(
    base_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", str(base_copy), "--out", str(tmp_path / "site")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"usm-docgen: checked \d+ files \(\d+\.\d s\)", lines[0]), lines
    assert lines[1] == "usm-docgen: building the pages with Sphinx …"
    assert re.fullmatch(r"usm-docgen: built the site \(\d+\.\d s\)", lines[2]), lines
    assert lines[3] == f"usm-docgen: built {tmp_path / 'site' / 'index.html'}"
