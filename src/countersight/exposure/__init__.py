"""Look-through: ownership and brand paths to flagged entities, and exposure aggregation.

Pure functions over the merged data view (:mod:`countersight.model.view`): no I/O.
"""

__all__ = ["aggregate", "graph"]
