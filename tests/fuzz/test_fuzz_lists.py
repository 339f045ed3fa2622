"""Every list loader, through the service's load path, on seeded mutations of real files.

Each case copies a real list (a committed excerpt), damages one file, and loads it the way
``countersight load`` does. A clean refusal must leave the store exactly as it was.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from countersight.service.loading import load_paths
from tests.conftest import FIXTURES, fixture_data
from tests.fuzz.conftest import CASES, Template, Worker
from tests.fuzz.harness import Case, run_cases
from tests.fuzz.mutate import mutate

# format -> (seed: a file, or a folder and the file in it to damage)
SEEDS: dict[str, tuple[Path, str | None]] = {
    "ofac-csv": (fixture_data("ofac-sdn-csv-2021-07"), None),
    "ofac-xml": (fixture_data("us-csl-source-fixtures-ita/sdn_sdn.xml"), None),
    "csl-csv": (fixture_data("us-csl/consolidated-2025-sample.csv"), None),
    "ita-csv": (fixture_data("us-csl-source-fixtures-ita/el_el.csv"), None),
    "bis-dpl": (fixture_data("us-csl-source-fixtures-ita/dpl_dpl.txt"), None),
    "bis-uvl": (fixture_data("us-csl-source-fixtures-ita/uvl_uvl.csv"), None),
    "ddtc-debarred": (
        fixture_data("us-csl-source-fixtures-ita/dtc_itar_debarred_parties.csv"),
        None,
    ),
    "un-xml": (fixture_data("un-consolidated/UN_consolidated.xml"), None),
    "ftm": (FIXTURES / "ownership.ftm.json", None),
    "gleif": (fixture_data("gleif/20180901-gleif-concatenated-file-lei2-Top10.xml"), None),
    "gleif-json": (fixture_data("gleif/20240505-0000-gleif-goldencopy-lei2-intra-day.json"), None),
}


def _cases(fmt: str, seed: Path) -> list[Case]:
    rng = random.Random(f"lists:{fmt}")
    files = sorted(p for p in seed.iterdir() if p.is_file()) if seed.is_dir() else [seed]
    cases = []
    for number in range(CASES):
        target = rng.choice(files)
        label, data = mutate(rng, target.read_bytes())
        given = fmt.removesuffix("-json") if number % 2 else None  # sniffed, or --format

        def run(worker: Worker, target: Path = target, data: bytes = data, given=given) -> None:  # type: ignore[no-untyped-def]
            folder = worker.work / "case"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            for file in files:
                shutil.copyfile(file, folder / file.name)
            (folder / target.name).write_bytes(data)
            load_paths(worker.ctx, [folder if seed.is_dir() else folder / target.name], given)

        cases.append(Case(f"{fmt} #{number} {target.name}: {label}", run))
    return cases


@pytest.mark.parametrize("fmt", sorted(SEEDS))
def test_list_loaders_refuse_damaged_files_cleanly(fmt: str, template: Template) -> None:
    seed, _ = SEEDS[fmt]
    report = run_cases(f"list {fmt}", _cases(fmt, seed), setup=lambda: template.worker(fmt))
    assert report.counts["refused"] > 0  # the mutations reach the loader's checks
    assert not report.failures(), report.explain()
