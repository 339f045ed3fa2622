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
import threading
import zlib
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from countersight.match.groups import GroupName
from countersight.match.packed import IndexedEntity, IndexedName, PackedEntities, pack_all
from countersight.match.parallel import can_fork, fork_map, no_gc
from countersight.match.rarity import phrase_rarities
from countersight.model import REGISTRY_DATASET, Entity, Identifier, IdScheme, Name, NameKind
from countersight.normalize.company_numbers import uk_company_number
from countersight.normalize.names import NameForm, analyze_uncached

ENGINE_VERSION = "cs-match-10"  # 10: word weights cached per name in the index
# (9: Han names borrowed from the group (大华 for Dahua USA))
# (8: the index records which keys are common)
# (7: names differing in a word of description score below 1)
# (6: exchange short names (商汤－Ｗ), HKEX markers (-SW, -R, -P))
_SCRATCH = threading.local()


def _best(
    numbers: npt.NDArray[np.int32], scores: npt.NDArray[np.float64], limit: int, keep: float
) -> list[int]:
    """The ``limit`` best-scoring entity numbers (ties to the lower number), without those
    below ``keep`` × the best."""
    order = np.lexsort((numbers, -scores))[:limit]
    numbers, scores = numbers[order], scores[order]
    return [int(n) for n in numbers[scores >= scores[0] * keep]]


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
            company = uk_company_number(identifier)
            if company is not None:  # one key however the list spells it
                keys.append(f"i:gb-company:{company}")
    return keys


def _period(name: Name) -> str | None:
    """ "used 2009-2024" for a dated name (registry names carry ``start``/``end``)."""
    start, end = getattr(name, "start", None), getattr(name, "end", None)
    if not start and not end:
        return None
    return f"used {start or '?'} to {end or '?'}" if start else f"used until {end}"


def indexed(entity: Entity, borrowed: Sequence[GroupName] = ()) -> IndexedEntity:
    """What the scorer needs of an entity; ``borrowed``: the Han names of its group that it
    is compared with by characters (see :mod:`countersight.match.groups`)."""
    names = []
    for name in entity.names:
        form = analyze_uncached(name.value)
        if not form.is_empty:
            names.append(IndexedName(name.value, form, name.kind, name.source, _period(name)))
    countries = list(entity.countries)
    jurisdiction = getattr(entity, "jurisdiction", None)  # where it is incorporated, if known
    if isinstance(jurisdiction, str) and jurisdiction.lower() not in countries:
        countries.append(jurisdiction.lower())
    return IndexedEntity(
        id=entity.id,
        names=names,
        identifiers=list(entity.identifiers),
        countries=countries,
        has_han=any(n.form.script == "han" for n in names),
        registry=REGISTRY_DATASET in entity.datasets,
        group_han=[
            IndexedName(value, analyze_uncached(value), NameKind.ALIAS, None, group)
            for value, group in borrowed
        ],
    )


def _empty_u64() -> npt.NDArray[np.uint64]:
    return np.zeros(0, dtype=np.uint64)


def _empty_i64() -> npt.NDArray[np.int64]:
    return np.zeros(0, dtype=np.int64)


def _empty_i32() -> npt.NDArray[np.int32]:
    return np.zeros(0, dtype=np.int32)


@dataclass(slots=True)
class _Part:
    """Entities analysed in one go, packed (see :mod:`countersight.match.packed`), with
    their blocking keys (numbers local to the part). All bytes: cheap to send from a
    worker, and joined by the parent without unpacking."""

    records: tuple[bytes, bytes]
    count: int
    hashes: bytes
    numbers: bytes


def _analyse(entities: Iterable[Entity], groups: Mapping[str, Sequence[GroupName]]) -> _Part:
    items: list[IndexedEntity] = []
    hashes = array("Q")
    numbers = array("i")
    for entity in entities:
        item = indexed(entity, groups.get(entity.id, ()))
        number = len(items)
        items.append(item)
        keys: set[str] = set(identifier_keys(item.identifiers))
        for name in item.names:
            keys.update(name_keys(name.form))
        for key in keys:
            hashes.append(key_hash(key))
            numbers.append(number)
    return _Part(pack_all(items), len(items), hashes.tobytes(), numbers.tobytes())


_SOURCE: Sequence[Entity] = ()
_GROUPS: Mapping[str, Sequence[GroupName]] = {}
_PARALLEL_FROM = 20_000  # below this, forking costs more than it saves
_SLICE = 5_000


def _analyse_slice(bounds: tuple[int, int]) -> _Part:
    with no_gc():
        return _analyse(_SOURCE[bounds[0] : bounds[1]], _GROUPS)


