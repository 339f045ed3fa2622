"""``countersight match``."""

from __future__ import annotations

import typer

from countersight.cli.help import examples
from countersight.cli.render import console, context, new_table, print_json, status_style
from countersight.model import IdentifierValues
from countersight.service.matching import MAX_NAME_LENGTH, build_query, match_json, parse_as_of


def match(
    ctx: typer.Context,
    names: list[str] = typer.Argument(
        None, help=f"Name(s) in any script or spelling, at most {MAX_NAME_LENGTH:,} characters."
    ),
    isin: list[str] = typer.Option([], "--isin", help="ISIN, e.g. CNE100000PM8."),
    lei: list[str] = typer.Option([], "--lei", help="Legal Entity Identifier (20 characters)."),
    ticker: list[str] = typer.Option([], "--ticker", help="e.g. 002415.SZ, 0020 HK."),
    uscc: list[str] = typer.Option([], "--uscc", help="Unified social credit code."),
    cusip: list[str] = typer.Option([], "--cusip", help="CUSIP (9 characters)."),
    sedol: list[str] = typer.Option([], "--sedol", help="SEDOL (7 characters)."),
    country: list[str] = typer.Option(
        [], "--country", help="Country name or ISO code, to prefer candidates there."
    ),
    limit: int = typer.Option(5, "--limit", min=1, max=500, help="Most candidates shown."),
    cutoff: float | None = typer.Option(
        None, "--cutoff", min=0.0, max=1.0, help="Lowest score shown (default: review threshold)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Answer as of this date, YYYY-MM-DD (default: today)."
    ),
) -> None:
    """Match a name and/or identifiers against everything loaded (and the registry)."""
    values: IdentifierValues = {
        "isin": isin,
        "lei": lei,
        "ticker": ticker,
        "uscc": uscc,
        "cusip": cusip,
        "sedol": sedol,
        "country": country,
    }
    query = build_query(names or [], **values)
    service = context(ctx)
    doc = match_json(service, query, limit=limit, cutoff=cutoff, as_of=parse_as_of(as_of))
    if as_json:
        print_json(doc)
        return
    if not doc["results"]:
        console.print("no candidates at or above the review threshold")
        return
    table = new_table(
        f"Matches for {', '.join(query.names) or 'identifiers'} as of {doc['as_of']}",
        "status",
        "score",
        "entity",
        "lists",
        "why",
    )
    for r in doc["results"]:
        table.add_row(
            f"[{status_style(r['status'])}]{r['status']}[/]",
            f"{r['score']:.2f}",
            f"{r['caption']}\n[dim]{r['id']}[/]",
            "\n".join(dict.fromkeys(m["label"] for m in r["listings"])) or "-",
            "\n".join([*r["explanation"], *r["reach"], *(f"history: {h}" for h in r["history"])]),
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command(epilog=examples("match"))(match)
