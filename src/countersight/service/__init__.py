"""Use-cases shared by the CLI, the HTTP API and the web app: loading lists, matching,
screening, decisions, uploads and jobs, entities, exports, the registry.

Front ends parse input, call one function here and render what it returns.
"""

__all__ = [
    "context",
    "contracts",
    "decisions",
    "document",
    "entities",
    "exporting",
    "jobs",
    "loading",
    "matching",
    "present",
    "registry",
    "rows",
    "screening",
    "uploads",
    "yente",
]
