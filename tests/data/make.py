"""Regenerate the trimmed excerpts in ``tests/data`` from the full files in ``../shared/data``.

Run ``python tests/data/make.py [SOURCE]`` (``SOURCE`` defaults to ``../shared/data``). Every
excerpt keeps its publisher's bytes: whole records are chosen and written back exactly as they
appear in the source (line endings, quoting, encodings, BOMs, OFAC's ``0x1A`` end-of-file
record). Only where a file states its own record count is that one number changed, so the
excerpt stays self-consistent. ``MANIFEST.md`` says which records each excerpt keeps and why.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
EOF = b"\x1a"

# Whole small files, copied byte for byte.
COPIED = [
    "ofac-sdn-csv-2021-07/sdn_comments.csv",
    "us-csl/consolidated-2025-sample.csv",
    "us-csl/csl-2019-sample.csv",
    "us-csl-source-fixtures-ita/dpl_dpl.txt",
    "us-csl-source-fixtures-ita/dtc_itar_debarred_parties.csv",
    "us-csl-source-fixtures-ita/el_el.csv",
    "us-csl-source-fixtures-ita/isn_isn.csv",
    "us-csl-source-fixtures-ita/sdn_sdn.xml",
    "us-csl-source-fixtures-ita/treasury_consolidated_consolidated.xml",
    "us-csl-source-fixtures-ita/uvl_uvl.csv",
    "gleif/20180901-gleif-concatenated-file-lei2-Top10.xml",
    "sec-nport/NPORT-P_DupreeMutualFunds_2022-12-31.xml",
    "sec-nport/SEC_NPORT_technical_sample_1.xml",
]


def records(data: bytes, newline: bytes) -> tuple[list[bytes], bytes]:
    """Split delimited text into whole records (a quoted field may hold a line break).

    Returns the records, each with its line ending, and whatever trails the last one
    (OFAC's ``0x1A`` record, or nothing)."""
    out: list[bytes] = []
    pending = b""
    pieces = data.split(newline)
    tail = pieces.pop()  # after the last line ending: b"" or the EOF record
    for piece in pieces:
        pending += piece + newline
        if pending.count(b'"') % 2 == 0:
            out.append(pending)
            pending = b""
    if pending:
        out.append(pending)
    return out, tail


def first_field(record: bytes) -> bytes:
    return record.split(b",", 1)[0].strip()


def ofac_set(source: Path, target: Path, primary: str, keep: Callable[[int, bytes], bool]) -> None:
    """An OFAC CSV set: the primary file's chosen records and the siblings' rows for them."""
    target.mkdir(parents=True, exist_ok=True)
    rows, tail = records((source / primary).read_bytes(), b"\r\n")
    kept = [r for i, r in enumerate(rows) if keep(i, r)]
    (target / primary).write_bytes(b"".join(kept) + tail)
    ids = {first_field(r) for r in kept}
    for sibling in sorted(source.iterdir()):
        if sibling.name == primary or (target / sibling.name).exists():
            continue
        rows, tail = records(sibling.read_bytes(), b"\r\n")
        chosen = [r for r in rows if first_field(r) in ids]
        (target / sibling.name).write_bytes(b"".join(chosen) + tail)


def head_records(source: Path, target: Path, count: int) -> None:
    """The first ``count`` records of an OFAC CSV, with its end-of-file record."""
    rows, tail = records(source.read_bytes(), b"\r\n")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"".join(rows[:count]) + tail)


def xml_elements(data: bytes, tag: bytes, keep: Callable[[int, bytes], bool]) -> bytes:
    """Keep the ``<tag>`` elements ``keep`` chooses, with the indentation before each."""
    pattern = re.compile(rb"[ \t]*<" + tag + rb">.*?</" + tag + rb">\r?\n", re.S)
    index = 0

    def choose(found: re.Match[bytes]) -> bytes:
        nonlocal index
        chosen = keep(index, found.group(0))
        index += 1
        return found.group(0) if chosen else b""

    return pattern.sub(choose, data)


