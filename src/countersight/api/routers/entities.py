"""``GET /entities/{id}``: an entity with relations, lists, evidence and provenance."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from countersight.http.security import Reader, context
from countersight.service.entities import entity_detail
from countersight.service.yente import properties_of

router = APIRouter(tags=["data"])


@router.get("/entities/{entity_id}", response_model=None)
def entity(request: Request, entity_id: str, _user: Reader) -> dict[str, Any] | Response:
    """One entity. A list record merged into a registry entity redirects (308) to it."""
    ctx = context(request)
    detail = entity_detail(ctx, entity_id)
    if detail["id"] != entity_id:
        return RedirectResponse(f"/entities/{detail['id']}", status_code=308)
    detail["properties"] = properties_of(ctx.engine().view.entities[detail["id"]])
    return detail
