"""Uploads from the API and the web app: streamed to a private folder, checked, then queued.

Both front ends hand over their upload objects through :class:`Readable` (anything with an
async ``read(size)``, as Starlette's ``UploadFile``), so neither holds this logic itself. A
file over the size limit is refused as its bytes arrive; a text file (CSV, TSV) holding a
NUL byte is refused, since no store can keep NUL and such a file is most often a binary file
renamed (UTF-16 files, known by their byte-order mark, aside). A refused upload leaves no
job and no file behind. Reading the file to check it, and queuing the job, run on the
runner's bounded pool, never on the event loop.
"""

from __future__ import annotations

import asyncio
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from countersight.exc import InputError
from countersight.inputs.columns import parse_overrides
from countersight.normalize.storable import check_text
from countersight.service.jobs import JobRunner, Upload, check_upload, safe_name, shown_name
from countersight.service.screening import Decimal, Kind, ScreenOptions

CHUNK = 1 << 20
_TEXT_SUFFIXES = (".csv", ".tsv", ".txt")


class Readable(Protocol):
    """An uploaded file as a web framework hands it over."""

    filename: str | None

    async def read(self, size: int = -1) -> bytes: ...


@dataclass(frozen=True, slots=True)
class Reading:
    """How to read the file, as the command line's ``screen`` options say it; every field
    unset means "tell from the file"."""

    sheet: str | None = None  # XLSX worksheet: a name (any case) or a 1-based number
    decimal: Decimal | None = None
    kind: Kind | None = None
    skip_invalid: bool = False
    identifiers_only: bool = False
    encoding: str | None = None


@dataclass(frozen=True, slots=True)
class UploadRequest:
    """What a client asked to screen: the file, column overrides, an optional fund file and
    how to read the file."""

    file: Readable
    mapping: list[str]
    fund_key: str | None = None
    fund_file: Readable | None = None
    reading: Reading = Reading()


def options_for(request: UploadRequest) -> ScreenOptions:
    """The screening options an upload asked for (a bad column mapping raises)."""
    reading = request.reading
    return ScreenOptions(
        overrides=parse_overrides([m for m in request.mapping if m.strip()]),
        sheet=(reading.sheet or "").strip() or None,
        decimal=reading.decimal.mark if reading.decimal else None,
        kind=reading.kind.value if reading.kind else None,
        skip_invalid=reading.skip_invalid,
        identifiers_only=reading.identifiers_only,
        encoding=(reading.encoding or "").strip() or None,
    )


async def save_upload(upload: Readable, folder: Path, limit_mb: int) -> Upload:
    """Stream an upload to ``folder``, refusing it (413) as soon as it passes the limit."""
    name = safe_name(upload.filename or "upload.csv")
    shown = shown_name(upload.filename or name)
    check_upload(name, 0, limit_mb)
    limit = limit_mb * 1024 * 1024
    path = folder / name
    size = 0
    text = name.lower().endswith(_TEXT_SUFFIXES)
    with path.open("wb") as handle:
        while chunk := await upload.read(CHUNK):
            if size == 0 and chunk.startswith((b"\xff\xfe", b"\xfe\xff")):
                text = False  # UTF-16 (with its byte-order mark) is half NUL bytes
            if text and (nul := chunk.find(b"\x00")) >= 0:
                raise InputError(
                    f"{shown}: byte {size + nul + 1:,} is a NUL; a CSV or TSV file holds text "
                    "only (is it a binary file, or saved as UTF-16?)"
                )
            size += len(chunk)
            if size > limit:
                handle.close()
                path.unlink(missing_ok=True)
                check_upload(name, size, limit_mb)
            handle.write(chunk)
    if size == 0:
        raise InputError(f"{shown}: the uploaded file is empty")
    return Upload(name, path, shown)


async def start_screening(runner: JobRunner, user: str, request: UploadRequest) -> str:
    """Save the upload (and fund file), check it off the event loop, then queue the
    screening; returns the job id."""
    check_text("map", request.mapping)
    check_text("fund_key", request.fund_key or "")
    check_text("sheet", request.reading.sheet or "")
    check_text("encoding", request.reading.encoding or "")
    limit_mb = runner.ctx.settings.max_upload_mb
    folder = runner.folder()
    loop = asyncio.get_running_loop()
    try:
        main = await save_upload(request.file, folder, limit_mb)
        funds = []
        if request.fund_file is not None and request.fund_file.filename:
            fund = await save_upload(request.fund_file, folder, limit_mb)
            funds.append(((request.fund_key or "").strip(), fund))
        options = options_for(request)
        await loop.run_in_executor(runner.checks, runner.check, main, options, funds)
        return await loop.run_in_executor(runner.checks, runner.submit, main, user, options, funds)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


__all__ = ["Readable", "Reading", "UploadRequest", "options_for", "save_upload", "start_screening"]
