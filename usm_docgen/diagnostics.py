"""Diagnostics as values: the code catalogue, one problem record, and its output formats."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum, StrEnum


class Severity(StrEnum):
    """How bad a problem is: errors fail validation, warnings only with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


class Code(Enum):
    """Every problem usm-docgen can report. The value is the code shown as ``[usm.…]``.

    Each member's documentation lives in :data:`CODE_DOCS`; the handbook's error-code
    reference page is generated from it, so a new code cannot go undocumented.
    """

    YAML_SYNTAX = "yaml-syntax"
    ENCODING = "encoding"
    FILE_TOO_LARGE = "file-too-large"
    YAML_LIMIT = "yaml-limit"
    UNSAFE_TAG = "unsafe-tag"
    DUPLICATE_KEY = "duplicate-key"
    EMPTY_FILE = "empty-file"
    NOT_MAPPING = "not-mapping"
    MISSING_FILE = "missing-file"
    WRONG_EXTENSION = "wrong-extension"
    UNKNOWN_KEY = "unknown-key"
    MISSING_KEY = "missing-key"
    WRONG_TYPE = "wrong-type"
    BAD_VALUE = "bad-value"
    BAD_ID = "bad-id"
    BAD_DATE = "bad-date"
    ID_MISMATCH = "id-mismatch"
    DUPLICATE_ID = "duplicate-id"
    UNKNOWN_REF = "unknown-ref"
    RACI = "raci"
    FLOW = "flow"
    UNREACHABLE = "unreachable"
    NO_END = "no-end"
    DIAGRAM_SIZE = "diagram-size"
    DECISION = "decision"
    HANDOFF = "handoff"
    HANDOFF_PROCESS = "handoff-process"
    CONFORMANCE = "conformance"
    OMITTED = "omitted"
    SMART = "smart"
    SPRINT_DATES = "sprint-dates"
    MEASUREMENT = "measurement"
    GOAL_DIRECTION = "goal-direction"
    GOAL_UNPLANNED = "goal-unplanned"
    MEASUREMENT_FUTURE = "measurement-future"
    MEASUREMENT_STALE = "measurement-stale"
    REVIEW_OVERDUE = "review-overdue"
    SPRINT_OVERLAP = "sprint-overlap"
    SPRINT_REVIEW = "sprint-review"
    SPRINT_DELIVERABLES = "sprint-deliverables"
    KNOWLEDGE_FIRST = "knowledge-first"
    BOARD_EMPTY = "board-empty"
    BOARD_MANAGEMENT = "board-management"
    MANAGEMENT_DUTY = "management-duty"
    ESCALATION = "escalation"
    PRACTICE_PROCESS = "practice-process"
    PRACTICE_NOT_ADOPTED = "practice-not-adopted"
    PROFILE_UNUSED = "profile-unused"
    EDITION_TAG = "edition-tag"
    EDITION_NAME = "edition-name"
    UNSAFE_LINK = "unsafe-link"
    MD_DIRECTIVE = "md-directive"
    MD_EVAL_RST = "md-eval-rst"
    MD_ROLE = "md-role"
    MD_TARGET = "md-target"
    MD_HEADING = "md-heading"
    MD_UNCLOSED = "md-unclosed"
    MD_ATTRIBUTES = "md-attributes"
    MD_IMAGE = "md-image"
    MD_LINK_OUTSIDE = "md-link-outside"
    LINK_OUTSIDE_ROOT = "outside-root"
    NOT_A_FILE = "not-a-file"
    UNREADABLE = "unreadable"
    UNSAFE_PAGE = "unsafe-page"
    DIAGRAM = "diagram"
    INTERNAL = "internal"

    @property
    def full(self) -> str:
        """The code as printed, with its namespace: ``usm.unknown-ref``."""
        return f"usm.{self.value}"


@dataclass(frozen=True)
class CodeDoc:
    """What a code means and how a process owner fixes it (for the error-code reference)."""

    severity: Severity
    title: str
    fix: str


