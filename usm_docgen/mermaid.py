"""Pure functions from the model to Mermaid text: same model, same bytes.

Every node and lane id is synthetic (``s3``, ``q3``, ``lane2``), never user text, and every
piece of user text goes through :func:`_text`, which writes it with Mermaid entity codes so it
renders exactly as written and is never read as syntax or markup. The only markup in a label is
the ``<br>`` and ``<small>`` this module adds itself. Mermaid 11.17's behaviour behind these
choices is recorded in ``notes/mermaid-swimlane.md``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from usm_docgen.model import Decision, Model, Step, Workflow
from usm_docgen.usm import END, PROCESSES, STEP_KINDS, TEMPLATES, Names, whole_path

Link = Callable[[str], str]
"""Maps a workflow id to the href of its page, relative to the page the diagram is on."""

# --- escaping ------------------------------------------------------------------------------

# Mermaid entity codes (#name; / #decimal;), decoded only when the SVG is drawn. `%` is coded
# too: a `%%{...}%%` anywhere in the text would otherwise be taken for an init directive, and
# a gantt line starting with `%` is a comment.
_ESCAPES = {
    '"': "#quot;",
    "#": "#35;",
    ";": "#59;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",
    ":": "#58;",
    "|": "#124;",
    "%": "#37;",
}


def _text(text: str) -> str:
    """User text as one line of Mermaid label text (no quotes): renders exactly as written.

    Line breaks become spaces: names are one line, and the only line breaks in a label are
    the ones this module puts between its parts.
    """
    text = " ".join(text.split())
    # `¶ß` and `ﬂ°` are mermaid's own entity placeholders: break them with a WORD JOINER.
    text = text.replace("\u00b6\u00df", "\u00b6\u2060\u00df")
    text = text.replace("\ufb02\u00b0", "\ufb02\u2060\u00b0")
    # In a label with <br>, Mermaid reads a backslash before n as a line break (C:\dir\new):
    # a WORD JOINER after every backslash keeps it a backslash.
    text = text.replace("\\", "\\\u2060")
    return "".join(_ESCAPES.get(c, c) for c in text)


def _quoted(*lines: str) -> str:
    """Already escaped lines as one quoted label, one line each."""
    return '"' + "<br>".join(lines) + '"'


def _label(text: str) -> str:
    """User text as a quoted Mermaid label."""
    return _quoted(_text(text))


def _small(escaped: str) -> str:
    return f"<small>{escaped}</small>"


def _href(url: str) -> str:
    """A link target that cannot end the quoted string or look like an entity (``#x;``)."""
    return quote(url, safe="/:?#[]@!$&'()*+,=%-._~")


# --- fixed labels ------------------------------------------------------------------------------

_WORDS: dict[str, Names] = {
    "start": Names("Start", "Start"),
    "end": Names("Einde", "End"),
    "goto": Names("Open de workflow", "Open the workflow"),
    "goto-step": Names("Naar de beschrijving van stap", "Go to the description of step"),
    "swimlane.title": Names("Workflow {name}", "Workflow {name}"),
    "swimlane.descr": Names(
        "Swimlanediagram van de workflow {name}, een uitwerking van template {number}, "
        "{template}. Per profiel een baan met de stappen waarin dat profiel uitvoert (R); de "
        "stappentabel op deze pagina beschrijft dezelfde flow.",
        "Swimlane diagram of the workflow {name}, an instance of template {number}, "
        "{template}. One lane per profile with the steps it is responsible (R) for; the step "
        "table on this page describes the same flow.",
    ),
    "swimlane.descr-dynamic": Names(
        "Swimlanediagram van de dynamische workflow {name}, een uitwerking van de templates "
        "{templates}; een beslissing kiest de route. Per profiel een baan met de stappen "
        "waarin dat profiel uitvoert (R); de stappentabel op deze pagina beschrijft dezelfde "
        "flow.",
        "Swimlane diagram of the dynamic workflow {name}, an instance of the templates "
        "{templates}; a decision chooses the route. One lane per profile with the steps it is "
        "responsible (R) for; the step table on this page describes the same flow.",
    ),
    "and": Names("en", "and"),
    "overview.title": Names(
        "De vijf USM-processen en de acht workflowtemplates",
        "The five USM processes and the eight workflow templates",
    ),
    "overview.descr": Names(
        "Elk template start in een proces en draagt over aan een ander proces; bij elk "
        "template staan de workflows van {org} die het invullen. Templates zonder eigen "
        "workflow zijn lichter getekend.",
        "Each template starts in one process and hands off to another; next to each template "
        "are the workflows of {org} that implement it. Templates without a workflow of their "
        "own are drawn lighter.",
    ),
    "overview.descr-counted": Names(
        "Elk template start in een proces en draagt over aan een ander proces; bij elk "
        "template staat hoeveel workflows van {org} het invullen, met een link naar de pagina "
        "van het template. Templates zonder eigen workflow zijn lichter getekend.",
        "Each template starts in one process and hands off to another; next to each template "
        "is the number of workflows of {org} that implement it, linking to the template's "
        "page. Templates without a workflow of their own are drawn lighter.",
    ),
    "counted": Names("{count} workflows", "{count} workflows"),
    "goto-template": Names("Open de workflows van het template", "Open the template's workflows"),
    "no-workflow": Names("nog geen workflow", "no workflow yet"),
    "dynamic": Names("dynamisch, templates {templates}", "dynamic, templates {templates}"),
    "paths.title": Names(
        "De acht hele paden door de vijf processen",
        "The eight whole paths through the five processes",
    ),
    "paths.descr": Names(
        "Per proces een baan. Elk template start in het proces van zijn call en gaat met "
        "overdrachten door naar volgende processen, tot de call is afgehandeld; de tabel met "
        "templates noemt dezelfde paden in tekst.",
        "One lane per process. Each template starts in the process of its call and goes on "
        "through hand-offs to further processes until the call is handled; the table of "
        "templates names the same paths in text.",
    ),
    "gantt.title": Names("Verbetersprints", "Improvement sprints"),
    "gantt.descr": Names(
        "De verbetersprints van {org} op een tijdlijn, met hun status.",
        "The improvement sprints of {org} on a timeline, with their status.",
    ),
    "status.done": Names("Afgerond", "Done"),
    "status.running": Names("Loopt", "Running"),
    "status.planned": Names("Gepland", "Planned"),
}


def _word(model: Model, key: str, **values: str) -> str:
    """A fixed label in the handbook's language, with escaped user ``values`` filled in."""
    template = _text(_WORDS[key](model.handbook.language))
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], template)


