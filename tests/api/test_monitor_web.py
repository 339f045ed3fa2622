"""'Monitor this screening' in the web app: analysts only, CSRF-protected, the watch keeps
the screening's file and options; the digest page shows what a re-screen changed."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete

from countersight.exc import NotFound
from countersight.service import watches
from countersight.service.update import Outcome, UpdateOptions, update_lists
from countersight.store import jobs as jobs_store
from countersight.store import tables
from countersight.store import watches as store_watches
from tests.api.conftest import Api, csrf_of, login, wait_done
from tests.conftest import ROOT
from tests.update.conftest import UK_0910, uk_without_bnk

EXAMPLE = ROOT / "examples" / "portfolio.csv"
FUND = ROOT / "examples" / "fund-holdings.csv"
# The name column has a header no reader guesses: only the mapping makes the file readable.
SUPPLIERS = b"Vendor label,Amount\nBNK (UK) Ltd,1200\nOxford Bus Company,300\n"


def load_uk(api: Api, folder: Path, data: bytes) -> None:
    """Load a version of the UK excerpt through ``update --from --allow-small``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "uk.xml").write_bytes(data)
    options = UpdateOptions(source_dir=folder, allow_small=True)
    [result] = update_lists(api.ctx, ["gb_fcdo_sanctions"], options)
    assert result.outcome == Outcome.UPDATED, result.message
    api.ctx.refresh()  # as the server's refresh does: switch to the new index now


def _signed_in(api: Api, name: str) -> tuple[TestClient, str]:
    client = TestClient(api.client.app)
    assert login(client, name, "correct horse battery").status_code == 303
    return client, csrf_of(client)


def _screen(api: Api, client: TestClient, csrf: str) -> str:
    files = {"file": ("suppliers.csv", SUPPLIERS, "text/csv")}
    data = {"csrf_token": csrf, "mapping": "name=Vendor label"}
    response = client.post("/web/screenings", files=files, data=data, follow_redirects=False)
    assert response.status_code == 303, response.text
    job_id = response.headers["location"].rsplit("/", 1)[1]
    assert wait_done(api, job_id, api.viewer)["status"] == "done"
    return job_id


def test_only_analysts_with_the_form_token_can_monitor(api: Api, tmp_path: Path) -> None:
    load_uk(api, tmp_path / "v1", uk_without_bnk())
    alice, csrf = _signed_in(api, "alice")
    job_id = _screen(api, alice, csrf)
    victor, victor_csrf = _signed_in(api, "victor")
    assert "Monitor this screening" not in victor.get(f"/web/screenings/{job_id}").text
    as_viewer = victor.post(
        f"/web/screenings/{job_id}/monitor",
        data={"csrf_token": victor_csrf, "name": "x"},
        follow_redirects=False,
    )
    assert as_viewer.status_code == 403
    page = alice.get(f"/web/screenings/{job_id}").text
    assert "Monitor this screening" in page
    no_token = alice.post(
        f"/web/screenings/{job_id}/monitor", data={"name": "x"}, follow_redirects=False
    )
    assert no_token.status_code == 403
    assert store_watches.watches(api.ctx.store) == []

    made = alice.post(
        f"/web/screenings/{job_id}/monitor",
        data={"csrf_token": csrf, "name": "suppliers"},
        follow_redirects=False,
    )
    assert made.status_code == 303
    assert made.headers["location"] == "/web/watches#watch-suppliers"
    [watch] = store_watches.watches(api.ctx.store)
    assert (watch.file_name, watch.content) == ("suppliers.csv", SUPPLIERS)
    assert watch.options["mapping"] == ["name=Vendor label"]
    assert watch.options["job"] == job_id
    assert watch.created_by == "alice"
    page = alice.get(f"/web/screenings/{job_id}").text
    assert "Monitored as" in page
    assert "Monitor this screening" not in page
    again = alice.post(
        f"/web/screenings/{job_id}/monitor", data={"csrf_token": csrf, "name": "other"}
    )
    assert again.status_code == 400
    assert "already monitored as &#39;suppliers&#39;" in again.text


