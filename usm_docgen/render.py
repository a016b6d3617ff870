"""The handbook model → MyST Markdown pages: one Jinja environment, one template per page kind."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import importlib
import multiprocessing
import posixpath
import re
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from usm_docgen import charts, mermaid
from usm_docgen.changes import Change, Changelog, sentence
from usm_docgen.charts import Progress, progress
from usm_docgen.history import LastChange, last_changes
from usm_docgen.labels import GLOSSARY, Entry, label
from usm_docgen.markdown_check import FIELD_DIRECTIVE, MarkdownText
from usm_docgen.model import (
    RACI_ORDER,
    Goal,
    KnowledgeTransfer,
    Measurement,
    Model,
    Practice,
    PracticeActivity,
    Profile,
    Step,
    Workflow,
    claimed,
    step_practices,
)
from usm_docgen.programme import check_date
from usm_docgen.quiz import Option, Question, Quiz, profile_quiz, workflow_quiz
from usm_docgen.training import LearningPath, Need, Stop, learning_path, needs
from usm_docgen.usm import (
    END,
    PROCESSES,
    STEP_KINDS,
    TEMPLATES,
    USM_ROLES,
    Names,
    Template,
    whole_path,
)

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from usm_docgen.catalog import LoadResult

TEMPLATE_DIR = Path(__file__).parent / "templates"

_PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")
_LINE_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_BACKTICKS = re.compile(r"`+")
_UNSAFE_IN_ATTRIBUTE = re.compile(r"""[<>"&`]""")

# sphinx-design badge colour per status value; the text comes from labels.py.
_BADGE = {
    "approved": "success",
    "draft": "warning",
    "retired": "secondary",
    "adopted": "success",
    "planned": "info",
    "not-adopted": "secondary",
    "done": "success",
    "running": "primary",
    "covered": "success",
    "late": "warning",
    "missing": "danger",
    "on-track": "success",
    "overdue": "danger",
    "never": "warning",
    "behind": "warning",
    "unmeasured": "secondary",
}
_FRAMEWORK_ORDER = (
    "ITIL4",
    "ITILv3",
    "ASL2",
    "BiSL",
    "COBIT",
    "FitSM",
    "ISO20000",
    "ISO27001",
    "local",
)


def escape_text(value: object) -> str:
    """Plain text for MyST: every ASCII punctuation character escaped, line breaks as spaces.

    A name like ``*x*``, ``<script>`` or ``{role}`` must show exactly as written, never as
    emphasis, HTML or a MyST role. Text of only spaces becomes a dash: an empty heading, link or
    ``****`` would break the page around it.
    """
    return _escape(str(value))


@cache
def _escape(value: str) -> str:
    flat = _LINE_SPACE.sub(" ", value).strip()
    return _PUNCTUATION.sub(r"\\\1", flat) if flat else "—"


def markdown(value: object) -> str:
    """A Markdown field as a block of its own that the Sphinx layer checks and parses alone
    (``sphinx_fields``): nothing in it can open or close structure around it. The block
    says where the text is written, so a warning about it points at the YAML."""
    text = str(value).strip("\n").rstrip()
    if isinstance(value, MarkdownText):
        where = value.where()
    else:  # text not read from a file (tests, tools): nowhere better to point
        where = "conf/handbook.yaml:1:1 folded text"
    f = fence(text)
    return f"{f}{{{FIELD_DIRECTIVE}}}\n:source: {where}\n\n{text}\n{f}"


def attribute(value: object) -> str:
    """A directive option value such as ``:alt:``: one line, quoted, not Markdown.

    MyST reads option values as YAML, where `` #`` starts a comment and ``*`` an alias, so the
    value is always double-quoted. sphinxcontrib-mermaid writes ``alt`` into an ``<img>`` tag
    unescaped (png and svg output), so characters that could end the attribute or open a tag
    are dropped.
    """
    flat = _LINE_SPACE.sub(" ", _UNSAFE_IN_ATTRIBUTE.sub(" ", str(value))).strip()
    return '"' + flat.replace("\\", "\\\\") + '"'


def fence(*contents: str) -> str:
    """A backtick fence longer than any backtick run in ``contents``, so none can close it."""
    longest = max((len(m) for c in contents for m in _BACKTICKS.findall(c)), default=0)
    return "`" * max(3, longest + 1)


@cache
def environment() -> jinja2.Environment:
    """The one Jinja environment for every page (StrictUndefined: a typo fails loudly)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["text"] = escape_text
    env.filters["md"] = markdown
    env.globals["fence"] = fence
    env.globals["attribute"] = attribute
    env.globals["END"] = END
    env.globals["step_target"] = step_target
    env.globals["goal_target"] = goal_target
    env.globals["sprint_target"] = sprint_target
    env.globals["kt_target"] = KNOWLEDGE_TRANSFER_TARGET
    env.globals["sounding_board_target"] = SOUNDING_BOARD_TARGET
    return env


# --- targets ------------------------------------------------------------------------------


def step_target(workflow: str, step: str) -> str:
    """The explicit target of a step's section; ids never hold a dot, so none collide."""
    return f"usm-step.{workflow}.{step}"


def goal_target(goal: str) -> str:
    return f"usm-goal.{goal}"


def sprint_target(sprint: str) -> str:
    return f"usm-sprint.{sprint}"


KNOWLEDGE_TRANSFER_TARGET = "usm-knowledge-transfer"
SOUNDING_BOARD_TARGET = "usm-sounding-board"


# --- the per-page helper the templates call -----------------------------------------------


