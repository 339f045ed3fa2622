"""Countersight: screen portfolios and supplier lists for exposure to mass-surveillance vendors.

The public Python interface is three calls (see :mod:`countersight.facade`):

    import countersight
    countersight.match("Hikvision")                 # the ``match --json`` document
    countersight.screen("holdings.csv")             # the ``screen --json`` document
    with countersight.open(db="sqlite:///cs.db") as cs:
        countersight.screen("holdings.csv", context=cs)

``countersight.match`` is also the matching engine's package; calling it runs the façade.
Everything else is internal and may change between versions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from countersight import native

__version__ = "0.1.0"

native.install()  # before any scorer module is imported: compiled, or pure Python

if TYPE_CHECKING:
    from countersight.facade import open, screen


def __getattr__(name: str) -> Any:
    if name in ("open", "screen", "match"):
        from countersight import facade

        return getattr(facade, name)
    raise AttributeError(f"module 'countersight' has no attribute {name!r}")


__all__ = ["__version__", "match", "open", "screen"]
