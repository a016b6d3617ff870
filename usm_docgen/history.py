"""When each file of a handbook last changed, from git: one ``git log`` for the whole build.

The pages name the commit that last changed the file they are made from. The handbook root
need not be in git (then nothing is named), and git need not be installed. Git only reads
here: ``log`` runs no hook and no filter, and the repository's own configuration is not
asked to run anything (``core.fsmonitor`` and ``core.hooksPath`` are switched off for the
call, as is any pager).
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

TIMEOUT = 60
"""Seconds the one ``git log`` may take before the pages go without their dates."""

_SAFE = ["-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "--no-pager"]
_RECORD, _FIELD = "\x1e", "\x1f"


@dataclass(frozen=True)
class LastChange:
    """The last commit that changed a file: its full id, its date and its subject."""

    commit: str
    date: dt.date
    subject: str

    @property
    def short(self) -> str:
        return self.commit[:8]


def last_changes(root: Path) -> dict[str, LastChange]:
    """File (relative to ``root``, POSIX) → the last commit that changed it, for every file
    under ``root`` that git has history for; empty when ``root`` is not in a git work tree,
    git is missing, or git fails."""
    try:
        done = subprocess.run(
            [
                "git",
                *_SAFE,
                "-C",
                str(root),
                "log",
                "--no-renames",
                "--relative",
                "--name-only",
                f"--format={_RECORD}%H{_FIELD}%cs{_FIELD}%s",
                "--",
                ".",
            ],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if done.returncode != 0:
        return {}
    return parse(done.stdout)


def parse(log: str) -> dict[str, LastChange]:
    """``git log`` output in the format above, newest commit first → each file's newest."""
    found: dict[str, LastChange] = {}
    for record in log.split(_RECORD)[1:]:
        head, _, names = record.partition("\n")
        commit, day, subject = [*head.split(_FIELD, 2), "", ""][:3]
        try:
            change = LastChange(commit, dt.date.fromisoformat(day), subject.strip())
        except ValueError:
            continue
        for name in names.splitlines():
            if name and name not in found:
                found[name] = change
    return found
