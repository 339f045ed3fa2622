"""OFAC's legacy CSV sets: SDN (sdn, add, alt, sdn_comments) and non-SDN (cons_*).

Each file has fixed columns without a header, ``-0-`` for empty values and a final record
holding only the end-of-file byte ``0x1A``. A primary file without that record was cut
short and is refused; a comments file without it loads with a warning (the overflow
remarks it holds are supplementary).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from countersight.exc import InputError
from countersight.files import csv_rows, decode_utf8, read_bytes
from countersight.model import Entity, Lang, Name, NameKind
from countersight.model.source import LoadedSource, file_info
from countersight.normalize.countries import country_code
from countersight.normalize.text import clean_name
from countersight.sources.ofac_common import (
    apply_remarks,
    guess_schema,
    memberships,
    split_programs,
    topics_for,
)
from countersight.sources.ofac_remarks import parse_remarks

EOF_MARK = "\x1a"
NULL = "-0-"


@dataclass(frozen=True, slots=True)
class SetLayout:
    """The file names of one OFAC CSV set."""

    dataset: str
    title: str
    primary: str
    address: str
    alias: str
    comments: str


SDN = SetLayout(
    "us_ofac_sdn", "OFAC SDN list (CSV)", "sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"
)
CONS = SetLayout(
    "us_ofac_cons",
    "OFAC consolidated non-SDN list (CSV)",
    "cons_prim.csv",
    "cons_add.csv",
    "cons_alt.csv",
    "cons_comments.csv",
)
LAYOUTS = (SDN, CONS)
_WIDTHS = {"primary": 12, "address": 6, "alias": 5, "comments": 2}


def layout_of(name: str) -> tuple[SetLayout, str] | None:
    """Which set and role a file name has (case-insensitive), e.g. ``add.csv`` → (SDN, address)."""
    lowered = name.lower()
    for layout in LAYOUTS:
        for role in ("primary", "address", "alias", "comments"):
            if lowered == getattr(layout, role):
                return layout, role
    return None


def _value(cell: str) -> str | None:
    cell = cell.strip()
    return None if cell in ("", NULL) else cell


def _rows(
    path: Path, role: str, *, required_eof: bool, warnings: list[str]
) -> list[tuple[int, list[str]]]:
    text = decode_utf8(read_bytes(path), path)
    width = _WIDTHS[role]
    rows: list[tuple[int, list[str]]] = []
    saw_eof = False
    for line, row in csv_rows(text, path):
        if not row or row == [""]:
            continue
        if row[0].strip() == EOF_MARK:
            saw_eof = True
            break
        if len(row) != width:
            raise InputError(
                f"expected {width} columns, found {len(row)} (is this an OFAC {path.name}?)",
                file=str(path),
                line=line,
            )
        if not row[0].strip().isdigit():
            raise InputError(
                f"entity number {row[0]!r} is not a number",
                file=str(path),
                line=line,
                column="ent_num",
            )
        rows.append((line, row))
    if not saw_eof:
        if required_eof:
            raise InputError(
                "no end-of-file record (0x1A): the file is truncated or not an OFAC CSV",
                file=str(path),
                line=text.count("\n") + 1,
            )
        warnings.append(f"{path.name}: no end-of-file record; it may be truncated")
    return rows


def load_set(files: list[Path], dataset: str | None = None) -> LoadedSource:
    """Load one OFAC CSV set from its files (the primary file is required)."""
    roles: dict[str, Path] = {}
    layout: SetLayout | None = None
    for path in files:
        found = layout_of(path.name)
        if found is None:
            raise InputError("not a file of an OFAC CSV set", file=str(path))
        if layout is not None and found[0] is not layout:
            raise InputError("mixes files of the SDN and non-SDN CSV sets", file=str(path))
        layout = found[0]
        roles[found[1]] = path
    if layout is None or "primary" not in roles:
        names = ", ".join(sorted(p.name for p in files))
        expected = layout.primary if layout else "sdn.csv or cons_prim.csv"
        raise InputError(
            f"OFAC CSV set without its primary file {expected} (only {names}): "
            "address, alias and comments files only supplement it",
            file=str(files[0].parent if files else "."),
        )
    ds = dataset or layout.dataset
    result = LoadedSource(
        dataset=ds,
        kind="ofac-csv",
        title=layout.title,
        files=[file_info(p.name, read_bytes(p)) for p in sorted(roles.values())],
    )
    comments: dict[str, str] = {}
    if "comments" in roles:
        for _line, row in _rows(
            roles["comments"], "comments", required_eof=False, warnings=result.warnings
        ):
            comments[row[0].strip()] = comments.get(row[0].strip(), "") + row[1]
    entities: dict[str, Entity] = {}
    for _line, row in _rows(
        roles["primary"], "primary", required_eof=True, warnings=result.warnings
    ):
        uid = row[0].strip()
        kind = (_value(row[2]) or "").lower()
        if kind in ("individual", "vessel", "aircraft"):
            result.skip(kind)
            continue
        name = clean_name(row[1])
        remarks = parse_remarks((_value(row[11]) or "") + comments.get(uid, ""))
        entity = Entity(
            id=f"ofac-{uid}",
            schema=guess_schema(name, remarks),
            names=[Name(name, NameKind.PRIMARY, Lang.UND)],
            datasets=[ds],
        )
        apply_remarks(entity, remarks)
        entity.memberships = memberships(ds, split_programs(_value(row[3])), uid, remarks)
        entity.topics = topics_for(entity.memberships)
        entities[uid] = entity
    if "alias" in roles:
        for _line, row in _rows(
            roles["alias"], "alias", required_eof=True, warnings=result.warnings
        ):
            holder = entities.get(row[0].strip())
            alias = _value(row[3])
            if holder is None or alias is None:
                continue
            kind = NameKind.FORMER if (_value(row[2]) or "").lower() == "fka" else NameKind.ALIAS
            holder.names.append(Name(clean_name(alias), kind, Lang.UND))
    if "address" in roles:
        for _line, row in _rows(
            roles["address"], "address", required_eof=True, warnings=result.warnings
        ):
            holder = entities.get(row[0].strip())
            if holder is None:
                continue
            parts = [p for p in (_value(row[2]), _value(row[3]), _value(row[4])) if p]
            if parts:
                holder.addresses.append(", ".join(parts))
            code = country_code(_value(row[4]))
            if code and code not in holder.countries:
                holder.countries.append(code)
    result.entities = list(entities.values())
    return result
