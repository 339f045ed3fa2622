"""``match --json`` and ``entity --json`` are the typed documents; the identifier options are
the one list :class:`~countersight.model.IdentifierValues`; bad names exit 2."""

from __future__ import annotations

import inspect
import json
import typing

import pytest

import countersight
from countersight.cli.matching import match as match_command
from countersight.exc import InputError
from countersight.model import IdentifierValues
from countersight.service.contracts import EntityDetailDoc, MatchDocument, MatchResultDoc
from tests.conftest import Cli


def test_match_json_is_the_typed_document(cli: Cli) -> None:
    doc = json.loads(cli("match", "Dahua Technology", "--json").output)
    assert set(doc) == set(typing.get_type_hints(MatchDocument))
    assert doc["results"]
    for result in doc["results"]:
        assert set(result) == set(typing.get_type_hints(MatchResultDoc))


def test_entity_json_is_the_typed_document(cli: Cli) -> None:
    doc = json.loads(cli("entity", "cs-hikvision", "--json").output)
    assert set(doc) == set(typing.get_type_hints(EntityDetailDoc))
    assert "CNE100000PM8" in doc["properties"]["isinCode"]
    assert doc["target"] is True


def test_cli_identifier_options_are_the_identifier_values() -> None:
    options = set(inspect.signature(match_command).parameters) - {
        "ctx",
        "names",
        "limit",
        "cutoff",
        "as_json",
        "as_of",
    }
    assert options == set(typing.get_type_hints(IdentifierValues))


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("H" * 1001, "name is 1,001 characters long; at most 1,000 are accepted"),
        ("Hik\udcffvision", "name contains a lone surrogate"),  # undecodable argv bytes
        ("Hik\x00vision", "name contains a NUL character"),
    ],
)
def test_bad_names_exit_2_with_one_line(cli: Cli, name: str, problem: str) -> None:
    result = cli("match", name)
    assert result.exit_code == 2
    assert problem in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_facade_match_takes_typed_identifiers_and_refuses_bad_names(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with countersight.open(db=f"sqlite:///{tmp_path / 'cs.db'}", cache_dir=str(tmp_path)) as cs:
        answer = countersight.match(isin=["CNE100000PM8"], context=cs)
        assert answer["results"][0]["id"] == "cs-hikvision"
        with pytest.raises(InputError, match="1,000"):
            countersight.match("H" * 1001, context=cs)
