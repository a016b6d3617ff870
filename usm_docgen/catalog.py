"""Load a whole handbook root: every file, every cross-file check, then the model."""

from __future__ import annotations

import bisect
import datetime as dt
import errno
import gc
import os
import re
import stat
import subprocess
from collections import deque
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

from yaml.nodes import Node

from usm_docgen import markdown_check, mermaid, programme, schema
from usm_docgen.diagnostics import (
    Code,
    Diagnostic,
    Severity,
    did_you_mean,
    error,
    has_errors,
    sort_unique,
    warning,
)
from usm_docgen.markdown_check import MarkdownText
from usm_docgen.model import Model, Workflow, build_model, build_workflow, templates_of
from usm_docgen.usm import END, TEMPLATES, Template
from usm_docgen.yaml_io import MAX_BYTES, Document, KeyPath, load_text

CONF_KINDS = ("handbook", "scope", "profiles", "governance", "practices", "improvement")
WORKFLOW_DIR = "workflows"
PAGES_DIR = "handbook"
"""Hand-written pages, copied into the site (see ``sphinx_ext._copy_pages``)."""

NOT_PAGES = ("_build", "__pycache__")
"""Folders under ``handbook/`` that hold no pages: build output and caches."""
MARKDOWN_FIELDS = frozenset(
    {
        "description",
        "purpose",
        "rationale",
        "authority_rationale",
        "summary",
        "culture",
        "relevance",
        "achievable",
        "review",
        "mandate",
    }
)
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


def conf_path(kind: str) -> str:
    """Where a conf file of ``kind`` lives, relative to the handbook root."""
    return f"conf/{kind}.yaml"


class Unreadable(Exception):
    """A name the handbook holds that is not read: a link out of the root, a FIFO, no access.

    ``rel`` is where to report it: the name asked for, or the folder on the way to it that
    links out of the root. The message never shows anything of a link's target.
    """

    def __init__(self, code: Code, message: str, rel: str) -> None:
        super().__init__(message)
        self.code, self.message, self.rel = code, message, rel


def _cannot_read(exc: OSError, rel: str) -> Unreadable:
    reason = "permission denied" if exc.errno in (errno.EACCES, errno.EPERM) else None
    if reason is None and exc.errno:
        reason = os.strerror(exc.errno).lower()
    return Unreadable(Code.UNREADABLE, f"cannot read ({reason or type(exc).__name__})", rel)


def _not_a_file(kind: str, rel: str, why: str = "it is never opened") -> Unreadable:
    return Unreadable(Code.NOT_A_FILE, f"not a regular file but {kind}; {why}", rel)


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "something else"


class Tree(Protocol):
    """Read access to a handbook root: a folder on disk, or a git revision.

    ``read``, ``list_dir`` and ``size`` raise :class:`Unreadable` for a name that exists but
    is not to be read.
    """

    def read(self, rel: str) -> bytes | None:
        """The file's bytes, None when missing; at most a little past ``MAX_BYTES``."""

    def list_dir(self, rel: str) -> list[tuple[str, bool]] | None:
        """(name, is_file) of a folder's direct entries, None when the folder is missing.

        ``is_file`` is true for every entry that is not a folder, so a FIFO or a link named
        like a handbook file is read, and so reported, rather than silently skipped.
        """

    def size(self, rel: str) -> int:
        """The file's full size in bytes (asked only of files too large to read whole)."""


@dataclass(frozen=True)
class FsTree:
    """A handbook root on disk. Only regular files inside the root are ever opened: a
    handbook is untrusted input (built in CI), a link in it could point at a credentials
    file, and opening a FIFO would block the build."""

    root: Path

    def read(self, rel: str) -> bytes | None:
        path = self._regular_file(rel)
        if path is None:
            return None
        try:
            with path.open("rb") as f:  # never read a huge file whole just to refuse it
                return f.read(MAX_BYTES + 1)
        except OSError as exc:
            raise _cannot_read(exc, rel) from None

    def size(self, rel: str) -> int:
        try:
            return (self.root / rel).stat().st_size
        except OSError as exc:
            raise _cannot_read(exc, rel) from None

    def list_dir(self, rel: str) -> list[tuple[str, bool]] | None:
        self._check_inside(rel)
        path = self.root / rel
        if not path.is_dir():
            return None
        try:
            with os.scandir(path) as entries:
                return sorted((e.name, not e.is_dir()) for e in entries)
        except OSError as exc:
            raise _cannot_read(exc, rel) from None

    def refused(self, rel: str, skip: tuple[str, ...] = ()) -> Iterator[Unreadable]:
        """Everything under the folder ``rel`` that is not to be read or copied: links out of
        the root (to files or folders) and what is neither a regular file nor a folder.
        Folders named in ``skip`` are not looked into; links inside the root are fine."""
        try:
            self._check_inside(rel)
        except Unreadable as exc:
            yield exc
            return
        top = self.root / rel
        for folder, subfolders, files in os.walk(top):  # does not follow links to folders
            subfolders[:] = sorted(d for d in subfolders if d not in skip)
            here = PurePosixPath(rel, Path(folder).relative_to(top).as_posix())
            for name in sorted([*subfolders, *files]):
                try:
                    if name in files:
                        self._regular_file(str(here / name))
                    else:
                        self._check_inside(str(here / name))
                except Unreadable as exc:
                    yield exc

    def _check_inside(self, rel: str) -> None:
        """Raise when ``rel``, or a folder on the way to it, is a link out of the root."""
        root = Path(os.path.realpath(self.root))
        if Path(os.path.realpath(self.root / rel)).is_relative_to(root):
            return
        parts = PurePosixPath(rel).parts
        for i in range(1, len(parts) + 1):
            if not Path(os.path.realpath(self.root.joinpath(*parts[:i]))).is_relative_to(root):
                raise Unreadable(
                    Code.LINK_OUTSIDE_ROOT,
                    "symbolic link to a place outside the handbook root; it is not followed",
                    "/".join(parts[:i]),
                )

    def _regular_file(self, rel: str) -> Path | None:
        """``root/rel`` when it is a regular file inside the root, None when it is missing.
        Only looked at, never opened, before that: opening a FIFO blocks, a device acts."""
        self._check_inside(rel)
        path = self.root / rel
        try:
            mode = path.stat().st_mode  # follows links: one inside the root is fine
        except (FileNotFoundError, NotADirectoryError) as exc:
            if os.path.lexists(path):  # a link to nothing
                raise _cannot_read(exc, rel) from None
            return None
        except OSError as exc:
            raise _cannot_read(exc, rel) from None
        if not stat.S_ISREG(mode):
            raise _not_a_file(_kind_of(mode), rel)
        return path


