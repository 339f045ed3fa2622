"""Signing in and out of the web app: a throttled sign-in form with its own token, and a
session that ends in the store when the user signs out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from countersight.exc import Forbidden, Throttled
from countersight.http.security import (
    LOGIN_AGE,
    LOGIN_COOKIE,
    SESSION_AGE,
    SESSION_COOKIE,
    check_login_token,
    context,
    end_session,
    login_token,
    make_session,
)
from countersight.http.throttle import LoginThrottle
from countersight.store import accounts
from countersight.web.pages import page

router = APIRouter(include_in_schema=False)


def _loginpage(request: Request, next: str, error: str | None, status: int = 200) -> Response:
    """The sign-in form with a fresh token, paired with a pre-login cookie."""
    token, cookie = login_token(request)
    response = page(request, "login.html", status, next=next, error=error, login_token=token)
    response.set_cookie(
        LOGIN_COOKIE,
        cookie,
        max_age=LOGIN_AGE,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/web/login",
    )
    return response


@router.get("/login", response_model=None)
def login_form(request: Request, next: str = "/web/screenings") -> Response:
    return _loginpage(request, next, None)


def _throttle(request: Request) -> LoginThrottle:
    throttle: LoginThrottle = request.app.state.login_throttle
    return throttle


@router.post("/login", response_model=None)
def login(
    request: Request,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/web/screenings",
    login_token: Annotated[str, Form()] = "",
) -> Response:
    try:
        check_login_token(request, login_token)
    except Forbidden as exc:  # a fresh form, so a person whose form expired can sign in
        return _loginpage(request, next, str(exc), status=exc.status)
    address = request.client.host if request.client else ""
    wait = _throttle(request).wait(username, address)
    if wait:
        error = Throttled(
            f"Too many failed sign-ins for this user from your address; "
            f"try again in {(wait + 59) // 60} min.",
            wait,
        )
        page = _loginpage(request, next, str(error), status=error.status)
        page.headers["Retry-After"] = str(wait)
        return page
    user = accounts.authenticate(context(request).store, username, password)
    if user is None:
        _throttle(request).failed(username, address)
        return _loginpage(request, next, "Unknown user or wrong password.", status=401)
    _throttle(request).succeeded(username, address)
    target = next if next.startswith("/web/") else "/web/screenings"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        make_session(request, user),
        max_age=SESSION_AGE,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    response.delete_cookie(LOGIN_COOKIE, path="/web/login")
    return response


@router.post("/logout", response_model=None)
def logout(request: Request, csrf_token: Annotated[str, Form()] = "") -> RedirectResponse:
    """End the session in the store (its cookie then works nowhere), then drop the cookie."""
    end_session(request, csrf_token)
    response = RedirectResponse("/web/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


__all__ = ["router"]
