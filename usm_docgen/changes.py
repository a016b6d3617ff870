"""What changed between two editions of a handbook: a changelog in the words of the model.

Two models are compared (never their YAML), so a file moved, reformatted or reordered where
order means nothing changes nothing. Listed are what staff must know: workflows and their
steps, RACI, decisions, flow and hand-offs, practices, profiles and the improvement programme.
A change that another explains is not listed again: a step inserted between two others is one
change, not also a new flow out of the step before it.

The sentences are written here, in Dutch and English: for a terminal (``format_text``) and
for a merge-request comment (``format_markdown``, user text escaped).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from usm_docgen.model import Goal, Model, Step, Workflow
from usm_docgen.usm import END, PROCESSES, STEP_KINDS

_AREAS = ("workflow", "practice", "profile", "programme")
"""What a change is about: ``programme`` is the improvement programme."""

WHAT_DOCS: dict[str, str] = {
    "workflow-added": "A new workflow (its steps are not listed one by one); after = its name.",
    "workflow-removed": "A workflow no longer in the handbook; before = its name.",
    "workflow-renamed": "A workflow has a new name; before/after = the names.",
    "owner": "A workflow has a new owner; before/after = profile ids.",
    "status": "A workflow's status changed (draft, approved, retired).",
    "version": "A workflow's version changed.",
    "templates": "The USM templates a workflow works out changed; before/after like '3, 4'.",
    "purpose": "A workflow's purpose was rewritten; before/after = the texts.",
    "practices": "The practices a workflow lists changed; before/after = comma-joined ids.",
    "step-added": "A new step; after = its name.",
    "step-removed": "A step no longer in the workflow; before = its name.",
    "step-renamed": "A step has a new name; before/after = the names.",
    "step-moved": "A step has a new place among the steps both editions have; before/after = "
    "its place (1 is first).",
    "step-kind": "A step's kind changed (accept, classify, ...).",
    "step-process": "A step is now done in another USM process.",
    "step-activities": "A step's activities (what and how) changed; before/after = the texts.",
    "step-inputs": "A step's inputs changed; before/after = comma-joined.",
    "step-outputs": "A step's outputs changed; before/after = comma-joined.",
    "raci": "A profile's RACI letters in a step changed; before/after = letters like 'RA'.",
    "decision-added": "A step now ends in a decision; after = its question.",
    "decision-removed": "A step no longer ends in a decision; before = its question.",
    "decision-question": "The question of a step's decision changed.",
    "outcome-added": "A decision has a new outcome; after = its label.",
    "outcome-removed": "A decision lost an outcome; before = its label.",
    "flow": "Where a step or an outcome leads changed, beyond steps added or removed; "
    "before/after = a step id or 'end', after 'label → ' for an outcome.",
    "handoff-added": "A step now hands off to another workflow; after = that workflow's id, "
    "with ' (no return)' when this one does not resume.",
    "handoff-removed": "A step no longer hands off; before = as for handoff-added.",
    "handoff-changed": "A hand-off goes to another workflow or now does (not) return.",
    "practice-added": "A practice new to the handbook; after = its status.",
    "practice-removed": "A practice no longer in the handbook; before = its status.",
    "practice-renamed": "A practice has a new name; before/after = the names.",
    "practice-status": "A practice's status changed (adopted, planned, not-adopted).",
    "practice-workflows": "The workflows a practice lists changed; before/after = comma-joined "
    "ids.",
    "profile-added": "A new profile; after = its name.",
    "profile-removed": "A profile no longer in the handbook; before = its name.",
    "profile-renamed": "A profile has a new name; before/after = the names.",
    "goal-added": "A new improvement goal; after = its target, like 'target 80 by 2027-03-31'.",
    "goal-removed": "An improvement goal no longer in the programme; before = its target.",
    "goal-changed": "An improvement goal's target, due date, indicator, owner or statement "
    "changed; before/after = the parts that changed, joined by '; '.",
    "sprint-added": "A new improvement sprint; after = its status.",
    "sprint-removed": "An improvement sprint no longer in the programme; before = its status.",
    "sprint-status": "An improvement sprint's status changed (planned, running, done).",
    "measurement-added": "A new measurement of an indicator; after = 'VALUE on YYYY-MM-DD'.",
}
"""Every kind of change (``Change.what``), explained in one line."""

WHATS: tuple[str, ...] = tuple(WHAT_DOCS)

_NO_RETURN = " (no return)"
"""Appended to a hand-off's target when the workflow does not resume after it."""


