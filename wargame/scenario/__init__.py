"""The scenario layer: YAML loading with locations, the expression language, validation."""

from wargame.scenario.load import load_scenario, load_text
from wargame.scenario.model import Scenario
from wargame.scenario.problems import Problem, ScenarioError

__all__ = ["Problem", "Scenario", "ScenarioError", "load_scenario", "load_text"]