def ofac_xml(source: Path, target: Path) -> None:
    """The 2018 consolidated XML: its first 25 entries (over 20 KB, every type), then every
    tenth entity and the first five vessels."""
    data = source.read_bytes()

    vessels = 0

    def keep(i: int, entry: bytes) -> bool:
        nonlocal vessels
        kind = re.search(rb"<sdnType>([^<]*)<", entry)
        kind_name = kind.group(1) if kind else b""
        if kind_name == b"Vessel":
            vessels += 1
            return vessels <= 5
        return i < 25 or (kind_name == b"Entity" and i % 10 == 0)

    trimmed = xml_elements(data, b"sdnEntry", keep)
    count = trimmed.count(b"<sdnEntry>")
    trimmed = re.sub(
        rb"<Record_Count>\d+</Record_Count>", b"<Record_Count>%d</Record_Count>" % count, trimmed
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(trimmed)


def un_xml(source: Path, target: Path) -> None:
    """The UN list: its first 15 people and 25 entities, and ADF (CDe.001)."""
    data = source.read_bytes()
    data = xml_elements(data, b"INDIVIDUAL", lambda i, _e: i < 15)
    data = xml_elements(data, b"ENTITY", lambda i, e: i < 25 or b"<REFERENCE_NUMBER>CDe.001<" in e)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def gleif_json(source: Path, target: Path, count: int) -> None:
    """The golden-copy JSON: its first ``count`` records and its first ``count // 2`` sole
    proprietors, each written back as it was."""
    lines = source.read_bytes().split(b"\n")
    assert lines[0] == b'{"records":['
    chunks: list[list[bytes]] = []
    for line in lines[1:]:
        if line == b"{":
            chunks.append([])
        chunks[-1].append(line)
    people = [i for i, c in enumerate(chunks) if b'"$": "SOLE_PROPRIETOR"' in b"".join(c)]
    chosen = set(range(count)) | set(people[: count // 2])
    kept = [c for i, c in enumerate(chunks) if i in chosen]
    kept[-1][-1] = b"}]}"
    for chunk in kept[:-1]:
        chunk[-1] = b"},"
    body = b"\n".join(b"\n".join(c) for c in kept)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(lines[0] + b"\n" + body)


def csl_2023(source: Path, target: Path, per_source: int) -> None:
    """The 2023-11 CSL: both header lines, the first rows of every source list, and the
    cut-off last record (``consolidated.csv``); the same without it (``-complete-records``)."""
    rows, tail = records((source / "consolidated.csv").read_bytes(), b"\n")
    head, body = rows[:2], rows[2:]
    seen: dict[bytes, int] = {}
    kept: list[bytes] = []
    for row in body[:-1]:
        key = row.split(b'","', 2)[1] if b'","' in row else b""
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= per_source:
            kept.append(row)
    target.mkdir(parents=True, exist_ok=True)
    (target / "consolidated-complete-records.csv").write_bytes(b"".join(head + kept))
    (target / "consolidated.csv").write_bytes(b"".join(head + kept + body[-1:]) + tail)


def dpl(source: Path, target: Path, keep_names: Iterable[bytes], count: int) -> None:
    """A Denied Persons List: the header, the first ``count`` rows and the named parties'."""
    rows, tail = records(source.read_bytes(), b"\n")
    wanted = tuple(b'"' + n for n in keep_names)
    kept = [r for i, r in enumerate(rows) if i <= count or r.startswith(wanted)]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"".join(kept) + tail)


NONSDN_IDS = {b"30946", b"30936", b"33113", b"33114", b"30923", b"33091", b"33112"}
DPL_NAMES = [b"DAHUA ELECTRONICS CORPORATION", b"MAHAN AIRWAYS", b"DAQING ZHOU", b"FUYI SUN"]


def build(source: Path, out: Path) -> None:
    for rel in COPIED:
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / rel, out / rel)
    ofac_set(
        source / "ofac-sdn-csv-2024-05",
        out / "ofac-sdn-csv-2024-05",
        "sdn.csv",
        # 10391: the IRGC; and five aircraft, the first 240 records having none.
        lambda i, r: i < 240 or first_field(r) == b"10391" or (2600 <= i < 2605),
    )
    comment_ids = {first_field(r) for r in records((source / COPIED[0]).read_bytes(), b"\r\n")[0]}
    ofac_set(
        source / "ofac-sdn-csv-2021-07",
        out / "ofac-sdn-csv-2021-07",
        "sdn.csv",
        # The first 83 records (three vessels), the commented ones and three aircraft.
        lambda i, r: i < 83 or first_field(r) in comment_ids or 3286 <= i < 3289,
    )
    ofac_set(
        source / "ofac-consolidated-nonsdn-2025-12",
        out / "ofac-consolidated-nonsdn-2025-12",
        "cons_prim.csv",
        lambda i, r: i < 30 or i % 8 == 0 or b"CMIC-EO13959" in r or first_field(r) in NONSDN_IDS,
    )
    partial = source / "ofac-sdn-csv-2025-12-partial"
    for name in ("add.csv", "alt.csv", "sdn_comments.csv"):
        head_records(partial / name, out / "ofac-sdn-csv-2025-12-partial" / name, 20)
    ofac_xml(
        source / "ofac-consolidated-xml-2018/consolidated.xml",
        out / "ofac-consolidated-xml-2018/consolidated.xml",
    )
    un_xml(
        source / "un-consolidated/UN_consolidated.xml", out / "un-consolidated/UN_consolidated.xml"
    )
    gleif_json(
        source / "gleif/20240505-0000-gleif-goldencopy-lei2-intra-day.json",
        out / "gleif/20240505-0000-gleif-goldencopy-lei2-intra-day.json",
        20,
    )
    csl_2023(source / "us-csl-2023-11", out / "us-csl-2023-11", 6)
    for name in ("dpl-2019.txt", "dpl-2022.txt"):
        dpl(source / "bis-dpl" / name, out / "bis-dpl" / name, DPL_NAMES, 120)


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else HERE.parents[1].parent / "shared" / "data"
    if not source.is_dir():
        print(f"make.py: no data folder at {source}", file=sys.stderr)
        return 2
    build(source.resolve(), HERE)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
