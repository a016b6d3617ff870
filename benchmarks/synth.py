"""Generate a synthetic but valid handbook with N workflows, for benchmarks and scale tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from usm_docgen.usm import TEMPLATES

BASE = Path(__file__).resolve().parent.parent / "tests" / "base"
PROFILES_PER_WORKFLOW = 5
"""A generated profile for every five workflows: realistic fan-out for profile pages."""


def _profiles(total: int) -> int:
    # at least four: a step's R, A and I are then always three different profiles
    return max(4, total // PROFILES_PER_WORKFLOW)


def _workflow(n: int, total: int) -> str:
    template = TEMPLATES[n % 8 + 1]
    wid = f"wf-{n:04d}"
    lines = [
        f"id: {wid}",
        f"template: {template.number}",
        f"name: Workflow {n} — {template.names.nl}",
        "owner: coordinator",
        "status: approved",
        'version: "1.0"',
        "reviewed: 2026-03-01",
        "review_every: 12",
        "purpose: Een gegenereerde workflow voor metingen.",
        "steps:",
    ]
    for i, kind in enumerate(template.skeleton):
        # Like a large organisation: each team's profiles carry a handful of workflows.
        responsible = f"p-{(n + i % 2) % _profiles(total):04d}"
        accountable = f"p-{(n + 2) % _profiles(total):04d}"
        informed = f"p-{(n + 3) % _profiles(total):04d}"
        # the base handbook's caller and service manager keep a part, as in a real one
        extra = {0: ", melder: I", len(template.skeleton) - 1: ", servicemanager: I"}.get(i, "")
        lines += [
            f"  - id: stap-{i}",
            f"    name: Stap {i} ({kind})",
            f"    kind: {kind}",
            f"    raci: {{{responsible}: R, {accountable}: A, {informed}: I{extra}}}",
            "    activities:",
            "      - Registreer wat er gebeurt",
            "      - {what: Controleer de gegevens, how: Vergelijk met het register}",
            "    inputs: [melding]",
            "    outputs: [registratie]",
        ]
        if kind == "handoff":
            target = _target(n, total, template.hands_off_to)
            lines.append(f"    handoff: {{workflow: {target}}}")
        if kind == "classify":
            lines += [
                "    decision:",
                "      question: Is het dringend?",
                "      outcomes:",
                f"        - {{label: Ja, next: stap-{i + 1}}}",
                f"        - {{label: Nee, next: stap-{i + 1}}}",
            ]
    return "\n".join(lines) + "\n"


def _target(n: int, total: int, process: str | None) -> str:
    for k in range(total):
        if TEMPLATES[k % 8 + 1].starts_in == process:
            return f"wf-{k:04d}"
    raise ValueError(process)


def generate(root: Path, count: int) -> Path:
    """Write a handbook with ``count`` workflows under ``root`` (replacing it)."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(BASE / "conf", root / "conf")
    (root / "workflows").mkdir(parents=True)
    for n in range(count):
        (root / "workflows" / f"wf-{n:04d}.yaml").write_text(_workflow(n, count), encoding="utf-8")
    profiles = root / "conf" / "profiles.yaml"
    profiles.write_text(
        profiles.read_text(encoding="utf-8")
        + "".join(
            f"  - {{id: p-{k:04d}, name: Profiel {k}, usm_role: operator, unit: servicepunt}}\n"
            for k in range(_profiles(count))
        ),
        encoding="utf-8",
    )
    # everyone who is R or A in a workflow is trained before its sprint (usm.knowledge-first)
    audience = ", ".join(f"p-{k:04d}" for k in range(_profiles(count)))
    improvement = root / "conf" / "improvement.yaml"
    improvement.write_text(
        improvement.read_text(encoding="utf-8")
        + "  - id: training-gegenereerd\n    kind: training\n"
        + f"    audience: [{audience}]\n    topics: [USM-basis]\n    date: 2026-02-02\n",
        encoding="utf-8",
    )
    # conf files refer to the base handbook's workflows: keep them valid by aliasing two of ours
    for rel in ("conf/practices.yaml", "conf/improvement.yaml"):
        p = root / rel
        text = p.read_text(encoding="utf-8")
        text = text.replace("storing-zonder-wijziging", "wf-0003").replace(
            "uitvoeringsverzoek", "wf-0004"
        )
        p.write_text(text, encoding="utf-8")
    return root
