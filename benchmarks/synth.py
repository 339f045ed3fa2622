"""Synthetic organisation names for the speed benchmark: Latin and Chinese, with the variants
screening meets (fund-file truncation and share classes, supplier spellings, Chinese full and
short names, traditional script, full-width forms, pinyin, typos).

Deterministic for a seed. Entities look like list records: a Latin name, and for about a
third a Han name whose trade name the Latin name spells in pinyin (as Chinese companies'
English names usually do).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from countersight.model import Entity, Lang, Name, NameKind, Schema

_ONSETS = [
    "b",
    "c",
    "d",
    "f",
    "g",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "w",
    "z",
    "br",
    "cr",
    "gr",
    "pr",
    "tr",
    "st",
    "sh",
    "ch",
    "th",
    "fl",
    "bl",
    "kl",
]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ei", "ou", "ia", "io", "ea"]
_CODAS = ["", "", "n", "r", "s", "x", "l", "m", "nd", "rt", "st", "ck", "ng", "v"]
_GENERIC_EN = [
    "Technology",
    "Technologies",
    "Information",
    "Digital",
    "Electronics",
    "Systems",
    "Industries",
    "Holdings",
    "Group",
    "International",
    "Network",
    "Software",
    "Data",
    "Intelligent",
    "Engineering",
    "Trading",
    "Capital",
    "Energy",
    "Pharmaceutical",
    "Materials",
    "Logistics",
    "Media",
    "Security",
    "Services",
]
_LEGAL_EN = [
    "Co., Ltd.",
    "Inc.",
    "Ltd.",
    "Limited",
    "Corporation",
    "Corp.",
    "PLC",
    "LLC",
    "Company Limited",
    "S.A.",
    "AG",
    "GmbH",
    "Group Co., Ltd.",
]
_PLACES = [
    ("杭州", "Hangzhou"),
    ("深圳", "Shenzhen"),
    ("北京", "Beijing"),
    ("上海", "Shanghai"),
    ("浙江", "Zhejiang"),
    ("江苏", "Jiangsu"),
    ("广州", "Guangzhou"),
    ("厦门", "Xiamen"),
    ("成都", "Chengdu"),
    ("武汉", "Wuhan"),
    ("南京", "Nanjing"),
    ("苏州", "Suzhou"),
    ("新疆", "Xinjiang"),
    ("天津", "Tianjin"),
    ("重庆", "Chongqing"),
    ("合肥", "Hefei"),
]
_HAN = (
    "安邦宝博昌辰成诚达大德鼎东方飞丰锋富广海瀚航浩和恒弘鸿华辉汇佳嘉建金锦晶京凯康科坤蓝朗利"
    "联良林龙隆伦美敏明铭南鹏平奇启乾强青清荣瑞润森山尚盛视思泰天通同拓万威维伟文欣新鑫信星"
    "兴旭亚扬耀业怡亿易英盈永优宇远悦越云泽展兆正志智中众卓"
)
_GENERIC_ZH = [
    ("科技", "Technology"),
    ("信息技术", "Information Technology"),
    ("电子", "Electronics"),
    ("数字技术", "Digital Technology"),
    ("网络", "Network"),
    ("智能科技", "Intelligent Technology"),
    ("软件", "Software"),
    ("通信", "Communication"),
    ("实业", "Industrial"),
    ("投资", "Investment"),
    ("医药", "Pharmaceutical"),
]
_LEGAL_ZH = ["股份有限公司", "有限公司", "集团有限公司", "有限责任公司", "集团股份有限公司"]
_SHARE = ["-A", "-H", " CL B", "-B", " ADR", "-W", ""]


@dataclass(frozen=True, slots=True)
class SynthQuery:
    text: str
    kind: str
    target: int | None  # entity number the query should find, None for a stranger


def _word(rng: random.Random) -> str:
    parts = [
        rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
        for _ in range(rng.choice((2, 2, 3)))
    ]
    return "".join(parts).capitalize()


class Generator:
    """Makes entities and queries from one seed."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.latin: list[str] = []
        self.han: list[str | None] = []

    def _latin_name(self) -> str:
        rng = self.rng
        parts = []
        if rng.random() < 0.3:
            parts.append(rng.choice(_PLACES)[1])
        parts.append(_word(rng))
        if rng.random() < 0.35:
            parts.append(_word(rng))
        for _ in range(rng.choice((0, 1, 1, 2))):
            parts.append(rng.choice(_GENERIC_EN))
        parts.append(rng.choice(_LEGAL_EN))
        return " ".join(parts)

    def _han_pair(self) -> tuple[str, str]:
        rng = self.rng
        place_zh, place_en = rng.choice(_PLACES) if rng.random() < 0.6 else ("", "")
        core = "".join(rng.choice(_HAN) for _ in range(rng.choice((2, 2, 3, 4))))
        generic_zh, generic_en = rng.choice(_GENERIC_ZH)
        han = place_zh + core + generic_zh + rng.choice(_LEGAL_ZH)
        from pypinyin import lazy_pinyin

        pinyin = "".join(lazy_pinyin(core)).capitalize()
        latin = " ".join(p for p in (place_en, pinyin, generic_en, "Co., Ltd.") if p)
        return han, latin

    def entities(self, count: int) -> Iterator[Entity]:
        for number in range(count):
            han: str | None = None
            if self.rng.random() < 0.33:
                han, latin = self._han_pair()
            else:
                latin = self._latin_name()
            self.latin.append(latin)
            self.han.append(han)
            names = [Name(latin, NameKind.PRIMARY, Lang.EN)]
            if han:
                names.append(Name(han, NameKind.ALIAS, Lang.ZH_HANS))
            yield Entity(
                id=f"syn-{number}",
                schema=Schema.COMPANY,
                names=names,
                countries=["cn"] if han else [],
                datasets=["synthetic"],
            )

    def _fund_file(self, name: str) -> str:
        text = name.upper().replace(",", "").replace(".", "")
        suffix = self.rng.choice(_SHARE)
        return text[: 30 - len(suffix)].rstrip() + suffix

    def _typo(self, name: str) -> str:
        if len(name) < 6:
            return name
        i = self.rng.randrange(1, len(name) - 1)
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]

    def queries(self, count: int) -> list[SynthQuery]:
        """Variants of generated entities (80%) and strangers (20%)."""
        import opencc

        s2t = opencc.OpenCC("s2t")
        rng = self.rng
        out: list[SynthQuery] = []
        total = len(self.latin)
        for _ in range(count):
            if rng.random() < 0.2:
                out.append(SynthQuery(self._latin_name(), "stranger", None))
                continue
            n = rng.randrange(total)
            latin, han = self.latin[n], self.han[n]
            roll = rng.random()
            if han and roll < 0.15:
                out.append(SynthQuery(han, "zh_full", n))
            elif han and roll < 0.25:
                out.append(SynthQuery(s2t.convert(han), "zh_traditional", n))
            elif han and roll < 0.3:
                full = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in latin)
                out.append(SynthQuery(full, "fullwidth", n))
            elif roll < 0.6:
                out.append(SynthQuery(self._fund_file(latin), "fund_file", n))
            elif roll < 0.8:
                out.append(SynthQuery(latin.replace("Co., Ltd.", "Company Limited"), "supplier", n))
            else:
                out.append(SynthQuery(self._typo(latin), "typo", n))
        return out
