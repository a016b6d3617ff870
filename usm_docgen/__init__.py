"""usm-docgen: a USM handbook in YAML, checked and built into a Sphinx website."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    """Sphinx entry point (``extensions = ["usm_docgen"]``); Sphinx is imported only here."""
    from usm_docgen.sphinx_ext import setup as _setup

    return _setup(app)
