"""``POST /match`` bodies through the real app (FastAPI's TestClient): hypothesis-generated
yente-shaped bodies, and seeded byte mutations of a valid one.

Every answer must be 200, or a clean 400/413 with a one-line ``detail``; never a 500, a
hang or unbounded memory; and a refused body leaves the store as it was.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from countersight.server.app import create_app
from countersight.store import accounts
from tests.fuzz.conftest import CASES, Template, Worker
from tests.fuzz.harness import Case, Refused, run_cases
from tests.fuzz.mutate import mutate

YENTE_BODY = {
    "queries": {
        "q1": {
            "schema": "Company",
            "properties": {"name": ["Hangzhou Hikvision Digital Technology"], "country": ["cn"]},
        },
        "q2": {
            "schema": "Company",
            "properties": {"name": ["海康威视"], "isinCode": ["CNE100000PM8"]},
        },
    }
}
PROPERTIES = ["name", "alias", "country", "isinCode", "leiCode", "registrationNumber",
              "address", "jurisdiction", "ticker", "uscc"]  # fmt: skip
NAMES = st.text(max_size=120) | st.sampled_from(
    ["Hikvision", "海康威视", "HANGZHOU HIKVISION", "CNE100000PM8", "", " ", "\x00", "a" * 400]
)
VALUES: st.SearchStrategy[Any] = st.lists(NAMES, max_size=4) | st.one_of(
    st.none(), st.integers(), st.floats(allow_nan=True), NAMES,
    st.lists(st.integers() | st.none() | st.dictionaries(NAMES, NAMES, max_size=2), max_size=3),
)  # fmt: skip
EXAMPLES = st.fixed_dictionaries(
    {
        "schema": st.sampled_from(["Company", "Organization", "LegalEntity", "Person", "Thing"])
        | NAMES,
        "properties": st.dictionaries(st.sampled_from(PROPERTIES) | NAMES, VALUES, max_size=5),
    }
) | st.one_of(st.none(), NAMES, st.integers(), st.lists(NAMES, max_size=2))
VALID_EXAMPLES = st.fixed_dictionaries(
    {
        "schema": st.sampled_from(["Company", "Organization", "LegalEntity"]),
        "properties": st.fixed_dictionaries(
            {"name": st.lists(NAMES, min_size=1, max_size=3)},
            optional={p: st.lists(NAMES, min_size=1, max_size=2) for p in PROPERTIES[1:]},
        ),
    }
)
VALID_QUERIES = st.dictionaries(NAMES, VALID_EXAMPLES, min_size=1, max_size=4)
ODD_QUERIES = st.dictionaries(NAMES, EXAMPLES, max_size=4) | st.none() | NAMES
QUERIES = st.integers(0, 9).flatmap(lambda k: VALID_QUERIES if k < 7 else ODD_QUERIES)
BODIES = st.fixed_dictionaries(
    {"queries": QUERIES},
    optional={
        "weights": st.dictionaries(NAMES, st.floats() | NAMES, max_size=2),
        "config": st.dictionaries(NAMES, VALUES, max_size=2),
    },
)


def _generated(count: int) -> list[bytes]:
    """``count`` bodies from :data:`BODIES`, the same on every run (derandomized)."""
    found: list[bytes] = []

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(BODIES)
    def collect(body: dict[str, Any]) -> None:
        found.append(json.dumps(body, allow_nan=True).encode("utf-8"))

    collect()
    return found


def _named(name: str) -> bytes:
    """A valid body whose one query has this name (escaped as JSON)."""
    return json.dumps(
        {"queries": {"q": {"schema": "Company", "properties": {"name": [name]}}}}
    ).encode()


EDGES = [
    ("a lone surrogate escape in a name", _named("Hik\ud800vision")),
    ("a 2,000-character pinyin-like name", _named("haikangweishi" * 154)),
    ("a 60,000-character pinyin-like name", _named("haikangweishi" * 4616)),
    ("a 20,000-character name of words", _named("Hangzhou Hikvision Digital " * 740)),
    ("100 queries", json.dumps({"queries": {f"q{i}": YENTE_BODY["queries"]["q1"] for i in range(100)}}).encode()),
    ("101 queries", json.dumps({"queries": {f"q{i}": YENTE_BODY["queries"]["q1"] for i in range(101)}}).encode()),
]  # fmt: skip


def _mutated(count: int) -> list[tuple[str, bytes]]:
    rng = random.Random("match:bytes")
    base = json.dumps(YENTE_BODY, ensure_ascii=False).encode("utf-8")
    escapes = [b"\\ud800", b"\\udfff", b"\\u0000", b'\\"', b"\\"]
    out = []
    for _ in range(count):
        label, body = mutate(rng, base)
        if rng.random() < 0.2:
            at = rng.randrange(len(body) + 1)
            token = rng.choice(escapes)
            label, body = f"{label}; insert {token!r} at {at}", body[:at] + token + body[at:]
        out.append((label, body))
    return out


def _client(template: Template) -> Any:
    def setup() -> Worker:
        worker = template.worker("match")
        accounts.add_user(worker.ctx.store, "victor", "viewer", "correct horse battery")
        key = accounts.new_api_key(worker.ctx.store, "victor")
        worker.headers = {"Authorization": f"ApiKey {key}", "Content-Type": "application/json"}
        worker.client = TestClient(create_app(ctx=worker.ctx)).__enter__()
        for _ in range(300):
            if worker.client.get("/healthz").json()["ready"]:
                break
            time.sleep(0.05)
        return worker

    return setup


def _post(worker: Worker, body: bytes) -> None:
    response = worker.client.post("/match/default", content=body, headers=worker.headers)
    if response.status_code in (400, 413):
        raise Refused(str(response.json().get("detail")))
    if response.status_code != 200:
        raise AssertionError(f"HTTP {response.status_code}: {response.text[:200]}")


def _poster(body: bytes) -> Callable[[Worker], None]:
    return lambda worker: _post(worker, body)


def _cases(bodies: list[tuple[str, bytes]]) -> list[Case]:
    return [Case(f"{label} ({len(body)} bytes)", _poster(body)) for label, body in bodies]


def test_match_bodies_from_hypothesis(template: Template) -> None:
    bodies = [(f"generated #{n}", b) for n, b in enumerate(_generated(CASES * 2))]
    report = run_cases("match generated", _cases(bodies), setup=_client(template))
    assert report.counts["ok"] > 0
    assert report.counts["refused"] > 0
    assert not report.failures(), report.explain()


def test_match_bodies_from_byte_mutations(template: Template) -> None:
    bodies = EDGES + _mutated(CASES)
    report = run_cases("match mutated", _cases(bodies), setup=_client(template))
    assert report.counts["refused"] > 0
    assert not report.failures(), report.explain()
