"""Users and API keys of a team deployment."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select

from countersight.exc import InputError, NotFound
from countersight.store import tables as t
from countersight.store.store import Store

ROLES = ("viewer", "analyst", "admin")
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: str

    def can(self, role: str) -> bool:
        """Whether this user has at least ``role`` (viewer < analyst < admin)."""
        return ROLES.index(self.role) >= ROLES.index(role)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    candidate = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), **_SCRYPT)
    return hmac.compare_digest(candidate.hex(), digest)


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def add_user(store: Store, name: str, role: str, password: str | None = None) -> User:
    if role not in ROLES:
        raise InputError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if not name or not name.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise InputError("a user name is letters, digits, '.', '-' or '_'")
    if password is not None and len(password) < 10:
        raise InputError("a password needs at least 10 characters")
    with store.engine.begin() as conn:
        if conn.execute(select(t.users.c.name).where(t.users.c.name == name)).first():
            raise InputError(f"user {name!r} exists")
        conn.execute(
            insert(t.users).values(
                name=name,
                role=role,
                password_hash=hash_password(password) if password else None,
                created_at=datetime.now(UTC),
            )
        )
    return User(name, role)


def new_api_key(store: Store, name: str, label: str | None = None) -> str:
    """Create an API key for a user; the key itself is shown once and stored hashed."""
    get_user(store, name)
    key = "cs_" + secrets.token_urlsafe(32)
    with store.engine.begin() as conn:
        conn.execute(
            insert(t.api_keys).values(
                key_hash=_key_hash(key), user_name=name, created_at=datetime.now(UTC), label=label
            )
        )
    return key


def get_user(store: Store, name: str) -> User:
    with store.engine.connect() as conn:
        row = conn.execute(select(t.users).where(t.users.c.name == name)).mappings().first()
    if row is None:
        raise NotFound(f"no user {name!r}")
    return User(row["name"], row["role"])


def list_users(store: Store) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.users).order_by(t.users.c.name)).mappings()
        return [
            {
                "name": r["name"],
                "role": r["role"],
                "created_at": r["created_at"].isoformat(),
                "password": r["password_hash"] is not None,
            }
            for r in rows
        ]


def user_for_key(store: Store, key: str) -> User | None:
    with store.engine.connect() as conn:
        row = conn.execute(
            select(t.users.c.name, t.users.c.role)
            .join(t.api_keys, t.api_keys.c.user_name == t.users.c.name)
            .where(t.api_keys.c.key_hash == _key_hash(key))
        ).first()
    return User(row[0], row[1]) if row else None


def authenticate(store: Store, name: str, password: str) -> User | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(t.users).where(t.users.c.name == name)).mappings().first()
    if row is None or not row["password_hash"]:
        verify_password(password, hash_password("x" * 10))  # same work either way
        return None
    if not verify_password(password, row["password_hash"]):
        return None
    return User(row["name"], row["role"])


def remove_user(store: Store, name: str) -> None:
    get_user(store, name)
    with store.engine.begin() as conn:
        conn.execute(delete(t.api_keys).where(t.api_keys.c.user_name == name))
        conn.execute(delete(t.users).where(t.users.c.name == name))
