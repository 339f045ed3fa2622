"""The US Consolidated Screening List CSV (trade.gov), in its 2019 and 2025 column sets.

One row per listed party and source list. Rows typed ``Individual`` or ``Vessel`` are
skipped; untyped rows (the BIS and State lists do not type them) are kept only when the name
shows an organisation (:mod:`countersight.sources.persons`).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from pathlib import Path

from countersight.exc import InputError
from countersight.files import csv_rows, decode_utf8, parse_date, read_bytes
from countersight.model import (
    Entity,
    Identifier,
    IdScheme,
    Lang,
    ListMembership,
    Name,
    NameKind,
    list_info,
)
from countersight.model.source import LoadedSource, file_info
from countersight.normalize.countries import country_code
from countersight.normalize.identifiers import InvalidIdentifier, parse_identifier
from countersight.normalize.text import clean_name
from countersight.sources.ofac_common import guess_schema
from countersight.sources.ofac_remarks import Remarks
from countersight.sources.persons import looks_like_person

REQUIRED = ("source", "name", "type", "programs", "alt_names", "addresses", "ids")

SOURCE_LISTS: tuple[tuple[str, str], ...] = (
    ("(EL)", "us_bis_el"),
    ("Entity List", "us_bis_el"),
    ("(MEU)", "us_bis_meu"),
    ("(UVL)", "us_bis_uvl"),
    ("(DPL)", "us_bis_dpl"),
    ("(CMIC)", "us_ofac_ns_cmic"),
    ("Chinese Military-Industrial", "us_ofac_ns_cmic"),
    ("(SDN)", "us_ofac_sdn"),
    ("(ISN)", "us_state_isn"),
    ("(DTC)", "us_state_dtc"),
    ("(SSI)", "us_ofac_nonsdn"),
    ("(PLC)", "us_ofac_nonsdn"),
    ("(FSE)", "us_ofac_nonsdn"),
    ("(CAP)", "us_ofac_nonsdn"),
    ("(MBS)", "us_ofac_nonsdn"),
)
_ID_TYPES = {
    "ISIN": IdScheme.ISIN,
    "Legal Entity Number": IdScheme.LEI,
    "Unified Social Credit Code (USCC)": IdScheme.USCC,
    "SWIFT/BIC": IdScheme.SWIFT,
    "Website": IdScheme.WEBSITE,
    "Equity Ticker": IdScheme.TICKER,
}
_REGISTRATION_WORDS = (
    "Registration",
    "Tax ID",
    "Company Number",
    "Gazette",
    "NIT #",
    "Matricula",
    "V.A.T.",
    "C.R. No.",
    "License No",
)


def list_for_source(source: str) -> str:
    """CSL ``source`` text → Countersight list id (``us_trade_csl`` when unknown)."""
    for needle, list_id in SOURCE_LISTS:
        if needle in source:
            return list_id
    return "us_trade_csl"


def split_multi(value: str | None) -> list[str]:
    if not value:
        return []
    return [v.strip() for v in value.split(";") if v.strip()]


def parse_ids(value: str | None) -> list[Identifier]:
    """``ISIN, CNE100000PM8`` (2025) and ``CO, 811038291-3, NIT #`` (2019) alike."""
    out: list[Identifier] = []
    for item in split_multi(value):
        parts = [p.strip() for p in item.split(",") if p.strip()]
        if len(parts) < 2:
            continue
        label = next((p for p in (parts[0], parts[-1]) if p in _ID_TYPES), None)
        numbers = [p for p in parts if p != label and not re.fullmatch(r"[A-Z]{2}", p)]
        if label is not None and numbers:
            with contextlib.suppress(InvalidIdentifier):
                out.append(parse_identifier(_ID_TYPES[label], numbers[0]))
            continue
        reg_label = next(
            (p for p in (parts[0], parts[-1]) if any(w in p for w in _REGISTRATION_WORDS)), None
        )
        if reg_label is not None and numbers:
            country = next((p for p in parts if re.fullmatch(r"[A-Z]{2}", p)), "")
            out.append(
                Identifier(IdScheme.REGISTRATION, f"{country}:{reg_label}:{numbers[0]}".upper())
            )
    return out


