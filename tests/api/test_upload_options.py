"""The API and the web app take the command line's reading options, and their refusals name
the uploaded file and the field or form control to set: never a command-line flag, never a
server path."""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from openpyxl import Workbook

from tests.api.conftest import Api, csrf_of, login, wait_done
from tests.conftest import ROOT

PASSWORD = "correct horse battery"
FLAG = re.compile(r"(?<![\w-])--[a-z]")


def _two_quarters() -> bytes:
    """A workbook with two sheets that both hold holdings: which one is meant is not said."""
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "Q2"
    second = book.create_sheet("Q3")
    for sheet, weight in ((first, 2.5), (second, 4.0)):
        sheet.append(["Security Name", "ISIN", "Weight"])
        sheet.append(["HANGZHOU HIKVISION DIGITAL TE-A", "CNE100000PM8", weight])
        sheet.append(["TENCENT HOLDINGS LTD", "KYG875721634", 100 - weight])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


BAD_ISIN = b"Name,ISIN,Weight\nHangzhou Hikvision,CNE100000PM9,2\nTencent,KYG875721634,8\n"
# "1,250" reads as 1250 or as 1.25, and nothing else in the column tells which.
DECIMAL = b"Name;ISIN;Weight\nHangzhou Hikvision;CNE100000PM8;1,250\nTencent;KYG875721634;3\n"
CASES = [
    ("Holdings 2026.xlsx", _two_quarters(), "the `sheet` field", "the “Worksheet” field"),
    (
        "fund.csv",
        BAD_ISIN,
        "`skip_invalid=true` screens the other rows",
        "the “Skip rows that cannot be read” box screens the other rows",
    ),
    (
        "fonds.csv",
        DECIMAL,
        "give `decimal=point` or `decimal=comma`",
        "give “Number format”: point or “Number format”: comma",
    ),
]


def _clean(message: str, api: Api) -> None:
    assert not FLAG.search(message), message
    assert api.ctx.settings.cache_dir not in message, message
    assert "/tmp" not in message, message


def _api_post(api: Api, name: str, content: bytes, **data: str):  # type: ignore[no-untyped-def]
    files = {"file": (name, content, "application/octet-stream")}
    return api.client.post("/screenings", headers=api.analyst, files=files, data=data)


@pytest.mark.parametrize(("name", "content", "api_hint", "_web"), CASES)
def test_api_refusals_name_the_file_and_the_field(
    api: Api, name: str, content: bytes, api_hint: str, _web: str
) -> None:
    response = _api_post(api, name, content)
    assert response.status_code == 400, response.text
    detail = response.json()["detail"]
    assert detail.startswith(name), detail  # the client's own name, spaces and all
    assert api_hint in detail
    _clean(detail, api)


@pytest.mark.parametrize(("name", "content", "_api", "web_hint"), CASES)
def test_web_refusals_name_the_file_and_the_control(
    api: Api, name: str, content: bytes, _api: str, web_hint: str
) -> None:
    assert login(api.client, "alice", PASSWORD).status_code == 303
    page = api.client.post(
        "/web/screenings",
        files={"file": (name, content, "application/octet-stream")},
        data={"csrf_token": csrf_of(api.client)},
    )
    assert page.status_code == 400
    error = re.search(r'<p class="error" role="alert" id="upload-error">(.*?)</p>', page.text)
    assert error, page.text
    message = unescape(error.group(1))
    assert message.startswith(name), message
    assert web_hint in message
    _clean(message, api)
    # The control the message names is on the form, under that label.
    label = web_hint.split("“")[1].split("”")[0]
    assert label in unescape(page.text.split('id="upload-form"')[1])


