"""Users, API keys and web sessions of a team deployment.

Passwords are hashed with scrypt (N=2^17, r=8, p=1); a hash records its own parameters, so
hashes made with older, weaker parameters still verify. API keys and session ids are stored
as SHA-256 hashes only. A session lives in the database: logging out deletes it, removing a
user deletes all of theirs, so a copied cookie stops working at once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import delete, insert, select

from countersight.exc import InputError, NotFound
from countersight.store import tables as t
from countersight.store.store import Store

ROLES = ("viewer", "analyst", "admin")
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
_LEGACY = (2**14, 8, 1)  # hashes written as scrypt$salt$digest, before parameters were stored


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: str

    def can(self, role: str) -> bool:
        """Whether this user has at least ``role`` (viewer < analyst < admin)."""
        return ROLES.index(self.role) >= ROLES.index(role)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    # scrypt needs 128 * n * r bytes; allow that plus headroom (hashlib's default is 32 MB).
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r + (1 << 20)
    )


def hash_password(password: str) -> str:
    """``scrypt$N$r$p$salt$digest`` with the current parameters."""
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def _parameters(stored: str) -> tuple[int, int, int, bytes, str] | None:
    """(N, r, p, salt, digest) of a stored hash, in either format; None if unreadable."""
    parts = stored.split("$")
    try:
        if len(parts) == 3 and parts[0] == "scrypt":
            return (*_LEGACY, bytes.fromhex(parts[1]), parts[2])
        if len(parts) == 6 and parts[0] == "scrypt":
            n, r, p = (int(x) for x in parts[1:4])
            if n > 2**20 or r > 16 or p > 4:  # refuse parameters that would exhaust memory
                return None
            return n, r, p, bytes.fromhex(parts[4]), parts[5]
    except ValueError:
        return None
    return None


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches ``stored``, computed with the parameters it records."""
    found = _parameters(stored)
    if found is None:
        return False
    n, r, p, salt, digest = found
    return hmac.compare_digest(_scrypt(password, salt, n, r, p).hex(), digest)


@cache
def _decoy_hash() -> str:
    """A hash to verify against for unknown users, so they cost the same one scrypt run."""
    return hash_password(secrets.token_urlsafe(16))


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
    """The user if the password is right. Unknown users, users without a password and wrong
    passwords all cost exactly one scrypt run, so timing does not tell which it was."""
    with store.engine.connect() as conn:
        row = conn.execute(select(t.users).where(t.users.c.name == name)).mappings().first()
    stored = row["password_hash"] if row is not None else None
    if row is None or not stored:
        verify_password(password, _decoy_hash())
        return None
    if not verify_password(password, stored):
        return None
    return User(row["name"], row["role"])


def open_session(store: Store, user: User, max_age: int) -> str:
    """A new session id for ``user`` (stored hashed), valid for ``max_age`` seconds.
    Expired sessions of every user are swept at the same time."""
    session_id = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        conn.execute(delete(t.sessions).where(t.sessions.c.expires_at < now))
        conn.execute(
            insert(t.sessions).values(
                id_hash=_key_hash(session_id),
                user_name=user.name,
                created_at=now,
                expires_at=now + timedelta(seconds=max_age),
            )
        )
    return session_id


def user_for_session(store: Store, session_id: str) -> User | None:
    """The user of a live session, or None when it ended, expired or never existed."""
    with store.engine.connect() as conn:
        row = conn.execute(
            select(t.users.c.name, t.users.c.role, t.sessions.c.expires_at)
            .join(t.sessions, t.sessions.c.user_name == t.users.c.name)
            .where(t.sessions.c.id_hash == _key_hash(session_id))
        ).first()
    if row is None:
        return None
    expires = row[2] if row[2].tzinfo else row[2].replace(tzinfo=UTC)  # SQLite drops the zone
    return User(row[0], row[1]) if expires > datetime.now(UTC) else None


def close_session(store: Store, session_id: str) -> None:
    """End one session (logout)."""
    with store.engine.begin() as conn:
        conn.execute(delete(t.sessions).where(t.sessions.c.id_hash == _key_hash(session_id)))


def remove_user(store: Store, name: str) -> None:
    get_user(store, name)
    with store.engine.begin() as conn:
        conn.execute(delete(t.api_keys).where(t.api_keys.c.user_name == name))
        conn.execute(delete(t.sessions).where(t.sessions.c.user_name == name))
        conn.execute(delete(t.users).where(t.users.c.name == name))
