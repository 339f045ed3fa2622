"""``countersight update --from DIR``: find a catalogue list's files in a local folder.

An air-gapped team copies the publishers' files into a folder (any layout, any file names:
files are recognised by content, as ``load`` does). For each catalogue entry every
candidate of its format and dataset in the folder and its subfolders is checked and parsed;
the newest complete one wins: the publisher's date, or for undated files the latest listing
date inside, then the most records. Candidates passed over are named in the notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from countersight.exc import CountersightError, InputError, mention
from countersight.sources import LoadedSource, LoadJob, ofac_csv, plan
from countersight.sources.catalogue import CatalogueEntry, CatalogueFile, check_file


class _OtherList(Exception):
    """The candidate is another list of the same format (e.g. SDN, not non-SDN)."""


@dataclass(slots=True)
class Found:
    """The chosen local copy of one list."""

    label: str
    loaded: LoadedSource
    notes: list[str] = field(default_factory=list)


def _folders(root: Path) -> list[Path]:
    if not root.is_dir():
        raise InputError("no such folder", file=str(root))
    return [root, *sorted(p for p in root.rglob("*") if p.is_dir())]


def _jobs(folder: Path) -> list[LoadJob]:
    """The lists in one folder (not its subfolders); a folder without any is empty."""
    files = [p for p in sorted(folder.iterdir()) if p.is_file()]
    if not files:
        return []
    try:
        return plan([folder])
    except InputError:
        return []


def _spec_for(entry: CatalogueEntry, path: Path) -> CatalogueFile | None:
    """The catalogue file a local file stands for: by OFAC role, or the entry's only file."""
    if entry.format == "ofac-csv":
        layout = ofac_csv.layout_of(path.name)
        return next((f for f in entry.files if layout and f.name == path.name.lower()), None)
    return entry.files[0] if len(entry.files) == 1 else None


def _may_hold(entry: CatalogueEntry, job: LoadJob) -> bool:
    """Same format, and for an OFAC CSV set the same set (known from its file names)."""
    if job.fmt != entry.format:
        return False
    layout = ofac_csv.layout_of(job.files[0].name) if job.fmt == "ofac-csv" else None
    return layout is None or layout[0].dataset == entry.dataset


def _candidate(entry: CatalogueEntry, job: LoadJob, small_ok: bool) -> LoadedSource:
    """Check and parse one candidate; raises when it is not a usable copy of ``entry``
    (under the floor counts, unless ``small_ok``: the caller then warns)."""
    for path in job.files:
        spec = _spec_for(entry, path)
        if spec is not None:
            check_file(path, spec)
    loaded = job.run(None)
    if loaded.dataset != entry.dataset:
        raise _OtherList(loaded.dataset)
    records = len(loaded.entities) + sum(loaded.skipped.values())
    if records < entry.min_records and not small_ok:
        raise InputError(
            f"{records} records, under the catalogue's floor of {entry.min_records} "
            f"(an excerpt or a cut file; {mention('allow_small')} loads a known excerpt with a "
            "warning)",
            file=job.label,
        )
    return loaded


def _newest(loaded: LoadedSource) -> tuple[date, int]:
    """Sort key: publication date, else the latest listing date inside; then size."""
    listed = [m.listed_on for e in loaded.entities for m in e.memberships if m.listed_on]
    when = loaded.publisher_date or max(listed, default=date.min)
    return when, len(loaded.entities) + sum(loaded.skipped.values())


def find_local(entry: CatalogueEntry, root: Path, small_ok: bool) -> Found:
    """The newest complete copy of ``entry`` under ``root`` (see the module docstring);
    copies under the catalogue's floor count only when ``small_ok``."""
    good: list[tuple[LoadJob, LoadedSource]] = []
    refused: list[str] = []
    for folder in _folders(root):
        for job in _jobs(folder):
            if not _may_hold(entry, job):
                continue
            try:
                good.append((job, _candidate(entry, job, small_ok)))
            except _OtherList:
                continue
            except CountersightError as exc:
                refused.append(exc.raw)
    if not good:
        reason = f": {'; '.join(refused)}" if refused else ""
        raise InputError(f"no usable {entry.format} file for {entry.dataset} in {root}{reason}")
    good.sort(key=lambda item: _newest(item[1]), reverse=True)
    (job, loaded), others = good[0], good[1:]
    notes = [f"newer than {other.label}" for other, _ in others]
    notes += [f"passed over: {problem}" for problem in refused]
    return Found(job.label, loaded, notes)