_TITLE = 60
"""Longest gantt task name and chart title part: neither wraps, both would leave the SVG."""


def _shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters: for titles Mermaid cannot wrap (the page has the rest)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _date(model: Model, day: dt.date) -> str:
    if model.handbook.language == "nl":
        return f"{day.day:02d}-{day.month:02d}-{day.year:04d}"
    return day.isoformat()


def _number(model: Model, value: float) -> str:
    """A number as people read it (decimal comma in Dutch): for labels, not for data."""
    text = _data_number(value)
    return text.replace(".", ",") if model.handbook.language == "nl" else text


def _data_number(value: float) -> str:
    """A number as Mermaid data: no exponent, no trailing ``.0``."""
    number = float(value)
    if number.is_integer():
        return str(int(number))
    text = repr(number)
    if "e" in text or "E" in text:
        text = f"{number:.12f}".rstrip("0").rstrip(".")
    return text


# --- 1. the swimlane of one workflow -----------------------------------------------------------

# Direction: TB. Lanes are columns headed by the profile, so the page reads top to bottom like
# the step table below it, and 3-4 lanes of ~200 px fit the content width at full size. LR puts
# the 6-12 steps of a workflow side by side: the diagram becomes several times wider than the
# page, mermaid scales it down to fit, and the labels end up too small to read.
_DIRECTION = "TB"
# By default the swimlane layout ignores edges between lanes when it ranks the nodes, so a
# step can sit level with (or above) the step before it in another lane, and with several
# lanes the order of the flow is lost. Ranking by every edge keeps the flow top to bottom.
_SWIMLANE_INIT = '%%{init: {"swimlane": {"ignoreCrossLaneEdges": false}}}%%'


