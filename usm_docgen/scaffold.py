"""Write a new workflow file with its template's skeleton, valid as written."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from usm_docgen import catalog, schema
from usm_docgen.diagnostics import has_errors
from usm_docgen.model import Model
from usm_docgen.usm import PROCESSES, STEP_KINDS, TEMPLATES
from usm_docgen.yaml_io import load_text

_ID_OK = catalog.ID_RE


def new_workflow(
    root: Path, workflow_id: str, template_no: int, name: str | None, owner: str | None
) -> int:
    """Create ``workflows/<id>.yaml``; 1 when it exists or cannot be made valid, 0 when done."""
    from usm_docgen.cli import UsageError

    if not _ID_OK.match(workflow_id) or workflow_id == "end":
        raise UsageError(
            f"'{workflow_id}' is not a valid id: use lowercase letters, digits and "
            "hyphens, starting with a letter or digit, at most 63 characters"
        )
    target = root / catalog.WORKFLOW_DIR / f"{workflow_id}.yaml"
    if target.exists():
        print(f"usm-docgen: {target} already exists; not overwritten", file=sys.stderr)
        return 1
    loaded = catalog.load(root)
    model = loaded.model
    settings = _handbook_settings(root)
    language = model.handbook.language if model else settings.get("language", "nl")
    owner = owner or (model.handbook.owner if model else settings.get("owner"))
    if owner is None:
        raise UsageError(
            "the handbook does not load cleanly, so its owner is unknown: pass --owner PROFILE"
        )
    text = render_workflow(workflow_id, template_no, name, owner, language, model)
    doc, problems = load_text(text.encode("utf-8"), str(target))
    assert doc is not None and not has_errors(problems + schema.check(doc, "workflow")), problems
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(
        f"wrote {target} ({len(TEMPLATES[template_no].skeleton)} skeleton steps of template "
        f"{template_no}); fill in the RACI and activities, then run 'usm-docgen validate'"
    )
    return 0


def _handbook_settings(root: Path) -> dict[str, str]:
    """conf/handbook.yaml on its own, for when the whole handbook does not load cleanly."""
    raw = catalog.read_quietly(root, catalog.conf_path("handbook"))
    doc = load_text(raw, "handbook.yaml")[0] if raw is not None else None
    data = doc.data if doc is not None else {}
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
) -> str:
    """The YAML text of a new workflow: one step per skeleton kind, ``owner`` RA throughout."""
    template = TEMPLATES[template_no]
    handoff_target = None
    if model is not None and template.hands_off_to is not None:
        handoff_target = next(
            (w.id for w in model.workflows if w.usm.starts_in == template.hands_off_to), None
        )
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
