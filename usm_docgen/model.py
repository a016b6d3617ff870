"""The handbook as frozen dataclasses, built only from data that passed every check."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from usm_docgen.usm import DYNAMICITY, END, TEMPLATES, Template

RACI_ORDER = "RACI"


@dataclass(frozen=True)
class Activity:
    """What happens in a step (process level) and, optionally, how (practice level)."""

    what: str
    how: str | None = None


@dataclass(frozen=True)
class Outcome:
    label: str
    next: str


@dataclass(frozen=True)
class Decision:
    question: str
    outcomes: tuple[Outcome, ...]


@dataclass(frozen=True)
class Handoff:
    """A fork: another workflow runs, then (when ``returns``) this one resumes."""

    workflow: str
    returns: bool = True


@dataclass(frozen=True)
class Step:
    id: str
    name: str
    kind: str
    process: str
    raci: tuple[tuple[str, str], ...]
    """(profile id, letters in R-A-C-I order), in the order written."""
    activities: tuple[Activity, ...] = ()
    inputs: tuple[str, ...] = ()
    outputs: tuple[str, ...] = ()
    next: str | None = None
    """Where the flow goes: a step id or ``end``; None when a decision decides."""
    decision: Decision | None = None
    handoff: Handoff | None = None
    line: int = 1

    def holders(self, letter: str) -> tuple[str, ...]:
        """Profiles holding ``letter`` (R, A, C or I) in this step, in the order written."""
        return tuple(p for p, letters in self.raci if letter in letters)

    @property
    def accountable(self) -> str:
        return self.holders("A")[0]

    @property
    def responsible(self) -> tuple[str, ...]:
        return self.holders("R")

    @property
    def targets(self) -> tuple[str, ...]:
        """Every step id (or ``end``) this step can go to."""
        if self.decision is not None:
            return tuple(o.next for o in self.decision.outcomes)
        return (self.next,) if self.next is not None else ()


@dataclass(frozen=True)
class Omission:
    kind: str
    reason: str


@dataclass(frozen=True)
class Workflow:
    id: str
    templates: tuple[int, ...]
    """The USM templates this workflow works out: one, or (a dynamic workflow) two or three
    that start in the same process, a decision step choosing the route: ``(3, 4)``."""
    name: str
    owner: str
    status: str
    version: str
    steps: tuple[Step, ...]
    reviewed: dt.date | None = None
    review_every: int | None = None
    purpose: str | None = None
    practices: tuple[str, ...] = ()
    omitted: tuple[Omission, ...] = ()
    source: str = ""
    """Path of the YAML file, relative to the handbook root."""
    dynamicity: str = field(init=False)
    """USM-WIF's ``dynamicity``: ``static`` (one template) or ``dynamic`` (several), kept
    in the model so that an export can carry it."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "dynamicity", DYNAMICITY[len(self.templates) > 1])

    @property
    def dynamic(self) -> bool:
        return self.dynamicity == "dynamic"

    @property
    def template(self) -> int:
        """The first template listed: where the workflow is sorted and filed."""
        return self.templates[0]

    @property
    def usm(self) -> Template:
        """The first template listed. Every template of a dynamic workflow starts in the same
        process and has the same skeleton; only where it hands off to differs."""
        return TEMPLATES[self.template]

    @property
    def usm_templates(self) -> tuple[Template, ...]:
        return tuple(TEMPLATES[n] for n in self.templates)

    @property
    def hands_off_to(self) -> tuple[str, ...]:
        """The processes this workflow may hand off to, one per template that hands off."""
        return tuple(t.hands_off_to for t in self.usm_templates if t.hands_off_to is not None)

    @property
    def next_review(self) -> dt.date | None:
        """When the workflow is due for review: ``reviewed`` plus ``review_every`` months."""
        if self.reviewed is None or self.review_every is None:
            return None
        return add_months(self.reviewed, self.review_every)

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    @property
    def handoffs(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if s.handoff is not None)

    @property
    def profiles(self) -> tuple[str, ...]:
        """Every profile named in this workflow's RACI, in order of first appearance."""
        seen: dict[str, None] = {}
        for s in self.steps:
            for p, _ in s.raci:
                seen.setdefault(p)
        return tuple(seen)

    @property
    def lanes(self) -> tuple[str, ...]:
        """Profiles that are first Responsible for some step: one swimlane each."""
        seen: dict[str, None] = {}
        for s in self.steps:
            seen.setdefault(s.responsible[0])
        return tuple(seen)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` months: the same day of the month, or the month's last day
    when it has fewer days (2026-08-31 plus 6 months is 2027-02-28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, _days_in_month(year, month)))


def _days_in_month(year: int, month: int) -> int:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day


@dataclass(frozen=True)
class Handbook:
    title: str
    organisation: str
    language: str
    edition: str
    owner: str
    description: str | None = None
    repository: Repository | None = None


@dataclass(frozen=True)
class Repository:
    """Where the handbook's files are kept (``repository:`` of conf/handbook.yaml)."""

    url: str
    branch: str
    kind: str
    path: str = ""

    def file_url(self, rel: str, line: int | None = None) -> str:
        """The forge's page to edit ``rel`` (relative to the handbook root), at ``line``."""
        where = "/".join(p for p in (self.path, rel) if p)
        edit = {"github": "edit", "gitlab": "-/edit", "gitea": "_edit"}[self.kind]
        anchor = f"#L{line}" if line is not None else ""
        return f"{self.url.rstrip('/')}/{edit}/{self.branch}/{where}{anchor}"

    def commit_url(self, commit: str) -> str:
        part = {"github": "commit", "gitlab": "-/commit", "gitea": "commit"}[self.kind]
        return f"{self.url.rstrip('/')}/{part}/{commit}"


def forge_kind(url: str) -> str:
    """The kind of forge a repository address is on, when conf does not say."""
    host = url.split("://", 1)[-1].split("/", 1)[0].lower()
    if host == "github.com":
        return "github"
    if host == "codeberg.org" or "gitea" in host:
        return "gitea"
    return "gitlab"


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    kind: str
    parent: str | None = None


@dataclass(frozen=True)
class Stakeholder:
    id: str
    name: str
    kind: str
    interest: str


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    description: str
    customers: tuple[str, ...]
    owner: str


@dataclass(frozen=True)
class Resource:
    name: str
    kind: str
    description: str | None = None


@dataclass(frozen=True)
class Scope:
    task_area: str
    units: tuple[Unit, ...]
    stakeholders: tuple[Stakeholder, ...]
    services: tuple[Service, ...]
    resources: tuple[Resource, ...] = ()
    in_scope: tuple[str, ...] = ()
    out_of_scope: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    usm_role: str
    unit: str | None = None
    description: str | None = None
    people: int | None = None


@dataclass(frozen=True)
class Duty:
    profile: str
    duty: str


@dataclass(frozen=True)
class SoundingBoard:
    members: tuple[str, ...]
    cadence: str
    mandate: str | None = None


@dataclass(frozen=True)
class Governance:
    authority: str
    process_owner: str
    management: tuple[Duty, ...]
    sounding_board: SoundingBoard
    authority_rationale: str | None = None
    escalation: tuple[str, ...] = ()


@dataclass(frozen=True)
class PracticeActivity:
    """A line of a practice's translation worksheet: an activity of the source practice and
    the workflow steps (``workflow/step``) that now carry it; none is a gap."""

    activity: str
    steps: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Practice:
    id: str
    name: str
    framework: str
    status: str
    processes: tuple[str, ...]
    workflows: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()
    owner: str | None = None
    rationale: str | None = None
    activities: tuple[PracticeActivity, ...] = ()
    """The translation worksheet (optional): how the practice's activities map onto steps."""


@dataclass(frozen=True)
class CurrentSituation:
    assessed: dt.date
    summary: str
    ways_of_working: tuple[str, ...]
    culture: str | None = None
    tools: tuple[str, ...] = ()


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    unit: str
    direction: str


@dataclass(frozen=True)
class Baseline:
    date: dt.date
    method: str
    values: tuple[tuple[str, float], ...]

    def value(self, indicator: str) -> float | None:
        return dict(self.values).get(indicator)


@dataclass(frozen=True)
class Goal:
    id: str
    statement: str
    indicator: str
    target: float
    due: dt.date
    owner: str
    relevance: str
    achievable: str


@dataclass(frozen=True)
class Deliverables:
    people: tuple[str, ...]
    process: tuple[str, ...]
    technology: tuple[str, ...]


@dataclass(frozen=True)
class Sprint:
    id: str
    name: str
    start: dt.date
    end: dt.date
    workflows: tuple[str, ...]
    goals: tuple[str, ...]
    deliverables: Deliverables
    status: str
    review: str | None = None
    adjustments: tuple[str, ...] = ()


@dataclass(frozen=True)
class Measurement:
    indicator: str
    date: dt.date
    value: float


@dataclass(frozen=True)
class KnowledgeTransfer:
    id: str
    kind: str
    audience: tuple[str, ...]
    topics: tuple[str, ...]
    date: dt.date


@dataclass(frozen=True)
class Improvement:
    current_situation: CurrentSituation
    indicators: tuple[Indicator, ...]
    baseline: Baseline
    goals: tuple[Goal, ...]
    sprints: tuple[Sprint, ...]
    knowledge_transfer: tuple[KnowledgeTransfer, ...]
    measurements: tuple[Measurement, ...] = ()


@dataclass(frozen=True)
class Model:
    """A whole handbook edition. Equal models are equal editions, whatever the YAML layout."""

    handbook: Handbook
    scope: Scope
    profiles: tuple[Profile, ...]
    governance: Governance
    practices: tuple[Practice, ...]
    improvement: Improvement
    workflows: tuple[Workflow, ...]
    """Sorted by template number, then id."""
    _index: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False, repr=False)

    def _lookup(self, kind: str, items: tuple[Any, ...]) -> dict[str, Any]:
        if kind not in self._index:
            self._index[kind] = {i.id: i for i in items}
        return self._index[kind]

    def profile(self, profile_id: str) -> Profile:
        result: Profile = self._lookup("profile", self.profiles)[profile_id]
        return result

    def workflow(self, workflow_id: str) -> Workflow:
        result: Workflow = self._lookup("workflow", self.workflows)[workflow_id]
        return result

    def practice(self, practice_id: str) -> Practice:
        result: Practice = self._lookup("practice", self.practices)[practice_id]
        return result

    def unit(self, unit_id: str) -> Unit:
        result: Unit = self._lookup("unit", self.scope.units)[unit_id]
        return result

    def indicator(self, indicator_id: str) -> Indicator:
        result: Indicator = self._lookup("indicator", self.improvement.indicators)[indicator_id]
        return result


def claimed(practice: Practice) -> tuple[str, ...]:
    """The steps (``workflow/step``) a practice names: under ``steps`` or in its worksheet."""
    found = [*practice.steps, *(ref for a in practice.activities for ref in a.steps)]
    return tuple(dict.fromkeys(found))


def step_practices(model: Model, workflow: Workflow, step: Step) -> list[Practice]:
    """The practices realised in ``step``: those that name it, in conf/practices.yaml order."""
    ref = f"{workflow.id}/{step.id}"
    return [p for p in model.practices if ref in claimed(p)]


# --- construction from validated plain data ---------------------------------------------


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _opt_date(value: str | None) -> dt.date | None:
    return None if value is None else _date(value)


def _t(values: Any) -> tuple[Any, ...]:
    return tuple(values or ())


def normalise_raci(letters: str) -> str:
    """``AR`` → ``RA``: letters in R-A-C-I order, so equal RACI compares equal."""
    return "".join(c for c in RACI_ORDER if c in letters)


def templates_of(value: int | list[int]) -> tuple[int, ...]:
    """The templates a workflow's ``template:`` names: ``4`` or ``[3, 4]``."""
    return tuple(value) if isinstance(value, list) else (value,)


def build_workflow(data: dict[str, Any], source: str, lines: dict[int, int]) -> Workflow:
    """A workflow from schema-valid data; ``lines`` maps step index → line in the file."""
    numbers = templates_of(data["template"])
    template = TEMPLATES[numbers[0]]
    raw_steps = data["steps"]
    steps = []
    for i, s in enumerate(raw_steps):
        following = raw_steps[i + 1]["id"] if i + 1 < len(raw_steps) else END
        decision = None
        if "decision" in s:
            d = s["decision"]
            decision = Decision(
                d["question"], tuple(Outcome(o["label"], o["next"]) for o in d["outcomes"])
            )
        handoff = None
        if "handoff" in s:
            handoff = Handoff(s["handoff"]["workflow"], s["handoff"].get("returns", True))
        activities = tuple(
            Activity(a) if isinstance(a, str) else Activity(a["what"], a.get("how"))
            for a in s.get("activities", ())
        )
        steps.append(
            Step(
                id=s["id"],
                name=s["name"],
                kind=s["kind"],
                process=s.get("process", template.starts_in),
                raci=tuple((p, normalise_raci(v)) for p, v in s["raci"].items()),
                activities=activities,
                inputs=_t(s.get("inputs")),
                outputs=_t(s.get("outputs")),
                next=None if decision else s.get("next", following),
                decision=decision,
                handoff=handoff,
                line=lines.get(i, 1),
            )
        )
    return Workflow(
        id=data["id"],
        templates=numbers,
        name=data["name"],
        owner=data["owner"],
        status=data["status"],
        version=data["version"],
        steps=tuple(steps),
        reviewed=_opt_date(data.get("reviewed")),
        review_every=data.get("review_every"),
        purpose=data.get("purpose"),
        practices=_t(data.get("practices")),
        omitted=tuple(Omission(o["kind"], o["reason"]) for o in data.get("omitted", ())),
        source=source,
    )


def build_model(files: dict[str, dict[str, Any]], workflows: list[Workflow]) -> Model:
    """The whole handbook from schema-valid conf data (keyed by kind) and built workflows."""
    hb = files["handbook"]
    sc = files["scope"]
    gv = files["governance"]
    im = files["improvement"]
    cs = im["current_situation"]
    sb = gv["sounding_board"]
    return Model(
        handbook=Handbook(
            hb["title"],
            hb["organisation"],
            hb["language"],
            hb["edition"],
            hb["owner"],
            hb.get("description"),
            _repository(hb.get("repository")),
        ),
        scope=Scope(
            task_area=sc["task_area"],
            units=tuple(Unit(u["id"], u["name"], u["kind"], u.get("parent")) for u in sc["units"]),
            stakeholders=tuple(
                Stakeholder(s["id"], s["name"], s["kind"], s["interest"])
                for s in sc["stakeholders"]
            ),
            services=tuple(
                Service(s["id"], s["name"], s["description"], _t(s["customers"]), s["owner"])
                for s in sc["services"]
            ),
            resources=tuple(
                Resource(r["name"], r["kind"], r.get("description"))
                for r in sc.get("resources", ())
            ),
            in_scope=_t(sc.get("in_scope")),
            out_of_scope=_t(sc.get("out_of_scope")),
        ),
        profiles=tuple(
            Profile(
                p["id"],
                p["name"],
                p["usm_role"],
                p.get("unit"),
                p.get("description"),
                p.get("people"),
            )
            for p in files["profiles"]["profiles"]
        ),
        governance=Governance(
            authority=gv["authority"],
            process_owner=gv["process_owner"],
            management=tuple(Duty(m["profile"], m["duty"]) for m in gv["management"]),
            sounding_board=SoundingBoard(_t(sb["members"]), sb["cadence"], sb.get("mandate")),
            authority_rationale=gv.get("authority_rationale"),
            escalation=_t(gv.get("escalation")),
        ),
        practices=tuple(
            Practice(
                p["id"],
                p["name"],
                p["framework"],
                p["status"],
                _t(p["processes"]),
                _t(p.get("workflows")),
                _t(p.get("steps")),
                p.get("owner"),
                p.get("rationale"),
                tuple(
                    PracticeActivity(a["activity"], _t(a.get("steps")), a.get("note"))
                    for a in p.get("activities", ())
                ),
            )
            for p in files["practices"]["practices"]
        ),
        improvement=Improvement(
            current_situation=CurrentSituation(
                _date(cs["assessed"]),
                cs["summary"],
                _t(cs["ways_of_working"]),
                cs.get("culture"),
                _t(cs.get("tools")),
            ),
            indicators=tuple(
                Indicator(i["id"], i["name"], i["unit"], i["direction"]) for i in im["indicators"]
            ),
            baseline=Baseline(
                _date(im["baseline"]["date"]),
                im["baseline"]["method"],
                tuple(im["baseline"]["values"].items()),
            ),
            goals=tuple(
                Goal(
                    g["id"],
                    g["statement"],
                    g["indicator"],
                    g["target"],
                    _date(g["due"]),
                    g["owner"],
                    g["relevance"],
                    g["achievable"],
                )
                for g in im["goals"]
            ),
            sprints=tuple(
                Sprint(
                    id=s["id"],
                    name=s["name"],
                    start=_date(s["start"]),
                    end=_date(s["end"]),
                    workflows=_t(s["workflows"]),
                    goals=_t(s["goals"]),
                    deliverables=Deliverables(
                        _t(s["deliverables"]["people"]),
                        _t(s["deliverables"]["process"]),
                        _t(s["deliverables"]["technology"]),
                    ),
                    status=s["status"],
                    review=s.get("review"),
                    adjustments=_t(s.get("adjustments")),
                )
                for s in im["sprints"]
            ),
            knowledge_transfer=tuple(
                KnowledgeTransfer(
                    k["id"], k["kind"], _t(k["audience"]), _t(k["topics"]), _date(k["date"])
                )
                for k in im["knowledge_transfer"]
            ),
            measurements=tuple(
                Measurement(m["indicator"], _date(m["date"]), m["value"])
                for m in im.get("measurements", ())
            ),
        ),
        workflows=tuple(sorted(workflows, key=lambda w: (w.template, w.id))),
    )


def _repository(data: dict[str, Any] | None) -> Repository | None:
    if data is None:
        return None
    url = data["url"].removesuffix("/").removesuffix(".git")
    return Repository(
        url, data["branch"], data.get("kind") or forge_kind(url), data.get("path", "")
    )