def workflow_diagram(
    model: Model, workflow: Workflow, link: Link, marked: dict[str, str] | None = None
) -> str:
    """The swimlane diagram of one workflow: a lane per responsible profile.

    Each step sits in the lane of its first Responsible profile, numbered as in the step
    table; a decision is a diamond after its step with an arrow per outcome, a hand-off a
    subroutine box that links to the workflow it starts; every other step box links to the
    step's section on the workflow's page (:func:`step_anchor`). Every ``end`` gets its own
    end node, in the lane of the step that ends; a labelled loop back passes a junction dot.
    ``marked`` (step id → ``added`` or ``changed``) outlines the steps new or changed in this
    edition (:data:`MARKS`; the page's legend explains them).
    """
    ids = _SwimlaneIds(workflow)
    template = workflow.usm
    out = [_SWIMLANE_INIT, f"swimlane-beta {_DIRECTION}"]
    out.append(f"  accTitle: {_word(model, 'swimlane.title', name=_text(workflow.name))}")
    if workflow.dynamic:
        descr = _word(
            model,
            "swimlane.descr-dynamic",
            name=_text(workflow.name),
            templates=_templates_text(model, workflow.templates),
        )
    else:
        descr = _word(
            model,
            "swimlane.descr",
            name=_text(workflow.name),
            number=str(template.number),
            template=_text(template.names(model.handbook.language)),
        )
    out.append(f"  accDescr: {descr}")

    first = workflow.steps[0]
    for lane_number, profile_id in enumerate(workflow.lanes, start=1):
        # The lane title band holds one line: a longer name would spill over the diagram.
        title = _label(_shorten(model.profile(profile_id).name, _LANE_TITLE))
        out.append(f"  subgraph lane{lane_number} [{title}]")
        if first.responsible[0] == profile_id:
            out.append(f'    {_START}(("{_word(model, "start")}"))')
        for i, step in enumerate(workflow.steps, start=1):
            if step.responsible[0] != profile_id:
                continue
            out.append(f"    {ids.step[step.id]}{_step_shape(model, step, i)}")
            decision = _decision(step)
            if decision is not None:
                out.append(f"    {ids.decision[step.id]}{{{_label(decision.question)}}}")
            for junction in ids.junctions[step.id]:
                if junction is not None:
                    out.append(f"    {junction}@{{ shape: f-circ }}")
            for end in ids.ends[step.id]:
                out.append(f'    {end}((("{_word(model, "end")}")))')
        out.append("  end")

    out.append(f"  {_START} --> {ids.step[first.id]}")
    for step in workflow.steps:
        source = ids.step[step.id]
        labels: list[str | None] = [None] * len(_targets(step))
        decision = _decision(step)
        if decision is not None:
            out.append(f"  {source} --> {ids.decision[step.id]}")
            source = ids.decision[step.id]
            labels = [o.label for o in decision.outcomes]
        arrows = zip(ids.targets[step.id], ids.junctions[step.id], labels, strict=True)
        for node, junction, label in arrows:
            arrow = "-->" if label is None else f"-->|{_label(label)}|"
            if junction is None:
                out.append(f"  {source} {arrow} {node}")
            else:
                out.append(f"  {source} {arrow} {junction}")
                out.append(f"  {junction} --> {node}")
    # Every step box is a link: a hand-off to the workflow it starts, any other step to its
    # section on the workflow's page.
    for i, step in enumerate(workflow.steps, start=1):
        if step.handoff is None:
            tooltip = _quoted(f"{_word(model, 'goto-step')} {i}")
            href = _href(f"{link(workflow.id)}#{step_anchor(workflow.id, step.id)}")
        else:
            target_wf = model.workflow(step.handoff.workflow)
            tooltip = _quoted(f"{_word(model, 'goto')} {_text(target_wf.name)}")
            href = _href(link(target_wf.id))
        out.append(f'  click {ids.step[step.id]} href "{href}" {tooltip}')
    for mark, style in MARKS.items():
        nodes = [ids.step[s] for s, m in (marked or {}).items() if m == mark and s in ids.step]
        if nodes:
            out.append(f"  classDef {_MARK_CLASS[mark]} {style}")
            out.append(f"  class {','.join(nodes)} {_MARK_CLASS[mark]}")
    return "\n".join(out) + "\n"


