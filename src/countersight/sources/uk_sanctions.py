"""UK Sanctions List XML (root ``Designations``), published by the FCDO.

Each ``Designation`` is an individual, an entity or a ship (``IndividualEntityShip``).
Entities become organisations: Latin names with their type and alias strength, names in
non-Latin script, the regime, the designation date, addresses, business registration
numbers and websites. Individuals and ships are counted and skipped. A designation without
a ``UniqueID``, a type or a name is refused, naming its line: every published record has
them, and without the id a record cannot be followed from one list version to the next.
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
from countersight.model import (
    Entity,
    Identifier,
    IdScheme,
    ListMembership,
    Name,
    NameKind,
    list_info,
)
from countersight.model.source import LoadedSource, file_info
from countersight.normalize.countries import country_code
from countersight.normalize.identifiers import try_identifier
from countersight.normalize.scripts import name_lang
from countersight.normalize.text import clean_name
from countersight.sources.ofac_common import guess_schema
from countersight.sources.ofac_remarks import Remarks
from countersight.sources.xml_records import line_of, start_lines

DATASET = "gb_fcdo_sanctions"
LIST_ID = "uk_sanctions_list"
_UK_DATE = ("%d/%m/%Y", "%Y-%m-%d")
_SKIP = {"individual": "individual", "ship": "vessel"}


def load(path: Path, dataset: str | None = None) -> LoadedSource:
    """Load the UK Sanctions List XML."""
    data = read_bytes(path)
    root = parse_xml(data, path)
    if local(root.tag) != "Designations":
        raise InputError(
            f"root element is <{local(root.tag)}>, not <Designations> (UK Sanctions List)",
            file=str(path),
        )
    ds = dataset or DATASET
    result = LoadedSource(
        dataset=ds,
        kind="uk-sanctions",
        title=list_info(LIST_ID).title,
        files=[file_info(path.name, data)],
    )
    result.publisher_date = parse_date(child_text(root, "DateGenerated"), _UK_DATE)
    lines = start_lines(data, "Designation")
    for index, item in enumerate(children(root, "Designation")):
        line = line_of(lines, index)
        kind = _check_record(item, path, line)
        if kind in _SKIP:
            result.skip(_SKIP[kind])
        else:
            result.entities.append(_entity(item, ds))
    return result


def _check_record(item: ET.Element, path: Path, line: int | None) -> str:
    """The record's type (``individual``, ``entity``, ``ship``); refuses a record without
    an id, a known type or a name."""
    uid = child_text(item, "UniqueID")
    kind = (child_text(item, "IndividualEntityShip") or "").strip().lower()
    problems: list[str] = []
    if not uid:
        problems.append("no UniqueID")
    if kind not in ("individual", "entity", "ship"):
        problems.append(f"IndividualEntityShip is {kind or 'missing'!r}")
    if not _latin_names(item):
        problems.append("no name")
    if problems:
        raise InputError(
            f"Designation with {', '.join(problems)}: not a valid UK Sanctions List record",
            file=str(path),
            line=line,
            record=uid,
        )
    return kind


def _name_text(name: ET.Element) -> str:
    parts = (child_text(name, f"Name{i}") for i in range(1, 7))
    return clean_name(" ".join(p for p in parts if p))


def _latin_names(item: ET.Element) -> list[Name]:
    """Names in the order given: ``Primary Name`` is primary, a ``Low quality`` alias is
    weak, every other name an alias."""
    names: list[Name] = []
    for name in children(find_path(item, "Names") or ET.Element("Names"), "Name"):
        value = _name_text(name)
        name_type = (child_text(name, "NameType") or "").strip().lower()
        strength = (child_text(name, "AliasStrength") or "").strip().lower()
        kind = NameKind.ALIAS
        if name_type == "primary name":
            kind = NameKind.PRIMARY
        elif strength.startswith("low"):
            kind = NameKind.WEAK
        if value and all(n.value != value for n in names):
            names.append(Name(value, kind, name_lang(value)))
    return names


def _non_latin_names(item: ET.Element) -> list[Name]:
    """Names in non-Latin script, tagged by their script (the list gives no language):
    Chinese simplified or traditional, ``und-Arab``, ``und-Cyrl``..."""
    out: list[Name] = []
    for holder in children(find_path(item, "NonLatinNames") or ET.Element("x"), "NonLatinName"):
        value = clean_name(child_text(holder, "NameNonLatinScript") or "")
        if not value:
            continue
        out.append(Name(value, NameKind.ALIAS, name_lang(value)))
    return out


def _texts(item: ET.Element, *path: str) -> list[str]:
    """Texts of the leaf elements at the end of ``path`` (each step a local name)."""
    nodes = [item]
    for step in path:
        nodes = [child for node in nodes for child in children(node, step)]
    return [(n.text or "").strip() for n in nodes if (n.text or "").strip()]


def _address(address: ET.Element) -> tuple[str, str | None]:
    keys = [f"AddressLine{i}" for i in range(1, 7)] + ["AddressPostalCode", "AddressCountry"]
    parts = [child_text(address, k) for k in keys]
    country = child_text(address, "AddressCountry")
    return ", ".join(p for p in parts if p), country_code(country)


def _identifiers(item: ET.Element) -> list[Identifier]:
    out: list[Identifier] = []
    details = ("EntityDetails", "Entity")
    for number in _texts(
        item, *details, "BusinessRegistrationNumbers", "BusinessRegistrationNumber"
    ):
        out.append(Identifier(IdScheme.REGISTRATION, f":BUSINESS REGISTRATION:{number}".upper()))
    for site in _texts(item, "Websites", "Website"):
        found = try_identifier(IdScheme.WEBSITE, site)
        if found is not None:
            out.append(found)
    return list(dict.fromkeys(out))


def _notes(item: ET.Element) -> list[str]:
    notes: list[str] = []
    imposed = child_text(item, "SanctionsImposed")
    if imposed:
        notes.append("UK sanctions imposed: " + imposed.replace("|", ", "))
    details = ("EntityDetails", "Entity")
    for parent in _texts(item, *details, "ParentCompanies", "ParentCompany"):
        notes.append(f"parent company (per the UK Sanctions List): {parent}")
    for subsidiary in _texts(item, *details, "Subsidiaries", "Subsidiary"):
        notes.append(f"subsidiary (per the UK Sanctions List): {subsidiary}")
    return notes


def _entity(item: ET.Element, ds: str) -> Entity:
    uid = child_text(item, "UniqueID") or ""
    names = _latin_names(item)
    if not any(n.kind == NameKind.PRIMARY for n in names):
        names[0] = Name(names[0].value, NameKind.PRIMARY, names[0].lang)
    names += [n for n in _non_latin_names(item) if n not in names]
    entity = Entity(
        id=f"gb-fcdo-{uid}",
        schema=guess_schema(names[0].value, Remarks()),
        names=names,
        identifiers=_identifiers(item),
        datasets=[ds],
        topics=list(list_info(LIST_ID).topics),
        notes=_notes(item),
    )
    entity.memberships.append(
        ListMembership(
            list=LIST_ID,
            program=child_text(item, "RegimeName"),
            listed_on=parse_date(child_text(item, "DateDesignated"), _UK_DATE),
            source_record_id=uid,
            dataset=ds,
        )
    )
    for address in children(find_path(item, "Addresses") or ET.Element("x"), "Address"):
        text, country = _address(address)
        if text and text not in entity.addresses:
            entity.addresses.append(text)
        if country and country not in entity.countries:
            entity.countries.append(country)
    return entity
