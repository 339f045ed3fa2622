"""Cross-file checks of the registry: what ``countersight registry check`` fails or reports.

Fails (``problems``): a duplicate id; a fact citing a source that does not exist; an unknown
parent, category or list; an invalid identifier; an entity marked as an unresolved research
lead that could flag; a source whose title is not the title the research notes give (when
the notes are at hand, see :func:`titles_against_reference`).

Reports (``notices``): sources never cited; facts (names, identifiers, relations) whose
source is neither a listing nor a finding of that entity; non-primary names with no source;
links the research notes say are unsourced and are therefore left out; removal dates held
only at L.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from countersight.model import IdScheme, list_info
from countersight.model import confidence as rules
from countersight.normalize.identifiers import InvalidIdentifier, parse_identifier
from countersight.sources.registry import RegistryFiles, to_entity
from countersight.sources.registry_schema import RegistryEntity


@dataclass(slots=True)
class Findings:
    """What the check found: ``problems`` fail it, ``notices`` are reported."""

    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def _cited(entity: RegistryEntity) -> list[str]:
    return [
        *(e.source for e in entity.evidence),
        *(x.source for x in entity.listings),
        *(x.end_source for x in entity.listings if x.end_source),
        *(x.reach_source for x in entity.listings if x.reach_source),
        *(ed.source for x in entity.listings for ed in x.editions),
        *(p.source for p in entity.parents),
        *(p.end_source for p in entity.parents if p.end_source),
        *(b.source for b in entity.brands),
        *(i.source for i in entity.identifiers),
        *(n.source for n in entity.names if n.source),
        *([entity.jurisdiction_source] if entity.jurisdiction_source else []),
    ]


def _basis(entity: RegistryEntity) -> set[str]:
    """The sources that are a listing or a finding (or identity context) of this entity."""
    return {
        *(e.source for e in entity.evidence),
        *(x.source for x in entity.listings),
        *(x.end_source for x in entity.listings if x.end_source),
        *(ed.source for x in entity.listings for ed in x.editions),
    }


def _facts(entity: RegistryEntity) -> list[tuple[str, str]]:
    return [
        *((f"name {n.value!r}", n.source) for n in entity.names if n.source),
        *((f"identifier {i.value}", i.source) for i in entity.identifiers),
        *((f"parent {p.id}", p.source) for p in entity.parents),
        *((f"brand {b.value}", b.source) for b in entity.brands),
    ]


def _entity_problems(reg: RegistryFiles, entity: RegistryEntity, known: set[str]) -> list[str]:
    where = entity.id
    problems = [
        f"{where}: cites unknown source {s}" for s in _cited(entity) if s not in reg.sources
    ]
    problems += [f"{where}: unknown parent {p.id}" for p in entity.parents if p.id not in known]
    problems += [
        f"{where}: unknown category {c}" for c in entity.categories if c not in reg.categories
    ]
    problems += [
        f"{where}: unknown list {x.list}"
        for x in entity.listings
        if list_info(x.list).authority == "unknown"
    ]
    for item in entity.identifiers:
        try:
            parse_identifier(IdScheme(item.scheme), item.value)
        except InvalidIdentifier as exc:
            problems.append(f"{where}: {exc}")
    lead = entity.status == "unresolved-lead" and not problems
    if lead and (entity.listings or rules.flaggable(to_entity(reg, entity))):
        problems.append(
            f"{where}: an unresolved research lead can flag; its material must be "
            "kind 'lead' or 'context' and it cannot carry a listing"
        )
    return problems


def _entity_notices(entity: RegistryEntity) -> list[str]:
    basis = _basis(entity)
    notices = [
        f"{entity.id}: {fact} cites {key}, which is not a listing or finding of this entity"
        for fact, key in _facts(entity)
        if key not in basis
    ]
    notices += [
        f"{entity.id}: name {n.value!r} has no source"
        for n in entity.names
        if n.kind != "primary" and not n.source
    ]
    notices += [
        f"{entity.id}: {list_info(x.list).short} removal date {x.delisted_on} is held at L"
        for x in entity.listings
        if x.end_confidence == "L"
    ]
    return notices


def check(reg: RegistryFiles) -> Findings:
    """Run every cross-file check (see the module docstring)."""
    found = Findings()
    ids = Counter(e.id for e in reg.entities)
    found.problems += [f"{i}: id used by {n} entities" for i, n in ids.items() if n > 1]
    known = set(ids)
    cited: set[str] = set()
    for entity in reg.entities:
        found.problems += _entity_problems(reg, entity, known)
        found.notices += _entity_notices(entity)
        cited.update(_cited(entity))
    found.notices += [f"source {key} is never cited" for key in reg.sources if key not in cited]
    return found


_REF_LINE = re.compile(r"^- (?P<key>[A-Z]+\d+) (?P<text>.*)$")
_QUOTED = (re.compile(r"\"([^\"]+)\""), re.compile(r"“([^”]+)”"), re.compile(r"\*([^*\"]+)\*"))


def _norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"[^\w]+", " ", text.casefold().replace("'", "")).strip()


def _quoted(text: str) -> list[str]:
    return [m.group(1) for pattern in _QUOTED for m in pattern.finditer(text)]


def reference_titles(text: str) -> dict[str, list[str]]:
    """Source key → the titles the research notes quote for it: on the key's line in the
    source list, and (key ``*``) anywhere in the notes, as the notes name studies in text."""
    out: dict[str, list[str]] = {"*": [q for line in text.splitlines() for q in _quoted(line)]}
    for line in text.splitlines():
        found = _REF_LINE.match(line.strip())
        if found:
            out.setdefault(found["key"], []).extend(_quoted(found["text"]))
    return out


def _title_matches(title: str, quoted: str) -> bool:
    """Whether ``title`` is ``quoted``, where ``…`` in the notes stands for omitted words."""
    pieces = [_norm(p) for p in re.split(r"…|\.\.\.", quoted)]
    target = _norm(title)
    if len(pieces) == 1:
        return target == pieces[0]
    position = 0
    for index, piece in enumerate(pieces):
        if not piece:
            continue
        found = target.find(piece, position)
        if found < 0 or (index == 0 and found != 0):
            return False
        position = found + len(piece)
    return True


def titles_against_reference(reg: RegistryFiles, notes_text: str) -> list[str]:
    """Sources whose ``title`` is not a title the research notes quote for that key.

    A title the notes do not give must be marked ``title_is: description``; an official
    file (``official: true``) is titled after its publisher's own name for it.
    """
    titles = reference_titles(notes_text)
    problems = []
    for key, doc in reg.sources.items():
        if doc.title_is != "title" or doc.official:
            continue
        quoted = [*titles.get(key, []), *titles["*"]]
        if not any(_title_matches(doc.title, q) for q in quoted):
            problems.append(
                f"source {key}: title {doc.title!r} is not the document's title as the "
                "research notes give it; use that title or mark it `title_is: description`"
            )
    return problems


__all__ = ["Findings", "check", "reference_titles", "titles_against_reference"]