def step_anchor(workflow_id: str, step_id: str) -> str:
    """The HTML id of a step's section on its workflow page: ``render.step_target`` as
    docutils writes it (lower case, every run of other characters one hyphen)."""
    return re.sub(r"[^a-z0-9]+", "-", f"usm-step.{workflow_id}.{step_id}".lower()).strip("-")


MARKS = {
    "added": "stroke:#1a7f37,stroke-width:4px",
    "changed": "stroke:#9a6700,stroke-width:4px,stroke-dasharray:6 3",
}
"""How a workflow diagram outlines a step new (solid green) or changed (dashed amber) in this
edition: by its border, so the fill keeps telling the step's kind; usm.css draws the legend."""
_MARK_CLASS = {"added": "usmAdded", "changed": "usmChanged"}


def _templates_text(model: Model, numbers: tuple[int, ...]) -> str:
    """``3 (name) and 4 (name)``, escaped, in the handbook's language."""
    language = model.handbook.language
    parts = [f"{n} ({_text(TEMPLATES[n].names(language))})" for n in numbers]
    return f" {_word(model, 'and')} ".join([", ".join(parts[:-1]), parts[-1]])


MAX_EDGES = 500
"""Mermaid's ``maxEdges``: a diagram with more arrows fails to render ("Edge limit exceeded").
A diagram cannot raise it for itself, and a workflow that needs more is unreadable anyway."""


def edge_count(steps: list[dict[str, Any]]) -> int:
    """How many arrows :func:`workflow_diagram` draws for ``steps`` as written in YAML, so that
    validation can refuse a workflow past :data:`MAX_EDGES` before any model exists."""
    position = {step["id"]: i for i, step in enumerate(steps, start=1)}
    arrows = 1  # from the start
    for i, step in enumerate(steps, start=1):
        if step.get("handoff", {}).get("returns", True) is False:
            arrows += 1  # to its end: the workflow ends inside the other one
        elif "decision" in step:
            targets = [o["next"] for o in step["decision"]["outcomes"]]
            back = [t for t in targets if t != END and position.get(t, i + 1) <= i]
            arrows += 1 + len(targets) + len(back)  # a loop back passes a junction
        else:
            arrows += 1
    return arrows


# The swimlane layout (mermaid 11.17) breaks cycles with a depth-first search that starts at
# the node whose id sorts first and follows edges in order of their target's id; the edges
# it reverses become the "loops back". Ids that sort in step order, and a start node that
# sorts before everything (edge labels become nodes named `edge-label-...`), make those the
# edges that really go back to an earlier step.
#
# That search also puts the label of a loop back right below its decision, next to the labels
# of the other outcomes, where it may cover one of them. A labelled loop back therefore ends in
# a junction dot below the decision (a forward edge that carries the label) and goes back up
# from there without a label.
_START = "a_start"
_LANE_TITLE = 40


