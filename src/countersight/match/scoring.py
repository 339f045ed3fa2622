"""Combine feature results into one score in 0..1.

For each pair of names the name features give a name score: the best ``main`` feature, plus
the ``qualifier`` amounts, under the lowest ``cap``. The best-scoring name pair is kept. The
entity features then add identifiers and countries the same way: the entity score is the
best of the name score and the identifier ``main`` features, plus qualifiers, under caps.
Qualifiers only apply when some main feature scored, so a bonus never makes a match from
nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from countersight.match.entity_features import ENTITY_FEATURES
from countersight.match.features import (
    NAME_FEATURES,
    Feature,
    IdentifierEvidence,
    NamePair,
)
from countersight.match.types import FeatureResult

T = TypeVar("T")


def run_table(table: Sequence[Feature[T]], subject: T) -> tuple[float, list[FeatureResult]]:
    """Apply one feature table; returns the score (uncapped above 1, so that ties between
    full matches still order by their supporting evidence) and the features that fired."""
    main = 0.0
    bonus = 0.0
    cap = 1.0
    fired: list[FeatureResult] = []
    main_fired: list[FeatureResult] = []
    for feature in table:
        outcome = feature.func(subject)
        if outcome is None:
            continue
        value, detail = outcome
        result = FeatureResult(feature.name, value, detail, feature.description)
        if feature.kind == "main":
            main_fired.append(result)
            main = max(main, value)
        elif feature.kind == "qualifier":
            bonus += value
            fired.append(result)
        else:
            cap = min(cap, value)
            fired.append(result)
    if main <= 0:
        return 0.0, []
    best_main = max(main_fired, key=lambda r: r.score)
    score = max(0.0, min(main + bonus, cap))
    return score, [best_main, *fired]


def score_pair(pair: NamePair) -> tuple[float, list[FeatureResult]]:
    return run_table(NAME_FEATURES, pair)


def score_entity(
    name_score: float, name_features: list[FeatureResult], ids: IdentifierEvidence
) -> tuple[float, list[FeatureResult]]:
    """Fold the identifier and country features into the best name score."""
    main = name_score
    features = list(name_features)
    bonus = 0.0
    cap = 1.0
    for feature in ENTITY_FEATURES:
        outcome = feature.func(ids)
        if outcome is None:
            continue
        value, detail = outcome
        result = FeatureResult(feature.name, value, detail, feature.description)
        if feature.kind == "main":
            if value > main:
                main = value
            features.insert(0, result)
        elif feature.kind == "qualifier":
            bonus += value
            features.append(result)
        else:
            cap = min(cap, value)
            features.append(result)
    if main <= 0:
        return 0.0, features
    return max(0.0, min(main + bonus, cap)), features
