"""The Mermaid emitter: golden files, determinism, the real parser and the ugliest labels.

Golden files live in ``tests/test_mermaid/``; regenerate them with ``--force-regen`` and read
the diff. The parser tests run the pinned mermaid through Node (``mermaid_check``); outside CI
they are skipped when Node or ``node_modules`` is missing, in CI they must run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_regressions.file_regression import FileRegressionFixture

from tests.conftest import BASE, REPO, shared_examples
from usm_docgen import catalog, mermaid
from usm_docgen.mermaid_check import check_diagrams, find_node_modules
from usm_docgen.model import Model, Workflow

# --- helpers ---------------------------------------------------------------------------------


def link(workflow_id: str) -> str:
    return f"../workflows/{workflow_id}.html"


def load(root: Path, today: dt.date | None = None) -> Model:
    result = catalog.load(root, today=today)
    assert not result.failed(), "\n".join(str(d) for d in result.diagnostics)
    assert result.model is not None
    return result.model


def all_diagrams(model: Model) -> dict[str, str]:
    """Every diagram the site shows for ``model``, keyed by what it is."""
    diagrams = {
        f"workflow {w.id}": mermaid.workflow_diagram(model, w, link) for w in model.workflows
    }
    diagrams["overview"] = mermaid.overview_diagram(model, link)
    diagrams["gantt"] = mermaid.sprint_gantt(model)
    return diagrams


def in_english(model: Model) -> Model:
    return dataclasses.replace(model, handbook=dataclasses.replace(model.handbook, language="en"))


def _checker_ready() -> bool:
    node = shutil.which(os.environ.get("USM_DOCGEN_NODE") or "node")
    return node is not None and find_node_modules(REPO) is not None


needs_mermaid = pytest.mark.skipif(
    not _checker_ready() and not os.environ.get("CI"),
    reason="Node.js or node_modules/mermaid is missing (run `npm ci`); required in CI",
)


def assert_parses(diagrams: dict[str, str]) -> None:
    errors = check_diagrams(diagrams, REPO)
    bad = {key: error for key, error in errors.items() if error is not None}
    assert not bad, "\n\n".join(f"{key}: {error}\n{diagrams[key]}" for key, error in bad.items())


# --- what every emitted line may look like --------------------------------------------------
#
# Escaped user text holds no `"`, `<`, `>`, `:`, `;`, `%`, `` ` ``, `|` or line break, and `#`
# only as an entity code; the only markup is our own <br> and <small>. Every line of every
# diagram must match one of these statements, so a raw character or a stray newline in user
# text shows up as a line that matches nothing.

SAFE = r'(?:[^"#;:<>%`|\n]|#[a-z0-9]+;)'
LABEL = rf'"(?:{SAFE}|<br>|</?small>)*"'
TEXT = rf"{SAFE}*"
ID = r"(?:a_start|[sqe]\d+|j\d+_\d+)"
DATE = r"\d{4}-\d\d-\d\d"
INIT = r"%%\{init: \{[^\n]*\}\}%%"

SWIMLANE = [
    INIT,
    r"swimlane-beta TB",
    rf"  accTitle: {TEXT}",
    rf"  accDescr: {TEXT}",
    rf"  subgraph lane\d+ \[{LABEL}\]",
    r"  end",
    rf"    a_start\(\({LABEL}\)\)",
    rf"    s\d+\[{LABEL}\]",
    rf"    s\d+\[\[{LABEL}\]\]",
    rf"    q\d+\{{{LABEL}\}}",
    rf"    e\d+\(\(\({LABEL}\)\)\)",
    r"    j\d+_\d+@\{ shape: f-circ \}",
    rf"  {ID} --> {ID}",
    rf"  q\d+ -->\|{LABEL}\| {ID}",
    rf'  click s\d+ href "[^"\s;<>]*" {LABEL}',
]
OVERVIEW = [
    r"flowchart TB",
    rf"  accTitle: {TEXT}",
    rf"  accDescr: {TEXT}",
    r"  classDef \w+ [\w:#,.\- ]+",
    rf"  p\d\(\[{LABEL}\]\)",
    rf"  subgraph t\d \[{LABEL}\]",
    rf"    w\d+\(\[{LABEL}\]\)",
    rf"    x\d\[{LABEL}\]",
    r"  end",
    r"  [pt]\d --> [pt]\d",
    r"  class [ptwx\d,]+ \w+",
    rf'  click w\d+ href "[^"\s;<>]*" {LABEL}',
]
GANTT = [
    r"gantt",
    rf"  title {TEXT}",
    rf"  accTitle: {TEXT}",
    rf"  accDescr: {TEXT}",
    r"  dateFormat YYYY-MM-DD",
    r"  axisFormat %[dmY]-%[dmY]-%[dmY]",
    r"  tickInterval [1-9][0-9]*month",
    r"  todayMarker stroke-width:3px,stroke:#c2410c,opacity:0.9",
    rf"  section {TEXT}",
    rf"  #[a-z0-9]+;{SAFE}* :(?:done, |active, )?t\d+, {DATE}, {DATE}",
]


def grammar_for(key: str) -> list[str]:
    kind = key.split(" ")[0]
    return {"workflow": SWIMLANE, "overview": OVERVIEW, "gantt": GANTT}[kind]


def assert_well_formed(key: str, text: str) -> None:
    assert text.endswith("\n") and not text.endswith("\n\n")
    patterns = [re.compile(p) for p in grammar_for(key)]
    for number, line in enumerate(text.splitlines(), start=1):
        assert any(p.fullmatch(line) for p in patterns), f"{key}, line {number}: {line!r}"
        if line.startswith("%%"):
            assert number == 1, f"{key}: only our own init directive may start with %%"


def lanes(text: str) -> dict[str, list[str]]:
    """Lane id → ids of the nodes declared in it."""
    result: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if m := re.fullmatch(r"  subgraph (\w+) .*", line):
            current = result.setdefault(m.group(1), [])
        elif line == "  end":
            current = None
        elif current is not None and (m := re.match(r"    (\w+)", line)):
            current.append(m.group(1))
    return result


def assert_swimlane_structure(model: Model, workflow: Workflow, text: str) -> None:
    blocks = lanes(text)
    assert len(blocks) == len(workflow.lanes) == text.count("subgraph ")
    assert all(blocks.values()), "every lane holds at least one node"
    titles = re.findall(r"  subgraph lane\d+ \[(.*)\]", text)
    names = [model.profile(p).name for p in workflow.lanes]
    assert [t.strip('"') for t in titles] == [
        mermaid._text(mermaid._shorten(n, mermaid._LANE_TITLE)) for n in names
    ]
    declared = [node for nodes in blocks.values() for node in nodes]
    assert len(declared) == len(set(declared)), "each node is declared once, in one lane"
    edges = re.findall(rf"^  ({ID}) --> ({ID})$|^  (q\d+) -->\|.*\| ({ID})$", text, re.M)
    used = {n for edge in edges for n in edge if n}
    assert used <= set(declared), "no edge names an undeclared node"
    assert text.rindex("  end\n") < text.index(" --> "), "every lane comes before any edge"
    # steps: one node each, in the lane of the first Responsible profile
    step_nodes = sorted((n for n in declared if n.startswith("s")), key=lambda n: int(n[1:]))
    assert [int(n[1:]) for n in step_nodes] == list(range(1, len(workflow.steps) + 1))
    lane_of = {node: lane for lane, nodes in blocks.items() for node in nodes}
    for i, step in enumerate(workflow.steps):
        lane = f"lane{workflow.lanes.index(step.responsible[0]) + 1}"
        assert lane_of[step_nodes[i]] == lane, step.id
    # every hand-off is a subroutine that links to its workflow, and only hand-offs are;
    # every other step links to its own section on the workflow's page
    subroutines = re.findall(r"^    (s\d+)\[\[", text, re.M)
    assert len(subroutines) == len(workflow.handoffs)
    clicks = re.findall(r'^  click (s\d+) href "([^"]*)"', text, re.M)
    assert [n for n, _ in clicks] == step_nodes
    for (node, href), step in zip(clicks, workflow.steps, strict=True):
        if step.handoff is not None:
            assert node in subroutines and href == link(step.handoff.workflow)
        else:
            assert node not in subroutines
            assert href == f"{link(workflow.id)}#{mermaid.step_anchor(workflow.id, step.id)}"
    # one end node per `end`, and every end node is reached
    end_nodes = [n for n in declared if n.startswith("e")]
    assert sorted(end_nodes) == sorted({n for edge in edges for n in edge if n.startswith("e")})


# --- golden files ----------------------------------------------------------------------------

EXAMPLE_WORKFLOWS = sorted(p.stem for p in (REPO / "workflows").glob("*.yaml"))


@pytest.fixture(scope="module")
def example() -> Model:
    return load(REPO)


def test_golden_files_cover_every_example_workflow(example: Model) -> None:
    assert sorted(w.id for w in example.workflows) == EXAMPLE_WORKFLOWS


@pytest.mark.parametrize("workflow_id", EXAMPLE_WORKFLOWS)
def test_workflow_diagram_golden(
    example: Model, workflow_id: str, file_regression: FileRegressionFixture
) -> None:
    text = mermaid.workflow_diagram(example, example.workflow(workflow_id), link)
    file_regression.check(text, basename=f"workflow-{workflow_id}", extension=".mmd")


def test_overview_golden(example: Model, file_regression: FileRegressionFixture) -> None:
    file_regression.check(
        mermaid.overview_diagram(example, link), basename="overview", extension=".mmd"
    )


def test_gantt_golden(example: Model, file_regression: FileRegressionFixture) -> None:
    file_regression.check(mermaid.sprint_gantt(example), basename="gantt", extension=".mmd")


# --- determinism -----------------------------------------------------------------------------


def test_same_model_same_bytes(example: Model) -> None:
    first = all_diagrams(example)
    assert all_diagrams(example) == first
    assert all_diagrams(load(REPO)) == first, "a fresh load gives the same bytes"


_DUMP = """
import hashlib, sys
from pathlib import Path
from usm_docgen import catalog, mermaid
from tests.test_mermaid import all_diagrams
model = catalog.load(Path(sys.argv[1])).model
for key, text in all_diagrams(model).items():
    print(key, hashlib.sha256(text.encode()).hexdigest())