class _SwimlaneIds:
    """Synthetic node ids of one workflow's swimlane, sorting in step order."""

    def __init__(self, workflow: Workflow) -> None:
        width = len(str(len(workflow.steps)))
        position = {s.id: i for i, s in enumerate(workflow.steps, start=1)}
        self.step = {s.id: f"s{position[s.id]:0{width}d}" for s in workflow.steps}
        self.decision = {s.id: f"q{position[s.id]:0{width}d}" for s in workflow.steps}
        self.ends: dict[str, list[str]] = {}
        self.targets: dict[str, list[str]] = {}
        """Per step, the node each of its arrows points at (a step or an end)."""
        self.junctions: dict[str, list[str | None]] = {}
        """Per step, the junction each arrow passes (labelled loops back only)."""
        for step in workflow.steps:
            i = position[step.id]
            self.ends[step.id], self.targets[step.id], self.junctions[step.id] = [], [], []
            for k, target in enumerate(_targets(step), start=1):
                junction = None
                if target == END:
                    node = f"e{sum(len(e) for e in self.ends.values()) + 1}"
                    self.ends[step.id].append(node)
                else:
                    node = self.step[target]
                    if _decision(step) is not None and position[target] <= i:
                        junction = f"j{i:0{width}d}_{k}"
                self.targets[step.id].append(node)
                self.junctions[step.id].append(junction)


def _ends_inside_handoff(step: Step) -> bool:
    """A hand-off that does not return: this workflow ends inside the other one."""
    return step.handoff is not None and not step.handoff.returns


def _decision(step: Step) -> Decision | None:
    """The decision the diagram draws after ``step`` (none after a hand-off that ends it)."""
    return None if _ends_inside_handoff(step) else step.decision


def _targets(step: Step) -> tuple[str, ...]:
    """Where the diagram's arrows from ``step`` (or its decision) go: step ids or ``end``."""
    return (END,) if _ends_inside_handoff(step) else step.targets


def _step_shape(model: Model, step: Step, number: int) -> str:
    """The node text after the id: shape brackets around the quoted label."""
    language = model.handbook.language
    lines = [f"{number}. {_text(step.name)}"]
    others = [model.profile(p).name for p in step.responsible[1:]]
    if others:
        lines.append("+ " + _text(", ".join(others)))
    if step.handoff is not None:
        target = model.workflow(step.handoff.workflow)
        lines.append(f"→ {_text(target.name)}")
        return f"[[{_quoted(*lines)}]]"
    kind = STEP_KINDS[step.kind](language)
    # The USM step kind, unless the name already says it ("Wens classificeren").
    if step.kind != "other" and kind.casefold() not in step.name.casefold():
        lines.append(_small(_text(kind)))
    return f"[{_quoted(*lines)}]"


# --- 2. the overview of processes, templates and workflows -----------------------------------


