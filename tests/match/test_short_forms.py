"""Short forms met by chance: a full name whose initials happen to be a list's acronym alias
("Curious Goose Nursery" and CGN), and a name whose whole trade name is one short word of a
listed company's longer name ("R M Education" and "TSKB RM AO"). Found on real council spend
files screened with the OFAC non-SDN list loaded; the list records here are the real ones
(tests/data excerpt of the 2025-12 non-SDN consolidated list, and record 18793 of the full
file as it gives it). Held-out names were written after the rule, from other real supplier
names of the same shapes."""

from __future__ import annotations

import pytest

from countersight.match.engine import Matcher
from countersight.match.index import MatchIndex
from countersight.match.types import Query
from countersight.model import Entity, Name, NameKind, Schema
from countersight.sources import plan
from tests.conftest import ROOT

NONSDN = ROOT / "tests" / "data" / "ofac-consolidated-nonsdn-2025-12"


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    (job,) = plan([NONSDN])
    entities = list(job.run().entities)
    tskb = Entity(  # OFAC non-SDN 18793 (sectoral sanctions), its primary name and alias
        "ofac-18793",
        Schema.COMPANY,
        [
            Name(
                "AKTSIONERNOE OBSHCHESTVO TSENTRALNOE KONSTRUKTORSKOE BYURO "
                "REAKTIVNOGO MASHINOSTROENIYA",
                NameKind.PRIMARY,
            ),
            Name("TSKB RM, AO", NameKind.ALIAS),
        ],
        countries=["ru"],
    )
    resursy = Entity(  # OFAC non-SDN record as the 2025-12 file gives its names
        "ofac-rt-globalnye",
        Schema.COMPANY,
        [Name("RT - GLOBALNYE RESURSY OOO", NameKind.PRIMARY), Name("RT", NameKind.ALIAS)],
        countries=["ru"],
    )
    bmd = Entity(
        "ofac-bm-direktsiya",
        Schema.COMPANY,
        [Name("BM-DIREKTSIYA, OOO", NameKind.PRIMARY)],
        countries=["ru"],
    )
    return Matcher(MatchIndex.build([*entities, tskb, resursy, bmd]))


def _outcome(matcher: Matcher, name: str) -> tuple[str | None, str]:
    results = matcher.match(Query.build([name]), limit=1, cutoff=0.0)
    if not results or results[0].score < matcher.thresholds.review:
        return None, "clear"
    top = results[0]
    return top.entity_id, "match" if top.match else "review"


DEV = [  # the real council suppliers that went to review
    "CURIOUS GOOSE NURSERY",
    "HEADINGTON & DISTRICT ALLOTMENT ASSOCIATION",
    "DEVON SHIRT DESIGNS",
    "R M EDUCATION PLC",
    "THE FIRS",
    "RT MACHINERY LTD",  # two letters all the names share
    "S G WORLD LTD",
    "BDO LLP",  # not the initials of "BM-Direktsiya, OOO": OOO is already initials
    "ST JOHNS NURSERIES (NORTH) LTD",  # a bracket of compass words is a branch
]
HELD_OUT = [
    "Culm Green Nurseries Ltd",  # C G N
    "Dart Sailing Developments",  # D S D
    "Harbour Dental Access Alliance",  # H D A A
    "RM Consulting Ltd",
    "Firs Care Home",
    "First Bus",
    "RT Logistics Ltd",
    "BMD Consulting LLP",
    "Riverside Surgery (South West)",
]


@pytest.mark.parametrize("name", DEV + HELD_OUT)
def test_a_chance_short_form_is_not_even_a_review(matcher: Matcher, name: str) -> None:
    assert _outcome(matcher, name) == (None, "clear")


@pytest.mark.parametrize(
    ("name", "entity"),
    [
        ("CGN", "ofac-30937"),  # the acronym itself, as a fund file writes it
        ("China General Nuclear Power Corp", "ofac-30937"),
        ("Inner Mongolia First Machinery Group", "ofac-32078"),
        ("Jiangxi Hongdu Aviation Industry", "ofac-32088"),
        ("TSKB RM AO", "ofac-18793"),
    ],
)
def test_the_listed_names_themselves_still_match(matcher: Matcher, name: str, entity: str) -> None:
    assert _outcome(matcher, name) == (entity, "match")


def test_initials_as_the_query_still_reach_review_at_least(matcher: Matcher) -> None:
    # "HDAA" is the list's own acronym alias: a query written as initials meets it exactly.
    assert _outcome(matcher, "HDAA")[0] == "ofac-32088"
