"""The web app: server-rendered pages over the same services as the CLI and API.

Upload → live progress → results with filters and review buttons → entity pages. Forms
carry a CSRF token tied to the signed session; nothing here holds business logic.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response

from countersight.exc import (
    AuthError,
    CountersightError,
    InputError,
    NotFound,
)
from countersight.http.security import (
    context,
    current_user,
    require,
    runner,
    session_data,
)
from countersight.report.charts import exposure_charts
from countersight.service.decisions import MAX_NOTE, DecisionRequest, decide_on_job
from countersight.service.document import RowDoc, ScreeningDocument, upgrade
from countersight.service.entities import entity_detail
from countersight.service.monitor import default_name, overview, watch_job, watch_of_job
from countersight.service.screening import Decimal, Kind
from countersight.service.uploads import Reading, UploadRequest, start_screening
from countersight.store import accounts
from countersight.store import jobs as jobs_store
from countersight.web.login import router as login_router
from countersight.web.pages import STATIC, login_redirect, page, templates
from countersight.web.wording import CONTROLS, as_control, choice

router = APIRouter(prefix="/web", include_in_schema=False)
router.include_router(login_router)


@router.get("/", response_model=None)
def home() -> RedirectResponse:
    return RedirectResponse("/web/screenings", status_code=303)


def _screeningspage(request: Request, error: str | None = None, status: int = 200) -> Response:
    """The upload form and the recent screenings."""
    jobs = jobs_store.list_jobs(context(request).store)
    return page(
        request,
        "screenings.html",
        status=status,
        jobs=jobs,
        error=error,
        controls=CONTROLS,
        decimals=list(Decimal),
        kinds=list(Kind),
    )


@router.get("/screenings", response_model=None)
def screenings(request: Request) -> Response:
    if current_user(request) is None:
        return login_redirect(request)
    return _screeningspage(request)


@router.post("/screenings", response_model=None)
async def upload(
    request: Request,
    file: Annotated[UploadFile, File()],
    csrf_token: Annotated[str, Form()] = "",
    mapping: Annotated[str, Form()] = "",
    fund_key: Annotated[str, Form()] = "",
    fund_file: Annotated[UploadFile | None, File()] = None,
    sheet: Annotated[str, Form()] = "",
    decimal: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "",
    skip_invalid: Annotated[bool, Form()] = False,
    identifiers_only: Annotated[bool, Form()] = False,
    encoding: Annotated[str, Form()] = "",
) -> Response:
    """Start a screening; bad input re-shows the form with one message that names the
    uploaded file and the form control to use."""
    try:
        user = require(request, "analyst", form_csrf=csrf_token)
        assert user is not None
        lines = [line for line in mapping.splitlines() if line.strip()]
        reading = Reading(
            sheet or None,
            choice(Decimal, decimal, "decimal"),
            choice(Kind, kind, "kind"),
            skip_invalid,
            identifiers_only,
            encoding or None,
        )
        job_id = await start_screening(
            runner(request),
            user.name,
            UploadRequest(file, lines, fund_key or None, fund_file, reading),
        )
    except AuthError:
        raise
    except CountersightError as exc:
        return _screeningspage(request, exc.worded(as_control), exc.status)
    return RedirectResponse(f"/web/screenings/{job_id}", status_code=303)


def _filtered(rows: list[RowDoc], filters: dict[str, str]) -> list[RowDoc]:
    out = []
    for row in rows:
        if filters["status"] and row["status"] != filters["status"]:
            continue
        if filters["list"] and not any(filters["list"] in m["list_labels"] for m in row["matches"]):
            continue
        if filters["category"] and not any(
            filters["category"] in m["category_labels"] for m in row["matches"]
        ):
            continue
        out.append(row)
    return out


def _filters(status: str, list_label: str, category: str) -> dict[str, str]:
    return {"status": status, "list": list_label, "category": category}


def _query(filters: dict[str, str]) -> str:
    return urlencode({k: v for k, v in filters.items() if v})


def _results(
    request: Request, job: dict[str, Any], filters: dict[str, str], error: str | None = None
) -> HTMLResponse:
    document = upgrade(job["result"])
    rows = document["rows"]
    return page(
        request,
        "results.html",
        status=400 if error else 200,
        job=job,
        doc=document,
        rows=_filtered(rows, filters),
        charts=exposure_charts(document),
        filters=filters,
        query=_query(filters),
        lists=sorted({lb for r in rows for m in r["matches"] for lb in m["list_labels"]}),
        categories=sorted({c for r in rows for m in r["matches"] for c in m["category_labels"]}),
        error=error,
        max_note=MAX_NOTE,
        monitor=_monitor_state(request, job),
    )


@router.get("/screenings/{job_id}", response_model=None)
def screening(
    request: Request, job_id: str, status: str = "", list: str = "", category: str = ""
) -> Response:
    if current_user(request) is None:
        return login_redirect(request)
    job = runner(request).result(job_id)
    if job["status"] != "done":
        return page(request, "progress.html", job=job)
    return _results(request, job, _filters(status, list, category))


def _fragments(
    request: Request, job: dict[str, Any], row: RowDoc, filters: dict[str, str]
) -> dict[str, Any]:
    """The parts of the results page a decision changes, rendered as the page renders them:
    the row, the summary cards and the charts."""
    document: ScreeningDocument = job["result"]
    values = {"csrf": (session_data(request) or {}).get("csrf", ""), "job": job, "doc": document}
    env = templates.env
    return {
        "row_key": row["key"],
        "status": row["status"],
        "summary": document["summary"],
        "row_html": env.get_template("_row.html").render(
            row=row, max_note=MAX_NOTE, filters=filters, **values
        ),
        "summary_html": env.get_template("_summary.html").render(**values),
        "charts_html": env.get_template("_charts.html").render(charts=exposure_charts(document)),
    }


@router.post("/screenings/{job_id}/decide", response_model=None)
def decide(
    request: Request,
    job_id: str,
    row_key: Annotated[str, Form()],
    entity_id: Annotated[str, Form()],
    verdict: Annotated[str, Form()],
    csrf_token: Annotated[str, Form()] = "",
    route: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    status: Annotated[str, Form()] = "",
    list: Annotated[str, Form()] = "",
    category: Annotated[str, Form()] = "",
) -> Response:
    """Record a decision on a finding and show the screening as it now reads: JSON
    fragments for the page's script (the row, summary and charts swap in place), else a
    redirect back to the same filtered view."""
    user = require(request, "analyst", form_csrf=csrf_token)
    assert user is not None
    filters = _filters(status, list, category)
    wants_json = request.headers.get("x-requested-with") == "fetch"
    try:
        outcome = decide_on_job(
            context(request),
            job_id,
            DecisionRequest(row_key, entity_id, verdict, user.name, note or None, route or None),
        )
    except InputError as exc:
        if wants_json:
            return JSONResponse({"detail": exc.worded(as_control), "status": 400}, status_code=400)
        return _results(
            request, runner(request).result(job_id), filters, error=exc.worded(as_control)
        )
    if wants_json and outcome.row is not None:
        return JSONResponse(
            _fragments(request, runner(request).result(job_id), outcome.row, filters)
        )
    query = _query(filters)
    anchor = quote(f"row-{row_key}", safe="")
    return RedirectResponse(
        f"/web/screenings/{job_id}{'?' + query if query else ''}#{anchor}", status_code=303
    )


@router.get("/static/results.js", response_model=None)
def results_script() -> FileResponse:
    """The results page's script (also served by the static mount where there is one)."""
    return FileResponse(STATIC / "results.js", media_type="text/javascript")


