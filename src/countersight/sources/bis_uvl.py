"""BIS Unverified List CSV in the ITA ingest layout: ``COUNTRY,NAME,ADDRESS``.

One row per address; parties with no end-use check completed are listed with no dates.
"""

from __future__ import annotations

from pathlib import Path

from countersight.model import ListMembership
from countersight.model.source import LoadedSource
from countersight.sources.parties import PartyBook, PartyRow, read_table

LIST_ID = "us_bis_uvl"
KIND = "bis-uvl"


def is_uvl_header(header: list[str]) -> bool:
    return [h.upper() for h in header[:3]] == ["COUNTRY", "NAME", "ADDRESS"]


def load(path: Path, dataset: str | None = None) -> LoadedSource:
    """Load an Unverified List CSV."""
    table = read_table(path, ",", "a BIS Unverified List CSV", is_uvl_header)
    country_col, name_col, address_col = table.header[:3]
    source = table.source(dataset or LIST_ID, KIND, LIST_ID)
    book = PartyBook(source, "uvl")
    membership = ListMembership(list=LIST_ID, dataset=source.dataset)
    for _line, row in table.rows:
        book.add(
            PartyRow(
                name=row[name_col],
                address=row[address_col],
                country=row[country_col],
                membership=membership,
            )
        )
    source.entities = book.entities()
    return source
