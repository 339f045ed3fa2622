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
"""

from __future__ import annotations


class CountersightError(Exception):
    """Base of every error Countersight raises deliberately."""

    status = 500
    exit_code = 1


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
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The one-line message: ``file, line N, column C: problem``."""
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

    def __str__(self) -> str:
        return self.message


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
