"""Health and readiness."""

from __future__ import annotations

from fastapi import APIRouter, Request

from countersight.api.models import Health, Ready, RefreshState, errors
from countersight.api.wording import api_text
from countersight.exc import NotReady
from countersight.http import context

router = APIRouter(tags=["system"])


@router.get("/healthz", response_model=Health)
def healthz(request: Request) -> Health:
    """The server is up; ``ready`` tells whether the match index is built."""
    return Health(status="ok", ready=request.app.state.ready.is_set())


@router.get("/readyz", response_model=Ready, responses=errors(503))
def readyz(request: Request) -> Ready:
    """200 once the match index is ready and the database answers; 503 with the reason
    until then, or while the database is unreachable."""
    if not request.app.state.ready.is_set():
        raise NotReady(request.app.state.warm_error or "data is still loading")
    context(request).store.version()  # raises (503) while the database is unreachable
    refresher = getattr(request.app.state, "refresher", None)
    if refresher is None:
        return Ready(status="ok")
    # A failed background refresh keeps the previous data: still ready, with the details,
    # an administrator's options worded for the API (no command-line flags).
    state = refresher.state()
    return Ready(status="ok", refresh=RefreshState(**{**state, "error": api_text(state["error"])}))
