"""Allow ``python -m usm_docgen``."""

from usm_docgen.cli import run

run()
