"""The web app: server-rendered pages over the same services as the CLI and API.

Upload → live progress → results with filters and review buttons → entity pages. Forms
carry a CSRF token tied to the signed session; nothing here holds business logic.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from countersight.exc import AuthError, CountersightError
from countersight.http.security import (
    SESSION_AGE,
    SESSION_COOKIE,
    context,
    current_user,
    make_session,
    require,
    runner,
    session_data,
)
from countersight.report.charts import bar_chart
from countersight.report.html import num, pct
from countersight.service.entities import entity_detail
from countersight.service.uploads import UploadRequest, start_screening
from countersight.store import accounts, records
from countersight.store import jobs as jobs_store

router = APIRouter(prefix="/web", include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
templates.env.globals.update(pct=pct, num=num)


def _page(request: Request, name: str, status: int = 200, **values: Any) -> HTMLResponse:
    session = session_data(request) or {}
    return templates.TemplateResponse(
        request,
        name,
        {"csrf": session.get("csrf", ""), "user": session.get("user"), **values},
        status_code=status,
    )


def _login_redirect(request: Request) -> RedirectResponse:
    return RedirectResponse(f"/web/login?next={request.url.path}", status_code=303)


@router.get("/", response_model=None)
def home() -> RedirectResponse:
    return RedirectResponse("/web/screenings", status_code=303)


@router.get("/login", response_model=None)
def login_form(request: Request, next: str = "/web/screenings") -> HTMLResponse:
    return _page(request, "login.html", next=next, error=None)


@router.post("/login", response_model=None)
def login(
    request: Request,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/web/screenings",
) -> Response:
    user = accounts.authenticate(context(request).store, username, password)
    if user is None:
        return _page(
            request, "login.html", status=401, next=next, error="Unknown user or wrong password."
        )
    target = next if next.startswith("/web/") else "/web/screenings"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        make_session(request, user),
        max_age=SESSION_AGE,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response


@router.post("/logout", response_model=None)
def logout() -> RedirectResponse:
    response = RedirectResponse("/web/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/screenings", response_model=None)
def screenings(request: Request) -> Response:
    if current_user(request) is None:
        return _login_redirect(request)
    jobs = jobs_store.list_jobs(context(request).store)
    return _page(request, "screenings.html", jobs=jobs, error=None)


@router.post("/screenings", response_model=None)
async def upload(
    request: Request,
    file: Annotated[UploadFile, File()],
    csrf_token: Annotated[str, Form()] = "",
    mapping: Annotated[str, Form()] = "",
    fund_key: Annotated[str, Form()] = "",
    fund_file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    try:
        user = require(request, "analyst", form_csrf=csrf_token)
        assert user is not None
        lines = [line for line in mapping.splitlines() if line.strip()]
        job_id = await start_screening(
            runner(request), user.name, UploadRequest(file, lines, fund_key or None, fund_file)
        )
    except AuthError:
        raise
    except CountersightError as exc:
        jobs = jobs_store.list_jobs(context(request).store)
        return _page(request, "screenings.html", status=exc.status, jobs=jobs, error=str(exc))
    return RedirectResponse(f"/web/screenings/{job_id}", status_code=303)


def _filtered(
    rows: list[dict[str, Any]], status: str, list_label: str, category: str
) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        if status and row["status"] != status:
            continue
        if list_label and not any(list_label in m["list_labels"] for m in row["matches"]):
            continue
        if category and not any(category in m["categories"] for m in row["matches"]):
            continue
        out.append(row)
    return out


@router.get("/screenings/{job_id}", response_model=None)
def screening(
    request: Request, job_id: str, status: str = "", list: str = "", category: str = ""
) -> Response:
    if current_user(request) is None:
        return _login_redirect(request)
    job = runner(request).result(job_id)
    if job["status"] != "done":
        return _page(request, "progress.html", job=job)
    document = job["result"]
    shown = _filtered(document["rows"], status or "", list, category)
    keys = [row["key"] for row in document["rows"]]
    decided = records.decisions(context(request).store, keys)
    breakdown = document["breakdown"]
    charts = [
        bar_chart(
            [{"label": c["caption"], "share": c["share"]} for c in breakdown["by_company"]],
            "Exposure by company",
        ),
        bar_chart(breakdown["by_list"], "Exposure by list or program"),
        bar_chart(breakdown["by_category"], "Exposure by category"),
    ]
    lists = sorted({lb for r in document["rows"] for m in r["matches"] for lb in m["list_labels"]})
    categories = sorted(
        {c for r in document["rows"] for m in r["matches"] for c in m["categories"]}
    )
    return _page(
        request,
        "results.html",
        job=job,
        doc=document,
        rows=shown,
        charts=charts,
        decided={f"{k[0]}|{k[1]}": d.to_dict() for k, d in decided.items()},
        filters={"status": status, "list": list, "category": category},
        lists=lists,
        categories=categories,
    )


@router.post("/screenings/{job_id}/decide", response_model=None)
def decide(
    request: Request,
    job_id: str,
    row_key: Annotated[str, Form()],
    entity_id: Annotated[str, Form()],
    verdict: Annotated[str, Form()],
    csrf_token: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> Response:
    user = require(request, "analyst", form_csrf=csrf_token)
    assert user is not None
    records.add_decision(
        context(request).store, row_key, entity_id, verdict, user.name, note or None
    )
    return RedirectResponse(f"/web/screenings/{job_id}?status=#row-{row_key}", status_code=303)


@router.get("/entities/{entity_id}", response_model=None)
def entity(request: Request, entity_id: str) -> Response:
    if current_user(request) is None and not context(request).settings.open_reads:
        return _login_redirect(request)
    detail = entity_detail(context(request), entity_id)
    if detail["id"] != entity_id:  # a record merged into another entity
        return RedirectResponse(f"/web/entities/{detail['id']}", status_code=308)
    return _page(request, "entity.html", entity=detail)
