"""Organisation-level entities: names, identifiers, countries, addresses.

Countersight stores organisations only. There is deliberately no Person schema: loaders
skip individuals before anything reaches the model, and :class:`Schema` cannot express one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from countersight.model.evidence import Evidence, ListMembership


class Schema(StrEnum):
    """The kinds of entity Countersight keeps (a subset of followthemoney's schemata)."""

    COMPANY = "Company"
    ORGANIZATION = "Organization"
    PUBLIC_BODY = "PublicBody"
    LEGAL_ENTITY = "LegalEntity"


class NameKind(StrEnum):
    """What a name is to its entity."""

    PRIMARY = "primary"
    ALIAS = "alias"
    WEAK = "weak"  # OFAC "weak" a.k.a.: short or generic, never enough on its own
    SHORT = "short"  # exchange short name, e.g. 大华股份, 商汤-W
    FORMER = "former"
    BRAND = "brand"  # consumer brand or OEM label sold under this maker


class Lang(StrEnum):
    """Language/script tags for names (BCP 47).

    A language is tagged with its ISO 639-1 code where the source gives one (the EU's
    ``nameLanguage``); a name whose language is not given but whose script is not Latin is
    tagged ``und-`` plus its ISO 15924 script (``und-Cyrl``, ``und-Arab``); Chinese in Han
    characters is ``zh-Hans`` or ``zh-Hant``. ``und`` is a Latin-script (or unknown) name
    of unknown language: no language is guessed from Latin letters.
    """

    EN = "en"
    ZH_HANS = "zh-Hans"
    ZH_HANT = "zh-Hant"
    PINYIN = "zh-Latn-pinyin"
    UND = "und"
    # The EU's official languages (FSF ``nameLanguage``).
    BG = "bg"
    CS = "cs"
    DA = "da"
    DE = "de"
    EL = "el"
    ES = "es"
    ET = "et"
    FI = "fi"
    FR = "fr"
    GA = "ga"
    HR = "hr"
    HU = "hu"
    IT = "it"
    LT = "lt"
    LV = "lv"
    MT = "mt"
    NL = "nl"
    PL = "pl"
    PT = "pt"
    RO = "ro"
    SK = "sk"
    SL = "sl"
    SV = "sv"
    # Other languages the sanctions lists write names in.
    AR = "ar"
    BE = "be"
    FA = "fa"
    HE = "he"
    HY = "hy"
    JA = "ja"
    KA = "ka"
    KO = "ko"
    PS = "ps"
    RU = "ru"
    SQ = "sq"
    SR = "sr"
    TR = "tr"
    UK = "uk"
    UR = "ur"
    # Language not given, script known (not Latin).
    UND_ARAB = "und-Arab"
    UND_ARMN = "und-Armn"
    UND_CYRL = "und-Cyrl"
    UND_DEVA = "und-Deva"
    UND_GEOR = "und-Geor"
    UND_GREK = "und-Grek"
    UND_HANG = "und-Hang"
    UND_HEBR = "und-Hebr"
    UND_JPAN = "und-Jpan"
    UND_THAI = "und-Thai"


class IdScheme(StrEnum):
    """Identifier schemes. Strong schemes identify one legal entity or security."""

    ISIN = "isin"
    LEI = "lei"
    CUSIP = "cusip"
    SEDOL = "sedol"
    TICKER = "ticker"  # canonical form EXCHANGE:SYMBOL, e.g. SZ:002415, HK:20
    USCC = "uscc"  # 统一社会信用代码, China's unified social credit code
    REGISTRATION = "registration"  # other registry numbers, value prefixed with country
    SWIFT = "swift"
    WEBSITE = "website"
    VAT = "vat"  # VAT registration number with its country prefix, e.g. GB980780684


STRONG_SCHEMES: frozenset[IdScheme] = frozenset(
    {IdScheme.ISIN, IdScheme.LEI, IdScheme.CUSIP, IdScheme.SEDOL, IdScheme.USCC, IdScheme.VAT}
)
"""Schemes whose equality identifies the same issuer or legal entity on its own."""

ENTITY_LEVEL_SCHEMES: frozenset[IdScheme] = frozenset(
    {IdScheme.LEI, IdScheme.USCC, IdScheme.REGISTRATION}
)
"""Schemes an organisation has exactly one value of, so different values mean different
organisations. Securities identifiers (ISIN, CUSIP, SEDOL, tickers) are not: one issuer has
many securities."""


@dataclass(frozen=True, slots=True)
class Name:
    """A name of an entity, with its language or script where known.

    ``source`` is the evidence key behind a brand or former name in the registry;
    ``start``/``end`` (ISO, possibly partial) the period a former name was used.
    """

    value: str
    kind: NameKind = NameKind.ALIAS
    lang: Lang = Lang.UND
    source: str | None = None
    start: str | None = None
    end: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "value": self.value,
            "kind": self.kind.value,
            "lang": self.lang.value,
        }
        for key in ("source", "start", "end"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Name:
        return cls(
            value=data["value"],
            kind=NameKind(data.get("kind", "alias")),
            lang=Lang(data.get("lang", "und")),
            source=data.get("source"),
            start=data.get("start"),
            end=data.get("end"),
        )


@dataclass(frozen=True, slots=True)
class Identifier:
    """A normalised identifier (see :mod:`countersight.normalize.identifiers`)."""

    scheme: IdScheme
    value: str

    def to_dict(self) -> dict[str, str]:
        return {"scheme": self.scheme.value, "value": self.value}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Identifier:
        return cls(IdScheme(data["scheme"]), data["value"])

    def __str__(self) -> str:
        return f"{self.scheme.value}:{self.value}"


T = TypeVar("T")


def _unique(items: Iterable[T]) -> list[T]:
    seen: set[T] = set()
    out: list[T] = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


@dataclass(slots=True)
class Entity:
    """An organisation with everything we know about it from one or more sources.

    ``datasets`` lists the provenance: each dataset (a loaded list or the registry) that
    contributed to this entity. ``categories`` are categories of involvement in surveillance
    (registry only); ``topics`` follow followthemoney's topic vocabulary. ``countries`` are
    the countries it is tied to (operations and incorporation); ``jurisdiction`` is where it
    is incorporated, when a source says so.
    """

    id: str
    schema: Schema
    names: list[Name]
    identifiers: list[Identifier] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    memberships: list[ListMembership] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    datasets: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    jurisdiction: str | None = None

    @property
    def caption(self) -> str:
        """The name shown for the entity: the first primary name, preferring English."""
        primaries = [n for n in self.names if n.kind == NameKind.PRIMARY]
        for name in primaries:
            if name.lang in (Lang.EN, Lang.UND):
                return name.value
        if primaries:
            return primaries[0].value
        return self.names[0].value if self.names else self.id

    def name_values(self) -> list[str]:
        return _unique(n.value for n in self.names)

    def ids(self, scheme: IdScheme) -> list[str]:
        return [i.value for i in self.identifiers if i.scheme == scheme]

    def merge(self, other: Entity) -> None:
        """Add what ``other`` knows (names, identifiers, lists, evidence...) to this entity."""
        self.names = _unique([*self.names, *other.names])
        self.identifiers = _unique([*self.identifiers, *other.identifiers])
        self.countries = _unique([*self.countries, *other.countries])
        self.addresses = _unique([*self.addresses, *other.addresses])
        self.memberships = _unique([*self.memberships, *other.memberships])
        self.evidence = _unique([*self.evidence, *other.evidence])
        self.categories = _unique([*self.categories, *other.categories])
        self.topics = _unique([*self.topics, *other.topics])
        self.datasets = _unique([*self.datasets, *other.datasets])
        self.notes = _unique([*self.notes, *other.notes])
        self.jurisdiction = self.jurisdiction or other.jurisdiction

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "schema": self.schema.value,
            "caption": self.caption,
            "names": [n.to_dict() for n in self.names],
            "identifiers": [i.to_dict() for i in self.identifiers],
            "countries": list(self.countries),
            "addresses": list(self.addresses),
            "memberships": [m.to_dict() for m in self.memberships],
            "evidence": [e.to_dict() for e in self.evidence],
            "categories": list(self.categories),
            "topics": list(self.topics),
            "datasets": list(self.datasets),
            "notes": list(self.notes),
            "jurisdiction": self.jurisdiction,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(
            id=data["id"],
            schema=Schema(data["schema"]),
            names=[Name.from_dict(n) for n in data.get("names", [])],
            identifiers=[Identifier.from_dict(i) for i in data.get("identifiers", [])],
            countries=list(data.get("countries", [])),
            addresses=list(data.get("addresses", [])),
            memberships=[ListMembership.from_dict(m) for m in data.get("memberships", [])],
            evidence=[Evidence.from_dict(e) for e in data.get("evidence", [])],
            categories=list(data.get("categories", [])),
            topics=list(data.get("topics", [])),
            datasets=list(data.get("datasets", [])),
            notes=list(data.get("notes", [])),
            jurisdiction=data.get("jurisdiction"),
        )


class InvalidIdentifier(ValueError):
    """An identifier that fails its format or check digit."""
