"""Load Countersight's own surveillance-vendor registry (YAML files in the package).

The registry is the embedded default dataset: the service loads it into the store on first
use and reloads it whenever the files change (their digest is the dataset's sha256).
:func:`read_registry` validates every file; :func:`check_registry` adds the cross-file
checks that ``countersight registry check`` reports.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import ValidationError

from countersight.exc import InputError
from countersight.model import (
    REGISTRY_DATASET,
    Confidence,
    Entity,
    Evidence,
    Identifier,
    IdScheme,
    Lang,
    ListMembership,
    Name,
    NameKind,
    Relation,
    RelationKind,
    Schema,
    list_info,
)
from countersight.model.source import FileInfo, LoadedSource
from countersight.normalize.chinese import to_simplified
from countersight.normalize.identifiers import parse_identifier
from countersight.sources.registry_schema import Category, RegistryEntity, SourceDoc, bound

if TYPE_CHECKING:
    from countersight.sources.registry_check import Findings

DATASET = REGISTRY_DATASET


def default_path() -> Path:
    """The registry folder shipped inside the package."""
    return Path(str(resources.files("countersight") / "registry"))


@dataclass(slots=True)
class RegistryFiles:
    """The validated registry, before it becomes model objects."""

    path: Path
    sources: dict[str, SourceDoc]
    categories: dict[str, Category]
    entities: list[RegistryEntity]
    files: list[FileInfo] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return _digest(self.files)


def _digest(files: list[FileInfo]) -> str:
    """The registry's version: a digest of its files' names and contents."""
    digest = hashlib.sha256()
    for info in sorted(files, key=lambda f: f.name):
        digest.update(f"{info.name}:{info.sha256};".encode())
    return digest.hexdigest()


def _file_info(path: Path, data: bytes) -> FileInfo:
    return FileInfo(
        path.relative_to(
            path.parents[1] if path.parent.name == "entities" else path.parent
        ).as_posix(),
        hashlib.sha256(data).hexdigest(),
        len(data),
    )


def _paths(root: Path) -> list[Path]:
    """The registry's files, in reading order."""
    return [
        root / "sources.yaml",
        root / "categories.yaml",
        *sorted((root / "entities").glob("*.yaml")),
    ]


@functools.cache
def category_titles(path: Path | None = None) -> dict[str, str]:
    """Each category's title by its key (``ethnicity-analytics`` → "Facial recognition with
    ethnicity analytics"), for showing categories to people."""
    files: list[FileInfo] = []
    data = _yaml((path or default_path()) / "categories.yaml", files) or {}
    return {key: Category.model_validate(value).title for key, value in data.items()}


def files_digest(path: Path | None = None) -> str:
    """The digest :attr:`RegistryFiles.sha256` would have, from the files' bytes alone
    (no YAML parsed): enough to tell whether the stored registry is current."""
    return _digest([_file_info(p, p.read_bytes()) for p in _paths(path or default_path())])


def _yaml(path: Path, files: list[FileInfo]) -> Any:
    data = path.read_bytes()
    files.append(_file_info(path, data))
    try:
        return yaml.safe_load(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8", file=str(path)) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            f"invalid YAML: {getattr(exc, 'problem', exc)}",
            file=str(path),
            line=mark.line + 1 if mark else None,
        ) from exc


