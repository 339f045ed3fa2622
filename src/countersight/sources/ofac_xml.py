"""OFAC XML in the ``sdnList`` schema (SDN.XML, consolidated.xml).

Records typed ``Individual`` or ``Vessel`` (or ``Aircraft``) are skipped; so are untyped
records carrying a first name, which is how OFAC writes people in some consolidated
files (the NS-PLC entries).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from countersight.exc import InputError
from countersight.files import (
    child_text,
    children,
    find_path,
    local,
    parse_date,
    parse_xml,
    read_bytes,
)
from countersight.model import Entity, Identifier, IdScheme, Lang, Name, NameKind
from countersight.model.source import LoadedSource, file_info
from countersight.normalize.countries import country_code
from countersight.normalize.text import clean_name
from countersight.sources.ofac_common import (
    apply_remarks,
    guess_schema,
    identifier_or_none,
    memberships,
    topics_for,
)
from countersight.sources.ofac_remarks import Remarks, parse_remarks

_ID_TYPES: dict[str, IdScheme] = {
    "ISIN": IdScheme.ISIN,
    "Legal Entity Number": IdScheme.LEI,
    "Unified Social Credit Code (USCC)": IdScheme.USCC,
    "Equity Ticker": IdScheme.TICKER,
    "SWIFT/BIC": IdScheme.SWIFT,
    "Website": IdScheme.WEBSITE,
}
_REGISTRATION_TYPES = frozenset(
    {
        "Registration ID",
        "Registration Number",
        "Tax ID No.",
        "Business Registration Number",
        "Business Registration Document #",
        "Public Registration Number",
        "UK Company Number",
        "Company Number",
        "Commercial Registry Number",
        "Government Gazette Number",
        "Trade License No.",
        "V.A.T. Number",
        "C.R. No.",
    }
)


def is_sdn_list(root: ET.Element) -> bool:
    return local(root.tag) == "sdnList"


def _dataset_for(path: Path) -> str:
    return "us_ofac_cons" if "cons" in path.name.lower() else "us_ofac_sdn"


def _ids(entry: ET.Element, entity: Entity, country: str | None) -> None:
    id_list = find_path(entry, "idList")
    if id_list is None:
        return
    for item in children(id_list, "id"):
        kind = child_text(item, "idType") or ""
        number = child_text(item, "idNumber")
        if not number:
            continue
        scheme = _ID_TYPES.get(kind)
        if scheme is not None:
            identifier = identifier_or_none(scheme, number)
            if identifier and identifier not in entity.identifiers:
                entity.identifiers.append(identifier)
        elif kind in _REGISTRATION_TYPES:
            where = child_text(item, "idCountry") or country or ""
            entity.identifiers.append(
                Identifier(IdScheme.REGISTRATION, f"{where}:{kind}:{number}".upper())
            )


def _entry(entry: ET.Element, dataset: str, result: LoadedSource) -> Entity | None:
    uid = child_text(entry, "uid") or ""
    kind = (child_text(entry, "sdnType") or "").lower()
    if kind in ("individual", "vessel", "aircraft"):
        result.skip(kind)
        return None
    if not kind and child_text(entry, "firstName"):
        result.skip("individual")
        return None
    name = clean_name(child_text(entry, "lastName") or "")
    if not name:
        raise InputError("entry without a name", file=result.files[0].name, record=uid)
    remarks = parse_remarks(child_text(entry, "remarks"))
    entity = Entity(
        id=f"ofac-{uid}",
        schema=guess_schema(name, remarks),
        names=[Name(name, NameKind.PRIMARY, Lang.UND)],
        datasets=[dataset],
    )
    aka_list = find_path(entry, "akaList")
    for aka in children(aka_list, "aka") if aka_list is not None else []:
        alias = child_text(aka, "lastName")
        if not alias:
            continue
        weak = (child_text(aka, "category") or "").lower() == "weak"
        former = (child_text(aka, "type") or "").lower() == "f.k.a."
        name_kind = NameKind.FORMER if former else NameKind.WEAK if weak else NameKind.ALIAS
        entity.names.append(Name(clean_name(alias), name_kind, Lang.UND))
    address_list = find_path(entry, "addressList")
    for address in children(address_list, "address") if address_list is not None else []:
        parts = [
            child_text(address, f)
            for f in (
                "address1",
                "address2",
                "address3",
                "city",
                "stateOrProvince",
                "postalCode",
                "country",
            )
        ]
        text = ", ".join(p for p in parts if p)
        if text:
            entity.addresses.append(text)
        code = country_code(child_text(address, "country"))
        if code and code not in entity.countries:
            entity.countries.append(code)
    _ids(entry, entity, entity.countries[0] if entity.countries else None)
    apply_remarks(entity, remarks)
    program_list = find_path(entry, "programList")
    programs = (
        [p.text.strip() for p in children(program_list, "program") if p.text]
        if (program_list is not None)
        else []
    )
    entity.memberships = memberships(dataset, programs, uid, remarks or Remarks())
    entity.topics = topics_for(entity.memberships)
    return entity


def load(path: Path, dataset: str | None = None) -> LoadedSource:
    """Load an sdnList XML file."""
    data = read_bytes(path)
    root = parse_xml(data, path)
    if not is_sdn_list(root):
        raise InputError(f"root element is <{local(root.tag)}>, not <sdnList>", file=str(path))
    ds = dataset or _dataset_for(path)
    result = LoadedSource(
        dataset=ds,
        kind="ofac-xml",
        title="OFAC " + ("consolidated non-SDN" if ds == "us_ofac_cons" else "SDN") + " list (XML)",
        files=[file_info(path.name, data)],
    )
    info = find_path(root, "publshInformation")
    if info is not None:
        result.publisher_date = parse_date(child_text(info, "Publish_Date"), ("%m/%d/%Y",))
    for entry in children(root, "sdnEntry"):
        entity = _entry(entry, ds, result)
        if entity is not None:
            result.entities.append(entity)
    return result
