"""The summary of a Spark screening, summed over partitions by Spark.

Every figure of ``screen``'s summary and breakdowns that is a sum over rows (row counts,
weights by company, list, category and route) is emitted by each partition as a (key, value)
pair; Spark adds them up by key (``reduceByKey``), and the driver turns the totals into the
summary's shape, taking shares of the total weight at the end as ``screen`` takes them of
one file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


def breakdown_pairs(document: Mapping[str, Any]) -> Iterator[tuple[tuple[str, ...], float]]:
    """The partition's additive figures as (key, value) pairs for Spark to sum."""
    summary = document["summary"]
    for field in (
        "rows",
        "flagged_rows",
        "review_rows",
        "weight_unknown_rows",
        "weight_unknown_flagged",
        "skipped_rows",
    ):
        yield ("summary", field), float(summary[field])
    yield ("kind", summary["kind"], "weighted" if summary["has_weights"] else ""), 1.0
    for field in ("total_weight", "exposed_weight"):
        if summary[field] is not None:
            yield ("summary", field), float(summary[field])
    breakdown = document["breakdown"]
    for company in breakdown["by_company"]:
        key = ("company", company["id"], company["caption"])
        yield (*key, "rows"), float(company["rows"])
        yield (*key, "weight"), float(company["weight"] or 0.0)
    for name in ("by_list", "by_category", "by_route"):
        for entry in breakdown[name]:
            yield (name, entry["label"]), float(entry["weight"] or 0.0)


def summary_of(sums: dict[tuple[str, ...], float]) -> dict[str, Any]:
    """The summary and breakdowns from the summed figures, in ``screen --json``'s shape."""
    total = sums.get(("summary", "total_weight"))
    exposed = sums.get(("summary", "exposed_weight"))

    def share(weight: float) -> float | None:
        return weight / total if total else None

    kinds = {(key[1], key[2]) for key in sums if key[0] == "kind"}
    kind = "suppliers" if {k for k, _ in kinds} == {"suppliers"} else "holdings"
    companies: dict[str, dict[str, Any]] = {}
    groups: dict[str, dict[str, float]] = {"by_list": {}, "by_category": {}, "by_route": {}}
    for key, value in sums.items():
        if key[0] == "company":
            entry = companies.setdefault(key[1], {"id": key[1], "caption": key[2]})
            entry[key[3]] = value
        elif key[0] in groups:
            groups[key[0]][key[1]] = value
    by_company = sorted(companies.values(), key=lambda e: (-e["weight"], e["id"]))
    for entry in by_company:
        entry["rows"] = int(entry["rows"])
        entry["share"] = share(entry["weight"])
        if total is None:
            entry["weight"] = None
    return {
        "summary": {
            "rows": int(sums.get(("summary", "rows"), 0)),
            "flagged_rows": int(sums.get(("summary", "flagged_rows"), 0)),
            "review_rows": int(sums.get(("summary", "review_rows"), 0)),
            "total_weight": total,
            "exposed_weight": exposed if total is not None else None,
            "exposed_share": share(exposed or 0.0) if total is not None else None,
            "kind": kind,
            "share_of": "spend" if kind == "suppliers" else "the portfolio",
            "has_weights": any(weighted for _, weighted in kinds),
            **{
                field: int(sums.get(("summary", field), 0))
                for field in ("weight_unknown_rows", "weight_unknown_flagged", "skipped_rows")
            },
        },
        "breakdown": {
            "by_company": by_company,
            **{
                name: [
                    {
                        "label": label,
                        "weight": weight if total is not None else None,
                        "share": share(weight),
                    }
                    for label, weight in sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))
                ]
                for name, values in groups.items()
            },
        },
    }


__all__ = ["breakdown_pairs", "summary_of"]
