"""What every report and the terminal say the same way: the datasets a file was screened
against, category titles, exposure with its unit, and numbers without float noise."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_CURRENCY = re.compile(r"\b(GBP|EUR|USD|CHF|JPY|CNY|RMB|HKD|SEK|NOK|DKK|CAD|AUD)\b|([£€$¥])")
SHARE_DIGITS = 6  # significant digits of a share (a fraction 0..1) or a score


def _version(source: Mapping[str, Any]) -> str:
    """The registry's version (its date and file digest), or a list's publication date."""
    published = source.get("publisher_date")
    if source["dataset"] == "registry":
        digest = str(source.get("sha256") or "")[:12]
        return f"version {published or 'undated'}" + (f" (sha256 {digest})" if digest else "")
    return f"published {published}" if published else "publication date unknown"


def datasets(document: Mapping[str, Any]) -> list[str]:
    """One line per dataset screened against: the registry with its version, then each
    loaded list with its publication date, and when each was loaded."""
    return [
        f"{s['title']} ({s['dataset']}): {_version(s)}; loaded {str(s['loaded_at'])[:10]}"
        for s in document.get("sources", [])
    ]


def datasets_short(document: Mapping[str, Any]) -> str:
    """The datasets in one cell: ``registry: version 2026-06-17 (sha256 7c0531185d05),
    loaded 2026-12-03; us_ofac_cons: published 2025-12-01, loaded 2026-12-03``."""
    return "; ".join(
        f"{s['dataset']}: {_version(s)}, loaded {str(s['loaded_at'])[:10]}"
        for s in document.get("sources", [])
    )


def category_labels(finding: Mapping[str, Any]) -> list[str]:
    """A finding's categories as people read them (titles; keys in documents made before
    titles were kept)."""
    return list(finding.get("category_labels") or finding.get("categories", []))


def currency(document: Mapping[str, Any]) -> str | None:
    """The currency a supplier list's spend column names (``Annual Spend (GBP)``), if any."""
    meta = document.get("input", {})
    column = meta.get("columns", {}).get(meta.get("weight_basis") or "", "")
    found = _CURRENCY.search(str(column))
    return (found.group(1) or found.group(2)) if found else None


def amount(value: float, unit: str | None) -> str:
    """A spend or market value with its currency: ``GBP 12,500`` (``12,500`` without one)."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{unit} {text}" if unit and len(unit) == 3 else f"{unit or ''}{text}"


def pct(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.2f}%"


def row_exposure(row: Mapping[str, Any], document: Mapping[str, Any]) -> str:
    """A row's exposure with its unit: ``2.50% of the portfolio``; for a supplier list the
    amount too: ``GBP 12,500 (3.98% of spend)``; ``weight unknown`` when it has none."""
    summary = document["summary"]
    if row["exposure"] is None:
        return "weight unknown" if summary.get("has_weights") and row["weight"] is None else "–"
    total = summary.get("total_weight")
    share = row["exposure"] / total if total else None
    share_of = summary.get("share_of", "the portfolio")
    if row["status"] != "flagged" and row["weight"] is not None:
        weight = row["weight"] / total if total else None
        return f"none until confirmed (the row is {pct(weight)} of {share_of})"
    if document.get("input", {}).get("weight_basis") in ("spend", "market_value"):
        return f"{amount(row['exposure'], currency(document))} ({pct(share)} of {share_of})"
    return f"{pct(share)} of {share_of}"


def _round(value: float, key: str) -> float:
    digits = SHARE_DIGITS if ("share" in key or key in ("score", "ownership")) else 12
    return float(f"{value:.{digits}g}")


def tidy_floats(data: Any, key: str = "") -> Any:
    """``data`` with shares and scores at six significant digits and every other number at
    twelve (what any input carries), so JSON shows no float noise (0.0398089, not
    0.0398089171975)."""
    if isinstance(data, bool):
        return data
    if isinstance(data, float):
        return _round(data, key)
    if isinstance(data, Mapping):
        return {k: tidy_floats(v, str(k)) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [tidy_floats(v, key) for v in data]
    return data


__all__ = [
    "amount",
    "category_labels",
    "currency",
    "datasets",
    "datasets_short",
    "pct",
    "row_exposure",
    "tidy_floats",
]