@dataclass(frozen=True)
class Page:
    """Links relative to one page, and the handbook's language for labels, names and numbers."""

    docname: str
    model: Model

    @property
    def language(self) -> str:
        return self.model.handbook.language

    # labels and names ------------------------------------------------------------------

    def L(self, key: str) -> str:  # short on purpose: it is on nearly every template line
        return label(key, self.language)

    def change(self, change: Change) -> str:
        """One change of this edition, as a sentence for staff (Markdown)."""
        names = _memo(
            self.model, "profile_names", lambda: {p.id: p.name for p in self.model.profiles}
        )
        return sentence(change, self.language, profile_names=names)

    def your_part(self, change: Change) -> str:
        """A change of a profile's RACI letters, told to that profile."""
        return (
            self.L("changes.your-part")
            .replace("{step}", self.step(change.subject, change.step or ""))
            .replace("{workflow}", self.workflow(change.subject))
            .replace("{before}", f"**{self.letters(change.before)}**" if change.before else "—")
            .replace("{after}", f"**{self.letters(change.after)}**" if change.after else "—")
        )

    def _name(self, names: Names) -> str:
        return escape_text(names(self.language))

    def process(self, process_id: str) -> str:
        return self._name(PROCESSES[process_id].names)

    def process_both(self, process_id: str) -> str:
        """The process name in the handbook's language, the other one after it."""
        names = PROCESSES[process_id].names
        other = names.en if self.language == "nl" else names.nl
        return f"{self._name(names)} ({escape_text(other)})"

    def trigger(self, process_id: str) -> str:
        return self._name(PROCESSES[process_id].trigger)

    def process_summary(self, process_id: str) -> str:
        return self._name(PROCESSES[process_id].summary)

    def template(self, number: int) -> str:
        return f"{number} · {self._name(TEMPLATES[number].names)}"

    def join(self, items: list[str] | tuple[str, ...], word: str = "and") -> str:
        """``a, b and c`` in the handbook's language (``word``: ``and`` or ``or``)."""
        if len(items) < 2:
            return "".join(items)
        return f"{', '.join(items[:-1])} {self.L(word)} {items[-1]}"

    def template_names(self, workflow: Workflow) -> str:
        """``4 · name``, or for a dynamic workflow ``3 · name and 4 · name``."""
        return self.join([self.template(n) for n in workflow.templates])

    def templates(self, workflow: Workflow, *, capital: bool = True) -> str:
        """``Template 4 · name``, or ``Templates 3 · name and 4 · name`` (dynamic)."""
        word = self.L("template.plural" if workflow.dynamic else "template")
        word = word if capital else word[:1].lower() + word[1:]
        return f"{word} {self.template_names(workflow)}"

    def template_link(self, number: int) -> str:
        """``4 · name``, linked to the template's page when a workflow of ours works it out
        (only those templates have a page)."""
        if not self.workflows_of(number):
            return self.template(number)
        return self.doc(template_doc(number), self.template(number))

    def templates_linked(self, workflow: Workflow) -> str:
        """:meth:`templates` with each template linked to its page."""
        word = self.L("template.plural" if workflow.dynamic else "template")
        return f"{word} {self.join([self.template_link(n) for n in workflow.templates])}"

    def path(self, number: int) -> str:
        """The whole path of a template: its processes with arrows between them."""
        return " → ".join(self.process(p) for p in whole_path(number))

    def processes_or(self, process_ids: tuple[str, ...]) -> str:
        return self.join([self.process(p) for p in process_ids], "or")

    def workflows_of(self, number: int) -> list[Workflow]:
        """The workflows that work out template ``number``, dynamic ones included."""
        return [w for w in self.model.workflows if number in w.templates]

    def kind(self, kind: str) -> str:
        return self._name(STEP_KINDS[kind])

    def role(self, usm_role: str) -> str:
        return self._name(USM_ROLES[usm_role])

    def enum(self, group: str, value: str) -> str:
        """A translated enumeration value, e.g. ``enum('unit-kind', 'team')``."""
        return self.L(f"{group}.{value}")

    def badge(self, group: str, value: str) -> str:
        """A sphinx-design badge for a status value, its text translated."""
        return f"{{bdg-{_BADGE[value]}}}`{self.enum(group, value)}`"

    def framework(self, framework: str) -> str:
        return self.enum("framework", framework)

    def letters(self, letters: str) -> str:
        return ", ".join(letters)

    def raci_words(self, letters: str) -> str:
        """``CI`` as "Consulted (**C**), informed (**I**)"."""
        words = ", ".join(f"{self.L('raci.' + x).lower()} (**{x}**)" for x in letters)
        return words[:1].upper() + words[1:]

    def by_letters(self, steps: tuple[tuple[Step, str], ...]) -> list[tuple[str, list[Step]]]:
        """Steps with a profile's letters there, grouped by those letters, strongest first
        (R before A before C before I), each group in step order."""
        groups: dict[str, list[Step]] = {}
        for step, letters in steps:
            groups.setdefault(letters, []).append(step)
        return sorted(groups.items(), key=lambda group: [RACI_ORDER.index(x) for x in group[0]])

    def acting(
        self, assigned: list[tuple[Workflow, list[Assignment]]]
    ) -> list[tuple[Workflow, list[Assignment]]]:
        """The workflows where a profile carries out or answers for a step (R or A)."""
        return [(wf, found) for wf, found in assigned if any(a.acts for a in found)]

    def informed(
        self, assigned: list[tuple[Workflow, list[Assignment]]]
    ) -> list[tuple[Workflow, list[Assignment]]]:
        """The workflows where a profile is only ever consulted or informed (C, I)."""
        return [(wf, found) for wf, found in assigned if not any(a.acts for a in found)]

    def date(self, value: dt.date | None) -> str:
        """A date spelled out in the handbook's language (never today's date)."""
        if value is None:
            return "—"
        month = self.L(f"month.{value.month}")
        return f"{value.day} {month} {value.year}"

    def number(self, value: float) -> str:
        """A number as people write it: no ``.0``, a decimal comma in Dutch."""
        text = str(int(value)) if float(value).is_integer() else repr(float(value))
        return text.replace(".", ",") if self.language == "nl" else text

    def quantity(self, value: float | None, unit: str) -> str:
        if value is None:
            return "—"
        return f"{self.number(value)} {escape_text(unit)}"

    # links ------------------------------------------------------------------------------

    def href(self, docname: str, target: str = "") -> str:
        """The link to ``docname`` (and an explicit target on it) from this page."""
        anchor = f"#{target}" if target else ""
        if docname == self.docname and target:
            return anchor
        return _relative(posixpath.dirname(self.docname), docname) + anchor

    def doc(self, docname: str, text_md: str, target: str = "") -> str:
        return f"[{text_md}]({self.href(docname, target)})"

    def workflow(self, workflow_id: str) -> str:
        """A link to the workflow; a draft one carries its draft badge wherever it is named,
        since it is not yet the agreed way of working."""
        wf = self.model.workflow(workflow_id)
        link = self.doc(f"workflows/{workflow_id}", escape_text(wf.name))
        return f"{link} {self.badge('status', 'draft')}" if wf.status == "draft" else link

    def profile(self, profile_id: str) -> str:
        return self.doc(f"profiles/{profile_id}", escape_text(self.model.profile(profile_id).name))

    def profiles(self, profile_ids: tuple[str, ...] | list[str]) -> str:
        return ", ".join(self.profile(p) for p in profile_ids) if profile_ids else "—"

    def raci(self, step: Step) -> str:
        """Everyone with a part in a step, one line each, strongest first: ``**R, A** name``."""
        held = sorted(step.raci, key=lambda pl: "RACI".index(pl[1][0]))
        lines = [f"**{self.letters(letters)}** {self.profile(pid)}" for pid, letters in held]
        return "\\\n    ".join(lines)

    def practice(self, practice_id: str) -> str:
        return self.doc(
            f"practices/{practice_id}", escape_text(self.model.practice(practice_id).name)
        )

    def coverage_cell(self, table: dict[str, dict[str, list[Practice]]], process: str) -> str:
        """The practices serving ``process``: a line per framework, the status when not adopted."""
        lines = []
        for framework, row in table.items():
            if row[process]:
                names = ", ".join(
                    self.practice(pr.id)
                    + (
                        ""
                        if pr.status == "adopted"
                        else f" *({self.enum('practice-status', pr.status)})*"
                    )
                    for pr in row[process]
                )
                lines.append(f"**{self.framework(framework)}:** {names}")
        return "\\\n    ".join(lines) if lines else "—"

    def step(self, workflow_id: str, step_id: str, *, numbered: bool = False) -> str:
        wf = self.model.workflow(workflow_id)
        step = wf.step(step_id)
        text = escape_text(step.name)
        if numbered:
            text = f"{wf.steps.index(step) + 1}\\. {text}"
        return self.doc(f"workflows/{workflow_id}", text, step_target(workflow_id, step_id))

    def step_ref(self, ref: str) -> str:
        """A step written ``workflow/step``: its workflow and the numbered step, linked."""
        workflow_id, step_id = ref.split("/", 1)
        return f"{self.workflow(workflow_id)} · {self.step(workflow_id, step_id, numbered=True)}"

    def target(self, workflow: Workflow, target: str) -> str:
        """Where a step goes: a link to that step, or the end of the workflow."""
        if target == END:
            return self.L("end-of-workflow")
        return self.step(workflow.id, target)

    def goal(self, goal_id: str) -> str:
        goal = next(g for g in self.model.improvement.goals if g.id == goal_id)
        return self.doc("improvement", escape_text(goal.statement), goal_target(goal_id))

    def unit(self, unit_id: str | None) -> str:
        return "—" if unit_id is None else escape_text(self.model.unit(unit_id).name)

    def stakeholder(self, stakeholder_id: str) -> str:
        holder = next(s for s in self.model.scope.stakeholders if s.id == stakeholder_id)
        return escape_text(holder.name)

    def indicator(self, indicator_id: str) -> str:
        return escape_text(self.model.indicator(indicator_id).name)

    def topic(self, topic: str) -> str:
        """A knowledge-transfer topic: a workflow when it names one, else free text."""
        if any(w.id == topic for w in self.model.workflows):
            return self.workflow(topic)
        return escape_text(topic)

    def profile_names(self, profile_ids: tuple[str, ...] | list[str]) -> str:
        """Profile names as plain text (a handout's table: short, nothing to click on paper)."""
        names = (escape_text(self.model.profile(p).name) for p in profile_ids)
        return ", ".join(names) or "—"

    def step_plain(self, workflow: Workflow, target: str) -> str:
        """A numbered step (or the end) as plain text."""
        if target == END:
            return self.L("end-of-workflow")
        step = workflow.step(target)
        return f"{workflow.steps.index(step) + 1}\\. {escape_text(step.name)}"

    def pdf_href(self, name: str) -> str:
        """The href of ``pdf/<name>.pdf`` (written by ``usm-docgen pdf``) from this page."""
        return posixpath.relpath(f"pdf/{name}.pdf", posixpath.dirname(self.docname) or ".")

    def session(self, session_id: str) -> str:
        """A knowledge-transfer item: its kind and date, linked to the plan."""
        k = next(k for k in self.model.improvement.knowledge_transfer if k.id == session_id)
        text = f"{self.enum('kt-kind', k.kind)} {self.date(k.date)}"
        return self.doc("improvement", text, KNOWLEDGE_TRANSFER_TARGET)

    def sprint(self, sprint_id: str) -> str:
        sprint = next(s for s in self.model.improvement.sprints if s.id == sprint_id)
        return self.doc("improvement", escape_text(sprint.name), sprint_target(sprint_id))

    def need_gap(self, need: Need) -> str:
        """A gap in the knowledge-transfer plan, as a sentence for the trainer."""
        profile = self.doc(
            f"training/paths/{need.profile}", escape_text(self.model.profile(need.profile).name)
        )
        text = self.L(f"needs.{need.status}-text")
        text = text.replace("{profile}", profile).replace(
            "{workflow}", self.workflow(need.workflow)
        )
        if need.status == "late":
            assert need.sprint is not None
            text = (
                text.replace("{date}", self.date(need.date))
                .replace("{sprint}", self.sprint(need.sprint))
                .replace("{end}", self.date(need.deadline))
            )
        return f"{text} ({self.letters(need.letters)})"

    def need_cell(self, need: Need | None) -> str:
        """A cell of the training-needs matrix: T(raining) or B(riefing), ! for a gap."""
        if need is None:
            return ""
        mark = "T" if need.level == "training" else "B"
        return f"**{mark}!**" if need.gap else mark

    def verdict(self, state: Progress) -> str:
        """Whether a goal is on track, as a badge and a sentence."""
        badge = self.badge("goal-verdict", state.verdict)
        text = self.L(f"goal.verdict-{state.verdict}")
        if state.last is not None and state.expected is not None:
            unit = self.model.indicator(state.goal.indicator).unit
            day, value = state.last
            text = _fill(
                text,
                {
                    "last": self.quantity(value, unit),
                    "date": self.date(day),
                    "expected": self.quantity(round(state.expected, 1), unit),
                },
            )
        return f"{badge}: {text}"

    # quizzes ----------------------------------------------------------------------------

    def _step_words(self, workflow: Workflow, step_id: str, with_workflow: bool) -> str:
        step = workflow.step(step_id)
        text = f"*{workflow.steps.index(step) + 1}\\. {escape_text(step.name)}*"
        if with_workflow:
            where = self.L("quiz.in-workflow").replace("{workflow}", escape_text(workflow.name))
            text = f"{text} {where}"
        return text

    def question(self, q: Question, *, with_workflow: bool) -> str:
        """A quiz question as a sentence; user text escaped before it goes in, so a name
        holding ``{step}`` stays a name."""
        wf = self.model.workflow(q.workflow)
        values = {"workflow": f"*{escape_text(wf.name)}*"}
        if q.step is not None:
            values["step"] = self._step_words(wf, q.step, with_workflow)
            decision = wf.step(q.step).decision
            if decision is not None:
                values["decision"] = escape_text(decision.question)
        if q.profile is not None:
            values["profile"] = escape_text(self.model.profile(q.profile).name)
        if q.outcome is not None:
            values["outcome"] = escape_text(q.outcome)
        return _fill(self.L(f"quiz.{q.kind}"), values)

    def option(self, q: Question, o: Option) -> str:
        """An option of a quiz question as plain text (no link that would give it away)."""
        m = self.model
        if o.kind == "profile":
            return escape_text(m.profile(o.value).name)
        if o.kind == "step":
            return self.step_plain(m.workflow(q.workflow), o.value)
        if o.kind == "end":
            return self.L("quiz.end")
        if o.kind == "process":
            return self.process(o.value)
        if o.kind == "workflow":
            return escape_text(m.workflow(o.value).name)
        if o.kind == "practice":
            return escape_text(m.practice(o.value).name)
        return ", ".join(f"{self.L('raci.' + x).lower()} ({x})" for x in o.value)

    def quiz_source(self, q: Question) -> str:
        """Where the answer is written: the step asked about, or the workflow."""
        if q.step is not None:
            return self.step(q.workflow, q.step, numbered=True)
        return self.workflow(q.workflow)

    def diagram_link(self, workflow_id: str) -> str:
        """The href of a workflow page from this page, as the html builder writes it."""
        start = posixpath.dirname(self.docname) or "."
        return posixpath.relpath(f"workflows/{workflow_id}.html", start)


