"""The script a name is written in, and the language tag a name gets from its source.

Sources tag names unevenly: the EU gives an ISO 639-1 ``nameLanguage`` (often empty), the
UK separates "non-Latin" names without saying which language. :func:`name_lang` keeps the
source's language where :class:`~countersight.model.Lang` knows it, and otherwise tags
the script the letters are in (``und-Cyrl``, ``und-Arab``...), so a Cyrillic or Arabic
name is never an anonymous ``und``. Han text becomes ``zh-Hans`` or ``zh-Hant`` by its
characters. Latin letters say nothing about the language, so they stay ``und``.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from countersight.model import Lang
from countersight.normalize.chinese import to_simplified

# The first word of a letter's Unicode name, to its ISO 15924 script code.
_SCRIPTS = {
    "LATIN": "Latn",
    "CYRILLIC": "Cyrl",
    "ARABIC": "Arab",
    "GREEK": "Grek",
    "HEBREW": "Hebr",
    "ARMENIAN": "Armn",
    "GEORGIAN": "Geor",
    "DEVANAGARI": "Deva",
    "THAI": "Thai",
    "HANGUL": "Hang",
    "HIRAGANA": "Jpan",
    "KATAKANA": "Jpan",
    "CJK": "Hani",
}
_BY_SCRIPT = {
    "Arab": Lang.UND_ARAB,
    "Armn": Lang.UND_ARMN,
    "Cyrl": Lang.UND_CYRL,
    "Deva": Lang.UND_DEVA,
    "Geor": Lang.UND_GEOR,
    "Grek": Lang.UND_GREK,
    "Hang": Lang.UND_HANG,
    "Hebr": Lang.UND_HEBR,
    "Jpan": Lang.UND_JPAN,
    "Thai": Lang.UND_THAI,
}
# Deprecated or mistaken codes seen for a language Lang knows.
_ALIASES = {"iw": "he", "gr": "el", "ua": "uk"}
_LANGUAGES = {tag.value for tag in Lang if "-" not in tag.value} - {"und", "zh"}


def script_of(text: str) -> str | None:
    """The ISO 15924 code of the script most of the letters are in (Japanese kana make
    ``Jpan`` whatever Han characters come with them); ``None`` without letters."""
    counts: Counter[str] = Counter()
    for char in text:
        if not char.isalpha():
            continue
        word = unicodedata.name(char, "").split(" ", 1)[0]
        script = _SCRIPTS.get(word)
        if script:
            counts[script] += 1
    if not counts:
        return None
    if counts["Jpan"]:
        return "Jpan"
    return counts.most_common(1)[0][0]


def _chinese(text: str) -> Lang:
    return Lang.ZH_HANS if to_simplified(text) == text else Lang.ZH_HANT


def name_lang(text: str, code: str | None = None) -> Lang:
    """The tag of a name: the source's language ``code`` (ISO 639-1, any case) when known,
    else the script of ``text`` (see the module docstring)."""
    script = script_of(text)
    given = (code or "").strip().lower().replace("_", "-").split("-", 1)[0]
    given = _ALIASES.get(given, given)
    if given == "zh":
        return _chinese(text) if script == "Hani" else Lang.UND
    if given in _LANGUAGES:
        return Lang(given)
    if script == "Hani":
        return _chinese(text)
    return _BY_SCRIPT.get(script or "", Lang.UND)
