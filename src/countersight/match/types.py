"""What goes into the matcher and what comes out.

:class:`Query` is the screened row (names and identifiers); :class:`MatchResult` one scored
candidate with the list of :class:`FeatureResult` s that explain its score. These are plain
slotted classes: the batch path makes millions of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Unpack, cast

from countersight.model import QUERY_SCHEMES, Identifier, IdentifierValues
from countersight.normalize.countries import country_code
from countersight.normalize.identifiers import InvalidIdentifier, parse_identifier
from countersight.normalize.text import clean_name


@dataclass(slots=True)
class Query:
    """One thing to screen: names in any script, identifiers, countries."""

    names: list[str] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    key: str | None = None

    @classmethod
    def build(
        cls,
        names: Sequence[str] | None = None,
        *,
        key: str | None = None,
        strict: bool = True,
        **values: Unpack[IdentifierValues],
    ) -> Query:
        """Parse raw values. With ``strict``, a bad identifier raises InvalidIdentifier."""
        given = cast(Mapping[str, Sequence[str]], values)
        identifiers: list[Identifier] = []
        for scheme in QUERY_SCHEMES:
            for value in given.get(scheme.value) or ():
                if not value or not value.strip():
                    continue
                try:
                    identifier = parse_identifier(scheme, value)
                except InvalidIdentifier:
                    if strict:
                        raise
                    continue
                if identifier not in identifiers:
                    identifiers.append(identifier)
        countries = []
        for raw in values.get("country") or []:
            code = country_code(raw) if len(raw.strip()) != 2 else raw.strip().lower()
            if code and code not in countries:
                countries.append(code)
        cleaned = [clean_name(n) for n in names or [] if n and n.strip()]
        return cls(names=cleaned, identifiers=identifiers, countries=countries, key=key)


@dataclass(slots=True)
class FeatureResult:
    """One feature's contribution: its name, its effect on the score, and why."""

    name: str
    score: float
    detail: str
    description: str = ""

    def __str__(self) -> str:
        sign = "+" if self.score >= 0 else ""
        return f"{self.name} ({sign}{self.score:.2f}): {self.detail}"


@dataclass(slots=True)
class MatchResult:
    """A candidate entity with its score and the features that explain it."""

    entity_id: str
    score: float
    match: bool
    review: bool
    features: list[FeatureResult]
    query_name: str | None = None
    candidate_name: str | None = None
    via_brand: str | None = None
    raw: float = 0.0  # the score before capping at 1, to order ties
    route: str = "direct"  # "affiliate": a foreign affiliate named after this entity

    @property
    def explanation(self) -> list[str]:
        return [str(f) for f in self.features]
