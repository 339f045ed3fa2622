"""What a list loader produces: the loaded records and the identity of the files read.

Loaders never touch the store. They read files into a :class:`LoadedSource`; the service
layer writes that to the store in one transaction, so a file that fails half-way changes
nothing.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from countersight.model.entity import Entity
from countersight.model.relation import Relation


@dataclass(frozen=True, slots=True)
class FileInfo:
    """One input file's identity, kept as provenance."""

    name: str
    sha256: str
    size: int


@dataclass(slots=True)
class LoadedSource:
    """Everything read from one list file or file set, ready to replace its dataset."""

    dataset: str
    kind: str
    title: str
    files: list[FileInfo]
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    publisher_date: date | None = None
    skipped: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        """One digest for the whole file set (sorted by name)."""
        digest = hashlib.sha256()
        for info in sorted(self.files, key=lambda f: f.name):
            digest.update(f"{info.name}:{info.sha256};".encode())
        return digest.hexdigest()

    def skip(self, reason: str) -> None:
        self.skipped[reason] += 1


def file_info(name: str, data: bytes) -> FileInfo:
    """The identity of a file read as ``data``: its name, sha256 and size."""
    return FileInfo(name=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
