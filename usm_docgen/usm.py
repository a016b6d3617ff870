"""The USM reference model built into usm-docgen: processes, templates, step kinds and names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Bilingual(Generic[T]):
    """Something in both languages of the handbook; call it with ``nl`` or ``en``."""

    nl: T
    en: T

    def __call__(self, language: str) -> T:
        return self.nl if language == "nl" else self.en


Names = Bilingual[str]
"""A name in both languages."""


@dataclass(frozen=True)
class Process:
    """One of USM's five processes and the call that starts it."""

    id: str
    names: Names
    trigger: Names
    summary: Names


@dataclass(frozen=True)
class Template:
    """One of the eight USM workflow templates."""

    number: int
    names: Names
    starts_in: str
    hands_off_to: str | None
    skeleton: tuple[str, ...]

    @property
    def proactive(self) -> bool:
        """Templates 6–8 start in Improve; 1–5 answer a customer's call."""
        return self.starts_in == "improve"


PROCESSES: dict[str, Process] = {
    p.id: p
    for p in (
        Process(
            "agree",
            Names("Afspreken", "Agree"),
            Names("wens", "wish"),
            Names(
                "Afspraken maken en wijzigen: met klanten, intern en met leveranciers.",
                "Make and change agreements: with customers, internally and with suppliers.",
            ),
        ),
        Process(
            "change",
            Names("Wijzigen", "Change"),
            Names("wijzigingsverzoek", "request for change"),
            Names(
                "Beheerde middelen gecontroleerd wijzigen.",
                "Change managed resources in a controlled way.",
            ),
        ),
        Process(
            "recover",
            Names("Herstellen", "Recover"),
            Names("verstoring", "incident"),
            Names(
                "De afgesproken dienstverlening na een verstoring herstellen.",
                "Restore the agreed service after a failure.",
            ),
        ),
        Process(
            "operate",
            Names("Uitvoeren", "Operate"),
            Names("uitvoeringsverzoek", "service request"),
            Names(
                "Gepland of gevraagd operationeel werk dat niets aan de beheerde middelen "
                "verandert.",
                "Planned or requested operational work that changes no managed resource.",
            ),
        ),
        Process(
            "improve",
            Names("Verbeteren", "Improve"),
            Names("risico", "risk"),
            Names(
                "Risico's (bedreigingen en kansen) vooraf opsporen en behandelen.",
                "Find and handle risks (threats and opportunities) proactively.",
            ),
        ),
    )
}

_CHANGE_SKELETON = ("accept", "classify", "diagnose", "prepare", "handoff", "review", "evaluate")
_RISK_SKELETON = (
    "accept",
    "classify",
    "diagnose",
    "select-measure",
    "handoff",
    "review",
    "evaluate",
)

TEMPLATES: dict[int, Template] = {
    t.number: t
    for t in (
        Template(
            1,
            Names("Wijziging van afspraken", "Changes to agreements"),
            "agree",
            "change",
            (
                "accept",
                "classify",
                "specify",
                "offer",
                "negotiate",
                "handoff",
                "review",
                "evaluate",
            ),
        ),
        Template(
            2,
            Names("Wijziging van beheerde middelen", "Changes to managed resources"),
            "change",
            "operate",
            (
                "accept",
                "classify",
                "plan",
                "prepare",
                "test",
                "handoff",
                "review",
                "update-register",
                "evaluate",
            ),
        ),
        Template(
            3,
            Names("Verstoring met wijziging", "Incidents needing a change to managed resources"),
            "recover",
            "change",
            _CHANGE_SKELETON,
        ),
        Template(
            4,
            Names(
                "Verstoring zonder wijziging", "Incidents solved without changing managed resources"
            ),
            "recover",
            "operate",
            _CHANGE_SKELETON,
        ),
        Template(
            5,
            Names("Uitvoeringsverzoek (operationele activiteiten)", "Operational requests"),
            "operate",
            None,
            ("accept", "classify", "plan", "execute", "review", "evaluate"),
        ),
        Template(
            6,
            Names("Risico via afspraken", "Risks handled by changing agreements"),
            "improve",
            "agree",
            _RISK_SKELETON,
        ),
        Template(
            7,
            Names("Risico via wijziging", "Risks handled by changing managed resources"),
            "improve",
            "change",
            _RISK_SKELETON,
        ),
        Template(
            8,
            Names("Risico via uitvoering", "Risks handled by operations"),
            "improve",
            "operate",
            _RISK_SKELETON,
        ),
    )
}

STEP_KINDS: dict[str, Names] = {
    "accept": Names("Aannemen", "Accept"),
    "classify": Names("Classificeren", "Classify"),
    "specify": Names("Specificeren", "Specify"),
    "offer": Names("Aanbieden", "Offer"),
    "negotiate": Names("Onderhandelen", "Negotiate"),
    "plan": Names("Plannen", "Plan"),
    "prepare": Names("Voorbereiden", "Prepare"),
    "test": Names("Testen", "Test"),
    "diagnose": Names("Diagnosticeren", "Diagnose"),
    "execute": Names("Uitvoeren", "Execute"),
    "select-measure": Names("Maatregel kiezen", "Select measure"),
    "handoff": Names("Overdragen", "Hand off"),
    "review": Names("Oplevering toetsen en terugkoppelen", "Review delivery and feedback"),
    "update-register": Names("Register bijwerken", "Update register"),
    "evaluate": Names("Evalueren en afsluiten", "Evaluate and close"),
    "decide": Names("Beslissen", "Decide"),
    "other": Names("Overig", "Other"),
}

USM_ROLES: dict[str, Names] = {
    "operator": Names("Operator", "Operator"),
    "workflow-coordinator": Names("Workflowcoördinator", "Workflow coordinator"),
    "workflow-manager": Names("Workflowmanager", "Workflow manager"),
    "team-coordinator": Names("Teamcoördinator", "Team coordinator"),
    "service-manager": Names("Servicemanager", "Service manager"),
    "process-manager": Names("Procesmanager", "Process manager"),
    "line-manager": Names("Lijnmanager", "Line manager"),
    "requester": Names("Aanvrager", "Requester"),
    "other": Names("Overig", "Other"),
}

END = "end"
"""The reserved step target that ends a workflow."""


def template_for_target(process: str) -> tuple[int, ...]:
    """Templates whose workflows start in ``process``: valid targets of a hand-off to it."""
    return tuple(n for n, t in TEMPLATES.items() if t.starts_in == process)
