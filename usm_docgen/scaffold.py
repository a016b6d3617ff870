"""Write a new workflow file with its template's skeleton, valid as written."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from usm_docgen import catalog, schema
from usm_docgen.diagnostics import did_you_mean, has_errors
from usm_docgen.model import Model
from usm_docgen.usm import PROCESSES, STEP_KINDS, TEMPLATES
from usm_docgen.yaml_io import load_text

_ID_OK = catalog.ID_RE


def new_workflow(
    root: Path, workflow_id: str, template_no: int, name: str | None, owner: str | None
) -> int:
    """Create ``workflows/<id>.yaml``; 1 when something is already at that path (a file, a
    folder, a symbolic link even to nothing: never written through) or ``workflows/`` leads
    out of the root, 0 when done. A bad id, owner or name is a usage error (exit 2)."""
    from usm_docgen.exits import EnvironmentFailure, UsageError

    if not _ID_OK.match(workflow_id) or workflow_id == "end":
        raise UsageError(
            f"'{workflow_id}' is not a valid id: use lowercase letters, digits and "
            "hyphens, starting with a letter or digit, at most 63 characters"
        )
    folder = root / catalog.WORKFLOW_DIR
    target = folder / f"{workflow_id}.yaml"
    if os.path.lexists(target):
        return _refuse(target)
    if not Path(os.path.realpath(folder)).is_relative_to(os.path.realpath(root)):
        print(
            f"usm-docgen: {folder} is a symbolic link to a place outside the handbook root; "
            "nothing is written there",
            file=sys.stderr,
        )
        return 1
    loaded = catalog.load(root)
    model = loaded.model
    settings = _handbook_settings(root)
    language = model.handbook.language if model else settings.get("language", "nl")
    given = owner is not None
    owner = owner or (model.handbook.owner if model else settings.get("owner"))
    if owner is None:
        raise UsageError(
            "the handbook does not load cleanly, so its owner is unknown: pass --owner PROFILE"
        )
    profiles = [p.id for p in model.profiles] if model else _profile_ids(root)
    _check_owner(owner, given, profiles)
    text = render_workflow(workflow_id, template_no, name, owner, language, model)
    doc, problems = load_text(text.encode("utf-8"), str(target))
    problems += schema.check(doc, "workflow") if doc is not None else []
    if doc is None or has_errors(problems):
        # Only --name is left that the checks above do not cover (an empty name, say).
        why = "; ".join(p.message for p in problems) or "it does not load"
        raise UsageError(f"the new workflow would not be valid ({why}); check --name")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EnvironmentFailure(f"cannot create the folder {folder}", exc) from None
    try:
        # O_EXCL: never replace what appeared since the check above, and (with O_CREAT) never
        # follow a symbolic link; O_NOFOLLOW says so once more.
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666)
    except FileExistsError:
        return _refuse(target)
    except OSError as exc:
        raise EnvironmentFailure(f"cannot write {target}", exc) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as exc:
        target.unlink(missing_ok=True)  # no half-written workflow left behind
        raise EnvironmentFailure(f"cannot write {target}", exc) from None
    print(
        f"wrote {target} ({len(TEMPLATES[template_no].skeleton)} skeleton steps of template "
        f"{template_no}); fill in the RACI and activities, then run 'usm-docgen validate'"
    )
    try:
        for written in _schemas_for_modeline(root):
            print(f"wrote {written}")
    except EnvironmentFailure as exc:  # the workflow is there; only completion is missing
        print(
            f"usm-docgen: {exc}; the editor completion its first line asks for needs them: "
            f"run 'usm-docgen schema --out {root / SCHEMA_DIR}'",
            file=sys.stderr,
        )
    return 0


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)

SCHEMA_DIR = "schemas"
"""Where the JSON Schemas a new file's first line points at live, beside conf/ and workflows/
(the line reads ``$schema=../schemas/workflow.json``)."""


def _schemas_for_modeline(root: Path) -> list[Path]:
    """Write ROOT/schemas/ with every file kind's schema when its workflow schema is missing,
    so the editor finds what the new file's first line names; returns what was written.
    Never writes through a symbolic link or outside the root."""
    from usm_docgen.exits import EnvironmentFailure

    folder = root / SCHEMA_DIR
    if (folder / "workflow.json").is_file() or os.path.lexists(folder / "workflow.json"):
        return []
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        return []  # someone else's: leave it, the modeline then points at nothing new
    written = []
    try:
        folder.mkdir(exist_ok=True)
        for kind in schema.KINDS:
            target = folder / f"{kind}.json"
            if os.path.lexists(target):
                continue
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(schema.schema_text(kind))
            written.append(target)
    except OSError as exc:
        raise EnvironmentFailure(f"cannot write the schemas into {folder}", exc) from None
    return written


def _refuse(target: Path) -> int:
    how = " as a symbolic link; nothing is written through it" if target.is_symlink() else ""
    print(f"usm-docgen: {target} already exists{how or '; not overwritten'}", file=sys.stderr)
    return 1


def _check_owner(owner: str, given: bool, profiles: list[str] | None) -> None:
    """Refuse (usage error) an owner that is not a profile id of conf/profiles.yaml."""
    from usm_docgen.exits import UsageError

    source = f"--owner '{owner}'" if given else f"the handbook's owner '{owner}'"
    if not _ID_OK.match(owner):
        hint = did_you_mean(owner, profiles or [])
        raise UsageError(
            f"{source} is not a profile id{hint}: an owner is the id of a profile in "
            "conf/profiles.yaml (lowercase letters, digits and hyphens)"
        )
    if profiles is None:
        raise UsageError(
            f"conf/profiles.yaml does not load, so {source} cannot be checked; run "
            "'usm-docgen validate' and fix that file first"
        )
    if owner not in profiles:
        raise UsageError(
            f"{source} is not a profile in conf/profiles.yaml{did_you_mean(owner, profiles)}"
            + ("" if given else "; pass --owner PROFILE")
        )


def _profile_ids(root: Path) -> list[str] | None:
    """The profile ids of conf/profiles.yaml on its own, None when it does not load."""
    raw = catalog.read_quietly(root, catalog.conf_path("profiles"))
    doc = load_text(raw, "profiles.yaml")[0] if raw is not None else None
    data = doc.data if doc is not None else None
    entries = data.get("profiles") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return None
    return [e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)]


def _handbook_settings(root: Path) -> dict[str, str]:
    """conf/handbook.yaml on its own, for when the whole handbook does not load cleanly."""
    raw = catalog.read_quietly(root, catalog.conf_path("handbook"))
    doc = load_text(raw, "handbook.yaml")[0] if raw is not None else None
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    return {k: v for k, v in data.items() if k in ("language", "owner") and isinstance(v, str)}


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def render_workflow(
    workflow_id: str,
    template_no: int,
    name: str | None,
    owner: str,
    language: str,
    model: Model | None,
    *,
    targets: Mapping[str, str] | None = None,
) -> str:
    """The YAML text of a new workflow: one step per skeleton kind, ``owner`` RA throughout.
    A hand-off goes to a workflow of ``model`` that starts in the process the template
    hands off to, or (without a model) to ``targets``' workflow for that process."""
    template = TEMPLATES[template_no]
    handoff_target = None
    if model is not None and template.hands_off_to is not None:
        handoff_target = next(
            (w.id for w in model.workflows if w.usm.starts_in == template.hands_off_to), None
        )
    elif targets is not None and template.hands_off_to is not None:
        handoff_target = targets.get(template.hands_off_to)
    lines = [
        "# yaml-language-server: $schema=../schemas/workflow.json",
        f"id: {workflow_id}",
        f"template: {template_no}",
        f"name: {_q(name or template.names(language))}",
        f"owner: {owner}",
        "status: draft",
        'version: "0.1"',
    ]
    skeleton = [k for k in template.skeleton if k != "handoff" or handoff_target]
    if len(skeleton) < len(template.skeleton) and template.hands_off_to is not None:
        process = PROCESSES[template.hands_off_to].names(language)
        reason = (
            f"Er is nog geen workflow die in {process} begint"
            if language == "nl"
            else f"No workflow starting in {process} exists yet"
        )
        lines += ["omitted:", f"  - {{kind: handoff, reason: {_q(reason)}}}"]
    lines.append("steps:")
    for kind in skeleton:
        lines += [
            f"  - id: {kind}",
            f"    name: {_q(STEP_KINDS[kind](language))}",
            f"    kind: {kind}",
            f"    raci: {{{owner}: RA}}",
        ]
        if kind == "handoff":
            lines.append(f"    handoff: {{workflow: {handoff_target}}}")
    return "\n".join(lines) + "\n"
