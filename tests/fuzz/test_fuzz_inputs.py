"""Every input reader (CSV, TSV, XLSX, N-PORT), through the screening use-case, on seeded
mutations of the example portfolio, a workbook made from it, and real N-PORT filings.

Each case screens the damaged file the way ``countersight screen`` does (read, match,
save the run). A clean refusal must leave the store exactly as it was: no run saved.
"""

from __future__ import annotations

import csv
import io
import random

import pytest
from openpyxl import Workbook

from countersight.service.screening import ScreenOptions, screen
from tests.conftest import FIXTURES, ROOT, fixture_data
from tests.fuzz.conftest import CASES, Template, Worker
from tests.fuzz.harness import Case, run_cases
from tests.fuzz.mutate import mutate, mutate_xlsx

PORTFOLIO = ROOT / "examples" / "portfolio.csv"


def _rows() -> list[list[str]]:
    with PORTFOLIO.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _tsv() -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter="\t", lineterminator="\r\n").writerows(_rows())
    return out.getvalue().encode("utf-8")


def _xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in _rows():
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _seeds(kind: str) -> list[tuple[str, bytes]]:
    if kind == "csv":
        return [
            ("portfolio.csv", PORTFOLIO.read_bytes()),
            ("fund-holdings.csv", (ROOT / "examples" / "fund-holdings.csv").read_bytes()),
        ]
    if kind == "tsv":
        return [("portfolio.tsv", _tsv())]
    if kind == "xlsx":
        return [("portfolio.xlsx", _xlsx())]
    return [
        ("nport-with-hikvision.xml", (FIXTURES / "nport-with-hikvision.xml").read_bytes()),
        (
            "SEC_NPORT_technical_sample_1.xml",
            fixture_data("sec-nport/SEC_NPORT_technical_sample_1.xml").read_bytes(),
        ),
    ]


def _cases(kind: str) -> list[Case]:
    rng = random.Random(f"inputs:{kind}")
    seeds = _seeds(kind)
    cases = []
    for number in range(CASES):
        name, original = rng.choice(seeds)
        label, data = (mutate_xlsx if kind == "xlsx" else mutate)(rng, original)

        def run(worker: Worker, name: str = name, data: bytes = data) -> None:
            path = worker.work / name
            path.write_bytes(data)
            screen(worker.ctx, path, ScreenOptions())

        cases.append(Case(f"{kind} #{number} {name}: {label}", run))
    return cases


KINDS = [
    "csv",
    "tsv",  # case #30, a 200,000-character pinyin-like name, exhausted memory (finding 2)
    "xlsx",  # damaged parts raised ParseError, TypeError, zlib.error... (finding 7)
    "nport",
]


@pytest.mark.parametrize("kind", KINDS)
def test_input_readers_refuse_damaged_files_cleanly(kind: str, template: Template) -> None:
    report = run_cases(f"input {kind}", _cases(kind), setup=lambda: template.worker(kind))
    assert report.counts["refused"] > 0
    assert not report.failures(), report.explain()