def test_digest_page_shows_new_and_cleared_hits(api: Api, tmp_path: Path) -> None:
    load_uk(api, tmp_path / "v1", uk_without_bnk())
    alice, csrf = _signed_in(api, "alice")
    job_id = _screen(api, alice, csrf)
    alice.post(f"/web/screenings/{job_id}/monitor", data={"csrf_token": csrf, "name": "sup"})
    assert "No change since monitoring began" in alice.get("/web/watches").text

    load_uk(api, tmp_path / "v2", UK_0910.read_bytes())  # BNK (UK) Ltd designated
    [(name, digest)] = watches.rescreen_all(api.ctx, "lists updated: gb_fcdo_sanctions")
    assert name == "sup"
    assert digest is not None
    page = alice.get("/web/watches").text
    assert "Changed at the last re-screen" in page
    assert "New hits (1)" in page
    assert "BNK (UK) Ltd" in page
    assert "record BEL0107" in page
    assert "listed 2021-06-21" in page
    assert "lists updated: gb_fcdo_sanctions" in page

    load_uk(api, tmp_path / "v3", uk_without_bnk())  # and taken off again
    [(_, cleared)] = watches.rescreen_all(api.ctx, "lists updated: gb_fcdo_sanctions")
    assert cleared is not None
    [row] = cleared["cleared"]
    assert row["name"] == "BNK (UK) Ltd"
    assert row["was"][0]["caption"] == "BNK (UK) Ltd"
    page = alice.get("/web/watches").text
    assert "Cleared hits (1)" in page
    assert "New hits (0)" in page
    assert any("UK" in label for label in row["was"][0]["lists"]), row["was"]
    # A re-screen that changes nothing says so, and still shows the latest change.
    assert watches.rescreen_all(api.ctx, "again") == [("sup", None)]
    assert (
        "No change at the last re-screen. The latest change was" in alice.get("/web/watches").text
    )


def test_the_watch_keeps_the_fund_file_and_rescreens_the_same(api: Api) -> None:
    """A screening with a fund look-through: the watch keeps the fund file and its key, and
    re-screened against unchanged lists it finds exactly what the screening found."""
    alice, csrf = _signed_in(api, "alice")
    files = {
        "file": ("portfolio.csv", EXAMPLE.read_bytes(), "text/csv"),
        "fund_file": ("fund-holdings.csv", FUND.read_bytes(), "text/csv"),
    }
    data = {"fund_key": "IE000EXMPL08", "csrf_token": csrf}
    response = alice.post("/web/screenings", files=files, data=data, follow_redirects=False)
    job_id = response.headers["location"].rsplit("/", 1)[1]
    job = wait_done(api, job_id, api.viewer)
    assert job["result"]["summary"]["flagged_rows"] > 0
    alice.post(f"/web/screenings/{job_id}/monitor", data={"csrf_token": csrf, "name": "book"})
    [watch] = store_watches.watches(api.ctx.store)
    [fund] = watch.options["holdings"]
    assert (fund["key"], fund["file_name"]) == ("IE000EXMPL08", "fund-holdings.csv")
    assert base64.b64decode(fund["content_b64"]) == FUND.read_bytes()
    again = watches.screen_watch(api.ctx, watch)
    assert again["summary"] == job["result"]["summary"]
    assert watches.rescreen_all(api.ctx, "no list changed") == [("book", None)]


def test_a_screening_without_its_kept_files_says_so(api: Api, tmp_path: Path) -> None:
    """A screening run before inputs were kept cannot be monitored: a clear message on its
    page, and no watch."""
    load_uk(api, tmp_path / "v1", uk_without_bnk())
    alice, csrf = _signed_in(api, "alice")
    job_id = _screen(api, alice, csrf)
    with api.ctx.store.engine.begin() as conn:
        conn.execute(delete(tables.job_inputs).where(tables.job_inputs.c.job_id == job_id))
    answer = alice.post(
        f"/web/screenings/{job_id}/monitor", data={"csrf_token": csrf, "name": "old"}
    )
    assert answer.status_code == 400
    assert "is no longer kept" in answer.text
    assert "upload the file again to monitor it" in answer.text
    assert 'id="rows"' in answer.text  # the results page, with the message
    assert store_watches.watches(api.ctx.store) == []


def test_files_older_than_the_retention_go_when_a_screening_finishes(
    api: Api, tmp_path: Path
) -> None:
    """job_inputs_days (90 by default): the next finished screening deletes the kept files
    of older screenings, except one a watch was made from; a pruned one says so."""
    assert api.ctx.settings.job_inputs_days == 90
    load_uk(api, tmp_path / "v1", uk_without_bnk())
    alice, csrf = _signed_in(api, "alice")
    old, watched = _screen(api, alice, csrf), _screen(api, alice, csrf)
    made = alice.post(
        f"/web/screenings/{watched}/monitor", data={"csrf_token": csrf, "name": "kept"}
    )
    assert made.status_code in (200, 303), made.text
    long_ago = datetime.now(UTC) - timedelta(days=91)
    for job_id in (old, watched):
        jobs_store.update_job(api.ctx.store, job_id, created_at=long_ago)
    assert jobs_store.job_input(api.ctx.store, old)[0] == "suppliers.csv"  # until the next one
    new = _screen(api, alice, csrf)
    with pytest.raises(NotFound, match="no longer kept"):
        jobs_store.job_input(api.ctx.store, old)
    assert jobs_store.job_input(api.ctx.store, watched)[0] == "suppliers.csv"
    assert jobs_store.job_input(api.ctx.store, new)[0] == "suppliers.csv"
    answer = alice.post(f"/web/screenings/{old}/monitor", data={"csrf_token": csrf, "name": "o"})
    assert answer.status_code == 400
    assert "is no longer kept" in answer.text
