"""Untyped party lists (BIS, State): rows grouped into entities by name, people skipped.

The agency files behind the Consolidated Screening List repeat a party once per address or
alias and do not say whether it is a person. :class:`PartyBook` collects their rows into
one entity per (list, name) and skips names that
:func:`~countersight.sources.persons.looks_like_person` judges to be people, counting them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from countersight.exc import InputError
from countersight.files import csv_rows, decode_utf8, read_bytes, reads_as_latin
from countersight.model import Entity, Lang, ListMembership, Name, NameKind, list_info
from countersight.model.source import FileInfo, LoadedSource, file_info
from countersight.normalize.countries import country_code
from countersight.normalize.text import clean_name
from countersight.sources.ofac_common import guess_schema
from countersight.sources.ofac_remarks import Remarks
from countersight.sources.persons import looks_like_person


@dataclass(slots=True)
class PartyRow:
    """What one file row says about a party."""

    name: str
    membership: ListMembership
    aliases: Iterable[str] = ()
    address: str = ""
    country: str | None = None


class PartyBook:
    """Entities of one loaded file, keyed by list and case-folded name."""

    def __init__(self, source: LoadedSource, id_prefix: str, *, strict: bool = False) -> None:
        self.source = source
        self.id_prefix = id_prefix
        self.strict = strict
        self._entities: dict[str, Entity] = {}
        self._people: set[str] = set()

    def add(self, row: PartyRow) -> None:
        """Add a row: a new party, or more names, addresses and listings for a known one.
        Aliases written into the name ("X (a.k.a. Y; Z)", "X, a.k.a. Y") become aliases."""
        name, inline = split_aliases(clean_name(row.name))
        if not name:
            self.source.skip("row without a name")
            return
        key = f"{row.membership.list}|{name.casefold()}"
        if key in self._people:
            return
        entity = self._entities.get(key)
        if entity is None:
            if looks_like_person(name, strict=self.strict):
                self._people.add(key)
                self.source.skip("individual")
                return
            digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]
            entity = Entity(
                id=f"{self.id_prefix}-{digest}",
                schema=guess_schema(name, Remarks()),
                names=[Name(name, NameKind.PRIMARY, Lang.UND)],
                datasets=[self.source.dataset],
                topics=list(list_info(row.membership.list).topics),
            )
            self._entities[key] = entity
        for alias in [*inline, *row.aliases]:
            value = Name(clean_name(alias), NameKind.ALIAS, Lang.UND)
            if value.value and value not in entity.names:
                entity.names.append(value)
        address = row.address.strip(" ,")
        if address and address not in entity.addresses:
            entity.addresses.append(address)
        country = country_code(row.country)
        if country and country not in entity.countries:
            entity.countries.append(country)
        if row.membership not in entity.memberships:
            entity.memberships.append(row.membership)

    def entities(self) -> list[Entity]:
        return list(self._entities.values())


_PAREN_AKA = re.compile(r"\(\s*(?:a\.?k\.?a\.?|f\.?k\.?a\.?|d/b/a|a/k/a)\s+([^)]*)\)", re.I)
_TRAILING_AKA = re.compile(r"[,;]?\s+\b(?:a\.k\.a\.?|a/k/a|f\.k\.a\.?|f/k/a)\s+", re.I)


def split_aliases(text: str) -> tuple[str, list[str]]:
    """Split aliases written into a name.

    ``"Acme Co. (a.k.a. Acme; Acme Trading)"`` → ``("Acme Co.", ["Acme", "Acme Trading"])``;
    ``"Training 2 Business Academy, a.k.a. T2BA"`` → ``("Training 2 Business Academy",
    ["T2BA"])``.
    """
    aliases = [a.strip() for m in _PAREN_AKA.finditer(text) for a in m.group(1).split(";")]
    text = " ".join(_PAREN_AKA.sub(" ", text).split())
    parts = _TRAILING_AKA.split(text)
    aliases += [p.strip(" ,;") for p in parts[1:]]
    return parts[0].strip(" ,;"), [a for a in aliases if a]


def join_address(*parts: str | None) -> str:
    """Non-empty parts joined with commas."""
    return ", ".join(p.strip() for p in parts if p and p.strip())


@dataclass(slots=True)
class AgencyTable:
    """A delimited agency file: provenance, encoding used, header and non-blank rows."""

    info: FileInfo
    encoding: str
    header: list[str]
    rows: Iterator[tuple[int, dict[str, str]]]

    def source(self, dataset: str, kind: str, list_id: str) -> LoadedSource:
        """An empty :class:`LoadedSource` for this file, noting a non-UTF-8 encoding."""
        loaded = LoadedSource(
            dataset=dataset, kind=kind, title=list_info(list_id).title, files=[self.info]
        )
        if self.encoding not in ("utf-8", "utf-8-sig"):
            loaded.warnings.append(f"{self.info.name}: read as {self.encoding} (not UTF-8)")
        return loaded


# Chinese in GB18030 read as Windows-1252 turns into runs of accented letters ("ÉîÛÚ").
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{3,}")


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    """UTF-8, or Windows-1252 where the text then reads as Latin script (older ITA files);
    anything else (GB18030, UTF-16...) is refused with the line of the first bad byte."""
    try:
        return decode_utf8(data, path), "utf-8"
    except InputError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = ""
        if text and reads_as_latin(text) and not _NON_ASCII_RUN.search(text):
            return text, "cp1252"
        raise


def read_table(
    path: Path, delimiter: str, expected: str, is_header: Callable[[list[str]], bool]
) -> AgencyTable:
    """Open a delimited agency file (UTF-8, or Windows-1252 as some agency files are). A
    file whose first line is not the expected header is refused, naming it."""
    data = read_bytes(path)
    text, encoding = _decode(data, path)
    rows = csv_rows(text, path, delimiter=delimiter)
    try:
        _line, header = next(rows)
    except StopIteration:
        raise InputError("empty file", file=str(path), line=1) from None
    header = [h.strip().strip('"') for h in header]
    if not is_header(header):
        raise InputError(f"not {expected}: unexpected header {header[:4]}", file=str(path), line=1)

    def records() -> Iterator[tuple[int, dict[str, str]]]:
        for line, values in rows:
            if any(v.strip() for v in values):
                padded = values + [""] * (len(header) - len(values))
                yield line, dict(zip(header, padded, strict=False))

    return AgencyTable(file_info(path.name, data), encoding, header, records())