def overview_diagram(model: Model, link: Link, *, counted: bool = False) -> str:
    """The eight templates through the five processes, with the organisation's workflows.

    A template is a box on the path from the process it starts in to the process it hands
    off to, titled with its number and name; it holds the organisation's workflows of that
    template, each linking to its page. A template nobody implements yet is drawn dimmed.
    (Boxes on the path rather than labelled arrows: an arrow cannot hold the workflows.)
    ``counted``: a large handbook's template holds one node, the number of its workflows,
    linking to the template's page (``link("template/<n>")``): a thousand nodes could not be
    read, and their source alone weighed 180 KB.
    """
    language = model.handbook.language
    process_ids = {p: f"p{i}" for i, p in enumerate(PROCESSES, start=1)}
    by_template: dict[int, list[Workflow]] = {n: [] for n in TEMPLATES}
    for wf in model.workflows:
        for number in wf.templates:
            by_template[number].append(wf)
    # A dynamic workflow works out each of its templates, so it stands under each of them
    # (a node of its own under each: a node can be in one subgraph only), marked dynamic.
    placed = [] if counted else [(n, wf) for n in TEMPLATES for wf in by_template[n]]
    node_ids = {(n, wf.id): f"w{i}" for i, (n, wf) in enumerate(placed, start=1)}
    counts = {n: f"c{n}" for n in TEMPLATES if counted and by_template[n]}

    # TB: the processes then stack in the order calls flow through them (Verbeteren and
    # Herstellen on top, Uitvoeren at the bottom) without a single crossing; LR is twice as
    # wide as the page and gets scaled down to unreadable text.
    out = ["flowchart TB"]
    out.append(f"  accTitle: {_word(model, 'overview.title')}")
    org = _text(model.handbook.organisation)
    descr = "overview.descr-counted" if counted else "overview.descr"
    out.append(f"  accDescr: {_word(model, descr, org=org)}")
    out.append("  classDef process fill:#1f5f99,stroke:#1f5f99,color:#ffffff,font-weight:bold")
    out.append("  classDef workflow fill:#ffffff,stroke:#1f5f99,color:#1f5f99")
    # Dimmed, yet 5.3:1: text lighter than #767676 on this fill fails WCAG's 4.5:1.
    out.append("  classDef dim fill:#f6f6f6,stroke:#bbbbbb,color:#666666,stroke-dasharray:4 3")
    for process_id, process in PROCESSES.items():
        out.append(f"  {process_ids[process_id]}([{_label(process.names(language))}])")
    dimmed: list[str] = []
    for number, template in TEMPLATES.items():
        title = f"{number} · {_text(template.names(language))}"
        out.append(f'  subgraph t{number} ["{title}"]')
        if number in counts:
            count = _word(model, "counted", count=str(len(by_template[number])))
            out.append(f"    {counts[number]}([{_label(count)}])")
        for wf in by_template[number] if not counted else ():
            label = _label(wf.name)
            if wf.dynamic:
                numbers = ", ".join(map(str, wf.templates))
                label = _quoted(_text(wf.name), _small(_word(model, "dynamic", templates=numbers)))
            out.append(f"    {node_ids[number, wf.id]}([{label}])")
        if not by_template[number]:
            out.append(f'    x{number}["{_word(model, "no-workflow")}"]')
            dimmed += [f"t{number}", f"x{number}"]
        out.append("  end")
    for number, template in TEMPLATES.items():
        out.append(f"  {process_ids[template.starts_in]} --> t{number}")
        if template.hands_off_to is not None:
            out.append(f"  t{number} --> {process_ids[template.hands_off_to]}")
    out.append(f"  class {','.join(process_ids.values())} process")
    if node_ids or counts:
        out.append(f"  class {','.join([*node_ids.values(), *counts.values()])} workflow")
    if dimmed:
        out.append(f"  class {','.join(dimmed)} dim")
    for number, wf in placed:
        tooltip = _quoted(f"{_word(model, 'goto')} {_text(wf.name)}")
        out.append(f'  click {node_ids[number, wf.id]} href "{_href(link(wf.id))}" {tooltip}')
    for number, node in counts.items():
        tooltip = _quoted(_word(model, "goto-template"))
        out.append(f'  click {node} href "{_href(link(f"template/{number}"))}" {tooltip}')
    return "\n".join(out) + "\n"


# --- 2b. the whole path of each template through the processes ----------------------------

# The processes as lanes, in an order that keeps the paths short: a call flows from Improve
# and Agree at the top through Change down to Operate, where every path ends.
_PATH_LANES = ("improve", "agree", "recover", "change", "operate")


