"""Build ``src/countersight/match/data/name_freq.tsv``: how many real organisations use each
trade-name word and each two-word phrase.

    .venv/bin/python benchmarks/name_freq.py

The corpus is every organisation in the official files of ``../shared/data`` (see
:mod:`benchmarks.corpus.names`: OFAC SDN and non-SDN, the 2023-11 CSL, UN, BIS, GLEIF and
the N-PORT holdings) plus the registry. Each name is analysed as the matcher analyses it;
an organisation counts once per word (document frequency), whatever the number of its
names. Only words used by at least two organisations are kept, which keeps the table small;
a word missing from the table is as rare as a word can be. The first line holds the number
of organisations, so the matcher can turn counts into rarity.
"""

from __future__ import annotations

import sys
from collections import Counter
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus.names import corpus  # noqa: E402
from countersight.normalize.names import NameForm, analyze  # noqa: E402
from countersight.sources import registry  # noqa: E402

TARGET = ROOT / "src" / "countersight" / "match" / "data" / "name_freq.tsv"
MIN_COUNT = 2


def terms(form: NameForm) -> set[str]:
    """The words and two-word phrases of one analysed name, as the table keys them."""
    if form.is_empty or form.all_generic:
        return set()
    if form.script == "han":
        core = form.han_core
        return {core, *(core[i : i + 2] for i in range(len(core) - 1))}
    words = form.distinct
    return {*words, *(f"{a} {b}" for a, b in pairwise(words))}


def main() -> None:
    groups: list[list[str]] = [[org.name, *org.other_names] for org in corpus()]
    groups += [[n.value for n in entity.names] for entity in registry.load().entities]
    counts: Counter[str] = Counter()
    for names in groups:
        found: set[str] = set()
        for name in names:
            found |= terms(analyze(name))
        counts.update(found)
    kept = sorted((t, n) for t, n in counts.items() if n >= MIN_COUNT)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    with TARGET.open("w", encoding="utf-8") as out:
        out.write(f"#organisations\t{len(groups)}\n")
        for term, count in kept:
            out.write(f"{term}\t{count}\n")
    print(f"{len(kept)} terms from {len(groups)} organisations -> {TARGET}")


if __name__ == "__main__":
    main()
