"""Screenings over HTTP: upload a file, follow its progress, read or download the result,
and record review decisions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from countersight.api.wording import api_text
from countersight.exc import InputError
from countersight.http import Analyst, Viewer, context, runner
from countersight.report import render
from countersight.service.decisions import MAX_NOTE, DecisionRequest, decide_on_job
from countersight.service.document import (
    DecisionDoc,
    Route,
    RowDoc,
    ScreeningDocument,
    Summary,
    Verdict,
    upgrade,
)
from countersight.service.screening import Decimal, Kind
from countersight.service.uploads import Reading, UploadRequest, start_screening

router = APIRouter(tags=["screening"])
_MEDIA = {
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "suppliers.csv": "text/csv; charset=utf-8",  # a spend file's per-supplier view
}


@router.post("/screenings", status_code=202)
async def create_screening(
    request: Request,
    user: Analyst,
    file: Annotated[UploadFile, File(description="CSV, TSV, XLSX or N-PORT XML")],
    mapping: Annotated[list[str], Form(alias="map", description="field=Column")] = [],  # noqa: B006
    fund_key: Annotated[
        str | None, Form(description="ISIN, ticker or name of the fund row that fund_file holds")
    ] = None,
    fund_file: Annotated[UploadFile | None, File(description="the fund's holdings")] = None,
    sheet: Annotated[
        str | None,
        Form(
            description="XLSX worksheet: a name (any case) or a 1-based number (default: the "
            "sheet with a recognisable header; several such sheets are refused)"
        ),
    ] = None,
    decimal: Annotated[
        Decimal | None,
        Form(
            description="The decimal mark of the file's numbers when a column does not tell "
            "(default: detected per column; a column that reads two ways is refused)"
        ),
    ] = None,
    kind: Annotated[
        Kind | None,
        Form(
            description="What the file lists: holdings (shares 'of the portfolio') or "
            "suppliers ('of spend'); default: told by the columns"
        ),
    ] = None,
    skip_invalid: Annotated[
        bool,
        Form(
            description="Screen the other rows when some cannot be read (a wrong check "
            "digit, a value that is not a number) and list the skipped ones with their "
            "reasons in the result (`input.skipped`); default: refuse the file"
        ),
    ] = False,
    identifiers_only: Annotated[
        bool,
        Form(description="Screen on identifiers alone when the file has no name column"),
    ] = False,
    encoding: Annotated[
        str | None,
        Form(description="Text encoding of a CSV or TSV file (default: UTF-8, else detected)"),
    ] = None,
) -> dict[str, Any]:
    """Upload a file to screen, with the options of the command line's ``screen`` (``map``,
    ``sheet``, ``decimal``, ``kind``, ``skip_invalid``, ``identifiers_only``, ``encoding``).
    Answers 202 with the job id; 400 for unreadable content and 413 for a file over the
    limit, with no job created. A 400 names the uploaded file, the line and the problem, and
    the field to set when one would help."""
    reading = Reading(sheet, decimal, kind, skip_invalid, identifiers_only, encoding)
    job_id = await start_screening(
        runner(request), user.name, UploadRequest(file, mapping, fund_key, fund_file, reading)
    )
    return {"id": job_id, "status": "queued", "url": f"/screenings/{job_id}"}


class ScreeningJob(BaseModel):
    """A screening job; once done, ``result`` is the screening document."""

    model_config = ConfigDict(extra="allow")

    id: str
    status: str = Field(description="queued, running, done or failed")
    progress: float
    message: str | None
    file_name: str
    created_by: str
    created_at: str
    run_id: str | None
    result: ScreeningDocument | None = None


# The models document the answers (OpenAPI) without filtering them: a field added to the
# document reaches clients without waiting for these declarations.
@router.get("/screenings/{job_id}", response_model=None, responses={200: {"model": ScreeningJob}})
def get_screening(request: Request, job_id: str, _user: Viewer) -> dict[str, Any]:
    """Progress while running; when done, ``result`` holds the screening document (the CLI's
    ``screen --json`` shape; every ``share`` a fraction 0..1)."""
    job = runner(request).result(job_id)
    job["message"] = api_text(job.get("message"))
    if job.get("result") is not None:
        job["result"] = upgrade(job["result"])
    return job


@router.get("/screenings/{job_id}/report.{fmt}")
def download(request: Request, job_id: str, fmt: str, _user: Viewer) -> Response:
    """The report as ``html``, ``csv``, ``xlsx`` or ``json``; ``suppliers.csv`` for the
    per-supplier view of a spend file."""
    if fmt not in _MEDIA:
        raise InputError(f"unknown report format {fmt!r}: html, csv, xlsx, json or suppliers.csv")
    job = runner(request).result(job_id)
    if job["status"] != "done":
        raise InputError(f"screening {job_id} is {job['status']}, not done")
    name = f"countersight-{job_id}.{fmt}"
    return Response(
        render(job["result"], "suppliers-csv" if fmt == "suppliers.csv" else fmt),
        media_type=_MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


class DecisionBody(BaseModel):
    """A reviewer's verdict on one finding of a row of this screening."""

    row_key: str = Field(min_length=1, max_length=255, examples=["isin:CNE100000PM8"])
    entity_id: str = Field(
        min_length=1,
        max_length=255,
        description="The finding's entity id (a merged list id such as ofac-30946 resolves)",
        examples=["cs-hikvision"],
    )
    verdict: Verdict
    route: Route | None = Field(
        None,
        description="The finding's route; needed only when the entity is reached by more "
        "than one (direct, brand, ownership, fund)",
    )
    note: str | None = Field(None, max_length=MAX_NOTE)


class DecisionOutcome(BaseModel):
    """The recorded decision, and the row and summary of the screening as they now read."""

    decision: DecisionDoc
    run: str | None
    row: RowDoc | None
    summary: Summary | None


@router.post(
    "/screenings/{job_id}/decisions",
    status_code=201,
    response_model=None,
    responses={201: {"model": DecisionOutcome}},
)
def decide(request: Request, job_id: str, body: DecisionBody, user: Analyst) -> dict[str, Any]:
    """Confirm or reject a finding of a row; recorded with who and when, applied at once to
    this screening (its stored document) and to every later screening. 404 for an unknown
    screening; 400 for a row not in it, an entity that is not one of the row's findings, or
    a note over the limit."""
    outcome = decide_on_job(
        context(request),
        job_id,
        DecisionRequest(
            body.row_key, body.entity_id, body.verdict, user.name, body.note, body.route
        ),
    )
    return {
        "decision": outcome.decision,
        "run": outcome.run,
        "row": outcome.row,
        "summary": outcome.summary,
    }
