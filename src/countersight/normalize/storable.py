"""Text every store backend can keep: no NUL character and no lone UTF-16 surrogate.

PostgreSQL refuses NUL in text and cannot encode a lone surrogate (SQLite takes both), so
such text is refused at the edges, naming the field, and both backends behave alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from countersight.exc import InputError


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be stored, or None when it can."""
    if "\x00" in value:
        return "contains a NUL character"
    try:
        value.encode("utf-8")  # in C: a lone surrogate is the only str UTF-8 cannot encode
    except UnicodeEncodeError:
        return "contains a lone surrogate (not valid Unicode)"
    return None


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string (dict keys included) in a decoded JSON value, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            child = f"{path}.{key}" if path else str(key)
            yield child, str(key)
            yield from _strings(item, child)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")


def check_text(field: str, value: Any) -> None:
    """Raise InputError (400, exit 2) naming the first field of ``value`` that holds text no
    backend can store; ``value`` may be a string or a decoded JSON document."""
    for path, text in _strings(value, field):
        problem = text_problem(text)
        if problem:
            raise InputError(f"field {path or 'body'!r} {problem}")


__all__ = ["check_text", "text_problem"]
