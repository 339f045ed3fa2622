"""The matcher: one engine behind ``countersight match``, screening and the API.

:meth:`Matcher.match` scores one query; :meth:`Matcher.match_many` scores a batch, in
several processes when the batch is large enough to pay for them (the index is shared
with the workers by fork, not copied).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from countersight.match.affiliate import affiliate_signal, country_fit
from countersight.match.compare import compare_han, compare_names
from countersight.match.features import (
    FOREIGN_AFFILIATE,
    TWO_NAMES,
    IdentifierEvidence,
    NamePair,
)
from countersight.match.index import MatchIndex
from countersight.match.packed import IndexedEntity, IndexedName
from countersight.match.parallel import can_fork, fork_map, no_gc
from countersight.match.parts import halves, parts, query_forms
from countersight.match.scoring import score_entity, score_pair
from countersight.match.short_names import exchange_short_name, listed_where
from countersight.match.types import FeatureResult, MatchResult, Query
from countersight.model import NameKind
from countersight.normalize.names import NameForm, analyze

Progress = Callable[[int], None]
AFFILIATE_CEILING = 0.95  # below an exact direct match, which is the recorded entity
AFFILIATE_UNNAMED_CEILING = 0.65  # only the country column says abroad: review
_BONUS = 0.09  # the most the name qualifiers add (same place, same line of business)


@dataclass(frozen=True, slots=True)
class Thresholds:
    """``match``: at or above, a candidate is the same organisation; ``review``: at or above,
    a person should look."""

    match: float = 0.70
    review: float = 0.50


class Matcher:
    """Scores queries against a :class:`MatchIndex`."""

    def __init__(
        self, index: MatchIndex, thresholds: Thresholds | None = None, candidates: int = 25
    ) -> None:
        self.index = index
        self.thresholds = thresholds or Thresholds()
        self.candidates = candidates
        self._position: dict[str, int] | None = None

    def _scan(
        self,
        forms: Sequence[tuple[str, NameForm]],
        entity: IndexedEntity,
        wholes: dict[str, str],
    ) -> tuple[float, list[FeatureResult], NamePair | None]:
        best_score = 0.0
        best_features: list[FeatureResult] = []
        best_pair: NamePair | None = None
        for query_name, form in forms:
            unlisted = bool(form.marker) and entity.registry
            unlisted = unlisted and listed_where(entity.identifiers) is None
            group = None
            if form.script == "han" and not entity.has_han and entity.group_han:
                group = group_characters(form, entity.group_han)
                if group is None:
                    continue  # the characters of its group's name say no
            for name in entity.names:
                if form.script == "han" and entity.has_han and name.form.script != "han":
                    # Characters carry more than pinyin: when the candidate has a Han name,
                    # a Han query is compared with that only.
                    continue
                comparison = compare_names(form, name.form, self.index)
                if comparison.core <= 0 and not comparison.exact:
                    continue
                ceiling = 0.85 if comparison.acronym else comparison.core * 0.92
                if not comparison.exact and ceiling + _BONUS < best_score:
                    continue  # cannot beat the best name already found: skip its features
                pair = NamePair(
                    comparison,
                    query_name,
                    name.value,
                    name.kind,
                    name.source,
                    wholes.get(query_name),
                    name.note,
                    unlisted=unlisted,
                    group_characters=group if name.form.script != "han" else None,
                )
                if form.marker and name.kind != NameKind.WEAK:
                    pair.short_name = exchange_short_name(
                        form, name.form, entity.identifiers, self.index.count
                    )
                score, features = score_pair(pair)
                if score > best_score or (
                    score == best_score and best_pair is not None and name.kind == NameKind.PRIMARY
                ):
                    best_score, best_features, best_pair = score, features, pair
        return best_score, best_features, best_pair

    def _best_pair(
        self, forms: Sequence[tuple[str, NameForm]], entity: IndexedEntity
    ) -> tuple[float, list[FeatureResult], NamePair | None]:
        several = False
        for name, _ in forms:
            if parts(name):
                several = True
                break
        if several:
            wholes = {part: name for name, _ in forms for part in parts(name)}
            found = self._scan(query_forms(forms), entity, wholes)
        else:
            found = self._scan(forms, entity, {})
        if found[0] >= self.thresholds.match or found[2] is None:
            return found
        missing = set(found[2].comparison.missing)
        if not missing or not missing <= {t for n in entity.names for t in n.form.distinct}:
            return found  # halves only when the words the name lacks are in another name
        for query_name, form in forms:
            if form.script != "latin":
                continue
            for left, right in halves(query_name):
                one = self._scan([(left, analyze(left))], entity, {})
                two = self._scan([(right, analyze(right))], entity, {})
                if min(one[0], two[0]) >= self.thresholds.match and max(one[0], two[0]) > found[0]:
                    best = one if one[0] >= two[0] else two
                    note = FeatureResult(
                        TWO_NAMES.name,
                        0.0,
                        f"{left!r} and {right!r} both name this company",
                        TWO_NAMES.description,
                    )
                    found = (best[0], [*best[1], note], best[2])
        return found

    def score(
        self, query: Query, forms: Sequence[tuple[str, NameForm]], entity: IndexedEntity
    ) -> MatchResult:
        """Score one candidate entity against a query."""
        name_score, name_features, pair = self._best_pair(forms, entity)
        marker = ""
        for _, form in forms:
            if form.marker:
                marker = form.marker
                break
        signal = None
        if pair is not None and name_score >= self.thresholds.match:
            signal = affiliate_signal(pair, query.countries, entity.countries)
        countries = [] if signal else query.countries  # an affiliate abroad is no conflict
        if query.identifiers or countries or marker:
            evidence = IdentifierEvidence(
                query.identifiers, entity.identifiers, countries, entity.countries, marker
            )
            raw, features = score_entity(name_score, name_features, evidence)
        else:  # nothing for the entity features to compare
            raw, features = name_score, list(name_features)
        if signal and pair is not None:
            reason, named = signal
            raw = min(raw, AFFILIATE_CEILING if named else AFFILIATE_UNNAMED_CEILING)
            features.append(
                FeatureResult(
                    FOREIGN_AFFILIATE.name,
                    0.0,
                    f"a foreign affiliate named after {pair.candidate_name}: {reason}"
                    + ("" if named else " (the name does not say so: for review)"),
                    FOREIGN_AFFILIATE.description,
                )
            )
        score = round(min(1.0, raw), 4)
        via_brand = pair.candidate_name if pair and pair.candidate_kind == NameKind.BRAND else None
        return MatchResult(
            entity_id=entity.id,
            score=score,
            match=score >= self.thresholds.match,
            review=self.thresholds.review <= score < self.thresholds.match,
            features=features,
            query_name=pair.query_name if pair else None,
            candidate_name=pair.candidate_name if pair else None,
            via_brand=via_brand,
            raw=raw,
            route="affiliate" if signal else "direct",
        )

    def explain(self, query: Query, entity_id: str) -> MatchResult | None:
        """Score one known candidate again, with its explanation (used after a batch)."""
        number = self._positions().get(entity_id)
        if number is None:
            return None
        forms = [(name, analyze(name)) for name in query.names]
        forms = [(name, form) for name, form in forms if not form.is_empty]
        return self.score(query, forms, self.index.entities[number])

    def _positions(self) -> dict[str, int]:
        if self._position is None:
            self._position = {e: i for i, e in enumerate(self.index.entities.ids())}
        return self._position

    def match(self, query: Query, limit: int = 5, cutoff: float | None = None) -> list[MatchResult]:
        """The best candidates for one query, best first, above ``cutoff`` (default: the
        review threshold)."""
        floor = self.thresholds.review if cutoff is None else cutoff
        forms = [(name, analyze(name)) for name in query.names]
        forms = [(name, form) for name, form in forms if not form.is_empty]
        numbers = self.index.candidates([f for _, f in forms], query.identifiers, self.candidates)
        entities = [self.index.entities[n] for n in numbers]
        self.index.prefetch(_words(forms, entities))
        results = [self.score(query, forms, entity) for entity in entities]
        results = [r for r in results if r.score > 0 and r.score >= floor]
        _rank(results, [w for _, f in forms for w in f.countries], query, entities)
        recorded = {e.id for e in entities if e.registry}
        return _recorded_wins(results, recorded)[:limit]

    def match_many(
        self,
        queries: Sequence[Query],
        limit: int = 5,
        cutoff: float | None = None,
        workers: int = 1,
        progress: Progress | None = None,
    ) -> list[list[MatchResult]]:
        """Match a batch; results come back in query order."""
        with no_gc():  # results hold no cycles; a collection would walk the whole view
            if workers <= 1 or len(queries) < 2000 or not can_fork():
                out = []
                for i, query in enumerate(queries):
                    out.append(self.match(query, limit, cutoff))
                    if progress and (i + 1) % 200 == 0:
                        progress(200)
                if progress:
                    progress(len(queries) % 200)
                return out
            return _parallel(self, queries, limit, cutoff, workers, progress)


def _rank(
    results: list[MatchResult],
    words: Sequence[str],
    query: Query,
    entities: Sequence[IndexedEntity],
) -> None:
    """Best first; of equal scores, an exact name before a trade name alone ("Hangzhou
    Hikvision System Technology" is that subsidiary before it is Hikvision), then by
    :func:`country_fit` of the name matched (computed only when scores tie, which is rare)."""
    results.sort(key=lambda r: (-r.score, -_exact(r), -r.raw, r.entity_id))
    if all(a.score != b.score for a, b in pairwise(results)):
        return
    by_id = {e.id: e for e in entities}

    def fit(result: MatchResult) -> int:
        entity = by_id[result.entity_id]
        named = next(
            (n.form.countries for n in entity.names if n.value == result.candidate_name), ()
        )
        return country_fit(words, query.countries, named, entity.countries)

    results.sort(key=lambda r: (-r.score, -_exact(r), -fit(r), -r.raw, r.entity_id))


def _exact(result: MatchResult) -> bool:
    return any(f.name == "name_exact" for f in result.features)


def group_characters(form: NameForm, group: Sequence[IndexedName]) -> str | None:
    """A Han query against an entity known only in Latin script that borrows its group's
    Han names (:mod:`countersight.match.groups`): which of them the query's characters agree
    with (the same trade name, or one holding the other: 大华 in 大华技术), the closest
    first; ``None`` when none does (then the reading alone may not bridge them: 大化 is not
    大华, however alike they look)."""
    agree = []
    for name in group:
        cmp = compare_han(form, name.form)
        if cmp.exact or cmp.core == 1.0 or cmp.partial:
            agree.append((not cmp.exact, -cmp.core, len(name.value), name.value, name.note))
    if not agree:
        return None
    _, _, _, value, group_id = min(agree)
    return f"characters of its group's name {value} ({group_id})"


def _recorded_wins(results: list[MatchResult], registry: set[str]) -> list[MatchResult]:
    """A direct match to an entity the registry records (its own "Dahua Technology USA
    Inc.", with that subsidiary's dates and listings) wins over the inference that the row
    is an affiliate of the parent: the inference is dropped."""
    if any(r.match and r.route == "direct" and r.entity_id in registry for r in results):
        return [r for r in results if r.route != "affiliate"]
    return results


def _words(
    forms: Sequence[tuple[str, NameForm]], entities: Sequence[IndexedEntity]
) -> Iterator[str]:
    """Every word whose rarity the scorer will ask for."""
    for _, form in forms:
        yield from form.distinct
        yield from form.countries
    for entity in entities:
        for name in entity.names:
            yield from name.form.distinct
            yield from name.form.countries


_WORKER: Matcher | None = None


Compact = tuple[str, float, bool, bool, float, str | None, str | None, str | None, str]


def _compact(result: MatchResult) -> Compact:
    return (
        result.entity_id,
        result.score,
        result.match,
        result.review,
        result.raw,
        result.query_name,
        result.candidate_name,
        result.via_brand,
        result.route,
    )


def _expand(item: Compact) -> MatchResult:
    entity_id, score, match, review, raw, query_name, candidate_name, via_brand, route = item
    return MatchResult(
        entity_id, score, match, review, [], query_name, candidate_name, via_brand, raw, route
    )


def _work(args: tuple[list[Query], int, float | None]) -> list[list[Compact]]:
    """Worker side of the batch: results travel back without their explanations (cheap to
    pickle); :meth:`Matcher.explain` recomputes them for the rows that need showing."""
    assert _WORKER is not None
    queries, limit, cutoff = args
    with no_gc():
        return [[_compact(r) for r in _WORKER.match(q, limit, cutoff)] for q in queries]


def _parallel(
    matcher: Matcher,
    queries: Sequence[Query],
    limit: int,
    cutoff: float | None,
    workers: int,
    progress: Progress | None,
) -> list[list[MatchResult]]:
    global _WORKER
    _WORKER = matcher
    size = max(200, min(2000, len(queries) // (workers * 8) or 200))
    chunks = [list(queries[i : i + size]) for i in range(0, len(queries), size)]
    out: list[list[MatchResult]] = []
    try:
        for chunk_result in fork_map(_work, [(c, limit, cutoff) for c in chunks], workers):
            out.extend([_expand(item) for item in row] for row in chunk_result)
            if progress:
                progress(len(chunk_result))
    finally:
        _WORKER = None
    return out
