"""Health and readiness."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

router = APIRouter(tags=["system"])


@router.get("/healthz")
def healthz(request: Request) -> dict[str, Any]:
    """The server is up; ``ready`` tells whether the match index is built."""
    return {"status": "ok", "ready": request.app.state.ready.is_set()}


@router.get("/readyz")
def readyz(request: Request) -> dict[str, Any]:
    from countersight.exc import NotReady

    if not request.app.state.ready.is_set():
        raise NotReady(request.app.state.warm_error or "data is still loading")
    return {"status": "ok"}
