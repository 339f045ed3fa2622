"""Background refresh in the server: requests keep being answered during a refresh, the new
index is swapped in when ready, and a failed refresh keeps the old data and says so."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from countersight.server.app import create_app
from countersight.service.context import Context, open_context
from countersight.service.refresh import Refresher
from countersight.service.update import UpdateOptions, update_lists
from countersight.settings import Settings
from tests.storeutil import snapshot
from tests.update.conftest import FAST, UK_0910, Publisher, excerpt_catalogue, url_of

UK_URL = url_of("gb_fcdo_sanctions")
OPTIONS = UpdateOptions(
    catalogue=excerpt_catalogue().model_copy(
        update={"lists": tuple(e for e in excerpt_catalogue().lists if e.dataset != "eu_fsf")}
    ),
    policy=FAST,
)
BNK = {"queries": {"q": {"schema": "Company", "properties": {"name": ["BNK (UK) Ltd"]}}}}


def _without_bnk() -> bytes:
    text = UK_0910.read_text(encoding="utf-8")
    record = text.index("<UniqueID>BEL0107</UniqueID>")
    start = text.rindex("<Designation>", 0, record)
    end = text.index("</Designation>", record) + len("</Designation>")
    return (text[:start] + text[end:]).encode("utf-8")


@pytest.fixture
def open_ctx(settings: Settings, publisher: Publisher) -> Iterator[Context]:
    context = open_context(replace(settings, list_mirror=publisher.base, open_reads=True))
    yield context
    context.store.close()


def _top(client: TestClient) -> str | None:
    response = client.post("/match/default", json=BNK)
    assert response.status_code == 200, response.text
    results = response.json()["responses"]["q"]["results"]
    return results[0]["id"] if results and results[0]["match"] else None


def test_requests_are_answered_during_a_refresh(open_ctx: Context, publisher: Publisher) -> None:
    publisher.serve(UK_URL, _without_bnk())
    update_lists(open_ctx, [], OPTIONS)
    app = create_app(ctx=open_ctx)
    refresher = Refresher(open_ctx, 3600, OPTIONS)
    app.state.refresher = refresher
    with TestClient(app) as client:
        for _ in range(300):
            if client.get("/healthz").json()["ready"]:
                break
            time.sleep(0.05)
        assert _top(client) is None
        publisher.serve(UK_URL, UK_0910.read_bytes())
        cycle = threading.Thread(target=refresher.run_once)
        cycle.start()
        answers = []
        while cycle.is_alive():
            answers.append(client.get("/readyz").status_code)
            answers.append(200 if _top(client) in (None, "gb-fcdo-BEL0107") else 500)
        cycle.join()
        assert answers
        assert set(answers) == {200}
        assert _top(client) == "gb-fcdo-BEL0107"
        details = client.get("/readyz").json()["refresh"]
        assert details["ok"] is True
        assert details["lists"] == {"gb_fcdo_sanctions": "updated"}


def test_failed_refresh_keeps_the_data_and_reports_it(
    open_ctx: Context, publisher: Publisher
) -> None:
    publisher.serve(UK_URL, UK_0910.read_bytes())
    update_lists(open_ctx, [], OPTIONS)
    app = create_app(ctx=open_ctx)
    refresher = Refresher(open_ctx, 3600, OPTIONS)
    app.state.refresher = refresher
    with TestClient(app) as client:
        for _ in range(300):
            if client.get("/healthz").json()["ready"]:
                break
            time.sleep(0.05)
        before = snapshot(open_ctx.store)
        publisher.routes[next(iter(publisher.routes))].mode = "500"
        state = refresher.run_once()
        assert state["ok"] is False
        assert "HTTP 500" in state["error"]
        ready = client.get("/readyz")
        assert ready.status_code == 200
        assert ready.json()["refresh"]["lists"] == {"gb_fcdo_sanctions": "failed"}
        assert _top(client) == "gb-fcdo-BEL0107"
        assert snapshot(open_ctx.store) == before


def test_refreshing_context_keeps_the_old_index_until_the_swap(
    open_ctx: Context, publisher: Publisher
) -> None:
    publisher.serve(UK_URL, _without_bnk())
    update_lists(open_ctx, [], OPTIONS)
    Refresher(open_ctx, 3600, OPTIONS)  # as the server does: refreshed in the background
    old = open_ctx.engine()
    publisher.serve(UK_URL, UK_0910.read_bytes())
    update_lists(open_ctx, [], OPTIONS)
    assert open_ctx.store.version() != old.view.version
    assert open_ctx.engine() is old  # no rebuild in a request's path
    new = open_ctx.refresh()
    assert open_ctx.engine() is new
    assert new.view.version == open_ctx.store.version()
    assert "gb-fcdo-BEL0107" in new.view.entities
    assert "gb-fcdo-BEL0107" not in old.view.entities


def test_readyz_words_a_refused_refresh_without_command_line_flags(
    open_ctx: Context, publisher: Publisher
) -> None:
    """A refresh refused by the record floor says what overrides it, as an administrator's
    option: API users are never told to pass --allow-small or --force."""
    publisher.serve(UK_URL, UK_0910.read_bytes())
    catalogue = OPTIONS.catalogue
    assert catalogue is not None
    strict = catalogue.model_copy(
        update={
            "lists": tuple(e.model_copy(update={"min_records": 10**6}) for e in catalogue.lists)
        }
    )
    app = create_app(ctx=open_ctx)
    refresher = Refresher(open_ctx, 3600, replace(OPTIONS, catalogue=strict))
    app.state.refresher = refresher
    with TestClient(app) as client:
        for _ in range(300):
            if client.get("/healthz").json()["ready"]:
                break
            time.sleep(0.05)
        assert refresher.run_once()["ok"] is False
        error = client.get("/readyz").json()["refresh"]["error"]
    assert "under the catalogue's floor of 1000000" in error
    assert "an administrator's override for known excerpts loads a known excerpt" in error
    assert "an administrator's forced update loads it anyway" in error
    assert "--" not in error
    assert "\ue000" not in error
