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
                "De beheerde infrastructuur gecontroleerd en blijvend wijzigen, binnen de "
                "afspraken.",
                "Change the managed infrastructure permanently and in a controlled way, within "
                "the agreements.",
            ),
        ),
        Process(
            "recover",
            Names("Herstellen", "Recover"),
            Names("verstoring", "incident"),
            Names(
                "De afgesproken dienstverlening herstellen na een verstoring, of een dreigende "
                "verstoring voorkomen.",
                "Restore the agreed service after a failure, or prevent an imminent failure.",
            ),
        ),
        Process(
            "operate",
            Names("Uitvoeren", "Operate"),
            Names("uitvoeringsverzoek", "service request"),
            Names(
                "Gepland of gevraagd operationeel werk zonder blijvend effect op de beheerde "
                "infrastructuur.",
                "Planned or requested operational work without a permanent effect on the "
                "managed infrastructure.",
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
            Names("Wens", "Wish"),
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
            Names("Wijzigingsverzoek", "Request for change"),
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
            Names("Verstoring via wijziging", "Incident via change"),
            "recover",
            "change",
            _CHANGE_SKELETON,
        ),
        Template(
            4,
            Names("Verstoring via uitvoering", "Incident via operations"),
            "recover",
            "operate",
            _CHANGE_SKELETON,
        ),
        Template(
            5,
            Names("Uitvoeringsverzoek", "Service request"),
            "operate",
            None,
            ("accept", "classify", "plan", "execute", "review", "evaluate"),
        ),
        Template(
            6,
            Names("Risico via afspraken", "Risk via agreements"),
            "improve",
            "agree",
            _RISK_SKELETON,
        ),
        Template(
            7,
            Names("Risico via wijziging", "Risk via change"),
            "improve",
            "change",
            _RISK_SKELETON,
        ),
        Template(
            8,
            Names("Risico via uitvoering", "Risk via operations"),
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
"""The profile types a profile's ``usm_role`` names. USM speaks only of profiles (the tasks,
authorities and responsibilities of a position and/or role), so the site shows the key as the
profile's type, never as a role."""

END = "end"
"""The reserved step target that ends a workflow."""


def template_for_target(process: str) -> tuple[int, ...]:
    """Templates whose workflows start in ``process``: valid targets of a hand-off to it."""
    return tuple(n for n, t in TEMPLATES.items() if t.starts_in == process)


def whole_path(number: int) -> tuple[str, ...]:
    """The processes a call of template ``number`` passes through, in order (its whole path):
    the process it starts in, then each process handed off to until one hands off no more.
    Agree, Change and Operate each start one template, so the path after the first fork is
    fixed: 3 is Recover → Change → Operate."""
    path = [TEMPLATES[number].starts_in]
    process = TEMPLATES[number].hands_off_to
    while process is not None and process not in path:
        path.append(process)
        process = TEMPLATES[template_for_target(process)[0]].hands_off_to
    return tuple(path)


DYNAMICITY = ("static", "dynamic")
"""USM-WIF's ``dynamicity`` of a workflow: one template (static), or several that start in
the same process, the route chosen by a decision step (dynamic)."""
