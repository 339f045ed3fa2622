"""Find the columns of a holdings or supplier file, and the header row among preamble rows.

Column names are compared after lower-casing and dropping everything but letters, digits
and Han characters ("% of NAV" → ``ofnav``). ``--map field=Column`` overrides detection.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from countersight.exc import InputError, mention
from countersight.inputs.aliases import ALIASES as _ALIASES
from countersight.inputs.aliases import FIELDS
from countersight.inputs.aliases import OTHER as _OTHER
from countersight.inputs.aliases import PREFIXES as _PREFIXES

_NORMALIZE = re.compile(r"[^0-9a-z\u3040-\u30ff\u3400-\u9fff]+")


def normalize_header(text: str) -> str:
    """Lower case, accents dropped, only letters, digits, kana and Han kept."""
    plain = unicodedata.normalize("NFKD", text[:200].casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return _NORMALIZE.sub("", unicodedata.normalize("NFC", plain))


_KEYS = {normalize_header(a): f for f, aliases in _ALIASES.items() for a in aliases}


def _distance(a: str, b: str, bound: int) -> int:
    """Edit distance with adjacent transpositions (a swap costs 1), cut off past ``bound``.
    Lengths may differ by one letter at most: ``supplierid`` is another column, not a
    misspelt ``supplier``. Only the band of cells within ``bound`` of the diagonal is
    computed: the others are past the bound anyway."""
    if abs(len(a) - len(b)) > 1:
        return bound + 1
    over = bound + 1
    previous2: list[int] = []
    previous = [j if j <= bound else over for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        current = [i if i <= bound else over] + [over] * len(b)
        for j in range(max(1, i - bound), min(len(b), i + bound) + 1):
            cb = b[j - 1]
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = min(value, over)
        if min(current) > bound and min(previous) > bound:
            return over  # no later row can come back under the bound
        previous2, previous = previous, current
    return previous[-1]


_BY_LENGTH: dict[int, list[tuple[str, str, frozenset[str]]]] = {}
for _alias, _field in _KEYS.items():
    if len(_alias) >= 5:
        _BY_LENGTH.setdefault(len(_alias), []).append((_alias, _field, frozenset(_alias)))


@lru_cache(maxsize=16_384)
def _typo_of(key: str) -> str | None:
    """The field of the one known header ``key`` is a slip away from ("securtynmae").
    Cached: the header search reads the same cells ("Example County Council") row after row."""
    if len(key) < 5 or not key.isascii():
        return None
    bound = 1 if len(key) < 8 else 2
    letters = frozenset(key)
    # An edit changes the set of letters by at most two: a cheap test before the distance.
    near = {
        field
        for size in (len(key) - 1, len(key), len(key) + 1)
        for alias, field, alias_letters in _BY_LENGTH.get(size, ())
        if len(letters ^ alias_letters) <= 2 * bound and _distance(key, alias, bound) <= bound
    }
    return near.pop() if len(near) == 1 else None


def field_for(header: str) -> str | None:
    """The field a column name stands for, or None."""
    return match_header(header)[0]


def match_header(header: str) -> tuple[str | None, bool]:
    """(field, read through a typo) for one column name."""
    key = normalize_header(header)
    if not key:
        return None, False
    if key in _KEYS:
        return _KEYS[key], False
    for field, prefixes in _PREFIXES.items():
        if key.startswith(prefixes):
            return field, False
    if key in _OTHER:
        return None, False
    typo = _typo_of(key)
    return typo, typo is not None


def is_other(header: str) -> bool:
    """A column known to hold something other than names (sector, currency...)."""
    return normalize_header(header) in _OTHER


def detect(header: list[str]) -> dict[str, int]:
    """field → column: the first column known by its header, else the first read through a
    typo (so ``supplier_name`` wins over a misspelt-looking ``supplier_id``)."""
    found: dict[str, int] = {}
    typos: dict[str, int] = {}
    for index, cell in enumerate(header):
        field, typo = match_header(cell)
        if field is not None:
            (typos if typo else found).setdefault(field, index)
    used = set(found.values())
    for field, index in typos.items():
        if field not in found and index not in used:
            found[field] = index
    return found


def header_score(rows: list[tuple[int, list[str]]]) -> int:
    """How well the best of the top rows reads as a header (for choosing a worksheet)."""
    return max((_score(cells) for _line, cells in rows[:40]), default=0)


def _score(cells: list[str]) -> int:
    found = detect(cells)
    return len(found) if _KEY_FIELDS & set(found) else 0


_KEY_FIELDS = {"name", "isin", "cusip", "sedol", "ticker", "lei", "uscc"}


def find_header(rows: list[tuple[int, list[str]]], overrides: dict[str, str]) -> int:
    """Index (in ``rows``) of the header row: the first of the top 40 rows that names a name
    or identifier column and at least two fields (or every ``--map`` column)."""
    wanted = {normalize_header(c) for c in overrides.values()}
    best, best_score = -1, 0
    for position, (_line, cells) in enumerate(rows[:40]):
        normalized = {normalize_header(c) for c in cells if c}
        if wanted and wanted <= normalized:
            return position
        score = _score(cells)
        if score >= 2 and score > best_score:
            best, best_score = position, score
    if best < 0 and rows:
        # A single-column list of names with a header we do not know.
        return 0
    return best


def parse_overrides(items: list[str]) -> dict[str, str]:
    """``["name=Issuer", "weight=% of NAV"]`` → ``{"name": "Issuer", "weight": "% of NAV"}``."""
    out: dict[str, str] = {}
    for item in items:
        field, sep, column = item.partition("=")
        field = field.strip().lower().replace("-", "_")
        if not sep or not column.strip():
            raise InputError(f"{mention('map', item)}: write it as field=Column")
        if field not in FIELDS:
            raise InputError(
                f"{mention('map', item)}: unknown field {field!r}; fields: {', '.join(FIELDS)}"
            )
        out[field] = column.strip()
    return out


def apply_overrides(
    header: list[str], found: dict[str, int], overrides: dict[str, str], file: str, line: int
) -> dict[str, int]:
    result = dict(found)
    for field, column in overrides.items():
        matches = [i for i, cell in enumerate(header) if cell.strip() == column]
        if not matches:
            matches = [
                i
                for i, cell in enumerate(header)
                if normalize_header(cell) == normalize_header(column)
            ]
        if not matches:
            raise InputError(
                f"{mention('map', f'{field}={column}')}: no such column; the columns are "
                f"{', '.join(repr(c) for c in header if c)}",
                file=file,
                line=line,
            )
        # A column given to one field is no longer another field's.
        result = {f: i for f, i in result.items() if i != matches[0]}
        result[field] = matches[0]
    return result
