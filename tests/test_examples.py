"""Our example handbook and every handbook under ../shared/examples validate cleanly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, shared_examples
from usm_docgen import catalog
from usm_docgen.cli import main


@pytest.mark.parametrize("root", [REPO, *shared_examples()], ids=lambda p: p.name)
def test_example_validates_without_warnings(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--strict", str(root)]) == 0
    assert capsys.readouterr().out.startswith("0 errors, 0 warnings")


def test_there_are_shared_examples() -> None:
    assert shared_examples(), "../shared/examples must hold at least one handbook"


def test_our_example_has_all_eight_templates() -> None:
    model = catalog.load(REPO).model
    assert model is not None
    assert sorted(w.template for w in model.workflows) == list(range(1, 9))
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
