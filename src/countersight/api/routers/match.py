"""``POST /match/{dataset}`` and ``GET /search/{dataset}``, in yente's shapes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from countersight.api.models import EntityMatchResponse, MatchRequest, SearchResponse, errors
from countersight.exc import InputError
from countersight.http.security import Reader, context
from countersight.service import yente
from countersight.service.contracts import MatchResponseDoc, SearchResponseDoc
from countersight.service.matching import parse_as_of

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


@router.post(
    "/match/{dataset}", response_model=EntityMatchResponse, responses=errors(400, 401, 404, 503)
)
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
    as_of: Annotated[
        str | None,
        Query(
            description="Answer as of this date (YYYY-MM-DD; default today): dated names, "
            "relations and listings are evaluated then, as `countersight match --as-of`.",
            examples=["2021-06-01"],
        ),
    ] = None,
) -> MatchResponseDoc:
    """Match a batch of entity examples (at most 100) against one snapshot of the data.
    Names longer than 1,000 characters, NUL characters and lone surrogates are refused (400,
    naming the property)."""
    ctx = context(request)
    if not body.queries:
        raise InputError("no queries")
    if len(body.queries) > MAX_BATCH:
        raise InputError(f"at most {MAX_BATCH} queries per request")
    threshold = ctx.settings.match_threshold if threshold is None else threshold
    params = yente.MatchParams(
        dataset=dataset,
        threshold=threshold,
        cutoff=ctx.settings.review_threshold if cutoff is None else min(cutoff, threshold),
        limit=limit,
        as_of=parse_as_of(as_of, "as_of"),
    )
    queries = {key: example.model_dump(by_alias=True) for key, example in body.queries.items()}
    return yente.match_batch(ctx, queries, params)


@router.get(
    "/search/{dataset}",
    tags=["data"],
    response_model=SearchResponse,
    responses=errors(400, 401, 404, 503),
)
def search(
    request: Request,
    dataset: DatasetPath,
    _user: Reader,
    q: Annotated[str, Query(description="Text to search for")] = "",
    limit: Annotated[int, Query(ge=1, le=500)] = 10,
    offset: Annotated[int, Query(ge=0, le=9499)] = 0,
) -> SearchResponseDoc:
    """Search entities by name, in any script or spelling."""
    return yente.search(context(request), dataset, q, limit, offset)
