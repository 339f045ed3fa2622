"""Countersight's data model: organisations, names, identifiers, relations, evidence.

No I/O here: sources build these objects, the store persists them, the matcher reads them.
"""

from countersight.model.entity import (
    ENTITY_LEVEL_SCHEMES,
    STRONG_SCHEMES,
    Entity,
    Identifier,
    IdScheme,
    InvalidIdentifier,
    Lang,
    Name,
    NameKind,
    Schema,
)
from countersight.model.evidence import Confidence, Evidence, ListMembership
from countersight.model.lists import LISTS, REGISTRY_DATASET, ListInfo, list_info, list_label
from countersight.model.query import QUERY_SCHEMES, IdentifierValues
from countersight.model.relation import Link, Relation, RelationKind

__all__ = [
    "ENTITY_LEVEL_SCHEMES",
    "LISTS",
    "QUERY_SCHEMES",
    "REGISTRY_DATASET",
    "STRONG_SCHEMES",
    "Confidence",
    "Entity",
    "Evidence",
    "IdScheme",
    "Identifier",
    "IdentifierValues",
    "InvalidIdentifier",
    "Lang",
    "Link",
    "ListInfo",
    "ListMembership",
    "Name",
    "NameKind",
    "Relation",
    "RelationKind",
    "Schema",
    "list_info",
    "list_label",
]
