"""The entities the quality benchmark matches against: the registry plus real official lists.

Built into a throw-away SQLite store through the normal load path, so registry merging
and the persisted index are exercised exactly as a user would.
"""

from __future__ import annotations

from pathlib import Path

from countersight.service.context import Context, open_context
from countersight.service.loading import load_paths
from countersight.settings import load_settings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
HAYSTACK = (
    DATA / "ofac-consolidated-nonsdn-2025-12",
    DATA / "ofac-sdn-csv-2024-05",
    DATA / "un-consolidated" / "UN_consolidated.xml",
    DATA / "us-csl" / "csl-2019-sample.csv",
    DATA / "us-csl-source-fixtures-ita" / "el_el.csv",
    DATA / "gleif" / "20240505-0000-gleif-goldencopy-lei2-intra-day.json",
)


def build(workdir: Path) -> Context:
    """A context over a fresh store holding the registry and the haystack lists."""
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "haystack.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    settings = load_settings(env={}, db=f"sqlite:///{db}", cache_dir=str(workdir / "cache"))
    ctx = open_context(settings)
    load_paths(ctx, list(HAYSTACK))
    return ctx