def _fill(text: str, values: dict[str, str]) -> str:
    """``text`` with each ``{name}`` replaced in one pass (a value is never searched again)."""
    return re.sub(r"\{([a-z]+)\}", lambda m: values.get(m.group(1), m.group(0)), text)


# --- what the pages show, worked out once ------------------------------------------------


@dataclass(frozen=True)
class Assignment:
    """One step where a profile holds RACI letters."""

    workflow: Workflow
    step: Step
    letters: str

    @property
    def acts(self) -> bool:
        """Whether the profile carries out the step or answers for it (R or A), rather
        than being only consulted or informed."""
        return "R" in self.letters or "A" in self.letters


@dataclass(frozen=True)
class Realisation:
    """A workflow where a practice is realised, and which of its steps name it."""

    workflow: Workflow
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class ChainLink:
    """A workflow a call is handed off to on its path, and where it goes on from there."""

    workflow: Workflow
    step: Step
    """The hand-off step, in the workflow before this one in the chain."""
    onward: tuple[ChainLink, ...] = ()
    loop: bool = False
    """The workflow is already earlier in the chain: shown, not followed again."""


@cache
def _relative(folder: str, docname: str) -> str:
    """``docname``'s source file relative to ``folder`` (pure: no file system, no cwd)."""
    return posixpath.relpath(f"{docname}.md", folder or ".")


def _memo(model: Model, key: str, make: Any) -> Any:
    """Compute once per model: a page per profile or practice must not rescan every workflow."""
    cache = model._index.setdefault("render", {})
    if key not in cache:
        cache[key] = make()
    return cache[key]


def assignments(model: Model, profile: Profile) -> list[tuple[Workflow, list[Assignment]]]:
    """Per workflow (model order), the steps where ``profile`` is R, A, C or I."""

    def index() -> dict[str, list[tuple[Workflow, list[Assignment]]]]:
        by_profile: dict[str, list[tuple[Workflow, list[Assignment]]]] = {}
        for wf in model.workflows:
            found: dict[str, list[Assignment]] = {}
            for s in wf.steps:
                for p, letters in s.raci:
                    found.setdefault(p, []).append(Assignment(wf, s, letters))
            for p, items in found.items():
                by_profile.setdefault(p, []).append((wf, items))
        return by_profile

    result: list[tuple[Workflow, list[Assignment]]] = _memo(model, "assignments", index).get(
        profile.id, []
    )
    return result