"""


def test_output_does_not_depend_on_hash_seed() -> None:
    """No set or hash order leaks into the text: two interpreters, two seeds, same bytes."""
    outputs = [
        subprocess.run(
            [sys.executable, "-c", _DUMP, str(REPO)],
            cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    ]
    assert outputs[0] == outputs[1] and outputs[0].count("\n") >= 10


# --- the examples: structure and the real parser ---------------------------------------------

EXAMPLES = [REPO, *shared_examples()]


@pytest.mark.parametrize("root", EXAMPLES, ids=lambda p: p.name)
def test_example_diagrams_are_well_formed(root: Path) -> None:
    model = load(root)
    for m in (model, in_english(model)):
        for key, text in all_diagrams(m).items():
            assert_well_formed(key, text)
        for workflow in m.workflows:
            assert_swimlane_structure(m, workflow, mermaid.workflow_diagram(m, workflow, link))


@needs_mermaid
def test_example_diagrams_pass_the_mermaid_parser() -> None:
    diagrams: dict[str, str] = {}
    for root in EXAMPLES:
        model = load(root)
        for language, m in (("nl", model), ("en", in_english(model))):
            for key, text in all_diagrams(m).items():
                diagrams[f"{root.name} {language} {key}"] = text
    assert_parses(diagrams)


# --- the ugliest labels we can write ---------------------------------------------------------

EVIL = (
    "He said \"hi\" & 'x' <script>alert(1)</script> <img src=x onerror=alert(1)> "
    "[a] (b) {c} #1; a|b --> c: d %% e `f` ë ß 漢字 🚀 ¶ß ﬂ° #quot; {name} "
    '%%{init: {"theme": "dark"}}%% end'
)
LONG = ("Een heel lange naam " * 20)[:300]
SPRINTS = [  # name, status, start, end: names that start like gantt keywords, a one-day sprint
    ("section Sprint: één; #1", "planned", "2026-05-04", "2026-05-04"),
    ("title 2026-01-01 kick-off", "planned", "2026-05-05", "2026-05-20"),
    ("%% geen commentaar", "running", "2026-05-21", "2026-05-22"),
    ("click me <b>x</b>", "done", "2026-05-23", "2026-06-01"),
    ("2026-03-01 start", "planned", "2026-06-02", "2026-06-10"),
    ("dateFormat x", "planned", "2026-06-02", "2026-06-10"),
    ("excludes weekends", "planned", "2026-06-02", "2026-06-10"),
    (LONG, "planned", "2026-06-11", "2026-06-30"),
]


def _edit(root: Path, rel: str, change: Callable[[Any], None]) -> None:
    path = root / rel
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _handbook(d: Any) -> None:
    d["organisation"] = EVIL


def _profiles(d: Any) -> None:
    names = {"medewerker-servicepunt": EVIL, "coordinator": LONG, "melder": "漢字 🚀 ë ß"}
    for p in d["profiles"]:
        p["name"] = names.get(p["id"], p["name"])
    d["profiles"].append({"id": "end", "name": "end", "usm_role": "operator"})


def _incident(d: Any) -> None:
    d["name"] = "Workflow " + EVIL
    steps = {s["id"]: s for s in d["steps"]}
    steps["aannemen"]["name"] = EVIL
    steps["classificeren"]["name"] = "end"
    decision = steps["diagnosticeren"]["decision"]
    decision["question"] = EVIL + "?"
    decision["outcomes"] = [
        {"label": 'Ja "zeker" --> ok', "next": "herstel-voorbereiden"},
        {"label": "Nee | <b>nooit</b> ; #35;", "next": "end-fase"},
        {"label": "Opgelost: klaar %% `x`", "next": "end"},
    ]
    step = steps["doorzetten"]
    step["id"] = "end-fase"
    step["name"] = "Doorzetten: [NetBeheer] {x} (y) -->"
    step["raci"] = {"end": "R", "coordinator": "A", "medewerker-servicepunt": "R"}
    steps["toetsen"]["raci"] = {"medewerker-servicepunt": "R", "melder": "RC", "coordinator": "A"}


def _request(d: Any) -> None:
    d["name"] = LONG
    handoff = {"workflow": "storing-zonder-wijziging", "returns": False}
    step = {"id": "end-overdragen", "name": "end", "kind": "handoff", "raci": {"coordinator": "RA"}}
    d["steps"].insert(4, {**step, "handoff": handoff})


def _improvement(d: Any) -> None:
    doorlooptijd = d["indicators"][0]
    doorlooptijd["name"] = EVIL
    doorlooptijd["unit"] = '"uur" <b>; %'
    for goal in d["goals"]:
        goal["statement"] = EVIL
    sprints = d["sprints"]
    sprints[0]["name"] = EVIL
    template = {k: v for k, v in sprints[1].items() if k != "review"}
    for i, (name, status, start, end) in enumerate(SPRINTS):
        sprints.append(
            {
                **template,
                "id": f"extra-{i}",
                "name": name,
                "status": status,
                "start": start,
                "end": end,
            }
        )
    goal = d["goals"][1]  # a measurement on the due date, another on the baseline date
    d["measurements"].append({"indicator": goal["indicator"], "date": goal["due"], "value": 7.25})
    d["measurements"].append(
        {"indicator": "geregistreerd", "date": d["baseline"]["date"], "value": 33.3333}
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Model:
    """The small test handbook with every name, label and question made as ugly as we can."""
    root = tmp_path_factory.mktemp("hostile") / "hb"
    shutil.copytree(BASE, root)
    _edit(root, "conf/handbook.yaml", _handbook)
    _edit(root, "conf/profiles.yaml", _profiles)
    _edit(root, "workflows/storing-zonder-wijziging.yaml", _incident)
    _edit(root, "workflows/uitvoeringsverzoek.yaml", _request)
    _edit(root, "conf/improvement.yaml", _improvement)
    return load(root, today=dt.date(2027, 1, 15))  # after the measurement on a goal's due date


def test_hostile_model_is_as_ugly_as_intended(hostile: Model) -> None:
    incident = hostile.workflow("storing-zonder-wijziging")
    assert {s.id for s in incident.steps} >= {"end-fase"}
    assert any(s.name == "end" for s in incident.steps)
    assert hostile.profile("end").name == "end" and "end" in incident.lanes
    assert any(len(p.name) == 300 for p in hostile.profiles)
    request = hostile.workflow("uitvoeringsverzoek")
    assert any(s.handoff and not s.handoff.returns for s in request.steps)


@needs_mermaid
def test_hostile_diagrams_pass_the_mermaid_parser(hostile: Model) -> None:
    diagrams = {f"nl {k}": v for k, v in all_diagrams(hostile).items()}
    diagrams |= {f"en {k}": v for k, v in all_diagrams(in_english(hostile)).items()}
    assert_parses(diagrams)


def test_hostile_diagrams_are_well_formed(hostile: Model) -> None:
    for m in (hostile, in_english(hostile)):
        for key, text in all_diagrams(m).items():
            assert_well_formed(key, text)
            lowered = text.lower()
            for raw in ("<script", "<img", "onerror=alert(1)>", '{"theme": "dark"}'):
                assert raw not in lowered, (key, raw)
        for workflow in m.workflows:
            assert_swimlane_structure(m, workflow, mermaid.workflow_diagram(m, workflow, link))


def test_user_text_is_escaped_exactly(hostile: Model) -> None:
    escaped = mermaid._text(EVIL)
    assert not set(re.sub(r"#[a-z0-9]+;", "", escaped)) & set('"<>\n:;%`|#')
    assert "{name}" in escaped, "braces stay: a placeholder in user text is not filled in"
    diagram = mermaid.workflow_diagram(hostile, hostile.workflow("storing-zonder-wijziging"), link)
    assert f'["1. {escaped}<br><small>Aannemen</small>"]' in diagram
    assert f"accTitle: Workflow Workflow {escaped}\n" in diagram
    assert "¶\u2060ß" in diagram and "ﬂ\u2060°" in diagram
    # decoding the entity codes gives back exactly what was written
    names = {"quot": '"', "amp": "&", "lt": "<", "gt": ">"}
    decoded = re.sub(r"#(\w+);", lambda m: names.get(m[1]) or chr(int(m[1])), escaped)
    assert decoded.replace("\u2060", "") == EVIL


def test_ids_are_never_user_text(hostile: Model) -> None:
    for key, text in all_diagrams(hostile).items():
        for line in text.splitlines():
            if m := re.match(r"\s+(\w[\w-]*)[\[\(\{]", line):
                assert re.fullmatch(r"a_start|[sqexwpt]\d+", m.group(1)), (key, line)
            if m := re.match(r"\s+(\S+)@\{", line):
                assert re.fullmatch(r"j\d+_\d+", m.group(1)), (key, line)
    incident = mermaid.workflow_diagram(hostile, hostile.workflow("storing-zonder-wijziging"), link)
    outside_links = re.sub(r'href "[^"]*"', "", incident)  # a step's link names its section
    assert "end-fase" not in outside_links and "\n    end" not in incident


def test_node_ids_sort_in_flow_order(example: Model) -> None:
    """The swimlane layout breaks cycles by a depth-first search in id order (see mermaid.py):
    the start must sort first (before the `edge-label-…` nodes mermaid adds) and the steps in
    step order, also past step 9, or the layout takes forward edges for loops."""
    for workflow in example.workflows:
        text = mermaid.workflow_diagram(example, workflow, link)
        steps = re.findall(r"^    (s\d+)\[", text, re.M)
        numbers = [int(n[1:]) for n in steps]
        assert sorted(steps) == [steps[numbers.index(i)] for i in sorted(numbers)]
        nodes = re.findall(r"^    (\w+)[\[({]", text, re.M)
        assert min([*nodes, "edge-label-"]) == "a_start"
    assert max(len(w.steps) for w in example.workflows) >= 10


def test_a_labelled_loop_back_passes_a_junction(example: Model) -> None:
    """Its label sits on the short edge down to the junction, where it covers no other label."""
    text = mermaid.workflow_diagram(example, example.workflow("uitvoeringsverzoek"), link)
    assert '  q4 -->|"Nee, opnieuw inplannen"| j4_2\n  j4_2 --> s3\n' in text
    assert "    q4{" in text and "    j4_2@{ shape: f-circ }" in text
    assert '  q4 -->|"Ja"| s5\n' in text, "forward outcomes go straight to their step"
    incident = example.workflow("verstoring-met-wijziging")
    text = mermaid.workflow_diagram(example, incident, link)
    assert "  s8 --> s3\n" in text, "an unlabelled loop back needs no junction"


def test_a_handoff_that_does_not_return_ends_the_workflow(hostile: Model) -> None:
    request = hostile.workflow("uitvoeringsverzoek")
    text = mermaid.workflow_diagram(hostile, request, link)
    handoff = next(i for i, s in enumerate(request.steps, start=1) if s.handoff)
    node = f"s{handoff}"
    assert re.findall(rf"^  {node} --> (\w+)$", text, re.M) == ["e1"]
    assert '    e1((("Einde")))' in text
    assert f'[["{handoff}. end<br>→ Workflow ' in text


def test_several_responsible_profiles_are_named_in_the_node(hostile: Model) -> None:
    incident = hostile.workflow("storing-zonder-wijziging")
    text = mermaid.workflow_diagram(hostile, incident, link)
    assert '    s4["4. Doorzetten#58; [NetBeheer] {x} (y) --#gt;<br>+ He said' in text
    assert "<br>+ 漢字 🚀 ë ß" in text
    assert 'subgraph lane2 ["end"]' in text


def test_long_names_are_shortened_only_where_mermaid_cannot_wrap(hostile: Model) -> None:
    text = mermaid.workflow_diagram(hostile, hostile.workflow("uitvoeringsverzoek"), link)
    lane_titles = re.findall(r'subgraph lane\d+ \["([^"]*)"\]', text)
    assert all(len(t) <= mermaid._LANE_TITLE for t in lane_titles if "#" not in t)
    assert any(t.endswith("…") for t in lane_titles)
    assert f"accTitle: Workflow {LONG.strip()}\n" in text, "the accessible title is complete"
    gantt = mermaid.sprint_gantt(hostile)
    assert "  #69;en heel lange naam Een heel lange naam Een heel lange naam… :t10," in gantt


def test_gantt_bars_cover_the_last_day_and_sections_come_once(hostile: Model) -> None:
    gantt = mermaid.sprint_gantt(hostile)
    assert "#115;ection Sprint#58; één#59; #35;1 :t3, 2026-05-04, 2026-05-05\n" in gantt
    sections = re.findall(r"^  section (.*)$", gantt, re.M)
    assert sections == ["Afgerond", "Loopt", "Gepland"], "each status once, in this order"
    tags = {int(k): v for v, k in re.findall(r" :(?:(done|active), )?t(\d+), ", gantt)}
    wanted = {"done": "done", "running": "active", "planned": ""}
    assert tags == {i: wanted[s.status] for i, s in enumerate(hostile.improvement.sprints, start=1)}


def test_a_blank_sprint_name_still_makes_a_task(example: Model) -> None:
    """The catalog refuses blank names; the emitter still never writes a task without one."""
    sprint = dataclasses.replace(example.improvement.sprints[0], name=" \n ")
    improvement = dataclasses.replace(example.improvement, sprints=(sprint,))
    gantt = mermaid.sprint_gantt(dataclasses.replace(example, improvement=improvement))
    assert "  #8212; :done, t1, 2026-03-02, 2026-04-25\n" in gantt


def test_fixed_labels_follow_the_handbook_language(example: Model) -> None:
    english = in_english(example)
    wf = example.workflow("uitvoeringsverzoek")
    assert '(("Start"))' in mermaid.workflow_diagram(english, wf, link)
    assert '((("End")))' in mermaid.workflow_diagram(english, wf, link)
    assert '((("Einde")))' in mermaid.workflow_diagram(example, wf, link)
    assert '"Agree"' in mermaid.overview_diagram(english, link)
    assert '"Afspreken"' in mermaid.overview_diagram(example, link)
    assert "section Done" in mermaid.sprint_gantt(english)
    assert "axisFormat %Y-%m-%d" in mermaid.sprint_gantt(english)


def test_overview_dims_templates_without_a_workflow() -> None:
    minimal = load(BASE)
    text = mermaid.overview_diagram(minimal, link)
    used = {w.template for w in minimal.workflows}
    dim_line = next(line for line in text.splitlines() if line.endswith(" dim"))
    dimmed = set(dim_line.split()[1].split(","))
    assert dimmed == {f"{p}{n}" for n in range(1, 9) if n not in used for p in "tx"}
    for i, wf in enumerate(minimal.workflows, start=1):
        assert f'  click w{i} href "{link(wf.id)}" ' in text


# --- Mermaid's edge limit: validate refuses what Mermaid would not draw ----------------------

ARROW = re.compile(r"^  \S+ -->", re.MULTILINE)


def _steps_as_written(root: Path, workflow: Workflow) -> list[dict[str, Any]]:
    data = yaml.safe_load((root / "workflows" / f"{workflow.id}.yaml").read_text("utf-8"))
    steps: list[dict[str, Any]] = data["steps"]
    return steps


@pytest.mark.parametrize("root", EXAMPLES, ids=lambda p: p.name)
def test_edge_count_is_the_number_of_arrows_drawn(root: Path) -> None:
    model = load(root)
    for workflow in model.workflows:
        drawn = len(ARROW.findall(mermaid.workflow_diagram(model, workflow, link)))
        assert mermaid.edge_count(_steps_as_written(root, workflow)) == drawn, workflow.id


def _long_workflow(tmp_path: Path, steps: int) -> tuple[Path, Model]:
    """The test handbook with a service request of ``steps`` steps, loops back included."""
    root = tmp_path / "hb"
    shutil.copytree(BASE, root)

    def lengthen(d: dict[str, Any]) -> None:
        execute = {"kind": "execute", "raci": {"medewerker-servicepunt": "R", "coordinator": "A"}}
        extra = [{"id": f"deel-{n}", "name": f"Deel {n}", **execute} for n in range(1, steps - 5)]
        extra[-1]["decision"] = {
            "question": "Alles gedaan?",
            "outcomes": [{"label": "ja", "next": "uitvoeren"}, {"label": "nee", "next": "deel-1"}],
        }
        d["steps"][3:3] = extra

    _edit(root, "workflows/uitvoeringsverzoek.yaml", lengthen)
    return root, load(root)


@needs_mermaid
def test_a_diagram_at_the_edge_limit_renders_and_one_arrow_more_does_not(
    tmp_path: Path,
) -> None:
    # 496 steps, one a decision that loops back: from the start 1, 495 steps 1 each, the
    # decision 1 + 2 outcomes + 1 through the junction of its loop back: 500 arrows.
    root, model = _long_workflow(tmp_path, 496)
    workflow = model.workflow("uitvoeringsverzoek")
    text = mermaid.workflow_diagram(model, workflow, link)
    assert len(ARROW.findall(text)) == mermaid.edge_count(_steps_as_written(root, workflow))
    assert mermaid.edge_count(_steps_as_written(root, workflow)) == mermaid.MAX_EDGES
    one_more = text + "  a_start --> s001\n"
    errors = check_diagrams({"at": text, "past": one_more}, REPO)
    assert errors["at"] is None
    assert "Edge limit exceeded" in str(errors["past"])
