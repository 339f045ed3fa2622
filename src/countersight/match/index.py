"""The candidate index: blocking keys → entities, so a query is never compared with all.

Keys (the prefix says which kind):

- ``t:`` a distinctive Latin word; ``p:`` its first four letters (catches truncated
  fund-file words and small typos);
- ``s:`` the distinctive words run together, and for Han names the pinyin of the trade
  name: this is where ``Haikang Weishi``, ``HIK VISION`` and 海康威视 meet;
- ``h:`` a Han trade name; ``b:`` its character pairs (海康 in 海康威视);
- ``a:`` initials (CETC); ``i:`` identifiers (``i:isin:CNE100000PM8``, ``i:ticker:002415``).

Postings are stored compactly (CSR in numpy arrays): keys as stable 64-bit hashes, sorted,
with offsets into one array of entity numbers. Candidates are ranked by the summed rarity
(IDF) of the keys they share with the query; very common keys (above ``max_postings``)
are skipped like stop words, and candidates far behind the best are pruned.
"""

from __future__ import annotations

import math
import zlib
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from countersight.model import Entity, Identifier, IdScheme, NameKind
from countersight.normalize.names import NameForm, analyze_uncached

ENGINE_VERSION = "cs-match-2"


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


def key_hash(key: str) -> int:
    """A stable 64-bit hash of a blocking key (Python's own hash changes per process)."""
    data = key.encode("utf-8")
    return (zlib.crc32(data) << 32) | zlib.adler32(data)


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
    if form.squashed:
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
        form = analyze_uncached(name.value)
        if not form.is_empty:
            names.append(IndexedName(name.value, form, name.kind, name.source))
    return IndexedEntity(
        id=entity.id,
        names=names,
        identifiers=list(entity.identifiers),
        countries=list(entity.countries),
        has_han=any(n.form.script == "han" for n in names),
    )


def _empty_u64() -> npt.NDArray[np.uint64]:
    return np.zeros(0, dtype=np.uint64)


def _empty_i64() -> npt.NDArray[np.int64]:
    return np.zeros(0, dtype=np.int64)


def _empty_i32() -> npt.NDArray[np.int32]:
    return np.zeros(0, dtype=np.int32)


@dataclass(slots=True)
class MatchIndex:
    """Blocking postings (CSR) and the precomputed entities they point to."""

    entities: list[IndexedEntity] = field(default_factory=list)
    keys: npt.NDArray[np.uint64] = field(default_factory=_empty_u64)
    offsets: npt.NDArray[np.int64] = field(default_factory=_empty_i64)
    postings: npt.NDArray[np.int32] = field(default_factory=_empty_i32)
    version: str = ""
    max_postings: int = 20000
    _weights: dict[str, float] = field(default_factory=dict)

    @classmethod
    def build(cls, entities: Iterable[Entity], version: str = "") -> MatchIndex:
        """Index entities (any iterable: a stream is never held in memory twice)."""
        index = cls(version=version)
        hashes = array("Q")
        numbers = array("i")
        for entity in entities:
            item = indexed(entity)
            number = len(index.entities)
            index.entities.append(item)
            keys: set[str] = set(identifier_keys(item.identifiers))
            for name in item.names:
                keys.update(name_keys(name.form))
            for key in keys:
                hashes.append(key_hash(key))
                numbers.append(number)
        index._finish(
            np.frombuffer(hashes, dtype=np.uint64), np.frombuffer(numbers, dtype=np.int32)
        )
        return index

    def _finish(self, hashes: npt.NDArray[np.uint64], numbers: npt.NDArray[np.int32]) -> None:
        order = np.lexsort((numbers, hashes))
        hashes, numbers = hashes[order], numbers[order]
        unique, starts = np.unique(hashes, return_index=True)
        self.keys = unique
        self.offsets = np.append(starts, len(hashes)).astype(np.int64)
        self.postings = numbers.copy()
        self.max_postings = max(20000, len(self.entities) // 50)

    def __len__(self) -> int:
        return len(self.entities)

    def lookup(self, key: str) -> npt.NDArray[np.int32]:
        """Entity numbers for one key (empty when unknown)."""
        h = np.uint64(key_hash(key))
        i = int(np.searchsorted(self.keys, h))
        if i >= len(self.keys) or self.keys[i] != h:
            return self.postings[0:0]
        return self.postings[self.offsets[i] : self.offsets[i + 1]]

    def count(self, key: str) -> int:
        h = np.uint64(key_hash(key))
        i = int(np.searchsorted(self.keys, h))
        if i >= len(self.keys) or self.keys[i] != h:
            return 0
        return int(self.offsets[i + 1] - self.offsets[i])

    def weight(self, token: str) -> float:
        """Rarity of a word among indexed entities (IDF); unseen words weigh most."""
        found = self._weights.get(token)
        if found is None:
            found = 1.0 + math.log((len(self.entities) + 1) / (self.count("t:" + token) + 1))
            if len(self._weights) > 200_000:
                self._weights.clear()
            self._weights[token] = found
        return found

    def _idf(self, key: str, count: int) -> float:
        boost = 8.0 if key.startswith("i:") else 1.5 if key.startswith(("s:", "h:")) else 1.0
        return boost * (1.0 + math.log((len(self.entities) + 1) / (count + 1)))

    def candidates(
        self,
        forms: Sequence[NameForm],
        identifiers: Sequence[Identifier],
        limit: int = 25,
        keep: float = 0.3,
    ) -> list[int]:
        """Entity numbers sharing the most (and rarest) keys with the query; candidates whose
        summed weight is below ``keep`` × the best one's are dropped."""
        keys = list(set(identifier_keys(identifiers)).union(*(name_keys(f) for f in forms)))
        if not keys or not len(self.keys):
            return []
        wanted = np.array([key_hash(k) for k in keys], dtype=np.uint64)
        found = np.searchsorted(self.keys, wanted)
        found[found >= len(self.keys)] = 0
        hit = self.keys[found] == wanted
        scores: dict[int, float] = {}
        skipped: list[tuple[int, int]] = []
        offsets = self.offsets
        for key, position, ok in zip(keys, found.tolist(), hit.tolist(), strict=True):
            if not ok:
                continue
            start, end = int(offsets[position]), int(offsets[position + 1])
            if end - start > self.max_postings:
                skipped.append((end - start, position))
                continue
            weight = self._idf(key, end - start)
            for number in self.postings[start:end].tolist():
                scores[number] = scores.get(number, 0.0) + weight
        if not scores and skipped:
            _, position = min(skipped)
            start = int(offsets[position])
            return [int(n) for n in self.postings[start : start + limit]]
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        if not ranked:
            return []
        floor = ranked[0][1] * keep
        return [number for number, score in ranked if score >= floor]
