"""The team server: :func:`create_app` composes the HTTP API and the web app for one store."""

from countersight.server.app import create_app

__all__ = ["create_app"]
