"""Benchmark: loading and validating scenarios, as a ratio to parsing the same text with PyYAML.

Run: .venv/bin/python bench/load.py [--reps N]

The baseline is measured in the same run on the same text, so the ratios travel
between machines where milliseconds do not: `yaml.safe_load` (what a plain script
would call, PyYAML's pure-Python loader) and `yaml.load(..., CSafeLoader)` (the
libyaml parser our loader composes with). A ratio below 1 against safe_load means
the whole check, expressions compiled included, costs less than PyYAML alone.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import timeit
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wargame.scenario import load_text  # noqa: E402

FACTIONS = ("gna", "lna", "intl", "isis")


def large_scenario(regions: int = 50, cards: int = 500, actions: int = 200) -> str:
    """A synthetic scenario of the size a long campaign could reach, valid and playable."""
    out = [
        "format: 1",
        "id: large",
        "title: Generated large scenario",
        "calendar: {start: 2016-01, step: month, turns: 36}",
        "cards_per_turn: 2",
        f"order: [{', '.join(FACTIONS)}]",
        "factions:",
    ]
    for k, f in enumerate(FACTIONS):
        out += [
            f"  {f}:",
            f"    name: Faction {f.upper()}",
            "    actions_per_turn: 2",
            "    meters:",
            "      treasury: {start: 100, min: 0, max: 1000, unit: $M}",
            "      legitimacy: {start: 40, min: 0, max: 100}",
            "    victory:",
            f'      score: "{f}.legitimacy + 5 * count(control == {f}) + {f}.treasury // 50"',
            f"      threshold: {300 + k}",
        ]
    out += ["tracks:"] + [f"  track_{t}: {{start: 5, min: 0, max: 10}}" for t in range(5)]
    out += [
        "region_attributes:",
        "  security: {max: 5, default: 2}",
        "  militia: {max: 3}",
        "  oil: {max: 600}",
        "regions:",
    ]
    for r in range(regions):
        near = [f"r{n}" for n in (r - 1, r + 1, r - 10, r + 10) if 0 <= n < regions]
        out.append(
            f"  r{r}: {{name: Region {r}, control: {FACTIONS[r % 4]}, adjacent: [{', '.join(near)}], "
            f"security: {r % 6}, militia: {r % 4}, oil: {(r * 37) % 600}, "
            f"tags: [{'coast' if r < 10 else 'inland'}]}}"
        )
    out.append("actions:")
    for a in range(actions):
        f = FACTIONS[a % 4]
        other = FACTIONS[(a + 1) % 4]
        out += [
            f"  act_{a}:",
            f"    faction: {f}",
            f"    name: Action {a}",
            f"    cost: {{treasury: {a % 7}}}",
            "    target: region",
            f'    target_if: "target.control != {f} and adjacent(target, {f}) and target.security < 5"',
            f'    requires: "{f}.legitimacy >= {a % 30} or track_{a % 5} > 3"',
            f'    chance: "30 + 5 * target.security - 3 * target.militia + 10 * (track_{a % 5} > 2)"',
            f"    success: [target.control = {f}, {f}.legitimacy += 2, target.militia -= 1]",
            f"    failure: [{f}.legitimacy -= 1, {other}.legitimacy += 1]",
            f"    delay: {a % 3}",
        ]
    out.append("cards:")
    for c in range(cards):
        f = FACTIONS[c % 4]
        out += [
            f"  - id: card_{c}",
            f"    title: Event {c}",
            "    text: Something happens somewhere.",
            f'    when: "count(control == {f}) > {c % 5} and turn >= {c % 12}"',
            f"    weight: {1 + c % 3}",
            f"    effects: [track_{c % 5} += 1, {f}.treasury -= {c % 9}]",
        ]
        if c % 10 == 0:
            out += [
                "    choice:",
                f"      faction: {f}",
                "      options:",
                f"        - {{label: Accept, effects: [{f}.legitimacy -= 2, track_{c % 5} -= 1]}}",
                f'        - {{label: Refuse, requires: "{f}.treasury > 10", effects: [{f}.treasury -= 10]}}',
            ]
    out += ["injects:", "  - {turn: 3, card: card_1}", "upkeep:"]
    out += [f'  - "{f}.treasury += sum(oil * (control == {f})) // 100"' for f in FACTIONS]
    out += ["  - track_0 -= 1"]
    return "\n".join(out) + "\n"


def median_seconds(fn, reps: int) -> float:
    """Median over `reps` runs; small inputs are timed in batches so the clock's grain does not show."""
    number = 1
    while timeit.timeit(fn, number=number) < 0.05 and number < 1000:
        number *= 2
    return statistics.median(timeit.repeat(fn, number=number, repeat=reps)) / number


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=7)
    args = parser.parse_args()
    cases = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "scenarios").glob("*.yaml"))]
    cases.append(("generated: 50 regions, 500 cards, 200 actions", large_scenario()))
    print(f"load+validate vs PyYAML on the same text (median of {args.reps}); lower is better")
    print(
        f"{'scenario':<48} {'KiB':>6} {'safe_load':>10} {'C parser':>9} {'load':>9}  "
        f"{'/safe_load':>10} {'/C parser':>9}"
    )
    for name, text in cases:
        load_text(text, name)  # must be valid; also warms caches for a fair comparison
        base = median_seconds(lambda t=text: yaml.safe_load(t), args.reps)
        cbase = median_seconds(lambda t=text: yaml.load(t, Loader=yaml.CSafeLoader), args.reps)
        ours = median_seconds(lambda t=text, n=name: load_text(t, n), args.reps)
        print(
            f"{name:<48} {len(text.encode()) / 1024:>6.1f} {base * 1e3:>8.1f}ms {cbase * 1e3:>7.1f}ms "
            f"{ours * 1e3:>7.1f}ms  {ours / base:>10.2f} {ours / cbase:>9.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
