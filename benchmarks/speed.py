"""Speed benchmark: index build time and peak memory, batch query throughput, and the same
queries scored by nomenklatura's logic-v1 (and logic-v2) over the same candidates.

    .venv/bin/python benchmarks/speed.py --entries 1000000 --queries 100000

Phases run in separate processes so that each one's peak memory is its own:
``generate`` writes synthetic entities and queries; ``build`` builds the index (timed,
peak RSS) and runs the batch (timed, ``--workers`` processes); the anchor scorers then run
on a sample of the same queries with the candidates Countersight's blocking chose.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import subprocess
import sys
import time
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, overload

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synth import Generator  # noqa: E402


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _stream(handle: Any) -> Iterator[Any]:
    """Records written by :func:`generate`: a 4-byte length, then one pickled entity."""
    while header := handle.read(4):
        yield pickle.loads(handle.read(int.from_bytes(header, "little")))


class PickledEntities(Sequence[Any]):
    """The entities file as a read-only sequence: only record offsets are held in memory,
    and a slice reads its records from disk (so forked build workers each read their own)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        offsets = array("q")
        with path.open("rb") as handle:
            position = 0
            while header := handle.read(4):
                offsets.append(position)
                position += 4 + int.from_bytes(header, "little")
                handle.seek(position)
        self.offsets = offsets

    def __len__(self) -> int:
        return len(self.offsets)

    @overload
    def __getitem__(self, item: int) -> Any: ...

    @overload
    def __getitem__(self, item: slice) -> list[Any]: ...

    def __getitem__(self, item: int | slice) -> Any:
        if isinstance(item, int):
            return self[item : item + 1][0]
        start, stop, _ = item.indices(len(self))
        if start >= stop:
            return []
        with self.path.open("rb") as handle:
            handle.seek(self.offsets[start])
            records = _stream(handle)
            return [next(records) for _ in range(start, stop)]


def generate(workdir: Path, entries: int, queries: int, seed: int) -> None:
    generator = Generator(seed)
    with (workdir / "entities.pkl").open("wb") as handle:
        for entity in generator.entities(entries):
            record = pickle.dumps(entity, protocol=pickle.HIGHEST_PROTOCOL)
            handle.write(len(record).to_bytes(4, "little") + record)
    sample = generator.queries(queries)
    with (workdir / "queries.pkl").open("wb") as handle:
        pickle.dump(sample, handle, protocol=pickle.HIGHEST_PROTOCOL)


