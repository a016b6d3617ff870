"""Issue 9, point 5: a practice's translation worksheet (``activities``) and the coverage page
that shows its gaps (activities no step carries) and overlaps (steps several practices claim)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO
from usm_docgen import catalog
from usm_docgen.model import Model
from usm_docgen.render import escape_text, render_site, shared_steps, worksheet_gaps

WORKSHEET = """\
    activities:
      - activity: Incidenten registreren
        steps: [storing-zonder-wijziging/aannemen]
        note: Bij het aannemen van elke storing
      - activity: Incidenten escaleren naar de leverancier
        steps: [storing-zonder-wijziging/doorzetten, storing-zonder-wijziging/aannemen]
      - activity: Major incidents afhandelen
        note: Nog geen aparte route; volgt in sprint 3
"""
"""Three activities of itil-incident-management: carried, carried twice, and a gap."""

SECOND = """\
    activities:
      - activity: Verzoek registreren
        steps: [storing-zonder-wijziging/aannemen, uitvoeringsverzoek/aannemen]
"""
"""An activity of itil-service-request-management that claims the same first step."""


def _model(root: Path) -> Model:
    result = catalog.load(root)
    assert result.model is not None, result.diagnostics
    assert not result.diagnostics, result.diagnostics
    return result.model


@pytest.fixture
def with_worksheets(base_copy: Path) -> Model:
    path = base_copy / "conf/practices.yaml"
    text = path.read_text("utf-8")
    text = text.replace("    owner: coordinator\n", "    owner: coordinator\n" + WORKSHEET, 1)
    text = text.replace(
        "    workflows: [uitvoeringsverzoek]\n", "    workflows: [uitvoeringsverzoek]\n" + SECOND, 1
    )
    path.write_text(text, "utf-8")
    return _model(base_copy)


def test_the_worksheet_is_in_the_model(with_worksheets: Model) -> None:
    practice = with_worksheets.practice("itil-incident-management")
    assert [a.activity for a in practice.activities] == [
        "Incidenten registreren",
        "Incidenten escaleren naar de leverancier",
        "Major incidents afhandelen",
    ]
    assert practice.activities[1].steps == (
        "storing-zonder-wijziging/doorzetten",
        "storing-zonder-wijziging/aannemen",
    )
    assert practice.activities[2].steps == () and practice.activities[2].note


def test_gaps_and_shared_steps(with_worksheets: Model) -> None:
    gaps = worksheet_gaps(with_worksheets)
    assert [(p.id, a.activity) for p, a in gaps] == [
        ("itil-incident-management", "Major incidents afhandelen")
    ]
    shared = shared_steps(with_worksheets)
    assert [(s.workflow.id, s.step.id, [p.id for p in s.practices]) for s in shared] == [
        (
            "storing-zonder-wijziging",
            "aannemen",
            ["itil-incident-management", "itil-service-request-management"],
        )
    ]


def test_the_practice_page_shows_its_worksheet(with_worksheets: Model) -> None:
    page = render_site(with_worksheets, reference=False)["practices/itil-incident-management"]
    table = page[page.index("## Vertaaltabel") :]
    assert "* - Incidenten registreren\n  - [Storing verhelpen zonder wijziging]" in table
    assert "{bdg-warning}`nog in geen stap belegd`" in table
    assert "Nog geen aparte route\\; volgt in sprint 3" in table  # plain text, escaped
    # a step named in the worksheet shows the practice on the workflow page too
    workflow = render_site(with_worksheets, reference=False)["workflows/uitvoeringsverzoek"]
    assert "Service request management" in workflow


def test_the_coverage_page_shows_a_gap_and_an_overlap(with_worksheets: Model) -> None:
    page = render_site(with_worksheets, reference=False)["coverage"]
    gaps = page[page.index("## Gaten") : page.index("## Stappen die meer practices claimen")]
    assert "Major incidents afhandelen" in gaps and "Incidenten registreren" not in gaps
    shared = page[page.index("## Stappen die meer practices claimen") :]
    assert "Storing aannemen" in shared
    assert "[Incident management](practices/itil-incident-management.md)" in shared
    assert "[Service request management](practices/itil-service-request-management.md)" in shared


def test_without_worksheets_the_coverage_page_says_so(base_copy: Path) -> None:
    page = render_site(_model(base_copy), reference=False)["coverage"]
    assert "Nog geen practice heeft een vertaaltabel" in page
    assert "Elke activiteit in de vertaaltabellen is in een stap belegd." in page


def test_our_example_has_worksheets_with_a_gap_and_an_overlap() -> None:
    """Point 5's acceptance: at least three practices of our example have a worksheet, and
    its coverage page shows a gap and a redundancy."""
    model = catalog.load(REPO).model
    assert model is not None
    assert sum(1 for p in model.practices if p.activities) >= 3
    assert worksheet_gaps(model) and shared_steps(model)
    page = render_site(model, reference=False)["coverage"]
    assert escape_text("Grote verstoringen (major incidents) afhandelen") in page  # a gap
    shared = page[page.index("## Stappen die meer practices claimen") :]
    assert "[Gebruikersondersteuning]" in shared or "bisl-gebruikersondersteuning" in shared
