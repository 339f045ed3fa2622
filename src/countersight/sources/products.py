"""The registry's documented product models (``registry/products.yaml``).

Each entry names a maker (a registry entity id), an exact model number and the source that
documents it. :func:`check_products` is part of ``registry check``: an entry must cite a
source of the registry and name an entity of it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from countersight.exc import InputError
from countersight.model.product import ProductModel

FILE = "products.yaml"


def read_products(folder: Path) -> list[ProductModel]:
    """The models in ``folder/products.yaml`` (none when the file is absent)."""
    path = folder / FILE
    if not path.exists():
        return []
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        raise InputError(f"malformed YAML: {exc}", file=str(path)) from exc
    if not isinstance(data, list):
        raise InputError("expected a list of product models", file=str(path))
    models = []
    for number, entry in enumerate(data, start=1):
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(k), str) and entry[k].strip()
            for k in ("entity", "model", "source")
        ):
            raise InputError(f"entry {number} needs entity, model and source", file=str(path))
        label = entry.get("label")
        models.append(
            ProductModel(
                entity_id=entry["entity"],
                model=entry["model"],
                source=entry["source"],
                label=label if isinstance(label, str) else None,
            )
        )
    return models


def check_products(models: list[ProductModel], entities: set[str], sources: set[str]) -> list[str]:
    """Problems: a model citing a source the registry does not have, or naming no entity."""
    problems = []
    for model in models:
        if model.entity_id not in entities:
            problems.append(f"products.yaml: {model.model} names unknown entity {model.entity_id}")
        if model.source not in sources:
            problems.append(f"products.yaml: {model.model} cites unknown source {model.source}")
    return problems


__all__ = ["check_products", "read_products"]