def _screening_link(request: Request, job_id: str) -> dict[str, str] | None:
    """The screening an entity page was opened from, to link back to (None if unknown)."""
    if not job_id or current_user(request) is None:
        return None
    try:
        job = jobs_store.get_job(context(request).store, job_id)
    except NotFound:
        return None
    return {"id": job["id"], "file_name": job["file_name"]}


@router.get("/entities/{entity_id}", response_model=None)
def entity(
    request: Request, entity_id: str, from_: Annotated[str, Query(alias="from")] = ""
) -> Response:
    """An entity's page; opened from a screening (``?from=``), it links back to it."""
    if current_user(request) is None and not context(request).settings.open_reads:
        return login_redirect(request)
    detail = entity_detail(context(request), entity_id)
    back = _screening_link(request, from_)
    if detail["id"] != entity_id:  # a record merged into another entity
        query = f"?{urlencode({'from': back['id']})}" if back else ""
        return RedirectResponse(f"/web/entities/{detail['id']}{query}", status_code=308)
    return page(request, "entity.html", entity=detail, back=back)


def _monitor_state(request: Request, job: dict[str, Any]) -> dict[str, Any]:
    """What the "Monitor this screening" include shows: the watch made from this
    screening, or the button (for users who may write) with the watch's name."""
    session = session_data(request) or {}  # as _page: no CSRF check, this only renders
    user = accounts.user_for_session(context(request).store, session["sid"]) if session else None
    return {
        "watch": watch_of_job(context(request), job["id"]),
        "can": user is not None and user.can("analyst"),
        "name": default_name(job),
    }


@router.post("/screenings/{job_id}/monitor", response_model=None)
def monitor(
    request: Request,
    job_id: str,
    csrf_token: Annotated[str, Form()] = "",
    name: Annotated[str, Form()] = "",
) -> Response:
    """Keep this finished screening as a watch (analysts), then show the digest page."""
    user = require(request, "analyst", form_csrf=csrf_token)
    assert user is not None
    try:
        watch = watch_job(context(request), job_id, name.strip(), user.name)
    except (InputError, NotFound) as exc:  # not finished, monitored already, input not kept
        job = runner(request).result(job_id)
        if job["status"] != "done":
            raise
        return _results(request, job, _filters("", "", ""), error=exc.worded(as_control))
    anchor = quote(f"watch-{watch.name}", safe="")
    return RedirectResponse(f"/web/watches#{anchor}", status_code=303)


@router.get("/watches", response_model=None)
def watchespage(request: Request) -> Response:
    """Every monitored screening and what its latest re-screen changed."""
    if current_user(request) is None:
        return login_redirect(request)
    return page(request, "digests.html", watches=overview(context(request)))
