"""The HTTP API: yente-shaped matching, search, entities and screenings, as thin routers.

Routers parse, call :mod:`countersight.service` and serialise; authentication comes from
:mod:`countersight.http`. The app itself is composed in :mod:`countersight.server`.
"""

__all__ = ["models", "routers"]
