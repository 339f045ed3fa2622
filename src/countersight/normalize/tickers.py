"""Exchange tickers in their usual spellings, reduced to one canonical ``EXCHANGE:SYMBOL``.

``002415.SZ``, ``002415 CH``, ``002415 CN``, ``SZSE:002415``, ``SHE:002415`` and
``XSHE:002415`` all become ``SZ:002415``; ``0020.HK``, ``20 HK`` and ``HKEX:0020`` become
``HK:20``. Bloomberg's country composites for mainland China (``CH``, ``CN``) are resolved
to Shanghai, Shenzhen or Beijing from the code's first digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from countersight.model import InvalidIdentifier

EXCHANGE_ALIASES: dict[str, str] = {}
for _canonical, _aliases in {
    "SZ": ("SZ", "SZSE", "SHE", "XSHE", "SZE", "C2"),
    "SH": ("SH", "SS", "SSE", "SHA", "XSHG", "SHG", "C1", "SHSE"),
    "BJ": ("BJ", "BSE", "XBSE", "BJSE"),
    "HK": ("HK", "HKEX", "HKG", "XHKG", "SEHK", "HKSE"),
    "US": (
        "US",
        "UN",
        "UW",
        "UQ",
        "UA",
        "UP",
        "NYSE",
        "NASDAQ",
        "XNYS",
        "XNAS",
        "NYQ",
        "NMS",
        "AMEX",
        "ARCA",
    ),
    "TW": ("TW", "TT", "TWSE", "XTAI", "TPE"),
    "JP": ("JP", "JT", "TYO", "XTKS", "T"),
    "GB": ("LN", "LSE", "XLON", "L"),
    "DE": ("GR", "GY", "DE", "XETRA", "XETR", "FRA", "GF"),
    "SG": ("SG", "SP", "SGX", "XSES"),
}.items():
    for _alias in _aliases:
        EXCHANGE_ALIASES[_alias] = _canonical

_CHINA_COMPOSITES = {"CH", "CN", "CG", "CS", "PRC"}

_SYMBOL = r"[A-Z0-9][A-Z0-9.\-]{0,11}"
_PATTERNS = (
    # SZSE:002415, XSHE:002415, HKEX:0020
    re.compile(rf"^(?P<ex>[A-Z]{{1,7}})\s*:\s*(?P<sym>{_SYMBOL})$"),
    # 002415.SZ, 0020.HK, 603019.SS
    re.compile(r"^(?P<sym>[A-Z0-9]{1,10})\.(?P<ex>[A-Z]{1,4})$"),
    # 002415 CH, 00883 HK, CHA US, 002415:CH, 002415 CH Equity
    re.compile(rf"^(?P<sym>{_SYMBOL})\s*[: ]\s*(?P<ex>[A-Z][A-Z0-9]{{0,4}})(?:\s+EQUITY)?$"),
    # 603019CN (a spelling seen in OFAC remarks)
    re.compile(r"^(?P<sym>[0-9]{6})(?P<ex>CN|CH)$"),
)


@dataclass(frozen=True, slots=True)
class Ticker:
    """A parsed ticker. ``exchange`` is ``None`` when the spelling does not say."""

    exchange: str | None
    symbol: str

    @property
    def canonical(self) -> str:
        return f"{self.exchange}:{self.symbol}" if self.exchange else self.symbol


def china_exchange(code: str) -> str | None:
    """Exchange of a mainland A/B-share code from its leading digits (SZ, SH or BJ)."""
    if not (len(code) == 6 and code.isdigit()):
        return None
    if code.startswith(("000", "001", "002", "003", "004", "200", "300", "301")):
        return "SZ"
    if code.startswith(("600", "601", "603", "605", "688", "689", "900")):
        return "SH"
    if code.startswith(("43", "83", "87", "88", "92")):
        return "BJ"
    return None


def _symbol(exchange: str | None, symbol: str) -> str:
    if exchange == "HK" and symbol.isdigit():
        return symbol.lstrip("0") or "0"
    return symbol


def parse_ticker(raw: str) -> Ticker:
    """Parse a ticker in any usual spelling; raises :class:`InvalidIdentifier`."""
    text = re.sub(r"\s+", " ", raw.strip().upper())
    if not text:
        raise InvalidIdentifier("empty ticker")
    for pattern in _PATTERNS:
        found = pattern.match(text)
        if found is None:
            continue
        code = found.group("ex")
        symbol = found.group("sym")
        if code in _CHINA_COMPOSITES:
            exchange = china_exchange(symbol)
            if exchange is None:
                raise InvalidIdentifier(f"ticker {raw!r}: {symbol} is not a mainland China code")
        elif code in EXCHANGE_ALIASES:
            exchange = EXCHANGE_ALIASES[code]
        else:
            exchange = code
        return Ticker(exchange, _symbol(exchange, symbol))
    if re.fullmatch(r"[A-Z0-9]{1,10}", text):
        exchange = china_exchange(text)
        return Ticker(exchange, text)
    raise InvalidIdentifier(f"{raw!r} is not a ticker spelling we know")


def same_listing(left: str, right: str) -> bool:
    """True when two canonical tickers name the same listing (bare symbols match any exchange)."""
    lex, _, lsym = left.rpartition(":")
    rex, _, rsym = right.rpartition(":")
    if lsym != rsym:
        return False
    return not lex or not rex or lex == rex
