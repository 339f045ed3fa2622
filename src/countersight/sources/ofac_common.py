"""Shared by OFAC's CSV and XML formats: programs, lists, schemata and remark fields."""

from __future__ import annotations

from countersight.model import (
    Entity,
    Identifier,
    IdScheme,
    Lang,
    ListMembership,
    Name,
    NameKind,
    Schema,
    list_info,
)
from countersight.normalize.identifiers import InvalidIdentifier, parse_identifier
from countersight.normalize.lexicon import GENERIC, LEGAL_FORMS
from countersight.normalize.text import latin_tokens
from countersight.sources.ofac_remarks import Remarks

CMIC_PROGRAMS = frozenset({"CMIC-EO13959", "NS-CMIC", "CMIC"})
_PUBLIC_WORDS = frozenset(
    {
        "bureau",
        "ministry",
        "department",
        "police",
        "government",
        "corps",
        "directorate",
        "commission",
        "agency",
        "authority",
    }
)


def split_programs(value: str | None) -> list[str]:
    """``UKRAINE-EO13662] [RUSSIA-EO14024`` → two programs."""
    if not value:
        return []
    return [p.strip(" []") for p in value.split("] [") if p.strip(" []")]


def list_for(dataset: str, program: str) -> str:
    """The list a program's entries are on: NS-CMIC has its own; the rest follow the file."""
    if program in CMIC_PROGRAMS:
        return "us_ofac_ns_cmic"
    return "us_ofac_sdn" if dataset == "us_ofac_sdn" else "us_ofac_nonsdn"


def guess_schema(name: str, remarks: Remarks) -> Schema:
    """Company when the record names a listed issuer or a legal form; PublicBody for
    bureaus and ministries; Organization otherwise."""
    if any(i.scheme in (IdScheme.ISIN, IdScheme.TICKER) for i in remarks.identifiers):
        return Schema.COMPANY
    tokens = set(latin_tokens(name))
    if tokens & _PUBLIC_WORDS:
        return Schema.PUBLIC_BODY
    if tokens & LEGAL_FORMS or tokens & GENERIC:
        return Schema.COMPANY
    return Schema.ORGANIZATION


def apply_remarks(entity: Entity, remarks: Remarks, country: str | None = None) -> None:
    """Copy parsed remark fields onto an entity."""
    for identifier in remarks.identifiers:
        if identifier not in entity.identifiers:
            entity.identifiers.append(identifier)
    for label, value, where in remarks.registrations:
        prefix = (where or country or "").strip()
        entity.identifiers.append(
            Identifier(IdScheme.REGISTRATION, f"{prefix}:{label}:{value}".upper())
        )
    for alias in remarks.aliases:
        entity.names.append(Name(alias, NameKind.ALIAS, Lang.UND))
    for former in remarks.former_names:
        entity.names.append(Name(former, NameKind.FORMER, Lang.UND))
    for issuer in remarks.issuer_names:
        entity.names.append(Name(issuer, NameKind.ALIAS, Lang.EN))
    for linked in remarks.linked_to:
        entity.notes.append(f"Linked To: {linked}")
    for label, when in sorted(remarks.dates.items()):
        if label in ("effective", "divestment"):
            entity.notes.append(f"{label.title()} date: {when.isoformat()}")
    for problem in remarks.invalid:
        entity.notes.append(f"Unparsed identifier in remarks: {problem}")


def memberships(
    dataset: str, programs: list[str], uid: str, remarks: Remarks
) -> list[ListMembership]:
    out = []
    for program in programs or ["(none)"]:
        list_id = list_for(dataset, program)
        listed = remarks.dates.get("listed") if list_id == "us_ofac_ns_cmic" else None
        out.append(
            ListMembership(
                list=list_id,
                program=program,
                listed_on=listed,
                source_record_id=uid,
                dataset=dataset,
            )
        )
    return out


def topics_for(memberships: list[ListMembership]) -> list[str]:
    topics: list[str] = []
    for membership in memberships:
        for topic in list_info(membership.list).topics:
            if topic not in topics:
                topics.append(topic)
    return topics


def identifier_or_none(scheme: IdScheme, value: str) -> Identifier | None:
    try:
        return parse_identifier(scheme, value)
    except InvalidIdentifier:
        return None