def realisations(model: Model, practice: Practice) -> list[Realisation]:
    """Workflows realising ``practice``: named by the practice, or naming it themselves."""
    found: list[Realisation] = _memo(
        model, f"realisations:{practice.id}", lambda: _realisations(model, practice)
    )
    return found


def _realisations(model: Model, practice: Practice) -> list[Realisation]:
    step_ids: dict[str, list[str]] = {}
    for ref in claimed(practice):
        wf_id, step_id = ref.split("/", 1)
        step_ids.setdefault(wf_id, []).append(step_id)
    wanted = set(practice.workflows) | set(step_ids)
    wanted |= {w.id for w in model.workflows if practice.id in w.practices}
    return [
        Realisation(wf, tuple(s for s in wf.steps if s.id in step_ids.get(wf.id, ())))
        for wf in model.workflows
        if wf.id in wanted
    ]


def workflow_practices(model: Model, workflow: Workflow) -> list[Practice]:
    """Practices realised in ``workflow``, in the order of conf/practices.yaml."""
    return [
        p
        for p in model.practices
        if any(r.workflow.id == workflow.id for r in realisations(model, p))
    ]


@dataclass(frozen=True)
class SharedStep:
    """A step that more than one practice claims (USM: each activity in one place)."""

    workflow: Workflow
    step: Step
    practices: tuple[Practice, ...]


def worksheet_gaps(model: Model) -> list[tuple[Practice, PracticeActivity]]:
    """Worksheet activities that no step carries, of practices adopted or planned."""
    return [
        (p, a)
        for p in model.practices
        if p.status != "not-adopted"
        for a in p.activities
        if not a.steps
    ]


def shared_steps(model: Model) -> list[SharedStep]:
    """Steps claimed by two or more practices (not adopted ones aside), in model order."""
    by_step: dict[str, list[Practice]] = {}
    for practice in model.practices:
        if practice.status != "not-adopted":
            for ref in claimed(practice):
                by_step.setdefault(ref, []).append(practice)
    return [
        SharedStep(wf, step, tuple(by_step[ref]))
        for wf in model.workflows
        for step in wf.steps
        if len(by_step.get(ref := f"{wf.id}/{step.id}", ())) > 1
    ]


def latest(model: Model, indicator: str) -> Measurement | None:
    """The most recent measurement of an indicator (the last written on a tie)."""
    found = [m for m in model.improvement.measurements if m.indicator == indicator]
    return max(reversed(found), key=lambda m: m.date) if found else None


def incoming(workflow: Workflow) -> dict[str, list[tuple[Step, str | None]]]:
    """Per step, where the flow comes from (step, decision outcome label) when that is not
    simply the step before it: a reader going down the page needs to know how it gets there.
    """
    found: dict[str, list[tuple[Step, str | None]]] = {s.id: [] for s in workflow.steps}
    for step in workflow.steps:
        if step.decision is not None:
            for outcome in step.decision.outcomes:
                if outcome.next != END:
                    found[outcome.next].append((step, outcome.label))
        elif step.next is not None and step.next != END:
            found[step.next].append((step, None))
    for i, step in enumerate(workflow.steps):
        if i > 0 and found[step.id] == [(workflow.steps[i - 1], None)]:
            found[step.id] = []
    return found


def chain(model: Model, workflow: Workflow) -> tuple[ChainLink, ...]:
    """The chain of workflows ``workflow`` hands off to, and theirs, to the end of the path.

    The path ends in a workflow whose template hands off to no process (Operate, template
    5): a hand-off from there starts a new call, not the next part of this one, so it is not
    followed (its own page shows it). A workflow already earlier in the chain ends a loop.
    """

    def follow(wf: Workflow, seen: frozenset[str]) -> tuple[ChainLink, ...]:
        links = []
        for step in wf.handoffs:
            assert step.handoff is not None
            target = model.workflow(step.handoff.workflow)
            if target.id in seen:
                links.append(ChainLink(target, step, loop=True))
            elif target.hands_off_to:
                links.append(ChainLink(target, step, follow(target, seen | {target.id})))
            else:
                links.append(ChainLink(target, step))
        return tuple(links)

    return follow(workflow, frozenset({workflow.id}))


def handed_from(model: Model, workflow: Workflow) -> list[tuple[Workflow, Step]]:
    """The (workflow, hand-off step) pairs that hand off to ``workflow``, in model order."""

    def index() -> dict[str, list[tuple[Workflow, Step]]]:
        by_target: dict[str, list[tuple[Workflow, Step]]] = {}
        for wf in model.workflows:
            for step in wf.handoffs:
                assert step.handoff is not None
                by_target.setdefault(step.handoff.workflow, []).append((wf, step))
        return by_target

    found: list[tuple[Workflow, Step]] = _memo(model, "handed_from", index).get(workflow.id, [])
    return found


def skeleton_rows(workflow: Workflow) -> list[tuple[str, list[Step], str | None]]:
    """Each skeleton kind of the template: the steps of that kind, or why it was left out."""
    reasons = {o.kind: o.reason for o in workflow.omitted}
    return [
        (kind, [s for s in workflow.steps if s.kind == kind], reasons.get(kind))
        for kind in workflow.usm.skeleton
    ]


def coverage(model: Model) -> dict[str, dict[str, list[Practice]]]:
    """framework → USM process → the practices of that framework serving that process."""
    return {
        fw: {
            pid: [p for p in model.practices if p.framework == fw and pid in p.processes]
            for pid in PROCESSES
        }
        for fw in frameworks(model)
    }


def frameworks(model: Model) -> list[str]:
    present = {p.framework for p in model.practices}
    return [f for f in _FRAMEWORK_ORDER if f in present] + sorted(present - set(_FRAMEWORK_ORDER))


# --- pages -------------------------------------------------------------------------------


RACI_SPLIT = 10
"""Above this many workflows the RACI matrix gets pages per template of at most this many
workflows: one page of every workflow's matrix would be re-read (seconds per hundred
workflows) after any edit, and a page of 24 workflows' matrices weighed 110 KB (a workflow's
matrix is some 4 KB of table; ten of them and the page's frame stay under 60 KB)."""


def template_parts(
    workflows: list[Workflow], size: int, language: str
) -> list[tuple[str, str, list[Workflow]]]:
    """Workflows per USM template (their first), in parts of at most ``size``:
    (docname suffix, title suffix, workflows), e.g. ``("template-3-2", "3 · name (2/4)", …)``.
    """
    parts = []
    for number, template in TEMPLATES.items():
        filed = [w for w in workflows if w.template == number]
        chunks = [filed[i : i + size] for i in range(0, len(filed), size)]
        title = f"{number} · {template.names(language)}"
        for k, chunk in enumerate(chunks, start=1):
            if len(chunks) == 1:
                parts.append((f"template-{number}", title, chunk))
            else:
                parts.append((f"template-{number}-{k}", f"{title} ({k}/{len(chunks)})", chunk))
    return parts


def _raci_parts(model: Model) -> dict[str, tuple[str, list[Workflow]]]:
    """docname → (title, workflows) of the per-template RACI pages; none for a small handbook."""
    if len(model.workflows) <= RACI_SPLIT:
        return {}
    language = model.handbook.language
    return {
        f"raci/{suffix}": (f"{label('title.raci', language)} · {title}", chunk)
        for suffix, title, chunk in template_parts(list(model.workflows), RACI_SPLIT, language)
    }


PROFILE_STEPS = 80
"""A profile with a part in more steps than this gets them in parts of at most this many
steps (whole workflows, in template order): the first part on its own page, under a summary
of all parts, the others on pages of their own. A requester or service manager named in
every workflow of a large handbook would otherwise have a page of megabytes. Steps are
counted by what they take of a page (``_weight``), not one by one; measured at 1,000
workflows, the heaviest part weighs 48 KB, under the 60 KB of a workflow page."""


