"""The compiled scorer: the matching and normalising modules compiled with mypyc from their
own source, so that compiled and pure Python give the same scores by construction (one
copy of every rule; the compiler only removes the interpreter's overhead).

``make install`` (and so both of the README's commands) runs ``scripts/build-native``,
which compiles :data:`COMPILED` in place and writes a manifest of the sources it compiled.
At import, :func:`install` compares that manifest with the sources: when the build is
missing, made from other sources (a module edited since), made for another Python, or
``COUNTERSIGHT_PURE_PYTHON=1`` is set, every one of these modules is loaded from its
``.py`` file instead, which is the pure-Python scorer, and one warning says why (none when
the pure scorer was asked for).

The feature tables (``match/features.py``, ``match/entity_features.py``) are not compiled:
their docstrings are the explanations users read, and compiled functions carry none.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

log = logging.getLogger("countersight")

PURE_ENV = "COUNTERSIGHT_PURE_PYTHON"
PACKAGE_DIR = Path(__file__).resolve().parent
MANIFEST = PACKAGE_DIR / "_native.json"
GROUP = "countersight._scorer"
"""The one shared library that holds every compiled module (``_scorer__mypyc``)."""

COMPILED: tuple[str, ...] = tuple(
    f"countersight.{name}"
    for name in (
        "match.affiliate",
        "match.business",
        "match.compare",
        "match.engine",
        "match.groups",
        "match.index",
        "match.packed",
        "match.parallel",
        "match.parts",
        "match.products",
        "match.rarity",
        "match.resolve",
        "match.scoring",
        "match.short_names",
        "match.types",
        "normalize.chinese",
        "normalize.company_numbers",
        "normalize.compound",
        "normalize.countries",
        "normalize.identifiers",
        "normalize.lexicon",
        "normalize.names",
        "normalize.pinyin_syllables",
        "normalize.places",
        "normalize.scripts",
        "normalize.storable",
        "normalize.text",
        "normalize.tickers",
    )
)
"""The modules compiled, by name: the hot path (analysing names, candidates, comparing)."""


class Scorer(StrEnum):
    """Which scorer this process runs, and why."""

    COMPILED = "compiled"
    PURE_REQUESTED = "pure-requested"
    NOT_BUILT = "not-built"
    STALE = "stale"
    OTHER_PYTHON = "other-python"


_WHY = {
    Scorer.NOT_BUILT: "the compiled scorer is not built",
    Scorer.STALE: "the compiled scorer was built from other sources",
    Scorer.OTHER_PYTHON: "the compiled scorer was built for another Python",
}


def source_path(module: str) -> Path:
    """The ``.py`` file of one of :data:`COMPILED`."""
    return PACKAGE_DIR.joinpath(*module.split(".")[1:]).with_suffix(".py")


def digests(modules: Sequence[str] = COMPILED) -> dict[str, str]:
    """SHA-256 of each module's source, as the build records them."""
    return {m: hashlib.sha256(source_path(m).read_bytes()).hexdigest() for m in modules}


def ext_suffix() -> str:
    return importlib.machinery.EXTENSION_SUFFIXES[0]


def write_manifest() -> None:
    """Record what was just compiled (called by ``scripts/build-native``)."""
    manifest = {"suffix": ext_suffix(), "sources": digests()}
    MANIFEST.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def decide(env: Mapping[str, str] | None = None) -> Scorer:
    """Which scorer to load: compiled unless pure Python is asked for in ``env`` (the
    process environment by default), and only when built from these very sources."""
    if (os.environ if env is None else env).get(PURE_ENV, "").strip() not in ("", "0"):
        return Scorer.PURE_REQUESTED
    try:
        manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Scorer.NOT_BUILT
    if manifest.get("suffix") != ext_suffix():
        return Scorer.OTHER_PYTHON
    if manifest.get("sources") != digests():
        return Scorer.STALE
    for module in COMPILED:
        if not source_path(module).with_suffix(ext_suffix()).exists():
            return Scorer.NOT_BUILT
    return Scorer.COMPILED


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Loads the compiled modules from their ``.py`` files (the pure-Python scorer)."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        if fullname not in _NAMES:
            return None
        return importlib.util.spec_from_file_location(fullname, source_path(fullname))


_NAMES = frozenset(COMPILED)
_state: list[Scorer] = []


def install() -> Scorer:
    """Decide once per process, before any scorer module is imported (``countersight``'s
    ``__init__`` calls this); warn when the compiled scorer should be there and is not."""
    if _state:
        return _state[0]
    scorer = decide()
    _state.append(scorer)
    if scorer is not Scorer.COMPILED:
        if not any(isinstance(f, _SourceFinder) for f in sys.meta_path):
            sys.meta_path.insert(0, _SourceFinder())
        if scorer is not Scorer.PURE_REQUESTED:
            log.warning(
                "countersight: %s;\nrunning the pure-Python scorer: same scores, slower "
                "(`make native` builds it).",
                _WHY[scorer],
            )
    return scorer


def scorer() -> Scorer:
    """The scorer this process runs (see :func:`install`)."""
    return install()


def describe() -> str:
    """The scorer in words, for ``countersight --version``."""
    found = scorer()
    if found is Scorer.COMPILED:
        return "compiled scorer"
    if found is Scorer.PURE_REQUESTED:
        return f"pure-Python scorer, as {PURE_ENV} asks"
    return f"pure-Python scorer: {_WHY[found]}"


def flavour() -> str:
    """A short tag for caches that hold objects of these modules: ``c`` or ``py``."""
    return "c" if scorer() is Scorer.COMPILED else "py"