@dataclass(frozen=True)
class Change:
    """One change between two editions. ``before`` is None for what was added, ``after`` for
    what was removed; ``profiles`` are the profiles it concerns (sorted)."""

    area: str
    subject: str
    what: str
    name: str
    step: str | None = None
    step_name: str | None = None
    profile: str | None = None
    before: str | None = None
    after: str | None = None
    profiles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Changelog:
    """Every change from edition ``old`` (None: there is none before ``new``) to ``new``."""

    old: str | None
    new: str
    changes: tuple[Change, ...]
    _profile_names: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    """Profile id → name (new edition first), for the sentences."""

    def __bool__(self) -> bool:
        return len(self.changes) > 0

    def for_workflow(self, workflow_id: str) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.area == "workflow" and c.subject == workflow_id)

    def for_profile(self, profile_id: str) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if profile_id in c.profiles)

    def marked_steps(self, workflow_id: str) -> dict[str, str]:
        """Step id → ``added`` or ``changed``, for the steps of the new workflow: what a
        diagram highlights. A new workflow has none marked; a removed step is not there."""
        marked: dict[str, str] = {}
        for c in self.for_workflow(workflow_id):
            if c.step is None or c.what == "step-removed":
                continue
            if c.what == "step-added":
                marked[c.step] = "added"
            else:
                marked.setdefault(c.step, "changed")
        return marked

    def workflows(self) -> tuple[str, ...]:
        """Ids of the workflows with changes, in the order of their first change."""
        return tuple(dict.fromkeys(c.subject for c in self.changes if c.area == "workflow"))

    def to_json(self) -> dict[str, Any]:
        """Plain data as ``schemas/changes.json`` describes it."""
        return {
            "from": self.old,
            "to": self.new,
            "changes": [
                {
                    f.name: list(v) if isinstance(v := getattr(c, f.name), tuple) else v
                    for f in fields(c)
                }
                for c in self.changes
            ],
        }


# --- comparing ----------------------------------------------------------------------------


def compare(
    old: Model | None, new: Model, *, old_name: str | None = None, new_name: str | None = None
) -> Changelog:
    """What changed from ``old`` to ``new``; the names default to each model's edition. With
    no ``old`` (the first edition) nothing changed."""
    new_label = new.handbook.edition if new_name is None else new_name
    names = {p.id: p.name for p in new.profiles}
    if old is None:
        return Changelog(None, new_label, (), names)
    for p in old.profiles:
        names.setdefault(p.id, p.name)
    changes = (
        *_workflows(old, new),
        *_practices(old, new),
        *_profiles(old, new),
        *_programme(old, new),
    )
    return Changelog(
        old.handbook.edition if old_name is None else old_name, new_label, changes, names
    )


