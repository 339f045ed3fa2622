"""Product texts (spend narratives, item descriptions) naming covered makers: spelling
variants, documented models, and the common words that must never make a hit."""

from __future__ import annotations

from pathlib import Path

import pytest

from countersight.exc import InputError
from countersight.match.products import HitKind, ProductIndex, is_english
from countersight.model.confidence import concern
from countersight.model.product import ProductModel
from countersight.sources.products import read_products
from countersight.sources.registry import default_path, load


@pytest.fixture(scope="module")
def index() -> ProductIndex:
    entities = [e for e in load().entities if concern(e) is not None]
    return ProductIndex.build(entities, read_products(default_path()))


def test_the_registry_documents_models_with_sources() -> None:
    models = read_products(default_path())
    assert ProductModel("cs-dahua", "IPC-T5442TM-AS", "S132", label="Loryta") in models
    assert all(m.source for m in models)


def test_a_malformed_models_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "products.yaml").write_text("- {entity: cs-dahua, model: X1}\n")
    with pytest.raises(InputError, match="entry 1 needs entity, model and source"):
        read_products(tmp_path)


@pytest.mark.parametrize(
    ("text", "entity", "kind"),
    [
        # Real narrative from a UK council spend file.
        ("Supply and Installation of 5 number HIK Vision Recorders", "cs-hikvision", HitKind.NAME),
        ("Hik-Vision 8ch NVR", "cs-hikvision", HitKind.NAME),
        ("HIKVISION DS-7608NI-K2 recorder", "cs-hikvision", HitKind.NAME),
        ("Ezviz C6N indoor camera", "cs-ezviz", HitKind.NAME),  # EZVIZ Network, Hikvision's
        ("海康威視 攝像機 維修", "cs-hikvision", HitKind.NAME),
        ("Dahua 4MP dome cameras x4", "cs-dahua", HitKind.SHORT_NAME),
        ("DJI Mavic 3 Enterprise drone and batteries", "cs-dji", HitKind.SHORT_NAME),
        ("Loryta IPC-T5442TM-AS turret", "cs-dahua", HitKind.MODEL),
        ("ipc hdw5442tm as (x2)", "cs-dahua", HitKind.MODEL),
        ("大华 硬盘录像机 8路", "cs-dahua", HitKind.SHORT_NAME),
    ],
)
def test_covered_makers_are_found(
    index: ProductIndex, text: str, entity: str, kind: HitKind
) -> None:
    hits = index.scan(text)
    assert [(h.entity_id, h.kind) for h in hits][:1] == [(entity, kind)], hits


@pytest.mark.parametrize(
    "text",
    [
        "Security vision forensic recorder",  # common words alone
        "Lead Forensics subscription renewal",
        "Dahua Securities brokerage fee",  # a short name without any equipment
        "Far East Horizon lease payment",
        "Face recognition camera licence",  # "Face++" is a brand; "face" is a word
        "Dawning server rack",  # Sugon's English name is an English word
        "华纬科技 弹簧 采购",
        "Hikari vision LED lamps",
        "IPC-HDW5442TM-ASX adaptor",  # a longer model is another product
        "",
    ],
)
def test_common_words_and_look_alikes_make_no_hit(index: ProductIndex, text: str) -> None:
    assert index.scan(text) == []


def test_english_words_are_recognised() -> None:
    assert is_english(("far", "east"))
    assert is_english(("dawning",))
    assert not is_english(("hikvision",))
    assert not is_english(("dahua",))


def test_a_hit_explains_itself(index: ProductIndex) -> None:
    # Hikvision's foreign subsidiaries share the trade name and hit too.
    hit = next(h for h in index.scan("5 x HIK Vision Recorders") if h.entity_id == "cs-hikvision")
    assert hit.text == "HIK Vision"
    assert "HIK Vision" in hit.explanation()
    (model,) = index.scan("IPC-HDW5442TM-AS")
    assert model.source == "S132"
    assert "IPC-HDW5442TM-AS" in model.explanation()
