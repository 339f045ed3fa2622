"""BIS Denied Persons List, tab-delimited as BIS publishes it (``dpl.txt``).

Columns: Name, Street_Address, City, State, Country, Postal_Code, Effective_Date,
Expiration_Date, Standard_Order, Last_Update, Action, FR_Citation. A party appears once per
address. Most parties are people and are skipped; the rest are companies that lost their
export privileges. ``Effective_Date`` is the listing date; ``Expiration_Date`` the day the
denial ends (dates far in the future, such as 2056, mean a long or indefinite denial).
"""

from __future__ import annotations

from pathlib import Path

from countersight.files import parse_date
from countersight.model import ListMembership
from countersight.model.source import LoadedSource
from countersight.sources.parties import PartyBook, PartyRow, join_address, read_table

LIST_ID = "us_bis_dpl"
KIND = "bis-dpl"
_COLUMNS = ("Name", "Street_Address", "City", "State", "Country", "Effective_Date")
_DATE_FORMATS = ("%m/%d/%Y", "%Y-%m-%d", "%m/%d/%y")


def is_dpl_header(header: list[str]) -> bool:
    return all(column in header for column in _COLUMNS) and header[0] == "Name"


def load(path: Path, dataset: str | None = None) -> LoadedSource:
    """Load a Denied Persons List file."""
    table = read_table(path, "\t", "a BIS Denied Persons List file", is_dpl_header)
    source = table.source(dataset or LIST_ID, KIND, LIST_ID)
    book = PartyBook(source, "dpl", strict=True)
    for _line, row in table.rows:
        citation = row.get("FR_Citation", "").strip()
        book.add(
            PartyRow(
                name=row["Name"],
                address=join_address(
                    row["Street_Address"], row["City"], row["State"], row.get("Postal_Code")
                ),
                country=row["Country"],
                membership=ListMembership(
                    list=LIST_ID,
                    program=citation or None,
                    listed_on=parse_date(row["Effective_Date"], _DATE_FORMATS),
                    delisted_on=parse_date(row.get("Expiration_Date"), _DATE_FORMATS),
                    dataset=source.dataset,
                ),
            )
        )
    source.entities = book.entities()
    return source