CODE_DOCS: dict[Code, CodeDoc] = {
    Code.YAML_SYNTAX: CodeDoc(
        Severity.ERROR,
        "The file is not valid YAML (unclosed bracket or quote, bad indentation, a tab).",
        "Look at the line shown and the one above it; indent with spaces, never tabs.",
    ),
    Code.ENCODING: CodeDoc(
        Severity.ERROR,
        "The file is not UTF-8 text, or holds characters YAML forbids.",
        "Save the file as UTF-8 in your editor.",
    ),
    Code.FILE_TOO_LARGE: CodeDoc(
        Severity.ERROR,
        "The file is larger than the limit (1 MiB).",
        "Split the content; no handbook file needs to be this large.",
    ),
    Code.YAML_LIMIT: CodeDoc(
        Severity.ERROR,
        "Aliases expand too far, or the document nests too deeply.",
        "Write the content out instead of nesting aliases inside aliases.",
    ),
    Code.UNSAFE_TAG: CodeDoc(
        Severity.ERROR,
        "A YAML tag such as ``!!python/object`` that could run code; it is never executed.",
        "Remove the tag; handbook files hold plain text, numbers, dates, lists and mappings.",
    ),
    Code.DUPLICATE_KEY: CodeDoc(
        Severity.ERROR,
        "The same key appears twice in one mapping (YAML would silently keep the last).",
        "Remove or rename one of the two.",
    ),
    Code.EMPTY_FILE: CodeDoc(
        Severity.ERROR, "The file holds no content.", "Fill in the required keys."
    ),
    Code.NOT_MAPPING: CodeDoc(
        Severity.ERROR,
        "The file's top level is not a mapping of keys (for example a list).",
        "Start the file with ``key: value`` lines.",
    ),
    Code.MISSING_FILE: CodeDoc(
        Severity.ERROR,
        "A required file of the handbook root is missing.",
        "Create it; ``usm-docgen new`` and the format reference show what goes in.",
    ),
    Code.WRONG_EXTENSION: CodeDoc(
        Severity.ERROR,
        "A workflow file ends in ``.yml``; only ``.yaml`` files are read.",
        "Rename the file to ``.yaml``.",
    ),
    Code.UNKNOWN_KEY: CodeDoc(
        Severity.ERROR,
        "A key the format does not know; usually a typo, never silently ignored.",
        "Use the suggested key, or remove it.",
    ),
    Code.MISSING_KEY: CodeDoc(
        Severity.ERROR, "A required key is missing.", "Add the key named in the message."
    ),
    Code.WRONG_TYPE: CodeDoc(
        Severity.ERROR,
        "A value has the wrong type: text where a number belongs, or a YAML 1.1 trap "
        "(``2026.10`` is a number, ``no`` is false).",
        "Quote text values that look like numbers, dates or yes/no.",
    ),
    Code.BAD_VALUE: CodeDoc(
        Severity.ERROR,
        "A value outside its allowed set or range (an unknown enum, an empty list).",
        "Use one of the values listed in the message.",
    ),
    Code.BAD_ID: CodeDoc(
        Severity.ERROR,
        "An id that is not a lowercase slug (``a-z``, ``0-9``, ``-``, at most 63 characters).",
        "Ids become URLs and file names: use lowercase letters, digits and hyphens.",
    ),
    Code.BAD_DATE: CodeDoc(
        Severity.ERROR,
        "A date that is not ``YYYY-MM-DD`` or does not exist (``2026-02-30``).",
        "Write a real calendar date as YYYY-MM-DD.",
    ),
    Code.ID_MISMATCH: CodeDoc(
        Severity.ERROR,
        "A workflow's ``id`` differs from its file name.",
        "Rename the file or change the id so that they match.",
    ),
    Code.DUPLICATE_ID: CodeDoc(
        Severity.ERROR,
        "Two things of the same kind share one id.",
        "Give each its own id.",
    ),
    Code.UNKNOWN_REF: CodeDoc(
        Severity.ERROR,
        "A reference to a profile, unit, workflow, step, practice, indicator or goal "
        "that does not exist.",
        "Use the suggested id, or define the thing it refers to.",
    ),
    Code.RACI: CodeDoc(
        Severity.ERROR,
        "A step's RACI does not have exactly one Accountable and at least one Responsible.",
        "Give exactly one profile ``A`` and at least one ``R``.",
    ),
    Code.FLOW: CodeDoc(
        Severity.ERROR,
        "A ``next`` or decision outcome points to a step that does not exist.",
        "Point it at a step id of the same workflow, or at ``end``.",
    ),
    Code.UNREACHABLE: CodeDoc(
        Severity.ERROR,
        "A step cannot be reached from the first step.",
        "Route a ``next`` or a decision outcome to it, or remove it.",
    ),
    Code.NO_END: CodeDoc(
        Severity.ERROR,
        "From this step the workflow can never end (a loop without a way out).",
        "Give the loop a decision outcome that leaves it.",
    ),
    Code.DIAGRAM_SIZE: CodeDoc(
        Severity.ERROR,
        "The workflow's diagram would have more arrows than Mermaid draws (500).",
        "Split the workflow into workflows that hand off to each other; a diagram that "
        "large is not readable anyway.",
    ),
    Code.DECISION: CodeDoc(
        Severity.ERROR,
        "A decision with fewer than two outcomes, or with two outcomes of the same label.",
        "A decision chooses between at least two outcomes.",
    ),
    Code.HANDOFF: CodeDoc(
        Severity.ERROR,
        "``handoff:`` on a step that is not of kind ``handoff``, a hand-off step without it, "
        "or a hand-off to a workflow that does not exist.",
        "Put ``handoff:`` only on hand-off steps, pointing at an existing workflow.",
    ),
    Code.HANDOFF_PROCESS: CodeDoc(
        Severity.WARNING,
        "A hand-off goes to a workflow whose template does not start in the process this "
        "template hands off to (USM knows only eight forks).",
        "Hand off to a workflow of the template USM prescribes.",
    ),
    Code.CONFORMANCE: CodeDoc(
        Severity.WARNING,
        "The workflow lacks a step kind of its template's skeleton, or has them out of order.",
        "Add the step, reorder, or list it under ``omitted:`` with a reason.",
    ),
    Code.OMITTED: CodeDoc(
        Severity.ERROR,
        "An ``omitted:`` kind that is not in the template's skeleton (error), or that the "
        "workflow has anyway (warning).",
        "Only skeleton kinds the workflow really leaves out belong under ``omitted:``.",
    ),
    Code.SMART: CodeDoc(
        Severity.ERROR,
        "A goal is not SMART: its indicator has no baseline value, or it is due on or before "
        "the baseline date.",
        "Measure the indicator in the baseline and set a due date after it.",
    ),
    Code.SPRINT_DATES: CodeDoc(
        Severity.ERROR,
        "A sprint ends before it starts.",
        "Swap or correct the dates.",
    ),
    Code.MEASUREMENT: CodeDoc(
        Severity.WARNING,
        "A measurement is dated before the baseline.",
        "Check the date; progress is measured after the baseline.",
    ),
    Code.GOAL_DIRECTION: CodeDoc(
        Severity.ERROR,
        "A goal's target is no improvement on its baseline value: the same, or on the wrong "
        "side for the indicator's direction (a lower target where higher is better).",
        "Set a target on the better side of the baseline, or correct the indicator's "
        "``direction``.",
    ),
    Code.GOAL_UNPLANNED: CodeDoc(
        Severity.WARNING,
        "No improvement sprint lists the goal, so nothing in the plan works towards it.",
        "Add the goal's id to ``goals:`` of the sprint that works towards it.",
    ),
    Code.MEASUREMENT_FUTURE: CodeDoc(
        Severity.ERROR,
        "A measurement is dated after the date of the check (``--today``, else today).",
        "Correct the date; record a measurement once it has been taken.",
    ),
    Code.MEASUREMENT_STALE: CodeDoc(
        Severity.WARNING,
        "An indicator that a goal uses has not been measured (baseline included) for more "
        "than six months before the date of the check.",
        "Measure the indicator and add the result under ``measurements:``.",
    ),
    Code.REVIEW_OVERDUE: CodeDoc(
        Severity.WARNING,
        "An approved workflow is past its next review: ``reviewed`` plus ``review_every`` "
        "months lies before the date of the check (``--today``, else today). A draft or "
        "retired workflow is never overdue.",
        "Review the workflow with its owner, then set ``reviewed:`` to the date of the review "
        "(and ``version:`` when it changed).",
    ),
    Code.SPRINT_OVERLAP: CodeDoc(
        Severity.WARNING,
        "Two improvement sprints overlap in time; sprints follow one another.",
        "Move the dates so that each sprint starts after the one before has ended, or merge them.",
    ),
    Code.SPRINT_REVIEW: CodeDoc(
        Severity.WARNING,
        "A sprint is ``done`` without a ``review`` or without ``adjustments``.",
        "Write down what the sprint review found and how the plan changed after it.",
    ),
    Code.SPRINT_DELIVERABLES: CodeDoc(
        Severity.WARNING,
        "A sprint delivers nothing for people, process or technology; each sprint improves "
        "all three together.",
        "Add what the sprint delivers under the empty ``deliverables`` list.",
    ),
    Code.KNOWLEDGE_FIRST: CodeDoc(
        Severity.WARNING,
        "A profile that is R or A in an approved workflow is in no knowledge-transfer "
        "audience dated on or before the end of the first sprint that introduces the "
        "workflow (requesters excepted). Reported at the profile's first R or A.",
        "Add the profile to the audience of a session dated before that sprint ends.",
    ),
    Code.BOARD_EMPTY: CodeDoc(
        Severity.ERROR,
        "The sounding board (Klankbordgroep) has no members.",
        "Name the profiles that sit in it under ``sounding_board.members``.",
    ),
    Code.BOARD_MANAGEMENT: CodeDoc(
        Severity.WARNING,
        "Every member of the sounding board is a manager (profile type line-manager, "
        "service-manager, process-manager, team-coordinator or workflow-manager); the board "
        "exists to involve staff.",
        "Add profiles of the people who do the work.",
    ),
    Code.MANAGEMENT_DUTY: CodeDoc(
        Severity.WARNING,
        "No management duty in ``management:`` is held by a profile of a management type.",
        "Give the duties of management to management's profiles.",
    ),
    Code.ESCALATION: CodeDoc(
        Severity.WARNING,
        "Authority is ``balanced`` or ``process-led``, so process and line can disagree, but "
        "``escalation`` names nobody.",
        "List, in order, the profiles who decide when process and line disagree.",
    ),
    Code.PRACTICE_PROCESS: CodeDoc(
        Severity.WARNING,
        "A practice lists a workflow that starts in a process the practice does not name "
        "under ``processes``.",
        "Add the workflow's process to the practice's ``processes``, or take the workflow "
        "off its list.",
    ),
    Code.PRACTICE_NOT_ADOPTED: CodeDoc(
        Severity.ERROR,
        "A ``not-adopted`` practice lists workflows or steps that would realise it.",
        "Remove ``workflows``/``steps``, or change the practice's status.",
    ),
    Code.PROFILE_UNUSED: CodeDoc(
        Severity.WARNING,
        "A profile appears in no step, management duty, sounding board, goal or "
        "knowledge-transfer audience.",
        "Give the profile a part in the handbook, or remove it.",
    ),
    Code.UNSAFE_LINK: CodeDoc(
        Severity.ERROR,
        "A Markdown link with a scheme other than http, https, mailto, a relative path or an "
        "anchor (for example ``javascript:``).",
        "Link to a web page, an e-mail address or a page of the handbook.",
    ),
    Code.MD_DIRECTIVE: CodeDoc(
        Severity.ERROR,
        "A MyST directive (a ```` ``` ```` or ``:::`` fence whose info string is ``{name}``), or "
        "front matter, in a Markdown field: it would run at build time.",
        "Write it as a plain code block (no braces after the fence) if you mean to show it.",
    ),
    Code.MD_EVAL_RST: CodeDoc(
        Severity.ERROR,
        "An ``{eval-rst}`` block in a Markdown field: reStructuredText runs at build time.",
        "Write the text as Markdown; show reStructuredText in a plain code block.",
    ),
    Code.MD_ROLE: CodeDoc(
        Severity.ERROR,
        "A MyST role (``{name}`text```) in a Markdown field: it would run at build time.",
        "Write the text as plain Markdown, or put it in backticks to show it as code.",
    ),
    Code.MD_TARGET: CodeDoc(
        Severity.ERROR,
        "A target ``(name)=`` or a footnote in a Markdown field: it defines a name for the whole "
        "page or handbook.",
        "Leave it out; link to a page with a relative link or to a web page instead.",
    ),
    Code.MD_HEADING: CodeDoc(
        Severity.ERROR,
        "A heading (``#`` or an underlined line) in a Markdown field: the page's headings are "
        "usm-docgen's, and a heading in a field would add a section or a second title.",
        "Use a paragraph in bold (``**Title**``) or a list instead.",
    ),
    Code.MD_UNCLOSED: CodeDoc(
        Severity.ERROR,
        "A code fence (```` ``` ````, ``~~~`` or ``:::``) that is never closed in a Markdown "
        "field.",
        "Close it with the same fence on a line of its own.",
    ),
    Code.MD_ATTRIBUTES: CodeDoc(
        Severity.ERROR,
        "MyST attribute syntax (``{#id}``, ``{.class}``, ``[text]{…}``) in a Markdown field: "
        "Markdown fields are CommonMark, nothing more.",
        "Leave the braces out, or escape the opening brace (``\\{``) to show it.",
    ),
    Code.MD_IMAGE: CodeDoc(
        Severity.ERROR,
        "An image in a Markdown field that is not a file inside the handbook root (a URL, an "
        "absolute path, a path out of the root, or a file that does not exist).",
        "Put the image in the handbook repository and give its path from the handbook root.",
    ),
    Code.MD_LINK_OUTSIDE: CodeDoc(
        Severity.ERROR,
        "A relative link in a Markdown field that leaves the site: an absolute path, a path "
        "with ``..`` past the root, or a backslash.",
        "Link to a page of the handbook with a path from the site's root, or to a web page.",
    ),
    Code.LINK_OUTSIDE_ROOT: CodeDoc(
        Severity.ERROR,
        "A file or folder in ``conf/``, ``workflows/`` or ``handbook/`` is a symbolic link to a "
        "place outside the handbook root; it is not followed.",
        "Replace the link by the file itself, or link to a file inside the handbook root.",
    ),
    Code.NOT_A_FILE: CodeDoc(
        Severity.ERROR,
        "A name in ``conf/``, ``workflows/`` or ``handbook/`` that usm-docgen would read is not "
        "a regular file (a FIFO, socket or device); it is never opened.",
        "Remove it and put a regular YAML file there.",
    ),
    Code.UNREADABLE: CodeDoc(
        Severity.ERROR,
        "A file cannot be read (for example: permission denied).",
        "Give the user who runs usm-docgen read access to the file.",
    ),
    Code.UNSAFE_PAGE: CodeDoc(
        Severity.ERROR,
        "A hand-written page under ``handbook/`` uses a directive, role, image, link or raw "
        "HTML that would read a file outside the handbook root (or a hidden one such as "
        "``.git``), fetch a URL while building, run code, or make the site load something "
        "from elsewhere; or raw HTML that does more than mark up text (a ``<script>``, an "
        "``on…`` attribute, a ``javascript:`` link).",
        "Keep included files and images inside the handbook root; link to web pages instead "
        "of fetching or embedding them; in raw HTML use only the tags and attributes the "
        "format reference lists.",
    ),
    Code.DIAGRAM: CodeDoc(
        Severity.WARNING,
        "A generated Mermaid diagram did not pass Mermaid's own parser.",
        "Report it: it is a usm-docgen bug, named with the workflow file that caused it.",
    ),
    Code.EDITION_TAG: CodeDoc(
        Severity.WARNING,
        "``usm-docgen site``: the ``edition`` in a tag's conf/handbook.yaml is not the tag's "
        "name (a ``v`` in front of it aside), so readers see two names for one edition.",
        "Set ``edition`` to the tag's name before you tag; for a tag already published, leave "
        "it (tags are not moved) and take care with the next one.",
    ),
    Code.EDITION_NAME: CodeDoc(
        Severity.WARNING,
        "``usm-docgen site``: a tag that matches the edition pattern cannot name a folder of "
        "the site (only letters, digits, ``.``, ``_`` and ``-``, not ``dev``), so it is not "
        "built.",
        "Tag the edition with a plain name such as ``v2026.2``, or narrow ``editions.tags`` "
        "in conf/handbook.yaml so the tag does not match.",
    ),
    Code.INTERNAL: CodeDoc(
        Severity.ERROR,
        "usm-docgen failed unexpectedly while reading a file.",
        "Report it with the file named in the message; it is a bug.",
    ),
}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place. Sorts by path, line and column."""

    path: str
    line: int
    column: int
    severity: Severity = field(compare=False)
    code: Code = field(compare=False)
    message: str = field(compare=False)

    def format(self) -> str:
        """The mypy-style line editors parse: ``path:line:col: error: message [usm.code]``."""
        return (
            f"{self.path}:{self.line}:{self.column}: {self.severity.value}: "
            f"{self.message} [{self.code.full}]"
        )

    def as_json(self) -> dict[str, object]:
        """A JSON-ready mapping for ``--format json``."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code.full,
            "message": self.message,
        }


