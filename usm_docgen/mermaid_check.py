"""Syntax-check Mermaid diagram texts offline with the project's pinned mermaid, via Node."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

__all__ = [
    "MermaidCheckUnavailable",
    "check_diagrams",
    "find_node_modules",
    "node_project",
    "start_check",
]

#: The Node script that does the parsing; it ships inside the package (js/*.mjs).
CHECK_SCRIPT = Path(__file__).resolve().parent / "js" / "mermaid-check.mjs"
#: usm-docgen's own installation: the folder holding the ``usm_docgen`` package, where
#: ``npm ci`` puts ``node_modules/`` beside ``package.json``. Only this folder, no folder
#: above it: above an installed package there may be a handbook checkout holding the venv.
OWN_PROJECT = Path(__file__).resolve().parent.parent
#: Names another ``node_modules`` folder to use instead of our own (wins over configuration).
NODE_MODULES_ENV = "USM_DOCGEN_NODE_MODULES"


class MermaidCheckUnavailable(RuntimeError):
    """The check cannot run: no ``node``, no ``node_modules/mermaid``, or the script failed."""


def _has_mermaid(project: Path) -> bool:
    return (project / "node_modules" / "mermaid" / "package.json").is_file()


def node_project(configured: Path | None = None) -> Path | None:
    """The folder whose ``node_modules/`` holds the mermaid and jsdom we run and publish.

    A handbook is untrusted input: a ``node_modules/`` in its root, or in any folder above
    it, would run in Node during the build and its ``mermaid.min.js`` would be published.
    So it is, in this order, the ``node_modules`` folder named by ``$USM_DOCGEN_NODE_MODULES``
    (the environment of whoever runs the build), the one *configured* (the Sphinx value
    ``usm_node_modules``), or usm-docgen's own (:data:`OWN_PROJECT`), and never a folder
    found by looking around the handbook or the current folder. A folder named but without
    ``mermaid`` gives None rather than falling back to another one. The result is the
    project folder (the parent of ``node_modules``): the one to pass to :func:`check_diagrams`,
    with the browser bundle at ``result / "node_modules/mermaid/dist/mermaid.min.js"``.
    """
    named = os.environ.get(NODE_MODULES_ENV) or configured
    project = Path(named).resolve().parent if named else OWN_PROJECT
    return project if _has_mermaid(project) else None


def find_node_modules(start: Path) -> Path | None:
    """Return *start* or its nearest parent that holds ``node_modules/mermaid``, else None.

    For tools and tests run in a checkout of usm-docgen; a build never uses it on a
    handbook's folder (see :func:`node_project`).
    """
    here = start.resolve()
    for directory in (here, *here.parents):
        if (directory / "node_modules" / "mermaid" / "package.json").is_file():
            return directory
    return None


def _timeout_for(count: int) -> float:
    # Start-up (jsdom + mermaid, ~1-2 s) plus a generous ~10x the measured ~10 ms
    # per diagram, so a loaded CI machine does not time out.
    return 60.0 + 0.1 * count


def check_diagrams(
    diagrams: Mapping[str, str],
    project_dir: Path,
    *,
    timeout: float | None = None,
    node: str | None = None,
) -> dict[str, str | None]:
    """Parse every Mermaid text with mermaid.parse; map each key to its error or ``None``.

    Runs ``node usm_docgen/js/mermaid-check.mjs <dir>`` once for the whole batch, in
    *project_dir* (usually :func:`node_project`), which must hold ``node_modules/mermaid``
    itself: no parent folder is searched, and Node runs with *project_dir* as its current
    folder, so nothing resolves from the handbook or the caller's folder.

    *timeout* is in seconds (default: 60 s plus 0.1 s per diagram); *node* is the Node
    executable (default: ``$USM_DOCGEN_NODE`` or ``node`` on ``PATH``).

    Raises :class:`MermaidCheckUnavailable` when Node or mermaid is missing, or when the
    checker itself fails or times out. An invalid diagram is not an exception: its key
    maps to mermaid's message, e.g. ``"Parse error on line 3: ... got 'end'"``.
    """
    node_exe = shutil.which(node or os.environ.get("USM_DOCGEN_NODE") or "node")
    if node_exe is None:
        raise MermaidCheckUnavailable(
            f"Node.js ({node or 'node'!s}) was not found on PATH; install Node 20.19+ "
            "to check Mermaid diagrams"
        )
    project = project_dir.resolve()
    if not _has_mermaid(project):
        raise MermaidCheckUnavailable(
            f"node_modules/mermaid was not found in {project}; "
            'run "npm ci" in the directory holding package.json'
        )
    if not CHECK_SCRIPT.is_file():
        raise MermaidCheckUnavailable(f"checker script missing: {CHECK_SCRIPT}")
    if not diagrams:
        return {}

    keys = list(diagrams)
    payload = json.dumps([{"key": key, "text": diagrams[key]} for key in keys])
    limit = _timeout_for(len(keys)) if timeout is None else timeout
    try:
        proc = subprocess.run(
            [node_exe, str(CHECK_SCRIPT), str(project)],
            cwd=project,
            input=payload,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=limit,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise MermaidCheckUnavailable(
            f"mermaid check of {len(keys)} diagram(s) timed out after {limit:g} s"
        ) from exc
    except OSError as exc:
        raise MermaidCheckUnavailable(f"cannot run {node_exe}: {exc}") from exc

    if proc.returncode != 0:
        detail = proc.stderr.strip() or f"exit status {proc.returncode}"
        raise MermaidCheckUnavailable(f"mermaid check failed: {detail}")
    try:
        results = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        raise MermaidCheckUnavailable(
            f"mermaid check printed invalid JSON: {proc.stdout[:200]!r}"
        ) from exc
    if not isinstance(results, list) or len(results) != len(keys):
        raise MermaidCheckUnavailable("mermaid check returned a malformed result list")

    errors: dict[str, str | None] = {}
    for key, result in zip(keys, results, strict=True):
        if not isinstance(result, dict) or result.get("key") != key:
            raise MermaidCheckUnavailable(f"mermaid check result out of order at {key!r}")
        if result.get("ok") is True:
            errors[key] = None
        else:
            message = result.get("error")
            errors[key] = str(message) if message else "invalid Mermaid diagram"
    return errors


def start_check(diagrams: Mapping[str, str], project_dir: Path) -> Future[dict[str, str | None]]:
    """Run :func:`check_diagrams` in the background; the future holds its result or error.

    Node parses while the caller goes on (a Sphinx build reads and writes meanwhile), so the
    check costs no wall-clock time on a machine with a second core.
    """
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="usm-mermaid-check")
    future = pool.submit(check_diagrams, dict(diagrams), project_dir)
    pool.shutdown(wait=False)
    return future
