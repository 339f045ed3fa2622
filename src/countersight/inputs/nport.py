"""SEC Form N-PORT filings (``edgarSubmission`` XML): a registered fund's holdings.

The filing identifies its fund (series name, series id, series LEI), so a portfolio row
that is that fund can be looked through to these holdings. Weights are ``pctVal`` (percent
of net assets). Identifiers the SEC marks as unavailable ("N/A", all zeros) are dropped;
a malformed one is dropped with a note rather than refusing the filing.
"""

from __future__ import annotations

from pathlib import Path

from countersight.exc import InputError
from countersight.files import child_text, children, find_path, local, parse_xml, read_bytes
from countersight.inputs.limits import MAX_FILE_BYTES
from countersight.inputs.portfolio import parse_number
from countersight.model import Identifier, IdScheme
from countersight.model.portfolio import FundInfo, Holding, Portfolio
from countersight.normalize.identifiers import InvalidIdentifier, parse_identifier


def is_nport(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return b"edgarSubmission" in head and b"nport" in head.lower()


def _identifier(
    scheme: IdScheme, raw: str | None, notes: list[str], where: str
) -> Identifier | None:
    if not raw or raw.upper() in ("N/A", "NONE") or set(raw) <= {"0"}:
        return None
    try:
        return parse_identifier(scheme, raw)
    except InvalidIdentifier as exc:
        notes.append(f"{where}: {exc}")
        return None


def read_nport(path: Path) -> Portfolio:
    """Holdings of one N-PORT filing, with the fund's identity."""
    root = parse_xml(read_bytes(path, MAX_FILE_BYTES), path)
    if local(root.tag) != "edgarSubmission":
        raise InputError("not an N-PORT filing (no <edgarSubmission>)", file=str(path))
    info = find_path(root, "formData", "genInfo")
    if info is None:
        raise InputError("N-PORT filing without <genInfo>", file=str(path))
    notes: list[str] = []
    fund_ids = [
        i
        for i in (_identifier(IdScheme.LEI, child_text(info, "seriesLei"), notes, "seriesLei"),)
        if i
    ]
    series = child_text(info, "seriesName") or child_text(info, "regName") or path.stem
    attributes = find_path(root, "formData", "fundInfo")
    net_assets = None
    if attributes is not None and child_text(attributes, "netAssets"):
        net_assets = parse_number(child_text(attributes, "netAssets") or "0")
    fund = FundInfo(
        name=series,
        identifiers=fund_ids,
        net_assets=net_assets,
        report_date=child_text(info, "repPdDate"),
    )
    holdings: list[Holding] = []
    container = find_path(root, "formData", "invstOrSecs")
    for number, item in enumerate(
        children(container, "invstOrSec") if container is not None else [], start=1
    ):
        where = f"invstOrSec {number}"
        name = child_text(item, "name") or child_text(item, "title")
        raw = {
            k: child_text(item, k) or ""
            for k in (
                "name",
                "title",
                "lei",
                "cusip",
                "balance",
                "valUSD",
                "pctVal",
                "assetCat",
                "invCountry",
            )
        }
        ids = find_path(item, "identifiers")
        isin = ids is not None and next(
            (c.get("value") for c in ids if local(c.tag) == "isin"), None
        )
        ticker = ids is not None and next(
            (c.get("value") for c in ids if local(c.tag) == "ticker"), None
        )
        raw["isin"] = isin or ""
        raw["ticker"] = ticker or ""
        holding = Holding(
            row=number,
            line=number,
            input=raw,
            name=name,
            country=(child_text(item, "invCountry") or "").lower() or None,
        )
        for scheme, value in (
            (IdScheme.LEI, raw["lei"]),
            (IdScheme.CUSIP, raw["cusip"]),
            (IdScheme.ISIN, raw["isin"]),
        ):
            identifier = _identifier(scheme, value, notes, where)
            if identifier is not None:
                holding.identifiers.append(identifier)
        try:
            holding.weight = parse_number(raw["pctVal"]) if raw["pctVal"] else None
            holding.market_value = parse_number(raw["valUSD"]) if raw["valUSD"] else None
            holding.quantity = parse_number(raw["balance"]) if raw["balance"] else None
        except ValueError as exc:
            raise InputError(
                f"{where}: a number field is not a number ({exc})",
                file=str(path),
                record=str(number),
            ) from exc
        holdings.append(holding)
    if not holdings:
        raise InputError("N-PORT filing lists no holdings (<invstOrSec>)", file=str(path))
    return Portfolio(
        file=str(path),
        kind="nport",
        rows=holdings,
        columns={
            "name": "name",
            "weight": "pctVal",
            "isin": "isin",
            "cusip": "cusip",
            "lei": "lei",
            "market_value": "valUSD",
        },
        fund=fund,
        notes=notes,
    )
