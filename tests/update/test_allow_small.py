"""Known excerpts through ``update --from``: refused under the floor unless ``--allow-small``,
which loads them with a warning naming the file and its count, and never lets a cut file in."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

from countersight.api.wording import api_text
from countersight.exc import word
from countersight.service.context import Context
from countersight.service.staleness import list_warnings
from countersight.service.update import Outcome, UpdateOptions, update_lists
from countersight.store import Store
from tests.conftest import EXCERPTS, Cli
from tests.storeutil import snapshot
from tests.update.conftest import EU_A, UK_0910

LISTS = ["eu_fsf", "gb_fcdo_sanctions"]


def _excerpt_folder(tmp_path: Path) -> Path:
    """The committed EU and UK excerpts (both EU files, one with the synthetic bad record)."""
    folder = tmp_path / "lists"
    shutil.copytree(EXCERPTS / "eu", folder / "eu")
    shutil.copytree(EXCERPTS / "uk", folder / "uk")
    return folder


def test_excerpts_are_refused_without_allow_small(ctx: Context, tmp_path: Path) -> None:
    folder = _excerpt_folder(tmp_path)
    before = snapshot(ctx.store)
    results = {r.dataset: r for r in update_lists(ctx, LISTS, UpdateOptions(source_dir=folder))}
    assert {r.outcome for r in results.values()} == {Outcome.FAILED}
    message = results["eu_fsf"].message
    assert "eu-fsf-2026-08-05-excerpt-a.xml: 5 records, under the catalogue's floor of 2000" in (
        message
    )
    assert "--allow-small" in word(message)  # the command line's wording
    api = api_text(message) or ""  # /readyz shows a failed refresh's message: no flags
    assert "--" not in api
    assert "an administrator's override for known excerpts loads a known excerpt" in api
    assert snapshot(ctx.store) == before


def test_allow_small_loads_the_excerpts_with_a_warning(ctx: Context, tmp_path: Path) -> None:
    folder = _excerpt_folder(tmp_path)
    options = UpdateOptions(source_dir=folder, allow_small=True)
    results = {r.dataset: r for r in update_lists(ctx, LISTS, options)}
    eu, uk = results["eu_fsf"], results["gb_fcdo_sanctions"]
    assert (eu.outcome, uk.outcome) == (Outcome.UPDATED, Outcome.UPDATED)
    # Excerpt b holds the record its author made up (no nameAlias): still refused.
    assert eu.source.endswith("eu/eu-fsf-2026-08-05-excerpt-a.xml")
    assert "excerpt-b.xml" in eu.message
    assert "nameAlias: not a valid FSF v1.1 record" in eu.message
    assert word(eu.warning).endswith(
        "eu-fsf-2026-08-05-excerpt-a.xml holds 5 records, under the catalogue's floor of "
        "2000: loaded as asked (--allow-small), but it is an excerpt or a cut file, not the "
        "full list"
    )
    assert "2026-09-10-excerpt.xml holds 5 records" in uk.warning  # the newer UK excerpt
    source = ctx.store.source("eu_fsf")
    assert source is not None
    assert source.fetch is not None
    assert source.fetch["under_floor"] == {"records": 5, "floor": 2000}
    warnings = list_warnings(ctx.store.sources(), 10_000)
    assert any(w.startswith("eu_fsf holds only 5 records") for w in warnings), warnings


def test_allow_small_never_admits_a_cut_file(ctx: Context, tmp_path: Path) -> None:
    folder = tmp_path / "cut"
    folder.mkdir()
    (folder / "uk.xml").write_bytes(UK_0910.read_bytes()[:4000])
    before = snapshot(ctx.store)
    options = UpdateOptions(source_dir=folder, allow_small=True)
    [result] = update_lists(ctx, ["gb_fcdo_sanctions"], options)
    assert result.outcome == Outcome.FAILED
    assert "no usable uk-sanctions file" in result.message
    assert snapshot(ctx.store) == before


def test_allow_small_keeps_the_shrink_rule(ctx: Context, tmp_path: Path) -> None:
    """An excerpt does not replace a bigger loaded version without --force."""
    full = tmp_path / "full"
    full.mkdir()
    (full / "eu.xml").write_bytes(EU_A.read_bytes())
    update_lists(ctx, ["eu_fsf"], UpdateOptions(source_dir=full, force=True))
    text = EU_A.read_text(encoding="utf-8")
    first_end = text.index("</sanctionEntity>") + len("</sanctionEntity>")
    tail = text.rindex("</sanctionEntity>") + len("</sanctionEntity>")
    small = tmp_path / "small"
    small.mkdir()
    (small / "eu.xml").write_text(text[:first_end] + text[tail:], encoding="utf-8")
    before = snapshot(ctx.store)
    options = UpdateOptions(source_dir=small, allow_small=True)
    [result] = update_lists(ctx, ["eu_fsf"], options)
    assert result.outcome == Outcome.FAILED
    assert "1 records against 5 in the loaded version" in result.message
    assert snapshot(ctx.store) == before
    [forced] = update_lists(ctx, ["eu_fsf"], replace(options, force=True))
    assert forced.outcome == Outcome.UPDATED


def test_cli_allow_small_warns_and_succeeds(
    cli: Cli, cli_env: dict[str, str], tmp_path: Path
) -> None:
    folder = _excerpt_folder(tmp_path)
    refused = cli("update", *LISTS, "--from", folder)
    assert refused.exit_code == 1
    assert "--allow-small" in " ".join(refused.output.split())
    assert Store(cli_env["COUNTERSIGHT_DB"]).source("eu_fsf") is None
    loaded = cli("update", *LISTS, "--from", folder, "--allow-small", "--json")
    assert loaded.exit_code == 0, loaded.output
    start = loaded.output.index("[")
    rows = {
        r["dataset"]: r for r in json.loads(loaded.output[start : loaded.output.rindex("]") + 1])
    }
    assert rows["eu_fsf"]["outcome"] == "updated"
    assert "under the catalogue's floor of 2000" in rows["eu_fsf"]["warning"]
    sources = cli("sources")
    assert "gb_fcdo_sanctions holds only 2 records" not in sources.output
    assert "gb_fcdo_sanctions holds only 5 records" in " ".join(sources.output.split())
