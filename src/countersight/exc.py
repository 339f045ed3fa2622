"""Errors Countersight raises on purpose.

::

    CountersightError            (exit code 1, HTTP 500)
    ├── ConfigError              bad setting or option (exit 2, HTTP 400)
    ├── InputError               a file or value the user gave us is wrong (exit 2, HTTP 400)
    │   └── UploadTooLarge       an upload beyond the size limit (HTTP 413)
    ├── NotFound                 no such entity, source, run or job (exit 1, HTTP 404)
    ├── AuthError                no or bad credentials (HTTP 401)
    │   ├── Forbidden            credentials without the needed role (HTTP 403)
    │   └── Throttled            too many failed sign-ins; try later (HTTP 429)
    ├── NotReady                 data is still loading (HTTP 503)
    └── Unavailable              the database cannot be reached (HTTP 503, exit 1)

Each class carries its own ``status`` and ``exit_code``, read when the error is handled.
``InputError`` names the file, the line or record, the column and the problem, so one line
tells the user what to fix.

A message that tells the user to use an option (a worksheet, the number format, a column
mapping) names it through :func:`mention`, never as a command-line flag: ``str(error)`` words
it as the command line does (``--sheet``), and each other front end words the same error its
own way with :meth:`CountersightError.worded` (the web app names its form control, the API
its form field). The marked text (``raw``) is what crosses processes and is stored.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable

# An option the user can set: (its name, as the screening options spell it; a value or None)
Wording = Callable[[str, str | None], str]
_OPEN, _SEP, _CLOSE = "\ue000", "\ue001", "\ue002"  # private-use characters: never in messages
_MENTION = re.compile(f"{_OPEN}([a-z_]+){_SEP}([^{_CLOSE}]*){_CLOSE}")


def mention(option: str, value: str | None = None) -> str:
    """A reference to a screening option (``sheet``, ``decimal``, ``skip_invalid``…), with
    the value to give it, inside a message; each front end words it (see :func:`word`)."""
    return f"{_OPEN}{option}{_SEP}{value or ''}{_CLOSE}"


ADMINISTRATOR_OPTIONS = {
    "allow_small": "an administrator's override for known excerpts",
    "force": "an administrator's forced update",
}
"""Options of the administrator's ``update`` command, mentioned in list-update messages that
the API (``/readyz``) and the web app show too: their users cannot give these options, so
those front ends word them as what an administrator can do."""


def administrator_option(option: str) -> str | None:
    """How the API and the web app name an administrator's option, or None for another."""
    return ADMINISTRATOR_OPTIONS.get(option)


def as_flag(option: str, value: str | None) -> str:
    """The command line's wording of an option: ``--skip-invalid``, ``--decimal comma``."""
    flag = "--" + option.replace("_", "-")
    return f"{flag} {shlex.quote(value)}" if value else flag


def word(text: str, wording: Wording = as_flag) -> str:
    """``text`` with every :func:`mention` worded by ``wording``."""
    return _MENTION.sub(lambda m: wording(m.group(1), m.group(2) or None), text)


class CountersightError(Exception):
    """Base of every error Countersight raises deliberately."""

    status = 500
    exit_code = 1

    @property
    def raw(self) -> str:
        """The message with its option mentions unworded (what is sent and stored)."""
        return str(self.args[0]) if self.args else ""

    def worded(self, wording: Wording) -> str:
        """The message, its options worded for one front end."""
        return word(self.raw, wording)

    def __str__(self) -> str:
        return word(self.raw)


class ConfigError(CountersightError):
    """A setting or option has a value we cannot use."""

    status = 400
    exit_code = 2


class InputError(CountersightError):
    """Bad input: a malformed file, an undecodable byte, a missing column, a bad identifier."""

    status = 400
    exit_code = 2

    def __init__(
        self,
        problem: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: str | None = None,
        record: str | None = None,
    ) -> None:
        self.problem = problem
        self.file = file
        self.line = line
        self.column = column
        self.record = record
        super().__init__(self.raw)

    @property
    def raw(self) -> str:
        """The one-line message, ``file, line N, column C: problem``, options unworded."""
        where: list[str] = []
        if self.file:
            where.append(self.file)
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.record:
            where.append(f"record {self.record}")
        if self.column:
            where.append(f"column {self.column!r}")
        prefix = ", ".join(where)
        return f"{prefix}: {self.problem}" if prefix else self.problem

    @property
    def message(self) -> str:
        """The one-line message as the command line words it."""
        return word(self.raw)


class UploadTooLarge(InputError):
    """An uploaded file is larger than the configured limit."""

    status = 413


class NotFound(CountersightError):
    """The entity, source, run or job asked for does not exist."""

    status = 404
    exit_code = 1


class AuthError(CountersightError):
    """Missing or invalid credentials."""

    status = 401


class Forbidden(AuthError):
    """Valid credentials without the role the action needs."""

    status = 403


class Throttled(AuthError):
    """Too many failed sign-ins for one user from one address; ``retry_after`` seconds."""

    status = 429

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class NotReady(CountersightError):
    """Data is still being loaded; try again shortly."""

    status = 503


class Unavailable(CountersightError):
    """The database does not answer; the request may be retried once it is back."""

    status = 503
    retry_after = 5
