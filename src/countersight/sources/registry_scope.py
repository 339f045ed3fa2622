"""The registry's scope (``scope.yaml``) and the coverage checks it drives.

``scope.yaml`` says which official lists, programmes and editions the registry covers and
why, and names the in-scope records the research notes give. Two checks read it:

- :func:`scope_problems`: every in-scope record has a registry entity carrying that listing
  with the same dates (run by ``registry check`` on the shipped files alone);
- :func:`countersight.service.registry_coverage.official_coverage`: every in-scope record of
  an official file a user loads (a CSL, an OFAC file, the FCC Covered List table) merges
  with a registry entity.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from countersight.exc import InputError
from countersight.model import Entity, ListMembership, Name, NameKind, Schema
from countersight.sources.registry import RegistryFiles

_FCC_PRODUCER = re.compile(
    r"(?:produced|provided|supplied)(?:, directly or indirectly,)? by (?P<name>.+?)"
    r"(?:,| or any | or by | subject to |\.$|$)"
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScopeEdition(_Strict):
    """An edition or batch of a list: its date, rule and the sources that document it."""

    date: dt.date | None = None
    title: str | None = None
    citation: str | None = None
    sources: list[str] = Field(min_length=1)
    note: str | None = None


class ScopeRecord(_Strict):
    """An in-scope record as the list (or the research notes) names it."""

    name: str
    entity: str
    date: dt.date | None = None
    end: dt.date | None = None


class ScopeList(_Strict):
    why: str
    editions: list[ScopeEdition] = Field(default=[], alias="batches")
    citation_note: str | None = None
    families: list[str] = []
    records: list[ScopeRecord] = []
    not_covered: list[str] = []

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Scope(_Strict):
    lists: dict[str, ScopeList]


def read_scope(root: Path) -> Scope:
    """``scope.yaml`` beside the registry files, validated."""
    path = root / "scope.yaml"
    try:
        return Scope.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"cannot read the scope file: {exc}", file=str(path)) from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(f"{where}: {first['msg']}", file=str(path)) from exc


def scope_problems(reg: RegistryFiles, scope: Scope) -> list[str]:
    """In-scope records the registry does not carry, with the listing and dates given."""
    entries = {e.id: e for e in reg.entities}
    problems = []
    for list_id, spec in scope.lists.items():
        for edition in spec.editions:
            problems += [
                f"scope {list_id}: unknown source {key}"
                for key in edition.sources
                if key not in reg.sources
            ]
        for record in spec.records:
            entry = entries.get(record.entity)
            if entry is None:
                problems.append(f"scope {list_id}: {record.name!r} has no registry entity")
                continue
            listed = [
                x
                for x in entry.listings
                if x.list == list_id
                and (record.date is None or x.listed_on == record.date)
                and x.delisted_on == record.end
            ]
            if not listed:
                dates = f" from {record.date}" if record.date else ""
                dates += f" to {record.end}" if record.end else ""
                problems.append(
                    f"scope {list_id}: {record.name!r} ({record.entity}) lacks the listing{dates}"
                )
    return problems


def read_fcc_table(path: Path) -> list[Entity]:
    """The FCC Covered List table (``covered_equipment_or_services``,
    ``date_of_inclusion_on_covered_list``) as one record per named producer."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the FCC Covered List table: {exc}", file=str(path)) from exc
    out = []
    for line, row in enumerate(rows, start=2):
        text = (row.get("covered_equipment_or_services") or "").strip()
        when = (row.get("date_of_inclusion_on_covered_list") or "").strip()
        if not text or not when:
            raise InputError("missing covered equipment or date", file=str(path), line=line)
        found = _FCC_PRODUCER.search(text)
        if found is None:
            continue  # a class of equipment, not a producer
        try:
            listed = dt.datetime.strptime(when.split(";")[0].strip(), "%B %d, %Y").date()
        except ValueError as exc:
            raise InputError(
                f"date {when!r} is not 'Month D, YYYY'", file=str(path), line=line
            ) from exc
        out.append(
            Entity(
                id=f"fcc-{line}",
                schema=Schema.COMPANY,
                names=[Name(found["name"].strip(), NameKind.PRIMARY)],
                memberships=[ListMembership("us_fcc_covered", listed_on=listed, dataset="fcc")],
                datasets=["fcc_covered_list"],
            )
        )
    return out


def is_fcc_table(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8") as handle:
            return handle.readline().startswith("covered_equipment_or_services,")
    except (OSError, UnicodeDecodeError):
        return False


__all__ = [
    "Scope",
    "ScopeEdition",
    "ScopeList",
    "is_fcc_table",
    "read_fcc_table",
    "read_scope",
    "scope_problems",
]
