"""What users bring: holdings files and supplier lists (CSV, TSV, XLSX) and SEC N-PORT
filings, read into a :class:`~countersight.model.portfolio.Portfolio` with column detection.

Official lists are read by :mod:`countersight.sources`, not here.
"""

__all__ = [
    "aliases",
    "checks",
    "columns",
    "limits",
    "notes",
    "nport",
    "numbers",
    "portfolio",
    "tabular",
    "xlsx",
]
