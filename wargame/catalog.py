"""Where scenarios are found: a path or an id becomes a loaded Scenario, or one clear UserError."""

from __future__ import annotations

from pathlib import Path

from wargame.errors import UserError


def scenario_dirs() -> list[Path]:
    """Where scenarios are looked up by id: ./scenarios, then the ones shipped beside the package."""
    here = Path.cwd() / "scenarios"
    bundled = Path(__file__).resolve().parent.parent / "scenarios"
    return [d for d in dict.fromkeys([here, bundled]) if d.is_dir()]


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


def load(name: str):
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
