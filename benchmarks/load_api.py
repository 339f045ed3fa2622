"""Bounded concurrent ``/match`` traffic against ``countersight serve`` on loopback.

    .venv/bin/python benchmarks/load_api.py --clients 50 --requests 2000 --workers 1,2

For each server configuration (number of worker processes) the script builds one store
(the registry, the OFAC SDN list and the OFAC non-SDN list), creates an API key, starts the
server as a subprocess, waits for ``/readyz``, sends a warm-up, then lets ``--clients``
concurrent clients share exactly ``--requests`` yente-shaped ``POST /match/default`` calls.
Each call carries ``--batch`` queries drawn from the quality benchmark's cases (fund-file,
supplier, Chinese, pinyin and identifier queries). Reports latency percentiles, throughput
and errors (non-200 answers, timeouts and refused connections), and how the requests were
shared between the server processes (each answer names its worker).

``--db postgresql://...`` runs against an empty PostgreSQL database instead of a SQLite file.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2 as httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from countersight.service.context import open_context  # noqa: E402
from countersight.service.loading import load_paths  # noqa: E402
from countersight.settings import load_settings  # noqa: E402
from countersight.store import accounts  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
LISTS = ("ofac-sdn-csv-2024-05", "ofac-consolidated-nonsdn-2025-12")


@dataclass
class Outcome:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    served_by: Counter[str] = field(default_factory=Counter)

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


def queries(batch: int, count: int, seed: int) -> list[dict[str, Any]]:
    """``count`` request bodies of ``batch`` queries each, from the labelled cases."""
    with (ROOT / "benchmarks" / "cases.csv").open(encoding="utf-8") as handle:
        cases = list(csv.DictReader(handle))
    rng = random.Random(seed)
    bodies = []
    for _ in range(count):
        body: dict[str, Any] = {"queries": {}}
        for n in range(batch):
            case = rng.choice(cases)
            props: dict[str, list[str]] = {"name": [case["query"]]} if case["query"] else {}
            if case["isin"]:
                props["isinCode"] = [case["isin"]]
            if case["country"]:
                props["country"] = [case["country"]]
            if not props:
                props["name"] = ["Hikvision"]
            body["queries"][f"q{n}"] = {"schema": "Company", "properties": props}
        bodies.append(body)
    return bodies


def prepare(workdir: Path, given: str | None) -> tuple[str, str]:
    """A store with the lists loaded and an analyst key; returns (db url, key). Without
    ``given``, a fresh SQLite file in ``workdir``."""
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "store.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    url = given or f"sqlite:///{db}"
    ctx = open_context(load_settings(env={}, db=url, cache_dir=str(workdir / "cache")))
    load_paths(ctx, [DATA / name for name in LISTS])
    accounts.add_user(ctx.store, "loadtest", "analyst")
    key = accounts.new_api_key(ctx.store, "loadtest")
    ctx.store.close()
    return url, key


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(url: str, workdir: Path, workers: int, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "COUNTERSIGHT_CACHE_DIR": str(workdir / "cache")}
    command = [sys.executable, "-m", "countersight", "--db", url, "serve", "--port", str(port)]
    command += ["--workers", str(workers), "--log-level", "warning"]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)


def wait_ready(base: str, server: subprocess.Popen[bytes], timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with status {server.returncode}")
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    raise SystemExit("the server did not become ready")


async def drive(base: str, key: str, bodies: list[dict[str, Any]], clients: int) -> Outcome:
    outcome = Outcome()
    pending = iter(bodies)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    headers = {"Authorization": f"ApiKey {key}"}
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits) as client:

        async def one_client() -> None:
            for body in pending:
                started = time.perf_counter()
                try:
                    response = await client.post("/match/default", json=body, timeout=60)
                except httpx.TimeoutException:
                    outcome.error("timeout")
                    continue
                except httpx.TransportError as exc:
                    outcome.error(type(exc).__name__)
                    continue
                if response.status_code != 200:
                    outcome.error(f"HTTP {response.status_code}")
                    continue
                outcome.latencies.append(time.perf_counter() - started)
                outcome.served_by[response.headers.get("x-countersight-worker", "?")] += 1

        await asyncio.gather(*(one_client() for _ in range(clients)))
    return outcome


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if values else 0


def run(args: argparse.Namespace, url: str, key: str, workers: int) -> dict[str, Any]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(url, args.workdir, workers, port)
    try:
        wait_ready(base, server)
        asyncio.run(drive(base, key, queries(args.batch, 100, args.seed + 1), args.clients))
        bodies = queries(args.batch, args.requests, args.seed)
        started = time.perf_counter()
        outcome = asyncio.run(drive(base, key, bodies, args.clients))
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    ms = [1000 * v for v in outcome.latencies]
    return {
        "workers": workers,
        "ok": len(ms),
        "errors": sum(outcome.errors.values()),
        "error_kinds": outcome.errors,
        "p50": percentile(ms, 50),
        "p95": percentile(ms, 95),
        "p99": percentile(ms, 99),
        "max": max(ms, default=0),
        "rps": len(ms) / elapsed,
        "qps": len(ms) * args.batch / elapsed,
        "elapsed": elapsed,
        "shares": sorted((100 * n / len(ms) for n in outcome.served_by.values()), reverse=True),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=1, help="queries per request")
    parser.add_argument("--workers", default="1,2", help="server processes, comma-separated")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "load")
    parser.add_argument("--db", help="an empty PostgreSQL database URL (default: SQLite)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args()
    url, key = prepare(args.workdir, args.db)
    backend = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    rows = [run(args, url, key, int(w)) for w in args.workers.split(",")]
    lines = [
        f"{args.clients} concurrent clients sent {args.requests:,} `POST /match/default` requests "
        f"of {args.batch} yente-shaped quer{'y' if args.batch == 1 else 'ies'} each, over "
        f"loopback, to a server holding the registry, the OFAC SDN list and the OFAC non-SDN "
        f"list ({backend} store, {os.cpu_count()} CPU cores).",
        "",
        "| server processes | p50 | p95 | p99 | max | requests/s | errors | requests per process |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        kinds = ", ".join(f"{k}: {v}" for k, v in sorted(r["error_kinds"].items()))
        lines.append(
            f"| {r['workers']} | {r['p50']:.0f} ms | {r['p95']:.0f} ms | {r['p99']:.0f} ms "
            f"| {r['max']:.0f} ms | {r['rps']:,.0f} | {r['errors']}"
            f"{f' ({kinds})' if kinds else ''} | {' / '.join(f'{p:.0f}%' for p in r['shares'])} |"
        )
    text = "\n".join(lines)
    args.out.mkdir(parents=True, exist_ok=True)
    name = "load.md" if backend == "SQLite" else "load-postgresql.md"
    (args.out / name).write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
