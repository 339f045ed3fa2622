"""Every organisation name in ``../shared/data``, read through Countersight's own loaders.

OFAC SDN (2021-07, 2024-05) and consolidated non-SDN (2018 XML, 2025-12 CSV), the 2023-11
Consolidated Screening List, the UN list, the BIS Denied Persons lists, the ITA per-source
fixtures, GLEIF, and the holdings of the SEC N-PORT filings. Individuals are skipped by the
loaders. One :class:`Org` per distinct primary name (the first record wins), with its other
names and its country, so the same organisation listed twice is screened once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from countersight.inputs.nport import read_nport
from countersight.model import NameKind
from countersight.sources import plan

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
LISTS = (
    "bis-dpl",
    "gleif",
    "ofac-consolidated-nonsdn-2025-12",
    "ofac-consolidated-xml-2018",
    "ofac-sdn-csv-2021-07",
    "ofac-sdn-csv-2024-05/sdn.csv",
    "un-consolidated",
    "us-csl/csl-2019-sample.csv",
    "us-csl/consolidated-2025-sample.csv",
    "us-csl-2023-11/consolidated-complete-records.csv",
    "us-csl-source-fixtures-ita",
)
NPORT = "sec-nport"


@dataclass(slots=True)
class Org:
    """One organisation of the corpus."""

    name: str
    source: str
    country: str = ""
    other_names: list[str] = field(default_factory=list)


def _lists(data: Path) -> Iterator[Org]:
    for job in plan([data / p for p in LISTS]):
        loaded = job.run()
        for entity in loaded.entities:
            names = [n.value for n in entity.names if n.kind != NameKind.WEAK]
            if not names:
                continue
            yield Org(
                name=entity.caption,
                source=loaded.dataset,
                country=entity.countries[0] if len(entity.countries) == 1 else "",
                other_names=[n for n in names if n != entity.caption],
            )


def _holdings(data: Path) -> Iterator[Org]:
    for path in sorted((data / NPORT).glob("*.xml")):
        for holding in read_nport(path).rows:
            if holding.name:
                country = holding.country if holding.country and len(holding.country) == 2 else ""
                yield Org(name=holding.name, source=f"nport:{path.stem}", country=country.lower())


def corpus(data: Path = DATA) -> list[Org]:
    """The organisations, one per distinct primary name (case-insensitive), in file order."""
    seen: set[str] = set()
    out: list[Org] = []
    for org in [*_lists(data), *_holdings(data)]:
        key = " ".join(org.name.casefold().split())
        if key in seen:
            continue
        seen.add(key)
        out.append(org)
    return out
