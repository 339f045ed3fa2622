"""Who is calling: API keys (``Authorization: ApiKey ...``, as OpenSanctions clients send),
or a signed session cookie from the web login, with a CSRF token for cookie writes.

A session cookie names a session stored in the database (see
:mod:`countersight.store.accounts`), so logout and user removal end it on every worker. The
login form carries its own token, tied to a short-lived pre-login cookie, so another site
cannot sign a visitor in to an account of its choosing.
"""

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
LOGIN_COOKIE = "cs_login"
LOGIN_AGE = 3600
_WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def serializer(request: Request, salt: str = "countersight-session") -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(request.app.state.secret, salt=salt)


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
    """The signed cookie's content (session id and CSRF token), not yet checked against the
    database."""
    raw = request.cookies.get(SESSION_COOKIE)
    if not raw:
        return None
    try:
        data = serializer(request).loads(raw, max_age=SESSION_AGE)
    except BadSignature:
        return None
    return data if isinstance(data, dict) and isinstance(data.get("sid"), str) else None


def make_session(request: Request, user: User) -> str:
    """Open a server-side session for ``user``; the cookie value that names it."""
    session_id = accounts.open_session(context(request).store, user, SESSION_AGE)
    return serializer(request).dumps({"sid": session_id, "csrf": secrets.token_urlsafe(24)})


def end_session(request: Request, form_csrf: str | None) -> None:
    """Log out: the CSRF token must match; the session is deleted from the store."""
    data = session_data(request)
    if data is None:
        return
    _check_csrf(request, data, form_csrf)
    accounts.close_session(context(request).store, str(data["sid"]))


def _check_csrf(request: Request, data: dict[str, Any], form_csrf: str | None) -> None:
    sent = request.headers.get("x-csrf-token") or form_csrf
    if not sent or not secrets.compare_digest(str(sent), str(data.get("csrf"))):
        raise Forbidden("missing or wrong CSRF token")


def login_token(request: Request) -> tuple[str, str]:
    """A fresh token for the login form and the signed cookie value that pairs with it."""
    token = secrets.token_urlsafe(24)
    return token, serializer(request, "countersight-login").dumps(token)


def check_login_token(request: Request, form_token: str) -> None:
    """The login form's token must equal the one in the pre-login cookie (which a cross-site
    form cannot read or set: it is HttpOnly and SameSite=Strict)."""
    raw = request.cookies.get(LOGIN_COOKIE, "")
    try:
        expected = serializer(request, "countersight-login").loads(raw, max_age=LOGIN_AGE)
    except BadSignature:
        expected = None
    if not form_token or not secrets.compare_digest(str(expected), form_token):
        raise Forbidden("the sign-in form expired or came from another site; reload the page")


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
    session_user = accounts.user_for_session(store, str(data["sid"]))
    if session_user is None:
        return None
    if request.method in _WRITE_METHODS:
        _check_csrf(request, data, form_csrf)
    return session_user


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
"""A viewer, or anyone when ``COUNTERSIGHT_OPEN_READS`` is on: match, search and entities."""
Viewer = Annotated[User, Depends(_require("viewer", allow_open=False))]
"""A signed-in viewer even with open reads: screenings and reports hold a team's files."""
Analyst = Annotated[User, Depends(_require("analyst", allow_open=False))]
