"""What the API and the web app share over HTTP: who is calling, and the app's state.

Neither :mod:`countersight.api` nor :mod:`countersight.web` imports the other; both use this
package and :mod:`countersight.service`. :mod:`countersight.server` composes them.
"""

from countersight.http.security import (
    Analyst,
    Reader,
    Viewer,
    context,
    current_user,
    require,
    runner,
)

__all__ = ["Analyst", "Reader", "Viewer", "context", "current_user", "require", "runner"]
