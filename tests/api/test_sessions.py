"""Web sign-in: the login form's own CSRF token, logout, server-side session revocation,
throttled failed sign-ins, one scrypt run whoever asks, and the scrypt parameters."""

from __future__ import annotations

import hashlib

import pytest
from fastapi.testclient import TestClient

from countersight.http.throttle import LoginThrottle
from countersight.store import accounts
from tests.api.conftest import Api, csrf_of, login

PASSWORD = "correct horse battery"


def test_login_form_needs_its_own_token(api: Api) -> None:
    # A cross-site form can post name and password but neither read nor set the pre-login
    # cookie, so it cannot log the visitor's browser into an attacker's account.
    forged = api.client.post(
        "/web/login",
        data={"username": "alice", "password": PASSWORD},
        follow_redirects=False,
    )
    assert forged.status_code == 403
    assert "came from another site" in forged.text
    assert "cs_session" not in forged.cookies
    # A token from one browser does not work with another browser's (missing) cookie.
    page = api.client.get("/web/login").text
    other = TestClient(api.client.app)
    token = page.split('name="login_token" value="')[1].split('"')[0]
    stolen = other.post(
        "/web/login",
        data={"username": "alice", "password": PASSWORD, "login_token": token},
        follow_redirects=False,
    )
    assert stolen.status_code == 403
    assert login(api.client, "alice", PASSWORD).status_code == 303


def test_logout_needs_csrf_and_ends_the_session_everywhere(api: Api) -> None:
    assert login(api.client, "alice", PASSWORD).status_code == 303
    cookie = api.client.cookies["cs_session"]
    copy = TestClient(api.client.app, cookies={"cs_session": cookie})
    assert copy.get("/web/screenings", follow_redirects=False).status_code == 200
    assert api.client.post("/web/logout", follow_redirects=False).status_code == 403
    out = api.client.post(
        "/web/logout", data={"csrf_token": csrf_of(api.client)}, follow_redirects=False
    )
    assert out.status_code == 303
    # The copied cookie is still validly signed, but its session is gone from the store.
    assert copy.get("/web/screenings", follow_redirects=False).status_code == 303
    assert copy.get("/screenings/x").status_code == 401


def test_removing_a_user_ends_their_sessions_even_if_the_name_returns(api: Api) -> None:
    assert login(api.client, "victor", PASSWORD).status_code == 303
    cookie = api.client.cookies["cs_session"]
    accounts.remove_user(api.ctx.store, "victor")
    accounts.add_user(api.ctx.store, "victor", "admin", "another password!")
    copy = TestClient(api.client.app, cookies={"cs_session": cookie})
    assert copy.get("/web/screenings", follow_redirects=False).status_code == 303
    assert copy.get("/screenings/x").status_code == 401


def test_every_sign_in_costs_one_scrypt_run(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    accounts.authenticate(api.ctx.store, "nobody", "x" * 12)  # the decoy hash is made once
    calls: list[int] = []
    real = hashlib.scrypt

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(kwargs["n"])
        return real(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counting)
    accounts.add_user(api.ctx.store, "keyonly", "viewer")  # no password: API keys only
    calls.clear()
    for name, password in (
        ("nobody", "whatever pass"),  # unknown user
        ("keyonly", "whatever pass"),  # user without a password
        ("alice", "wrong password!"),  # wrong password
        ("alice", PASSWORD),  # right password
    ):
        before = len(calls)
        accounts.authenticate(api.ctx.store, name, password)
        assert calls[before:] == [accounts.SCRYPT_N], name


def test_scrypt_parameters_are_stored_and_old_hashes_still_verify() -> None:
    stored = accounts.hash_password(PASSWORD)
    scheme, n, r, p, _salt, _digest = stored.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", 2**17, 8, 1)
    assert accounts.verify_password(PASSWORD, stored)
    assert not accounts.verify_password("wrong password", stored)
    salt = bytes.fromhex("00" * 16)
    legacy_digest = hashlib.scrypt(PASSWORD.encode(), salt=salt, n=2**14, r=8, p=1)
    legacy = f"scrypt${salt.hex()}${legacy_digest.hex()}"
    assert accounts.verify_password(PASSWORD, legacy)
    assert not accounts.verify_password("wrong password", legacy)
    assert not accounts.verify_password(PASSWORD, f"scrypt${2**30}$8$1${salt.hex()}$00")


def test_failed_sign_ins_are_throttled_per_user_and_address(api: Api) -> None:
    for _ in range(5):
        assert login(api.client, "alice", "wrong password!").status_code == 401
    blocked = login(api.client, "alice", PASSWORD)
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) > 0
    assert "Too many failed sign-ins" in blocked.text
    assert "cs_session" not in blocked.cookies
    assert login(api.client, "victor", PASSWORD).status_code == 303  # other users unaffected


def test_throttle_window_and_reset() -> None:
    now = [0.0]
    throttle = LoginThrottle(max_failures=3, window=60, clock=lambda: now[0])
    for _ in range(3):
        assert throttle.wait("a", "1.2.3.4") == 0
        throttle.failed("a", "1.2.3.4")
    assert throttle.wait("a", "1.2.3.4") == 60
    assert throttle.wait("a", "5.6.7.8") == 0
    assert throttle.wait("b", "1.2.3.4") == 0
    now[0] = 45.0
    assert throttle.wait("a", "1.2.3.4") == 15
    now[0] = 61.0
    assert throttle.wait("a", "1.2.3.4") == 0
    throttle.failed("a", "1.2.3.4")
    throttle.succeeded("a", "1.2.3.4")
    assert throttle.wait("a", "1.2.3.4") == 0
