"""UN Security Council consolidated list XML (``CONSOLIDATED_LIST``, sc-sanctions.xsd).

Only ``ENTITIES`` are loaded; ``INDIVIDUALS`` are counted and skipped. A record repeated
with the same ``DATAID`` is loaded once and counted as a duplicate (with a warning when the
copies differ), as the other loaders accept repeated records.
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
from countersight.model import Entity, Lang, ListMembership, Name, NameKind, list_info
from countersight.model.source import LoadedSource, file_info
from countersight.normalize.countries import country_code
from countersight.normalize.text import clean_name
from countersight.sources.ofac_common import guess_schema
from countersight.sources.ofac_remarks import Remarks


def _repeated(item: ET.Element, uid: str, seen: dict[str, bytes], result: LoadedSource) -> bool:
    """True for a record whose DATAID was already read (counted, and a warning when the
    copies differ); the first copy is the one loaded."""
    body = ET.tostring(item)
    if uid not in seen:
        seen[uid] = body
        return False
    result.skip("duplicate record")
    if seen[uid] != body:
        result.warnings.append(
            f"record {uid} appears twice with different content; the first copy is loaded"
        )
    return True


def load(path: Path, dataset: str | None = None) -> LoadedSource:
    """Load the UN consolidated list."""
    data = read_bytes(path)
    root = parse_xml(data, path)
    if local(root.tag) != "CONSOLIDATED_LIST":
        raise InputError(
            f"root element is <{local(root.tag)}>, not <CONSOLIDATED_LIST>", file=str(path)
        )
    ds = dataset or "un_sc_sanctions"
    result = LoadedSource(
        dataset=ds,
        kind="un-xml",
        title=list_info("un_sc").title,
        files=[file_info(path.name, data)],
    )
    result.publisher_date = parse_date((root.get("dateGenerated") or "")[:10], ("%Y-%m-%d",))
    individuals = find_path(root, "INDIVIDUALS")
    if individuals is not None:
        for _ in children(individuals, "INDIVIDUAL"):
            result.skip("individual")
    entities = find_path(root, "ENTITIES")
    seen: dict[str, bytes] = {}
    for item in children(entities, "ENTITY") if entities is not None else []:
        uid = child_text(item, "DATAID") or ""
        name = clean_name(child_text(item, "FIRST_NAME") or "")
        if not name:
            raise InputError("entity without a name", file=str(path), record=uid)
        if not uid:
            raise InputError(f"entity {name!r} without a DATAID", file=str(path))
        if _repeated(item, uid, seen, result):
            continue
        entity = Entity(
            id=f"un-{uid}",
            schema=guess_schema(name, Remarks()),
            names=[Name(name, NameKind.PRIMARY, Lang.UND)],
            datasets=[ds],
        )
        for alias in children(item, "ENTITY_ALIAS"):
            alias_name = child_text(alias, "ALIAS_NAME")
            if not alias_name:
                continue
            quality = (child_text(alias, "QUALITY") or "").lower()
            kind = (
                NameKind.FORMER
                if quality == "f.k.a."
                else (NameKind.WEAK if quality == "low" else NameKind.ALIAS)
            )
            entity.names.append(Name(clean_name(alias_name), kind, Lang.UND))
        for address in children(item, "ENTITY_ADDRESS"):
            parts = [
                child_text(address, f) for f in ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY")
            ]
            text = ", ".join(p for p in parts if p)
            if text:
                entity.addresses.append(text)
            code = country_code(child_text(address, "COUNTRY"))
            if code and code not in entity.countries:
                entity.countries.append(code)
        entity.memberships.append(
            ListMembership(
                list="un_sc",
                program=child_text(item, "UN_LIST_TYPE"),
                listed_on=parse_date(child_text(item, "LISTED_ON"), ("%Y-%m-%d",)),
                source_record_id=child_text(item, "REFERENCE_NUMBER") or uid,
                dataset=ds,
            )
        )
        entity.topics = list(list_info("un_sc").topics)
        result.entities.append(entity)
    return result
