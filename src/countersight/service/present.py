"""One presenter per shape: entities and match results as the typed documents of
:mod:`countersight.service.contracts`. The CLI, the API, the web pages and the reports all
read what these functions build, so a field means the same everywhere.

The ``match --json`` result shape is a public contract (integrations build on it):
``{"id", "caption", "schema", "names", "score", "match", "lists", "topics",
"explanation"}``, plus the additive fields ``status``, ``review``, ``listings``,
``evidence``, ``categories``, ``path``, ``features``, ``reach`` (former name, current
control, a listing reaching it through a parent) and ``history`` (listings and control that
no longer hold on the date asked about).
"""

from __future__ import annotations

from datetime import date

from countersight.match.affiliate import reaches_affiliates
from countersight.match.features import NAME_FEATURES
from countersight.match.types import FeatureResult, MatchResult
from countersight.model import Entity, IdScheme, NameKind, Relation, RelationKind, list_info
from countersight.model import confidence as rules
from countersight.model.view import DataView
from countersight.service.contracts import (
    EntityDoc,
    EvidenceDoc,
    ExplanationDoc,
    FeatureDoc,
    ListingDoc,
    MatchResultDoc,
    PathStepDoc,
    ScoredEntityDoc,
)
from countersight.sources.ftm import ID_PROPERTY, NAME_PROPERTY

_NAME_FEATURES = frozenset(f.name for f in NAME_FEATURES)


def listing_dict(entity: Entity) -> list[ListingDoc]:
    """The lists an entity is on, with each list's label and title."""
    out: list[ListingDoc] = []
    for m in entity.memberships:
        info = list_info(m.list)
        out.append(
            {
                "list": m.list,
                "label": info.short,
                "title": info.title,
                "program": m.program,
                "listed_on": m.listed_on.isoformat() if m.listed_on else None,
                "delisted_on": m.delisted_on.isoformat() if m.delisted_on else None,
                "source_record_id": m.source_record_id,
                "dataset": m.dataset,
                "confidence": m.confidence.value,
                "via": m.via,
                "note": m.note,
            }
        )
    return out


def evidence_dict(entity: Entity) -> list[EvidenceDoc]:
    """The public sources behind an entity's flags."""
    return [
        {
            "publisher": e.publisher,
            "date": e.date,
            "title": e.title,
            "url": e.url,
            "citation": e.citation,
            "summary": e.summary,
            "confidence": e.confidence.value,
            "key": e.key,
        }
        for e in entity.evidence
    ]


def list_ids(entity: Entity) -> list[str]:
    return list(dict.fromkeys(m.list for m in entity.memberships))


def status_of(
    entity: Entity, result: MatchResult, as_of: date | None = None, shadow: bool = False
) -> str:
    """``flagged`` (a match to an entity backed by H/M evidence on ``as_of``), ``review`` (a
    possible match, or a match to an entity known only from low-confidence leads or from
    listings and control that have ended) or ``clear`` (no match, or a reference record
    such as a GLEIF entry with no listing or evidence)."""
    level = rules.concern(entity, as_of)
    if level is None:
        return "clear"
    if result.route == "affiliate" and not reaches_affiliates(entity):
        level = "review"  # an affiliate inferred from its name, beyond the listing's reach
    if result.match and level == "flagged" and not shadow:
        return "flagged"
    if result.match or result.review:
        return "review"
    return "clear"


def feature_doc(feature: FeatureResult) -> FeatureDoc:
    return {
        "feature": feature.name,
        "score": round(feature.score, 4),
        "detail": feature.detail,
        "description": feature.description,
    }


def _caption(view: DataView, entity_id: str) -> str:
    entity = view.entities.get(entity_id)
    return entity.caption if entity else entity_id


def _share(relation: Relation) -> str:
    return f"{relation.share:g}%" if relation.share is not None else relation.kind.value


def relation_history(view: DataView, entity: Entity, when: date) -> list[str]:
    """Control that has ended, in words: ``sold by Zhejiang Dahua ... in 2024 (control
    ended 2024-04-17)``. A stake that continues under another share is not history."""
    current = {r.subject for r in view.parents(entity.id) if r.active_on(when)}
    lines = []
    for relation in view.parents(entity.id):
        if relation.ended_by(when) and relation.end and relation.subject not in current:
            parent = _caption(view, relation.subject)
            lines.append(
                f"sold by {parent} in {relation.end.year} "
                f"(control ended {relation.end.isoformat()})"
            )
    return lines


def history(view: DataView, entity: Entity, as_of: date | None = None) -> list[str]:
    """What no longer holds on ``as_of`` (default today): ended listings and sold links."""
    when = as_of or date.today()
    captions = {m.via: _caption(view, m.via) for m in entity.memberships if m.via}
    return [
        *rules.listing_history(entity, when, captions),
        *relation_history(view, entity, when),
    ]


def route(
    view: DataView, entity: Entity, result: MatchResult, as_of: date | None = None
) -> list[str]:
    """How the match reaches its concern: a former name, current control by a listed
    parent, a listing that reaches the entity through that parent."""
    when = as_of or date.today()
    lines = []
    for name in entity.names:
        if name.kind == NameKind.FORMER and name.value == result.candidate_name:
            period = f" (used until {name.end})" if name.end else ""
            lines.append(f"matched former name {name.value}{period}")
    for relation in view.parents(entity.id):
        if relation.active_on(when):
            since = f" since {relation.start.isoformat()}" if relation.start else ""
            # A stated stake is a holding, not necessarily control (iFlytek's 49.42%).
            verb = "owned" if relation.kind == RelationKind.OWNERSHIP else "controlled"
            lines.append(
                f"{verb} by {_caption(view, relation.subject)} ({_share(relation)}{since})"
            )
    for m in rules.current(entity, when):
        if m.via:
            lines.append(
                f"{list_info(m.list).short} reaches it as a subsidiary or affiliate of "
                f"{_caption(view, m.via)}"
            )
    return list(dict.fromkeys(lines))


