"""GLEIF: LEI-CDF 2.1 XML, golden-copy JSON, and RR-CDF relationship XML.

Legal entities become organisations identified by their LEI (``lei-<LEI>``). Records in the
``SOLE_PROPRIETOR`` category are natural persons and are skipped. Relationship records
(``IS_DIRECTLY_CONSOLIDATED_BY``, ``IS_ULTIMATELY_CONSOLIDATED_BY``) become parent →
child relations with the ownership percentage when the record quantifies it.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from countersight.exc import InputError
from countersight.files import (
    child_text,
    children,
    decode_utf8,
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
    Lang,
    Name,
    NameKind,
    Relation,
    RelationKind,
    Schema,
)
from countersight.model.source import LoadedSource, file_info
from countersight.normalize.countries import country_code
from countersight.normalize.identifiers import lei_is_valid
from countersight.normalize.text import clean_name

_PARENT_TYPES = {"IS_DIRECTLY_CONSOLIDATED_BY", "IS_ULTIMATELY_CONSOLIDATED_BY"}
_SCHEMA = {
    "GENERAL": Schema.COMPANY,
    "FUND": Schema.COMPANY,
    "BRANCH": Schema.COMPANY,
    "RESIDENT_GOVERNMENT_ENTITY": Schema.PUBLIC_BODY,
    "INTERNATIONAL_ORGANIZATION": Schema.ORGANIZATION,
}


def entity_id(lei: str) -> str:
    return f"lei-{lei}"


def _entity(lei: str, legal_name: str, category: str, result: LoadedSource) -> Entity | None:
    if category == "SOLE_PROPRIETOR":
        result.skip("individual")
        return None
    if not lei_is_valid(lei):
        result.warnings.append(f"LEI {lei} has wrong check digits; loaded as given")
    return Entity(
        id=entity_id(lei),
        schema=_SCHEMA.get(category, Schema.COMPANY),
        names=[Name(clean_name(legal_name), NameKind.PRIMARY, Lang.UND)],
        identifiers=[Identifier(IdScheme.LEI, lei)],
        datasets=[result.dataset],
    )


def _xml_records(root: ET.Element, path: Path, result: LoadedSource) -> None:
    header = find_path(root, "LEIHeader")
    if header is not None:
        result.publisher_date = parse_date(
            (child_text(header, "ContentDate") or "")[:10], ("%Y-%m-%d",)
        )
    records = find_path(root, "LEIRecords")
    for record in children(records, "LEIRecord") if records is not None else []:
        lei = child_text(record, "LEI") or ""
        node = find_path(record, "Entity")
        if node is None:
            raise InputError("LEIRecord without <Entity>", file=str(path), record=lei)
        entity = _entity(
            lei,
            child_text(node, "LegalName") or lei,
            child_text(node, "EntityCategory") or "GENERAL",
            result,
        )
        if entity is None:
            continue
        others = find_path(node, "OtherEntityNames")
        for other in children(others, "OtherEntityName") if others is not None else []:
            if other.text and other.text.strip():
                entity.names.append(Name(clean_name(other.text), NameKind.ALIAS, Lang.UND))
        for part in ("LegalAddress", "HeadquartersAddress"):
            address = find_path(node, part)
            if address is None:
                continue
            code = country_code(child_text(address, "Country"))
            if code and code not in entity.countries:
                entity.countries.append(code)
        result.entities.append(entity)


def _value(node: Any) -> str | None:
    if isinstance(node, dict):
        value = node.get("$")
        return str(value) if value is not None else None
    return None


def _json_records(data: dict[str, Any], path: Path, result: LoadedSource) -> None:
    records = data.get("records")
    if not isinstance(records, list):
        raise InputError("golden-copy JSON without a 'records' list", file=str(path))
    for number, record in enumerate(records, start=1):
        lei = _value(record.get("LEI")) if isinstance(record, dict) else None
        node = record.get("Entity") if isinstance(record, dict) else None
        if not lei or not isinstance(node, dict):
            raise InputError("record without LEI or Entity", file=str(path), record=str(number))
        category = _value(node.get("EntityCategory")) or "GENERAL"
        entity = _entity(lei, _value(node.get("LegalName")) or lei, category, result)
        if entity is None:
            continue
        for key, inner in (
            ("OtherEntityNames", "OtherEntityName"),
            ("TransliteratedOtherEntityNames", "TransliteratedOtherEntityName"),
        ):
            block = node.get(key) or {}
            items = block.get(inner, []) if isinstance(block, dict) else []
            for item in items if isinstance(items, list) else [items]:
                alias = _value(item)
                if alias:
                    entity.names.append(Name(clean_name(alias), NameKind.ALIAS, Lang.UND))
        for part in ("LegalAddress", "HeadquartersAddress"):
            address = node.get(part)
            if isinstance(address, dict):
                code = country_code(_value(address.get("Country")))
                if code and code not in entity.countries:
                    entity.countries.append(code)
        result.entities.append(entity)


def _relationships(root: ET.Element, path: Path, result: LoadedSource) -> None:
    records = find_path(root, "RelationshipRecords")
    for record in children(records, "RelationshipRecord") if records is not None else []:
        rel = find_path(record, "Relationship")
        if rel is None:
            continue
        kind = child_text(rel, "RelationshipType") or ""
        status = child_text(rel, "RelationshipStatus") or "ACTIVE"
        child_node = find_path(rel, "StartNode")
        parent_node = find_path(rel, "EndNode")
        if kind not in _PARENT_TYPES or status != "ACTIVE":
            continue
        if child_node is None or parent_node is None:
            raise InputError("relationship without StartNode/EndNode", file=str(path))
        child = child_text(child_node, "NodeID") or ""
        parent = child_text(parent_node, "NodeID") or ""
        share = None
        quantifiers = find_path(rel, "RelationshipQuantifiers")
        for quantifier in (
            children(quantifiers, "RelationshipQuantifier") if (quantifiers is not None) else []
        ):
            if child_text(quantifier, "QuantifierUnits") == "PERCENTAGE":
                share = float(child_text(quantifier, "QuantifierAmount") or 0)
        start = None
        periods = find_path(rel, "RelationshipPeriods")
        for period in children(periods, "RelationshipPeriod") if periods is not None else []:
            if child_text(period, "PeriodType") == "RELATIONSHIP_PERIOD":
                start = parse_date((child_text(period, "StartDate") or "")[:10], ("%Y-%m-%d",))
        result.relations.append(
            Relation(
                kind=RelationKind.OWNERSHIP if share is not None else RelationKind.SUBSIDIARY,
                subject=entity_id(parent),
                object=entity_id(child),
                share=share,
                start=start,
                dataset=result.dataset,
                note=f"GLEIF {kind.replace('_', ' ').lower()}",
            )
        )


def load(path: Path, dataset: str | None = None) -> LoadedSource:
    """Load a GLEIF file (LEI-CDF XML, golden-copy JSON, or RR-CDF XML)."""
    data = read_bytes(path)
    result = LoadedSource(
        dataset=dataset or "gleif",
        kind="gleif",
        title="GLEIF legal entity data",
        files=[file_info(path.name, data)],
    )
    if path.suffix.lower() == ".json" or data.lstrip()[:1] == b"{":
        try:
            parsed = json.loads(decode_utf8(data, path))
        except json.JSONDecodeError as exc:
            raise InputError(f"malformed JSON: {exc.msg}", file=str(path), line=exc.lineno) from exc
        result.kind = "gleif-json"
        _json_records(parsed, path, result)
        return result
    root = parse_xml(data, path)
    if local(root.tag) == "LEIData":
        result.kind = "gleif-xml"
        _xml_records(root, path, result)
    elif local(root.tag) == "RelationshipData":
        result.kind = "gleif-rr-xml"
        result.dataset = dataset or "gleif_rr"
        result.title = "GLEIF relationship records"
        _relationships(root, path, result)
    else:
        raise InputError(
            f"root element <{local(root.tag)}> is not GLEIF LEI or RR data", file=str(path)
        )
    return result
