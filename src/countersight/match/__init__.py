"""The matching engine: a blocking index, candidate generation, a table of features, scores
with their explanations.

Called as a function, this package is the public façade ``countersight.match(name, ...)``
(:func:`countersight.facade.match`), so that ``import countersight; countersight.match(...)``
works whether or not the engine was imported first.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from countersight.facade import match

        return match(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule

__all__ = ["business", "compare", "engine", "features", "index", "resolve", "scoring", "types"]
