"""Who is calling: API keys (``Authorization: ApiKey ...``, as OpenSanctions clients send),
or a signed session cookie from the web login, with a CSRF token for cookie writes."""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import Depends, Request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from countersight.exc import AuthError, Forbidden
from countersight.service.context import Context
from countersight.service.jobs import JobRunner
from countersight.store import accounts
from countersight.store.accounts import User

SESSION_COOKIE = "cs_session"
SESSION_AGE = 12 * 3600
_WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def serializer(request: Request) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(request.app.state.secret, salt="countersight-session")


def context(request: Request) -> Context:
    ctx: Context = request.app.state.ctx
    return ctx


def runner(request: Request) -> JobRunner:
    """The app's background screening runner."""
    value: JobRunner = request.app.state.runner
    return value


def _key_from(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() in ("apikey", "bearer", "token") and value.strip():
        return value.strip()
    return request.headers.get("x-api-key") or None


def session_data(request: Request) -> dict[str, Any] | None:
    raw = request.cookies.get(SESSION_COOKIE)
    if not raw:
        return None
    try:
        data = serializer(request).loads(raw, max_age=SESSION_AGE)
    except BadSignature:
        return None
    return data if isinstance(data, dict) else None


def make_session(request: Request, user: User) -> str:
    return serializer(request).dumps({"user": user.name, "csrf": secrets.token_urlsafe(24)})


def current_user(request: Request, form_csrf: str | None = None) -> User | None:
    """The caller, by API key or session; for cookie-based writes the CSRF token must come
    in the ``X-CSRF-Token`` header or, for HTML forms, the ``csrf_token`` field."""
    key = _key_from(request)
    store = context(request).store
    if key:
        user = accounts.user_for_key(store, key)
        if user is None:
            raise AuthError("invalid API key")
        return user
    data = session_data(request)
    if data is None:
        return None
    try:
        user = accounts.get_user(store, str(data.get("user")))
    except Exception:
        return None
    if request.method in _WRITE_METHODS:
        sent = request.headers.get("x-csrf-token") or form_csrf
        if not sent or not secrets.compare_digest(str(sent), str(data.get("csrf"))):
            raise Forbidden("missing or wrong CSRF token")
    return user


def require(
    request: Request, role: str, *, allow_open: bool = False, form_csrf: str | None = None
) -> User | None:
    """The caller if they have ``role``; 401 without credentials, 403 without the role."""
    user = current_user(request, form_csrf)
    if user is None:
        if allow_open and context(request).settings.open_reads:
            return None
        raise AuthError("sign in, or send an API key: Authorization: ApiKey <key>")
    if not user.can(role):
        raise Forbidden(f"{user.name} is a {user.role}; this needs the {role} role")
    return user


def _require(role: str, allow_open: bool) -> Any:
    def dependency(request: Request) -> User | None:
        return require(request, role, allow_open=allow_open)

    return dependency


Reader = Annotated[User | None, Depends(_require("viewer", allow_open=True))]
Analyst = Annotated[User, Depends(_require("analyst", allow_open=False))]
