"""The candidate index: blocking keys → entities, so a query is never compared with all.

Keys (the prefix says which kind):

- ``t:`` a distinctive Latin word; ``p:`` its first four letters (catches truncated
  fund-file words and small typos);
- ``s:`` the distinctive words run together, and for Han names the pinyin of the trade
  name: this is where ``Haikang Weishi``, ``HIK VISION`` and 海康威视 meet;
- ``h:`` a Han trade name; ``b:`` its character pairs (海康 in 海康威视);
- ``a:`` initials (CETC); ``i:`` identifiers (``i:isin:CNE100000PM8``, ``i:ticker:002415``).

Each key's postings are entity numbers. Candidates are ranked by the summed rarity (IDF)
of the keys they share with the query. Very common keys (above ``max_postings``) are
skipped, like stop words.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from countersight.model import Entity, Identifier, IdScheme, NameKind
from countersight.normalize.names import NameForm, analyze

ENGINE_VERSION = "cs-match-1"


@dataclass(slots=True)
class IndexedName:
    value: str
    form: NameForm
    kind: NameKind
    source: str | None = None


@dataclass(slots=True)
class IndexedEntity:
    """What the scorer needs of an entity, precomputed."""

    id: str
    names: list[IndexedName]
    identifiers: list[Identifier]
    countries: list[str]
    has_han: bool


def name_keys(form: NameForm) -> list[str]:
    """Blocking keys of one analysed name."""
    keys: list[str] = []
    if form.script == "han":
        if form.han_core:
            keys.append("h:" + form.han_core)
            keys.extend("b:" + form.han_core[i : i + 2] for i in range(len(form.han_core) - 1))
        if form.pinyin:
            keys.append("s:" + form.pinyin)
            keys.append("t:" + form.pinyin)
        return keys
    for token in form.distinct:
        keys.append("t:" + token)
        if len(token) >= 4:
            keys.append("p:" + token[:4])
    if (len(form.distinct) > 1 and len(form.squashed) >= 3) or form.squashed:
        keys.append("s:" + form.squashed)
    if form.spelled and form.spelled != form.squashed:
        keys.append("s:" + form.spelled)  # "Hik Vision" spelled out is "hikvision"
    keys.extend("a:" + acronym for acronym in form.acronyms)
    if len(form.distinct) == 1 and 2 <= len(form.distinct[0]) <= 6:
        keys.append("a:" + form.distinct[0])
    return keys


def identifier_keys(identifiers: Iterable[Identifier]) -> list[str]:
    keys = []
    for identifier in identifiers:
        if identifier.scheme == IdScheme.TICKER:
            keys.append("i:ticker:" + identifier.value.rpartition(":")[2])
        elif identifier.scheme in (IdScheme.WEBSITE, IdScheme.SWIFT):
            continue
        else:
            keys.append(f"i:{identifier.scheme.value}:{identifier.value}")
    return keys


def indexed(entity: Entity) -> IndexedEntity:
    names = []
    for name in entity.names:
        form = analyze(name.value)
        if not form.is_empty:
            names.append(IndexedName(name.value, form, name.kind, name.source))
    return IndexedEntity(
        id=entity.id,
        names=names,
        identifiers=list(entity.identifiers),
        countries=list(entity.countries),
        has_han=any(n.form.script == "han" for n in names),
    )


@dataclass(slots=True)
class MatchIndex:
    """Postings from blocking keys to entity numbers, plus token document frequencies."""

    entities: list[IndexedEntity] = field(default_factory=list)
    postings: dict[str, list[int]] = field(default_factory=dict)
    token_df: dict[str, int] = field(default_factory=dict)
    version: str = ""
    max_postings: int = 20000

    @classmethod
    def build(cls, entities: Sequence[Entity], version: str = "") -> MatchIndex:
        index = cls(version=version)
        index.add_all(indexed(e) for e in entities)
        return index

    def add_all(self, items: Iterable[IndexedEntity]) -> None:
        postings: dict[str, list[int]] = self.postings
        df: Counter[str] = Counter()
        for item in items:
            number = len(self.entities)
            self.entities.append(item)
            keys: set[str] = set(identifier_keys(item.identifiers))
            tokens: set[str] = set()
            for name in item.names:
                keys.update(name_keys(name.form))
                tokens.update(name.form.distinct)
            for key in keys:
                postings.setdefault(key, []).append(number)
            df.update(tokens)
        for token, count in df.items():
            self.token_df[token] = self.token_df.get(token, 0) + count
        self.max_postings = max(20000, len(self.entities) // 50)

    def __len__(self) -> int:
        return len(self.entities)

    def weight(self, token: str) -> float:
        """Rarity of a word among indexed entities (IDF); unseen words weigh most."""
        n = len(self.entities) + 1
        return 1.0 + math.log(n / (self.token_df.get(token, 0) + 1))

    def _idf(self, key: str, count: int) -> float:
        boost = 8.0 if key.startswith("i:") else 1.5 if key.startswith(("s:", "h:")) else 1.0
        return boost * (1.0 + math.log((len(self.entities) + 1) / (count + 1)))

    def candidates(
        self, forms: Sequence[NameForm], identifiers: Sequence[Identifier], limit: int = 25
    ) -> list[int]:
        """Entity numbers sharing the most (and rarest) keys with the query."""
        keys: set[str] = set(identifier_keys(identifiers))
        for form in forms:
            keys.update(name_keys(form))
        scores: dict[int, float] = {}
        skipped: list[tuple[int, str]] = []
        for key in keys:
            posting = self.postings.get(key)
            if not posting:
                continue
            if len(posting) > self.max_postings:
                skipped.append((len(posting), key))
                continue
            weight = self._idf(key, len(posting))
            for number in posting:
                scores[number] = scores.get(number, 0.0) + weight
        if not scores and skipped:
            _count, key = min(skipped)
            posting = self.postings[key]
            return posting[:limit]
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        return [number for number, _ in ranked[:limit]]
