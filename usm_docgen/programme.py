"""Programme checks: is the introduction of USM itself run as the approach asks?

The format's *Programme checks* (../shared/spec/handbook-format.md): goals that point the
right way and are planned, measurements that are real and recent, sprints that follow one
another and improve people, process and technology together, knowledge transfer before a
workflow is introduced, a sounding board of staff, duties for management, a way to escalate,
practices that match their workflows, and no profile that nothing uses.

Each rule has its own code and reports at the line of the value concerned. The checks read
the files as loaded (they run before a model exists, which needs a handbook without
errors) and only files that passed their own checks; a rule that needs a file that did not
load is skipped, so a broken file never causes a second, misleading problem here.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from usm_docgen.diagnostics import Code, Diagnostic, error, warning
from usm_docgen.model import add_months, normalise_raci
from usm_docgen.usm import TEMPLATES
from usm_docgen.yaml_io import Document, KeyPath

MANAGEMENT_ROLES = (
    "line-manager",
    "service-manager",
    "process-manager",
    "team-coordinator",
    "workflow-manager",
)
"""The profile types (``usm_role``) that are management, for the sounding board and duties."""

CODES = (
    Code.GOAL_DIRECTION,
    Code.GOAL_UNPLANNED,
    Code.MEASUREMENT_FUTURE,
    Code.MEASUREMENT_STALE,
    Code.SPRINT_OVERLAP,
    Code.SPRINT_REVIEW,
    Code.SPRINT_DELIVERABLES,
    Code.KNOWLEDGE_FIRST,
    Code.BOARD_EMPTY,
    Code.BOARD_MANAGEMENT,
    Code.MANAGEMENT_DUTY,
    Code.ESCALATION,
    Code.PRACTICE_PROCESS,
    Code.PRACTICE_NOT_ADOPTED,
    Code.PROFILE_UNUSED,
    Code.REVIEW_OVERDUE,
)
"""The codes of the programme checks, one per rule (the how-to guide lists them all)."""

STALE_MONTHS = 6
"""An indicator with a goal needs a measurement at least this often."""


def check_date() -> dt.date:
    """The date of the checks when no ``--today`` is given: the day of
    ``SOURCE_DATE_EPOCH`` (UTC) when set, as reproducible builds do, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def check(
    conf: Mapping[str, Document],
    workflows: Mapping[str, Document],
    today: dt.date,
    *,
    all_workflows: bool,
) -> list[Diagnostic]:
    """Every programme check that the loaded files allow.

    ``conf`` maps a conf kind (``improvement``, …) to its document and ``workflows`` a
    workflow's file stem to its document, both only for files without errors of their own;
    ``all_workflows`` says whether every workflow file is among them (a profile is only
    called unused when every place that could use it was read). ``today`` is the date of
    the check (``--today``).
    """
    return list(_Checks(conf, workflows, today, all_workflows).run())


