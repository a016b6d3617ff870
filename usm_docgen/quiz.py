"""Quizzes generated from the model: multiple-choice questions as ids, never as sentences."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from usm_docgen.labels import LABELS
from usm_docgen.model import Model, Profile, Step, Workflow, claimed
from usm_docgen.usm import END, PROCESSES

_Made = TypeVar("_Made")

KINDS = (
    "accountable",
    "next-step",
    "outcome",
    "starts-in",
    "hands-off-to",
    "handoff-workflow",
    "practice",
    "role",
)
"""Every kind of question, in the order a quiz takes turns over them."""

ROLE_LETTERS = ("R", "A", "C", "I", "RA")
"""The letter sets a ``role`` question offers besides the right one."""

MAX_DISTRACTORS = 3
MIN_DISTRACTORS = 2

END_NAMES = frozenset({"end", "einde", *LABELS["end-of-workflow"].values()})
"""What the end of a workflow may be shown as: a step with such a name never stands beside it."""


@dataclass(frozen=True)
class Option:
    """One answer to choose: what it names (``kind``) and the id or letters (``value``)."""

    kind: str
    value: str

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "value": self.value}


@dataclass(frozen=True)
class Question:
    """One question about a workflow (and a step of it); exactly one option is right."""

    kind: str
    workflow: str
    step: str | None
    profile: str | None
    outcome: str | None
    options: tuple[Option, ...]
    answer: int

    @property
    def right(self) -> Option:
        return self.options[self.answer]

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "workflow": self.workflow,
            "step": self.step,
            "profile": self.profile,
            "outcome": self.outcome,
            "options": [o.to_json() for o in self.options],
            "answer": self.answer,
        }


@dataclass(frozen=True)
class Quiz:
    """The questions about one workflow or one profile, in reading order."""

    subject: str
    id: str
    questions: tuple[Question, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "id": self.id,
            "questions": [q.to_json() for q in self.questions],
        }


def workflow_quiz(model: Model, workflow: Workflow, size: int = 8) -> Quiz:
    """At most ``size`` questions about ``workflow``, taking turns over the kinds so that a
    reader is asked about its flow, its RACI, its processes and its practices alike."""
    _check_size(size)
    ctx = _context(model)
    made = _workflow_questions(ctx, workflow)
    chosen = _spread([made], f"workflow:{workflow.id}")[:size]
    positions = {s.id: i for i, s in enumerate(workflow.steps)}
    order = {q: i for i, q in enumerate(made)}
    chosen.sort(key=lambda q: (_position(positions, q), _kind_index(q), order[q]))
    return Quiz("workflow", workflow.id, tuple(chosen))


def profile_quiz(model: Model, profile: Profile, size: int = 8) -> Quiz | None:
    """At most ``size`` questions about the steps where ``profile`` holds a RACI letter,
    spread over the workflows; None when it holds none (there is nothing to ask)."""
    _check_size(size)
    ctx = _context(model)
    per_workflow: list[list[Question]] = []
    made_in_order: list[Question] = []
    for workflow in model.workflows:
        made: list[Question] = []
        for step in workflow.steps:
            if profile.id in dict(step.raci):
                made += _kept(
                    ctx.once(_role, workflow, step, profile.id),
                    ctx.once(_accountable, workflow, step),
                    ctx.once(_next_step, workflow, step),
                    ctx.once(_practice, workflow, step),
                )
        made_in_order += made
        if made:
            per_workflow.append(made)
    if not per_workflow:
        return None
    chosen = _spread(per_workflow, f"profile:{profile.id}")[:size]
    workflows = {w.id: i for i, w in enumerate(model.workflows)}
    positions = {w.id: {s.id: i for i, s in enumerate(w.steps)} for w in model.workflows}
    order = {q: i for i, q in enumerate(made_in_order)}
    chosen.sort(
        key=lambda q: (
            workflows[q.workflow],
            _position(positions[q.workflow], q),
            _kind_index(q),
            order[q],
        )
    )
    return Quiz("profile", profile.id, tuple(chosen))


def right_options(model: Model, question: Question) -> frozenset[Option]:
    """The options of ``question`` that the model makes true, worked out from the model
    alone (not from how the question was made): a sound question has exactly one."""
    return frozenset(o for o in question.options if o in _truth(model, question))


# --- the truth, re-derived from the model ---------------------------------------------------


def _truth(model: Model, question: Question) -> set[Option]:
    if question.kind not in KINDS:
        raise ValueError(f"unknown question kind {question.kind!r}")
    workflow = next((w for w in model.workflows if w.id == question.workflow), None)
    if workflow is None:
        return set()
    if question.kind == "starts-in":
        return {Option("process", t.starts_in) for t in workflow.usm_templates}
    if question.kind == "hands-off-to":
        processes = {t.hands_off_to for t in workflow.usm_templates if t.hands_off_to}
        for s in workflow.steps:
            if s.handoff is not None:
                processes |= {
                    t.starts_in
                    for w in model.workflows
                    if w.id == s.handoff.workflow
                    for t in w.usm_templates
                }
        return {Option("process", p) for p in processes}
    step = next((s for s in workflow.steps if s.id == question.step), None)
    if step is None:
        return set()
    if question.kind == "accountable":
        return {Option("profile", p) for p, letters in step.raci if "A" in letters}
    if question.kind == "next-step":
        return {_target(t) for t in step.targets}
    if question.kind == "outcome":
        outcomes = step.decision.outcomes if step.decision is not None else ()
        return {_target(o.next) for o in outcomes if o.label == question.outcome}
    if question.kind == "handoff-workflow":
        return set() if step.handoff is None else {Option("workflow", step.handoff.workflow)}
    if question.kind == "practice":
        ref = f"{workflow.id}/{step.id}"
        return {
            Option("practice", p.id)
            for p in model.practices
            if ref in p.steps or any(ref in a.steps for a in p.activities)
        }
    # role, the one kind left
    return {Option("letters", letters) for p, letters in step.raci if p == question.profile}


def _target(target: str) -> Option:
    return Option("end", END) if target == END else Option("step", target)


# --- making questions ---------------------------------------------------------------------


def _context(model: Model) -> _Context:
    """The model's quiz context, made once: every quiz of a site shares it."""
    cache = model._index.setdefault("quiz", {})
    if "context" not in cache:
        cache["context"] = _Context(model)
    ctx: _Context = cache["context"]
    return ctx


