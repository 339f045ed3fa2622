"""The HTTP API and web app: ``create_app(settings)`` builds both.

Routers and pages only parse, call a service and serialise. Errors are JSON
(``{"detail": ..., "status": ...}``) with the status each error class carries, never a stack
trace. The match index is built in the background at start; until it is ready, routes that
need it answer 503. While the database cannot be reached, every route that needs it answers
503 with ``Retry-After`` (and ``/readyz`` fails); the connection pool reconnects by itself
once it is back. :mod:`countersight.server.guard` sits in front of every route.

After a list load (by this server, another worker, or the CLI), each worker notices the new
data version within :data:`WATCH_SECONDS` (or at its next request), loads the new index
from the shared cache (one process builds it) on a background thread, and keeps answering
from the previous index until the new one is ready. Every answer names the worker
(``X-Countersight-Worker``, its pid) and the data version it was answered from
(``X-Countersight-Data-Version``).
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import exc as sql
from starlette.exceptions import HTTPException as StarletteHTTPException

from countersight.api.routers import entities, match, screenings, system
from countersight.api.wording import as_field
from countersight.exc import CountersightError, NotReady, Unavailable
from countersight.http.throttle import LoginThrottle
from countersight.server.guard import Guard
from countersight.service.context import Context, open_context
from countersight.service.jobs import JobRunner
from countersight.service.refresh import Refresher
from countersight.settings import Settings, load_settings
from countersight.web import routes as web

log = logging.getLogger(__name__)

DESCRIPTION = """Screen organisations against official lists and Countersight's sourced
registry of surveillance vendors. `/match` speaks yente's request and response shape."""


def _json_error(status: int, detail: str, retry_after: int | None = None) -> JSONResponse:
    headers = {"Retry-After": str(retry_after)} if retry_after else None
    return JSONResponse({"detail": detail, "status": status}, status_code=status, headers=headers)


async def _countersight_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, CountersightError)
    return _json_error(exc.status, exc.worded(as_field), getattr(exc, "retry_after", None))


async def _database_down(request: Request, exc: Exception) -> Response:
    """A connection that cannot be made or was lost: 503, try again (never a 500)."""
    log.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc)
    return _json_error(
        Unavailable.status,
        "the database is not reachable; try again in a few seconds",
        Unavailable.retry_after,
    )


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
    where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
    return _json_error(400, f"{where}: {first.get('msg')}" if where else str(first.get("msg")))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    return _json_error(exc.status_code, str(exc.detail))


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return _json_error(500, "internal error")


HANDLERS: dict[type[Exception] | int, Callable[[Request, Exception], Awaitable[Response]]] = {
    CountersightError: _countersight_error,
    sql.OperationalError: _database_down,
    sql.InterfaceError: _database_down,
    sql.DisconnectionError: _database_down,
    sql.TimeoutError: _database_down,
    RequestValidationError: _validation_error,
    StarletteHTTPException: _http_error,
    Exception: _unexpected,
}


WATCH_SECONDS = 2.0
_NEEDS_INDEX = ("/match", "/search", "/entities", "/screenings", "/web/entities", "/web/screenings")


def _warm(app: FastAPI, ctx: Context) -> None:
    try:
        ctx.engine()
    except Exception:  # the server stays up and answers 503 with a reason
        log.exception("building the match index failed")
        app.state.warm_error = "building the match index failed; see the server log"
        return
    app.state.ready.set()


def _watch(ctx: Context, stop: threading.Event) -> None:
    """Warm the index for a new data version as soon as one appears, request or not."""
    while not stop.wait(WATCH_SECONDS):
        try:
            ctx.warm()
        except Exception as exc:  # the database is away: the next round tries again
            log.debug("could not check the data version: %s", exc)


def _warm_then_watch(app: FastAPI, ctx: Context, stop: threading.Event) -> None:
    _warm(app, ctx)
    _watch(ctx, stop)


def create_app(settings: Settings | None = None, ctx: Context | None = None) -> FastAPI:
    """The application for one store. Tests pass their own ``ctx``."""
    context = ctx or open_context(settings or load_settings())
    context.background_refresh = True  # a request never waits for a new version's index
    stop = threading.Event()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        threading.Thread(
            target=_warm_then_watch, args=(app, context, stop), name="index", daemon=True
        ).start()
        if app.state.refresher is not None:
            app.state.refresher.start()
        try:
            yield
        finally:
            stop.set()
            if app.state.refresher is not None:
                app.state.refresher.stop()
            app.state.runner.shutdown()

    app = FastAPI(
        title="Countersight",
        description=DESCRIPTION,
        version="0.1.0",
        lifespan=lifespan,
        openapi_tags=[
            {"name": "matching", "description": "yente-compatible matching"},
            {"name": "data", "description": "entities and search"},
            {"name": "screening", "description": "screen files, review candidates"},
            {"name": "system", "description": "health"},
        ],
    )
    app.state.ctx = context
    app.state.ready = threading.Event()
    app.state.warm_error = None
    app.state.secret = context.settings.secret_key or secrets.token_urlsafe(32)
    app.state.runner = JobRunner(context, workers=1)
    hours = context.settings.refresh_every
    app.state.refresher = Refresher(context, hours * 3600) if hours > 0 else None
    app.state.login_throttle = LoginThrottle()
    for key, handler in HANDLERS.items():
        app.add_exception_handler(key, handler)

    @app.middleware("http")
    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if request.url.path.startswith(_NEEDS_INDEX) and not app.state.ready.is_set():
            reason = app.state.warm_error or "data is still loading; try again shortly"
            return _json_error(NotReady.status, reason)
        version = context.serving_version()
        response = await call_next(request)
        response.headers["X-Countersight-Worker"] = str(os.getpid())
        if version is not None:
            response.headers["X-Countersight-Data-Version"] = version
        return response

    app.add_middleware(Guard, limit_mb=lambda: context.settings.max_upload_mb)

    for module in (system, match, entities, screenings):
        app.include_router(module.router)
    app.mount("/web/static", StaticFiles(packages=[("countersight.web", "static")]), "static")
    app.include_router(web.router)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/web/screenings", status_code=303)

    return app
