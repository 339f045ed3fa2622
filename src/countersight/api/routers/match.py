"""``POST /match/{dataset}`` and ``GET /search/{dataset}``, in yente's shapes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, Field

from countersight.exc import InputError
from countersight.http.security import Reader, context
from countersight.service import yente

router = APIRouter(tags=["matching"])
DatasetPath = Annotated[
    str,
    Path(
        description="`default` is everything loaded; or one dataset "
        "(a loaded list, or `registry`).",
        examples=["default"],
    ),
]
MAX_BATCH = 100


class EntityExample(BaseModel):
    schema_: str = Field(alias="schema", examples=["Company"])
    properties: dict[str, Any] = Field(default_factory=dict)


class MatchRequest(BaseModel):
    """yente's ``EntityMatchQuery``: named queries; ``weights`` and ``config`` are accepted
    for compatibility and not used."""

    queries: dict[str, EntityExample]
    weights: dict[str, float] = Field(default_factory=dict)
    config: dict[str, Any] = Field(default_factory=dict)

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "queries": {
                        "q1": {
                            "schema": "Company",
                            "properties": {
                                "name": ["Hangzhou Hikvision Digital Technology"],
                                "country": ["cn"],
                            },
                        }
                    }
                }
            ]
        }
    }


@router.post("/match/{dataset}")
def match(
    request: Request,
    body: MatchRequest,
    dataset: DatasetPath,
    _user: Reader,
    limit: Annotated[int, Query(ge=1, le=500, description="Results per query.")] = 5,
    threshold: Annotated[
        float | None, Query(ge=0, le=1, description="Score for `match`; default 0.70.")
    ] = None,
    cutoff: Annotated[
        float | None,
        Query(ge=0, le=1, description="Lowest score returned; default the review threshold, 0.50."),
    ] = None,
    algorithm: Annotated[
        str | None, Query(description="Accepted for yente clients; Countersight has one matcher.")
    ] = None,
) -> dict[str, Any]:
    """Match a batch of entity examples (at most 100) against the data."""
    ctx = context(request)
    if not body.queries:
        raise InputError("no queries")
    if len(body.queries) > MAX_BATCH:
        raise InputError(f"at most {MAX_BATCH} queries per request")
    yente.check_dataset(ctx, dataset)
    threshold = ctx.settings.match_threshold if threshold is None else threshold
    floor = ctx.settings.review_threshold if cutoff is None else min(cutoff, threshold)
    responses = {
        key: yente.match_one(
            ctx,
            dataset,
            {"schema": example.schema_, "properties": example.properties},
            threshold=threshold,
            cutoff=floor,
            limit=limit,
        )
        for key, example in body.queries.items()
    }
    return {"responses": responses, "limit": limit}


@router.get("/search/{dataset}", tags=["data"])
def search(
    request: Request,
    dataset: DatasetPath,
    _user: Reader,
    q: Annotated[str, Query(description="Text to search for")] = "",
    limit: Annotated[int, Query(ge=1, le=500)] = 10,
    offset: Annotated[int, Query(ge=0, le=9499)] = 0,
) -> dict[str, Any]:
    """Search entities by name, in any script or spelling."""
    ctx = context(request)
    yente.check_dataset(ctx, dataset)
    return yente.search(ctx, dataset, q, limit, offset)