def test_the_cli_still_words_the_same_refusal_as_flags(api: Api, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from countersight.exc import InputError
    from countersight.inputs.portfolio import read_portfolio

    path = tmp_path / "fonds.csv"
    path.write_bytes(DECIMAL)
    with pytest.raises(InputError) as caught:
        read_portfolio(path)
    assert "give --decimal point or --decimal comma" in str(caught.value)


def _done(api: Api, response) -> dict:  # type: ignore[no-untyped-def, type-arg]
    assert response.status_code == 202, response.text
    job = wait_done(api, response.json()["id"], api.viewer)
    assert job["status"] == "done", job
    return job["result"]  # type: ignore[no-any-return]


def test_api_options_read_the_file_as_told(api: Api) -> None:
    sheet = _done(api, _api_post(api, "q.xlsx", _two_quarters(), sheet="q3"))
    assert sheet["input"]["sheet"] == "Q3"
    assert sheet["summary"]["exposed_share"] == 0.04
    comma = _done(api, _api_post(api, "fonds.csv", DECIMAL, decimal="comma"))
    assert [r["weight"] for r in comma["rows"]] == [1.25, 3.0]
    point = _done(api, _api_post(api, "fonds.csv", DECIMAL, decimal="point"))
    assert [r["weight"] for r in point["rows"]] == [1250.0, 3.0]
    skipped = _done(api, _api_post(api, "fund.csv", BAD_ISIN, skip_invalid="true"))
    assert [r["name"] for r in skipped["rows"]] == ["Tencent"]
    assert skipped["input"]["skipped"][0]["line"] == 2
    assert "CNE100000PM8" in skipped["input"]["skipped"][0]["reason"]
    suppliers = _done(api, _api_post(api, "fonds.csv", DECIMAL, decimal="comma", kind="suppliers"))
    assert suppliers["summary"]["share_of"] == "spend"
    firm = b"Firm,ISIN,Weight\nHangzhou Hikvision,CNE100000PM8,2\nTencent,KYG875721634,8\n"
    mapped = _done(api, _api_post(api, "firms.csv", firm, map="name=Firm"))
    assert [r["name"] for r in mapped["rows"]] == ["Hangzhou Hikvision", "Tencent"]
    by_ids = _done(api, _api_post(api, "firms.csv", firm, identifiers_only="true"))
    assert [r["name"] for r in by_ids["rows"]] == [None, None]


def test_api_refuses_an_unknown_choice_naming_the_field(api: Api) -> None:
    response = _api_post(api, "fonds.csv", DECIMAL, decimal="komma")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("decimal:")


def test_the_options_are_in_the_openapi_schema(api: Api) -> None:
    schema = api.client.get("/openapi.json").json()
    body = schema["paths"]["/screenings"]["post"]["requestBody"]["content"]
    ref = body["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[1]
    properties = schema["components"]["schemas"][ref]["properties"]
    assert {"file", "map", "sheet", "decimal", "kind", "skip_invalid"} <= set(properties)
    assert "description" in properties["skip_invalid"]
    enums = schema["components"]["schemas"]
    assert enums["Decimal"]["enum"] == ["point", "comma"]
    assert enums["Kind"]["enum"] == ["holdings", "suppliers"]


def test_web_options_read_the_file_as_told(api: Api) -> None:
    assert login(api.client, "alice", PASSWORD).status_code == 303
    posted = api.client.post(
        "/web/screenings",
        files={"file": ("fund.csv", BAD_ISIN, "text/csv")},
        data={"csrf_token": csrf_of(api.client), "skip_invalid": "true", "kind": "suppliers"},
        follow_redirects=False,
    )
    assert posted.status_code == 303, posted.text
    job_id = posted.headers["location"].rsplit("/", 1)[1]
    assert wait_done(api, job_id, {})["status"] == "done"
    page = " ".join(unescape(api.client.get(f"/web/screenings/{job_id}").text).split())
    assert "skipped line 2:" in page
    assert "of spend exposed" in page


def test_a_failed_screening_is_worded_by_each_front_end(api: Api) -> None:
    """A fund file without the fund's key fails in the background: the stored message is
    worded when shown, as the API's field and as the web form's control."""
    files = {
        "file": ("portfolio.csv", (ROOT / "examples" / "portfolio.csv").read_bytes()),
        "fund_file": ("fund.csv", (ROOT / "examples" / "fund-holdings.csv").read_bytes()),
    }
    posted = api.client.post("/screenings", headers=api.analyst, files=files)
    assert posted.status_code == 202, posted.text
    job = wait_done(api, posted.json()["id"], api.viewer)
    assert job["status"] == "failed"
    assert "give the fund's key: the `fund_key` field" in job["message"]
    _clean(job["message"], api)
    assert login(api.client, "alice", PASSWORD).status_code == 303
    page = unescape(api.client.get(f"/web/screenings/{job['id']}").text)
    assert "give the fund's key: the “Fund row to look through” field" in page
    listed = unescape(api.client.get("/web/screenings").text)
    assert "the “Fund row to look through” field" in listed
    assert not FLAG.search(page.split('id="main"')[1])