def build_and_query(workdir: Path, workers: int, anchor_sample: int) -> dict[str, Any]:
    from benchmarks.quality import entity_ftm
    from countersight.match.engine import Matcher
    from countersight.match.index import MatchIndex
    from countersight.match.types import Query
    from countersight.normalize.names import analyze

    with (workdir / "queries.pkl").open("rb") as handle:
        synth = pickle.load(handle)
    rss_before = _rss_mb()
    started = time.perf_counter()
    # Entities are read from disk by the build workers, never all in memory at once.
    index = MatchIndex.build(PickledEntities(workdir / "entities.pkl"), workers=workers)
    build_seconds = time.perf_counter() - started
    rss_after_build = _rss_mb()
    matcher = Matcher(index)
    queries = [Query.build([q.text]) for q in synth]
    load_before = os.getloadavg()[0]
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    results = matcher.match_many(queries, limit=5, workers=workers)
    query_seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    worker_cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    found = sum(
        1
        for q, r in zip(synth, results, strict=True)
        if q.target is not None and r and r[0].match and r[0].entity_id == f"syn-{q.target}"
    )
    targeted = sum(1 for q in synth if q.target is not None)
    strangers_matched = sum(
        1 for q, r in zip(synth, results, strict=True) if q.target is None and r and r[0].match
    )
    # The same candidates, for the anchor scorers: a sample, single process, timed by them.
    sample = queries[:anchor_sample]
    candidates: list[list[str]] = []
    # CPU time of this one process, as the anchor scorers are timed: the machine is shared.
    ours_started = time.process_time()
    for query in sample:
        forms = [(n, analyze(n)) for n in query.names]
        numbers = index.candidates([f for _, f in forms], query.identifiers, matcher.candidates)
        entities = [index.entities[number] for number in numbers]
        for entity in entities:
            matcher.score(query, forms, entity)
        candidates.append([entity.id for entity in entities])
    ours_single = time.process_time() - ours_started
    wanted = {i for ids in candidates for i in ids}
    with (workdir / "entities.pkl").open("rb") as handle:
        chosen = [entity_ftm(e) for e in _stream(handle) if e.id in wanted]
    payload = {
        "entities": chosen,
        "cases": [
            {
                "id": str(n),
                "query": {"id": f"q-{n}", "schema": "Company", "properties": {"name": q.names}},
                "candidates": ids,
            }
            for n, (q, ids) in enumerate(zip(sample, candidates, strict=True))
        ],
    }
    (workdir / "anchor-input.json").write_text(json.dumps(payload), encoding="utf-8")
    return {
        "entries": len(index),
        "queries": len(queries),
        "workers": workers,
        "build_seconds": build_seconds,
        "rss_before_build_mb": rss_before,
        "rss_peak_mb": _rss_mb(),
        "rss_after_build_mb": rss_after_build,
        "query_seconds": query_seconds,
        "load_average_before_batch": load_before,
        "load_average_after_batch": os.getloadavg()[0],
        "batch_worker_cpu_seconds": worker_cpu,
        "batch_worker_minor_faults": after.ru_minflt - children.ru_minflt,
        "queries_per_second": len(queries) / query_seconds,
        "recall_on_targeted": found / targeted if targeted else 0.0,
        "strangers_matched": strangers_matched,
        "strangers": len(queries) - targeted,
        "anchor_sample": len(sample),
        "ours_single_process_seconds_on_sample": ours_single,
        "candidate_pairs_in_sample": sum(len(c) for c in candidates),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--anchor-sample", type=int, default=2000)
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "speed")
    parser.add_argument(
        "--anchor-python",
        type=Path,
        default=ROOT / "benchmarks" / "anchor" / ".venv" / "bin" / "python",
    )
    parser.add_argument("--phase", choices=("all", "generate", "run"), default="all")
    parser.add_argument(
        "--scorers",
        default="compiled,pure",
        help="scorers to run side by side: compiled, pure (comma-separated)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    me = [
        sys.executable,
        __file__,
        "--entries",
        str(args.entries),
        "--queries",
        str(args.queries),
        "--workers",
        str(args.workers),
        "--seed",
        str(args.seed),
        "--anchor-sample",
        str(args.anchor_sample),
        "--workdir",
        str(args.workdir),
    ]
    if args.phase == "generate":
        generate(args.workdir, args.entries, args.queries, args.seed)
        return
    if args.phase == "run":
        result = build_and_query(args.workdir, args.workers, args.anchor_sample)
        (args.workdir / "run.json").write_text(json.dumps(result), encoding="utf-8")
        return
    subprocess.run([*me, "--phase", "generate"], check=True)
    results: dict[str, dict[str, Any]] = {}
    for scorer in args.scorers.split(","):
        # Each scorer in its own process: the compiled modules, or the same modules as
        # Python (COUNTERSIGHT_PURE_PYTHON=1); the anchors score the compiled run's candidates.
        env = {**os.environ, "COUNTERSIGHT_PURE_PYTHON": "1" if scorer == "pure" else "0"}
        subprocess.run([*me, "--phase", "run"], check=True, env=env)
        results[scorer] = json.loads((args.workdir / "run.json").read_text(encoding="utf-8"))
    subprocess.run(
        [
            str(args.anchor_python),
            str(ROOT / "benchmarks" / "anchor" / "score.py"),
            str(args.workdir / "anchor-input.json"),
            str(args.workdir / "anchor-scores.json"),
        ],
        check=True,
    )
    anchor = json.loads((args.workdir / "anchor-scores.json").read_text(encoding="utf-8"))
    text = _table(results, anchor, args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "speed.md").write_text(text + "\n", encoding="utf-8")
    (args.out / "speed.json").write_text(
        json.dumps({"runs": results, "anchor_seconds": anchor["seconds"]}, indent=2) + "\n",
        encoding="utf-8",
    )
    print(text)


