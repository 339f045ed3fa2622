"""Export the canonical data: followthemoney JSON lines or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from countersight.exc import InputError
from countersight.service.context import Context
from countersight.sources.ftm import to_ftm

CSV_COLUMNS = (
    "id",
    "schema",
    "caption",
    "names",
    "identifiers",
    "countries",
    "lists",
    "programs",
    "topics",
    "categories",
    "datasets",
    "evidence_urls",
)


def export_lines(ctx: Context, fmt: str, datasets: list[str] | None = None) -> Iterator[str]:
    """Lines of the export (FtM JSON lines, or CSV with a header)."""
    view = ctx.engine().view
    entities = [
        e for e in view.entities.values() if not datasets or set(e.datasets) & set(datasets)
    ]
    if fmt == "ftm":
        kept = {e.id for e in entities}
        relations = [r for r in view.relations if r.subject in kept and r.object in kept]
        for item in to_ftm(entities, relations):
            yield json.dumps(item, ensure_ascii=False, sort_keys=True)
        return
    if fmt != "csv":
        raise InputError(f"unknown export format {fmt!r}: use ftm or csv")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    yield buffer.getvalue().rstrip("\r\n")
    for entity in entities:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(
            [
                entity.id,
                entity.schema.value,
                entity.caption,
                "; ".join(entity.name_values()),
                "; ".join(str(i) for i in entity.identifiers),
                "; ".join(entity.countries),
                "; ".join(dict.fromkeys(m.list for m in entity.memberships)),
                "; ".join(dict.fromkeys(m.program for m in entity.memberships if m.program)),
                "; ".join(entity.topics),
                "; ".join(entity.categories),
                "; ".join(entity.datasets),
                "; ".join(e.url for e in entity.evidence if e.url),
            ]
        )
        yield buffer.getvalue().rstrip("\r\n")
