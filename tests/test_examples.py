"""Our example handbook and every handbook under ../shared/examples validate cleanly."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, as_of, shared_examples
from usm_docgen import catalog
from usm_docgen.cli import main


@pytest.mark.parametrize("root", [REPO, *shared_examples()], ids=lambda p: p.name)
def test_example_validates_without_warnings(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--strict", "--today", as_of(root), str(root)]) == 0
    assert capsys.readouterr().out.startswith("0 errors, 0 warnings")


@pytest.mark.parametrize("root", shared_examples(), ids=lambda p: p.name)
def test_shared_example_validates_at_any_date(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not strict: as the calendar moves an example may get warnings (a measurement too long
    ago), never errors."""
    assert main(["validate", str(root)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("0 errors")


def test_there_are_shared_examples() -> None:
    assert shared_examples(), "../shared/examples must hold at least one handbook"


def test_our_example_has_all_eight_templates() -> None:
    model = catalog.load(REPO).model
    assert model is not None
    static = [w.template for w in model.workflows if not w.dynamic]
    assert sorted(static) == list(range(1, 9)), "one workflow per template"
    assert [w.templates for w in model.workflows if w.dynamic] == [(3, 4)]
    frameworks = {p.framework for p in model.practices}
    assert {"ITIL4", "ASL2", "BiSL"} <= frameworks and len(model.practices) >= 8


CORE = [
    "diagnostics",
    "yaml_io",
    "schema",
    "usm",
    "model",
    "catalog",
    "mermaid",
    "cli",
    "scaffold",
    "mermaid_check",
]


def test_core_modules_do_not_import_sphinx() -> None:
    code = (
        "import sys\n"
        + "".join(f"import usm_docgen.{m}\n" for m in CORE)
        + "bad = sorted(m for m in sys.modules if m == 'sphinx' or m.startswith('sphinx.'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def test_model_loads_from_a_git_revision(tmp_path: Path) -> None:
    """Editions are built from git tags: the same loader reads a revision's tree."""
    import shutil

    root = tmp_path / "repo"
    shutil.copytree(REPO / "tests" / "base", root)
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "one"], check=True)
    subprocess.run([*git, "tag", "2026.1"], check=True)
    (root / "workflows" / "uitvoeringsverzoek.yaml").unlink()
    from_disk = catalog.load(root)
    from_tag = catalog.load(catalog.GitTree(root, "2026.1"), "")
    assert from_tag.model is not None
    assert len(from_tag.model.workflows) == 2
    assert from_disk.model is None  # the working tree lost a workflow others refer to


def test_make_html_checks_our_example_as_of_its_latest_measurement() -> None:
    """`make html` pins --today for our example (it must not fail as the calendar moves);
    the pinned date follows the example when a measurement is added."""
    makefile = (REPO / "Makefile").read_text("utf-8")
    pinned = re.search(r"(?m)^TODAY \?= (\S+)$", makefile)
    assert pinned is not None and pinned[1] == as_of(REPO)