def _people(*groups: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(sorted({p for g in groups for p in g if p is not None}))


def _joined(values: Iterable[str]) -> str | None:
    """Values as ``a, b``; None when there are none."""
    return ", ".join(values) or None


def _number(value: float) -> str:
    """A number as written: no trailing ``.0``."""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _workflows(old: Model, new: Model) -> Iterator[Change]:
    before = {w.id: w for w in old.workflows}
    kept = {w.id for w in new.workflows}
    for w in new.workflows:
        if w.id in before:
            yield from _workflow(before[w.id], w)
        else:
            people = _people(w.profiles, [w.owner])
            yield Change("workflow", w.id, "workflow-added", w.name, after=w.name, profiles=people)
    for w in old.workflows:
        if w.id not in kept:
            people = _people(w.profiles, [w.owner])
            yield Change(
                "workflow", w.id, "workflow-removed", w.name, before=w.name, profiles=people
            )


def _workflow(was: Workflow, now: Workflow) -> Iterator[Change]:
    people = _people(now.profiles, [now.owner])
    pairs: tuple[tuple[str, str | None, str | None], ...] = (
        ("workflow-renamed", was.name, now.name),
        ("owner", was.owner, now.owner),
        ("status", was.status, now.status),
        ("version", was.version, now.version),
        ("templates", _joined(map(str, was.templates)), _joined(map(str, now.templates))),
        ("purpose", was.purpose, now.purpose),
        ("practices", _joined(was.practices), _joined(now.practices)),
    )
    for what, before, after in pairs:
        if before != after:
            touched = _people([was.owner, now.owner]) if what == "owner" else people
            yield Change(
                "workflow", now.id, what, now.name, before=before, after=after, profiles=touched
            )
    yield from _Steps(was, now).changes()


class _Steps:
    """The step-level changes of a workflow both editions have."""

    def __init__(self, was: Workflow, now: Workflow) -> None:
        self.was, self.now = was, now
        self.old = {s.id: s for s in was.steps}
        self.new = {s.id: s for s in now.steps}
        self.added = {i for i in self.new if i not in self.old}
        self.removed = {i for i in self.old if i not in self.new}
        self.old_place = {s.id: n for n, s in enumerate(was.steps)}
        self.new_place = {s.id: n for n, s in enumerate(now.steps)}
        self.moved = self._moved()

    def _moved(self) -> set[str]:
        """Steps outside a longest common subsequence of the order of the common steps."""
        common = [s.id for s in self.now.steps if s.id in self.old]
        keep = _increasing([self.old_place[i] for i in common])
        return {i for n, i in enumerate(common) if n not in keep}

    def change(self, what: str, step: Step, **values: Any) -> Change:
        values.setdefault("profiles", _people(*([p for p, _ in s.raci] for s in self._both(step))))
        return Change("workflow", self.now.id, what, self.now.name, step.id, step.name, **values)

    def _both(self, step: Step) -> tuple[Step, ...]:
        return tuple(s for s in (self.old.get(step.id), self.new.get(step.id)) if s is not None)

    def changes(self) -> Iterator[Change]:
        gone: dict[str | None, list[Step]] = {}
        anchor: str | None = None
        for s in self.was.steps:
            if s.id in self.removed:
                gone.setdefault(anchor, []).append(s)
            else:
                anchor = s.id
        for s in gone.get(None, ()):
            yield self.change("step-removed", s, before=s.name)
        for s in self.now.steps:
            if s.id in self.added:
                yield self.change("step-added", s, after=s.name)
                continue
            yield from self._step(self.old[s.id], s)
            for r in gone.get(s.id, ()):
                yield self.change("step-removed", r, before=r.name)

    def _step(self, a: Step, b: Step) -> Iterator[Change]:
        if a.name != b.name:
            yield self.change("step-renamed", b, before=a.name, after=b.name)
        if b.id in self.moved:
            places = str(self.old_place[a.id] + 1), str(self.new_place[b.id] + 1)
            yield self.change("step-moved", b, before=places[0], after=places[1])
        pairs: tuple[tuple[str, str | None, str | None], ...] = (
            ("step-kind", a.kind, b.kind),
            ("step-process", a.process, b.process),
            ("step-activities", _activities(a), _activities(b)),
            ("step-inputs", _joined(a.inputs), _joined(b.inputs)),
            ("step-outputs", _joined(a.outputs), _joined(b.outputs)),
        )
        for what, before, after in pairs:
            if before != after:
                yield self.change(what, b, before=before, after=after)
        old_raci, new_raci = dict(a.raci), dict(b.raci)
        for p in dict.fromkeys([*new_raci, *old_raci]):
            if old_raci.get(p) != new_raci.get(p):
                yield self.change(
                    "raci",
                    b,
                    profile=p,
                    before=old_raci.get(p),
                    after=new_raci.get(p),
                    profiles=(p,),
                )
        yield from self._decision(a, b)
        yield from self._handoff(a, b)

    def _decision(self, a: Step, b: Step) -> Iterator[Change]:
        da, db = a.decision, b.decision
        if da is None and db is None:
            if a.next is not None and b.next is not None and self._rerouted(a.next, b.next, b):
                yield self.change("flow", b, before=a.next, after=b.next)
        elif db is None:
            assert da is not None
            yield self.change("decision-removed", b, before=da.question)
        elif da is None:
            yield self.change("decision-added", b, after=db.question)
        else:
            if da.question != db.question:
                yield self.change("decision-question", b, before=da.question, after=db.question)
            old_next = {o.label: o.next for o in da.outcomes}
            new_labels = {o.label for o in db.outcomes}
            for o in db.outcomes:
                if o.label not in old_next:
                    yield self.change("outcome-added", b, after=o.label)
                elif self._rerouted(old_next[o.label], o.next, None):
                    before, after = f"{o.label} → {old_next[o.label]}", f"{o.label} → {o.next}"
                    yield self.change("flow", b, before=before, after=after)
            for o in da.outcomes:
                if o.label not in new_labels:
                    yield self.change("outcome-removed", b, before=o.label)

    def _rerouted(self, before: str, after: str, step: Step | None) -> bool:
        """Does a target change beyond what steps added, removed (or, for a step's own
        ``next`` when steps moved, the new order) explain?"""
        if _skip(before, self.old, self.removed) == _skip(after, self.new, self.added):
            return False
        if step is None or not self.moved:
            return True
        return not (
            before == self._following(self.was, step.id)
            and after == self._following(self.now, step.id)
        )

    @staticmethod
    def _following(workflow: Workflow, step_id: str) -> str:
        ids = [s.id for s in workflow.steps]
        n = ids.index(step_id) + 1
        return ids[n] if n < len(ids) else END

    def _handoff(self, a: Step, b: Step) -> Iterator[Change]:
        before, after = _handoff(a), _handoff(b)
        if before == after:
            return
        what = "handoff-added" if before is None else "handoff-removed" if after is None else None
        yield self.change(what or "handoff-changed", b, before=before, after=after)


def _skip(target: str, steps: Mapping[str, Step], skipped: set[str]) -> str:
    """``target``, or where the flow goes on to while it is a skipped step without a decision."""
    seen: set[str] = set()
    while target in skipped and target not in seen:
        step = steps[target]
        if step.decision is not None or step.next is None:
            break
        seen.add(target)
        target = step.next
    return target


def _increasing(values: list[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence of ``values``."""
    tails: list[int] = []  # value at the end of the best run of each length
    ends: list[int] = []  # its position
    back: list[int] = []
    for n, v in enumerate(values):
        k = bisect_left(tails, v)
        back.append(ends[k - 1] if k else -1)
        if k == len(tails):
            tails.append(v)
            ends.append(n)
        else:
            tails[k], ends[k] = v, n
    kept: set[int] = set()
    n = ends[-1] if ends else -1
    while n >= 0:
        kept.add(n)
        n = back[n]
    return kept


def _activities(step: Step) -> str | None:
    return "; ".join(a.what + (f" — {a.how}" if a.how else "") for a in step.activities) or None


def _handoff(step: Step) -> str | None:
    h = step.handoff
    return None if h is None else h.workflow + ("" if h.returns else _NO_RETURN)


def _practices(old: Model, new: Model) -> Iterator[Change]:
    before = {p.id: p for p in old.practices}
    kept = {p.id for p in new.practices}
    for p in new.practices:
        was = before.get(p.id)
        if was is None:
            yield Change(
                "practice",
                p.id,
                "practice-added",
                p.name,
                after=p.status,
                profiles=_people([p.owner]),
            )
            continue
        people = _people([was.owner, p.owner])
        pairs = (
            ("practice-renamed", was.name, p.name),
            ("practice-status", was.status, p.status),
            ("practice-workflows", _joined(was.workflows), _joined(p.workflows)),
        )
        for what, b, a in pairs:
            if b != a:
                yield Change("practice", p.id, what, p.name, before=b, after=a, profiles=people)
    for p in old.practices:
        if p.id not in kept:
            yield Change(
                "practice",
                p.id,
                "practice-removed",
                p.name,
                before=p.status,
                profiles=_people([p.owner]),
            )


def _profiles(old: Model, new: Model) -> Iterator[Change]:
    before = {p.id: p for p in old.profiles}
    kept = {p.id for p in new.profiles}
    for p in new.profiles:
        was = before.get(p.id)
        if was is None:
            yield Change("profile", p.id, "profile-added", p.name, after=p.name, profiles=(p.id,))
        elif was.name != p.name:
            yield Change(
                "profile",
                p.id,
                "profile-renamed",
                p.name,
                before=was.name,
                after=p.name,
                profiles=(p.id,),
            )
    for p in old.profiles:
        if p.id not in kept:
            yield Change(
                "profile", p.id, "profile-removed", p.name, before=p.name, profiles=(p.id,)
            )


def _goal_parts(goal: Goal) -> dict[str, str]:
    """A goal's parts as short texts, in the order a change lists them; the statement, free
    text, last (so that the parts can be read back)."""
    return {
        "target": f"target {_number(goal.target)} by {goal.due.isoformat()}",
        "indicator": f"indicator {goal.indicator}",
        "owner": f"owner {goal.owner}",
        "statement": f"“{goal.statement}”",
    }


def _programme(old: Model, new: Model) -> Iterator[Change]:
    was, now = old.improvement, new.improvement
    goals = {g.id: g for g in was.goals}
    for g in now.goals:
        if g.id not in goals:
            yield Change(
                "programme",
                g.id,
                "goal-added",
                g.statement,
                after=_goal_parts(g)["target"],
                profiles=(g.owner,),
            )
            continue
        a, b = _goal_parts(goals[g.id]), _goal_parts(g)
        changed = [k for k in b if a[k] != b[k]]
        if changed:
            yield Change(
                "programme",
                g.id,
                "goal-changed",
                g.statement,
                before="; ".join(a[k] for k in changed),
                after="; ".join(b[k] for k in changed),
                profiles=_people([goals[g.id].owner, g.owner]),
            )
    kept = {g.id for g in now.goals}
    for g in was.goals:
        if g.id not in kept:
            yield Change(
                "programme",
                g.id,
                "goal-removed",
                g.statement,
                before=_goal_parts(g)["target"],
                profiles=(g.owner,),
            )
    sprints = {s.id: s for s in was.sprints}
    for s in now.sprints:
        if s.id not in sprints:
            yield Change("programme", s.id, "sprint-added", s.name, after=s.status)
        elif sprints[s.id].status != s.status:
            yield Change(
                "programme",
                s.id,
                "sprint-status",
                s.name,
                before=sprints[s.id].status,
                after=s.status,
            )
    kept = {s.id for s in now.sprints}
    for s in was.sprints:
        if s.id not in kept:
            yield Change("programme", s.id, "sprint-removed", s.name, before=s.status)
    measured = {(m.indicator, m.date) for m in was.measurements}
    for m in now.measurements:
        if (m.indicator, m.date) not in measured:
            measured.add((m.indicator, m.date))
            name = new.indicator(m.indicator).name
            after = f"{_number(m.value)} on {m.date.isoformat()}"
            yield Change("programme", m.indicator, "measurement-added", name, after=after)


# --- sentences ----------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]|\s+")
_MARKDOWN = frozenset("\\`*_{}[]#|~$&@")
"""Characters escaped with a backslash in Markdown wherever they are; ``<`` and ``>`` become
entities."""
_LIST_MARKER = re.compile(r"[-+]|\d{1,9}[.)](?= |$)")
"""What would start a list (or a rule) where the text starts a line: its last character is
escaped."""
_ENTITIES = {"<": "&lt;", ">": "&gt;"}

_WORDS: dict[str, tuple[str, str]] = {
    # sentence: (English, Dutch)
    "workflow-added": ("Workflow {name} ({id}) added", "Workflow {name} ({id}) toegevoegd"),
    "workflow-removed": ("Workflow {name} ({id}) removed", "Workflow {name} ({id}) verwijderd"),
    "workflow-renamed": (
        "Workflow {before} ({id}) renamed to {after}",
        "Workflow {before} ({id}) heet nu {after}",
    ),
    "owner": ("Owner: {before} → {after}", "Eigenaar: {before} → {after}"),
    "status": ("Status: {before} → {after}", "Status: {before} → {after}"),
    "version": ("Version: {before} → {after}", "Versie: {before} → {after}"),
    "templates": ("Templates: {before} → {after}", "Templates: {before} → {after}"),
    "purpose": ("Purpose changed", "Doel van de workflow gewijzigd"),
    "practices": ("Practices: {before} → {after}", "Practices: {before} → {after}"),
    "step-added": ("Step {step} added", "Stap {step} toegevoegd"),
    "step-removed": ("Step {step} removed", "Stap {step} verwijderd"),
    "step-renamed": (
        "Step {before} ({step_id}) renamed to {after}",
        "Stap {before} ({step_id}) heet nu {after}",
    ),
    "step-moved": (
        "Step {step} moved from place {before} to place {after}",
        "Stap {step} verplaatst van plek {before} naar plek {after}",
    ),
    "step-kind": ("Step {step}: kind {before} → {after}", "Stap {step}: soort {before} → {after}"),
    "step-process": (
        "Step {step}: process {before} → {after}",
        "Stap {step}: proces {before} → {after}",
    ),
    "step-activities": ("Step {step}: activities changed", "Stap {step}: activiteiten gewijzigd"),
    "step-inputs": (
        "Step {step}: inputs {before} → {after}",
        "Stap {step}: invoer {before} → {after}",
    ),
    "step-outputs": (
        "Step {step}: outputs {before} → {after}",
        "Stap {step}: resultaat {before} → {after}",
    ),
    "raci": (
        "{profile}: {before} → {after} in step {step}",
        "{profile}: {before} → {after} in stap {step}",
    ),
    "decision-added": (
        "Step {step}: decision {after} added",
        "Stap {step}: beslissing {after} toegevoegd",
    ),
    "decision-removed": (
        "Step {step}: decision {before} removed",
        "Stap {step}: beslissing {before} verwijderd",
    ),
    "decision-question": (
        "Step {step}: question of the decision {before} → {after}",
        "Stap {step}: vraag van de beslissing {before} → {after}",
    ),
    "outcome-added": (
        "Step {step}: outcome {after} added",
        "Stap {step}: uitkomst {after} toegevoegd",
    ),
    "outcome-removed": (
        "Step {step}: outcome {before} removed",
        "Stap {step}: uitkomst {before} verwijderd",
    ),
    "flow": (
        "Step {step}: {label}continues with {before} → {after}",
        "Stap {step}: {label}verder met {before} → {after}",
    ),
    "handoff-added": (
        "Step {step}: hand-off to {after} added",
        "Stap {step}: overdracht aan {after} toegevoegd",
    ),
    "handoff-removed": (
        "Step {step}: hand-off to {before} removed",
        "Stap {step}: overdracht aan {before} verwijderd",
    ),
    "handoff-changed": (
        "Step {step}: hand-off to {before} → {after}",
        "Stap {step}: overdracht aan {before} → {after}",
    ),
    "practice-added": (
        "Practice {name} ({id}) added, status {after}",
        "Practice {name} ({id}) toegevoegd, status {after}",
    ),
    "practice-removed": ("Practice {name} ({id}) removed", "Practice {name} ({id}) verwijderd"),
    "practice-renamed": (
        "Practice {before} ({id}) renamed to {after}",
        "Practice {before} ({id}) heet nu {after}",
    ),
    "practice-status": (
        "Practice {name} ({id}): status {before} → {after}",
        "Practice {name} ({id}): status {before} → {after}",
    ),
    "practice-workflows": (
        "Practice {name} ({id}): workflows {before} → {after}",
        "Practice {name} ({id}): workflows {before} → {after}",
    ),
    "profile-added": ("Profile {name} ({id}) added", "Profiel {name} ({id}) toegevoegd"),
    "profile-removed": ("Profile {name} ({id}) removed", "Profiel {name} ({id}) verwijderd"),
    "profile-renamed": (
        "Profile {before} ({id}) renamed to {after}",
        "Profiel {before} ({id}) heet nu {after}",
    ),
    "goal-added": (
        "Improvement goal {name} ({id}) added: {after}",
        "Verbeterdoel {name} ({id}) toegevoegd: {after}",
    ),
    "goal-removed": (
        "Improvement goal {name} ({id}) removed",
        "Verbeterdoel {name} ({id}) verwijderd",
    ),
    "goal-changed": (
        "Improvement goal {name} ({id}): {before} → {after}",
        "Verbeterdoel {name} ({id}): {before} → {after}",
    ),
    "sprint-added": (
        "Improvement sprint {name} ({id}) added, status {after}",
        "Verbetersprint {name} ({id}) toegevoegd, status {after}",
    ),
    "sprint-removed": (
        "Improvement sprint {name} ({id}) removed",
        "Verbetersprint {name} ({id}) verwijderd",
    ),
    "sprint-status": (
        "Improvement sprint {name} ({id}): status {before} → {after}",
        "Verbetersprint {name} ({id}): status {before} → {after}",
    ),
    "measurement-added": (
        "New measurement of {name} ({id}): {after}",
        "Nieuwe meting van {name} ({id}): {after}",
    ),
    # the parts of values and the frame around the sentences
    "none": ("none", "geen"),
    "end": ("the end", "het einde"),
    "outcome": ("outcome {label} ", "uitkomst {label} "),
    "returns": ("{workflow} (returns)", "{workflow} (komt terug)"),
    "no-return": ("{workflow} (does not return)", "{workflow} (komt niet terug)"),
    "target": ("target {value} by {date}", "streefwaarde {value} uiterlijk {date}"),
    "indicator": ("indicator {value}", "indicator {value}"),
    "goal-owner": ("owner {value}", "eigenaar {value}"),
    "measured": ("{value} on {date}", "{value} op {date}"),
    "title": ("What changed from {old} to {new}", "Wat er verandert van {old} naar {new}"),
    "title.first": ("What is in {new}", "Wat er in {new} staat"),
    "nothing": ("No changes from {old} to {new}.", "Geen wijzigingen van {old} naar {new}."),
    "first": (
        "{new} is the first edition: there is nothing to compare it with.",
        "{new} is de eerste editie: er is niets om mee te vergelijken.",
    ),
    "count.one": ("1 change", "1 wijziging"),
    "count.many": ("{n} changes", "{n} wijzigingen"),
    "and": (" and ", " en "),
    "area.workflow": ("in workflows", "in workflows"),
    "area.practice": ("in practices", "in practices"),
    "area.profile": ("in profiles", "in profielen"),
    "area.programme": ("in the improvement programme", "in het verbeterprogramma"),
    "section.workflow": ("Workflow {name} ({id})", "Workflow {name} ({id})"),
    "section.practice": ("Practices", "Practices"),
    "section.profile": ("Profiles", "Profielen"),
    "section.programme": ("Improvement programme", "Verbeterprogramma"),
}
"""Every sentence and word the changelog writes, in English and Dutch; ``{name}`` and the
like are filled in with user text, escaped."""

_STATUS: dict[str, tuple[str, str]] = {
    "draft": ("draft", "concept"),
    "approved": ("approved", "vastgesteld"),
    "retired": ("retired", "vervallen"),
}
_PRACTICE_STATUS: dict[str, tuple[str, str]] = {
    "adopted": ("adopted", "toegepast"),
    "planned": ("planned", "gepland"),
    "not-adopted": ("not adopted", "niet toegepast"),
}
_SPRINT_STATUS: dict[str, tuple[str, str]] = {
    "planned": ("planned", "gepland"),
    "running": ("running", "loopt"),
    "done": ("done", "afgerond"),
}
_STATUSES = {
    "status": _STATUS,
    "practice-added": _PRACTICE_STATUS,
    "practice-status": _PRACTICE_STATUS,
    "sprint-added": _SPRINT_STATUS,
    "sprint-status": _SPRINT_STATUS,
}


def _plain(text: str) -> str:
    """One line without control characters (a terminal must not obey them)."""
    return _CONTROL.sub(" ", text).strip()


def _escape(text: str) -> str:
    """User text as Markdown (CommonMark, GitLab, GitHub) that shows exactly as written, on
    one line: punctuation that could start markup escaped, ``<`` and ``>`` as entities."""
    out = "".join(_ENTITIES.get(c) or ("\\" + c if c in _MARKDOWN else c) for c in _plain(text))
    if m := _LIST_MARKER.match(out):
        out = f"{out[: m.end() - 1]}\\{out[m.end() - 1 :]}"
    return out


@dataclass(frozen=True)
class _Style:
    """How user text is written: as Markdown or as plain text."""

    markdown: bool
    english: bool
    names: Mapping[str, str]

    def word(self, key: str, **values: str) -> str:
        en, nl = _WORDS[key]
        return (en if self.english else nl).format(**values)

    def text(self, value: str) -> str:
        return _escape(value) if self.markdown else _plain(value)

    def em(self, value: str) -> str:
        text = self.text(value) or "—"
        return f"*{text}*" if self.markdown else text

    def code(self, value: str) -> str:
        text = _plain(value)
        if not self.markdown:
            return text
        fence = "`" * (max((len(r) for r in re.findall("`+", text)), default=0) + 1)
        pad = " " if text.startswith("`") or text.endswith("`") else ""
        return f"{fence}{pad}{text}{pad}{fence}"

    def quoted(self, value: str) -> str:
        return f"“{self.text(value)}”"

    def profile(self, profile_id: str) -> str:
        return self.text(self.names.get(profile_id, profile_id))

    def ids(self, value: str) -> str:
        return ", ".join(self.code(v) for v in value.split(", "))

    def pick(self, pair: tuple[str, str]) -> str:
        return pair[0] if self.english else pair[1]


def sentence(
    change: Change, language: str, *, profile_names: Mapping[str, str] | None = None
) -> str:
    """The Markdown text of a bullet for ``change`` (user text escaped) in ``language``;
    ``profile_names`` (id → name) names profiles that would otherwise show as their id."""
    return _sentence(change, _Style(True, language != "nl", profile_names or {}))


def _sentence(c: Change, style: _Style) -> str:
    values = {
        "name": style.em(c.name),
        "id": style.code(c.subject),
        "step": f"{style.em(c.step_name or '')} ({style.code(c.step or '')})",
        "step_id": style.code(c.step or ""),
        "profile": style.profile(c.profile or ""),
        "label": "",
        "before": _value(c, c.before, style),
        "after": _value(c, c.after, style),
    }
    if c.what == "flow":
        for side in ("before", "after"):
            text = getattr(c, side) or ""
            label, _, target = text.rpartition(" → ")
            values[side] = _target(target, style)
            if label:
                values["label"] = style.word("outcome", label=style.quoted(label))
    return style.word(c.what, **values)


def _target(target: str, style: _Style) -> str:
    return style.word("end") if target == END else style.code(target)


def _value(c: Change, value: str | None, style: _Style) -> str:
    """``before`` or ``after`` of ``c`` as the sentence shows it."""
    if value is None:
        return "—" if c.what == "raci" else style.word("none")
    what = c.what
    if what in _STATUSES:
        pair = _STATUSES[what].get(value)
        return style.text(value) if pair is None else style.pick(pair)
    if what == "owner":
        return style.profile(value)
    if what in ("practices", "practice-workflows"):
        return style.ids(value)
    if what == "step-kind" and value in STEP_KINDS:
        return style.text(STEP_KINDS[value](style.pick(("en", "nl"))))
    if what == "step-process" and value in PROCESSES:
        return style.text(PROCESSES[value].names(style.pick(("en", "nl"))))
    if what.endswith("-renamed"):
        return style.em(value)
    if what.startswith(("decision-", "outcome-")):
        return style.quoted(value)
    if what.startswith("handoff-"):
        workflow = value.removesuffix(_NO_RETURN)
        key = "returns" if workflow == value else "no-return"
        return style.word(key, workflow=style.code(workflow))
    if what.startswith("goal-"):
        return _goal_value(value, style)
    if what == "measurement-added":
        number, _, day = value.rpartition(" on ")
        return style.word("measured", value=style.text(number), date=style.text(day))
    return style.text(value)


_GOAL_PART = re.compile(
    r"(target (?P<t>[^\s;]+) by (?P<d>[^\s;]+)|indicator (?P<i>[^\s;]+)|owner (?P<o>[^\s;]+))(; |$)"
)


def _goal_value(value: str, style: _Style) -> str:
    """The parts ``_goal_parts`` wrote, in the sentence's language."""
    parts: list[str] = []
    rest = value
    while rest and (m := _GOAL_PART.match(rest)):
        if m["t"] is not None:
            parts.append(style.word("target", value=style.text(m["t"]), date=style.text(m["d"])))
        elif m["i"] is not None:
            parts.append(style.word("indicator", value=style.code(m["i"])))
        else:
            parts.append(style.word("goal-owner", value=style.profile(m["o"])))
        rest = rest[m.end() :]
    if rest:
        parts.append(style.quoted(rest.removeprefix("“").removesuffix("”")))
    return "; ".join(parts)


# --- whole changelogs -----------------------------------------------------------------------


def format_text(log: Changelog, language: str) -> str:
    """The changelog for a terminal: plain text, grouped by workflow, then the rest."""
    return _format(log, _Style(False, language != "nl", log._profile_names))


def format_markdown(log: Changelog, language: str) -> str:
    """The changelog as Markdown for a merge-request comment (GitLab or GitHub)."""
    return _format(log, _Style(True, language != "nl", log._profile_names))


def _format(log: Changelog, style: _Style) -> str:
    new = style.text(log.new)
    old = style.text(log.old) if log.old is not None else None
    if not log:
        line = (
            style.word("first", new=new) if old is None else style.word("nothing", old=old, new=new)
        )
        return line + "\n"
    if old is None:
        title = style.word("title.first", new=new)
    else:
        title = style.word("title", old=old, new=new)
    counts = {a: sum(c.area == a for c in log.changes) for a in _AREAS}
    parts = [f"{n} {style.word('area.' + a)}" for a, n in counts.items() if n]
    total = len(log.changes)
    count = style.word("count.one") if total == 1 else style.word("count.many", n=str(total))
    if len(parts) == 1:
        summary = f"{count} {parts[0].split(' ', 1)[1]}."
    else:
        summary = f"{count}: {', '.join(parts[:-1])}{style.word('and')}{parts[-1]}."
    lines = [f"### {title}" if style.markdown else title, "", summary]
    sections: list[tuple[str, list[Change]]] = []
    for w in log.workflows():
        group = list(log.for_workflow(w))
        heading = style.word("section.workflow", name=style.text(group[0].name), id=style.code(w))
        sections.append((heading, group))
    for area in _AREAS[1:]:
        group = [c for c in log.changes if c.area == area]
        if group:
            sections.append((style.word("section." + area), group))
    for heading, group in sections:
        lines += ["", f"#### {heading}" if style.markdown else heading]
        if style.markdown:
            lines.append("")
        bullet = "- " if style.markdown else "  - "
        lines += [bullet + _sentence(c, style) for c in group]
    return "\n".join(lines) + "\n"
