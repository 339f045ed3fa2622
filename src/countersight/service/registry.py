"""Registry use-cases: validate the files, report coverage per list and edition, check
official files against the scope, and write the Markdown page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from countersight.exc import InputError
from countersight.model import confidence as rules
from countersight.model import list_info
from countersight.service.registry_coverage import official_coverage, official_records
from countersight.service.registry_docs import docs_markdown
from countersight.sources.persons import looks_like_person
from countersight.sources.registry import (
    RegistryFiles,
    check_registry,
    load,
    read_registry,
    to_entity,
)
from countersight.sources.registry_check import titles_against_reference
from countersight.sources.registry_scope import Scope, ScopeEdition, read_scope, scope_problems


@dataclass(slots=True)
class CheckReport:
    """The outcome of ``registry check``: ``problems`` fail it; ``notices`` are reported."""

    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    coverage: dict[str, Any] = field(default_factory=dict)
    editions: list[dict[str, Any]] = field(default_factory=list)
    official: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "problems": self.problems,
            "notices": self.notices,
            "coverage": self.coverage,
            "editions": self.editions,
            "official": self.official,
        }


def _coverage(reg: RegistryFiles) -> dict[str, Any]:
    entities = [to_entity(reg, e) for e in reg.entities]
    by_list: Counter[str] = Counter()
    for entity in entities:
        for list_id in dict.fromkeys(m.list for m in entity.memberships):
            by_list[list_info(list_id).short] += 1
    evidence = Counter(e.confidence.value for ent in entities for e in ent.evidence)
    scripts = Counter(n.lang.value for ent in entities for n in ent.names)
    return {
        "entities": len(entities),
        "by_schema": dict(Counter(e.schema.value for e in entities)),
        "flaggable": sum(1 for e in entities if rules.concern(e) == rules.FLAGGED),
        "review_only": sum(1 for e in entities if rules.concern(e) == rules.REVIEW),
        "context_only": sum(1 for e in entities if rules.concern(e) is None),
        "unresolved_leads": sum(1 for e in reg.entities if e.status == "unresolved-lead"),
        "with_chinese_name": sum(
            1 for e in entities if any(n.lang.value.startswith("zh-Han") for n in e.names)
        ),
        "former_names": sum(1 for e in reg.entities for n in e.names if n.kind == "former"),
        "with_identifiers": sum(1 for e in entities if e.identifiers),
        "with_jurisdiction": sum(1 for e in reg.entities if e.jurisdiction),
        "relations": sum(len(e.parents) for e in reg.entities),
        "ended_relations": sum(1 for e in reg.entities for p in e.parents if p.end),
        "ended_listings": sum(1 for e in reg.entities for x in e.listings if x.delisted_on),
        "brands": sum(len(e.brands) for e in reg.entities),
        "sources": len(reg.sources),
        "evidence_by_confidence": dict(sorted(evidence.items())),
        "entities_by_list": dict(by_list.most_common()),
        "names_by_language": dict(scripts.most_common()),
    }


def edition_table(reg: RegistryFiles, scope: Scope) -> list[dict[str, Any]]:
    """Per list and edition (or batch): the in-scope records and how many the registry
    carries with that listing."""
    rows = []
    for list_id, spec in scope.lists.items():
        editions: list[ScopeEdition | None] = [*spec.editions] or [None]
        for edition in editions:
            when = edition.date if edition else None
            records = [r for r in spec.records if r.date == when]
            carried = [
                r
                for r in records
                if any(
                    x.list == list_id and x.listed_on == r.date
                    for e in reg.entities
                    if e.id == r.entity
                    for x in e.listings
                )
            ]
            appears = len(
                [
                    x
                    for e in reg.entities
                    for x in e.listings
                    if x.list == list_id
                    and (x.listed_on == when or any(ed.edition == when for ed in x.editions))
                ]
            )
            rows.append(
                {
                    "list": list_info(list_id).short,
                    "edition": when.isoformat() if when else "-",
                    "citation": (edition.citation if edition else None) or "",
                    "added_in_scope": len(records),
                    "added_covered": len(carried),
                    "present_in_edition": appears,
                }
            )
    return rows


def _people(reg: RegistryFiles) -> list[str]:
    problems = []
    for entry in reg.entities:
        primary = next(n.value for n in entry.names if n.kind == "primary")
        if looks_like_person(primary):
            problems.append(
                f"{entry.id}: primary name {primary!r} looks like a person's name; "
                "the registry holds organisations only"
            )
    return problems


def _official(
    path: Path | None, scope: Scope, against: Sequence[Path]
) -> tuple[list[dict[str, Any]], list[str]]:
    registry = load(path).entities
    rows, problems = [], []
    for path in against:
        in_scope, gaps = official_coverage(registry, official_records([path]), scope)
        rows.append({"file": str(path), "in_scope": in_scope, "missing": [str(g) for g in gaps]})
        problems += [f"{path}: {gap}" for gap in gaps]
    return rows, problems


def check(
    path: Path | None = None,
    against: Sequence[Path] = (),
    reference: Sequence[Path] = (),
) -> CheckReport:
    """Schema, references, identifiers, evidence, leads, scope and the no-individuals rule;
    with ``against``, the in-scope records of those official files; with ``reference``, the
    source titles against the research notes."""
    try:
        reg = read_registry(path)
        scope = read_scope(reg.path)
    except InputError as exc:
        return CheckReport(problems=[str(exc)])
    found = check_registry(reg)
    report = CheckReport(problems=[*found.problems, *_people(reg)], notices=found.notices)
    report.problems += scope_problems(reg, scope)
    if reference:
        text = "\n".join(p.read_text(encoding="utf-8") for p in reference)
        report.problems += titles_against_reference(reg, text)
    for list_id, spec in scope.lists.items():
        report.notices += [f"{list_info(list_id).short} not covered: {n}" for n in spec.not_covered]
    if report.ok:
        report.coverage = _coverage(reg)
        report.editions = edition_table(reg, scope)
        if against:
            report.official, gaps = _official(path, scope, against)
            report.problems += gaps
    return report


__all__ = ["CheckReport", "check", "docs_markdown", "edition_table"]
