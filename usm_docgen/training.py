"""What each profile must learn, from the RACI, set against the knowledge-transfer plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from usm_docgen.model import RACI_ORDER, KnowledgeTransfer, Model, Profile, Sprint, Step, Workflow

NOT_TRAINED = frozenset({"requester"})
"""Profile types that are not trained: a requester is a customer or user (as in the
programme check on knowledge transfer)."""

STATUSES = ("covered", "late", "missing")
"""A need's status: a session covers it in time, only after the sprint that introduces the
workflow ends, or not at all (the last two are gaps)."""


@dataclass(frozen=True)
class Need:
    """What one profile must learn of one workflow, and where the plan covers it.

    ``level`` is ``training`` for a profile that is R or A in some step (it does the work),
    ``briefing`` for one that is only C or I. A session covers the need when its audience
    holds the profile and its topics name the workflow; the earliest such session counts.
    """

    profile: str
    workflow: str
    letters: str
    level: str
    session: str | None
    date: dt.date | None
    sprint: str | None
    """The first sprint (by start date) that lists the workflow, if any."""
    deadline: dt.date | None
    """That sprint's end: the session should come no later."""
    status: str

    @property
    def gap(self) -> bool:
        return self.status != "covered"


def first_sprints(model: Model) -> dict[str, Sprint]:
    """Per workflow id, the first sprint (by start date) that introduces or improves it."""
    found: dict[str, Sprint] = {}
    for sprint in sorted(model.improvement.sprints, key=lambda s: (s.start, s.end)):
        for workflow_id in sprint.workflows:
            found.setdefault(workflow_id, sprint)
    return found


def sessions_for(model: Model, profile_id: str) -> list[KnowledgeTransfer]:
    """The knowledge-transfer items whose audience holds the profile, by date."""
    items = model.improvement.knowledge_transfer
    return sorted((k for k in items if profile_id in k.audience), key=lambda k: (k.date, k.id))


def covering(model: Model, profile_id: str, workflow_id: str) -> list[KnowledgeTransfer]:
    """The profile's sessions whose topics name the workflow, by date."""
    return [k for k in sessions_for(model, profile_id) if workflow_id in k.topics]


def letters_in(workflow: Workflow, profile_id: str) -> str:
    """Every RACI letter the profile holds somewhere in the workflow, in R-A-C-I order."""
    held = {letter for s in workflow.steps for p, ls in s.raci if p == profile_id for letter in ls}
    return "".join(letter for letter in RACI_ORDER if letter in held)


def trained(profile: Profile) -> bool:
    return profile.usm_role not in NOT_TRAINED


def needs(model: Model) -> list[Need]:
    """Every (profile, workflow) pair where the profile has a part, profile by profile in the
    order of conf/profiles.yaml, workflows in model order. Requesters and retired workflows
    are left out: neither is trained."""
    sprints = first_sprints(model)
    result: list[Need] = []
    for profile in model.profiles:
        if not trained(profile):
            continue
        for wf in model.workflows:
            letters = letters_in(wf, profile.id)
            if not letters or wf.status == "retired":
                continue
            sessions = covering(model, profile.id, wf.id)
            sprint = sprints.get(wf.id)
            session = sessions[0] if sessions else None
            deadline = sprint.end if sprint is not None else None
            if session is None:
                status = "missing"
            elif deadline is not None and session.date > deadline:
                status = "late"
            else:
                status = "covered"
            result.append(
                Need(
                    profile=profile.id,
                    workflow=wf.id,
                    letters=letters,
                    level="training" if set(letters) & {"R", "A"} else "briefing",
                    session=session.id if session is not None else None,
                    date=session.date if session is not None else None,
                    sprint=sprint.id if sprint is not None else None,
                    deadline=deadline,
                    status=status,
                )
            )
    return result


@dataclass(frozen=True)
class Stop:
    """A workflow on a profile's learning path: the steps where the profile has a part."""

    workflow: Workflow
    steps: tuple[tuple[Step, str], ...]
    """(step, the profile's letters there), in step order."""
    sprint: Sprint | None
    sessions: tuple[KnowledgeTransfer, ...]
    """The profile's sessions on this workflow."""

    @property
    def letters(self) -> str:
        held = {letter for _, ls in self.steps for letter in ls}
        return "".join(letter for letter in RACI_ORDER if letter in held)


@dataclass(frozen=True)
class LearningPath:
    """From USM's basics to every step a profile has a part in, in the programme's order."""

    profile: Profile
    sessions: tuple[KnowledgeTransfer, ...]
    stops: tuple[Stop, ...]


def learning_path(model: Model, profile: Profile) -> LearningPath:
    """The workflows in the order the programme introduces them: by the first sprint that
    lists each (sprints by start date), then by the profile's first session on it, then in
    model order; workflows no sprint lists come last. Retired workflows are left out."""
    sprints = first_sprints(model)
    order = {
        s.id: i for i, s in enumerate(sorted(model.improvement.sprints, key=lambda s: s.start))
    }
    stops: list[tuple[tuple[int, dt.date, int], Stop]] = []
    for position, wf in enumerate(model.workflows):
        if wf.status == "retired":
            continue
        steps = tuple((s, letters) for s in wf.steps for p, letters in s.raci if p == profile.id)
        if not steps:
            continue
        sprint = sprints.get(wf.id)
        sessions = tuple(covering(model, profile.id, wf.id))
        key = (
            order[sprint.id] if sprint is not None else len(order),
            sessions[0].date if sessions else dt.date.max,
            position,
        )
        stops.append((key, Stop(wf, steps, sprint, sessions)))
    stops.sort(key=lambda item: item[0])
    return LearningPath(profile, tuple(sessions_for(model, profile.id)), tuple(s for _, s in stops))
