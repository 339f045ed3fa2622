"""Score benchmark cases with nomenklatura's algorithms (run inside benchmarks/anchor/.venv).

Input: the JSON written by ``benchmarks/quality.py`` ({"cases": [{"id", "query", "candidates"}]},
entities as followthemoney dicts). Output: {"algorithm": {case_id: {candidate_id: score}}} and
the time each algorithm spent in ``compare``.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from followthemoney import model
from nomenklatura.matching import get_algorithm
from nomenklatura.matching.types import ScoringConfig

ALGORITHMS = ("logic-v1", "logic-v2")


def main(source: str, target: str) -> None:
    with open(source, encoding="utf-8") as handle:
        data = json.load(handle)
    entities = {e["id"]: model.get_proxy(e) for e in data["entities"]}
    out: dict[str, Any] = {"scores": {}, "seconds": {}, "pairs": {}}
    config = ScoringConfig(weights={}, config={})
    for name in ALGORITHMS:
        algorithm = get_algorithm(name)
        assert algorithm is not None, name
        scores: dict[str, dict[str, float]] = {}
        pairs = 0
        started = time.process_time()
        for case in data["cases"]:
            query = model.get_proxy(case["query"])
            row: dict[str, float] = {}
            for candidate_id in case["candidates"]:
                result = algorithm.compare(
                    query=query, result=entities[candidate_id], config=config
                )
                row[candidate_id] = float(result.score)
                pairs += 1
            scores[case["id"]] = row
        out["seconds"][name] = time.process_time() - started
        out["pairs"][name] = pairs
        out["scores"][name] = scores
    with open(target, "w", encoding="utf-8") as handle:
        json.dump(out, handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
