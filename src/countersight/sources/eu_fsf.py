"""EU Financial Sanctions Files, consolidated list, FSF v1.1 XML (root ``export``).

Each ``sanctionEntity`` holds a ``regulation``, a ``subjectType`` and at least one
``nameAlias`` (the v1.1 schema requires all three). Enterprises become organisations with
every name alias in every language, their addresses and identifications, one listing per
programme and a note per regulation; persons are counted and skipped. A record that lacks a
required part is refused, naming its line: it is not what the EU publishes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from countersight.exc import InputError
from countersight.files import (
    children,
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
from countersight.normalize.identifiers import try_identifier
from countersight.normalize.scripts import name_lang
from countersight.normalize.text import clean_name
from countersight.sources.ofac_common import guess_schema
from countersight.sources.ofac_remarks import Remarks
from countersight.sources.xml_records import line_of, start_lines

DATASET = "eu_fsf"
LIST_ID = "eu_fsf"
NAMESPACE = "http://eu.europa.ec/fpi/fsd/export"
_ISO = ("%Y-%m-%d",)
_REQUIRED = ("regulation", "subjectType", "nameAlias")


def is_fsf_root(root_name: str, head: bytes) -> bool:
    """Whether a file whose root element is ``root_name`` is an FSF export."""
    return root_name == "export" and NAMESPACE.encode() in head


def load(path: Path, dataset: str | None = None) -> LoadedSource:
    """Load the EU consolidated financial sanctions list (FSF v1.1 XML)."""
    data = read_bytes(path)
    root = parse_xml(data, path)
    if local(root.tag) != "export":
        raise InputError(
            f"root element is <{local(root.tag)}>, not <export> (EU FSF v1.1)", file=str(path)
        )
    ds = dataset or DATASET
    result = LoadedSource(
        dataset=ds,
        kind="eu-fsf",
        title=list_info(LIST_ID).title,
        files=[file_info(path.name, data)],
    )
    result.publisher_date = parse_date((root.get("generationDate") or "")[:10], _ISO)
    lines = start_lines(data, "sanctionEntity")
    for index, item in enumerate(children(root, "sanctionEntity")):
        _check_record(item, path, line_of(lines, index))
        code = (_first(item, "subjectType").get("code") or "").strip().lower()
        if code == "person":
            result.skip("individual")
        elif code != "enterprise":
            result.skip(f"subject type {code or 'missing'}")
        else:
            result.entities.append(_entity(item, ds))
    return result


def _first(item: ET.Element, name: str) -> ET.Element:
    return children(item, name)[0]


def _check_record(item: ET.Element, path: Path, line: int | None) -> None:
    """Refuse a record without a logicalId, regulation, subjectType or named alias."""
    logical_id = (item.get("logicalId") or "").strip()
    missing = [name for name in _REQUIRED if not children(item, name)]
    if not logical_id.isdigit():
        missing.insert(0, "logicalId")
    elif not missing and not any(_alias_text(a) for a in children(item, "nameAlias")):
        missing.append("a name in nameAlias")
    if missing:
        raise InputError(
            f"sanctionEntity without {', '.join(missing)}: not a valid FSF v1.1 record "
            "(the schema requires a regulation, a subjectType and at least one nameAlias)",
            file=str(path),
            line=line,
            record=f"logicalId {logical_id}" if logical_id else None,
        )


def _alias_text(alias: ET.Element) -> str:
    """``wholeName``, or the name parts joined when it is empty."""
    whole = clean_name(alias.get("wholeName") or "")
    if whole:
        return whole
    parts = (alias.get(a) or "" for a in ("firstName", "middleName", "lastName"))
    return clean_name(" ".join(p for p in parts if p.strip()))


def _names(item: ET.Element) -> list[Name]:
    """Every alias in every language; the first strong English (or untagged) one is
    primary, aliases marked ``strong="false"`` are weak."""
    names: list[Name] = []
    primary_done = False
    for alias in children(item, "nameAlias"):
        value = _alias_text(alias)
        language = (alias.get("nameLanguage") or "").strip().upper()
        strong = (alias.get("strong") or "true").strip().lower() != "false"
        kind = NameKind.ALIAS if strong else NameKind.WEAK
        if strong and not primary_done and language in ("", "EN"):
            kind, primary_done = NameKind.PRIMARY, True
        name = Name(value, kind, name_lang(value, language))
        if value and all(n.value != value for n in names):
            names.append(name)
    if not primary_done and names:
        names[0] = Name(names[0].value, NameKind.PRIMARY, names[0].lang)
    return names


def _country(element: ET.Element) -> str | None:
    code = (element.get("countryIso2Code") or "").strip().lower()
    return code if len(code) == 2 and code.isalpha() else None


def _address(element: ET.Element) -> str:
    keys = ("street", "poBox", "city", "zipCode", "region", "place", "countryDescription")
    parts = [(element.get(k) or "").strip() for k in keys]
    return ", ".join(p for p in parts if p and p.upper() != "UNKNOWN")


def _identifier(element: ET.Element) -> Identifier | None:
    """An identification as an identifier: BIC and LEI by scheme, anything else as a
    registration number labelled with its type and prefixed with its country."""
    number = (element.get("number") or element.get("latinNumber") or "").strip()
    if not number:
        return None
    code = (element.get("identificationTypeCode") or "").strip().lower()
    if code in ("swiftbic", "bic", "swift"):
        return try_identifier(IdScheme.SWIFT, number)
    if code == "lei":
        return try_identifier(IdScheme.LEI, number)
    label = (element.get("identificationTypeDescription") or code or "id").strip()
    return Identifier(IdScheme.REGISTRATION, f"{_country(element) or ''}:{label}:{number}".upper())


def _regulation_note(regulation: ET.Element) -> str:
    url = next((c.text or "" for c in children(regulation, "publicationUrl")), "").strip()
    note = (
        f"EU {regulation.get('regulationType', 'regulation')} {regulation.get('numberTitle')}"
        f" (programme {regulation.get('programme')}), published "
        f"{regulation.get('publicationDate')}, in force {regulation.get('entryIntoForceDate')}"
    )
    return f"{note}: {url}" if url else note


def _memberships(item: ET.Element, ds: str) -> list[ListMembership]:
    """One listing per programme, dated by the designation date, else the programme's
    earliest regulation."""
    designated = parse_date(item.get("designationDate"), _ISO)
    delisted = parse_date(item.get("delistingDate"), _ISO)
    record = (item.get("euReferenceNumber") or "").strip() or item.get("logicalId")
    first: dict[str, list[date]] = {}
    for regulation in children(item, "regulation"):
        programme = (regulation.get("programme") or "").strip()
        when = parse_date(regulation.get("publicationDate"), _ISO)
        dates = first.setdefault(programme, [])
        if when is not None:
            dates.append(when)
    out: list[ListMembership] = []
    for programme, dates in first.items():
        earliest = min(dates) if dates else None
        out.append(
            ListMembership(
                list=LIST_ID,
                program=programme or None,
                listed_on=designated or earliest,
                delisted_on=delisted,
                source_record_id=record,
                dataset=ds,
            )
        )
    return out


def _entity(item: ET.Element, ds: str) -> Entity:
    names = _names(item)
    entity = Entity(
        id=f"eu-fsf-{item.get('logicalId')}",
        schema=guess_schema(names[0].value, Remarks()),
        names=names,
        datasets=[ds],
        topics=list(list_info(LIST_ID).topics),
        memberships=_memberships(item, ds),
        notes=[_regulation_note(r) for r in children(item, "regulation")],
    )
    for address in children(item, "address"):
        text = _address(address)
        if text and text not in entity.addresses:
            entity.addresses.append(text)
        country = _country(address)
        if country and country not in entity.countries:
            entity.countries.append(country)
    for identification in children(item, "identification"):
        identifier = _identifier(identification)
        if identifier is not None and identifier not in entity.identifiers:
            entity.identifiers.append(identifier)
    return entity