def _weight(items: list[Assignment]) -> float:
    """How much of a profile's page one workflow's steps take, in steps listed with their
    activities: a section's heading and link as much as a step, a step where the profile is
    only consulted or informed a fifth (a link on a shared line), and a workflow where it is
    only ever that a row of the closing table."""
    acting = sum(1 for a in items if a.acts)
    minor = (len(items) - acting) / 5
    return 1 + acting + minor if acting else 0.4 + minor


def _profile_parts(
    model: Model, profile: Profile
) -> list[tuple[str, str, list[tuple[Workflow, list[Assignment]]]]]:
    """(docname, title, assignments) of a large profile's parts; none for most profiles.
    The first part is shown on the profile's own page (its docname is that page's), the
    others are pages of their own: a profile of two parts has two pages, not three."""
    assigned = assignments(model, profile)
    if sum(_weight(items) for _, items in assigned) <= PROFILE_STEPS:
        return []
    ordered = sorted(assigned, key=lambda found: found[0].template)  # stable: model order
    chunks: list[list[tuple[Workflow, list[Assignment]]]] = [[]]
    for found in ordered:
        weight = sum(_weight(items) for _, items in chunks[-1])
        if chunks[-1] and weight + _weight(found[1]) > PROFILE_STEPS:
            chunks.append([])
        chunks[-1].append(found)
    language = model.handbook.language
    word = label("template.plural", language).lower()
    parts = []
    for k, chunk in enumerate(chunks, start=1):
        first, last = chunk[0][0].template, chunk[-1][0].template
        span = f"{first}" if first == last else f"{first}–{last}"
        parts.append(
            (
                f"profiles/{profile.id}/part-{k}" if k > 1 else f"profiles/{profile.id}",
                f"{profile.name} · {k}/{len(chunks)} ({word} {span})",
                chunk,
            )
        )
    return parts


PATH_STOPS = 30
"""A learning path of more workflows than this lists them on pages of this many (in the
path's order), and the path's own page lists those pages: a requester named in every
workflow of a handbook of 1,000 would otherwise have a learning path of more than a
megabyte. A path of a small handbook stays one page, however many steps it has. A workflow
is a row of the path's table (about 1 KB of HTML: its steps are on its page), so 30 keep a
part near the weight of a workflow page."""

PathPart = tuple[str, str, int, tuple[Stop, ...], list[str]]
"""A page of a long learning path: docname, title, the number of its first workflow on the
path, its stops, and the names of the sprints that introduce them (in order)."""


def _path_parts(path: LearningPath, language: str) -> list[PathPart]:
    """A long learning path's pages: PATH_STOPS workflows each, in the path's order; none
    for most paths."""
    stops = path.stops
    if len(stops) <= PATH_STOPS:
        return []
    chunks = [stops[k : k + PATH_STOPS] for k in range(0, len(stops), PATH_STOPS)]
    title = label("path.title", language).replace("{profile}", path.profile.name)
    parts: list[PathPart] = []
    for k, chunk in enumerate(chunks, start=1):
        first = (k - 1) * PATH_STOPS + 1
        last = first + len(chunk) - 1
        span = label("path.part-one" if first == last else "path.part-span", language)
        span = span.replace("{first}", str(first)).replace("{last}", str(last))
        sprints = list(dict.fromkeys(s.sprint.name for s in chunk if s.sprint is not None))
        parts.append(
            (
                f"training/paths/{path.profile.id}/part-{k}",
                f"{title} · {k}/{len(chunks)} ({span})",
                first,
                chunk,
                sprints,
            )
        )
    return parts


@dataclass(frozen=True)
class Provenance:
    """Where the pages come from: each conf entry's line (``profiles/ID`` → line) and each
    file's last commit (path relative to the root → :class:`LastChange`)."""

    lines: dict[str, int]
    changes: dict[str, LastChange]


def provenance(root: Path, result: LoadResult) -> Provenance:
    """The provenance of the pages of ``root`` as loaded: one ``git log`` for the build."""
    return Provenance(dict(result.lines), last_changes(root))


ENTRYLESS = ("index", "role")
"""Pages under profiles/ and practices/ that are no one entry's: the index and the groups."""

_WHOLE_FILES = {
    "index": "conf/handbook.yaml",
    "scope": "conf/scope.yaml",
    "governance": "conf/governance.yaml",
    "improvement": "conf/improvement.yaml",
    "profiles/index": "conf/profiles.yaml",
    "practices/index": "conf/practices.yaml",
}


def page_source(docname: str, lines: dict[str, int]) -> tuple[str, int | None] | None:
    """The file a generated page is made from (relative to the root) and, for a profile or
    practice, the line of its entry; None for a page made from many files (the model, the
    RACI matrix, an index of workflows, the training overviews)."""
    parts = docname.split("/")
    if parts[0] == "workflows" and len(parts) == 2 and parts[1] != "index":
        return f"workflows/{parts[1]}.yaml", None
    if parts[:2] == ["training", "workflows"] and len(parts) == 3:
        return f"workflows/{parts[2]}.yaml", None
    if parts[0] in ("profiles", "practices") and len(parts) >= 2 and parts[1] not in ENTRYLESS:
        return f"conf/{parts[0]}.yaml", lines.get(f"{parts[0]}/{parts[1]}")
    whole = _WHOLE_FILES.get(docname)
    return (whole, None) if whole is not None else None


def _source_footer(model: Model, docname: str, provenance: Provenance) -> str:
    """The line at the foot of a page: a link to edit its file (with ``repository:``) and
    the commit that last changed that file (when the root is in git)."""
    found = page_source(docname, provenance.lines)
    if found is None:
        return ""
    rel, line = found
    language = model.handbook.language
    repo = model.handbook.repository
    where = f"`{rel}`" + (f", {label('line', language)} {line}" if line is not None else "")
    parts = [f"{label('source-file', language)}: {where}"]
    if repo is not None:
        parts.append(f"[✎ {label('source.edit', language)}]({repo.file_url(rel, line)})")
    change = provenance.changes.get(rel)
    if change is not None:
        commit = f"`{change.short}`"
        if repo is not None:
            commit = f"[{commit}]({repo.commit_url(change.commit)})"
        subject = escape_text(change.subject[:80] + ("…" if len(change.subject) > 80 else ""))
        when = Page(docname, model).date(change.date)
        parts.append(
            label("source.changed", language).replace("{date}", when).replace("{commit}", commit)
            + (f" ({subject})" if subject else "")
        )
    return "\n\n:::{container} usm-source\n" + " · ".join(parts) + "\n:::\n"


REVIEWS_TARGET = "usm-reviews"
"""The label of the governance page's reviews section (MyST target)."""


@dataclass(frozen=True)
class Review:
    """A row of the governance page's reviews: a workflow or a practice and where its review
    stands on the date of the check."""

    kind: str  # "workflow" or "practice"
    id: str
    status: str
    version: str | None
    reviewed: dt.date | None
    due: dt.date | None
    state: str  # "overdue", "never", "on-time" or "none" (nothing to review by date)


def review_board(model: Model, today: dt.date) -> list[tuple[str | None, list[Review]]]:
    """Every workflow and practice by owner (owners by name, the unowned last), each with its
    review: next review = ``reviewed`` plus ``review_every`` months, overdue when ``today``
    is past it; a draft or retired workflow is never overdue; an approved one with
    ``review_every`` but no ``reviewed`` was never reviewed. The same rule as the check
    ``usm.review-overdue`` (see :mod:`usm_docgen.programme`)."""
    rows: dict[str | None, list[Review]] = {}
    for wf in model.workflows:
        due = wf.next_review
        if wf.status != "approved" or wf.review_every is None:
            state = "none"
        elif wf.reviewed is None:
            state = "never"
        else:
            state = "overdue" if due is not None and today > due else "on-time"
        rows.setdefault(wf.owner, []).append(
            Review("workflow", wf.id, wf.status, wf.version, wf.reviewed, due, state)
        )
    for pr in model.practices:
        rows.setdefault(pr.owner, []).append(
            Review("practice", pr.id, pr.status, None, None, None, "none")
        )
    order = {p.id: (p.name.casefold(), p.id) for p in model.profiles}
    owners = sorted((o for o in rows if o is not None), key=lambda o: order.get(o, (o, o)))
    return [(o, rows[o]) for o in [*owners, *([None] if None in rows else [])]]


