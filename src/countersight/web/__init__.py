"""The web app: server-rendered pages for analysts (sign in, upload, results, decisions,
entities). Uses :mod:`countersight.service` and :mod:`countersight.http`; never the API's
routers.
"""

__all__ = ["login", "pages", "routes"]
