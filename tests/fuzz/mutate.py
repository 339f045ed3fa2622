"""Seeded mutations of real files: byte flips, cuts, insertions, duplicated spans, and for
XLSX workbooks the same applied to one zip part (or a part dropped, or a far-away cell)."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable

# What hostile or broken files contain: quotes, NUL, line breaks, separators, a BOM,
# OFAC's end-of-file byte, markup, undecodable bytes, and huge cells.
TOKENS = [
    b'"',
    b'""',
    b'"\n',
    b"\x00",
    b"\r",
    b"\n",
    b"\r\n\r\n",
    b",",
    b"\t",
    b";",
    b"\xef\xbb\xbf",
    b"\x1a",
    b"<",
    b"</",
    b"&",
    b"&#0;",
    b"]]>",
    b"\xff\xfe",
    b"\xed\xa0\x80",  # a UTF-8-encoded lone surrogate
    b"\xe6\xb5\xb7\xe5\xba\xb7",  # 海康
    b"=HYPERLINK(1)",
    b"-0- ",
    b"1e308",
    b"NaN",
    b"-1",
]
HUGE = [10_000, 60_000, 200_000]

Mutator = Callable[[random.Random, bytes], tuple[str, bytes]]


def flip(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    out = bytearray(data)
    count = rng.randint(1, 8)
    for _ in range(count):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return f"flip {count} bit(s)", bytes(out)


def truncate(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    at = rng.randrange(len(data) + 1)
    return f"cut at byte {at}", data[:at]


def insert(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    at = rng.randrange(len(data) + 1)
    token = rng.choice(TOKENS)
    return f"insert {token!r} at {at}", data[:at] + token + data[at:]


def huge_cell(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    """A long run of words, of one unbroken pinyin-like word, or of Chinese characters."""
    at = rng.randrange(len(data) + 1)
    size = rng.choice(HUGE)
    kind = rng.choice(["words", "pinyin", "hanzi"])
    if kind == "words":
        unit = bytes(rng.choice(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ ") for _ in range(64))
    elif kind == "pinyin":
        unit = b"haikangweishizhongguo"
    else:
        unit = "海康威视数字技术".encode()
    cell = unit * (size // len(unit))
    return f"insert a {size}-byte run of {kind} at {at}", data[:at] + cell + data[at:]


def delete(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    at = rng.randrange(len(data) + 1)
    span = rng.randint(1, 200)
    return f"delete {span} bytes at {at}", data[:at] + data[at + span :]


def duplicate(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    lines = data.splitlines(keepends=True)
    if len(lines) < 2:
        return insert(rng, data)
    start = rng.randrange(len(lines))
    span = rng.randint(1, 40)
    return (
        f"repeat lines {start + 1}-{start + span}",
        b"".join(lines[: start + span] + lines[start : start + span] + lines[start + span :]),
    )


def swap_lines(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    lines = data.splitlines(keepends=True)
    if len(lines) < 2:
        return flip(rng, data)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return f"swap lines {a + 1} and {b + 1}", b"".join(lines)


MUTATORS: list[Mutator] = [flip, truncate, insert, insert, huge_cell, delete, duplicate, swap_lines]


def mutate(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    """One to three mutations; returns their description and the bytes."""
    labels = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        label, data = rng.choice(MUTATORS)(rng, data)
        labels.append(label)
    return "; ".join(labels), data


def mutate_xlsx(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    """Mutate one part of a workbook, drop a part, or put one cell in column XFD."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    names = sorted(parts)
    action = rng.random()
    if action < 0.1:
        dropped = rng.choice(names)
        del parts[dropped]
        label = f"drop {dropped}"
    elif action < 0.15:
        sheet = "xl/worksheets/sheet1.xml"
        parts[sheet] = parts[sheet].replace(
            b"</sheetData>",
            b'<row r="5000"><c r="XFD5000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
        )
        label = "one cell at XFD5000"
    else:
        target = rng.choice(names)
        what, parts[target] = mutate(rng, parts[target])
        label = f"{target}: {what}"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for name, body in parts.items():
            book.writestr(name, body)
    raw = out.getvalue()
    if rng.random() < 0.1:  # now and then, damage the container itself
        what, raw = mutate(rng, raw)
        label += f"; zip bytes: {what}"
    return label, raw
