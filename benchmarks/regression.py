"""Per-query cost of this engine against an earlier revision, side by side in one run.

    .venv/bin/python benchmarks/regression.py --baseline 403bd9d

The baseline revision is exported with ``git archive`` into a scratch folder. Each engine
(the baseline, and this tree with the compiled and the pure-Python scorer) runs in its own
process on the same synthetic organisations and queries (``benchmarks/synth.py``, which both
revisions share, with the same seed): it builds its index, scores every query once to warm
up, then times the rounds. The engines take turns, round by round, so that a busy moment
of the machine falls on all of them. Each round is timed in CPU time of the one process and
split into its three steps:

- ``candidates``: blocking, the index look-up for the query's names;
- ``fetch``: taking the candidate entities out of the index (decoding packed records);
- ``score``: scoring every candidate.

The index build (one process, ``workers=1``) is timed in CPU time too, with the process's
peak memory after it (which includes the synthetic entities it was built from).

The figure for each engine is its fastest round (the least disturbed one).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

# Run inside each engine's process: its own sources first on sys.path.
_WORKER = r"""
import json, sys, time, gc, resource
sys.path[:0] = [SRC, ROOT]
from benchmarks.synth import Generator
from countersight.match.engine import Matcher
from countersight.match.index import MatchIndex
from countersight.match.types import Query
from countersight.normalize.names import analyze

generator = Generator(SEED)
entities = list(generator.entities(ENTRIES))
built = time.process_time()
index = MatchIndex.build(entities, workers=1)
built = time.process_time() - built
del entities
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
matcher = Matcher(index)
queries = [Query.build([q.text]) for q in generator.queries(QUERIES)]
gc.collect()
gc.freeze()

def one_round():
    steps = [0.0, 0.0, 0.0]
    pairs = 0
    clock = time.process_time
    for query in queries:
        t0 = clock()
        forms = [(n, analyze(n)) for n in query.names]
        numbers = index.candidates([f for _, f in forms], query.identifiers, matcher.candidates)
        t1 = clock()
        entities = [index.entities[number] for number in numbers]
        t2 = clock()
        for entity in entities:
            matcher.score(query, forms, entity)
        t3 = clock()
        steps[0] += t1 - t0
        steps[1] += t2 - t1
        steps[2] += t3 - t2
        pairs += len(entities)
    return steps, pairs

one_round()
for line in sys.stdin:
    steps, pairs = one_round()
    print(json.dumps({"steps": steps, "pairs": pairs, "build": built, "peak": peak}), flush=True)
"""


def _export(revision: str, folder: Path) -> Path:
    """The baseline's files at ``revision``, unpacked into ``folder``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "src", "benchmarks"],
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def _start(root: Path, env: dict[str, str], args: argparse.Namespace) -> subprocess.Popen[str]:
    code = (
        _WORKER.replace("SRC", repr(str(root / "src")))
        .replace("ROOT", repr(str(root)))
        .replace("SEED", str(args.seed))
        .replace("ENTRIES", str(args.entries))
        .replace("QUERIES", str(args.queries))
    )
    return subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
        cwd=root,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--baseline", default="403bd9d", help="git revision to compare with")
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=4_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="countersight-baseline-"))
    baseline = _export(args.baseline, scratch)
    engines = {
        f"baseline {args.baseline} (pure)": (baseline, {"COUNTERSIGHT_PURE_PYTHON": "1"}),
        "this tree, pure": (ROOT, {"COUNTERSIGHT_PURE_PYTHON": "1"}),
        "this tree, compiled": (ROOT, {"COUNTERSIGHT_REQUIRE_NATIVE": "1"}),
    }
    started = time.strftime("%Y-%m-%d %H:%M")
    processes = {name: _start(root, env, args) for name, (root, env) in engines.items()}
    rounds: dict[str, list[dict[str, Any]]] = {name: [] for name in engines}
    loads = [os.getloadavg()[0]]
    for _ in range(args.rounds):
        for name, process in processes.items():
            assert process.stdin is not None
            assert process.stdout is not None
            process.stdin.write("go\n")
            process.stdin.flush()
            rounds[name].append(json.loads(process.stdout.readline()))
    loads.append(os.getloadavg()[0])
    for process in processes.values():
        assert process.stdin is not None
        process.stdin.close()
        process.wait()
    results = {
        name: min(found, key=lambda r: sum(r["steps"]))
        | {"rounds": [sum(r["steps"]) for r in found]}
        for name, found in rounds.items()
    }
    table = _table(results, args, started, loads)
    print(table)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "regression.md").write_text(table + "\n", encoding="utf-8")
    (args.out / "regression.json").write_text(
        json.dumps(results, indent=2) + "\n", encoding="utf-8"
    )


def _table(
    results: dict[str, dict[str, Any]], args: argparse.Namespace, started: str, loads: list[float]
) -> str:
    base_name = next(iter(results))
    base = sum(results[base_name]["steps"])
    lines = [
        f"{args.entries:,} synthetic organisations, {args.queries:,} queries (seed {args.seed}), "
        f"fastest of {args.rounds} rounds in CPU time of one process; {started}, "
        f"load average {loads[0]:.1f} → {loads[1]:.1f}.",
        "",
        "| engine | build (CPU) | peak memory | candidates | fetch | score | per query "
        "| candidate pairs | per pair scored | ÷ baseline |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, result in results.items():
        candidates, fetch, score = result["steps"]
        total = candidates + fetch + score
        lines.append(
            f"| {name} | {result['build']:.1f} s | {result['peak']:,.0f} MB | {candidates:.2f} s | {fetch:.2f} s | {score:.2f} s "
            f"| {total / args.queries * 1e6:,.0f} µs | {result['pairs']:,} "
            f"| {score / max(result['pairs'], 1) * 1e6:,.1f} µs | {total / base:.2f} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