def _table(results: dict[str, dict[str, Any]], anchor: dict[str, Any], seed: int) -> str:
    """One column per scorer, measured in the same run."""
    names = list(results)
    first = results[names[0]]
    sample = first["anchor_sample"]
    rows = {name: sample / anchor["seconds"][name] for name in ("logic-v1", "logic-v2")}

    def row(label: str, cell: Any, target: str = "") -> str:
        return f"| {label} | " + " | ".join(cell(results[n]) for n in names) + f" | {target} |"

    def single(r: dict[str, Any]) -> float:
        return float(sample / r["ours_single_process_seconds_on_sample"])

    loads = ", ".join(
        f"{n}: {results[n]['load_average_before_batch']:.1f} → "
        f"{results[n]['load_average_after_batch']:.1f}"
        for n in names
    )
    lines = [
        f"Synthetic index of {first['entries']:,} organisations, {first['queries']:,} queries "
        f"(seed {seed}), {first['workers']} worker processes; load average before and after "
        f"each batch: {loads}.",
        "",
        "| measure | " + " | ".join(f"{n} scorer" for n in names) + " | target |",
        "|---|" + "---|" * len(names) + "---|",
        row("index build", lambda r: f"{r['build_seconds']:.1f} s", "≤ 30 s"),
        row(
            "peak memory of the building process (RSS; the two build workers read the "
            "entities from disk, 5,000 at a time)",
            lambda r: f"{r['rss_after_build_mb']:,.0f} MB",
            "≤ 1,536 MB",
        ),
        row(
            "memory added by the index",
            lambda r: f"{r['rss_after_build_mb'] - r['rss_before_build_mb']:,.0f} MB",
        ),
        row(
            f"{first['queries']:,} queries, batch path",
            lambda r: f"{r['query_seconds']:.1f} s ({r['queries_per_second']:,.0f} rows/s)",
            "≤ 10 s",
        ),
        row(
            "CPU time and minor page faults of the batch workers",
            lambda r: f"{r['batch_worker_cpu_seconds']:.1f} s, {r['batch_worker_minor_faults']:,}",
        ),
        row(
            "recall of the targeted variants (top result is the source entity)",
            lambda r: f"{r['recall_on_targeted']:.3f}",
            "≥ 0.838",
        ),
        row(
            "strangers matched",
            lambda r: f"{r['strangers_matched']} of {r['strangers']}",
            "≤ 361",
        ),
        f"| logic-v1, same candidates ({first['candidate_pairs_in_sample']:,} pairs for "
        f"{sample:,} rows) | {rows['logic-v1']:,.0f} rows/s |" + " |" * (len(names) - 1) + " |",
        f"| logic-v2, same candidates | {rows['logic-v2']:,.0f} rows/s |"
        + " |" * (len(names) - 1)
        + " |",
        row(
            "Countersight single process on the same rows (CPU time, as the anchors)",
            lambda r: f"{single(r):,.0f} rows/s",
        ),
        row(
            "ratio per process: single process ÷ logic-v1",
            lambda r: f"{single(r) / rows['logic-v1']:.1f}×",
            "≥ 20×",
        ),
        row(
            "ratio per process: single process ÷ logic-v2",
            lambda r: f"{single(r) / rows['logic-v2']:.1f}×",
            "≥ 15×",
        ),
        row(
            "ratio: batch path (2 processes) ÷ logic-v1",
            lambda r: f"{r['queries_per_second'] / rows['logic-v1']:.1f}×",
        ),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
