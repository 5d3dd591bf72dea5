"""A label fixed in a scenario keeps saves loadable; a rules edit is refused by name."""

import shutil
from pathlib import Path

import pytest

from wargame import bots, saves
from wargame import engine as E
from wargame.engine.codec import to_dict
from wargame.scenario import load_scenario

TUTORIAL = Path(__file__).resolve().parents[2] / "scenarios" / "tutorial.yaml"


def saved_game(tmp_path: Path) -> tuple[Path, Path]:
    scenario_path = tmp_path / "tutorial.yaml"
    shutil.copy(TUTORIAL, scenario_path)
    scenario, _ = load_scenario(scenario_path)
    state, entries = E.new_game(scenario, 4), []
    for _ in range(6):
        decision, why = bots.choose(scenario, state, "random")
        entries.append(to_dict(decision, by="random", why=why))
        state, _ = E.apply(scenario, state, decision)
    save = saves.write_save(tmp_path / "game.json", saves.record(scenario, state, entries))
    return scenario_path, save


def test_cosmetic_edit_keeps_the_save(tmp_path):
    scenario_path, save = saved_game(tmp_path)
    text = scenario_path.read_text()
    text = text.replace("label: Treasury", "label: State coffers").replace("Request strikes", "Ask Washington")
    scenario_path.write_text(text)
    _scenario, saved, state, _events = saves.load_game(save)
    assert E.state_hash(state) == saved.state_hash


def test_rules_edit_names_what_changed(tmp_path):
    scenario_path, save = saved_game(tmp_path)
    text = scenario_path.read_text().replace("success: [morale += 3]", "success: [morale += 4]")
    scenario_path.write_text(text)
    with pytest.raises(saves.SaveError, match=r"actions\.pay_brigades"):
        saves.load_game(save)
