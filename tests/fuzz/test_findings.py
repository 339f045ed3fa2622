"""What the fuzz suite found, one reproducer each. Open findings are marked
``xfail(strict=True)``: each turns into a failure (XPASS) the day its fix lands, so the mark
is removed with the fix; fixed ones stay as regression tests (issue 9 findings 2 and 13)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from countersight.exc import InputError
from countersight.service.context import Context
from countersight.service.loading import load_paths
from countersight.service.screening import ScreenOptions, read_input
from tests.conftest import fixture_data
from tests.fuzz.conftest import Template
from tests.fuzz.harness import Case, run_cases
from tests.fuzz.test_fuzz_match import _client, _named, _post
from tests.storeutil import snapshot


def _refusal(action: Callable[[], object]) -> str | None:
    """The InputError message ``action`` raises, or ``None`` when it succeeds."""
    try:
        action()
    except InputError as exc:
        return str(exc)
    return None


def test_un_list_with_a_repeated_entity_is_refused_or_deduplicated(
    ctx: Context, tmp_path: Path
) -> None:
    text = fixture_data("un-consolidated/UN_consolidated.xml").read_text(encoding="utf-8")
    start = text.index("<ENTITY>")
    end = text.index("</ENTITY>", start) + len("</ENTITY>")
    path = tmp_path / "UN_consolidated.xml"
    path.write_text(text[:end] + text[start:end] + text[end:], encoding="utf-8")
    before = snapshot(ctx.store)
    refusal = _refusal(lambda: load_paths(ctx, [path]))
    if refusal is not None:  # refusing is as good as de-duplicating, if it is clean
        assert "UN_consolidated.xml" in refusal
        assert snapshot(ctx.store) == before


def _workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Issuer Name", "ISIN", "Weight (%)"])
    sheet.append(["HANGZHOU HIKVISION DIGITAL-A", "CNE100000PM8", "1.5"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _damaged(part: str, cut: int) -> bytes:
    with zipfile.ZipFile(io.BytesIO(_workbook())) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[part] = parts[part][:cut]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        for name, body in parts.items():
            book.writestr(name, body)
    return out.getvalue()


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "[Content_Types].xml"])
def test_workbook_with_a_cut_xml_part_is_refused(part: str, tmp_path: Path) -> None:
    path = tmp_path / "portfolio.xlsx"
    path.write_bytes(_damaged(part, 200))
    with pytest.raises(InputError, match=r"portfolio\.xlsx"):
        read_input(path, ScreenOptions())


def _match_once(template: Template, label: str, body: bytes) -> None:
    report = run_cases(
        f"finding {label}", [Case(label, lambda w: _post(w, body))], _client(template)
    )
    assert not report.failures(), report.explain()


def test_match_with_a_lone_surrogate_is_a_400(template: Template) -> None:
    body = _named("Hik\\ud800vision").replace(b"\\\\ud800", b"\\ud800")
    assert b"Hik\\ud800vision" in body
    _match_once(template, "lone surrogate", body)


def test_match_with_a_60000_character_name_answers_within_the_bound(template: Template) -> None:
    _match_once(template, "long name", _named("haikangweishi" * 4616))


def test_refusal_quotes_at_most_a_bounded_part_of_a_cell(tmp_path: Path) -> None:
    path = tmp_path / "portfolio.csv"
    path.write_text(f"Issuer Name,Weight (%)\nAcme Co,1{'0x' * 5000}\n", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_input(path, ScreenOptions())
    assert "line 2" in str(refused.value)
    assert len(str(refused.value)) <= 1000


def test_reproducers_are_valid_json() -> None:
    assert json.loads(_named("x"))["queries"]["q"]["properties"]["name"] == ["x"]