@dataclass
class _Checks:
    conf: Mapping[str, Document]
    workflows: Mapping[str, Document]
    today: dt.date
    all_workflows: bool

    def run(self) -> Iterator[Diagnostic]:
        improvement = self.conf.get("improvement")
        if improvement is not None:
            yield from self.goals(improvement)
            yield from self.measurements(improvement)
            yield from self.sprints(improvement)
            yield from self.knowledge_first(improvement)
        governance = self.conf.get("governance")
        if governance is not None:
            yield from self.governance(governance)
        practices = self.conf.get("practices")
        if practices is not None:
            yield from self.practices(practices)
        yield from self.unused_profiles()
        yield from self.reviews()

    # reviews -------------------------------------------------------------------------------

    def reviews(self) -> Iterator[Diagnostic]:
        """An approved workflow past its next review (``reviewed`` plus ``review_every``
        months) on the date of the check. A draft or retired one is never overdue; one
        never reviewed is shown so on the governance page, not warned about."""
        for doc in self.workflows.values():
            data = doc.data
            reviewed, every = data.get("reviewed"), data.get("review_every")
            if data.get("status") != "approved" or reviewed is None or every is None:
                continue
            due = add_months(_day(reviewed), every)
            if self.today > due:
                yield _at(
                    doc,
                    ("reviewed",),
                    Code.REVIEW_OVERDUE,
                    f"workflow '{data['id']}' was due for review on {due} (reviewed {reviewed}, "
                    f"every {every} months), before the date of this check ({self.today}): "
                    "review it with its owner and set 'reviewed:' to the date of the review",
                    warn=True,
                    key=True,
                )

    # what the checks look up ---------------------------------------------------------------

    def roles(self) -> dict[str, str] | None:
        """Profile id → ``usm_role``; None when conf/profiles.yaml did not load."""
        doc = self.conf.get("profiles")
        if doc is None:
            return None
        return {p["id"]: p["usm_role"] for p in doc.data["profiles"]}

    def workflow_docs(self) -> dict[str, Document]:
        """Workflow id → its document (ids as written in the files)."""
        return {doc.data["id"]: doc for doc in self.workflows.values()}

    # goals -----------------------------------------------------------------------------------

    def goals(self, doc: Document) -> Iterator[Diagnostic]:
        data = doc.data
        indicators = {i["id"]: i for i in data["indicators"]}
        baseline = data["baseline"]["values"]
        planned = {goal for sprint in data["sprints"] for goal in sprint["goals"]}
        for i, goal in enumerate(data["goals"]):
            indicator = indicators.get(goal["indicator"])
            start = baseline.get(goal["indicator"])
            if indicator is not None and isinstance(start, (int, float)):
                yield from self.goal_direction(doc, i, goal, indicator, start)
            if goal["id"] not in planned:
                yield _at(
                    doc,
                    ("goals", i, "id"),
                    Code.GOAL_UNPLANNED,
                    f"goal '{goal['id']}' is in no sprint: list it under 'goals:' of the "
                    "sprint that works towards it",
                    warn=True,
                )

    def goal_direction(
        self, doc: Document, i: int, goal: dict[str, Any], indicator: dict[str, Any], start: float
    ) -> Iterator[Diagnostic]:
        target = goal["target"]
        up = indicator["direction"] == "up"
        if (target > start) if up else (target < start):
            return
        better = "higher" if up else "lower"
        side = "the same as" if target == start else ("below" if up else "above")
        yield _at(
            doc,
            ("goals", i, "target"),
            Code.GOAL_DIRECTION,
            f"goal '{goal['id']}' aims at {_number(target)}, {side} the baseline of "
            f"{_number(start)}, but for '{indicator['id']}' {better} is better "
            f"(direction: {indicator['direction']}): set a target {better} than "
            f"{_number(start)}, or correct the indicator's direction",
        )

    # measurements ----------------------------------------------------------------------------

    def measurements(self, doc: Document) -> Iterator[Diagnostic]:
        data = doc.data
        measured: dict[str, dt.date] = {}
        baseline_date = _day(data["baseline"]["date"])
        for indicator in data["baseline"]["values"]:
            measured[indicator] = baseline_date
        future: set[str] = set()  # an error of its own: no staleness on top of it
        for i, m in enumerate(data.get("measurements", [])):
            day = _day(m["date"])
            if day > self.today:
                future.add(m["indicator"])
                yield _at(
                    doc,
                    ("measurements", i, "date"),
                    Code.MEASUREMENT_FUTURE,
                    f"measurement of '{m['indicator']}' is dated {m['date']}, after the date "
                    f"of this check ({self.today}): a measurement is of something that "
                    "happened; correct the date, or pass --today",
                )
            elif m["indicator"] in measured:
                measured[m["indicator"]] = max(measured[m["indicator"]], day)
        with_goal = {goal["indicator"] for goal in data["goals"]}
        for i, indicator in enumerate(data["indicators"]):
            last = measured.get(indicator["id"])
            if indicator["id"] not in with_goal or indicator["id"] in future or last is None:
                continue  # a goal without a baseline value is an error of its own
            due = add_months(last, STALE_MONTHS)
            if self.today > due:
                yield _at(
                    doc,
                    ("indicators", i, "id"),
                    Code.MEASUREMENT_STALE,
                    f"indicator '{indicator['id']}' has a goal but was last measured on {last}"
                    f"{' (the baseline)' if last == baseline_date else ''}, "
                    f"more than {STALE_MONTHS} months before {self.today}: add a measurement "
                    "under 'measurements:'",
                    warn=True,
                )

    # sprints ---------------------------------------------------------------------------------

    def sprints(self, doc: Document) -> Iterator[Diagnostic]:
        sprints = doc.data["sprints"]
        yield from self.overlaps(doc, sprints)
        for i, sprint in enumerate(sprints):
            if sprint["status"] == "done":
                missing = [k for k in ("review", "adjustments") if not sprint.get(k)]
                if missing:
                    what = " and no ".join(f"'{k}'" for k in missing)
                    yield _at(
                        doc,
                        ("sprints", i, "status"),
                        Code.SPRINT_REVIEW,
                        f"sprint '{sprint['id']}' is done but has no {what}: write down what "
                        "its review found and how the plan changed after it",
                        warn=True,
                    )
            for kind in ("people", "process", "technology"):
                if not sprint["deliverables"][kind]:
                    yield _at(
                        doc,
                        ("sprints", i, "deliverables", kind),
                        Code.SPRINT_DELIVERABLES,
                        f"sprint '{sprint['id']}' delivers nothing for {kind}: each sprint "
                        "improves people, process and technology together; add what it "
                        f"delivers for {kind}",
                        warn=True,
                        key=True,
                    )

    def overlaps(self, doc: Document, sprints: list[dict[str, Any]]) -> Iterator[Diagnostic]:
        """Each sprint that starts before an earlier-starting one has ended, once, at its
        start (sprints whose dates run backwards are an error of their own)."""
        order = sorted(
            (i for i, s in enumerate(sprints) if s["end"] >= s["start"]),
            key=lambda i: (sprints[i]["start"], i),
        )
        for k, i in enumerate(order):
            sprint = sprints[i]
            earlier = [sprints[j] for j in order[:k] if sprints[j]["end"] >= sprint["start"]]
            if earlier:
                other = earlier[0]
                yield _at(
                    doc,
                    ("sprints", i, "start"),
                    Code.SPRINT_OVERLAP,
                    f"sprint '{sprint['id']}' starts {sprint['start']}, before sprint "
                    f"'{other['id']}' ends ({other['end']}): improvement sprints follow one "
                    "another; move the dates or merge the sprints",
                    warn=True,
                )

    # knowledge transfer ---------------------------------------------------------------------

    def knowledge_first(self, doc: Document) -> Iterator[Diagnostic]:
        """Every R or A profile of an approved workflow learns it before the end of the first
        sprint that introduces it (a requester excepted: a customer or user is not trained)."""
        roles = self.roles()
        if roles is None:
            return
        data = doc.data
        first_sprint: dict[str, dict[str, Any]] = {}
        for sprint in sorted(data["sprints"], key=lambda s: s["start"]):
            for workflow_id in sprint["workflows"]:
                first_sprint.setdefault(workflow_id, sprint)
        sessions = data["knowledge_transfer"]
        for workflow_id, wf in sorted(self.workflow_docs().items()):
            sprint = first_sprint.get(workflow_id)
            if wf.data["status"] != "approved" or sprint is None:
                continue
            for profile, letters, where in _doers(wf):
                if roles.get(profile, "requester") == "requester":
                    continue
                if any(profile in s["audience"] and s["date"] <= sprint["end"] for s in sessions):
                    continue
                yield _at(
                    wf,
                    where,
                    Code.KNOWLEDGE_FIRST,
                    f"profile '{profile}' is {letters} in '{workflow_id}', which sprint "
                    f"'{sprint['id']}' introduces (it ends {sprint['end']}), but no "
                    f"knowledge-transfer item for '{profile}' is dated on or before then: "
                    f"add '{profile}' to the audience of a session before the sprint ends",
                    warn=True,
                    key=True,
                )

    # governance ------------------------------------------------------------------------------

    def governance(self, doc: Document) -> Iterator[Diagnostic]:
        data = doc.data
        roles = self.roles()
        members = data["sounding_board"]["members"]
        if not members:
            yield _at(
                doc,
                ("sounding_board", "members"),
                Code.BOARD_EMPTY,
                "the sounding board has no members: it is where staff test the changes of "
                "the introduction; name the profiles that sit in it",
            )
        elif roles is not None and all(roles.get(m) in MANAGEMENT_ROLES for m in members):
            yield _at(
                doc,
                ("sounding_board", "members"),
                Code.BOARD_MANAGEMENT,
                "every member of the sounding board is a manager (profile type "
                f"{_or(sorted({roles[m] for m in members}))}): it exists to involve staff; "
                "add profiles of the people who do the work",
                warn=True,
            )
        holders = [roles.get(d["profile"]) for d in data["management"]] if roles else [None]
        if None not in holders and not set(holders) & set(MANAGEMENT_ROLES):
            yield _at(
                doc,
                ("management",),
                Code.MANAGEMENT_DUTY,
                "no management duty is held by a manager (a profile of type "
                f"{_or(list(MANAGEMENT_ROLES))}): management's part in the introduction "
                "is its own; give a manager's profile a duty",
                warn=True,
                key=True,
            )
        if data["authority"] in ("balanced", "process-led") and not data.get("escalation"):
            where: KeyPath = ("escalation",) if "escalation" in data else ("authority",)
            yield _at(
                doc,
                where,
                Code.ESCALATION,
                f"authority is {data['authority']}, so process and line can disagree, but "
                "'escalation' names nobody: list, in order, the profiles who decide then",
                warn=True,
            )

    # practices -------------------------------------------------------------------------------

    def practices(self, doc: Document) -> Iterator[Diagnostic]:
        workflows = self.workflow_docs()
        for i, practice in enumerate(doc.data["practices"]):
            if practice["status"] == "not-adopted":
                for key in ("workflows", "steps"):
                    if practice.get(key):
                        yield _at(
                            doc,
                            ("practices", i, key),
                            Code.PRACTICE_NOT_ADOPTED,
                            f"practice '{practice['id']}' is not adopted, so no {key[:-1]} "
                            f"realises it: remove '{key}', or change its status",
                            key=True,
                        )
                for k, activity in enumerate(practice.get("activities", [])):
                    if activity.get("steps"):
                        yield _at(
                            doc,
                            ("practices", i, "activities", k, "steps"),
                            Code.PRACTICE_NOT_ADOPTED,
                            f"practice '{practice['id']}' is not adopted, so no step carries "
                            f"its activity '{activity['activity']}': remove its 'steps', or "
                            "change the practice's status",
                            key=True,
                        )
                continue
            for j, workflow_id in enumerate(practice.get("workflows", [])):
                wf = workflows.get(workflow_id)
                if wf is None:
                    continue  # an unknown workflow is reported as such
                process = _starts_in(wf)
                if process not in practice["processes"]:
                    yield _at(
                        doc,
                        ("practices", i, "workflows", j),
                        Code.PRACTICE_PROCESS,
                        f"practice '{practice['id']}' is realised in '{workflow_id}', which "
                        f"starts in {process}, but its processes are "
                        f"{', '.join(practice['processes'])}: add {process} to 'processes', "
                        "or take the workflow off the list",
                        warn=True,
                    )

    # profiles --------------------------------------------------------------------------------

    def unused_profiles(self) -> Iterator[Diagnostic]:
        """A profile that no step, duty, sounding board, goal or knowledge-transfer audience
        names. Only when every file that could name it was read."""
        doc = self.conf.get("profiles")
        governance, improvement = self.conf.get("governance"), self.conf.get("improvement")
        if doc is None or governance is None or improvement is None or not self.all_workflows:
            return
        used = {profile for wf in self.workflows.values() for profile, _ in _raci(wf)}
        used.update(d["profile"] for d in governance.data["management"])
        used.update(governance.data["sounding_board"]["members"])
        used.update(g["owner"] for g in improvement.data["goals"])
        used.update(p for s in improvement.data["knowledge_transfer"] for p in s["audience"])
        for i, profile in enumerate(doc.data["profiles"]):
            if profile["id"] not in used:
                yield _at(
                    doc,
                    ("profiles", i, "id"),
                    Code.PROFILE_UNUSED,
                    f"profile '{profile['id']}' appears in no step, management duty, "
                    "sounding board, goal or knowledge-transfer audience: give it a part, "
                    "or remove it",
                    warn=True,
                )


