"""The per-supplier view of a spend file: its rows summed by supplier.

Rows are one supplier when they share a VAT number, a company number, the payer's supplier
id, or the supplier's name read loosely (case, punctuation and legal forms aside): the
caller gives each row those keys (:class:`Payment`). For each supplier: the total of its
known amounts, the number of payments (those without a usable amount counted apart, never
as zero), the first and last payment date, what was bought from covered makers (product
hits), the worst status of its rows, and the entities behind its flags with their evidence.
Decisions are already applied to the rows, so the view follows them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from countersight.exposure.aggregate import clean
from countersight.model.screening import (
    FindingDoc,
    FindingStatus,
    ProductDoc,
    Route,
    RowDoc,
    RowStatus,
    SupplierDoc,
    SupplierFinding,
    file_line,
)

_RANK = {RowStatus.FLAGGED: 0, RowStatus.REVIEW: 1, RowStatus.CLEAR: 2}
_KEY_ORDER = ("vat:", "company:", "id:", "name:")


@dataclass(frozen=True, slots=True)
class Payment:
    """One row with what ties it to its supplier: ``keys`` (``vat:GB...``, ``company:...``,
    ``id:...``, ``name:...``), the name as written, and the payment date when read."""

    row: RowDoc
    keys: tuple[str, ...]
    name: str
    day: date | None = None


def groups(payments: Sequence[Payment]) -> list[list[Payment]]:
    """Payments joined when they share any key (union-find), in the order first seen."""
    parent = list(range(len(payments)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for index, payment in enumerate(payments):
        for key in payment.keys:
            if key in owner:
                a, b = root(owner[key]), root(index)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                owner[key] = index
    out: dict[int, list[Payment]] = {}
    for index, payment in enumerate(payments):
        out.setdefault(root(index), []).append(payment)
    return list(out.values())


def _key(payments: list[Payment]) -> str:
    """The strongest key the supplier's rows carry (VAT, company number, id, then name)."""
    keys = {k for p in payments for k in p.keys}
    for prefix in _KEY_ORDER:
        found = sorted(k for k in keys if k.startswith(prefix))
        if found:
            return found[0]
    return "row:" + str(payments[0].row["row"])


def where(row: RowDoc) -> str:
    """A row as a reader finds it: ``file:line`` in a folder, ``line N`` in one file."""
    if "file" in row:
        return file_line(row)
    return f"line {row['line']}" if "line" in row else f"row {row['row']}"


def _findings(rows: list[RowDoc]) -> list[SupplierFinding]:
    """Each entity the supplier's active findings name, its worst status and its routes."""
    out: dict[str, SupplierFinding] = {}
    for row in rows:
        for finding in row["matches"]:
            item = out.get(finding["id"])
            if item is None:
                item = out[finding["id"]] = _finding(finding)
            else:
                item["rows"] += 1
                if finding["status"] == FindingStatus.FLAGGED:
                    item["status"] = FindingStatus.FLAGGED
            if finding["via"] not in item["via"]:
                item["via"].append(finding["via"])
    order = {FindingStatus.FLAGGED: 0, FindingStatus.REVIEW: 1}
    return sorted(out.values(), key=lambda f: (order.get(f["status"], 2), -f["rows"], f["caption"]))


def _finding(finding: FindingDoc) -> SupplierFinding:
    return {
        "id": finding["id"],
        "caption": finding["caption"],
        "status": finding["status"],
        "via": [],
        "rows": 1,
        "explanation": list(finding["explanation"]),
        "evidence": list(finding["evidence"][:3]),
    }


def _bought(rows: list[RowDoc]) -> list[ProductDoc]:
    """The product hits among the supplier's active findings, each text once."""
    seen: dict[tuple[str, str], ProductDoc] = {}
    for row in rows:
        for finding in row["matches"]:
            product = finding.get("product")
            if finding["via"] == Route.PRODUCT and product is not None:
                key = (product["text"].casefold(), product["where"])
                seen.setdefault(key, ProductDoc(**product))
    return list(seen.values())


def supplier(payments: list[Payment], total: float | None) -> SupplierDoc:
    """One supplier's payments summed (``total``: the file's known spend, for the share)."""
    rows = [p.row for p in payments]
    amounts = [r["weight"] for r in rows if r["weight"] is not None]
    spend = clean(sum(amounts)) if amounts else None
    days = sorted(p.day for p in payments if p.day is not None)
    names = [n for n, _ in Counter(p.name for p in payments if p.name).most_common()]
    status = min((r["status"] for r in rows), key=lambda s: _RANK[RowStatus(s)])
    keys = sorted({k for p in payments for k in p.keys if not k.startswith("name:")})
    return {
        "key": _key(payments),
        "name": names[0] if names else "",
        "names": names,
        "identifiers": keys,
        "status": RowStatus(status),
        "spend": spend,
        "share": clean(spend / total) if spend is not None and total else None,
        "payments": len(rows),
        "spend_unknown": len(rows) - len(amounts),
        "first": days[0].isoformat() if days else None,
        "last": days[-1].isoformat() if days else None,
        "bought": _bought(rows),
        "findings": _findings(rows),
        "rows": [r["row"] for r in rows],
        "where": [where(r) for r in rows if r["status"] != RowStatus.CLEAR],
    }


def by_supplier(payments: Sequence[Payment]) -> list[SupplierDoc]:
    """Every supplier: flagged first, then for review, then clear; by spend within each."""
    known = [p.row["weight"] for p in payments if p.row["weight"] is not None]
    total = sum(known) if known else None
    out = [supplier(group, total) for group in groups(payments)]
    out.sort(key=lambda s: (_RANK[s["status"]], -(s["spend"] or 0.0), s["name"].casefold()))
    return out


__all__ = ["Payment", "by_supplier", "groups", "supplier", "where"]