def _raci_pages(model: Model) -> dict[str, str]:
    parts = _raci_parts(model)
    title = label("title.raci", model.handbook.language)
    index = [(d, t) for d, (t, _) in parts.items()]
    pages = {
        "raci": _render(
            "raci.md.j2",
            "raci",
            model,
            title=title,
            parts=index,
            workflows=[] if parts else list(model.workflows),
        )
    }
    for docname, (part_title, workflows) in parts.items():
        pages[docname] = _render(
            "raci.md.j2", docname, model, title=part_title, parts=[], workflows=workflows
        )
    return pages


def _handed_in_summary(model: Model, wf: Workflow) -> list[tuple[int, int]]:
    """When more than :data:`GROUP_SIZE` steps hand calls into ``wf``: how many come from
    workflows of each template, instead of a list that would outweigh the page."""
    sources = handed_from(model, wf)
    if len(sources) <= GROUP_SIZE:
        return []
    counts: dict[int, int] = {}
    for src, _ in sources:
        counts[src.template] = counts.get(src.template, 0) + 1
    return sorted(counts.items())


def _nav_pages(model: Model, groups: list[NavGroup], intro: str) -> dict[str, str]:
    """The pages of :func:`nav_groups`: each lists its pages, with the words ``intro``."""
    return {
        docname: _render(
            "nav-group.md.j2",
            docname,
            model,
            title=title,
            entries=entries,
            intro=label(intro, model.handbook.language),
        )
        for docname, title, entries in groups
    }


def _render(name: str, docname: str, model: Model, **context: Any) -> str:
    page = Page(docname, model)
    text = environment().get_template(name).render(p=page, m=model, **context)
    return text.rstrip("\n") + "\n"


def _reference_pages(language: str) -> dict[str, str]:
    """The format and error-code pages, when usm_docgen.reference is there to write them."""
    try:
        module = importlib.import_module("usm_docgen.reference")
    except ModuleNotFoundError as exc:
        if exc.name != "usm_docgen.reference":
            raise
        return {}
    pages: dict[str, str] = module.reference_pages(language)
    return dict(pages)


_REFERENCE_ORDER = ("reference/format", "reference/errors")


INDEX_ROWS = 60
"""Up to this many workflows the workflows index lists them all, a row each (some 450 bytes),
and the model page names them in its overview diagram and its table of templates; a larger
handbook's pages count them per template and link each template's page, which lists its
own: 200 rows made the index 116 KB, and 1,000 workflows the model page 345 KB."""

GROUP_SIZE = 40
"""At most this many pages under one entry of the navigation. Each page's sidebar lists the
pages beside it: a handbook of a thousand workflows would otherwise put a thousand links on
every workflow page (three quarters of its weight). Larger groups get pages in between."""

NavGroup = tuple[str, str, list[tuple[str, str]]]
"""A page in the navigation that only lists others: (docname, title, [(docname, title)])."""


def nav_groups(docname: str, title: str, entries: list[tuple[str, str]]) -> list[NavGroup]:
    """``entries`` in pages of at most :data:`GROUP_SIZE`: ``docname-1``, ``docname-2`` …,
    titled ``title (1/3)`` …; one page ``docname`` when they fit."""
    chunks = [entries[i : i + GROUP_SIZE] for i in range(0, len(entries), GROUP_SIZE)]
    if len(chunks) <= 1:
        return [(docname, title, entries)]
    return [
        (f"{docname}-{k}", f"{title} ({k}/{len(chunks)})", chunk)
        for k, chunk in enumerate(chunks, start=1)
    ]


def workflow_groups(model: Model) -> dict[int, list[NavGroup]]:
    """Per template with more than :data:`GROUP_SIZE` workflows filed under it, the pages
    between its page and its workflows."""
    language = model.handbook.language
    return {
        n: nav_groups(
            template_doc(n),
            f"{label('template', language)} {n} · {template.names(language)}",
            [(f"workflows/{w.id}", w.name) for w in filed],
        )
        for n, template, filed, _ in template_groups(model)
        if len(filed) > GROUP_SIZE
    }


def profile_groups(
    model: Model, folder: str, page: Callable[[Profile], tuple[str, str]]
) -> list[NavGroup]:
    """A large handbook's profiles (or their learning paths) by USM role, in pages of at most
    :data:`GROUP_SIZE`; none when all fit under one entry."""
    if len(model.profiles) <= GROUP_SIZE:
        return []
    language = model.handbook.language
    groups: list[NavGroup] = []
    for role, names in USM_ROLES.items():
        entries = [page(p) for p in model.profiles if p.usm_role == role]
        if entries:
            groups += nav_groups(f"{folder}/{role}", names(language), entries)
    return groups


def _profile_entry(profile: Profile) -> tuple[str, str]:
    return f"profiles/{profile.id}", profile.name


def _path_entry(language: str) -> Callable[[Profile], tuple[str, str]]:
    def entry(profile: Profile) -> tuple[str, str]:
        title = label("path.title", language).replace("{profile}", profile.name)
        return f"training/paths/{profile.id}", title

    return entry


def template_doc(number: int) -> str:
    """The page of USM template ``number``: what it is and the workflows filed under it."""
    return f"workflows/template/{number}"


TemplateGroup = tuple[int, Template, list[Workflow], list[Workflow]]


def template_groups(model: Model) -> list[TemplateGroup]:
    """The workflows by USM template, in template order, only templates some workflow works
    out: (number, template, the workflows filed under it, the dynamic ones filed under
    another template that also work it out). A workflow is filed under its first template,
    so that it has one place in the navigation."""
    groups = []
    for number, template in TEMPLATES.items():
        filed = [w for w in model.workflows if w.template == number]
        also = [w for w in model.workflows if number in w.templates[1:]]
        if filed or also:
            groups.append((number, template, filed, also))
    return groups


def docnames(
    model: Model, *, reference: bool = True, changes: Changelog | None = None
) -> list[str]:
    """The docnames ``render_site`` writes, reference pages by the other module excluded."""
    names = ["index", *(["changes"] if changes is not None else []), "scope", "model"]
    names += ["workflows/index"]
    names += [template_doc(n) for n, *_ in template_groups(model)]
    names += [d for groups in workflow_groups(model).values() for d, _, _ in groups]
    names += [f"workflows/{w.id}" for w in model.workflows]
    names += ["profiles/index"] + [f"profiles/{p.id}" for p in model.profiles]
    names += [d for d, _, _ in profile_groups(model, "profiles/role", _profile_entry)]
    names += [d for p in model.profiles for d, _, _ in _profile_parts(model, p)[1:]]
    names += ["raci", *_raci_parts(model)]
    names += ["practices/index"] + [f"practices/{p.id}" for p in model.practices]
    names += ["coverage"]
    names += ["governance", "improvement", "glossary"]
    names += ["training/index", "training/needs"]
    names += [f"training/paths/{p.id}" for p in model.profiles]
    language = model.handbook.language
    names += [d for p in model.profiles for d, *_ in _path_parts(learning_path(model, p), language)]
    names += [d for d, _, _ in profile_groups(model, "training/path-groups", _path_entry(language))]
    if reference:
        names.append("reference/index")
    return names


