"""The catalogue of official lists (``catalogue.yaml``) and the checks a fetched file passes.

The catalogue names, per list, its publisher, the official download URL of each file, the
format, how to tell a download is complete and the dataset it replaces. The checks here
look at the raw files only; the record-count floor is applied after parsing.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from countersight.exc import ConfigError, InputError
from countersight.files import local


class Check(StrEnum):
    """How a downloaded file shows it is complete."""

    OFAC_EOF = "ofac-eof"
    XML = "xml"
    CSV = "csv"
    NONE = "none"


class CatalogueFile(BaseModel):
    """One file of a list: saved under ``name``, fetched from ``url``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    url: str
    check: Check
    root: str | None = None


class CatalogueEntry(BaseModel):
    """One official publication."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    dataset: str
    title: str
    publisher: str
    format: str
    min_records: int = Field(ge=1)
    files: tuple[CatalogueFile, ...]
    default: bool = True

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: str) -> str:
        from countersight.sources import FORMATS

        if value not in FORMATS:
            raise ValueError(f"unknown format {value!r}")
        return value


class Catalogue(BaseModel):
    """Every list ``countersight update`` knows."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    lists: tuple[CatalogueEntry, ...]

    def select(self, names: list[str]) -> list[CatalogueEntry]:
        """Entries by entry name or dataset name; none given means every default entry.

        A dataset name picks its default entry (``us_ofac_sdn`` is the CSV set; the XML is
        ``us_ofac_sdn_xml``).
        """
        if not names:
            return [e for e in self.lists if e.default]
        chosen: list[CatalogueEntry] = []
        for name in names:
            found = next((e for e in self.lists if e.name == name), None)
            found = found or next((e for e in self.lists if e.dataset == name and e.default), None)
            if found is None:
                known = ", ".join(e.name for e in self.lists)
                raise InputError(f"no list {name!r} in the catalogue; known lists: {known}")
            if found in chosen:
                continue
            if any(c.dataset == found.dataset for c in chosen):
                raise InputError(f"{name!r} and another given list both replace {found.dataset!r}")
            chosen.append(found)
        return chosen


@cache
def packaged() -> Catalogue:
    """The catalogue shipped with the package."""
    text = resources.files("countersight.sources").joinpath("catalogue.yaml").read_text("utf-8")
    return Catalogue.model_validate(yaml.safe_load(text))


def mirrored(url: str, mirror: str) -> str:
    """``url`` fetched through a mirror: ``{mirror}/{publisher host}{path}?{query}``.

    An empty ``mirror`` leaves the official URL.
    """
    if not mirror:
        return url
    parts = urlsplit(url)
    if not urlsplit(mirror).scheme:
        raise ConfigError(f"COUNTERSIGHT_LIST_MIRROR={mirror!r} is not an http(s) URL")
    query = f"?{parts.query}" if parts.query else ""
    return f"{mirror.rstrip('/')}/{parts.netloc}{parts.path}{query}"


def check_file(path: Path, spec: CatalogueFile) -> None:
    """Refuse a file that is not complete by its ``check`` (see :class:`Check`)."""
    if spec.check == Check.NONE:
        return
    size = path.stat().st_size
    if size == 0:
        raise InputError("the download is empty", file=str(path))
    if spec.check == Check.OFAC_EOF:
        _check_ofac_eof(path, size)
    elif spec.check == Check.CSV:
        _check_csv_end(path)
    else:
        _check_xml(path, spec.root)


def _tail(path: Path, size: int, count: int = 64) -> bytes:
    with path.open("rb") as handle:
        handle.seek(max(0, size - count))
        return handle.read()


def _check_ofac_eof(path: Path, size: int) -> None:
    if not _tail(path, size).rstrip(b"\r\n ").endswith(b"\x1a"):
        raise InputError(
            "no OFAC end-of-file record (0x1A) at the end: the download is incomplete",
            file=str(path),
        )


def _check_csv_end(path: Path) -> None:
    """Every record, the last one included, has as many fields as the header (a body cut
    off mid-record leaves an open quote or a short last row)."""
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader, [])
            last: list[str] = header
            for row in reader:
                if row:
                    last = row
        except csv.Error as exc:
            raise InputError(
                f"malformed CSV ({exc}): the download is cut off", file=str(path)
            ) from exc
    if len(last) != len(header):
        raise InputError(
            f"the last record has {len(last)} fields, the header {len(header)}: "
            "the download is cut off",
            file=str(path),
            line=reader.line_num,
        )


def _check_xml(path: Path, root: str | None) -> None:
    """Well-formed to the end, and the expected root element (read incrementally)."""
    first: str | None = None
    try:
        for _event, element in ET.iterparse(path, events=("start",)):
            first = local(element.tag)
            break
        if root is not None and first != root:
            raise InputError(
                f"root element is <{first}>, expected <{root}>: not this list", file=str(path)
            )
        for _event, element in ET.iterparse(path, events=("end",)):
            element.clear()
    except ET.ParseError as exc:
        line, _column = exc.position
        raise InputError(
            f"not well-formed XML ({str(exc).split(':')[0]}): the download is incomplete "
            "or not this list",
            file=str(path),
            line=line,
        ) from exc
