"""Where scenarios are found: a path or an id becomes a loaded Scenario, or one clear UserError."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from wargame.errors import UserError

if TYPE_CHECKING:
    from wargame.scenario import Scenario


def packaged(name: str) -> Path | None:
    """A file or folder shipped inside the package under wargame/data/ (see setup.py), else None.

    An installed wheel has them there; a source checkout (and an editable
    install) has them at the repository root instead: scenarios/, docs/.
    """
    item = resources.files("wargame").joinpath("data", name)
    if isinstance(item, Path) and item.exists():
        return item
    source = {"scenarios": _REPO / "scenarios", "scenario.schema.json": _REPO / "docs" / "scenario.schema.json"}
    found = source.get(name)
    return found if found is not None and found.exists() else None


_REPO = Path(__file__).resolve().parent.parent  # the checkout, when running from one


def scenario_dirs() -> list[Path]:
    """Where scenarios are looked up by id: ./scenarios (the user's own), then the bundled ones."""
    here = Path.cwd() / "scenarios"
    bundled = packaged("scenarios")
    return [d for d in dict.fromkeys([here, bundled]) if d is not None and d.is_dir()]


def scenario_ids() -> list[str]:
    """The ids of every scenario found by id, sorted (for messages and shell completion)."""
    return sorted({p.stem for d in scenario_dirs() for p in d.glob("*.y*ml")})


def resolve_scenario_path(name: str) -> Path:
    """The file a scenario name means: the path itself, or `ID.yaml` in the first scenario folder that has it."""
    path = Path(name)
    if path.exists() or path.suffix in (".yaml", ".yml") or "/" in name:
        return path
    for d in scenario_dirs():
        for candidate in (d / f"{name}.yaml", d / f"{name}.yml"):
            if candidate.exists():
                return candidate
    return path


def load(name: str) -> Scenario:
    """Load a scenario by path or id, or raise UserError with every problem listed."""
    from wargame.scenario import ScenarioError, load_scenario

    path = resolve_scenario_path(name)
    if not path.exists():
        known = scenario_ids()
        hint = f"; the scenarios here are: {', '.join(known)}" if known else ""
        raise UserError(f"no scenario '{name}': no such file, and no scenario with that id{hint}")
    try:
        scenario, _warnings = load_scenario(path)
    except ScenarioError as exc:
        lines = [str(p) for p in exc.problems]
        raise UserError(f"{path} is not a valid scenario:\n" + "\n".join(lines)) from None
    return scenario