def _raci(wf: Document) -> Iterator[tuple[str, KeyPath]]:
    for i, step in enumerate(wf.data["steps"]):
        for profile in step["raci"]:
            yield profile, ("steps", i, "raci", profile)


def _doers(wf: Document) -> Iterator[tuple[str, str, KeyPath]]:
    """Each profile that is R or A in some step, once: its R and A letters (``R``, ``A`` or
    ``R and A``) there, and the place of its first R or A."""
    seen: set[str] = set()
    for i, step in enumerate(wf.data["steps"]):
        for profile, letters in step["raci"].items():
            doing = [c for c in normalise_raci(letters) if c in "RA"]
            if profile not in seen and doing:
                seen.add(profile)
                yield profile, " and ".join(doing), ("steps", i, "raci", profile)


def _starts_in(wf: Document) -> str:
    template = wf.data["template"]
    first = template[0] if isinstance(template, list) else template
    return TEMPLATES[first].starts_in


def _at(
    doc: Document,
    path: KeyPath,
    code: Code,
    message: str,
    *,
    warn: bool = False,
    key: bool = False,
) -> Diagnostic:
    """A diagnostic at the value (or, with ``key``, the key) at ``path`` of ``doc``."""
    pos = doc.key_at(path) if key else doc.value_at(path)
    return (warning if warn else error)(code, message, doc.path, pos.line, pos.column)


def _day(value: str | dt.date) -> dt.date:
    """A date as the loader keeps it (``YYYY-MM-DD`` text, checked) as a date."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"
