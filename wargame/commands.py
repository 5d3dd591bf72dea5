"""What each CLI subcommand does; every user error becomes one line and an exit code."""

from __future__ import annotations

import json
import sys
from pathlib import Path

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class UserError(Exception):
    """A mistake the user can fix: printed as one line, exit 1 (or `code`)."""

    def __init__(self, message: str, code: int = EXIT_ERROR):
        super().__init__(message)
        self.code = code


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as v

    try:
        return v("wargame")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


def run(args) -> int:
    handler = globals()[f"cmd_{args.command}"]
    try:
        return handler(args)
    except UserError as exc:
        print(f"wargame {args.command}: error: {exc}", file=sys.stderr)
        return exc.code


def scenario_dirs() -> list[Path]:
    """Where scenarios are looked up by id: ./scenarios, then the ones shipped beside the package."""
    here = Path.cwd() / "scenarios"
    bundled = Path(__file__).resolve().parent.parent / "scenarios"
    return [d for d in dict.fromkeys([here, bundled]) if d.is_dir()]


def resolve_scenario_path(name: str) -> Path:
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
    try:
        scenario, _warnings = load_scenario(path)
    except ScenarioError as exc:
        lines = [str(p) for p in exc.problems]
        raise UserError(f"{path} is not a valid scenario:\n" + "\n".join(lines)) from None
    return scenario


def cmd_validate(args) -> int:
    from wargame.scenario import ScenarioError, load_scenario

    worst = EXIT_OK
    for name in args.files:
        try:
            _scenario, warnings = load_scenario(name)
        except ScenarioError as exc:
            for p in exc.problems:
                if p.severity == "error" or not args.quiet:
                    print(p)
            errors = sum(1 for p in exc.problems if p.severity == "error")
            print(f"{name}: {errors} error(s)", file=sys.stderr)
            worst = EXIT_ERROR
            continue
        if not args.quiet:
            for p in warnings:
                print(p)
        print(f"{name}: ok" + (f" ({len(warnings)} warning(s))" if warnings else ""), file=sys.stderr)
    return worst


def cmd_schema(args) -> int:
    from wargame.scenario.spec import json_schema

    print(json.dumps(json_schema(), indent=2))
    return EXIT_OK


def cmd_describe(args) -> int:
    from wargame.describe import describe

    print(describe(load(args.scenario)))
    return EXIT_OK
