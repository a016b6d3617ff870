"""Shared fixtures: paths to the example handbooks and a scratch copy of the test base."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

TESTS = Path(__file__).parent
REPO = TESTS.parent
SHARED_EXAMPLES = REPO.parent / "shared" / "examples"
BASE = TESTS / "base"


def shared_examples() -> list[Path]:
    """Every handbook under ../shared/examples (each must validate and build)."""
    return sorted(p for p in SHARED_EXAMPLES.iterdir() if (p / "conf").is_dir())


@pytest.fixture
def base_copy(tmp_path: Path) -> Path:
    """A fresh copy of the small valid handbook the bad-input cases start from."""
    root = tmp_path / "hb"
    shutil.copytree(BASE, root)
    return root