def _problem(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"{where}: {first['msg']}" if where else str(first["msg"])


def read_registry(path: Path | None = None) -> RegistryFiles:
    """Read and validate the registry files (schema only; see :func:`check_registry`)."""
    root = path or default_path()
    files: list[FileInfo] = []
    sources_file, categories_file, *entity_files = _paths(root)
    raw_sources = _yaml(sources_file, files) or {}
    sources: dict[str, SourceDoc] = {}
    for key, value in raw_sources.items():
        try:
            sources[str(key)] = SourceDoc.model_validate(value)
        except ValidationError as exc:
            raise InputError(
                f"source {key}: {_problem(exc)}", file=str(root / "sources.yaml")
            ) from exc
    raw_categories = _yaml(categories_file, files) or {}
    categories = {str(k): Category.model_validate(v) for k, v in raw_categories.items()}
    entities: list[RegistryEntity] = []
    for entity_path in entity_files:
        try:
            entities.append(RegistryEntity.model_validate(_yaml(entity_path, files)))
        except ValidationError as exc:
            raise InputError(_problem(exc), file=str(entity_path)) from exc
    return RegistryFiles(root, sources, categories, entities, files)


def _names(entry: RegistryEntity) -> list[Name]:
    names: list[Name] = []
    for item in entry.names:
        kind = NameKind(item.kind)
        names.append(Name(item.value, kind, Lang(item.lang), item.source, item.start, item.end))
        if item.lang == "zh-Hant":
            simplified = to_simplified(item.value)
            if simplified != item.value:
                names.append(
                    Name(simplified, kind, Lang.ZH_HANS, item.source, item.start, item.end)
                )
    for brand in entry.brands:
        kind = NameKind.BRAND if brand.confidence != "L" else NameKind.WEAK
        names.append(Name(brand.value, kind, Lang(brand.lang), brand.source))
    return names


def _evidence(
    reg: RegistryFiles, key: str, confidence: str, summary: str, kind: str = "finding"
) -> Evidence:
    doc = reg.sources[key]
    return Evidence(
        key=key,
        publisher=doc.publisher,
        title=doc.title,
        date=doc.date,
        url=doc.url,
        citation=doc.citation,
        summary=summary,
        confidence=Confidence(confidence),
        date_basis=doc.date_basis,
        kind=kind,
        title_is=doc.title_is,
    )


def to_entity(reg: RegistryFiles, entry: RegistryEntity) -> Entity:
    """One registry record as a model entity (its relations come from :func:`load`)."""
    evidence = [_evidence(reg, e.source, e.confidence, e.summary, e.kind) for e in entry.evidence]
    memberships = []
    for listing in entry.listings:
        memberships.append(
            ListMembership(
                list=listing.list,
                program=listing.program,
                listed_on=listing.listed_on,
                delisted_on=listing.delisted_on,
                dataset=DATASET,
                evidence=listing.source,
                confidence=Confidence(listing.confidence),
                end_confidence=Confidence(listing.end_confidence)
                if listing.end_confidence
                else None,
                note=listing.note,
            )
        )
        summary = listing.note or f"Listed on {list_info(listing.list).title}" + (
            f" ({listing.program})" if listing.program else ""
        )
        for key in (listing.source, *(e.source for e in listing.editions)):
            item = _evidence(reg, key, listing.confidence, summary, "listing")
            if item not in evidence:
                evidence.append(item)
        if listing.end_source and listing.delisted_on:
            ended = f"Removed from {list_info(listing.list).short} on {listing.delisted_on}."
            item = _evidence(
                reg,
                listing.end_source,
                listing.end_confidence or listing.confidence,
                ended,
                "listing",
            )
            if item not in evidence:
                evidence.append(item)
    identifiers = [parse_identifier(IdScheme(i.scheme), i.value) for i in entry.identifiers]
    topics: list[str] = []
    for membership in memberships:
        for topic in list_info(membership.list).topics:
            if topic not in topics:
                topics.append(topic)
    return Entity(
        id=entry.id,
        schema=Schema(entry.schema_),
        names=_names(entry),
        identifiers=list(dict.fromkeys(identifiers)),
        countries=list(dict.fromkeys([*entry.countries, *filter(None, [entry.jurisdiction])])),
        memberships=memberships,
        evidence=evidence,
        categories=list(entry.categories),
        topics=topics,
        datasets=[DATASET],
        notes=list(entry.notes),
        jurisdiction=entry.jurisdiction,
    )


def _relations(entry: RegistryEntity) -> list[Relation]:
    return [
        Relation(
            kind=RelationKind(p.kind),
            subject=p.id,
            object=entry.id,
            share=p.share,
            start=bound(p.start, end=False),
            end=bound(p.end, end=True),
            sources=tuple(dict.fromkeys(filter(None, (p.source, p.end_source)))),
            dataset=DATASET,
            note=" ".join(filter(None, (p.note, p.date_note))) or f"confidence {p.confidence}",
        )
        for p in entry.parents
    ]


def _later(a: date | None, b: date | None) -> date | None:
    return max(a, b) if a and b else a or b


def _earlier(a: date | None, b: date | None) -> date | None:
    return min(a, b) if a and b else a or b


def reached(reg: RegistryFiles, entities: dict[str, Entity]) -> None:
    """Give controlled entities the listings that reach them through their parent.

    A listing with ``reach: subsidiaries-and-affiliates`` (FCC Covered List, NDAA Section
    889) extends to each entity the listed party controls or holds shares in, for the period
    both the listing and the control held, at the weaker of the two confidences.
    """
    for entry in reg.entities:
        for parent in entry.parents:
            source = next((e for e in reg.entities if e.id == parent.id), None)
            if source is None or parent.kind == "unit":
                continue
            child = entities[entry.id]
            for listing in source.listings:
                if listing.reach != "subsidiaries-and-affiliates":
                    continue
                start = _later(listing.listed_on, bound(parent.start, end=False))
                end = _earlier(listing.delisted_on, bound(parent.end, end=True))
                if start and end and end < start:
                    continue
                confidence = max(
                    listing.confidence,
                    parent.confidence,
                    listing.reach_confidence or "H",
                    key="HML".index,
                )
                child.memberships.append(
                    ListMembership(
                        list=listing.list,
                        program=listing.program,
                        listed_on=start,
                        delisted_on=end,
                        dataset=DATASET,
                        evidence=listing.source,
                        confidence=Confidence(confidence),
                        via=source.id,
                        note=f"Reaches it as a subsidiary or affiliate of {source.id}.",
                    )
                )


def check_registry(reg: RegistryFiles) -> Findings:
    """Cross-file checks (:func:`countersight.sources.registry_check.check`)."""
    from countersight.sources.registry_check import check

    return check(reg)


def load(path: Path | None = None, dataset: str | None = None) -> LoadedSource:
    """The registry as a :class:`LoadedSource` for the store."""
    reg = read_registry(path)
    problems = check_registry(reg).problems
    if problems:
        raise InputError(
            f"registry check failed: {problems[0]} (and {len(problems) - 1} more)"
            if len(problems) > 1
            else f"registry check failed: {problems[0]}",
            file=str(reg.path),
        )
    result = LoadedSource(
        dataset=dataset or DATASET,
        kind="registry",
        title="Countersight surveillance-vendor registry",
        files=reg.files,
    )
    entities = {entry.id: to_entity(reg, entry) for entry in reg.entities}
    reached(reg, entities)
    result.entities.extend(entities.values())
    for entry in reg.entities:
        result.relations.extend(_relations(entry))
    full = [
        doc.date
        for doc in reg.sources.values()
        if doc.date_basis == "published" and len(doc.date) == 10
    ]
    if full:
        result.publisher_date = date.fromisoformat(max(full))
    return result


__all__ = [
    "DATASET",
    "Identifier",
    "RegistryFiles",
    "check_registry",
    "load",
    "read_registry",
    "to_entity",
]