class _Context:
    """The look-ups the quizzes of one model need, built once: names by id, the practices per
    step, every profile and workflow as an option, and the questions made so far.

    A question depends only on what it asks about (the same step's accountable profile is
    asked in the workflow's quiz and in the quiz of each profile with a part in that step),
    so each is made once: at 1,000 workflows that took the quizzes from 40 s to a few."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.profiles = {p.id: p.name for p in model.profiles}
        self.workflows = {w.id: w for w in model.workflows}
        self.practices = {p.id: p.name for p in model.practices}
        self.realised: dict[str, list[str]] = {}
        for p in model.practices:
            for ref in claimed(p):
                self.realised.setdefault(ref, []).append(p.id)
        self.profile_options = [Option("profile", p.id) for p in model.profiles]
        self.workflow_options = [Option("workflow", w.id) for w in model.workflows]
        self.made: dict[tuple[str, ...], Any] = {}

    def once(self, make: Callable[..., _Made], workflow: Workflow, step: Step, *more: str) -> _Made:
        """``make(self, workflow, step, *more)``, made once per model."""
        key = (make.__name__, workflow.id, step.id, *more)
        if key not in self.made:
            self.made[key] = make(self, workflow, step, *more)
        made: _Made = self.made[key]
        return made

    def names(self, workflow: Workflow, option: Option) -> frozenset[str] | None:
        """How ``option`` may be shown, normalised; None when it names nothing known (such
        an option is never offered)."""
        texts: Iterable[str]
        if option.kind == "profile":
            texts = _found(self.profiles.get(option.value))
        elif option.kind == "step":
            texts = [s.name for s in workflow.steps if s.id == option.value]
        elif option.kind == "end":
            texts = END_NAMES if option.value == END else ()
        elif option.kind == "process":
            process = PROCESSES.get(option.value)
            texts = () if process is None else (process.names.nl, process.names.en)
        elif option.kind == "workflow":
            target = self.workflows.get(option.value)
            texts = () if target is None else (target.name,)
        elif option.kind == "practice":
            texts = _found(self.practices.get(option.value))
        elif option.kind == "letters":
            texts = (option.value,)
        else:
            texts = ()
        found = frozenset(_normal(t) for t in texts)
        return found or None

    def hands_off_to(self, workflow: Workflow) -> set[str]:
        """Every process the workflow may hand off to: by its templates, and where the
        workflows its steps hand off to start."""
        processes = set(workflow.hands_off_to)
        for step in workflow.steps:
            target = None if step.handoff is None else self.workflows.get(step.handoff.workflow)
            if target is not None:
                processes |= {t.starts_in for t in target.usm_templates}
        return processes


def _found(text: str | None) -> tuple[str, ...]:
    return () if text is None else (text,)


def _normal(text: str) -> str:
    """Names that look alike to a reader compare equal: case and spacing do not count."""
    return " ".join(text.split()).casefold()


def _make(
    ctx: _Context,
    workflow: Workflow,
    kind: str,
    answer: Option,
    tiers: Sequence[Sequence[Option]],
    *,
    step: Step | None = None,
    profile: str | None = None,
    outcome: str | None = None,
    avoid: Iterable[Option] = (),
) -> Question | None:
    """A question with ``answer`` and up to three distractors, taken tier by tier; None when
    fewer than two distractors can stand beside the answer. Nothing in ``avoid`` (the other
    true options) is offered, nor anything that looks like it or like the answer."""
    step_id = None if step is None else step.id
    rng = _rng(kind, workflow.id, step_id, profile, outcome)
    answer_names = ctx.names(workflow, answer)
    if answer_names is None:
        return None
    excluded = {answer, *avoid}
    taken = set(answer_names)
    for other in avoid:
        taken |= ctx.names(workflow, other) or frozenset()
    if kind == "next-step" and step is not None:
        # "Which step follows S?" with S among the options reads as a trick.
        if _normal(step.name) in answer_names:
            return None
        taken.add(_normal(step.name))
    distractors: list[Option] = []
    for tier in tiers:
        pool = [o for o in dict.fromkeys(tier) if o not in excluded]
        for option in _drawn(pool, rng):
            if len(distractors) == MAX_DISTRACTORS:
                break
            names = ctx.names(workflow, option)
            if names is None or names & taken:
                continue
            distractors.append(option)
            excluded.add(option)
            taken |= names
    if len(distractors) < MIN_DISTRACTORS:
        return None
    options = [answer, *distractors]
    rng.shuffle(options)
    return Question(
        kind, workflow.id, step_id, profile, outcome, tuple(options), options.index(answer)
    )


def _drawn(pool: list[Option], rng: random.Random) -> Iterator[Option]:
    """``pool`` in a random order, drawn one at a time (Fisher and Yates, lazily): a question
    takes three distractors, so a pool of 1,000 workflows need not be shuffled whole."""
    for i in range(len(pool)):
        j = rng.randrange(i, len(pool))
        pool[i], pool[j] = pool[j], pool[i]
        yield pool[i]


def _rng(*parts: str | None) -> random.Random:
    """A generator seeded from ``parts`` alone: the same in every process and Python run."""
    digest = hashlib.sha256(json.dumps(parts).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _steps(workflow: Workflow, *but: str) -> list[Option]:
    return [Option("step", s.id) for s in workflow.steps if s.id not in but]


def _starts_in(ctx: _Context, workflow: Workflow) -> Question | None:
    starts = {t.starts_in for t in workflow.usm_templates}
    answer = Option("process", workflow.usm.starts_in)
    others = [Option("process", p) for p in PROCESSES if p not in starts]
    return _make(ctx, workflow, "starts-in", answer, [others])


def _hands_off_to(ctx: _Context, workflow: Workflow) -> Question | None:
    if not workflow.hands_off_to:
        return None
    targets = ctx.hands_off_to(workflow)
    answer = Option("process", workflow.hands_off_to[0])
    # The process it starts in is left out too: "hands off to itself" is no fair distractor.
    banned = targets | {t.starts_in for t in workflow.usm_templates}
    others = [Option("process", p) for p in PROCESSES if p not in banned]
    avoid = [Option("process", p) for p in sorted(targets)]
    return _make(ctx, workflow, "hands-off-to", answer, [others], avoid=avoid)


def _accountable(ctx: _Context, workflow: Workflow, step: Step) -> Question | None:
    holders = step.holders("A")
    if len(holders) != 1:
        return None
    named = [Option("profile", p) for p in workflow.profiles if p not in holders]
    rest = [o for o in ctx.profile_options if o.value not in holders]
    answer = Option("profile", holders[0])
    return _make(ctx, workflow, "accountable", answer, [named, rest], step=step)


def _next_step(ctx: _Context, workflow: Workflow, step: Step) -> Question | None:
    if step.decision is not None or step.next is None or step.next == END:
        return None
    others = _steps(workflow, step.id, step.next)
    return _make(ctx, workflow, "next-step", Option("step", step.next), [others], step=step)


def _outcomes(ctx: _Context, workflow: Workflow, step: Step) -> list[Question | None]:
    if step.decision is None:
        return []
    labels = [_normal(o.label) for o in step.decision.outcomes]
    if len(set(labels)) != len(labels):
        return []
    made = []
    for outcome in step.decision.outcomes:
        answer = _target(outcome.next)
        others = _steps(workflow, outcome.next)
        if answer.kind != "end":
            others.append(Option("end", END))
        made.append(
            _make(ctx, workflow, "outcome", answer, [others], step=step, outcome=outcome.label)
        )
    return made


def _handoff_workflow(ctx: _Context, workflow: Workflow, step: Step) -> Question | None:
    if step.handoff is None:
        return None
    target = step.handoff.workflow
    others = [o for o in ctx.workflow_options if o.value != target]
    return _make(ctx, workflow, "handoff-workflow", Option("workflow", target), [others], step=step)


def _practice(ctx: _Context, workflow: Workflow, step: Step) -> Question | None:
    realised = ctx.realised.get(f"{workflow.id}/{step.id}", [])
    if not realised:
        return None
    others = [Option("practice", p.id) for p in ctx.model.practices if p.id not in realised]
    avoid = [Option("practice", p) for p in realised[1:]]
    answer = Option("practice", realised[0])
    return _make(ctx, workflow, "practice", answer, [others], step=step, avoid=avoid)


def _role(ctx: _Context, workflow: Workflow, step: Step, profile: str) -> Question | None:
    letters = dict(step.raci).get(profile)
    if letters is None:
        return None
    others = [Option("letters", x) for x in ROLE_LETTERS if x != letters]
    answer = Option("letters", letters)
    return _make(ctx, workflow, "role", answer, [others], step=step, profile=profile)


def _workflow_questions(ctx: _Context, workflow: Workflow) -> list[Question]:
    made = _kept(_starts_in(ctx, workflow), _hands_off_to(ctx, workflow))
    for step in workflow.steps:
        made += _kept(
            ctx.once(_accountable, workflow, step),
            ctx.once(_next_step, workflow, step),
            *_outcomes(ctx, workflow, step),
            _handoff_workflow(ctx, workflow, step),
            ctx.once(_practice, workflow, step),
            *(ctx.once(_role, workflow, step, p) for p, _ in step.raci),
        )
    return made


def _kept(*made: Question | None) -> list[Question]:
    return [m for m in made if m is not None]


# --- choosing and ordering ----------------------------------------------------------------


def _spread(groups: list[list[Question]], seed: str) -> list[Question]:
    """Every question of ``groups`` (one per workflow), reordered so that any prefix is a
    fair mix: the groups take turns, and each turn takes the next kind (in KINDS order) that
    the group still has, so the kinds take turns too. Each kind's questions within a group
    come in a seeded shuffle."""
    buckets: list[list[list[Question]]] = []
    for group in filter(None, groups):
        by_kind = []
        for kind in KINDS:
            of_kind = [q for q in group if q.kind == kind]
            _rng(seed, group[0].workflow, kind).shuffle(of_kind)
            by_kind.append(of_kind)
        buckets.append(by_kind)
    order: list[Question] = []
    turn = 0
    total = sum(len(group) for group in groups)
    while len(order) < total:
        for by_kind in buckets:
            for k in range(len(KINDS)):
                of_kind = by_kind[(turn + k) % len(KINDS)]
                if of_kind:
                    order.append(of_kind.pop(0))
                    turn += k + 1
                    break
    return order


def _position(positions: dict[str, int], question: Question) -> int:
    """Workflow-level questions come first, then the steps in the order written."""
    return -1 if question.step is None else positions[question.step]


def _kind_index(question: Question) -> int:
    return KINDS.index(question.kind)


def _check_size(size: int) -> None:
    if size < 1:
        raise ValueError(f"a quiz needs room for at least one question, not {size}")