def render_site(
    model: Model,
    *,
    reference: bool = True,
    changes: Changelog | None = None,
    pdf: bool = False,
    today: dt.date | None = None,
    provenance: Provenance | None = None,
) -> dict[str, str]:
    """docname (posix path without suffix, e.g. 'workflows/incident') -> MyST Markdown text.

    ``provenance``: each page made from one file ends with a link to edit that file (with
    ``repository:`` in conf/handbook.yaml) and the commit that last changed it.

    ``today`` is the date of the checks (``--today``; default as :func:`programme.
    check_date`): the governance page marks the reviews overdue on it and names it.

    ``changes`` (an edition of ``usm-docgen site``): what changed since the edition before,
    shown on a page of its own, on each workflow page (its diagram outlines the new and
    changed steps) and on each profile page it touches. ``pdf``: the site is built with its
    PDFs (``usm-docgen pdf``), so the workflow pages and the training page link to them.
    """
    pages: dict[str, str] = {}
    pages["index"] = _render("index.md.j2", "index", model, reference=reference, changes=changes)
    if changes is not None:
        pages["changes"] = _render(
            "changes.md.j2", "changes", model, log=changes, groups=change_groups(changes)
        )
    pages["scope"] = _render("scope.md.j2", "scope", model)
    counted = len(model.workflows) > INDEX_ROWS  # per template, on the model page and index
    pages["model"] = _render(
        "model.md.j2",
        "model",
        model,
        templates=list(TEMPLATES.items()),
        overview=mermaid.overview_diagram(
            model, Page("model", model).diagram_link, counted=counted
        ),
        counted=counted,
        template_doc=template_doc,
        paths=mermaid.whole_paths_diagram(model),
    )
    groups = template_groups(model)
    pages["workflows/index"] = _render(
        "workflows-index.md.j2",
        "workflows/index",
        model,
        groups=groups,
        template_doc=template_doc,
        limit=0 if counted else GROUP_SIZE,
        parts_from=GROUP_SIZE,
    )
    # a workflow's quiz is on its page, and its size on the training page: made once
    quizzes: dict[str, Quiz] = {w.id: workflow_quiz(model, w) for w in model.workflows}
    parts = workflow_groups(model)
    for n, template, filed, also in groups:
        pages[template_doc(n)] = _render(
            "workflow-template.md.j2",
            template_doc(n),
            model,
            n=n,
            t=template,
            filed=filed,
            also=also,
            parts=parts.get(n, []),
        )
        pages.update(_nav_pages(model, parts.get(n, []), "nav.workflows"))
    for wf in model.workflows:
        docname = f"workflows/{wf.id}"
        page = Page(docname, model)
        marked = changes.marked_steps(wf.id) if changes is not None else {}
        pages[docname] = _render(
            "workflow.md.j2",
            docname,
            model,
            wf=wf,
            diagram=mermaid.workflow_diagram(model, wf, page.diagram_link, marked),
            changed=changes.for_workflow(wf.id) if changes is not None else (),
            marked=marked,
            practices=workflow_practices(model, wf),
            step_practices={s.id: step_practices(model, wf, s) for s in wf.steps},
            skeleton=skeleton_rows(wf),
            incoming=incoming(wf),
            chain=chain(model, wf),
            handed_from=handed_from(model, wf),
            handed_in_summary=_handed_in_summary(model, wf),
            quiz=quizzes[wf.id],
            pdf=pdf,
        )
    role_groups = profile_groups(model, "profiles/role", _profile_entry)
    pages["profiles/index"] = _render(
        "profiles-index.md.j2", "profiles/index", model, groups=role_groups
    )
    pages.update(_nav_pages(model, role_groups, "nav.profiles"))
    for profile in model.profiles:
        docname = f"profiles/{profile.id}"
        own = _profile_parts(model, profile)
        pages[docname] = _render(
            "profile.md.j2",
            docname,
            model,
            profile=profile,
            changed=changes.for_profile(profile.id) if changes is not None else (),
            parts=[_part_summary(d, t, items) for d, t, items in own],
            first_part=own[0][2] if own else [],
            owned_limit=GROUP_SIZE,
            template_groups=template_groups(model),
            template_doc=template_doc,
            **_profile_context(model, profile),
        )
        for part_doc, title, items in own[1:]:  # the first part is on the profile's page
            pages[part_doc] = _render(
                "profile-part.md.j2", part_doc, model, profile=profile, title=title, assigned=items
            )
    pages.update(_raci_pages(model))
    pages["practices/index"] = _render(
        "practices-index.md.j2",
        "practices/index",
        model,
        processes=list(PROCESSES),
        coverage=coverage(model),
    )
    for practice in model.practices:
        docname = f"practices/{practice.id}"
        pages[docname] = _render(
            "practice.md.j2",
            docname,
            model,
            practice=practice,
            realised=realisations(model, practice),
        )
    pages["coverage"] = _render(
        "coverage.md.j2",
        "coverage",
        model,
        gaps=worksheet_gaps(model),
        shared=shared_steps(model),
    )
    pages["governance"] = _render(
        "governance.md.j2",
        "governance",
        model,
        reviews=review_board(model, today or check_date()),
        reviews_target=REVIEWS_TARGET,
        today=today or check_date(),
        limit=GROUP_SIZE,
    )
    goals = model.improvement.goals
    pages["improvement"] = _render(
        "improvement.md.j2",
        "improvement",
        model,
        latest={i.id: latest(model, i.id) for i in model.improvement.indicators},
        progress={g.id: progress(model, g) for g in goals},
        charts={g.id: _goal_chart(model, g) for g in goals},
        gantt=mermaid.sprint_gantt(model),
    )
    pages["glossary"] = _render("glossary.md.j2", "glossary", model, entries=_glossary(model))
    pages.update(_training_pages(model, pdf, quizzes))
    for docname in list(pages):
        pages[docname] += _source_footer(model, docname, provenance or Provenance({}, {}))
    if reference:
        extra = _reference_pages(model.handbook.language)
        pages.update(sorted(extra.items()))
        listed = [d for d in _REFERENCE_ORDER if d in extra]
        listed += sorted(
            d
            for d in extra
            if d.startswith("reference/") and d not in listed and d != "reference/index"
        )
        pages["reference/index"] = _render(
            "reference-index.md.j2",
            "reference/index",
            model,
            entries=[posixpath.relpath(d, "reference") for d in listed],
        )
    return pages


def _goal_chart(model: Model, goal: Goal) -> tuple[str, str]:
    """(caption, SVG) of a goal's chart; the caption is Markdown, the SVG plain text inside."""
    page = Page("improvement", model)
    state = progress(model, goal)
    indicator = model.indicator(goal.indicator)

    def amount(value: float) -> str:
        return f"{charts.number(value, page.language)} {indicator.unit}"

    def day(value: dt.date) -> str:
        return page.date(value)

    title = _fill_plain(
        page.L("goal.chart-title"),
        {"indicator": indicator.name, "target": amount(goal.target), "due": day(goal.due)},
    )
    measured = "; ".join(f"{amount(v)} ({day(d)})" for d, v in state.measurements)
    descr = _fill_plain(
        page.L("goal.chart-descr"),
        {
            "baseline": amount(state.baseline[1]),
            "start": day(state.baseline[0]),
            "measured": measured or page.L("goal.chart-none"),
            "target": amount(goal.target),
            "due": day(goal.due),
        },
    )
    return escape_text(title), charts.goal_svg(model, state, title=title, descr=descr)


def _fill_plain(text: str, values: dict[str, str]) -> str:
    """Like :func:`_fill`, for plain text (an SVG's title): no Markdown escaping."""
    return re.sub(r"\{([a-z]+)\}", lambda m: values.get(m.group(1), m.group(0)), text)


WHOLE_HANDBOOK_PDF = "handbook_complete"
"""The name of the whole handbook's PDF: the underscore keeps it from ever being a workflow's."""


