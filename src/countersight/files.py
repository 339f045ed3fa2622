"""Reading files precisely: bytes, strict UTF-8, CSV rows and XML, with errors that name
the file and the line.

Shared by the official-list loaders (:mod:`countersight.sources`) and the readers of what
users bring (:mod:`countersight.inputs`).
"""

from __future__ import annotations

import csv
import io
import stat
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from countersight.exc import InputError


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file; a device, FIFO or folder (``/dev/zero``) is refused, and
    so is a file larger than ``limit`` bytes, before anything is read."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError("not a regular file (a device, pipe or folder)", file=str(path))
        if limit is not None and info.st_size > limit:
            raise InputError(
                f"the file is {info.st_size / 2**20:,.0f} MiB; the limit is "
                f"{limit / 2**20:,.0f} MiB",
                file=str(path),
            )
        with path.open("rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", file=str(path)) from exc
    if limit is not None and len(data) > limit:
        raise InputError(f"the file grew past the {limit / 2**20:,.0f} MiB limit", file=str(path))
    return data


def decode_utf8(data: bytes, path: Path) -> str:
    """Decode strictly as UTF-8 (a BOM is allowed); an undecodable byte is an error that
    names its line, never silently replaced."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start]
        raise InputError(
            f"byte 0x{byte:02x} at offset {exc.start} is not valid UTF-8 "
            "(is the file in another encoding?)",
            file=str(path),
            line=line,
        ) from exc


def csv_rows(text: str, path: Path, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line_number, row)``; a CSV syntax error names its line."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", file=str(path), line=reader.line_num) from exc


def parse_xml(data: bytes, path: Path) -> ET.Element:
    """Parse XML; a syntax error or a file that breaks off names the line."""
    parser = ET.XMLParser()
    stripped = data.lstrip(b"\xef\xbb\xbf").lstrip()
    # EDGAR filings sometimes start with a blank line before the XML declaration.
    offset_lines = data[: len(data) - len(stripped)].count(b"\n")
    try:
        parser.feed(stripped)
        return parser.close()
    except ET.ParseError as exc:
        line, column = exc.position
        line += offset_lines
        problem = "XML ends before its root element is closed (truncated file?)"
        if "no element found" not in str(exc) and "unclosed token" not in str(exc):
            problem = f"malformed XML: {exc.msg if hasattr(exc, 'msg') else exc}"
        raise InputError(f"{problem} at column {column}", file=str(path), line=line) from exc


def parse_date(value: str | None, formats: tuple[str, ...]) -> date | None:
    """First format that parses ``value``; ``None`` for empty values."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    for fmt in formats:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def local(tag: str) -> str:
    """An XML tag without its namespace."""
    return tag.rsplit("}", 1)[-1]


def child_text(element: ET.Element, name: str) -> str | None:
    """Text of the first child whose local name is ``name`` (namespace-agnostic)."""
    for child in element:
        if local(child.tag) == name:
            text = (child.text or "").strip()
            return text or None
    return None


def children(element: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in element if local(c.tag) == name]


def find_path(element: ET.Element, *names: str) -> ET.Element | None:
    """Follow a path of local names down the tree."""
    current: ET.Element | None = element
    for name in names:
        if current is None:
            return None
        nxt = None
        for child in current:
            if local(child.tag) == name:
                nxt = child
                break
        current = nxt
    return current


def reads_as_latin(text: str) -> bool:
    non_ascii = [c for c in text if ord(c) > 127]
    return all(c.isalpha() or c in "€£¥©®°±²³µ·¹º¼½¾×÷–—‘’“”•…‰" or c == "\xa0" for c in non_ascii)
