"""Find the columns of a holdings or supplier file, and the header row among preamble rows.

Column names are compared after lower-casing and dropping everything but letters, digits
and Han characters ("% of NAV" → ``ofnav``). ``--map field=Column`` overrides detection.
"""

from __future__ import annotations

import re

from countersight.exc import InputError

FIELDS = (
    "name",
    "isin",
    "cusip",
    "sedol",
    "ticker",
    "exchange",
    "lei",
    "uscc",
    "country",
    "weight",
    "market_value",
    "quantity",
    "product",
)

_ALIASES: dict[str, tuple[str, ...]] = {
    "name": (
        "name",
        "issuer",
        "issuername",
        "nameofissuer",
        "securityname",
        "security",
        "securitydescription",
        "holding",
        "holdingname",
        "company",
        "companyname",
        "supplier",
        "suppliername",
        "vendor",
        "vendorname",
        "entity",
        "entityname",
        "legalname",
        "counterparty",
        "description",
        "instrument",
        "instrumentname",
        "名称",
        "公司名称",
        "企业名称",
        "供应商",
        "供应商名称",
        "证券名称",
        "发行人",
        "股票名称",
        "證券名稱",
        "公司名稱",
        "供應商",
    ),
    "isin": ("isin", "isincode", "isinnumber"),
    "cusip": ("cusip", "cusipcode"),
    "sedol": ("sedol", "sedolcode"),
    "ticker": (
        "ticker",
        "tickersymbol",
        "symbol",
        "bloombergticker",
        "bbgticker",
        "code",
        "stockcode",
        "securitycode",
        "issuerticker",
        "代码",
        "证券代码",
        "股票代码",
        "證券代碼",
    ),
    "exchange": (
        "exchange",
        "market",
        "listingexchange",
        "primaryexchange",
        "exchangecode",
        "交易所",
        "市场",
    ),
    "lei": ("lei", "leicode", "legalentityidentifier"),
    "uscc": (
        "uscc",
        "unifiedsocialcreditcode",
        "creditcode",
        "socialcreditcode",
        "统一社会信用代码",
        "信用代码",
        "統一社會信用代碼",
    ),
    "country": (
        "country",
        "countryofrisk",
        "countryofdomicile",
        "domicile",
        "location",
        "countrycode",
        "nationality",
        "invcountry",
        "国家",
        "国家地区",
        "地区",
        "國家",
    ),
    "weight": (
        "weight",
        "weighting",
        "portfolioweight",
        "weightpct",
        "weightpercent",
        "ofnav",
        "ofnetassets",
        "offund",
        "ofportfolio",
        "pctofnav",
        "pctval",
        "percentofnetassets",
        "percentoffund",
        "percentage",
        "pct",
        "allocation",
        "fundweight",
        "marketvalueweight",
        "权重",
        "占净值比例",
        "比例",
        "權重",
    ),
    "market_value": (
        "marketvalue",
        "mktvalue",
        "mktval",
        "value",
        "valueusd",
        "notional",
        "notionalvalue",
        "marketvaluebase",
        "valusd",
        "totalvalue",
        "amount",
        "市值",
        "持仓市值",
        "金额",
    ),
    "quantity": (
        "quantity",
        "shares",
        "sharesheld",
        "units",
        "parvalue",
        "nominal",
        "position",
        "balance",
        "数量",
        "持股数量",
    ),
    "product": (
        "product",
        "products",
        "model",
        "item",
        "goods",
        "category",
        "productmodel",
        "产品",
        "型号",
        "产品名称",
    ),
}
_PREFIXES: dict[str, tuple[str, ...]] = {
    "market_value": ("marketvalue", "mktvalue", "notional"),
    "weight": ("weight", "ofnav", "ofnetassets", "percentof"),
    "name": ("issuername", "securityname"),
}
_NORMALIZE = re.compile(r"[^0-9a-z\u3400-\u9fff]+")


def normalize_header(text: str) -> str:
    return _NORMALIZE.sub("", text.casefold())


def field_for(header: str) -> str | None:
    """The field a column name stands for, or None."""
    key = normalize_header(header)
    if not key:
        return None
    for field, aliases in _ALIASES.items():
        if key in aliases:
            return field
    for field, prefixes in _PREFIXES.items():
        if key.startswith(prefixes):
            return field
    return None


def detect(header: list[str]) -> dict[str, int]:
    """field → column index for one header row (first column wins per field)."""
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        field = field_for(cell)
        if field is not None and field not in found:
            found[field] = index
    return found


def find_header(rows: list[tuple[int, list[str]]], overrides: dict[str, str]) -> int:
    """Index (in ``rows``) of the header row: the first of the top 40 rows that names a name
    or identifier column and at least two fields (or every ``--map`` column)."""
    wanted = {normalize_header(c) for c in overrides.values()}
    best, best_score = -1, 0
    for position, (_line, cells) in enumerate(rows[:40]):
        normalized = {normalize_header(c) for c in cells if c}
        if wanted and wanted <= normalized:
            return position
        found = detect(cells)
        key_fields = {"name", "isin", "cusip", "sedol", "ticker", "lei", "uscc"} & set(found)
        score = len(found) if key_fields else 0
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
            raise InputError(f"--map {item!r}: write it as field=Column")
        if field not in FIELDS:
            raise InputError(
                f"--map {item!r}: unknown field {field!r}; fields: {', '.join(FIELDS)}"
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
                f"--map {field}={column}: no such column; the columns are "
                f"{', '.join(repr(c) for c in header if c)}",
                file=file,
                line=line,
            )
        # A column given to one field is no longer another field's.
        result = {f: i for f, i in result.items() if i != matches[0]}
        result[field] = matches[0]
    return result
