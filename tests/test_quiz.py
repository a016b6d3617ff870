"""Quizzes made from the model: every question has exactly one right option (checked against
the model, not against how the question was made), and the same model gives the same quiz."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ADVERSARIAL, REPO, as_of, shared_examples
from usm_docgen import catalog, quiz
from usm_docgen.labels import LABELS
from usm_docgen.model import Decision, Model, Outcome, Profile, Step, Workflow
from usm_docgen.quiz import KINDS, Option, Question, right_options
from usm_docgen.render import step_practices
from usm_docgen.usm import END, PROCESSES

HANDBOOKS = [REPO, *shared_examples(), ADVERSARIAL]
IDS = [p.name if p != REPO else "repo" for p in HANDBOOKS]

OPTION_KINDS = {
    "accountable": {"profile"},
    "next-step": {"step", "end"},
    "outcome": {"step", "end"},
    "starts-in": {"process"},
    "hands-off-to": {"process"},
    "handoff-workflow": {"workflow"},
    "practice": {"practice"},
    "role": {"letters"},
}
"""What the options of each kind of question may name."""


@cache
def load(root: Path) -> Model:
    result = catalog.load(root, "", today=dt.date.fromisoformat(as_of(root)))
    assert result.model is not None, result.diagnostics
    return result.model


@cache
def repo() -> Model:
    return load(REPO)


def all_quizzes(model: Model) -> Iterator[quiz.Quiz]:
    for workflow in model.workflows:
        yield quiz.workflow_quiz(model, workflow)
    for profile in model.profiles:
        made = quiz.profile_quiz(model, profile)
        if made is not None:
            yield made


def shown(model: Model, workflow: Workflow, option: Option) -> set[str]:
    """What a page may show for ``option``, written here apart from the module."""
    texts: list[str]
    if option.kind == "profile":
        texts = [model.profile(option.value).name]
    elif option.kind == "step":
        texts = [workflow.step(option.value).name]
    elif option.kind == "end":
        texts = ["end", "einde", *LABELS["end-of-workflow"].values()]
    elif option.kind == "process":
        names = PROCESSES[option.value].names
        texts = [names.nl, names.en]
    elif option.kind == "workflow":
        texts = [model.workflow(option.value).name]
    elif option.kind == "practice":
        texts = [model.practice(option.value).name]
    else:
        texts = [option.value]
    return {" ".join(t.split()).casefold() for t in texts}


def question(kind: str, workflow: str, step: str | None, *options: Option, **kw: Any) -> Question:
    """A question written by hand (its ``answer`` is irrelevant to ``right_options``)."""
    return Question(kind, workflow, step, kw.get("profile"), kw.get("outcome"), options, 0)


def profiles(*ids: str) -> tuple[Option, ...]:
    return tuple(Option("profile", i) for i in ids)


def steps(*ids: str) -> tuple[Option, ...]:
    return tuple(Option("step", i) for i in ids)


def processes(*ids: str) -> tuple[Option, ...]:
    return tuple(Option("process", i) for i in ids)


def replace_step(model: Model, workflow_id: str, step_id: str, **changes: Any) -> Model:
    """``model`` with one step changed (a fresh look-up index: the old one names old objects)."""
    workflows = tuple(
        dataclasses.replace(
            w,
            steps=tuple(
                dataclasses.replace(s, **changes) if s.id == step_id else s for s in w.steps
            ),
        )
        if w.id == workflow_id
        else w
        for w in model.workflows
    )
    return dataclasses.replace(model, workflows=workflows, _index={})


# --- every handbook --------------------------------------------------------------------------


@pytest.mark.parametrize("root", HANDBOOKS, ids=IDS)
def test_every_workflow_has_a_quiz(root: Path) -> None:
    model = load(root)
    assert model.workflows
    for workflow in model.workflows:
        made = quiz.workflow_quiz(model, workflow)
        assert (made.subject, made.id) == ("workflow", workflow.id)
        assert 4 <= len(made.questions) <= 8, workflow.id
        assert {q.workflow for q in made.questions} == {workflow.id}


@pytest.mark.parametrize("root", HANDBOOKS, ids=IDS)
def test_every_profile_with_steps_has_a_quiz(root: Path) -> None:
    model = load(root)
    for profile in model.profiles:
        held = {
            (w.id, s.id): dict(s.raci)[profile.id]
            for w in model.workflows
            for s in w.steps
            if profile.id in dict(s.raci)
        }
        made = quiz.profile_quiz(model, profile)
        if not held:
            assert made is None, profile.id
            continue
        assert made is not None, profile.id
        assert (made.subject, made.id) == ("profile", profile.id)
        assert 1 <= len(made.questions) <= 8
        assert len(made.questions) >= min(4, len(held)), profile.id
        for q in made.questions:
            assert (q.workflow, q.step) in held, (profile.id, q)
            assert q.kind in {"role", "accountable", "next-step", "practice"}
            assert q.profile == (profile.id if q.kind == "role" else None)
            if q.kind == "role":
                assert q.right == Option("letters", held[q.workflow, q.step])


def test_a_profile_without_steps_gets_no_quiz() -> None:
    nobody = Profile("nobody", "Niemand", "other")
    assert quiz.profile_quiz(repo(), nobody) is None
    minimal = load(shared_examples()[0])
    idle = [
        p
        for p in minimal.profiles
        if not any(p.id in dict(s.raci) for w in minimal.workflows for s in w.steps)
    ]
    assert idle, "the minimal example has a profile in no RACI"
    assert all(quiz.profile_quiz(minimal, p) is None for p in idle)


@pytest.mark.parametrize("root", HANDBOOKS, ids=IDS)
def test_every_question_has_exactly_one_right_option(root: Path) -> None:
    model = load(root)
    count = 0
    for made in all_quizzes(model):
        for q in made.questions:
            count += 1
            workflow = model.workflow(q.workflow)
            assert q.kind in KINDS
            assert 3 <= len(q.options) <= 4, q
            assert 0 <= q.answer < len(q.options)
            assert len(set(q.options)) == len(q.options), q
            assert {o.kind for o in q.options} <= OPTION_KINDS[q.kind], q
            names = [shown(model, workflow, o) for o in q.options]
            for i, a in enumerate(names):
                for b in names[i + 1 :]:
                    assert not a & b, f"two options look alike in {q}"
            if q.step is not None:
                assert q.step in {s.id for s in workflow.steps}
            assert right_options(model, q) == {q.options[q.answer]}, q
    assert count > 0


@pytest.mark.parametrize("root", HANDBOOKS, ids=IDS)
def test_a_quiz_is_plain_json_and_round_trips(root: Path) -> None:
    model = load(root)
    for made in all_quizzes(model):
        data = made.to_json()
        assert json.loads(json.dumps(data)) == data
        rebuilt = quiz.Quiz(
            data["subject"],
            data["id"],
            tuple(
                Question(
                    d["kind"],
                    d["workflow"],
                    d["step"],
                    d["profile"],
                    d["outcome"],
                    tuple(Option(o["kind"], o["value"]) for o in d["options"]),
                    d["answer"],
                )
                for d in data["questions"]
            ),
        )
        assert rebuilt == made


# --- the checker itself, against facts read from workflows/*.yaml ----------------------------


def test_the_checker_knows_who_is_accountable() -> None:
    model = repo()
    # wijziging-doorvoeren.yaml, voorbereiden: {beheerder: R, teamcoordinator: A, ...}
    q = question(
        "accountable",
        "wijziging-doorvoeren",
        "voorbereiden",
        *profiles("beheerder", "teamcoordinator", "workflowmanager"),
    )
    assert right_options(model, q) == set(profiles("teamcoordinator"))
    # storing-gemaal.yaml, aannemen: workflowcoordinator holds A, not the two who hold R
    q = question(
        "accountable",
        "storing-gemaal",
        "aannemen",
        *profiles("servicedeskmedewerker", "storingsmonteur", "melder"),
    )
    assert right_options(model, q) == frozenset()


def test_the_checker_knows_the_flow() -> None:
    model = repo()
    # storing-gemaal.yaml: wijziging-laten-doorvoeren goes on to herstel-controleren
    q = question(
        "next-step",
        "storing-gemaal",
        "wijziging-laten-doorvoeren",
        *steps("herstel-voorbereiden", "herstel-controleren", "afsluiten"),
    )
    assert right_options(model, q) == set(steps("herstel-controleren"))
    # afsluiten ends the workflow
    q = question("next-step", "storing-gemaal", "afsluiten", Option("end", END), *steps("aannemen"))
    assert right_options(model, q) == {Option("end", END)}
    # diagnosticeren decides; "Nee, herstel kan met een operationele actie" → herstel-voorbereiden
    options = (*steps("wijziging-voorbereiden", "herstel-voorbereiden"), Option("end", END))
    label = "Nee, herstel kan met een operationele actie"
    q = question("outcome", "storing-gemaal", "diagnosticeren", *options, outcome=label)
    assert right_options(model, q) == set(steps("herstel-voorbereiden"))
    q = question("outcome", "storing-gemaal", "diagnosticeren", *options, outcome="Misschien")
    assert right_options(model, q) == frozenset()


def test_the_checker_knows_processes_and_handoffs() -> None:
    model = repo()
    # storing-gemaal.yaml: template [3, 4] starts in Recover, hands off to Change and Operate
    every = processes(*PROCESSES)
    assert right_options(model, question("starts-in", "storing-gemaal", None, *every)) == set(
        processes("recover")
    )
    q = question("hands-off-to", "storing-gemaal", None, *every)
    assert right_options(model, q) == set(processes("change", "operate"))
    q = question(
        "handoff-workflow",
        "storing-gemaal",
        "wijziging-laten-doorvoeren",
        *(Option("workflow", w) for w in ("uitvoeringsverzoek", "wijziging-doorvoeren")),
    )
    assert right_options(model, q) == {Option("workflow", "wijziging-doorvoeren")}
    q = question("handoff-workflow", "storing-gemaal", "aannemen", Option("workflow", "x"))
    assert right_options(model, q) == frozenset()


def test_the_checker_knows_practices_and_roles() -> None:
    model = repo()
    # conf/practices.yaml: uitvoeringsverzoek/aannemen is claimed by two practices
    names = ("itil-service-request-management", "bisl-gebruikersondersteuning", "asl-testen")
    q = question(
        "practice", "uitvoeringsverzoek", "aannemen", *(Option("practice", n) for n in names)
    )
    assert right_options(model, q) == {Option("practice", n) for n in names[:2]}
    # afspraken-wijzigen.yaml, onderhandelen: {servicemanager: RA, informatiemanager: R, ...}
    letters = tuple(Option("letters", x) for x in ("R", "A", "RA", "C"))
    q = question("role", "afspraken-wijzigen", "onderhandelen", *letters, profile="servicemanager")
    assert right_options(model, q) == {Option("letters", "RA")}
    q = question(
        "role", "afspraken-wijzigen", "onderhandelen", *letters, profile="informatiemanager"
    )
    assert right_options(model, q) == {Option("letters", "R")}


def test_the_checker_agrees_with_the_pages_on_practices() -> None:
    model = repo()
    every = tuple(Option("practice", p.id) for p in model.practices)
    seen = 0
    for workflow in model.workflows:
        for step in workflow.steps:
            q = question("practice", workflow.id, step.id, *every)
            expected = {Option("practice", p.id) for p in step_practices(model, workflow, step)}
            assert right_options(model, q) == expected
            seen += bool(expected)
    assert seen >= 5


def test_the_checker_refuses_an_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown question kind"):
        right_options(repo(), question("colour", "storing-gemaal", None, Option("x", "y")))


# --- determinism -----------------------------------------------------------------------------


def quizzes_json(model: Model) -> str:
    return json.dumps([q.to_json() for q in all_quizzes(model)], ensure_ascii=False)


SCRIPT = """
import datetime as dt, json
from pathlib import Path
from usm_docgen import catalog, quiz
model = catalog.load(Path("."), "", today=dt.date.fromisoformat({today!r})).model
made = [quiz.workflow_quiz(model, w) for w in model.workflows]
made += [q for p in model.profiles if (q := quiz.profile_quiz(model, p)) is not None]
print(json.dumps([q.to_json() for q in made], ensure_ascii=False))
"""


def test_the_same_model_gives_the_same_quiz() -> None:
    model = repo()
    assert list(all_quizzes(model)) == list(all_quizzes(model))
    again = load.__wrapped__(REPO)
    assert again is not model
    assert quizzes_json(again) == quizzes_json(model)


@pytest.mark.parametrize("seed", ["0", "4242"])
def test_the_quiz_is_the_same_in_another_process(seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(today=as_of(REPO))],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert done.stdout.strip() == quizzes_json(repo())


def test_answers_are_not_always_in_the_same_place() -> None:
    places = [q.answer for made in all_quizzes(repo()) for q in made.questions]
    assert len(set(places)) >= 3


# --- choosing questions ----------------------------------------------------------------------


def test_two_accountables_make_no_accountable_question() -> None:
    model = repo()
    workflow = model.workflow("wijziging-doorvoeren")
    ask = ("accountable", "voorbereiden")
    before = quiz.workflow_quiz(model, workflow, size=1000)
    assert ask in {(q.kind, q.step) for q in before.questions}
    raci = (("beheerder", "RA"), ("teamcoordinator", "A"), ("leveranciersspecialist", "C"))
    tweaked = replace_step(model, "wijziging-doorvoeren", "voorbereiden", raci=raci)
    after = quiz.workflow_quiz(tweaked, tweaked.workflow("wijziging-doorvoeren"), size=1000)
    assert ask not in {(q.kind, q.step) for q in after.questions}
    assert {q.kind for q in after.questions if q.step == "voorbereiden"} >= {"role", "next-step"}
    beheerder = quiz.profile_quiz(tweaked, tweaked.profile("beheerder"), size=1000)
    assert beheerder is not None
    assert ("wijziging-doorvoeren", *ask) not in {
        (q.workflow, q.kind, q.step) for q in beheerder.questions
    }
    # The checker sees why: such a question would have two right options.
    q = question("accountable", "wijziging-doorvoeren", "voorbereiden", *profiles(*dict(raci)))
    assert right_options(tweaked, q) == set(profiles("beheerder", "teamcoordinator"))


def test_a_distractor_never_looks_like_the_answer() -> None:
    model = repo()
    twin = model.profile("teamcoordinator").name
    profiles_ = tuple(
        dataclasses.replace(p, name=f" {twin.upper()} ") if p.id == "beheerder" else p
        for p in model.profiles
    )
    tweaked = dataclasses.replace(model, profiles=profiles_, _index={})
    found = 0
    for workflow in tweaked.workflows:
        for q in quiz.workflow_quiz(tweaked, workflow, size=1000).questions:
            values = {o.value for o in q.options if o.kind == "profile"}
            if q.kind == "accountable":
                assert not {"beheerder", "teamcoordinator"} <= values, q
                found += "teamcoordinator" in values
    assert found >= 3


def test_outcome_labels_that_look_alike_make_no_outcome_question() -> None:
    model = repo()
    workflow = model.workflow("storing-gemaal")
    before = quiz.workflow_quiz(model, workflow, size=1000)
    assert ("outcome", "herstel-controleren") in {(q.kind, q.step) for q in before.questions}
    decision = Decision(
        "Verholpen?", (Outcome("Ja", "afsluiten"), Outcome(" ja", "diagnosticeren"))
    )
    tweaked = replace_step(model, "storing-gemaal", "herstel-controleren", decision=decision)
    after = quiz.workflow_quiz(tweaked, tweaked.workflow("storing-gemaal"), size=1000)
    kept = {(q.kind, q.step) for q in after.questions}
    assert ("outcome", "herstel-controleren") not in kept
    assert ("outcome", "diagnosticeren") in kept


def test_the_example_workflows_ask_a_mix() -> None:
    for workflow in repo().workflows:
        made = quiz.workflow_quiz(repo(), workflow)
        kinds = [q.kind for q in made.questions]
        assert len(set(kinds)) >= 3, (workflow.id, kinds)
        assert max(kinds.count(k) for k in kinds) <= 2, (workflow.id, kinds)


def test_a_profile_quiz_is_spread_over_workflows_and_kinds() -> None:
    model = repo()
    for profile in model.profiles:
        made = quiz.profile_quiz(model, profile)
        assert made is not None
        workflows = {w.id for w in model.workflows for s in w.steps if profile.id in dict(s.raci)}
        asked = {q.workflow for q in made.questions}
        assert len(asked) == min(len(workflows), len(made.questions)), profile.id
        assert len({q.kind for q in made.questions}) >= 3, profile.id


def test_questions_come_in_reading_order() -> None:
    model = repo()
    for workflow in model.workflows:
        made = quiz.workflow_quiz(model, workflow, size=1000)
        where = {s.id: i for i, s in enumerate(workflow.steps)}
        places = [-1 if q.step is None else where[q.step] for q in made.questions]
        assert places == sorted(places), workflow.id
        assert places[0] == -1, "workflow-level questions come first"
    order = {w.id: i for i, w in enumerate(model.workflows)}
    made_ = quiz.profile_quiz(model, model.profile("workflowcoordinator"))
    assert made_ is not None
    keys = [
        (order[q.workflow], [s.id for s in model.workflow(q.workflow).steps].index(q.step or ""))
        for q in made_.questions
    ]
    assert keys == sorted(keys)


def test_size_caps_the_quiz() -> None:
    model = repo()
    workflow = model.workflow("storing-gemaal")
    assert len(quiz.workflow_quiz(model, workflow, size=3).questions) == 3
    everything = quiz.workflow_quiz(model, workflow, size=1000).questions
    assert len(everything) > 8
    assert set(quiz.workflow_quiz(model, workflow).questions) <= set(everything)
    with pytest.raises(ValueError, match="at least one question"):
        quiz.workflow_quiz(model, workflow, size=0)


def test_a_retired_workflow_still_has_a_quiz() -> None:
    model = repo()
    workflow = dataclasses.replace(model.workflow("storing-gemaal"), status="retired")
    retired = quiz.workflow_quiz(model, workflow)
    assert retired == quiz.workflow_quiz(model, model.workflow("storing-gemaal"))


def test_the_quiz_module_needs_neither_sphinx_nor_jinja() -> None:
    code = (
        "import sys, usm_docgen.quiz; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'sphinx', 'jinja2'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_a_hands_off_question_offers_neither_another_target_nor_the_start() -> None:
    model = repo()
    workflow = model.workflow("storing-gemaal")  # template [3, 4]: Recover → Change or Operate
    asked = [q for q in quiz.workflow_quiz(model, workflow).questions if q.kind == "hands-off-to"]
    assert len(asked) == 1
    assert asked[0].right == Option("process", "change")
    assert set(asked[0].options) == set(processes("change", "agree", "improve"))
    for other in model.workflows:
        for q in quiz.workflow_quiz(model, other, size=1000).questions:
            if q.kind == "hands-off-to":
                assert Option("process", other.usm.starts_in) not in q.options


def test_the_end_never_stands_beside_a_step_named_like_it() -> None:
    model = repo()
    workflow = model.workflow("storing-gemaal")
    raci = (("storingsmonteur", "R"), ("workflowcoordinator", "A"))
    three = (
        Step(
            "a",
            "Beslissen",
            "other",
            "recover",
            raci,
            decision=Decision("Verder?", (Outcome("Ja", "b"), Outcome("Nee", END))),
        ),
        Step("b", "Doorgaan", "other", "recover", raci, next="c"),
        Step("c", "  EINDE ", "other", "recover", raci, next=END),
    )
    tweaked = dataclasses.replace(
        model,
        workflows=tuple(
            dataclasses.replace(w, steps=three) if w.id == workflow.id else w
            for w in model.workflows
        ),
        _index={},
    )
    made = quiz.workflow_quiz(tweaked, tweaked.workflow(workflow.id), size=1000)
    ja = [q for q in made.questions if q.kind == "outcome" and q.outcome == "Ja"]
    assert len(ja) == 1
    assert ja[0].right == Option("step", "b")
    assert len(ja[0].options) == 3
    assert not {Option("end", END), Option("step", "c")} <= set(ja[0].options)


def test_no_distractor_looks_like_another_realised_practice() -> None:
    model = repo()
    workflow = model.workflow("uitvoeringsverzoek")
    realised = {p.id for p in step_practices(model, workflow, workflow.step("aannemen"))}
    assert realised == {"itil-service-request-management", "bisl-gebruikersondersteuning"}
    twin = model.practice("bisl-gebruikersondersteuning").name
    spared = ("itil-change-enablement", "asl-testen")
    renamed = {p.id for p in model.practices} - realised - set(spared)
    practices = tuple(
        dataclasses.replace(p, name=twin.lower()) if p.id in renamed else p for p in model.practices
    )
    tweaked = dataclasses.replace(model, practices=practices, _index={})
    made = quiz.workflow_quiz(tweaked, tweaked.workflow("uitvoeringsverzoek"), size=1000)
    asked = [q for q in made.questions if (q.kind, q.step) == ("practice", "aannemen")]
    assert len(asked) == 1
    assert asked[0].right == Option("practice", "itil-service-request-management")
    assert {o.value for o in asked[0].options} == {asked[0].right.value, *spared}
