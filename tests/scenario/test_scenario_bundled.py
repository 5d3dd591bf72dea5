"""The bundled scenarios load cleanly and satisfy the JSON Schema that editors use."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from wargame.scenario import load_scenario
from wargame.scenario.schema import json_schema

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).parent
SCHEMA_FILE = ROOT / "docs" / "scenario.schema.json"
BUNDLED = sorted((ROOT / "scenarios").glob("*.yaml"))
VALIDATOR = jsonschema.Draft7Validator(json_schema())


def schema_errors(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]


def test_committed_schema_is_the_generated_one():
    """docs/scenario.schema.json is what `wargame schema` prints; regenerate it with that command."""
    assert SCHEMA_FILE.read_text(encoding="utf-8") == json.dumps(json_schema(), indent=2) + "\n"


def test_schema_is_draft_07_for_yaml_language_server():
    schema = json_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["additionalProperties"] is False


def test_there_are_bundled_scenarios():
    assert any(p.stem == "tutorial" for p in BUNDLED)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_scenario_loads_without_errors(path):
    scenario, _warnings = load_scenario(path)
    assert scenario.id == path.stem
    assert scenario.factions and scenario.regions


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_scenario_satisfies_the_json_schema(path):
    assert schema_errors(path) == []


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_scenario_points_editors_at_the_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../docs/scenario.schema.json"
    assert (path.parent / "../docs/scenario.schema.json").resolve() == SCHEMA_FILE


def test_a_file_in_the_design_drafts_shape_keeps_loading():
    scenario, warnings = load_scenario(HERE / "draft-shape.yaml")
    assert scenario.order == ("gna", "lna", "intl", "isis")
    assert {w.message for w in warnings} == {
        f"faction '{f}' has no actions; it will always pass" for f in ("lna", "intl", "isis")
    }
    assert schema_errors(HERE / "draft-shape.yaml") == []
    # the draft's `isis` is a faction and a region attribute: both readings hold
    isis = scenario.faction("isis")
    assert isis.score(scenario.initial) == 10 + 10 * 1  # Sirte: held by ISIS, isis 3
    assert "[sabratha]" in scenario.map_art


def test_the_corpus_base_satisfies_the_schema():
    assert schema_errors(HERE / "mini.yaml") == []


# Structural mistakes must be refused by the editor (the schema) as well as by `wargame validate`.
# (Not `playable: yes`: yaml.safe_load reads YAML 1.1, where it is true; editors read YAML 1.2,
# where it is text, and the schema refuses it there.)
SHAPE_MISTAKES = [
    "unknown_key",
    "unknown_nested_key",
    "start_ten",
    "quoted_number",
    "float_number",
    "format_2",
    "format_missing",
    "bad_scenario_id",
    "bad_faction_id",
    "calendar_full_date",
    "colour_unquoted",
]


def test_schema_refuses_an_unknown_colour_word_the_loader_only_warns_about():
    data = yaml.safe_load((HERE / "mini.yaml").read_text(encoding="utf-8"))
    data["factions"]["isis"]["color"] = "banana"
    assert list(VALIDATOR.iter_errors(data))
    data["factions"]["isis"]["color"] = "navy"
    assert not list(VALIDATOR.iter_errors(data))


@pytest.mark.parametrize("name", SHAPE_MISTAKES)
def test_schema_refuses_what_the_loader_refuses(name):
    path = HERE / "malformed" / f"{name}.yaml"
    with pytest.raises(Exception):  # noqa: B017 - the loader's verdict, checked in detail elsewhere
        load_scenario(path)
    assert schema_errors(path)
