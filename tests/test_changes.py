"""The changelog between two editions: each kind of change, nothing more, in both languages.

Every edition is a copy of ``tests/base`` with a few lines of YAML replaced, loaded with the
real loader; so each edit is one a handbook author could make and still pass every check.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import markdown_it
import pytest
from jsonschema import Draft202012Validator

from tests.conftest import BASE, REPO
from usm_docgen import catalog
from usm_docgen.changes import (
    WHAT_DOCS,
    WHATS,
    Change,
    Changelog,
    compare,
    format_markdown,
    format_text,
    sentence,
)
from usm_docgen.model import Model

TODAY = dt.date(2026, 11, 16)
STORING = "workflows/storing-zonder-wijziging.yaml"
VERZOEK = "workflows/uitvoeringsverzoek.yaml"
PRACTICES = "conf/practices.yaml"
PROFILES = "conf/profiles.yaml"
IMPROVEMENT = "conf/improvement.yaml"

Edits = dict[str, list[tuple[str, str]]]

NEW_STEP = """  - id: controleren
    name: Gegevens controleren
    kind: other
    raci: {medewerker-servicepunt: R, coordinator: A}
"""


def load(root: Path) -> Model:
    result = catalog.load(root, today=TODAY)
    assert result.model is not None, result.diagnostics
    return result.model


@pytest.fixture(scope="module")
def base() -> Model:
    return load(BASE)


@pytest.fixture
def edition(tmp_path: Path) -> Callable[..., Model]:
    """A copy of tests/base with ``edits`` (file → [(old, new)], each old text found once)
    and ``extra`` files, as edition ``name``."""
    count = 0

    def make(edits: Edits | None = None, name: str = "2026.2", extra: Edits | None = None) -> Model:
        nonlocal count
        count += 1
        root = tmp_path / f"hb{count}"
        shutil.copytree(BASE, root)
        replace = {"conf/handbook.yaml": [('edition: "2026.1"', f'edition: "{name}"')]}
        for rel, pairs in [*replace.items(), *(edits or {}).items()]:
            path = root / rel
            text = path.read_text("utf-8")
            for old, new in pairs:
                assert text.count(old) == 1, (rel, old)
                text = text.replace(old, new)
            path.write_text(text, "utf-8")
        for rel, pairs in (extra or {}).items():
            text = (root / pairs[0][0]).read_text("utf-8")
            for old, new in pairs[1:]:
                text = text.replace(old, new)
            (root / rel).write_text(text, "utf-8")
        return load(root)

    return make


def kinds(log: Changelog) -> list[tuple[str, str | None]]:
    """(what, step or profile or subject) of every change, in order."""
    return [(c.what, c.profile or c.step or c.subject) for c in log.changes]


# A second service-request workflow: what "workflow added" and (compared the other way)
# "workflow removed" are made of.
EXTRA_WORKFLOW: Edits = {
    "workflows/wachtwoord.yaml": [
        (VERZOEK, ""),
        ("id: uitvoeringsverzoek", "id: wachtwoord"),
        ("name: Uitvoeringsverzoek afhandelen", "name: Wachtwoord herstellen"),
        ("owner: coordinator", "owner: servicemanager"),
        ("practices: [itil-service-request-management]\n", ""),
    ]
}


# --- nothing changed ----------------------------------------------------------------------


def test_equal_models_give_no_changes(base: Model, edition: Callable[..., Model]) -> None:
    assert not compare(base, base)
    again = edition(name="2026.1")
    assert again == base
    log = compare(base, again)
    assert log.changes == ()
    assert not log
    assert (log.old, log.new) == ("2026.1", "2026.1")


def test_layout_and_edition_alone_change_nothing(
    base: Model, edition: Callable[..., Model]
) -> None:
    """RACI written in another order, a comment, an explicit default ``next``: no change."""
    new = edition(
        {
            STORING: [
                (
                    "raci: {medewerker-servicepunt: R, coordinator: A, melder: I}",
                    "raci: {melder: I, coordinator: A, medewerker-servicepunt: R}  # order",
                ),
                (
                    "    raci: {coordinator: RA, servicemanager: I}\n",
                    "    raci: {coordinator: AR, servicemanager: I}\n",
                ),
            ],
            VERZOEK: [
                (
                    "    raci: {coordinator: RA}\n  - id: uitvoeren",
                    "    raci: {coordinator: RA}\n    next: uitvoeren\n  - id: uitvoeren",
                )
            ],
        }
    )
    log = compare(base, new)
    assert log.changes == ()
    assert (log.old, log.new) == ("2026.1", "2026.2")
    assert format_markdown(log, "en") == "No changes from 2026.1 to 2026.2.\n"
    assert format_text(log, "nl") == "Geen wijzigingen van 2026.1 naar 2026.2.\n"


def test_first_edition_has_nothing_to_compare(base: Model) -> None:
    log = compare(None, base, old_name="ignored", new_name="eerste")
    assert (log.old, log.new, log.changes) == (None, "eerste", ())
    assert (
        format_text(log, "en")
        == "eerste is the first edition: there is nothing to compare it with.\n"
    )
    assert "eerste editie" in format_markdown(log, "nl")


def test_names_given_by_the_caller(base: Model) -> None:
    log = compare(base, base, old_name="v1", new_name="main")
    assert (log.old, log.new) == ("v1", "main")


def test_the_repository_handbook_equals_itself() -> None:
    today = dt.date(2026, 10, 30)
    one = catalog.load(REPO, today=today).model
    two = catalog.load(REPO, today=today).model
    assert one is not None and two is not None
    assert compare(one, two).changes == ()


# --- steps --------------------------------------------------------------------------------


def test_step_inserted_in_the_middle_is_one_change(
    base: Model, edition: Callable[..., Model]
) -> None:
    """The step before it now goes to the new step: that follows from the step, no flow."""
    new = edition({STORING: [("  - id: classificeren\n", NEW_STEP + "  - id: classificeren\n")]})
    log = compare(base, new)
    assert log.changes == (
        Change(
            "workflow",
            "storing-zonder-wijziging",
            "step-added",
            "Storing verhelpen zonder wijziging",
            step="controleren",
            step_name="Gegevens controleren",
            after="Gegevens controleren",
            profiles=("coordinator", "medewerker-servicepunt"),
        ),
    )
    assert log.marked_steps("storing-zonder-wijziging") == {"controleren": "added"}


def test_step_inserted_before_an_explicit_target(
    base: Model, edition: Callable[..., Model]
) -> None:
    """``doorzetten`` names its next step; a step put in that flow is still one change."""
    step = NEW_STEP.replace("controleren", "bellen") + "    next: herstel-voorbereiden\n"
    new = edition(
        {
            STORING: [
                ("    next: herstel-voorbereiden\n", "    next: bellen\n" + step),
            ]
        }
    )
    assert kinds(compare(base, new)) == [("step-added", "bellen")]


def test_step_removed(base: Model, edition: Callable[..., Model]) -> None:
    """The outcome that led to the removed step now leads where the step went: no flow."""
    new = edition(
        {
            STORING: [
                ("{label: Nee, next: doorzetten}", "{label: Nee, next: herstel-voorbereiden}"),
                (
                    "  - id: doorzetten\n    name: Doorzetten naar NetBeheer\n    kind: other\n"
                    "    raci: {coordinator: RA, medewerker-servicepunt: I}\n"
                    "    next: herstel-voorbereiden\n",
                    "",
                ),
            ]
        }
    )
    log = compare(base, new)
    assert kinds(log) == [("step-removed", "doorzetten")]
    (c,) = log.changes
    assert (c.step_name, c.before, c.after) == ("Doorzetten naar NetBeheer", c.step_name, None)
    assert c.profiles == ("coordinator", "medewerker-servicepunt")
    assert log.marked_steps("storing-zonder-wijziging") == {}
    assert sentence(c, "nl") == "Stap *Doorzetten naar NetBeheer* (`doorzetten`) verwijderd"


def test_removed_steps_are_listed_where_they_were(
    base: Model, edition: Callable[..., Model]
) -> None:
    old = edition({STORING: [("  - id: classificeren\n", NEW_STEP + "  - id: classificeren\n")]})
    new = edition({STORING: [("name: Oplevering toetsen en terugkoppelen", "name: Toetsen")]})
    assert kinds(compare(old, new)) == [
        ("step-removed", "controleren"),
        ("step-renamed", "toetsen"),
    ]


def test_step_renamed(base: Model, edition: Callable[..., Model]) -> None:
    new = edition({STORING: [("name: Oorzaak zoeken", "name: Oorzaak vinden")]})
    log = compare(base, new)
    assert kinds(log) == [("step-renamed", "diagnosticeren")]
    c = log.changes[0]
    assert (c.before, c.after, c.step_name) == (
        "Oorzaak zoeken",
        "Oorzaak vinden",
        "Oorzaak vinden",
    )
    assert sentence(c, "en") == (
        "Step *Oorzaak zoeken* (`diagnosticeren`) renamed to *Oorzaak vinden*"
    )
    assert sentence(c, "nl") == "Stap *Oorzaak zoeken* (`diagnosticeren`) heet nu *Oorzaak vinden*"
    assert log.marked_steps("storing-zonder-wijziging") == {"diagnosticeren": "changed"}


def test_steps_reordered(edition: Callable[..., Model]) -> None:
    """Two steps swapped: one moved, and the flows the new order implies are not listed."""
    first = NEW_STEP.replace("id: controleren", "id: x1")
    second = NEW_STEP.replace("id: controleren", "id: x2").replace("Gegevens", "Andere gegevens")
    old = edition(
        {STORING: [("  - id: classificeren\n", first + second + "  - id: classificeren\n")]}
    )
    new = edition(
        {STORING: [("  - id: classificeren\n", second + first + "  - id: classificeren\n")]}
    )
    log = compare(old, new)
    assert kinds(log) == [("step-moved", "x2")]
    c = log.changes[0]
    assert (c.before, c.after) == ("3", "2")
    assert (
        sentence(c, "en")
        == "Step *Andere gegevens controleren* (`x2`) moved from place 3 to place 2"
    )
    assert format_text(log, "nl").endswith(
        "  - Stap Andere gegevens controleren (x2) verplaatst van plek 3 naar plek 2\n"
    )


def test_step_moved_with_its_flow_kept(base: Model, edition: Callable[..., Model]) -> None:
    """``doorzetten`` written after ``herstel-voorbereiden``; every step names where it goes,
    so the flow is as it was."""
    block = (
        "  - id: doorzetten\n    name: Doorzetten naar NetBeheer\n    kind: other\n"
        "    raci: {coordinator: RA, medewerker-servicepunt: I}\n"
        "    next: herstel-voorbereiden\n"
    )
    prepare = (
        "  - id: herstel-voorbereiden\n    name: Herstel voorbereiden\n    kind: prepare\n"
        "    raci: {medewerker-servicepunt: R, coordinator: A}\n"
    )
    new = edition({STORING: [(block + prepare, prepare + "    next: herstellen\n" + block)]})
    log = compare(base, new)
    assert [c.what for c in log.changes] == ["step-moved"]


def test_step_details(base: Model, edition: Callable[..., Model]) -> None:
    new = edition(
        {
            STORING: [
                (
                    "    kind: other\n",
                    "    kind: other\n    process: operate\n    inputs: [melding]\n",
                ),
                ("    outputs: [registratie]\n", "    outputs: [registratie, nummer]\n"),
                ("activities: [Bepaal impact en urgentie]", "activities: [Bepaal de impact]"),
            ]
        }
    )
    log = compare(base, new)
    assert kinds(log) == [
        ("step-outputs", "aannemen"),
        ("step-activities", "classificeren"),
        ("step-process", "doorzetten"),
        ("step-inputs", "doorzetten"),
    ]
    outputs, activities, process, inputs = log.changes
    assert (outputs.before, outputs.after) == ("registratie", "registratie, nummer")
    assert (activities.before, activities.after) == (
        "Bepaal impact en urgentie",
        "Bepaal de impact",
    )
    assert (inputs.before, inputs.after) == (None, "melding")
    assert sentence(process, "nl") == (
        "Stap *Doorzetten naar NetBeheer* (`doorzetten`): proces Herstellen → Uitvoeren"
    )
    assert sentence(inputs, "en") == (
        "Step *Doorzetten naar NetBeheer* (`doorzetten`): inputs none → melding"
    )


# --- RACI -------------------------------------------------------------------------------


def test_raci_change(base: Model, edition: Callable[..., Model]) -> None:
    new = edition(
        {
            STORING: [
                (
                    "raci: {medewerker-servicepunt: R, coordinator: A, melder: C}",
                    "raci: {medewerker-servicepunt: RC, coordinator: A, servicemanager: I}",
                )
            ]
        }
    )
    log = compare(base, new)
    assert [(c.what, c.step, c.profile, c.before, c.after, c.profiles) for c in log.changes] == [
        ("raci", "toetsen", "medewerker-servicepunt", "R", "RC", ("medewerker-servicepunt",)),
        ("raci", "toetsen", "servicemanager", None, "I", ("servicemanager",)),
        ("raci", "toetsen", "melder", "C", None, ("melder",)),
    ]
    assert [c.profile for c in log.for_profile("melder")] == ["melder"]
    assert log.for_profile("coordinator") == ()
    text = format_markdown(log, "en")
    assert (
        "- Medewerker Servicepunt: R → RC in step *Oplevering toetsen en terugkoppelen* "
        "(`toetsen`)\n" in text
    )
    assert "- Melder: C → — in step" in text
    assert "- Servicemanager: — → I in stap" in format_markdown(log, "nl")
    # without the names, a single sentence shows the profile's id
    assert sentence(log.changes[2], "en").startswith("melder: C → — in step")
    named = sentence(log.changes[2], "en", profile_names={"melder": "Melder"})
    assert named.startswith("Melder: C → —")


# --- workflows ----------------------------------------------------------------------------


def test_workflow_renamed(base: Model, edition: Callable[..., Model]) -> None:
    new = edition(
        {VERZOEK: [("name: Uitvoeringsverzoek afhandelen", "name: Verzoek *snel* afhandelen")]}
    )
    log = compare(base, new)
    (c,) = log.changes
    assert (c.what, c.subject, c.name, c.before, c.after) == (
        "workflow-renamed",
        "uitvoeringsverzoek",
        "Verzoek *snel* afhandelen",
        "Uitvoeringsverzoek afhandelen",
        "Verzoek *snel* afhandelen",
    )
    assert c.profiles == ("coordinator", "medewerker-servicepunt", "melder")
    assert sentence(c, "nl") == (
        "Workflow *Uitvoeringsverzoek afhandelen* (`uitvoeringsverzoek`) heet nu "
        "*Verzoek \\*snel\\* afhandelen*"
    )
    assert log.workflows() == ("uitvoeringsverzoek",)
    assert log.marked_steps("uitvoeringsverzoek") == {}


def test_workflow_added_and_removed(base: Model, edition: Callable[..., Model]) -> None:
    more = edition(extra=EXTRA_WORKFLOW)
    added = compare(base, more)
    assert kinds(added) == [("workflow-added", "wachtwoord")]
    (c,) = added.changes
    assert (c.name, c.before, c.after) == ("Wachtwoord herstellen", None, "Wachtwoord herstellen")
    assert c.profiles == ("coordinator", "medewerker-servicepunt", "melder", "servicemanager")
    assert added.marked_steps("wachtwoord") == {}
    removed = compare(more, base)
    assert kinds(removed) == [("workflow-removed", "wachtwoord")]
    assert removed.changes[0].before == "Wachtwoord herstellen"
    assert sentence(removed.changes[0], "en") == (
        "Workflow *Wachtwoord herstellen* (`wachtwoord`) removed"
    )


def test_owner_status_version(base: Model, edition: Callable[..., Model]) -> None:
    new = edition(
        {
            VERZOEK: [
                ("owner: coordinator", "owner: servicemanager"),
                ("status: draft", "status: approved\nreviewed: 2026-10-01\nreview_every: 12"),
                ('version: "0.2"', 'version: "1.0"'),
                ("purpose: Geplande", "purpose: Alle geplande"),
            ]
        }
    )
    log = compare(base, new)
    assert [(c.what, c.before, c.after) for c in log.changes] == [
        ("owner", "coordinator", "servicemanager"),
        ("status", "draft", "approved"),
        ("version", "0.2", "1.0"),
        ("purpose", log.changes[3].before, log.changes[3].after),
    ]
    owner, status, _, purpose = log.changes
    assert owner.profiles == ("coordinator", "servicemanager")
    assert status.profiles == ("coordinator", "medewerker-servicepunt", "melder", "servicemanager")
    assert purpose.before is not None and purpose.before.startswith("Geplande")
    assert sentence(owner, "nl") == "Eigenaar: coordinator → servicemanager"
    text = format_text(log, "nl")
    assert "  - Eigenaar: Coördinator Servicepunt → Servicemanager\n" in text
    assert "  - Status: concept → vastgesteld\n" in text
    assert "  - Versie: 0.2 → 1.0\n" in text
    assert "  - Status: draft → approved\n" in format_text(log, "en")
    assert [c.what for c in log.for_profile("servicemanager")] == [
        "owner",
        "status",
        "version",
        "purpose",
    ]
    assert log.marked_steps("uitvoeringsverzoek") == {}


def test_workflow_practices(base: Model, edition: Callable[..., Model]) -> None:
    new = edition({STORING: [("practices: [itil-incident-management]\n", "")]})
    log = compare(base, new)
    # the practice still lists the workflow: only the workflow's own list changed
    assert [(c.what, c.before, c.after) for c in log.changes] == [
        ("practices", "itil-incident-management", None)
    ]
    assert sentence(log.changes[0], "en") == "Practices: `itil-incident-management` → none"
    assert sentence(log.changes[0], "nl") == "Practices: `itil-incident-management` → geen"


# --- decisions, flow and hand-offs ----------------------------------------------------------


def test_decision_outcome_target(base: Model, edition: Callable[..., Model]) -> None:
    new = edition(
        {STORING: [("{label: Ja, next: herstel-voorbereiden}", "{label: Ja, next: herstellen}")]}
    )
    log = compare(base, new)
    (c,) = log.changes
    assert (c.what, c.step, c.before, c.after) == (
        "flow",
        "diagnosticeren",
        "Ja → herstel-voorbereiden",
        "Ja → herstellen",
    )
    assert c.profiles == ("coordinator", "medewerker-servicepunt")
    assert sentence(c, "en") == (
        "Step *Oorzaak zoeken* (`diagnosticeren`): outcome “Ja” continues with "
        "`herstel-voorbereiden` → `herstellen`"
    )
    assert sentence(c, "nl") == (
        "Stap *Oorzaak zoeken* (`diagnosticeren`): uitkomst “Ja” verder met "
        "`herstel-voorbereiden` → `herstellen`"
    )


def test_next_changed(base: Model, edition: Callable[..., Model]) -> None:
    new = edition({STORING: [("    next: herstel-voorbereiden\n", "    next: herstellen\n")]})
    (c,) = compare(base, new).changes
    assert (c.what, c.step, c.before, c.after) == (
        "flow",
        "doorzetten",
        "herstel-voorbereiden",
        "herstellen",
    )
    assert sentence(c, "en").endswith(": continues with `herstel-voorbereiden` → `herstellen`")


def test_decision_details(base: Model, edition: Callable[..., Model]) -> None:
    new = edition(
        {
            STORING: [
                ("question: Is de oplossing bekend?", "question: Weet je de oplossing?"),
                (
                    "        - {label: Nee, next: doorzetten}\n",
                    "        - {label: Nee, next: doorzetten}\n"
                    "        - {label: Misschien, next: doorzetten}\n",
                ),
            ]
        }
    )
    log = compare(base, new)
    assert [(c.what, c.before, c.after) for c in log.changes] == [
        ("decision-question", "Is de oplossing bekend?", "Weet je de oplossing?"),
        ("outcome-added", None, "Misschien"),
    ]
    assert sentence(log.changes[1], "nl") == (
        "Stap *Oorzaak zoeken* (`diagnosticeren`): uitkomst “Misschien” toegevoegd"
    )
    back = compare(new, base)
    assert [c.what for c in back.changes] == ["decision-question", "outcome-removed"]


def test_handoff_changed(base: Model, edition: Callable[..., Model]) -> None:
    new = edition(
        {
            STORING: [
                (
                    "workflow: uitvoeringsverzoek, returns: true",
                    "workflow: uitvoeringsverzoek, returns: false",
                )
            ]
        }
    )
    log = compare(base, new)
    assert [(c.what, c.step, c.before, c.after, c.profiles) for c in log.changes] == [
        (
            "handoff-changed",
            "herstellen",
            "uitvoeringsverzoek",
            "uitvoeringsverzoek (no return)",
            ("coordinator",),
        )
    ]
    assert sentence(log.changes[0], "en") == (
        "Step *Herstel laten uitvoeren* (`herstellen`): hand-off to `uitvoeringsverzoek` "
        "(returns) → `uitvoeringsverzoek` (does not return)"
    )
    assert sentence(log.changes[0], "nl") == (
        "Stap *Herstel laten uitvoeren* (`herstellen`): overdracht aan `uitvoeringsverzoek` "
        "(komt terug) → `uitvoeringsverzoek` (komt niet terug)"
    )


def test_handoff_to_another_workflow(edition: Callable[..., Model]) -> None:
    old = edition(extra=EXTRA_WORKFLOW)
    new = edition(
        {STORING: [("workflow: uitvoeringsverzoek,", "workflow: wachtwoord,")]},
        extra=EXTRA_WORKFLOW,
    )
    log = compare(old, new)
    assert [(c.what, c.before, c.after) for c in log.changes] == [
        ("handoff-changed", "uitvoeringsverzoek", "wachtwoord")
    ]


def test_handoff_added_and_removed(base: Model, edition: Callable[..., Model]) -> None:
    """A step that no longer hands off (its kind changes with it)."""
    new = edition(
        {
            STORING: [
                ("    kind: handoff\n", "    kind: other\n"),
                ("    handoff: {workflow: uitvoeringsverzoek, returns: true}\n", ""),
            ]
        }
    )
    log = compare(base, new)
    assert [(c.what, c.before, c.after) for c in log.changes] == [
        ("step-kind", "handoff", "other"),
        ("handoff-removed", "uitvoeringsverzoek", None),
    ]
    assert sentence(log.changes[0], "nl").endswith(": soort Overdragen → Overig")
    back = compare(new, base)
    assert [c.what for c in back.changes] == ["step-kind", "handoff-added"]
    assert sentence(back.changes[1], "en") == (
        "Step *Herstel laten uitvoeren* (`herstellen`): hand-off to `uitvoeringsverzoek` "
        "(returns) added"
    )


# --- practices, profiles, programme --------------------------------------------------------


def test_practice_dropped(base: Model, edition: Callable[..., Model]) -> None:
    new = edition(
        {
            PRACTICES: [
                (
                    "  - id: bisl-gebruiksbeheer\n    name: Gebruikersondersteuning\n"
                    "    framework: BiSL\n    status: planned\n    processes: [operate, recover]\n"
                    "    rationale: Pas na de tweede sprint, als de basis staat.\n",
                    "",
                )
            ]
        }
    )
    log = compare(base, new)
    (c,) = log.changes
    assert (c.area, c.what, c.subject, c.name, c.before, c.after, c.profiles) == (
        "practice",
        "practice-removed",
        "bisl-gebruiksbeheer",
        "Gebruikersondersteuning",
        "planned",
        None,
        (),
    )
    assert log.workflows() == ()
    assert (
        "#### Practices\n\n- Practice *Gebruikersondersteuning* (`bisl-gebruiksbeheer`) verwijderd"
        in (format_markdown(log, "nl"))
    )
    added = compare(new, base).changes[0]
    assert (added.what, added.after) == ("practice-added", "planned")
    assert sentence(added, "nl").endswith("toegevoegd, status gepland")


def test_practice_changed(base: Model, edition: Callable[..., Model]) -> None:
    new = edition(
        {
            PRACTICES: [
                ("name: Incident management", "name: Incidentbeheer"),
                ("status: planned", "status: not-adopted"),
            ]
        }
    )
    log = compare(base, new)
    assert [(c.what, c.subject, c.before, c.after, c.profiles) for c in log.changes] == [
        (
            "practice-renamed",
            "itil-incident-management",
            "Incident management",
            "Incidentbeheer",
            ("coordinator",),
        ),
        ("practice-status", "bisl-gebruiksbeheer", "planned", "not-adopted", ()),
    ]
    assert sentence(log.changes[1], "nl").endswith("status gepland → niet toegepast")
    assert [c.what for c in log.for_profile("coordinator")] == ["practice-renamed"]


def test_profiles(base: Model, edition: Callable[..., Model]) -> None:
    new = edition(
        {
            PROFILES: [
                ("name: Melder\n", "name: Aanvrager\n"),
                (
                    "  - id: servicemanager\n",
                    "  - id: applicatiebeheerder\n    name: Applicatiebeheerder\n"
                    "    usm_role: operator\n  - id: servicemanager\n",
                ),
            ]
        }
    )
    log = compare(base, new)
    assert [(c.area, c.what, c.subject, c.before, c.after, c.profiles) for c in log.changes] == [
        (
            "profile",
            "profile-added",
            "applicatiebeheerder",
            None,
            "Applicatiebeheerder",
            ("applicatiebeheerder",),
        ),
        ("profile", "profile-renamed", "melder", "Melder", "Aanvrager", ("melder",)),
    ]
    assert (
        sentence(log.changes[0], "nl")
        == "Profiel *Applicatiebeheerder* (`applicatiebeheerder`) toegevoegd"
    )
    assert sentence(log.changes[1], "en") == "Profile *Melder* (`melder`) renamed to *Aanvrager*"
    assert [c.what for c in compare(new, base).changes] == ["profile-renamed", "profile-removed"]
    assert "#### Profielen\n" in format_markdown(log, "nl")


def test_programme(base: Model, edition: Callable[..., Model]) -> None:
    new = edition(
        {
            IMPROVEMENT: [
                ("    target: 95\n", "    target: 90\n"),
                ("    status: running\n", "    status: done\n"),
                (
                    "  - {indicator: doorlooptijd, date: 2026-09-30, value: 19}\n",
                    "  - {indicator: doorlooptijd, date: 2026-09-30, value: 19}\n"
                    "  - {indicator: doorlooptijd, date: 2026-10-31, value: 12.5}\n",
                ),
            ]
        }
    )
    log = compare(base, new)
    assert [
        (c.area, c.what, c.subject, c.name, c.before, c.after, c.profiles) for c in log.changes
    ] == [
        (
            "programme",
            "goal-changed",
            "alles-registreren",
            "Elke melding wordt geregistreerd",
            "target 95 by 2026-06-30",
            "target 90 by 2026-06-30",
            ("coordinator",),
        ),
        ("programme", "sprint-status", "sprint-2", "Verzoeken plannen", "running", "done", ()),
        (
            "programme",
            "measurement-added",
            "doorlooptijd",
            "Gemiddelde doorlooptijd van een storing",
            None,
            "12.5 on 2026-10-31",
            (),
        ),
    ]
    goal, sprint, measurement = log.changes
    assert sentence(goal, "nl") == (
        "Verbeterdoel *Elke melding wordt geregistreerd* (`alles-registreren`): "
        "streefwaarde 95 uiterlijk 2026-06-30 → streefwaarde 90 uiterlijk 2026-06-30"
    )
    assert sentence(sprint, "nl").endswith("status loopt → afgerond")
    assert sentence(measurement, "nl") == (
        "Nieuwe meting van *Gemiddelde doorlooptijd van een storing* (`doorlooptijd`): "
        "12.5 op 2026-10-31"
    )
    assert "#### Verbeterprogramma\n" in format_markdown(log, "nl")
    assert "\nImprovement programme\n" in format_text(log, "en")


def test_goal_owner_and_statement(base: Model, edition: Callable[..., Model]) -> None:
    new = edition(
        {
            IMPROVEMENT: [
                ("    owner: coordinator\n", "    owner: servicemanager\n"),
                (
                    "statement: Elke melding wordt geregistreerd",
                    "statement: Elke melding; target 1 by x",
                ),
            ]
        }
    )
    (c,) = compare(base, new).changes
    assert (c.before, c.after) == (
        "owner coordinator; “Elke melding wordt geregistreerd”",
        "owner servicemanager; “Elke melding; target 1 by x”",
    )
    assert c.profiles == ("coordinator", "servicemanager")
    assert sentence(c, "nl", profile_names={"servicemanager": "Servicemanager"}) == (
        "Verbeterdoel *Elke melding; target 1 by x* (`alles-registreren`): eigenaar coordinator; "
        "“Elke melding wordt geregistreerd” → eigenaar Servicemanager; "
        "“Elke melding; target 1 by x”"
    )


def test_goals_and_sprints_added_and_removed(base: Model, edition: Callable[..., Model]) -> None:
    new = edition(
        {
            IMPROVEMENT: [
                (
                    "    status: running\n",
                    "    status: running\n  - id: sprint-3\n    name: Meten\n"
                    "    start: 2026-04-27\n    end: 2026-06-05\n"
                    "    workflows: [uitvoeringsverzoek]\n"
                    "    goals: [sneller-herstel]\n    deliverables:\n      people: [Meten]\n"
                    "      process: [Metingen]\n      technology: [Rapport]\n    status: planned\n",
                ),
                (
                    "sprints:\n",
                    "  - id: wachttijd\n    statement: Minder lang wachten aan de balie\n"
                    "    indicator: doorlooptijd\n    target: 4.5\n    due: 2027-03-31\n"
                    "    owner: servicemanager\n    relevance: Bezoekers wachten.\n"
                    "    achievable: Met de nieuwe werkwijze.\nsprints:\n",
                ),
            ]
        }
    )
    log = compare(base, new)
    assert [(c.what, c.subject, c.after, c.profiles) for c in log.changes] == [
        ("goal-added", "wachttijd", "target 4.5 by 2027-03-31", ("servicemanager",)),
        ("sprint-added", "sprint-3", "planned", ()),
    ]
    assert sentence(log.changes[0], "nl") == (
        "Verbeterdoel *Minder lang wachten aan de balie* (`wachttijd`) toegevoegd: "
        "streefwaarde 4.5 uiterlijk 2027-03-31"
    )
    assert sentence(log.changes[1], "en") == (
        "Improvement sprint *Meten* (`sprint-3`) added, status planned"
    )
    back = compare(new, base)
    assert [(c.what, c.before) for c in back.changes] == [
        ("goal-removed", "target 4.5 by 2027-03-31"),
        ("sprint-removed", "planned"),
    ]


# --- the whole changelog ----------------------------------------------------------------------


@pytest.fixture
def release(base: Model, edition: Callable[..., Model]) -> Changelog:
    """The acceptance edit: a step added, a RACI change, a workflow renamed, a practice
    dropped and a workflow removed."""
    old = edition(extra=EXTRA_WORKFLOW, name="2026.1")
    new = edition(
        {
            STORING: [
                ("  - id: classificeren\n", NEW_STEP + "  - id: classificeren\n"),
                ("name: Storing verhelpen zonder wijziging", "name: Storing verhelpen"),
            ],
            VERZOEK: [("raci: {coordinator: RA, melder: C}", "raci: {coordinator: RA, melder: I}")],
            PRACTICES: [
                (
                    "  - id: bisl-gebruiksbeheer\n    name: Gebruikersondersteuning\n"
                    "    framework: BiSL\n    status: planned\n    processes: [operate, recover]\n"
                    "    rationale: Pas na de tweede sprint, als de basis staat.\n",
                    "",
                )
            ],
        }
    )
    return compare(old, new)


def test_release_lists_exactly_the_edits(release: Changelog) -> None:
    assert kinds(release) == [
        ("workflow-renamed", "storing-zonder-wijziging"),
        ("step-added", "controleren"),
        ("raci", "melder"),
        ("workflow-removed", "wachtwoord"),
        ("practice-removed", "bisl-gebruiksbeheer"),
    ]
    assert release.workflows() == ("storing-zonder-wijziging", "uitvoeringsverzoek", "wachtwoord")
    assert [c.what for c in release.for_workflow("storing-zonder-wijziging")] == [
        "workflow-renamed",
        "step-added",
    ]
    assert release.marked_steps("storing-zonder-wijziging") == {"controleren": "added"}
    assert release.marked_steps("uitvoeringsverzoek") == {"toetsen": "changed"}
    assert release.marked_steps("wachtwoord") == {}
    assert [c.what for c in release.for_profile("melder")] == [
        "workflow-renamed",
        "raci",
        "workflow-removed",
    ]
    assert [c.what for c in release.for_profile("servicemanager")] == [
        "workflow-renamed",
        "workflow-removed",
    ]
    assert release


def test_markdown_in_english(release: Changelog) -> None:
    assert format_markdown(release, "en") == (
        "### What changed from 2026.1 to 2026.2\n"
        "\n"
        "5 changes: 4 in workflows and 1 in practices.\n"
        "\n"
        "#### Workflow Storing verhelpen (`storing-zonder-wijziging`)\n"
        "\n"
        "- Workflow *Storing verhelpen zonder wijziging* (`storing-zonder-wijziging`) renamed to "
        "*Storing verhelpen*\n"
        "- Step *Gegevens controleren* (`controleren`) added\n"
        "\n"
        "#### Workflow Uitvoeringsverzoek afhandelen (`uitvoeringsverzoek`)\n"
        "\n"
        "- Melder: C → I in step *Oplevering toetsen* (`toetsen`)\n"
        "\n"
        "#### Workflow Wachtwoord herstellen (`wachtwoord`)\n"
        "\n"
        "- Workflow *Wachtwoord herstellen* (`wachtwoord`) removed\n"
        "\n"
        "#### Practices\n"
        "\n"
        "- Practice *Gebruikersondersteuning* (`bisl-gebruiksbeheer`) removed\n"
    )


def test_text_in_dutch(release: Changelog) -> None:
    text = format_text(release, "nl")
    assert text == (
        "Wat er verandert van 2026.1 naar 2026.2\n"
        "\n"
        "5 wijzigingen: 4 in workflows en 1 in practices.\n"
        "\n"
        "Workflow Storing verhelpen (storing-zonder-wijziging)\n"
        "  - Workflow Storing verhelpen zonder wijziging (storing-zonder-wijziging) heet nu "
        "Storing verhelpen\n"
        "  - Stap Gegevens controleren (controleren) toegevoegd\n"
        "\n"
        "Workflow Uitvoeringsverzoek afhandelen (uitvoeringsverzoek)\n"
        "  - Melder: C → I in stap Oplevering toetsen (toetsen)\n"
        "\n"
        "Workflow Wachtwoord herstellen (wachtwoord)\n"
        "  - Workflow Wachtwoord herstellen (wachtwoord) verwijderd\n"
        "\n"
        "Practices\n"
        "  - Practice Gebruikersondersteuning (bisl-gebruiksbeheer) verwijderd\n"
    )
    assert "*" not in text and "`" not in text


def test_dutch_words(release: Changelog, base: Model) -> None:
    """Dutch addresses the reader with je, never u, and never calls a profile a role."""
    everything = [format_markdown(release, "nl"), format_text(release, "nl")]
    everything += [sentence(c, "nl") for c in release.changes]
    from usm_docgen import changes

    everything += [nl for _, nl in changes._WORDS.values()]
    words = {w.strip(".,:;()“”*`").lower() for text in everything for w in text.split()}
    assert not words & {"u", "uw", "rol", "rollen", "handoff", "hand-off"}


def test_every_what_is_documented_and_has_sentences() -> None:
    from usm_docgen import changes

    assert set(WHATS) == set(WHAT_DOCS)
    assert len(WHATS) == len(set(WHATS))
    for what in WHATS:
        assert what in changes._WORDS, what
        assert WHAT_DOCS[what].endswith("."), what


def test_hostile_names_are_escaped(base: Model, edition: Callable[..., Model]) -> None:
    hostile = "*x* <script>alert(1)</script> [a](javascript:x) `y` _z_ @jan #1 ~s~ $m$ &amp;"
    new = edition(
        {
            STORING: [
                (
                    "  - id: classificeren\n",
                    NEW_STEP.replace("Gegevens controleren", json.dumps(hostile))
                    + "  - id: classificeren\n",
                ),
                ("name: Storing verhelpen zonder wijziging", "name: '1. - <b>'"),
            ],
            PROFILES: [("name: Melder\n", "name: '- Melder <i>'\n")],
            VERZOEK: [("raci: {coordinator: RA, melder: C}", "raci: {coordinator: RA, melder: I}")],
        },
        name="<img src=x>",
    )
    log = compare(base, new)
    md = format_markdown(log, "en")
    assert "<" not in md and ">" not in md.replace("→", "")
    step = sentence(log.for_workflow("storing-zonder-wijziging")[1], "en")
    assert step == (
        "Step *\\*x\\* &lt;script&gt;alert(1)&lt;/script&gt; \\[a\\](javascript:x) \\`y\\` "
        "\\_z\\_ \\@jan \\#1 \\~s\\~ \\$m\\$ \\&amp;* (`controleren`) added"
    )
    html = markdown_it.MarkdownIt("commonmark").render(md)
    assert "<script" not in html and "<img" not in html and "<b>" not in html and "<i>" not in html
    assert "<a " not in html
    assert (
        "<em>*x* &lt;script&gt;alert(1)&lt;/script&gt; [a](javascript:x) `y` _z_ @jan #1 ~s~ "
        "$m$ &amp;amp;</em>" in html
    )
    # a name that looks like a list marker at the start of a bullet stays text
    assert "\\- Melder &lt;i&gt;: C → I in step" in md
    assert "<li>- Melder &lt;i&gt;: C → I" in html
    assert "<h4>Workflow 1. - &lt;b&gt; (<code>storing-zonder-wijziging</code>)</h4>" in html
    assert "### What changed from 2026.1 to &lt;img src=x&gt;\n" in md
    # a terminal gets the text as written, on one line, without control characters
    text = format_text(log, "en")
    assert hostile in text


def test_control_characters_never_reach_a_terminal() -> None:
    evil = Change("profile", "p", "profile-added", "Bad\x1b[31mred\nname\x07", after="x")
    log = Changelog("1", "2", (evil,))
    text = format_text(log, "en")
    assert "\x1b" not in text and "\x07" not in text
    assert "Profile Bad [31mred name (p) added" in text
    assert sentence(evil, "en") == "Profile *Bad \\[31mred name* (`p`) added"


def test_json_matches_the_schema(release: Changelog, base: Model) -> None:
    schema = json.loads(
        resources.files("usm_docgen").joinpath("schemas/changes.json").read_text("utf-8")
    )
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    data = release.to_json()
    assert data["from"] == "2026.1" and data["to"] == "2026.2"
    assert data["changes"][2] == {
        "area": "workflow",
        "subject": "uitvoeringsverzoek",
        "what": "raci",
        "name": "Uitvoeringsverzoek afhandelen",
        "step": "toetsen",
        "step_name": "Oplevering toetsen",
        "profile": "melder",
        "before": "C",
        "after": "I",
        "profiles": ["melder"],
    }
    assert schema["$defs"]["change"]["properties"]["what"]["enum"] == list(WHATS)
    json.dumps(data)  # plain data
    validator.validate(data)
    validator.validate(compare(None, base).to_json())
    # two different handbooks: many kinds of change at once
    repo = catalog.load(REPO, today=dt.date(2026, 10, 30)).model
    assert repo is not None
    for log in (compare(base, repo), compare(repo, base)):
        assert len({c.what for c in log.changes}) > 10
        validator.validate(log.to_json())
        for c in log.changes:
            assert c.profiles == tuple(sorted(set(c.profiles)))
            assert (c.before, c.after) != (None, None) or c.what == "purpose"
        format_markdown(log, "nl")
        format_text(log, "en")
    bad = dict(release.to_json(), extra=1)
    assert list(validator.iter_errors(bad))
    wrong = release.to_json()
    wrong["changes"][0]["what"] = "renamed"
    assert list(validator.iter_errors(wrong))


def test_marked_steps_of_changed_steps(base: Model, edition: Callable[..., Model]) -> None:
    new = edition(
        {
            STORING: [
                ("  - id: classificeren\n", NEW_STEP + "  - id: classificeren\n"),
                ("raci: {coordinator: RA, servicemanager: I}", "raci: {coordinator: RA}"),
                ("name: Oorzaak zoeken", "name: Oorzaak vinden"),
            ]
        }
    )
    log = compare(base, new)
    assert log.marked_steps("storing-zonder-wijziging") == {
        "controleren": "added",
        "diagnosticeren": "changed",
        "afsluiten": "changed",
    }
    assert log.marked_steps("uitvoeringsverzoek") == {}
    assert [c.what for c in log.for_profile("servicemanager")] == ["raci"]
    assert [c.step for c in log.for_profile("medewerker-servicepunt")] == [
        "controleren",
        "diagnosticeren",
    ]
