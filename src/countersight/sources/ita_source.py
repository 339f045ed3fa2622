"""Per-source screening-list CSVs as the ITA publishes them (``el.csv``, ``isn.csv``).

The header starts with ``Source List``; the Entity List file repeats a party once per
address and alternate name, so rows are grouped by name and source list. None of these
rows carry a type: people are told apart by :func:`~countersight.sources.persons.looks_like_person`.
"""

from __future__ import annotations

from pathlib import Path

from countersight.exc import InputError
from countersight.files import csv_rows, decode_utf8, parse_date, read_bytes
from countersight.model import ListMembership, list_info
from countersight.model.source import LoadedSource, file_info
from countersight.normalize.text import clean_name
from countersight.sources.parties import PartyBook, PartyRow, join_address

_LISTS = {
    "EL": "us_bis_el",
    "ISN": "us_state_isn",
    "MEU": "us_bis_meu",
    "UVL": "us_bis_uvl",
    "DPL": "us_bis_dpl",
    "DTC": "us_state_dtc",
}
_DATASETS = {"us_bis_el": "us_bis_el", "us_state_isn": "us_state_isn"}
_ALIAS_COLUMNS = ("Alternate Name", "Alternative Names")
_DATE_FORMATS = ("%m/%d/%Y", "%Y-%m-%d", "%m/%d/%y")


def is_ita_header(header: list[str]) -> bool:
    return bool(header) and header[0].strip() == "Source List" and "Name" in header


def load(path: Path, dataset: str | None = None) -> LoadedSource:
    """Load an ITA per-source list CSV."""
    data = read_bytes(path)
    rows = csv_rows(decode_utf8(data, path), path)
    try:
        _line, header = next(rows)
    except StopIteration:
        raise InputError("empty file", file=str(path), line=1) from None
    if not is_ita_header(header):
        raise InputError(
            "not a per-source list CSV (first column must be 'Source List')", file=str(path), line=1
        )
    header = [h.strip() for h in header]
    result: LoadedSource | None = None
    book: PartyBook | None = None
    for line, values in rows:
        if not any(v.strip() for v in values):
            continue
        row = dict(zip(header, values + [""] * (len(header) - len(values)), strict=False))
        code = row.get("Source List", "").strip().upper()
        list_id = _LISTS.get(code, "us_trade_csl")
        if result is None or book is None:
            ds = dataset or _DATASETS.get(list_id, f"us_{code.lower()}")
            result = LoadedSource(
                dataset=ds,
                kind="ita-source-csv",
                title=list_info(list_id).title,
                files=[file_info(path.name, data)],
            )
            book = PartyBook(result, "ita")
        if not clean_name(row.get("Name", "")):
            raise InputError("row without a name", file=str(path), line=line, column="Name")
        aliases = [a for column in _ALIAS_COLUMNS for a in (row.get(column) or "").split(";")]
        book.add(
            PartyRow(
                name=row["Name"],
                aliases=aliases,
                address=join_address(row.get("Address"), row.get("City"), row.get("Country")),
                country=row.get("Country"),
                membership=ListMembership(
                    list=list_id,
                    program=row.get("Programs") or None,
                    listed_on=parse_date(row.get("Effective Date"), _DATE_FORMATS),
                    delisted_on=parse_date(row.get("Date Lifted/Waived/Expired"), _DATE_FORMATS),
                    source_record_id=row.get("Entity Number") or None,
                    dataset=result.dataset,
                ),
            )
        )
    if result is None:
        raise InputError("no rows after the header", file=str(path), line=2)
    assert book is not None
    result.entities = book.entities()
    return result
