"""How a command ends: the exit codes, and the errors that end it with exit 2.

Every module that stops a command raises these; the command line (``cli``) turns them into
the message and the exit code, and the reference pages state the codes from here.
"""

from __future__ import annotations

import errno
import os

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in how the command was called: exit 2 with the message."""


class EnvironmentFailure(Exception):
    """The machine refused what a command had to do (disk full, read-only, no access): exit 2
    with what was being done, where, and why; never reported as a bug in usm-docgen."""

    def __init__(self, doing: str, cause: OSError) -> None:
        super().__init__(f"{doing}: {os_reason(cause)}")
        self.cause = cause


_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder, not a file",
    errno.EEXIST: "something of that name is already there",
}


def os_reason(exc: OSError) -> str:
    """Why the system refused, for people: 'no space left on device', 'read-only file system'."""
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    text = os.strerror(exc.errno) if exc.errno else str(exc)
    return text[:1].lower() + text[1:]


def os_message(exc: OSError) -> str:
    """An OSError met without more context: where (the file or files it names) and why."""
    where = [str(f) for f in (exc.filename, exc.filename2) if f is not None]
    return f"{' -> '.join(where)}: {os_reason(exc)}" if where else os_reason(exc)
