"""What an installed usm-docgen holds: every file of the package that is not Python is named
in pyproject.toml's package data, so that ``pip install usm-docgen`` (the CI templates of
``usm-docgen init`` install it so) has the templates, theme, scripts and schemas a build
reads. The development install (``pip install -e``) reads the source folder and would not
notice a file left out."""

from __future__ import annotations

import tomllib

from tests.conftest import REPO

PACKAGE = REPO / "usm_docgen"


def test_every_file_of_the_package_is_installed() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["usm_docgen"]
    named = {p for pattern in patterns for p in PACKAGE.glob(pattern) if p.is_file()}
    files = {
        p
        for p in PACKAGE.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    }
    left_out = sorted(p.relative_to(PACKAGE).as_posix() for p in files - named)
    assert not left_out, f"not in [tool.setuptools.package-data]: {left_out}"
