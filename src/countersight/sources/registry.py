"""Load Countersight's own surveillance-vendor registry (YAML files in the package).

The registry is the embedded default dataset: the service loads it into the store on first
use and reloads it whenever the files change (their digest is the dataset's sha256).
:func:`read_registry` validates every file; :func:`check_registry` adds the cross-file
checks that ``countersight registry check`` reports.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

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
from countersight.normalize.identifiers import InvalidIdentifier, parse_identifier
from countersight.sources.registry_schema import Category, RegistryEntity, SourceDoc

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


def check_registry(reg: RegistryFiles) -> list[str]:
    """Cross-file problems: unknown sources, parents, categories or lists; duplicate ids;
    invalid identifiers. An empty list means the registry is sound."""
    problems: list[str] = []
    ids = Counter(e.id for e in reg.entities)
    problems += [f"{i}: id used by {n} entities" for i, n in ids.items() if n > 1]
    known = set(ids)
    for entity in reg.entities:
        where = entity.id
        cited = [
            *(e.source for e in entity.evidence),
            *(x.source for x in entity.listings),
            *(p.source for p in entity.parents),
            *(b.source for b in entity.brands),
            *(i.source for i in entity.identifiers),
            *(n.source for n in entity.names if n.source),
        ]
        problems += [f"{where}: cites unknown source {s}" for s in cited if s not in reg.sources]
        problems += [f"{where}: unknown parent {p.id}" for p in entity.parents if p.id not in known]
        problems += [
            f"{where}: unknown category {c}" for c in entity.categories if c not in reg.categories
        ]
        problems += [
            f"{where}: unknown list {x.list}"
            for x in entity.listings
            if list_info(x.list).authority == "unknown"
        ]
        for item in entity.identifiers:
            try:
                parse_identifier(IdScheme(item.scheme), item.value)
            except InvalidIdentifier as exc:
                problems.append(f"{where}: {exc}")
    return problems


def _names(entry: RegistryEntity) -> list[Name]:
    names: list[Name] = []
    for item in entry.names:
        kind = NameKind(item.kind)
        names.append(Name(item.value, kind, Lang(item.lang), item.source))
        if item.lang == "zh-Hant":
            simplified = to_simplified(item.value)
            if simplified != item.value:
                names.append(Name(simplified, kind, Lang.ZH_HANS, item.source))
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
            )
        )
        summary = listing.note or f"Listed on {list_info(listing.list).title}" + (
            f" ({listing.program})" if listing.program else ""
        )
        item = _evidence(reg, listing.source, listing.confidence, summary)
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
        countries=list(entry.countries),
        memberships=memberships,
        evidence=evidence,
        categories=list(entry.categories),
        topics=topics,
        datasets=[DATASET],
        notes=list(entry.notes),
    )


def _relations(entry: RegistryEntity) -> list[Relation]:
    return [
        Relation(
            kind=RelationKind(p.kind),
            subject=p.id,
            object=entry.id,
            share=p.share,
            start=p.start,
            end=p.end,
            sources=(p.source,),
            dataset=DATASET,
            note=p.note or (f"confidence {p.confidence}"),
        )
        for p in entry.parents
    ]


def load(path: Path | None = None, dataset: str | None = None) -> LoadedSource:
    """The registry as a :class:`LoadedSource` for the store."""
    reg = read_registry(path)
    problems = check_registry(reg)
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
    for entry in reg.entities:
        result.entities.append(to_entity(reg, entry))
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
