"""The small public Python interface: open a store, screen a file, match a name.

    import countersight
    with countersight.open() as cs:              # the configured store (or db="sqlite:///x.db")
        document = countersight.screen("holdings.csv", context=cs)
        answer = countersight.match("Hikvision", context=cs)

Without ``context`` each call opens the configured store and closes it again. The results are
the documents the CLI prints with ``--json``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Unpack

from countersight.service.context import Context, open_context
from countersight.service.contracts import MatchDocument
from countersight.service.matching import IdentifierValues, build_query, match_json
from countersight.service.screening import ScreeningDocument, ScreenOptions
from countersight.service.screening import screen as _screen
from countersight.settings import load_settings


@contextmanager
def open(db: str | None = None, cache_dir: str | None = None) -> Iterator[Context]:
    """Open a store (the configured one by default), loading the registry if needed."""
    context = open_context(load_settings(db=db, cache_dir=cache_dir))
    try:
        yield context
    finally:
        context.store.close()


@contextmanager
def _using(context: Context | None) -> Iterator[Context]:
    if context is not None:
        yield context
        return
    with open() as opened:
        yield opened


def screen(
    path: str | Path,
    *,
    context: Context | None = None,
    options: ScreenOptions | None = None,
) -> ScreeningDocument:
    """Screen a holdings file, a supplier list, or a folder of files of one layout (a year
    of monthly spend files); the ``screen --json`` document."""
    with _using(context) as ctx:
        return _screen(ctx, Path(path), options or ScreenOptions(save=False))


def match(
    name: str | Sequence[str] = (),
    *,
    context: Context | None = None,
    limit: int = 5,
    **identifiers: Unpack[IdentifierValues],
) -> MatchDocument:
    """Match one organisation by name(s) and identifiers (``isin=["CNE..."]``, keys as in
    :class:`~countersight.model.IdentifierValues`); the ``match --json`` document. A name
    over 1,000 characters, a NUL or a lone surrogate raises ``InputError``."""
    names = [name] if isinstance(name, str) else list(name)
    query = build_query(names, **identifiers)
    with _using(context) as ctx:
        return match_json(ctx, query, limit=limit)


__all__ = ["ScreenOptions", "match", "open", "screen"]