def _entity_id(row: dict[str, str]) -> str:
    if row.get("_id"):
        return "csl-" + row["_id"][:24]
    raw = "|".join((row.get("source", ""), row.get("entity_number", ""), row.get("name", "")))
    return "csl-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:24]


def _is_person(row: dict[str, str]) -> bool:
    if any(
        row.get(k) for k in ("dates_of_birth", "places_of_birth", "citizenships", "nationalities")
    ):
        return True
    return looks_like_person(row.get("name", ""))


def is_csl_header(header: list[str]) -> bool:
    return all(column in header for column in REQUIRED)


def load(path: Path, dataset: str | None = None) -> LoadedSource:
    """Load a CSL CSV file (either column set)."""
    data = read_bytes(path)
    text = decode_utf8(data, path)
    rows = csv_rows(text, path)
    try:
        _line, header = next(rows)
    except StopIteration:
        raise InputError("empty file", file=str(path), line=1) from None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(
            f"not a Consolidated Screening List CSV: missing column(s) {', '.join(missing)}",
            file=str(path),
            line=1,
        )
    ds = dataset or "us_trade_csl"
    result = LoadedSource(
        dataset=ds,
        kind="csl-csv",
        title="US Consolidated Screening List",
        files=[file_info(path.name, data)],
    )
    entities: dict[str, Entity] = {}
    for line, values in rows:
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            raise InputError(
                f"expected {len(header)} columns, found {len(values)}", file=str(path), line=line
            )
        row = dict(zip(header, values, strict=True))
        kind = row.get("type", "").strip().lower()
        if kind in ("individual", "vessel", "aircraft"):
            result.skip(kind)
            continue
        if not kind and _is_person(row):
            result.skip("individual")
            continue
        name = clean_name(row["name"])
        if not name:
            raise InputError("row without a name", file=str(path), line=line, column="name")
        entity_id = _entity_id(row)
        entity = entities.get(entity_id)
        if entity is None:
            identifiers = parse_ids(row.get("ids"))
            schema = guess_schema(name, Remarks(identifiers=identifiers))
            entity = Entity(
                id=entity_id,
                schema=schema,
                names=[Name(name, NameKind.PRIMARY, Lang.UND)],
                identifiers=identifiers,
                datasets=[ds],
            )
            entities[entity_id] = entity
        for alias in split_multi(row.get("alt_names")):
            entity.names.append(Name(clean_name(alias), NameKind.ALIAS, Lang.UND))
        for address in split_multi(row.get("addresses")):
            entity.addresses.append(address)
            code = country_code(address.rsplit(",", 1)[-1])
            if code and code not in entity.countries:
                entity.countries.append(code)
        list_id = list_for_source(row.get("source", ""))
        listed = parse_date(row.get("start_date"), ("%Y-%m-%d", "%m/%d/%Y"))
        delisted = parse_date(row.get("end_date"), ("%Y-%m-%d", "%m/%d/%Y"))
        programs: list[str | None] = list(split_multi(row.get("programs"))) or [None]
        for program in programs:
            entity.memberships.append(
                ListMembership(
                    list=list_id,
                    program=program,
                    listed_on=listed,
                    delisted_on=delisted,
                    source_record_id=row.get("entity_number") or row.get("_id") or None,
                    dataset=ds,
                )
            )
        for topic in list_info(list_id).topics:
            if topic not in entity.topics:
                entity.topics.append(topic)
        if row.get("federal_register_notice"):
            entity.notes.append(f"Federal Register: {row['federal_register_notice']}")
    result.entities = list(entities.values())
    return result
