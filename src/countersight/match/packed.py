"""The indexed entities packed into one byte array, decoded one at a time when scored.

A million entities held as Python objects cost about 1.7 GB and, worse, every read of one
writes its reference counts: forked batch workers then copy each page they touch (about
690,000 copy-on-write faults for 100,000 queries). Packed, the entities are two numpy
arrays (the records, and where each ends) that forked workers read without writing, and
that pickle as two buffers into the index cache.

A record is the entity as nested tuples of strings, numbers and frozensets, written with
:mod:`marshal` (C, no class lookups); :func:`unpack` rebuilds the same
:class:`~countersight.match.index.IndexedEntity` the scorer always had, equal field for
field to the one packed. Small indexes (the registry and the lists, which screening uses)
keep what they decoded, so a name read once is not decoded again.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from typing import overload

import numpy as np
import numpy.typing as npt

from countersight.model import Identifier, IdScheme, NameKind
from countersight.normalize.names import NameForm


@dataclass(slots=True)
class IndexedName:
    value: str
    form: NameForm
    kind: NameKind
    source: str | None = None
    note: str | None = None  # when a former name was used, as the source dates it


@dataclass(slots=True)
class IndexedEntity:
    """What the scorer needs of an entity, precomputed."""

    id: str
    names: list[IndexedName]
    identifiers: list[Identifier]
    countries: list[str]
    has_han: bool
    registry: bool = False  # recorded in Countersight's own registry
    group_han: list[IndexedName] = field(default_factory=list)
    """Han names of its group, for the character check only (``note``: the group's id)."""


_FORM_FIELDS = tuple(f.name for f in fields(NameForm))

_MARSHAL_VERSION = 2  # no back-references: decodes in a third of the time of 4, 1.5× the bytes

KEEP_DECODED_UP_TO = 200_000
"""Indexes up to this size keep the entities they decode; larger ones decode per use."""


def _form_fields(form: NameForm) -> tuple[str | bool | tuple[str, ...] | frozenset[str], ...]:
    return tuple(getattr(form, name) for name in _FORM_FIELDS)


def pack(entity: IndexedEntity) -> bytes:
    """One entity as a record (see :func:`unpack`)."""
    names = tuple(
        (n.value, _form_fields(n.form), n.kind.value, n.source, n.note) for n in entity.names
    )
    identifiers = tuple((i.scheme.value, i.value) for i in entity.identifiers)
    record = (
        entity.id,
        names,
        identifiers,
        tuple(entity.countries),
        entity.has_han,
        entity.registry,
        tuple((n.value, _form_fields(n.form), n.note) for n in entity.group_han),
    )
    return marshal.dumps(record, _MARSHAL_VERSION)


def unpack(record: bytes | memoryview) -> IndexedEntity:
    """The entity a record was packed from."""
    entity_id, names, identifiers, countries, has_han, registry, group = marshal.loads(record)
    return IndexedEntity(
        id=entity_id,
        names=[
            IndexedName(value, NameForm(*form), NameKind(kind), source, note)
            for value, form, kind, source, note in names
        ],
        identifiers=[Identifier(IdScheme(scheme), value) for scheme, value in identifiers],
        countries=list(countries),
        has_han=has_han,
        registry=registry,
        group_han=[
            IndexedName(value, NameForm(*form), NameKind.ALIAS, None, note)
            for value, form, note in group
        ],
    )


def _empty_u8() -> npt.NDArray[np.uint8]:
    return np.zeros(0, dtype=np.uint8)


class PackedEntities(Sequence[IndexedEntity]):
    """The index's entities: ``data`` holds the records back to back, ``ends[i]`` is where
    record ``i`` ends. Reads never write to the arrays (fork-safe, copy-free)."""

    def __init__(
        self,
        data: npt.NDArray[np.uint8] | None = None,
        ends: npt.NDArray[np.int64] | None = None,
    ) -> None:
        self.data = _empty_u8() if data is None else data
        self.ends = np.zeros(0, dtype=np.int64) if ends is None else ends
        self._decoded: dict[int, IndexedEntity] | None = (
            {} if len(self.ends) <= KEEP_DECODED_UP_TO else None
        )

    @classmethod
    def join(cls, parts: Iterable[tuple[bytes, bytes]]) -> PackedEntities:
        """Parts as :func:`pack_all` makes them, in order."""
        blobs: list[npt.NDArray[np.uint8]] = []
        ends: list[npt.NDArray[np.int64]] = []
        offset = 0
        for data, part_ends in parts:
            blob = np.frombuffer(data, dtype=np.uint8)
            blobs.append(blob)
            ends.append(np.frombuffer(part_ends, dtype=np.int64) + np.int64(offset))
            offset += len(blob)
        if not blobs:
            return cls()
        return cls(np.concatenate(blobs), np.concatenate(ends))

    def __reduce__(
        self,
    ) -> tuple[type[PackedEntities], tuple[npt.NDArray[np.uint8], npt.NDArray[np.int64]]]:
        """Pickled as its two arrays (the decoded cache is rebuilt as entities are read)."""
        return PackedEntities, (self.data, self.ends)

    def __len__(self) -> int:
        return len(self.ends)

    @overload
    def __getitem__(self, item: int) -> IndexedEntity: ...

    @overload
    def __getitem__(self, item: slice) -> list[IndexedEntity]: ...

    def __getitem__(self, item: int | slice) -> IndexedEntity | list[IndexedEntity]:
        if isinstance(item, slice):
            return [self[i] for i in range(*item.indices(len(self)))]
        if item < 0:
            item += len(self)
        decoded = self._decoded
        if decoded is not None:
            found = decoded.get(item)
            if found is not None:
                return found
        entity = unpack(self._record(item))
        if decoded is not None:
            decoded[item] = entity
        return entity

    def _record(self, number: int) -> memoryview:
        stop = int(self.ends[number])  # IndexError past the end
        start = int(self.ends[number - 1]) if number else 0
        return self.data[start:stop].data

    def __iter__(self) -> Iterator[IndexedEntity]:
        return (self[i] for i in range(len(self)))

    def ids(self) -> Iterator[str]:
        """Every entity's id, in order (decodes each record; for occasional use)."""
        for i in range(len(self)):
            yield marshal.loads(self._record(i))[0]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PackedEntities):
            return NotImplemented
        if len(self) != len(other):
            return False
        if np.array_equal(self.ends, other.ends) and np.array_equal(self.data, other.data):
            return True
        return list(self) == list(other)  # a set's elements may be written in another order

    __hash__ = None  # type: ignore[assignment]


def pack_all(entities: Iterable[IndexedEntity]) -> tuple[bytes, bytes]:
    """Records and their end offsets (int64, local to this part) as bytes."""
    records = [pack(e) for e in entities]
    ends = np.cumsum(np.fromiter(map(len, records), dtype=np.int64, count=len(records)))
    return b"".join(records), ends.astype(np.int64).tobytes()
