"""Sphinx configuration of our own handbook: the example organisation plus usm-docgen's docs."""

extensions = ["usm_docgen"]
html_theme = "pydata_sphinx_theme"
usm_root = ".."