def _analysed_parts(
    entities: Iterable[Entity], workers: int, groups: Mapping[str, Sequence[GroupName]]
) -> Iterator[_Part]:
    """One part for a stream or a small list; slices analysed by forked workers (which see
    the list without copying it) for a large sequence."""
    global _SOURCE, _GROUPS
    if workers <= 1 or not isinstance(entities, Sequence) or len(entities) < _PARALLEL_FROM:
        yield _analyse(entities, groups)
        return
    if not can_fork():
        yield _analyse(entities, groups)
        return
    _SOURCE, _GROUPS = entities, groups
    try:
        bounds = [(i, min(i + _SLICE, len(entities))) for i in range(0, len(entities), _SLICE)]
        yield from fork_map(_analyse_slice, bounds, workers)
    finally:
        _SOURCE, _GROUPS = (), {}


@dataclass(slots=True)
class MatchIndex:
    """Blocking postings (CSR) and the precomputed entities they point to (packed: they
    are decoded as they are scored)."""

    entities: PackedEntities = field(default_factory=PackedEntities)
    keys: npt.NDArray[np.uint64] = field(default_factory=_empty_u64)
    offsets: npt.NDArray[np.int64] = field(default_factory=_empty_i64)
    postings: npt.NDArray[np.int32] = field(default_factory=_empty_i32)
    version: str = ""
    max_postings: int = 20000
    common_postings: int = 2000  # keys with more postings are "common": see _rare_first
    _weights: dict[str, float] = field(default_factory=dict)
    _word_weights: dict[tuple[str, ...], tuple[float, ...]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        entities: Iterable[Entity],
        version: str = "",
        workers: int = 1,
        groups: Mapping[str, Sequence[GroupName]] | None = None,
    ) -> MatchIndex:
        """Index entities. Any iterable works (a stream is never held in memory twice); a
        large enough sequence is analysed by ``workers`` forked processes, in slices.
        ``groups``: Han names entities borrow from their group, by entity id
        (:func:`countersight.match.groups.group_names`)."""
        index = cls(version=version)
        hashes: list[npt.NDArray[np.uint64]] = []
        numbers: list[npt.NDArray[np.int32]] = []
        records: list[tuple[bytes, bytes]] = []
        start = 0
        with no_gc():
            for part in _analysed_parts(entities, workers, groups or {}):
                records.append(part.records)
                hashes.append(np.frombuffer(part.hashes, dtype=np.uint64))
                numbers.append(np.frombuffer(part.numbers, dtype=np.int32) + np.int32(start))
                start += part.count
        index.entities = PackedEntities.join(records)
        del records
        index._finish(
            np.concatenate(hashes) if hashes else _empty_u64(),
            np.concatenate(numbers) if numbers else _empty_i32(),
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

    def word_weights(self, words: tuple[str, ...]) -> tuple[float, ...]:
        """Each trade-name word's weight where two names are compared: its rarity among the
        indexed entities (:meth:`weight`) times its rarity as a word of this phrase among
        real organisation names (:func:`~countersight.match.rarity.phrase_rarities`).
        Kept per sequence of words, since a query's words meet every candidate."""
        found = self._word_weights.get(words)
        if found is None:
            rarities = phrase_rarities(words)
            found = tuple([self.weight(w) * r for w, r in zip(words, rarities, strict=True)])
            if len(self._word_weights) > 200_000:
                self._word_weights.clear()
            self._word_weights[words] = found
        return found

    def prefetch(self, tokens: Iterable[str]) -> None:
        """Look up the rarity of many words in one vectorised step, so that the scorer's
        :meth:`weight` calls find them cached."""
        cache = self._weights
        missing = [t for t in set(tokens) if t not in cache]
        if not missing or not len(self.keys):
            return
        hashes = np.fromiter((key_hash("t:" + t) for t in missing), np.uint64, len(missing))
        found = np.searchsorted(self.keys, hashes)
        found[found >= len(self.keys)] = 0
        counts = np.where(
            self.keys[found] == hashes, self.offsets[found + 1] - self.offsets[found], 0
        )
        weights = 1.0 + np.log((len(self.entities) + 1) / (counts + 1))
        if len(cache) + len(missing) > 200_000:
            cache.clear()
        cache.update(zip(missing, weights.tolist(), strict=True))

    def _scratch(self) -> npt.NDArray[np.float64]:
        """A per-thread accumulator with one slot per entity, all zero between calls."""
        held: tuple[int, npt.NDArray[np.float64]] | None = getattr(_SCRATCH, "held", None)
        if held is None or held[0] != id(self) or len(held[1]) != len(self.entities):
            held = (id(self), np.zeros(len(self.entities), dtype=np.float64))
            _SCRATCH.held = held  # one index per thread at a time
        return held[1]

    def candidates(
        self,
        forms: Sequence[NameForm],
        identifiers: Sequence[Identifier],
        limit: int = 25,
        keep: float = 0.5,
    ) -> list[int]:
        """Entity numbers sharing the most (and rarest) keys with the query; candidates whose
        summed weight is below ``keep`` × the best one's are dropped. Ties go to the lower
        entity number.

        Where the rare keys decide, common keys are only looked up for the entities the rare
        keys found (:meth:`_rare_first`, exact); otherwise every key's postings are added up
        (:meth:`_scatter_all`). Either way the cost follows the postings touched, with no
        Python loop over them.

        ``keep`` = 0.5 prunes what cannot win: on the quality benchmark every expected entity
        stays a candidate, and on the synthetic million recall is unchanged while a fifth
        fewer candidates are scored."""
        used, skipped = self._weighted_keys(forms, identifiers)
        if not used:
            if skipped is None:
                return []
            return [int(n) for n in self.postings[skipped : skipped + limit]]
        found_by_rare = self._rare_first(used, limit, keep)
        if found_by_rare is not None:
            return found_by_rare
        return self._scatter_all(used, limit, keep)

    def _weighted_keys(
        self, forms: Sequence[NameForm], identifiers: Sequence[Identifier]
    ) -> tuple[list[tuple[float, int, int]], int | None]:
        """The query's keys found in the index as (weight, start, end) of their postings, in
        one fixed order; keys over ``max_postings`` are skipped like stop words (the start
        of the smallest of those is returned, as the fallback when nothing else is left)."""
        keys = list(set(identifier_keys(identifiers)).union(*(name_keys(f) for f in forms)))
        if not keys or not len(self.keys):
            return [], None
        wanted = np.fromiter((key_hash(k) for k in keys), dtype=np.uint64, count=len(keys))
        found = np.searchsorted(self.keys, wanted)
        found[found >= len(self.keys)] = 0
        hit = (self.keys[found] == wanted).tolist()
        starts = self.offsets[found].tolist()
        ends = self.offsets[found + 1].tolist()
        total = len(self.entities)
        used: list[tuple[float, int, int]] = []
        smallest_skipped: tuple[int, int] | None = None
        for key, start, end, ok in zip(keys, starts, ends, hit, strict=True):
            if not ok:
                continue
            size = end - start
            if size > self.max_postings:
                if smallest_skipped is None or size < smallest_skipped[0]:
                    smallest_skipped = (size, start)
                continue
            boost = 8.0 if key[0] == "i" else 1.5 if key[0] in "sh" else 1.0
            used.append((boost * (1.0 + math.log((total + 1) / (size + 1))), start, end))
        return used, None if smallest_skipped is None else smallest_skipped[1]

    def _scatter_all(
        self, used: list[tuple[float, int, int]], limit: int, keep: float
    ) -> list[int]:
        """Every key's postings added into a dense per-entity accumulator, one vectorised
        step per key (a key's postings hold each entity once), then the best ``limit``
        entities by a partial sort (ties to the lower number), pruned below ``keep`` × the
        best."""
        acc = self._scratch()
        touched: list[npt.NDArray[np.int32]] = []
        for weight, start, end in used:
            numbers = self.postings[start:end]
            acc[numbers] += weight
            touched.append(numbers)
        numbers = np.concatenate(touched) if len(touched) > 1 else touched[0]
        scores = acc[numbers]
        acc[numbers] = 0.0
        # An entity appears at most once per key, so the best ``limit`` × keys entries hold
        # the best ``limit`` entities (ties at the cut included); only those are deduplicated.
        wanted_entries = limit * len(touched)
        if len(numbers) > wanted_entries:
            cut = np.partition(scores, len(scores) - wanted_entries)[len(scores) - wanted_entries]
            chosen = scores >= cut
            numbers, scores = numbers[chosen], scores[chosen]
        if len(touched) > 1:
            numbers, first = np.unique(numbers, return_index=True)
            scores = scores[first]
        return _best(numbers, scores, limit, keep)

    def _rare_first(
        self, used: list[tuple[float, int, int]], limit: int, keep: float
    ) -> list[int] | None:
        """The same answer as :meth:`_scatter_all` at a fraction of the cost when common
        keys (postings over ``common_postings``) cannot change it, else None.

        The entities found by the rare keys are scored on every key, common keys by a
        binary search of their (sorted) postings instead of touching all of them, adding
        the weights in the same order as the full scatter (so the sums are bit-identical).
        An entity found by common keys only scores at most their summed weight R; when R
        is below ``keep`` × the best score, every such entity would be pruned anyway, so
        the answer is exact. Otherwise (None) the caller scatters every key."""
        rare = [(s, e) for w, s, e in used if e - s <= self.common_postings]
        if len(rare) == len(used) or not rare:
            return None
        common_weight = sum(w for w, s, e in used if e - s > self.common_postings)
        found = np.unique(np.concatenate([self.postings[s:e] for s, e in rare]))
        scores = np.zeros(len(found), dtype=np.float64)
        for weight, start, end in used:
            postings = self.postings[start:end]
            if end - start <= self.common_postings:
                where = np.searchsorted(found, postings)  # every posting is in ``found``
            else:
                where = np.searchsorted(postings, found)
                inside = where < len(postings)
                present = np.zeros(len(found), dtype=bool)
                present[inside] = postings[where[inside]] == found[inside]
                where = np.flatnonzero(present)
            scores[where] += weight
        if not common_weight * (1 + 1e-9) < keep * float(scores.max()):
            return None  # an entity found by common keys only might not be pruned
        return _best(found.astype(np.int32), scores, limit, keep)
