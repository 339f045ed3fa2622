"""HTTP routers: parse, call a service, serialise."""

__all__ = ["entities", "match", "screenings", "system"]
