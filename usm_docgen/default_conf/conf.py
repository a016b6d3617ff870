"""Sphinx configuration for a handbook root that has no handbook/conf.py of its own."""

extensions = ["usm_docgen"]
html_theme = "pydata_sphinx_theme"