def _relatives(view: DataView, entity_id: str) -> set[str]:
    return {r.subject for r in view.parents(entity_id)} | {
        r.object for r in view.children(entity_id)
    }


def _exact(result: MatchResult) -> bool:
    """The candidate the query names exactly. Batch results travel without their features
    (see :func:`countersight.match.engine._work`); a full score stands in for them there."""
    if not result.features:
        return result.score >= 1.0
    return any(f.name == "name_exact" for f in result.features)


def shadowed(view: DataView, results: list[MatchResult]) -> dict[str, str]:
    """Candidates that are only a family resemblance of the candidate the query names.

    When one candidate matches the query's name exactly and another is its parent or
    subsidiary (now or in the past) matched only on a shared trade name, the query names
    the first: "Dahua Technology USA Inc." is Dahua's former US subsidiary, not Dahua, and
    "Hangzhou Hikvision Digital Technology" is not Hikvision USA. The relative is then a
    candidate for review, not a match; exposure through it comes from the relation, dated,
    by look-through. Returns relative id → the named candidate's id.
    """
    named = [r for r in results if _exact(r)]
    if not named:
        return {}
    best = max(named, key=lambda r: r.score)
    family = _relatives(view, best.entity_id)
    return {r.entity_id: best.entity_id for r in results if r.entity_id in family and not _exact(r)}


def result_dict(
    view: DataView,
    entity: Entity,
    result: MatchResult,
    as_of: date | None = None,
    better: str | None = None,
) -> MatchResultDoc:
    """One candidate of ``match --json``, answered as of ``as_of`` (default today)."""
    path: list[PathStepDoc] = []
    if result.via_brand:
        path.append(
            {"id": entity.id, "caption": result.via_brand, "relation": "brand", "share": None}
        )
    return {
        "id": entity.id,
        "caption": entity.caption,
        "schema": entity.schema.value,
        "names": entity.name_values(),
        "score": result.score,
        "match": result.match,
        "review": result.review,
        "status": status_of(entity, result, as_of, shadow=better is not None),
        "lists": list_ids(entity),
        "listings": listing_dict(entity),
        "topics": list(entity.topics),
        "categories": list(entity.categories),
        "datasets": list(entity.datasets),
        "explanation": result.explanation,
        "features": [feature_doc(f) for f in result.features],
        "route": result.route,
        "matched_name": result.candidate_name,
        "path": path,
        "evidence": evidence_dict(entity),
        "reach": route(view, entity, result, as_of)
        + (
            [f"a parent or subsidiary of the better match {_caption(view, better)}: for review"]
            if better
            else []
        ),
        "history": history(view, entity, as_of),
    }


# -- yente's shapes ------------------------------------------------------------------------


def properties_of(entity: Entity) -> dict[str, list[str]]:
    """An entity as FollowTheMoney properties (names, identifiers, countries, topics,
    addresses, programs, source URLs)."""
    props: dict[str, list[str]] = {}
    for name in entity.names:
        props.setdefault(NAME_PROPERTY[name.kind], []).append(name.value)
    for identifier in entity.identifiers:
        value = (
            identifier.value.rpartition(":")[2]
            if identifier.scheme == IdScheme.TICKER
            else identifier.value
        )
        props.setdefault(ID_PROPERTY[identifier.scheme], []).append(value)
    if entity.countries:
        props["country"] = list(entity.countries)
    if entity.topics:
        props["topics"] = list(entity.topics)
    if entity.addresses:
        props["address"] = list(entity.addresses)
    programs = [m.program for m in entity.memberships if m.program]
    if programs:
        props["program"] = list(dict.fromkeys(programs))
    urls = [e.url for e in entity.evidence if e.url]
    if urls:
        props["sourceUrl"] = list(dict.fromkeys(urls))
    return props


def entity_doc(entity: Entity) -> EntityDoc:
    """yente's ``EntityResponse.from_entity``. ``target`` is true for a listed entity."""
    return {
        "id": entity.id,
        "caption": entity.caption,
        "schema": entity.schema.value,
        "properties": properties_of(entity),
        "datasets": list(entity.datasets),
        "referents": [],
        "target": bool(entity.memberships),
    }


def explanation_doc(feature: FeatureResult, result: MatchResult) -> ExplanationDoc:
    """yente's ``FtResult``; a name feature also names the two names it compared."""
    named = feature.name in _NAME_FEATURES
    return {
        "score": round(feature.score, 4),
        "detail": feature.detail,
        "description": feature.description,
        "query": result.query_name if named else None,
        "candidate": result.candidate_name if named else None,
    }


def scored_entity_doc(
    view: DataView,
    entity: Entity,
    result: MatchResult,
    as_of: date | None = None,
    shadow: bool = False,
) -> ScoredEntityDoc:
    """yente's ``ScoredEntityResponse.from_entity_result``: the entity, its score, whether
    it matches, and the features that explain it; ``status`` and ``history`` are answered
    as of ``as_of`` (default today), as ``match --json`` answers them."""
    return {
        **entity_doc(entity),
        "score": result.score,
        "match": result.match,
        "status": status_of(entity, result, as_of, shadow),
        "features": {f.name: round(f.score, 4) for f in result.features},
        "explanations": {f.name: explanation_doc(f, result) for f in result.features},
        "lists": list_ids(entity),
        "history": history(view, entity, as_of),
    }
