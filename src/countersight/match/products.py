"""What was bought: find a covered maker's names, brands and documented models in free text.

Spend and contract records describe what was bought ("Supply and Installation of 5 number
HIK Vision Recorders"). :class:`ProductIndex` reads such a text and names the makers it
mentions. Each rule below is the explanation shown with a hit:

- A *strong* name is a distinctive trade name or brand (``hikvision``, ``ezviz``, 海康威视):
  found on its own, in any spacing or hyphenation ("HIK Vision", "Hik-Vision", "HikVision").
- A *short* name (two syllables or characters, ``Dahua``, 华为) is also the name of many
  unrelated firms: it counts only when the same text names a kind of equipment (camera, NVR,
  drone, 摄像机...).
- A *model* is an exact product model number that a cited source documents for the maker;
  separators may differ (``IPC HDW5442TM AS``). No numbering scheme is inferred.
- Words common in descriptions ("vision", "security", "forensic", "recorder") never make a
  hit on their own: a name that is an English word or common proper name, or made only of
  them ("Dawning", "Far East", "Leon"), is never a key. The word list is SCOWL's (``data/``).
- Only companies make products: public bodies and institutes are not keys, nor are the
  names of a maker's units abroad ("Hikvision USA Inc."). A key two makers share names both.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from importlib import resources

from countersight.model import Entity, NameKind, Schema
from countersight.model.product import ProductModel
from countersight.normalize.chinese import to_simplified
from countersight.normalize.names import analyze
from countersight.normalize.text import latin_tokens, nfkc

# Kinds of equipment: context that lets a short name count, never a hit by itself.
EQUIPMENT_WORDS = frozenset(
    {
        "camera",
        "cameras",
        "cam",
        "cctv",
        "ipc",
        "nvr",
        "nvrs",
        "dvr",
        "dvrs",
        "recorder",
        "recorders",
        "dome",
        "bullet",
        "ptz",
        "surveillance",
        "video",
        "videos",
        "intercom",
        "intercoms",
        "doorbell",
        "doorbells",
        "drone",
        "drones",
        "uav",
        "uavs",
        "radio",
        "radios",
        "handset",
        "handsets",
        "phone",
        "phones",
        "smartphone",
        "smartphones",
        "router",
        "routers",
        "switch",
        "switches",
        "server",
        "servers",
        "thermal",
        "lens",
        "lenses",
        "monitor",
        "monitors",
        "display",
        "displays",
        "kit",
        "anpr",
        "lpr",
        "biometric",
        "biometrics",
        "turnstile",
        "turnstiles",
        "accesscontrol",
    }
)
EQUIPMENT_HAN = (
    "摄像",
    "监控",
    "录像",
    "硬盘录像机",
    "无人机",
    "对讲",
    "手机",
    "服务器",
    "交换机",
    "路由器",
)

_NAME_KINDS = {NameKind.PRIMARY, NameKind.ALIAS, NameKind.SHORT, NameKind.BRAND, NameKind.FORMER}
_MAX_NGRAM = 3


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """English words and proper names, lower-cased (SCOWL, as Debian's wamerican ships it)."""
    data = (resources.files("countersight.match") / "data" / "english_words.txt.gz").read_bytes()
    return frozenset(gzip.decompress(data).decode("ascii").split())


def is_english(tokens: Sequence[str]) -> bool:
    """The words are an English word, or all English words ("far east", "dawning")."""
    words = english_words()
    return "".join(tokens) in words or all(t in words for t in tokens)


class HitKind(StrEnum):
    """How a product text named a maker."""

    NAME = "name"
    SHORT_NAME = "short_name"
    MODEL = "model"


@dataclass(frozen=True, slots=True)
class ProductHit:
    """One mention of a maker in a product text."""

    entity_id: str
    text: str  # the words as they appear in the input
    kind: HitKind
    source: str | None = None  # for a model: the source that documents it

    def explanation(self) -> str:
        if self.kind is HitKind.MODEL:
            return f"names model {self.text}, documented for this maker"
        if self.kind is HitKind.SHORT_NAME:
            return (
                f"names {self.text!r}, this maker's short name (counted only beside a kind "
                "of equipment, or as a trading name)"
            )
        return f"names {self.text!r}, this maker's name or brand"


@dataclass(slots=True)
class ProductIndex:
    """Keys from covered makers' names and brands, and their documented models."""

    strong: dict[str, set[str]] = field(default_factory=dict)  # run-together key -> entities
    short: dict[str, set[str]] = field(default_factory=dict)
    han_strong: dict[str, set[str]] = field(default_factory=dict)  # Han name -> entities
    han_short: dict[str, set[str]] = field(default_factory=dict)
    models: list[tuple[re.Pattern[str], ProductModel]] = field(default_factory=list)

    @classmethod
    def build(cls, entities: Iterable[Entity], models: Sequence[ProductModel] = ()) -> ProductIndex:
        """Index the names and brands of ``entities`` (the covered makers) and ``models``."""
        index = cls()
        for entity in entities:
            if entity.schema != Schema.COMPANY:
                continue
            for name in entity.names:
                if name.kind in _NAME_KINDS:
                    index._add_name(entity.id, name.value)
        for model in models:
            index.models.append((model_pattern(model.model), model))
        return index

    def _add_name(self, entity_id: str, value: str) -> None:
        form = analyze(value)
        # "Hikvision USA Inc." is a maker's foreign unit: a description naming Hikvision
        # names the maker, not every unit named after it.
        if form.all_generic or not form.distinct or form.country_word:
            return
        if form.script == "han":
            core = form.han_core
            if len(core) >= 3:
                self.han_strong.setdefault(core, set()).add(entity_id)
            elif len(core) == 2:
                self.han_short.setdefault(core, set()).add(entity_id)
            return
        if len(form.distinct) >= _MAX_NGRAM or is_english(form.distinct):
            return
        key = "".join(form.distinct)
        acronym = len(key) == 3 and value.strip().isupper()
        if form.strong:
            self.strong.setdefault(key, set()).add(entity_id)
        elif len(key) >= 4 or acronym:
            self.short.setdefault(key, set()).add(entity_id)

    def scan(self, text: str, context: bool = False) -> list[ProductHit]:
        """Every maker the text names, once each, strongest evidence first. ``context``
        says the text is known to be about equipment (a trading name of a supplier), so a
        short name needs no equipment word beside it."""
        if not text or not text.strip():
            return []
        hits: dict[str, ProductHit] = {}
        for hit in self._model_hits(text):
            hits.setdefault(hit.entity_id, hit)
        tokens = latin_tokens(text)
        words = _words(text)
        equipment = (
            context
            or bool(EQUIPMENT_WORDS.intersection(tokens))
            or any(w in text for w in EQUIPMENT_HAN)
        )
        for key, shown in _ngrams(tokens, words):
            for entity in self.strong.get(key, ()):
                hits.setdefault(entity, ProductHit(entity, shown, HitKind.NAME))
            for entity in self.short.get(key, ()) if equipment else ():
                hits.setdefault(entity, ProductHit(entity, shown, HitKind.SHORT_NAME))
        written = to_simplified(nfkc(text))
        for table, kind, needs_context in (
            (self.han_strong, HitKind.NAME, False),
            (self.han_short, HitKind.SHORT_NAME, True),
        ):
            if needs_context and not equipment:
                continue
            for name, entities in table.items():
                if name in written:
                    for entity in entities:
                        hits.setdefault(entity, ProductHit(entity, name, kind))
        order = {HitKind.MODEL: 0, HitKind.NAME: 1, HitKind.SHORT_NAME: 2}
        return sorted(hits.values(), key=lambda h: (order[h.kind], h.entity_id))

    def _model_hits(self, text: str) -> Iterable[ProductHit]:
        upper = nfkc(text).upper()
        for pattern, model in self.models:
            found = pattern.search(upper)
            if found:
                yield ProductHit(model.entity_id, found.group(0), HitKind.MODEL, model.source)


def model_pattern(model: str) -> re.Pattern[str]:
    """An exact model number, letting ``-``, ``/`` and spaces stand for one another."""
    parts = [re.escape(p) for p in re.split(r"[-/\s]+", model.upper()) if p]
    return re.compile(r"(?<![A-Z0-9])" + r"[-/\s]?".join(parts) + r"(?![A-Z0-9])")


def _words(text: str) -> list[str]:
    """The Latin words of ``text`` as written, aligned with :func:`latin_tokens` where they
    agree in number (used to show the matched text)."""
    return re.findall(r"[0-9A-Za-z\u00c0-\u024f]+", nfkc(text))


def _ngrams(tokens: Sequence[str], words: Sequence[str]) -> Iterable[tuple[str, str]]:
    """Run-together keys of one to three consecutive words, with the words as written."""
    aligned = len(words) == len(tokens)
    for size in range(1, _MAX_NGRAM + 1):
        for start in range(len(tokens) - size + 1):
            key = "".join(tokens[start : start + size])
            shown = " ".join((words if aligned else tokens)[start : start + size])
            yield key, shown


__all__ = [
    "EQUIPMENT_WORDS",
    "HitKind",
    "ProductHit",
    "ProductIndex",
    "ProductModel",
    "model_pattern",
]
