"""The documented limits on what a user file may hold (README, "Limits").

They keep one hostile or broken file from taking the memory or the time of everyone else:
a file beyond one of them is refused with a message naming the limit, never read in part.
A row whose name is longer than :data:`MAX_NAME_CHARS` is an invalid row (refused, or
skipped and listed with ``--skip-invalid``).
"""

from __future__ import annotations

MAX_FILE_BYTES = 256 * 1024 * 1024
"""Largest input file read (CSV, TSV, XLSX)."""

MAX_INFLATED_BYTES = 512 * 1024 * 1024
"""Largest total size of an XLSX workbook's parts once unzipped."""

MAX_PART_RATIO = 200
"""Largest compression ratio of one XLSX part over 1 MiB (a zip bomb inflates by 1000+)."""

MAX_SHARED_STRINGS_BYTES = 100 * 1024 * 1024
"""Largest shared-strings part of an XLSX workbook once unzipped."""

MAX_COLUMNS = 1000
"""Widest row read: a value beyond column 1000 (ALL) is refused."""

MAX_ROWS = 1_000_000
"""Most rows read from one file or worksheet."""

MAX_CELLS = 5_000_000
"""Most non-empty cells read from one file or worksheet."""

MAX_CELL_CHARS = 32_767
"""Longest cell (Excel's own limit)."""

MAX_NAME_CHARS = 500
"""Longest name screened; the longest real company names are under 250 characters."""

__all__ = [
    "MAX_CELLS",
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_FILE_BYTES",
    "MAX_INFLATED_BYTES",
    "MAX_NAME_CHARS",
    "MAX_PART_RATIO",
    "MAX_ROWS",
    "MAX_SHARED_STRINGS_BYTES",
]
