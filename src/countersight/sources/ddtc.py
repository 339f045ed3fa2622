"""State Department (DDTC) ITAR debarred parties CSV.

The first column holds the name with its aliases: ``Hukic, Bajro (a.k.a. Bob Hukic; Bab
Hucici)``. People (a date of birth, or a name shaped like ``Last, First``) are skipped;
companies are kept with their aliases and the Federal Register notice that debarred them.
"""

from __future__ import annotations

from pathlib import Path

from countersight.files import parse_date
from countersight.model import ListMembership
from countersight.model.source import LoadedSource
from countersight.sources.parties import PartyBook, PartyRow, read_table

LIST_ID = "us_state_dtc"
KIND = "ddtc-debarred"
_NAME = "Debarred Party Full Name And Alias"
_DATE_FORMATS = ("%m/%d/%Y", "%Y-%m-%d", "%m/%d/%y")


def is_ddtc_header(header: list[str]) -> bool:
    return bool(header) and header[0] == _NAME


def load(path: Path, dataset: str | None = None) -> LoadedSource:
    """Load an ITAR debarred parties CSV."""
    table = read_table(path, ",", "a DDTC ITAR debarred parties CSV", is_ddtc_header)
    source = table.source(dataset or LIST_ID, KIND, LIST_ID)
    book = PartyBook(source, "dtc", strict=True)
    for _line, row in table.rows:
        if row.get("Date of Birth", "").strip():
            source.skip("individual")
            continue
        book.add(
            PartyRow(
                name=row[_NAME],
                membership=ListMembership(
                    list=LIST_ID,
                    program=row.get("Notice", "").strip() or None,
                    listed_on=parse_date(row.get("Notice Date"), _DATE_FORMATS),
                    dataset=source.dataset,
                ),
            )
        )
    source.entities = book.entities()
    return source
