"""``GET /entities/{id}``: an entity with relations, lists, evidence and provenance."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from countersight.api.models import EntityDetail, errors
from countersight.http.security import Reader, context
from countersight.service.contracts import EntityDetailDoc
from countersight.service.entities import entity_detail

router = APIRouter(tags=["data"])


@router.get(
    "/entities/{entity_id}",
    response_model=EntityDetail,
    responses={
        308: {"description": "The id was merged into another entity."},
        **errors(401, 404, 503),
    },
)
def entity(request: Request, entity_id: str, _user: Reader) -> EntityDetailDoc | Response:
    """One entity. A list record merged into a registry entity redirects (308) to it."""
    detail = entity_detail(context(request), entity_id)
    if detail["id"] != entity_id:
        return RedirectResponse(f"/entities/{detail['id']}", status_code=308)
    return detail