def error(code: Code, message: str, path: str, line: int = 1, column: int = 1) -> Diagnostic:
    """An error diagnostic."""
    return Diagnostic(path, line, column, Severity.ERROR, code, message)


def warning(code: Code, message: str, path: str, line: int = 1, column: int = 1) -> Diagnostic:
    """A warning diagnostic."""
    return Diagnostic(path, line, column, Severity.WARNING, code, message)


def sort_unique(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted by place, with exact repeats dropped (two layers may see the same problem)."""
    seen: set[tuple[str, int, int, str, str]] = set()
    out: list[Diagnostic] = []
    for d in sorted(diagnostics, key=lambda d: (d.path, d.line, d.column, d.code.value)):
        key = (d.path, d.line, d.column, d.code.value, d.message)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def has_errors(diagnostics: Iterable[Diagnostic], *, strict: bool = False) -> bool:
    """Whether these diagnostics fail a run (warnings count only when ``strict``)."""
    return any(d.severity is Severity.ERROR or strict for d in diagnostics)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the nearest candidate, or an empty string."""
    by_lower = {c.lower(): c for c in sorted(set(candidates), reverse=True)}
    matches = difflib.get_close_matches(word.lower(), sorted(by_lower), n=1, cutoff=0.6)
    return f" (did you mean '{by_lower[matches[0]]}'?)" if matches else ""


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_undecodable(match: re.Match[str]) -> str:
    point = ord(match.group())
    return f"\\x{point - 0xDC00:02x}" if 0xDC80 <= point <= 0xDCFF else f"\\u{point:04x}"


def printable(text: str) -> str:
    """``text`` as valid UTF-8, for output: a file name may hold bytes that are not UTF-8,
    which Python carries as lone surrogates (U+DC80-U+DCFF) that no UTF-8 output can hold.
    Each such byte is shown as the four characters ``\\xff`` (as Python and many tools show
    a byte), any other lone surrogate as ``\\udxxx``. A file literally named with a
    backslash looks the same; that ambiguity is the price of output that always parses."""
    return _LONE_SURROGATE.sub(_escape_undecodable, text)


def format_text(diagnostics: Sequence[Diagnostic]) -> str:
    """All diagnostics, one per line, then a one-line summary; valid UTF-8 for any file name."""
    lines = [printable(d.format()) for d in diagnostics]
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    lines.append(f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}")
    return "\n".join(lines)


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    """All diagnostics as a JSON array, for tools; valid JSON in UTF-8 for any file name
    (a byte of a name that is not UTF-8 is written as ``\\xff``, see :func:`printable`)."""
    shown = [
        {k: printable(v) if isinstance(v, str) else v for k, v in d.as_json().items()}
        for d in diagnostics
    ]
    return json.dumps(shown, ensure_ascii=False, indent=2)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
