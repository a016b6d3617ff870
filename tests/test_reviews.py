"""Review dates that act (#13, points 2 and 3): validate warns at the ``reviewed:`` line of
an approved workflow past its next review, and the governance page lists every workflow
and practice per owner with its reviews, computed for the same date by the same rule."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path

import pytest

from tests.conftest import REPO
from usm_docgen import catalog
from usm_docgen.cli import main
from usm_docgen.render import render_site, review_board


def _overdue_by_validate(root: Path, today: dt.date) -> set[str]:
    result = catalog.load(root, today=today)
    return {Path(d.path).stem for d in result.diagnostics if d.code.full == "usm.review-overdue"}


@pytest.mark.parametrize(
    "today", ["2026-11-16", "2027-01-03", "2027-01-04", "2027-04-24", "2027-04-25", "2028-01-01"]
)
def test_the_page_and_the_check_agree_on_what_is_overdue(today: str) -> None:
    day = dt.date.fromisoformat(today)
    result = catalog.load(REPO, today=day)
    assert result.model is not None
    board = {
        r.id for _, rows in review_board(result.model, day) for r in rows if r.state == "overdue"
    }
    assert board == _overdue_by_validate(REPO, day)
    # the rule itself: approved, reviewed + review_every months < today
    expected = {
        w.id
        for w in result.model.workflows
        if w.status == "approved" and w.next_review is not None and day > w.next_review
    }
    assert board == expected
    if today == "2027-01-04":  # wijziging-doorvoeren: 2026-07-03 + 6 months
        assert board == {"wijziging-doorvoeren"}


def test_an_overdue_workflow_warns_at_its_reviewed_line_and_fails_strict(
    base_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = base_copy / "workflows" / "storing-zonder-wijziging.yaml"
    line = path.read_text("utf-8").splitlines().index("reviewed: 2026-03-13") + 1
    assert main(["validate", str(base_copy), "--today", "2027-03-14"]) == 0
    out = capsys.readouterr().out
    assert f"{path}:{line}:1: warning: " in out and "[usm.review-overdue]" in out
    assert main(["validate", str(base_copy), "--today", "2027-03-14", "--strict"]) == 1
    capsys.readouterr()
    assert main(["validate", str(base_copy), "--today", "2027-03-13", "--strict"]) == 0
    assert "review-overdue" not in capsys.readouterr().out


def _reviews(today: str) -> str:
    day = dt.date.fromisoformat(today)
    result = catalog.load(REPO, today=day)
    assert result.model is not None
    page = render_site(result.model, reference=False, today=result.today)["governance"]
    return page[page.index("(usm-reviews)=") :]


def _row(section: str, workflow: str) -> str:
    """The list-table row of a workflow: from its link to the next row."""
    start = section.index(f"(workflows/{workflow}.md)")
    end = section.find("\n* - ", start)
    return section[start:end]


def test_the_governance_page_marks_the_overdue_and_names_its_date() -> None:
    section = _reviews("2027-01-04")
    assert "berekend op 4 januari 2027" in section
    overdue = _row(section, "wijziging-doorvoeren")
    assert "3 januari 2027 {bdg-danger}`te laat`" in overdue
    on_time = _row(section, "uitvoeringsverzoek")
    assert "24 april 2027" in on_time and "te laat" not in on_time
    draft = _row(section, "storing-gemaal")  # a draft: never overdue, nothing to review yet
    assert "{bdg-warning}`concept`" in draft and "te laat" not in draft


def test_every_workflow_and_practice_is_listed_once_under_its_owner() -> None:
    result = catalog.load(REPO)
    assert result.model is not None
    section = _reviews("2026-11-16")
    owners = re.findall(r"^### \[[^\]]+\]\(profiles/([^)]+)\.md\)$", section, flags=re.M)
    for wf in result.model.workflows:
        assert section.count(f"(workflows/{wf.id}.md)") == 1, wf.id
        under = section[: section.index(f"(workflows/{wf.id}.md)")]
        assert owners[len(re.findall(r"^### ", under, flags=re.M)) - 1] == wf.owner, wf.id
    for pr in result.model.practices:
        assert section.count(f"(practices/{pr.id}.md)") == 1, pr.id


def test_an_approved_workflow_without_a_review_date_is_never_reviewed_not_a_warning(
    base_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = base_copy / "workflows" / "storing-zonder-wijziging.yaml"
    path.write_text(path.read_text("utf-8").replace("reviewed: 2026-03-13\n", ""), "utf-8")
    assert main(["validate", str(base_copy), "--strict", "--today", "2030-01-01"]) == 1
    assert "review-overdue" not in capsys.readouterr().out  # (stale measurements fail it)
    result = catalog.load(base_copy, today=dt.date(2030, 1, 1))
    assert result.model is not None
    states = {
        r.id: r.state for _, rows in review_board(result.model, dt.date(2030, 1, 1)) for r in rows
    }
    assert states["storing-zonder-wijziging"] == "never"
    page = render_site(result.model, reference=False, today=result.today)["governance"]
    assert "{bdg-warning}`nooit beoordeeld`" in _row(page, "storing-zonder-wijziging")


def test_a_draft_is_marked_wherever_it_is_named_and_bannered_on_its_pages() -> None:
    result = catalog.load(REPO)
    assert result.model is not None
    drafts = [w for w in result.model.workflows if w.status == "draft"]
    assert drafts, "the example has a draft"
    pages = render_site(result.model, reference=False)
    for wf in drafts:
        page = pages[f"workflows/{wf.id}"]
        assert ":class: warning usm-draft" in page, wf.id
        # and in its status badge at its top, which its printed handout starts with too
        assert page.split("\n\n")[1].startswith("{bdg-warning}`concept`"), wf.id
        found = 0
        own = {f"workflows/{wf.id}"}  # bannered above
        for docname, text in pages.items():
            if docname in own:
                continue
            # links to the workflow itself (a link to one of its steps names the step)
            for m in re.finditer(r"\]\(([^)\s#]+)\.md()\)(.{0,40})", text, re.S):
                folder = posixpath.dirname(docname)
                if posixpath.normpath(posixpath.join(folder, m.group(1))) != f"workflows/{wf.id}":
                    continue
                found += 1
                # the badge right after the link, or in the status cell of its table row
                after = m.group(3)
                assert after.startswith(" {bdg-warning}`concept`") or after.startswith(
                    "\n  - {bdg-warning}`concept`"
                ), (docname, m.group(0))
        assert found > 3, wf.id
    approved = next(w for w in result.model.workflows if w.status == "approved")
    assert "usm-draft" not in pages[f"workflows/{approved.id}"]
