"""Product findings: what a row says was bought, and the names a supplier trades under.

Two places in a spend or supplier row can name a covered maker without the supplier being
the maker: the description of what was bought ("Supply and Installation of 5 number HIK
Vision Recorders") and a trading name ("Cellcom Ltd (T/A: DJI Hasselblad UK)", a shop
trading under a maker's name). Each hit becomes a finding on route ``product``:

- for **review** by default, with the matched text shown, since buying from a reseller or
  an installer is not holding the maker;
- **flagged** when the team screens under rules where buying covered equipment is itself the
  breach (NDAA §889): ``--flag-products`` or ``COUNTERSIGHT_FLAG_PRODUCTS``, and only for
  makers that flag on their own (H/M listings or findings).

A row that already matches the maker itself keeps that finding; the product finding is not
added twice.
"""

from __future__ import annotations

import threading

from countersight.match.products import ProductHit, ProductIndex
from countersight.model.confidence import concern
from countersight.model.portfolio import Holding
from countersight.model.view import DataView
from countersight.normalize.compound import PartRole, split_compound
from countersight.sources.products import read_products
from countersight.sources.registry import default_path

_LOCK = threading.Lock()
_INDEXES: dict[str, ProductIndex] = {}


def product_index(view: DataView) -> ProductIndex:
    """The product index for a store version: covered makers' names, brands and the
    registry's documented models (built once per version)."""
    with _LOCK:
        found = _INDEXES.get(view.version)
        if found is None:
            makers = [e for e in view.entities.values() if concern(e) is not None]
            found = ProductIndex.build(makers, read_products(default_path()))
            _INDEXES.clear()
            _INDEXES[view.version] = found
        return found


def product_texts(holding: Holding) -> list[tuple[str, str]]:
    """The texts of a row to read for products: ``(where, text)``."""
    out: list[tuple[str, str]] = []
    if holding.product and holding.product.strip():
        out.append(("description", holding.product))
    for part in split_compound(holding.name or ""):
        if part.role is PartRole.TRADING:
            out.append((part.describe(), part.text))
    return out


def product_hits(holding: Holding, view: DataView) -> list[tuple[str, ProductHit]]:
    """The makers a row's texts name, once each: ``(where, hit)``, strongest first. A trading
    name is itself the context a short name needs ("DJI Hasselblad UK")."""
    index = product_index(view)
    out: list[tuple[str, ProductHit]] = []
    seen: set[str] = set()
    for where, text in product_texts(holding):
        for hit in index.scan(text, context=where != "description"):
            if hit.entity_id not in seen:
                seen.add(hit.entity_id)
                out.append((where, hit))
    # A brand both a parent and its subsidiary carry (EZVIZ) names the family once: the parent.
    return [
        (where, hit)
        for where, hit in out
        if not any(r.subject in seen for r in view.parents(hit.entity_id))
    ]


__all__ = ["product_hits", "product_index", "product_texts"]
