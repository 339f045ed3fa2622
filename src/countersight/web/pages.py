"""What every page of the web app shares: the templates, their globals, and rendering a
page for the signed-in user."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from countersight.http.security import context, session_data
from countersight.report.charts import CHART_CSS
from countersight.report.html import num, pct
from countersight.store import accounts
from countersight.web.wording import web_text, when

STATIC = Path(__file__).parent / "static"
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
templates.env.globals.update(pct=pct, num=num, when=when, chart_css=CHART_CSS)
templates.env.filters["worded"] = web_text


def page(request: Request, name: str, status: int = 200, **values: Any) -> HTMLResponse:
    """A template rendered with the signed-in user's name and CSRF token."""
    session = session_data(request) or {}
    user = accounts.user_for_session(context(request).store, session["sid"]) if session else None
    return templates.TemplateResponse(
        request,
        name,
        {"csrf": session.get("csrf", ""), "user": user.name if user else None, **values},
        status_code=status,
    )


def login_redirect(request: Request) -> RedirectResponse:
    """To the sign-in form, coming back here afterwards."""
    return RedirectResponse(f"/web/login?next={request.url.path}", status_code=303)


__all__ = ["STATIC", "login_redirect", "page", "templates"]
