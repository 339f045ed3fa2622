"""followthemoney (FtM) JSON lines, read and written with the followthemoney library.

Reading takes organisations (Company, Organization, PublicBody, LegalEntity), their
Sanction records (as list memberships), Ownership edges and Security ISINs; Person, Vessel
and Airplane records are skipped. Writing emits Companies and friends with Sanction and
Ownership entities, so OpenSanctions' and Aleph's tools can read our data.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from countersight.exc import InputError
from countersight.files import decode_utf8, parse_date, read_bytes
from countersight.model import (
    Entity,
    Evidence,
    Identifier,
    IdScheme,
    Lang,
    ListMembership,
    Name,
    NameKind,
    Relation,
    RelationKind,
    Schema,
    list_info,
)
from countersight.model.source import LoadedSource, file_info
from countersight.normalize.identifiers import InvalidIdentifier, parse_identifier

_ORG_SCHEMATA = {
    "Company": Schema.COMPANY,
    "Organization": Schema.ORGANIZATION,
    "PublicBody": Schema.PUBLIC_BODY,
    "LegalEntity": Schema.LEGAL_ENTITY,
}
_SKIP = {"Person": "individual", "Vessel": "vessel", "Airplane": "aircraft"}
_ID_PROPS = {
    "isinCode": IdScheme.ISIN,
    "leiCode": IdScheme.LEI,
    "uscCode": IdScheme.USCC,
    "swiftBic": IdScheme.SWIFT,
    "ticker": IdScheme.TICKER,
    "website": IdScheme.WEBSITE,
    "registrationNumber": IdScheme.REGISTRATION,
}
_NAME_PROPS = {
    "name": NameKind.PRIMARY,
    "alias": NameKind.ALIAS,
    "weakAlias": NameKind.WEAK,
    "previousName": NameKind.FORMER,
    "abbreviation": NameKind.ALIAS,
}


def is_ftm_line(line: str) -> bool:
    try:
        data = json.loads(line)
    except json.JSONDecodeError:
        return False
    return isinstance(data, dict) and "schema" in data and "properties" in data


def _identifiers(props: dict[str, list[str]]) -> list[Identifier]:
    out: list[Identifier] = []
    for prop, scheme in _ID_PROPS.items():
        for value in props.get(prop, []):
            try:
                identifier = parse_identifier(scheme, value)
            except InvalidIdentifier:
                continue
            if identifier not in out:
                out.append(identifier)
    return out


def _lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    text = decode_utf8(read_bytes(path), path)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"malformed JSON: {exc.msg}", file=str(path), line=number) from exc
        if not isinstance(data, dict) or "schema" not in data or "id" not in data:
            raise InputError(
                "not a followthemoney entity (needs id and schema)", file=str(path), line=number
            )
        yield number, data


def load(path: Path, dataset: str | None = None) -> LoadedSource:
    """Load FtM entities from a JSON-lines file."""
    from followthemoney import model
    from followthemoney.exc import InvalidData

    data = read_bytes(path)
    result = LoadedSource(
        dataset=dataset or path.stem.split(".")[0],
        kind="ftm",
        title=f"followthemoney entities ({path.name})",
        files=[file_info(path.name, data)],
    )
    entities: dict[str, Entity] = {}
    others: list[Any] = []
    for number, raw in _lines(path):
        try:
            proxy = model.get_proxy(raw)
        except (InvalidData, TypeError, ValueError) as exc:
            raise InputError(
                f"invalid followthemoney entity: {exc}", file=str(path), line=number
            ) from exc
        schema = proxy.schema.name
        if schema in _SKIP or (proxy.schema.is_a("Person")):
            result.skip(_SKIP.get(schema, "individual"))
            continue
        if schema not in _ORG_SCHEMATA:
            others.append(proxy)
            continue
        props = {p: proxy.get(p) for p in proxy.properties}
        names = [
            Name(v, kind, Lang.UND)
            for prop, kind in _NAME_PROPS.items()
            for v in props.get(prop, [])
        ]
        if not names:
            raise InputError("organisation without a name", file=str(path), line=number)
        entities[str(proxy.id)] = Entity(
            id=str(proxy.id),
            schema=_ORG_SCHEMATA[schema],
            names=names,
            identifiers=_identifiers(props),
            countries=[
                c for p in ("country", "jurisdiction", "mainCountry") for c in props.get(p, [])
            ],
            addresses=list(props.get("address", [])),
            topics=list(props.get("topics", [])),
            notes=list(props.get("notes", [])),
            datasets=[result.dataset],
        )
    for proxy in others:
        _attach(proxy, entities, result)
    result.entities = list(entities.values())
    return result


def _attach(proxy: Any, entities: dict[str, Entity], result: LoadedSource) -> None:
    schema = proxy.schema.name
    if schema == "Sanction":
        for entity_id in proxy.get("entity"):
            entity = entities.get(entity_id)
            if entity is None:
                continue
            start = proxy.get("listingDate") or proxy.get("startDate")
            end = proxy.get("endDate")
            entity.memberships.append(
                ListMembership(
                    list=(proxy.get("programId") or proxy.get("authority") or [result.dataset])[0],
                    program=(proxy.get("program") or [None])[0],
                    listed_on=parse_date(start[0][:10], ("%Y-%m-%d",)) if start else None,
                    delisted_on=parse_date(end[0][:10], ("%Y-%m-%d",)) if end else None,
                    source_record_id=(proxy.get("recordId") or [None])[0],
                    dataset=result.dataset,
                )
            )
    elif schema == "Ownership":
        for owner in proxy.get("owner"):
            for asset in proxy.get("asset"):
                share = proxy.get("percentage")
                start = proxy.get("startDate")
                result.relations.append(
                    Relation(
                        kind=RelationKind.OWNERSHIP if share else RelationKind.SUBSIDIARY,
                        subject=owner,
                        object=asset,
                        share=_percent(share[0]) if share else None,
                        start=parse_date(start[0][:10], ("%Y-%m-%d",)) if start else None,
                        dataset=result.dataset,
                    )
                )
    elif schema == "Security":
        for issuer in proxy.get("issuer"):
            entity = entities.get(issuer)
            for isin in proxy.get("isin") if entity is not None else []:
                try:
                    identifier = Identifier(
                        IdScheme.ISIN, parse_identifier(IdScheme.ISIN, isin).value
                    )
                except InvalidIdentifier:
                    continue
                if entity is not None and identifier not in entity.identifiers:
                    entity.identifiers.append(identifier)


def _percent(value: str) -> float | None:
    try:
        return float(value.strip().rstrip("%"))
    except ValueError:
        return None


# --- writing -------------------------------------------------------------------------------

NAME_PROPERTY = {
    NameKind.PRIMARY: "name",
    NameKind.ALIAS: "alias",
    NameKind.SHORT: "alias",
    NameKind.BRAND: "alias",
    NameKind.WEAK: "weakAlias",
    NameKind.FORMER: "previousName",
}
ID_PROPERTY = {
    IdScheme.ISIN: "isinCode",
    IdScheme.LEI: "leiCode",
    IdScheme.USCC: "uscCode",
    IdScheme.SWIFT: "swiftBic",
    IdScheme.TICKER: "ticker",
    IdScheme.WEBSITE: "website",
    IdScheme.REGISTRATION: "registrationNumber",
    IdScheme.CUSIP: "registrationNumber",
    IdScheme.SEDOL: "registrationNumber",
}


def _evidence_note(item: Evidence) -> str:
    when = item.date or "undated"
    where = item.url or item.citation or ""
    return (
        f"[{item.confidence.value}] {item.publisher}, {item.title} ({when}): "
        f"{item.summary or ''} {where}".strip()
    )


def _key(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


def to_ftm(entities: Iterable[Entity], relations: Iterable[Relation]) -> Iterator[dict[str, Any]]:
    """FtM entity dicts for our entities, their list memberships and relations."""
    from followthemoney import model

    for entity in entities:
        proxy = model.make_entity(entity.schema.value)
        proxy.id = entity.id
        for name in entity.names:
            proxy.add(NAME_PROPERTY[name.kind], name.value)
        for identifier in entity.identifiers:
            value = (
                identifier.value.split(":")[-1]
                if identifier.scheme == IdScheme.TICKER
                else identifier.value
            )
            proxy.add(ID_PROPERTY[identifier.scheme], value, quiet=True)
        proxy.add("country", entity.countries, quiet=True)
        proxy.add("address", entity.addresses, quiet=True)
        proxy.add("topics", entity.topics, quiet=True)
        proxy.add("notes", [*entity.notes, *(_evidence_note(e) for e in entity.evidence)])
        proxy.add("sourceUrl", [e.url for e in entity.evidence if e.url], quiet=True)
        if entity.categories:
            proxy.add("classification", entity.categories)
        yield proxy.to_dict()
        for membership in entity.memberships:
            sanction = model.make_entity("Sanction")
            sanction.id = f"{entity.id}-list-{_key(membership.list, membership.program or '')}"
            sanction.add("entity", entity.id)
            info = list_info(membership.list)
            sanction.add("authority", info.authority)
            sanction.add("programId", membership.list)
            sanction.add("program", membership.program or info.title)
            if membership.listed_on:
                sanction.add("listingDate", membership.listed_on.isoformat())
            if membership.delisted_on:
                sanction.add("endDate", membership.delisted_on.isoformat())
            if membership.source_record_id:
                sanction.add("recordId", membership.source_record_id)
            yield sanction.to_dict()
    for relation in relations:
        ownership = model.make_entity("Ownership")
        ownership.id = relation.id
        ownership.add("owner", relation.subject)
        ownership.add("asset", relation.object)
        if relation.share is not None:
            ownership.add("percentage", f"{relation.share:g}")
        ownership.add("role", relation.kind.value)
        if relation.start:
            ownership.add("startDate", relation.start.isoformat())
        if relation.end:
            ownership.add("endDate", relation.end.isoformat())
        yield ownership.to_dict()
