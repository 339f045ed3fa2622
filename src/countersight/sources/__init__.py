"""Official list formats: detection from content, and one loader per format.

:func:`plan` turns the paths a user gives (files or folders) into :class:`LoadJob` s, one per
list: an OFAC CSV set's files are grouped, every other file is one job. Detection reads the
start of each file; ``fmt`` overrides it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from countersight.exc import InputError
from countersight.model.source import LoadedSource
from countersight.sources import (
    bis_dpl,
    bis_uvl,
    csl,
    ddtc,
    eu_fsf,
    ftm,
    gleif,
    ita_source,
    ofac_csv,
    ofac_xml,
    uk_sanctions,
    un,
)

Loader = Callable[[list[Path], str | None], LoadedSource]


def _single(load: Callable[[Path, str | None], LoadedSource]) -> Loader:
    def run(files: list[Path], dataset: str | None) -> LoadedSource:
        return load(files[0], dataset)

    return run


FORMATS: dict[str, tuple[str, Loader]] = {
    "ofac-csv": (
        "OFAC legacy CSV set (sdn.csv + add/alt/comments, or cons_*.csv)",
        ofac_csv.load_set,
    ),
    "ofac-xml": ("OFAC XML, sdnList schema (SDN.XML, consolidated.xml)", _single(ofac_xml.load)),
    "csl-csv": ("US Consolidated Screening List CSV (2019 and 2025 columns)", _single(csl.load)),
    "ita-csv": ("ITA per-source list CSV (Entity List el.csv, isn.csv)", _single(ita_source.load)),
    "bis-dpl": ("BIS Denied Persons List, tab-delimited dpl.txt", _single(bis_dpl.load)),
    "bis-uvl": ("BIS Unverified List CSV (COUNTRY,NAME,ADDRESS)", _single(bis_uvl.load)),
    "ddtc-debarred": ("State DDTC ITAR debarred parties CSV", _single(ddtc.load)),
    "un-xml": ("UN Security Council consolidated list XML", _single(un.load)),
    "eu-fsf": (
        "EU Financial Sanctions Files, FSF v1.1 XML",
        _single(eu_fsf.load),
    ),
    "uk-sanctions": ("UK Sanctions List XML (FCDO, root Designations)", _single(uk_sanctions.load)),
    "ftm": ("followthemoney JSON lines (OpenSanctions, Aleph)", _single(ftm.load)),
    "gleif": (
        "GLEIF LEI-CDF XML, golden-copy JSON or RR-CDF relationship XML",
        _single(gleif.load),
    ),
}


@dataclass(slots=True)
class LoadJob:
    """One list to load: its format and files."""

    fmt: str
    files: list[Path]
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        if len(self.files) == 1:
            return str(self.files[0])
        return f"{self.files[0].parent}/{{{','.join(p.name for p in self.files)}}}"

    def run(self, dataset: str | None = None) -> LoadedSource:
        return FORMATS[self.fmt][1](self.files, dataset)


_XML_ROOT = re.compile(rb"<(?!\?|!)(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
_OFAC_ROW = re.compile(r'^\d+,"[^"]*",(?:-0- ?|"[a-z]+")')


def sniff(path: Path) -> str | None:
    """The format of one file from its name and first bytes, or ``None``."""
    if ofac_csv.layout_of(path.name):
        return "ofac-csv"
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", file=str(path)) from exc
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<"):
        body = re.sub(rb"<\?.*?\?>|<!--.*?-->", b"", text, flags=re.S)
        found = _XML_ROOT.search(body)
        root = found.group(1).decode("ascii", "replace") if found else ""
        if eu_fsf.is_fsf_root(root, body):
            return "eu-fsf"
        return {
            "sdnList": "ofac-xml",
            "CONSOLIDATED_LIST": "un-xml",
            "Designations": "uk-sanctions",
            "LEIData": "gleif",
            "RelationshipData": "gleif",
            "edgarSubmission": "nport",
        }.get(root)
    if text.startswith(b"{"):
        first = text.split(b"\n", 1)[0].decode("utf-8", "replace")
        if ftm.is_ftm_line(first):
            return "ftm"
        if b'"records"' in text[:200] and b'"LEI"' in text:
            return "gleif"
        return None
    first_line = text.split(b"\n", 1)[0].decode("utf-8", "replace").strip()
    header = [h.strip().strip('"') for h in first_line.split(",")]
    if csl.is_csl_header(header):
        return "csl-csv"
    if ita_source.is_ita_header(header):
        return "ita-csv"
    if bis_uvl.is_uvl_header(header):
        return "bis-uvl"
    if ddtc.is_ddtc_header(header):
        return "ddtc-debarred"
    if bis_dpl.is_dpl_header([h.strip().strip('"') for h in first_line.split("\t")]):
        return "bis-dpl"
    if _OFAC_ROW.match(first_line):
        return "ofac-csv"
    return None


def _explain_unknown(path: Path, kind: str | None) -> InputError:
    if kind == "nport":
        return InputError(
            "this is an SEC N-PORT fund filing, not a list: screen it with `countersight screen`",
            file=str(path),
        )
    names = ", ".join(FORMATS)
    return InputError(
        f"cannot tell which list format this is; give --format ({names})", file=str(path)
    )


def plan(paths: list[Path], fmt: str | None = None) -> list[LoadJob]:
    """Group the given files and folders into load jobs (see the module docstring)."""
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; known formats: {', '.join(FORMATS)}")
    jobs: list[LoadJob] = []
    ofac_sets: dict[tuple[Path, str], LoadJob] = {}
    for path in paths:
        if not path.exists():
            raise InputError("no such file or folder", file=str(path))
        folder = path.is_dir()
        files = sorted(p for p in path.iterdir() if p.is_file()) if folder else [path]
        found_any = False
        for file in files:
            kind = fmt or sniff(file)
            if kind not in FORMATS:
                if folder:
                    continue
                raise _explain_unknown(file, kind)
            found_any = True
            if kind == "ofac-csv":
                layout = ofac_csv.layout_of(file.name)
                key = (file.parent, layout[0].dataset if layout else file.name)
                if key not in ofac_sets:
                    ofac_sets[key] = LoadJob("ofac-csv", [])
                    jobs.append(ofac_sets[key])
                if file not in ofac_sets[key].files:
                    ofac_sets[key].files.append(file)
            else:
                jobs.append(LoadJob(kind, [file]))
        if folder and not found_any:
            raise InputError("no list file found in this folder", file=str(path))
    for (parent, dataset_name), job in ofac_sets.items():
        _add_siblings(job, parent, dataset_name)
    return jobs


def _add_siblings(job: LoadJob, folder: Path, dataset: str) -> None:
    """A set's primary file given alone brings its address, alias and comments files."""
    given = {p.name.lower() for p in job.files}
    for sibling in sorted(folder.iterdir()):
        found = ofac_csv.layout_of(sibling.name)
        if found and found[0].dataset == dataset and sibling.name.lower() not in given:
            job.files.append(sibling)
            job.notes.append(f"included {sibling.name} from the same folder")


__all__ = ["FORMATS", "LoadJob", "LoadedSource", "plan", "sniff"]