@dataclass(frozen=True)
class GitTree:
    """A handbook root as it was at a git revision (for editions and "what changed")."""

    repo: Path
    rev: str
    subdir: str = ""
    _listings: dict[str, dict[str, str] | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def _spec(self, rel: str) -> str:
        return f"{self.rev}:{PurePosixPath(self.subdir, rel)}".rstrip("/")

    def _modes(self, folder: str) -> dict[str, str] | None:
        """name → git file mode of a folder's entries, None when it is missing (cached)."""
        if folder not in self._listings:
            done = subprocess.run(
                ["git", "-C", str(self.repo), "ls-tree", "-z", f"{self._spec(folder)}/"],
                capture_output=True,
                check=False,
            )
            modes = None
            if done.returncode == 0 and done.stdout:
                records = done.stdout.decode("utf-8").split("\0")
                pairs = (r.split("\t", 1) for r in records if r)
                modes = {name: meta.split()[0] for meta, name in pairs}
            self._listings[folder] = modes
        return self._listings[folder]

    def read(self, rel: str) -> bytes | None:
        folder, _, name = rel.rpartition("/")
        mode = (self._modes(folder) or {}).get(name)
        if mode is None:
            return None
        if mode == "120000":  # git stores a link's target as its content: never follow it
            raise _not_a_file("a symbolic link", rel, "it is not followed")
        if not mode.startswith("100"):
            raise _not_a_file("a folder" if mode == "040000" else "a submodule", rel)
        done = subprocess.run(
            ["git", "-C", str(self.repo), "show", self._spec(rel)], capture_output=True, check=False
        )
        return done.stdout if done.returncode == 0 else None

    def size(self, rel: str) -> int:
        done = subprocess.run(
            ["git", "-C", str(self.repo), "cat-file", "-s", self._spec(rel)],
            capture_output=True,
            check=False,
            text=True,
        )
        return int(done.stdout.strip() or 0)

    def list_dir(self, rel: str) -> list[tuple[str, bool]] | None:
        modes = self._modes(rel)
        return None if modes is None else sorted((n, m != "040000") for n, m in modes.items())


def read_quietly(root: Path, rel: str) -> bytes | None:
    """``rel``'s bytes, None when it is missing or may not be read (a link out of the root,
    not a regular file, unreadable): for callers that only peek at one file; :func:`load`
    reports why."""
    try:
        return FsTree(root).read(rel)
    except Unreadable:
        return None


@dataclass
class LoadResult:
    """A handbook as loaded: the model when there were no errors, and every diagnostic."""

    model: Model | None
    diagnostics: list[Diagnostic]
    files: list[str] = field(default_factory=list)
    """Every file read, relative to the root (for dependency tracking)."""
    today: dt.date | None = None
    """The date the checks were made for (``--today``): the pages that depend on it (the
    reviews on the governance page) are rendered for the same date."""
    lines: dict[str, int] = field(default_factory=dict)
    """``profiles/ID`` and ``practices/ID`` → the line of that entry in its conf file, for
    the "edit this file" link of its page."""

    def failed(self, *, strict: bool = False) -> bool:
        return self.model is None or has_errors(self.diagnostics, strict=strict)


def not_a_handbook(root: Path) -> str | None:
    """Why ``root`` is not a handbook folder at all (no ``conf/`` and no ``workflows/``), in
    one sentence; None when it is one, however incomplete (then each missing file is a
    problem of its own)."""
    if (root / "conf").is_dir() or (root / WORKFLOW_DIR).is_dir():
        return None
    return (
        f"{root} is not a handbook folder: it has no conf/ and no {WORKFLOW_DIR}/ folder. "
        "Give the folder that holds the handbook's conf/ and workflows/"
    )


def load(
    root: Path | Tree, display_root: str | None = None, *, today: dt.date | None = None
) -> LoadResult:
    """Load and check the handbook at ``root``. Paths in diagnostics start ``display_root``;
    ``today`` is the date time-dependent checks are made for (``--today``; default today)."""
    tree = FsTree(root) if isinstance(root, Path) else root
    if display_root is None:
        display_root = str(root) if isinstance(root, Path) else ""
    # A handbook is hundreds of thousands of small acyclic objects; the cyclic collector
    # would rescan them again and again while they are made (measured: half the run time).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _Loader(tree, display_root, today or programme.check_date()).run()
    finally:
        if was_enabled:
            gc.enable()


# --- the loader ---------------------------------------------------------------------------


@dataclass
class _Ids:
    """The ids of one kind: id → (document, path of the id value)."""

    kind: str
    known: dict[str, tuple[Document, KeyPath]] = field(default_factory=dict)
    complete: bool = True
    """False when a file defining this kind failed: references are then not checked."""


class _Loader:
    def __init__(self, tree: Tree, display_root: str, today: dt.date) -> None:
        self.tree = tree
        self.display_root = display_root
        self.today = today
        self.diags: list[Diagnostic] = []
        self.conf: dict[str, Document] = {}
        self.workflows: dict[str, Document] = {}
        self.files: list[str] = []
        self.ids: dict[str, _Ids] = {}
        self.listed = False
        """Whether workflows/ could be listed (else references to workflows go unchecked)."""

    def show(self, rel: str) -> str:
        return str(PurePosixPath(self.display_root, rel)) if self.display_root else rel

    # reading ---------------------------------------------------------------------------

    def refuse(self, problem: Unreadable) -> None:
        self.diags.append(error(problem.code, problem.message, self.show(problem.rel)))

    def read(self, rel: str, kind: str) -> Document | None:
        try:
            raw = self.tree.read(rel)
            size = self.tree.size(rel) if raw is not None and len(raw) > MAX_BYTES else None
        except Unreadable as problem:  # a link out of the root, a FIFO, no access: not read
            self.refuse(problem)
            return None
        if raw is None:
            self.diags.append(
                error(Code.MISSING_FILE, f"missing required file {rel}", self.show(rel))
            )
            return None
        self.files.append(rel)
        display = self.show(rel)
        try:
            doc, found = load_text(raw, display, size)
            if doc is not None:
                # A refused tag was read as plain content; do not also call that a wrong type.
                refused = {(d.line, d.column) for d in found if d.code is Code.UNSAFE_TAG}
                found += [d for d in schema.check(doc, kind) if (d.line, d.column) not in refused]
        except Exception as exc:  # a bug must still name the file, never show a traceback
            self.diags.append(
                error(
                    Code.INTERNAL,
                    f"usm-docgen failed on this file "
                    f"({type(exc).__name__}: {exc}); please report it",
                    display,
                )
            )
            return None
        self.diags += found
        return None if has_errors(found) else doc

    def run(self) -> LoadResult:
        for kind in CONF_KINDS:
            doc = self.read(conf_path(kind), kind)
            if doc is not None:
                self.conf[kind] = doc
        self.read_workflows()
        self.check_pages()
        self.collect_ids()
        self.check_references()
        for stem, doc in self.workflows.items():
            self.check_workflow(stem, doc)
        self.check_improvement()
        # The programme checks judge what the files say; a file with an error (a broken
        # reference, say) would only give them a second, misleading reason to complain.
        broken = {d.path for d in self.diags if d.severity is Severity.ERROR}
        conf = {k: d for k, d in self.conf.items() if d.path not in broken}
        workflows = {
            k: d for k, d in self.workflows.items() if d is not _FAILED and d.path not in broken
        }
        every = self.listed and len(workflows) == len(self.workflows)
        self.diags += programme.check(conf, workflows, self.today, all_workflows=every)
        for kind, doc in self.conf.items():
            self.check_markdown(doc, conf_path(kind), doc.data, ())
        for stem, doc in self.workflows.items():
            if doc is not _FAILED:
                self.check_markdown(doc, f"{WORKFLOW_DIR}/{stem}.yaml", doc.data, ())
        diagnostics = sort_unique(self.diags)
        model = None if has_errors(diagnostics) else self.build()
        return LoadResult(model, diagnostics, self.files, self.today, self.entry_lines())

    def read_workflows(self) -> None:
        try:
            entries = self.tree.list_dir(WORKFLOW_DIR)
        except Unreadable as problem:
            self.refuse(problem)
            return
        self.listed = entries is not None
        if entries is None:
            self.diags.append(
                error(
                    Code.MISSING_FILE,
                    "missing folder workflows/ (one YAML file per workflow)",
                    self.show(WORKFLOW_DIR),
                )
            )
            return
        for name, is_file in entries:
            rel = f"{WORKFLOW_DIR}/{name}"
            if is_file and name.endswith(".yml"):
                self.diags.append(
                    error(
                        Code.WRONG_EXTENSION,
                        f"workflow files end in .yaml: rename to {name[:-4]}.yaml",
                        self.show(rel),
                    )
                )
            elif is_file and name.endswith(".yaml"):
                doc = self.read(rel, "workflow")
                self.workflows[name[:-5]] = doc if doc is not None else _FAILED

    def entry_lines(self) -> dict[str, int]:
        lines: dict[str, int] = {}
        for kind in ("profiles", "practices"):
            doc = self.conf.get(kind)
            entries = doc.data.get(kind) if doc is not None else None
            if doc is None or not isinstance(entries, list):
                continue
            for i, entry in enumerate(entries):
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    lines[f"{kind}/{entry['id']}"] = doc.value_at((kind, i)).line
        return lines

    def check_pages(self) -> None:
        """Hand-written pages go into the site as they are: none may be a link out of the
        root or a FIFO (only a folder on disk has such things)."""
        if isinstance(self.tree, FsTree):
            for problem in self.tree.refused(PAGES_DIR, NOT_PAGES):
                self.refuse(problem)

    # ids --------------------------------------------------------------------------------

    def collect_ids(self) -> None:
        def collect(
            kind: str, docs: Iterable[Document | None], list_key: str | None, complete: bool = True
        ) -> None:
            ids = self.ids.setdefault(kind, _Ids(kind))
            ids.complete = ids.complete and complete
            for doc in docs:
                if doc is None or doc is _FAILED:
                    ids.complete = False
                    continue
                items = (
                    [(doc.data, ())]
                    if list_key is None
                    else [
                        (item, (*_split(list_key), i))
                        for i, item in enumerate(_get(doc.data, list_key) or [])
                    ]
                )
                for item, path in items:
                    self.define(ids, item["id"], doc, (*path, "id"))

        collect("unit", [self.conf.get("scope")], "units")
        collect("stakeholder", [self.conf.get("scope")], "stakeholders")
        collect("service", [self.conf.get("scope")], "services")
        collect("profile", [self.conf.get("profiles")], "profiles")
        collect("practice", [self.conf.get("practices")], "practices")
        for list_key, kind in (
            ("indicators", "indicator"),
            ("goals", "goal"),
            ("sprints", "sprint"),
            ("knowledge_transfer", "knowledge item"),
        ):
            collect(kind, [self.conf.get("improvement")], list_key)
        # A workflow is known by its file name: others refer to it by that, and the file names
        # are unique, so a mismatching id is one error on that file and no cascade elsewhere.
        workflows = self.ids.setdefault("workflow", _Ids("workflow"))
        workflows.complete = self.listed
        for stem, doc in self.workflows.items():
            if doc is _FAILED:
                workflows.complete = False
                continue
            workflows.known[stem] = (doc, ("id",))
            if stem == "index":
                self.at_value(
                    doc,
                    ("id",),
                    Code.BAD_ID,
                    "'index' is reserved for the page that lists every workflow: rename "
                    "workflows/index.yaml and its id",
                )
        for stem, doc in self.workflows.items():
            if doc is _FAILED or doc.data["id"] == stem:
                continue
            other = workflows.known.get(doc.data["id"])
            also = f"; '{doc.data['id']}' is already the id of {other[0].path}" if other else ""
            self.at_value(
                doc,
                ("id",),
                Code.ID_MISMATCH,
                f"workflow id '{doc.data['id']}' differs from its file name "
                f"'{stem}.yaml': rename one so they match{also}",
            )

    def define(self, ids: _Ids, value: str, doc: Document, path: KeyPath) -> None:
        if value == "index" and ids.kind in _PAGE_KINDS:
            self.at_value(
                doc,
                path,
                Code.BAD_ID,
                f"'index' is reserved for the page that lists every {ids.kind}: choose "
                f"another {ids.kind} id",
            )
        if value in ids.known:
            first_doc, first_path = ids.known[value]
            where = first_doc.value_at(first_path)
            self.at_value(
                doc,
                path,
                Code.DUPLICATE_ID,
                f"duplicate {ids.kind} id '{value}' (first defined at "
                f"{first_doc.path}:{where.line})",
            )
        else:
            ids.known[value] = (doc, path)

    def ref(
        self,
        kind: str,
        value: object,
        doc: Document,
        path: KeyPath,
        what: str = "",
        *,
        is_key: bool = False,
    ) -> None:
        """Report ``value`` at ``path`` when it is not a known id of ``kind``."""
        ids = self.ids[kind]
        if not ids.complete or not isinstance(value, str) or value in ids.known:
            return
        report = self.at_key if is_key else self.at_value
        report(
            doc,
            path,
            Code.UNKNOWN_REF,
            f"unknown {kind} '{value}'{what}{did_you_mean(value, ids.known)}",
        )

    def at_value(
        self, doc: Document, path: KeyPath, code: Code, message: str, *, warn: bool = False
    ) -> None:
        pos = doc.value_at(path)
        make = warning if warn else error
        self.diags.append(make(code, message, doc.path, pos.line, pos.column))

    def at_key(
        self, doc: Document, path: KeyPath, code: Code, message: str, *, warn: bool = False
    ) -> None:
        pos = doc.key_at(path)
        make = warning if warn else error
        self.diags.append(make(code, message, doc.path, pos.line, pos.column))

    # references between files -----------------------------------------------------------

    def check_references(self) -> None:
        for kind, doc in self.conf.items():
            for path, target in _REFS.get(kind, ()):
                for full, value in _walk(doc.data, path):
                    self.ref(target, value, doc, full, is_key=path.endswith("~"))
        practices = self.conf.get("practices")
        if practices is not None:
            for pattern in ("practices.*.steps.*", "practices.*.activities.*.steps.*"):
                for full, value in _walk(practices.data, pattern):
                    self.check_step_ref(practices, full, value)
        for doc in self.workflows.values():
            if doc is _FAILED:
                continue
            self.ref("profile", doc.data["owner"], doc, ("owner",))
            for full, value in _walk(doc.data, "practices.*"):
                self.ref("practice", value, doc, full)
            for i, step in enumerate(doc.data["steps"]):
                for profile in step["raci"]:
                    if self.ids["profile"].complete and profile not in self.ids["profile"].known:
                        self.at_key(
                            doc,
                            ("steps", i, "raci", profile),
                            Code.UNKNOWN_REF,
                            f"unknown profile '{profile}'"
                            f"{did_you_mean(profile, self.ids['profile'].known)}",
                        )

    def check_step_ref(self, doc: Document, path: KeyPath, value: str) -> None:
        workflow_id, _, step_id = value.partition("/")
        self.ref("workflow", workflow_id, doc, path)
        target = self.ids["workflow"].known.get(workflow_id)
        if target is not None:
            steps = [s["id"] for s in target[0].data["steps"]]
            if step_id not in steps:
                self.at_value(
                    doc,
                    path,
                    Code.UNKNOWN_REF,
                    f"workflow '{workflow_id}' has no step '{step_id}'"
                    f"{did_you_mean(step_id, steps)}",
                )

    # one workflow -----------------------------------------------------------------------

    def check_workflow(self, stem: str, doc: Document) -> None:
        if doc is _FAILED:
            return
        data = doc.data
        numbers = templates_of(data["template"])
        same_process = self.check_templates(doc, numbers)
        steps: list[dict[str, Any]] = data["steps"]
        step_ids: dict[str, int] = {}
        for i, step in enumerate(steps):
            if step["id"] == END:
                self.at_value(
                    doc,
                    ("steps", i, "id"),
                    Code.BAD_ID,
                    "'end' is reserved (it ends the workflow) and cannot be a step id",
                )
            elif step["id"] in step_ids:
                first = doc.value_at(("steps", step_ids[step["id"]], "id"))
                self.at_value(
                    doc,
                    ("steps", i, "id"),
                    Code.DUPLICATE_ID,
                    f"duplicate step id '{step['id']}' (first at line {first.line})",
                )
            else:
                step_ids[step["id"]] = i
        # With templates from different processes nothing says where a hand-off may go.
        hands_off_to = _hands_off_to(numbers) if same_process else None
        for i, step in enumerate(steps):
            self.check_raci(doc, i, step)
            self.check_handoff(doc, i, step, hands_off_to)
        flow_errors = len(self.diags)
        edges = self.check_targets(doc, steps, step_ids)
        flow_ok = len(self.diags) == flow_errors
        if flow_ok:  # with a broken target, reachability means nothing
            self.check_reachability(doc, steps, edges)
        if (arrows := mermaid.edge_count(steps)) > mermaid.MAX_EDGES:
            self.at_key(
                doc,
                ("steps",),
                Code.DIAGRAM_SIZE,
                f"the diagram of this workflow would have {arrows:,} arrows, more than the "
                f"{mermaid.MAX_EDGES} that Mermaid draws ({len(steps):,} steps); split it into "
                "workflows that hand off to each other",
            )
        if not same_process:
            return
        if len(numbers) == 1:
            self.check_conformance(doc, steps)
        elif flow_ok:  # routes follow the flow: a broken one has none to follow
            self.check_conformance(doc, steps, self.check_routes(doc, steps, edges, numbers))

    def check_templates(self, doc: Document, numbers: tuple[int, ...]) -> bool:
        """A dynamic workflow's templates must start in one process; report any that do not."""
        first = TEMPLATES[numbers[0]]
        same = True
        for j, number in enumerate(numbers):
            template = TEMPLATES[number]
            if template.starts_in != first.starts_in:
                self.at_value(
                    doc,
                    ("template", j),
                    Code.BAD_VALUE,
                    f"template {number} starts in {template.starts_in}, template "
                    f"{first.number} in {first.starts_in}: the templates of a dynamic workflow "
                    "start in the same process ([3, 4], or two or three of [6, 7, 8])",
                )
                same = False
        return same

    def target_process(self, step: dict[str, Any]) -> str | None:
        """The process a hand-off step's target workflow starts in; None when it is unknown."""
        target = self.ids["workflow"].known.get(step["handoff"]["workflow"])
        if target is None:
            return None
        return TEMPLATES[templates_of(target[0].data["template"])[0]].starts_in

    def check_routes(
        self,
        doc: Document,
        steps: list[dict[str, Any]],
        edges: dict[str, list[str]],
        numbers: tuple[int, ...],
    ) -> list[_Route]:
        """The routes of a dynamic workflow, one per hand-off step to a process one of its
        templates hands off to; a listed template that no route reaches is an error."""
        route_of: dict[int, int] = {}  # hand-off step index → template of its route
        known = self.ids["workflow"].complete
        for i, step in enumerate(steps):
            if step["kind"] != "handoff" or "handoff" not in step:
                continue
            process = self.target_process(step)
            known = known and process is not None
            for number in numbers:
                if process is not None and TEMPLATES[number].hands_off_to == process:
                    route_of[i] = number
        if known:  # with a target unknown, a template may be reached through it
            for j, number in enumerate(numbers):
                if number not in route_of.values():
                    process = TEMPLATES[number].hands_off_to
                    self.at_value(
                        doc,
                        ("template", j),
                        Code.HANDOFF,
                        f"template {number} is listed, but no step hands off to a workflow "
                        f"that starts in {process}: each template of a dynamic workflow needs "
                        f"a route (a decision outcome leading to a hand-off to {process}); add "
                        f"one, or take {number} off the list",
                    )
        reverse: dict[str, list[str]] = {}
        for source, targets in edges.items():
            for target in targets:
                reverse.setdefault(target, []).append(source)
        first = steps[0]["id"]
        routes = []
        for i, number in route_of.items():
            # Another route's hand-off is a fork in the road, not a step of this route.
            avoid = {steps[k]["id"] for k, n in route_of.items() if n != number}
            here = steps[i]["id"]
            before = _reach(first, edges, avoid) & _reach(here, reverse, avoid)
            after = _reach(here, edges, avoid) & _reach(END, reverse, avoid)
            on_route = before | after
            routes.append(
                _Route(i, number, tuple(k for k, s in enumerate(steps) if s["id"] in on_route))
            )
        return routes

    def check_raci(self, doc: Document, i: int, step: dict[str, Any]) -> None:
        raci: dict[str, str] = step["raci"]
        accountable = [p for p, v in raci.items() if "A" in v]
        responsible = [p for p, v in raci.items() if "R" in v]
        where = ("steps", i, "raci")
        if len(accountable) != 1:
            held = (
                f"{len(accountable)} profiles hold A ({', '.join(accountable)})"
                if accountable
                else "no profile holds A"
            )
            self.at_key(
                doc,
                where,
                Code.RACI,
                f"step '{step['id']}': {held}; exactly one profile is Accountable",
            )
        if not responsible:
            self.at_key(
                doc,
                where,
                Code.RACI,
                f"step '{step['id']}': no profile holds R; at least one is Responsible",
            )

    def check_handoff(
        self, doc: Document, i: int, step: dict[str, Any], hands_off_to: tuple[str, ...] | None
    ) -> None:
        """A hand-off's form, and its target: a workflow that starts in one of the processes
        in ``hands_off_to`` (empty: any workflow, as from template 5; None: not checked)."""
        has = "handoff" in step
        if has and step["kind"] != "handoff":
            self.at_key(
                doc,
                ("steps", i, "handoff"),
                Code.HANDOFF,
                f"'handoff:' belongs only on a step of kind handoff; step "
                f"'{step['id']}' is of kind {step['kind']}",
            )
        elif not has and step["kind"] == "handoff":
            self.at_value(
                doc,
                ("steps", i, "kind"),
                Code.HANDOFF,
                f"hand-off step '{step['id']}' needs 'handoff: {{workflow: …}}' "
                "naming the workflow it hands over to",
            )
        if not has:
            return
        path: KeyPath = ("steps", i, "handoff", "workflow")
        target_id = step["handoff"]["workflow"]
        self.ref("workflow", target_id, doc, path, " to hand off to")
        target = self.ids["workflow"].known.get(target_id)
        if target is None or not hands_off_to:
            return
        target_numbers = templates_of(target[0].data["template"])
        starts_in = TEMPLATES[target_numbers[0]].starts_in
        numbers = templates_of(doc.data["template"])
        own = TEMPLATES[numbers[0]].starts_in
        if starts_in not in hands_off_to and not self.is_transfer(doc, step):
            verb = "hands" if len(numbers) == 1 else "hand"
            hint = (
                f"; to pass the call on for good to another workflow of {own}, write "
                "'returns: false'"
                if starts_in == own
                else ""
            )
            self.at_value(
                doc,
                path,
                Code.HANDOFF_PROCESS,
                f"{_templates_words(numbers)} {verb} off to {' or '.join(hands_off_to)}, but "
                f"'{target_id}' ({_templates_words(target_numbers)}) starts in {starts_in}" + hint,
                warn=True,
            )

    def is_transfer(self, doc: Document, step: dict[str, Any]) -> bool:
        """A transfer: a hand-off that passes the call for good (``returns: false``) to
        another workflow that starts in the same process (an incident that turns out to need
        a change, 4 → 3). It is no hand-off of the template: the template's hand-off process
        and skeleton do not apply to it."""
        handoff = step.get("handoff")
        if step["kind"] != "handoff" or not handoff or handoff.get("returns", True) is not False:
            return False
        target = self.ids["workflow"].known.get(handoff["workflow"])
        if target is None or target[0] is doc:
            return False
        first = TEMPLATES[templates_of(target[0].data["template"])[0]]
        return first.starts_in == TEMPLATES[templates_of(doc.data["template"])[0]].starts_in

    def check_targets(
        self, doc: Document, steps: list[dict[str, Any]], step_ids: dict[str, int]
    ) -> dict[str, list[str]]:
        """Check every ``next`` and outcome; return the flow graph (step → successors)."""
        edges: dict[str, list[str]] = {}
        for i, step in enumerate(steps):
            following = steps[i + 1]["id"] if i + 1 < len(steps) else END
            targets: list[tuple[str, KeyPath]] = []
            if "decision" in step:
                outcomes = step["decision"]["outcomes"]
                labels: dict[str, int] = {}
                for j, outcome in enumerate(outcomes):
                    targets.append(
                        (outcome["next"], ("steps", i, "decision", "outcomes", j, "next"))
                    )
                    if outcome["label"] in labels:
                        self.at_value(
                            doc,
                            ("steps", i, "decision", "outcomes", j, "label"),
                            Code.DECISION,
                            f"two outcomes labelled '{outcome['label']}' in step '{step['id']}'",
                        )
                    labels[outcome["label"]] = j
            elif "next" in step:
                targets.append((step["next"], ("steps", i, "next")))
            else:
                targets.append((following, ()))
            out = edges.setdefault(step["id"], [])
            for target, path in targets:
                if target != END and target not in step_ids:
                    self.at_value(
                        doc,
                        path,
                        Code.FLOW,
                        f"step '{step['id']}' goes to unknown step '{target}'"
                        f"{did_you_mean(target, step_ids)}; use a step id or 'end'",
                    )
                    out.append(END)  # already reported: do not also call it a dead end
                else:
                    out.append(target)
            if step.get("handoff", {}).get("returns", True) is False:
                # The spec: such a step "counts as reaching the end". Its written next stays an
                # edge too, so the review and evaluate steps after it are not unreachable.
                out.append(END)
        return edges

    def check_reachability(
        self, doc: Document, steps: list[dict[str, Any]], edges: dict[str, list[str]]
    ) -> None:
        first = steps[0]["id"]
        reached = _reach(first, edges)
        for i, step in enumerate(steps):
            if step["id"] not in reached:
                self.at_value(
                    doc,
                    ("steps", i, "id"),
                    Code.UNREACHABLE,
                    f"step '{step['id']}' cannot be reached from the first step '{first}'",
                )
        reverse: dict[str, list[str]] = {}
        for source, targets in edges.items():
            for target in targets:
                reverse.setdefault(target, []).append(source)
        ending = _reach(END, reverse)
        trapped = [i for i, s in enumerate(steps) if s["id"] in reached and s["id"] not in ending]
        # Name the loop itself: trapped steps that lie on a cycle, not those leading into it.
        looping = [
            i
            for i in trapped
            if any(steps[i]["id"] in _reach(n, edges) for n in edges.get(steps[i]["id"], ()))
        ]
        trapped = looping or trapped
        if trapped:
            names = ", ".join(f"'{steps[i]['id']}'" for i in trapped)
            self.at_value(
                doc,
                ("steps", trapped[0], "id"),
                Code.NO_END,
                f"the workflow can never end from step {names}: a loop without a "
                "way out (give a decision an outcome that leaves it, or 'next: end')",
            )

    def check_conformance(
        self, doc: Document, steps: list[dict[str, Any]], routes: list[_Route] | None = None
    ) -> None:
        """Skeleton conformance: of the whole workflow, or of each route of a dynamic one
        (the templates of a dynamic workflow share one skeleton; ``omitted:`` holds for all)."""
        numbers = templates_of(doc.data["template"])
        template = TEMPLATES[numbers[0]]
        first_of: dict[str, int] = {}
        for i, step in enumerate(steps):
            if not self.is_transfer(doc, step):
                first_of.setdefault(step["kind"], i)
        omitted = {o["kind"]: j for j, o in enumerate(doc.data.get("omitted", []))}
        for kind, j in omitted.items():
            path: KeyPath = ("omitted", j, "kind")
            if kind not in template.skeleton:
                self.at_value(
                    doc,
                    path,
                    Code.OMITTED,
                    f"'{kind}' is not in the skeleton of {_templates_words(numbers)} "
                    f"({', '.join(template.skeleton)}); nothing to omit",
                )
            elif kind in first_of:
                self.at_value(
                    doc,
                    path,
                    Code.OMITTED,
                    f"'{kind}' is listed as omitted, but "
                    f"step '{steps[first_of[kind]]['id']}' has that kind",
                    warn=True,
                )
        if routes is None:
            self.check_skeleton(doc, steps, range(len(steps)), template, omitted)
        for route in routes or ():
            self.check_skeleton(doc, steps, route.steps, TEMPLATES[route.template], omitted, route)

    def check_skeleton(
        self,
        doc: Document,
        steps: list[dict[str, Any]],
        indexes: Iterable[int],
        template: Template,
        omitted: dict[str, int],
        route: _Route | None = None,
    ) -> None:
        """The first step of each skeleton kind among ``indexes``: present, and in order."""
        first_of: dict[str, int] = {}
        for i in indexes:
            if not self.is_transfer(doc, steps[i]):
                first_of.setdefault(steps[i]["kind"], i)
        skeleton = ", ".join(template.skeleton)
        on_route, missing = "", f"template {template.number} expects a step"
        where: KeyPath = ("steps",)
        if route is not None:
            # A route's problems are reported at its hand-off step: that names the route.
            name = (
                f"the route through '{steps[route.handoff]['id']}' to "
                f"{template.hands_off_to} (template {template.number})"
            )
            on_route, where = f"on {name}, ", ("steps", route.handoff, "handoff")
            missing = f"{name} has no step"
        last_index, last_kind = -1, ""
        for kind in template.skeleton:
            if kind not in first_of:
                if kind not in omitted:
                    self.at_key(
                        doc,
                        where,
                        Code.CONFORMANCE,
                        f"{missing} of kind '{kind}' (skeleton: {skeleton}); add one, or list "
                        "it under 'omitted:' with a reason",
                        warn=True,
                    )
                continue
            index = first_of[kind]
            if index < last_index:
                self.at_value(
                    doc,
                    ("steps", index, "kind"),
                    Code.CONFORMANCE,
                    f"{on_route}step '{steps[index]['id']}' of kind '{kind}' comes before the "
                    f"'{last_kind}' step; template {template.number} runs {skeleton}",
                    warn=True,
                )
            else:
                last_index, last_kind = index, kind

    # the improvement programme ----------------------------------------------------------

    def check_improvement(self) -> None:
        doc = self.conf.get("improvement")
        if doc is None:
            return
        data = doc.data
        baseline_date = data["baseline"]["date"]
        values = data["baseline"]["values"]
        for i, goal in enumerate(data["goals"]):
            if goal["indicator"] in self.ids["indicator"].known and goal["indicator"] not in values:
                self.at_value(
                    doc,
                    ("goals", i, "indicator"),
                    Code.SMART,
                    f"goal '{goal['id']}' is not measurable: indicator "
                    f"'{goal['indicator']}' has no baseline value",
                )
            if goal["due"] <= baseline_date:
                self.at_value(
                    doc,
                    ("goals", i, "due"),
                    Code.SMART,
                    f"goal '{goal['id']}' is due {goal['due']}, not after the "
                    f"baseline of {baseline_date}",
                )
        for i, sprint in enumerate(data["sprints"]):
            if sprint["end"] < sprint["start"]:
                self.at_value(
                    doc,
                    ("sprints", i, "end"),
                    Code.SPRINT_DATES,
                    f"sprint '{sprint['id']}' ends {sprint['end']}, before it starts "
                    f"({sprint['start']})",
                )
        for i, m in enumerate(data.get("measurements", [])):
            if m["date"] < baseline_date:
                self.at_value(
                    doc,
                    ("measurements", i, "date"),
                    Code.MEASUREMENT,
                    f"measurement of '{m['indicator']}' is dated {m['date']}, before "
                    f"the baseline of {baseline_date}",
                    warn=True,
                )
        for i, item in enumerate(data["knowledge_transfer"]):
            for j, topic in enumerate(item["topics"]):
                if ID_RE.match(topic):
                    self.ref(
                        "workflow",
                        topic,
                        doc,
                        ("knowledge_transfer", i, "topics", j),
                        " in topics (a topic written like an id names a workflow; write "
                        "free text with spaces or capitals)",
                    )

    # Markdown fields --------------------------------------------------------------------

    def check_markdown(self, doc: Document, rel: str, value: Any, path: KeyPath) -> None:
        """Check every Markdown field (``markdown_check``) and mark its text with where it
        is written, so the build can point a warning about it back at the YAML."""
        items: Iterable[tuple[Any, Any]] = (
            value.items() if isinstance(value, dict) else enumerate(value)
        )
        for key, item in items:
            if isinstance(item, (dict, list)):
                self.check_markdown(doc, rel, item, (*path, key))
            elif key in MARKDOWN_FIELDS and isinstance(item, str):
                node = doc.node_at((*path, key))
                for problem in markdown_check.check(item, str(key), self.is_file):
                    line, column = _place_in_value(doc, node, item, problem)
                    self.diags.append(error(problem.code, problem.message, doc.path, line, column))
                line, column, literal = _value_start(doc, node)
                value[key] = MarkdownText(item, rel, line, column, literal=literal, key=str(key))

    def is_file(self, rel: str) -> bool:
        """Whether ``rel`` is a file of the handbook (an image a Markdown field shows)."""
        try:
            return self.tree.read(rel) is not None
        except Exception:  # a file that cannot be read is no image to show
            return False

    # the model --------------------------------------------------------------------------

    def build(self) -> Model:
        workflows: list[Workflow] = []
        for stem, doc in self.workflows.items():
            lines = {i: doc.value_at(("steps", i)).line for i in range(len(doc.data["steps"]))}
            workflows.append(build_workflow(doc.data, f"{WORKFLOW_DIR}/{stem}.yaml", lines))
        return build_model({k: d.data for k, d in self.conf.items()}, workflows)


_PAGE_KINDS = ("profile", "practice")
"""Kinds with a page each, named after the id, beside their index page (workflows: by file)."""

_FAILED = Document("<failed>", None)
"""Stands for a file that was read but did not pass its own checks."""

_REFS: dict[str, tuple[tuple[str, str], ...]] = {
    "handbook": (("owner", "profile"),),
    "scope": (
        ("units.*.parent", "unit"),
        ("services.*.customers.*", "stakeholder"),
        ("services.*.owner", "profile"),
    ),
    "profiles": (("profiles.*.unit", "unit"),),
    "governance": (
        ("process_owner", "profile"),
        ("escalation.*", "profile"),
        ("management.*.profile", "profile"),
        ("sounding_board.members.*", "profile"),
    ),
    "practices": (("practices.*.workflows.*", "workflow"), ("practices.*.owner", "profile")),
    "improvement": (
        ("goals.*.indicator", "indicator"),
        ("goals.*.owner", "profile"),
        ("sprints.*.workflows.*", "workflow"),
        ("sprints.*.goals.*", "goal"),
        ("measurements.*.indicator", "indicator"),
        ("knowledge_transfer.*.audience.*", "profile"),
        ("baseline.values.~", "indicator"),
    ),
}
"""Which values refer to which kind of id, by a dotted path (``*`` any item, ``~`` keys)."""


@dataclass(frozen=True)
class _Route:
    """One route of a dynamic workflow: from the start through a hand-off step to the end."""

    handoff: int
    """Index of the hand-off step."""
    template: int
    """The template of the route: the one that hands off to where that step hands off."""
    steps: tuple[int, ...]
    """Indexes of the steps on the route, in file order."""


def _hands_off_to(numbers: tuple[int, ...]) -> tuple[str, ...]:
    """The processes the templates ``numbers`` hand off to, in order, each once."""
    found = (TEMPLATES[n].hands_off_to for n in numbers)
    return tuple(dict.fromkeys(p for p in found if p is not None))


def _templates_words(numbers: tuple[int, ...]) -> str:
    """``template 3``, ``templates 3 and 4``, ``templates 6, 7 and 8``."""
    if len(numbers) == 1:
        return f"template {numbers[0]}"
    return f"templates {', '.join(map(str, numbers[:-1]))} and {numbers[-1]}"


def _split(dotted: str) -> KeyPath:
    return tuple(dotted.split("."))


def _get(data: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return data


def _walk(data: Any, pattern: str) -> Iterator[tuple[KeyPath, Any]]:
    """Every (path, value) matching a dotted pattern; ``~`` yields a mapping's keys."""

    def go(value: Any, parts: list[str], path: KeyPath) -> Iterator[tuple[KeyPath, Any]]:
        if not parts:
            yield path, value
            return
        head, rest = parts[0], parts[1:]
        if head == "*":
            items: Iterable[tuple[str | int, Any]] = (
                enumerate(value)
                if isinstance(value, list)
                else value.items()
                if isinstance(value, dict)
                else ()
            )
            for k, item in items:
                yield from go(item, rest, (*path, k))
        elif head == "~" and isinstance(value, dict):
            for k in value:
                yield (*path, k), k
        elif isinstance(value, dict) and head in value:
            yield from go(value[head], rest, (*path, head))

    yield from go(data, pattern.split("."), ())


def _reach(
    start: str, edges: dict[str, list[str]], avoid: AbstractSet[str] = frozenset()
) -> set[str]:
    """Every node reachable from ``start`` (itself included) without entering ``avoid``."""
    seen = {start}
    queue = deque([start])
    while queue:
        for nxt in edges.get(queue.popleft(), ()):
            if nxt not in seen and nxt not in avoid:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _line_starts(doc: Document) -> list[int]:
    starts = [0]
    for match in re.finditer("\n", doc.text):
        starts.append(match.end())
    return starts


def _value_start(doc: Document, node: Node | None) -> tuple[int, int, bool]:
    """(line, column, literal) where a scalar's text starts: for a block scalar (``|`` or
    ``>``) its first content line, whose lines are the file's lines when it is ``|``."""
    if node is None:
        return 1, 1, False
    line, column = node.start_mark.line, node.start_mark.column
    style = getattr(node, "style", None)
    if style in ("|", ">"):
        lines = doc.text.split("\n", line + 64)[line + 1 : line + 64]
        for offset, text in enumerate(lines):
            if text.strip():
                return line + 2 + offset, len(text) - len(text.lstrip(" ")) + 1, style == "|"
        return line + 2, 1, style == "|"
    return line + 1, column + (2 if style in ("'", '"') else 1), False


def _place_in_value(
    doc: Document, node: Node | None, value: str, problem: markdown_check.Problem
) -> tuple[int, int]:
    """The 1-based line and column in the file of a problem at a place in a value."""
    if node is None or not doc.text:
        return (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
    starts = _line_starts(doc)
    lines = value.split("\n")
    index = sum(len(text) + 1 for text in lines[: problem.line]) + problem.column
    begin = starts[node.start_mark.line] + node.start_mark.column
    style = getattr(node, "style", None)
    if style in ("|", ">") and node.start_mark.line + 1 < len(starts):
        begin = starts[node.start_mark.line + 1]
    elif style in ("'", '"'):
        begin += 1
    end = starts[min(node.end_mark.line, len(starts) - 1)] + node.end_mark.column
    offset = markdown_check.source_offset(doc.text, begin, end, value, index)
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1
