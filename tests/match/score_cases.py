"""Score every benchmark case and write the results as JSON (run by ``test_native.py`` once
with the compiled scorer and once with ``COUNTERSIGHT_PURE_PYTHON=1``).

    python -m tests.match.score_cases OUT.json WORKDIR
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from benchmarks.quality import load_cases

from countersight import native
from countersight.service.context import open_context
from countersight.service.loading import load_paths
from countersight.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
LISTS = (
    "ofac-sdn-csv-2024-05",
    "us-csl-2023-11/consolidated-complete-records.csv",
    "un-consolidated/UN_consolidated.xml",
)


def score_all(workdir: Path) -> dict[str, Any]:
    """Every case's top 25 candidates, with score, route and explanation, against the
    registry and the list excerpts in ``tests/data``."""
    settings = load_settings(
        env={}, db=f"sqlite:///{workdir / 'cs.db'}", cache_dir=str(workdir / "cache")
    )
    ctx = open_context(settings)
    load_paths(ctx, [ROOT / "tests" / "data" / name for name in LISTS])
    matcher = ctx.engine().matcher
    results: dict[str, Any] = {}
    for case in load_cases(ROOT / "benchmarks" / "cases.csv"):
        found = matcher.match(case.to_query(), limit=25, cutoff=0.0)
        results[case.id] = [
            {
                "entity": r.entity_id,
                "score": repr(r.score),
                "raw": repr(r.raw),
                "status": [r.match, r.review],
                "route": r.route,
                "names": [r.query_name, r.candidate_name, r.via_brand],
                "features": [[f.name, repr(f.score), f.detail, f.description] for f in r.features],
            }
            for r in found
        ]
    return {"scorer": str(native.scorer()), "results": results}


if __name__ == "__main__":
    out, workdir = Path(sys.argv[1]), Path(sys.argv[2])
    workdir.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(score_all(workdir), ensure_ascii=False), encoding="utf-8")