def _training_pages(model: Model, pdf: bool, quizzes: dict[str, Quiz]) -> dict[str, str]:
    """Knowledge transfer: the section's index, the training needs, a learning path (with a
    quiz) per profile. A workflow's own page is its handout, trainer view and quiz."""
    pages: dict[str, str] = {}
    paths = [learning_path(model, p) for p in model.profiles]
    language = model.handbook.language
    path_groups = profile_groups(model, "training/path-groups", _path_entry(language))
    pages["training/index"] = _render(
        "training-index.md.j2",
        "training/index",
        model,
        paths=paths,
        quizzes=quizzes,
        pdf=pdf,
        whole_pdf=WHOLE_HANDBOOK_PDF,
        path_groups=path_groups,
        large=len(model.workflows) > GROUP_SIZE,
        template_groups=template_groups(model),
        template_doc=template_doc,
    )
    pages.update(_nav_pages(model, path_groups, "nav.paths"))
    found = needs(model)
    by_profile: dict[str, dict[str, Need]] = {}
    for need in found:
        by_profile.setdefault(need.profile, {})[need.workflow] = need
    pages["training/needs"] = _render(
        "training-needs.md.j2",
        "training/needs",
        model,
        gaps=[
            (wf, sorted(gaps, key=lambda n: n.level != "training"))
            for wf in model.workflows
            if (gaps := [n for n in found if n.workflow == wf.id and n.gap])
        ],
        matrix=[(model.profile(p), row) for p, row in by_profile.items()],
        matrix_workflows=[w for w in model.workflows if any(n.workflow == w.id for n in found)],
        large=len(model.workflows) > GROUP_SIZE,
        template_doc=template_doc,
    )
    call = next(t for t in GLOSSARY if t.nl.terms[0] == "Call")(model.handbook.language)
    for path in paths:
        docname = f"training/paths/{path.profile.id}"
        parts = _path_parts(path, language)
        pages[docname] = _render(
            "learning-path.md.j2",
            docname,
            model,
            path=path,
            parts=parts,
            processes=list(PROCESSES),
            call=call.definition,
            quiz=profile_quiz(model, path.profile),
        )
        for part_doc, title, first, stops, _ in parts:
            pages[part_doc] = _render(
                "path-part.md.j2",
                part_doc,
                model,
                path=path,
                title=title,
                first=first,
                stops=stops,
            )
    return pages


def _part_summary(
    docname: str, title: str, assigned: list[tuple[Workflow, list[Assignment]]]
) -> tuple[str, str, int, int, list[tuple[str, int]]]:
    """A row of a large profile's summary: (docname, title, workflows, steps, per RACI
    letter the steps holding it)."""
    steps = [a for _, items in assigned for a in items]
    letters = [(x, sum(x in a.letters for a in steps)) for x in "RACI"]
    return docname, title, len(assigned), len(steps), [(x, n) for x, n in letters if n]


def _profile_context(model: Model, profile: Profile) -> dict[str, Any]:
    gv = model.governance
    im = model.improvement
    kt: list[KnowledgeTransfer] = [k for k in im.knowledge_transfer if profile.id in k.audience]
    owned_goals: list[Goal] = [g for g in im.goals if g.owner == profile.id]
    return {
        "assigned": assignments(model, profile),
        "steps_total": sum(len(items) for _, items in assignments(model, profile)),
        "duties": [d for d in gv.management if d.profile == profile.id],
        "on_board": profile.id in gv.sounding_board.members,
        "owned_goals": owned_goals,
        "progress": {g.id: progress(model, g) for g in owned_goals},
        "trainings": kt,
        "owned_workflows": [w for w in model.workflows if w.owner == profile.id],
        "owned_practices": [p for p in model.practices if p.owner == profile.id],
        "owned_services": [s for s in model.scope.services if s.owner == profile.id],
        "process_owner": gv.process_owner == profile.id,
        "handbook_owner": model.handbook.owner == profile.id,
        "escalation": (
            gv.escalation.index(profile.id) + 1 if profile.id in gv.escalation else None
        ),
    }


def _glossary(model: Model) -> list[Entry]:
    """The glossary in the handbook's language: its term first, the other language's after."""
    language = model.handbook.language
    other = "en" if language == "nl" else "nl"
    entries = []
    for item in GLOSSARY:
        terms: list[str] = []
        for term in (*item(language).terms, *item(other).terms):
            if term.casefold() not in {t.casefold() for t in terms}:
                terms.append(term)
        entries.append(Entry(tuple(terms), item(language).definition))
    return sorted(entries, key=lambda e: e.terms[0].casefold())


def change_groups(log: Changelog) -> list[tuple[str, str, list[Change]]]:
    """The changes for the staff's page: (area, subject, changes) per workflow in the order
    of the log, then the practices, profiles and programme, each as one group."""
    groups: dict[tuple[str, str], list[Change]] = {}
    for change in log.changes:
        subject = change.subject if change.area == "workflow" else ""
        groups.setdefault((change.area, subject), []).append(change)
    return [(area, subject, found) for (area, subject), found in groups.items()]


class PendingPages:
    """Pages being rendered in a forked process: :meth:`result` waits for them."""

    def __init__(
        self,
        model: Model,
        reference: bool,
        changes: Changelog | None = None,
        pdf: bool = False,
        today: dt.date | None = None,
        provenance: Provenance | None = None,
    ) -> None:
        self.model, self.reference, self.changes, self.pdf = model, reference, changes, pdf
        self.today, self.provenance = today, provenance
        self._child: multiprocessing.process.BaseProcess | None = None
        # Forking is only safe single-threaded, and fork is the one start method that hands the
        # model over without pickling it; elsewhere the pages are rendered when asked for.
        if sys.platform != "linux" or threading.active_count() > 1:
            return
        context = multiprocessing.get_context("fork")
        self._receiver, sender = context.Pipe(duplex=False)
        self._child = context.Process(
            target=_render_into,
            args=(model, reference, changes, pdf, today, provenance, sender),
            daemon=True,
            name="usm-render",
        )
        self._child.start()
        sender.close()

    @property
    def forked(self) -> bool:
        """Whether a second process is rendering (else ``result`` renders here)."""
        return self._child is not None

    def result(self) -> dict[str, str]:
        """The pages, exactly as ``render_site(model, reference=...)`` returns them."""
        pages: dict[str, str] | None = None
        if self._child is not None:
            with contextlib.suppress(EOFError):  # EOF: the child died before it sent anything
                pages = self._receiver.recv()
            self.cancel()
        if pages is None:
            pages = render_site(
                self.model,
                reference=self.reference,
                changes=self.changes,
                pdf=self.pdf,
                today=self.today,
                provenance=self.provenance,
            )
        return pages

    def cancel(self) -> None:
        """Stop the child (when the pages are not wanted after all) and reap it."""
        if self._child is not None:
            self._receiver.close()
            self._child.terminate()
            self._child.join()
            self._child = None


def start_render_site(
    model: Model,
    *,
    reference: bool = True,
    changes: Changelog | None = None,
    pdf: bool = False,
    today: dt.date | None = None,
    provenance: Provenance | None = None,
) -> PendingPages:
    """Begin :func:`render_site` in a forked process; ``.result()`` waits for the pages.

    The CLI starts rendering as soon as the handbook has loaded, so the pages are ready by the
    time Sphinx has loaded its environment (both take about two seconds at 1,000 workflows; on
    two cores neither waits for the other). Where a fork is not safe (not Linux, or threads
    are running) or the child fails, the pages are rendered in this process when asked for.
    """
    return PendingPages(model, reference, changes, pdf, today, provenance)


def _render_into(
    model: Model,
    reference: bool,
    changes: Changelog | None,
    pdf: bool,
    today: dt.date | None,
    provenance: Provenance | None,
    sender: Connection,
) -> None:
    gc.disable()  # short-lived: do not touch (and so copy) the parent's memory to collect it
    try:
        pages: dict[str, str] | None = render_site(
            model,
            reference=reference,
            changes=changes,
            pdf=pdf,
            today=today,
            provenance=provenance,
        )
    except Exception:  # the parent renders again and shows the error itself
        pages = None
    sender.send(pages)
    sender.close()