def whole_paths_diagram(model: Model) -> str:
    """The eight whole paths: a lane per process, a chain of boxes per template.

    Each template starts with a box named after it in the lane of its starting process; an
    arrow leads to a box with its number in each process it hands off to, on to Operate.
    LR: the lanes are rows and each path runs left to right, at most four boxes long, so
    the diagram fits the page; a chain of every template in one diagram shows where paths
    meet (all end in Operate).
    """
    language = model.handbook.language
    nodes: dict[str, list[str]] = {p: [] for p in _PATH_LANES}
    edges: list[str] = []
    for number, template in TEMPLATES.items():
        path = whole_path(number)
        for k, process in enumerate(path, start=1):
            node = f"n{number}_{k}"
            if k == 1:
                nodes[process].append(f"{node}[{_label(f'{number} · {template.names(language)}')}]")
            else:
                nodes[process].append(f'{node}(["{number}"])')
                edges.append(f"n{number}_{k - 1} --> {node}")
    out = [_SWIMLANE_INIT, "swimlane-beta LR"]
    out.append(f"  accTitle: {_word(model, 'paths.title')}")
    out.append(f"  accDescr: {_word(model, 'paths.descr')}")
    for lane, process in enumerate(_PATH_LANES, start=1):
        out.append(f"  subgraph path{lane} [{_label(PROCESSES[process].names(language))}]")
        out += [f"    {node}" for node in nodes[process]]
        out.append("  end")
    out += [f"  {edge}" for edge in edges]
    return "\n".join(out) + "\n"


# --- 3. the sprints as a gantt chart -----------------------------------------------------------

_GANTT_TAGS = {"done": "done, ", "running": "active, ", "planned": ""}


def sprint_gantt(model: Model) -> str:
    """The improvement sprints as a gantt chart: one bar per sprint, a section per status.

    Sections come in the order done, running, planned, each with its sprints in the order
    written. (Mermaid matches sections by name, so a section name must not come back later:
    its label would land on the wrong rows.)
    """
    org = _text(model.handbook.organisation)
    out = ["gantt"]
    out.append(f"  title {_word(model, 'gantt.title')}")
    out.append(f"  accTitle: {_word(model, 'gantt.title')}")
    out.append(f"  accDescr: {_word(model, 'gantt.descr', org=org)}")
    out.append("  dateFormat YYYY-MM-DD")
    # Mermaid's month names are English only: dates as numbers, in the handbook's order, at
    # most about eight ticks so that no label runs into the next.
    out.append("  axisFormat " + ("%d-%m-%Y" if model.handbook.language == "nl" else "%Y-%m-%d"))
    out.append(f"  tickInterval {_tick_interval(model)}")
    # Where the reader stands today (the reader's clock: an old edition shows it too).
    out.append("  todayMarker stroke-width:3px,stroke:#c2410c,opacity:0.9")
    numbered = list(enumerate(model.improvement.sprints, start=1))
    for status, tags in _GANTT_TAGS.items():
        sprints = [(i, s) for i, s in numbered if s.status == status]
        if sprints:
            out.append(f"  section {_word(model, 'status.' + status)}")
        for i, sprint in sprints:
            # Mermaid's end date is exclusive: the bar must cover the sprint's last day too.
            end = sprint.end + dt.timedelta(days=1)
            name = _gantt_text(_shorten(sprint.name, _TITLE))
            out.append(f"  {name} :{tags}t{i}, {sprint.start.isoformat()}, {end.isoformat()}")
    return "\n".join(out) + "\n"


def _tick_interval(model: Model) -> str:
    """Every 1, 2, 3 or 6 months (or years), so that the sprints' span has about eight ticks."""
    sprints = model.improvement.sprints
    if not sprints:
        return "1month"
    start, end = min(s.start for s in sprints), max(s.end for s in sprints)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    nice = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000)
    step = next((n for n in nice if months / n <= 8), nice[-1])
    return f"{step}month"


def _gantt_text(text: str) -> str:
    """A gantt task name: escaped, its first character coded too.

    Gantt task names are unquoted, so a name that starts like a keyword (``section``,
    ``title``, ``click``, a date, ``%``…) would be read as that statement.
    """
    escaped = _text(text) or "—"  # a task needs a name; a blank one would be a parse error
    first = escaped[0]
    if first == "#":  # already an entity code
        return escaped
    return f"#{ord(first)};{escaped[1:]}"
