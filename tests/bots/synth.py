"""Random but valid scenarios, so bot and simulate tests prove nothing is scenario-specific."""

from __future__ import annotations

import itertools
import random

import yaml

NAMES = ["red", "blue", "green", "gold", "grey"]


def synth_text(seed: int = 0, factions: int = 4, regions: int = 10, turns: int = 12) -> str:
    """YAML text of a scenario shaped like the bundled ones (targets, delays, choices, injects)."""
    rnd = random.Random(seed)
    fids = NAMES[:factions]
    rids = [f"r{i}" for i in range(regions)]
    adjacency = {r: set() for r in rids}
    for a, b in itertools.pairwise(rids):
        adjacency[a].add(b)
    for _ in range(regions // 2):
        a, b = rnd.sample(rids, 2)
        adjacency[a].add(b)
    doc: dict = {
        "format": 1,
        "id": f"synth-{seed}",
        "title": f"Synthetic {seed}",
        "summary": "Generated for tests.",
        "calendar": {"start": "2020-01", "step": "month", "turns": turns},
        "seed": seed,
        "cards_per_turn": 1,
        "order": fids,
        "factions": {},
        "actions": {},
        "cards": [],
        "tracks": {
            "tension": {"start": 3, "min": 0, "max": 10},
            "support": {"start": 0, "min": 0, "max": 4},
        },
        "region_attributes": {
            "strength": {"min": 0, "max": 5, "default": 1},
            "unrest": {"min": 0, "max": 3, "default": 0},
        },
        "regions": {},
        "upkeep": ["support -= 1", "tension += 1 if tension < 5 else 0"],
    }
    for i, r in enumerate(rids):
        owner = fids[i % factions] if rnd.random() < 0.8 else "none"
        doc["regions"][r] = {
            "name": f"Region {i}",
            "control": owner,
            "adjacent": sorted(adjacency[r]),
            "strength": rnd.randint(0, 3),
        }
    for k, f in enumerate(fids):
        w = rnd.choice([5, 8, 10])
        start_legit = rnd.randint(20, 45)
        owned = sum(1 for r in doc["regions"].values() if r["control"] == f)
        doc["factions"][f] = {
            "name": f.title(),
            "playable": k < factions - 1,
            "actions_per_turn": rnd.choice([1, 2, 2]),
            "meters": {
                "treasury": {"start": rnd.randint(30, 100), "min": 0},
                "legitimacy": {"start": start_legit, "min": 0, "max": 100},
            },
            "victory": {
                "score": f"{f}.legitimacy + {w} * count(control == {f}) + 2 * (tension < 4)",
                "threshold": start_legit + w * owned + rnd.randint(15, 40),
            },
            "bot": {"caution": round(rnd.random(), 2)},
        }
        rival = fids[(k + 1) % factions]
        doc["upkeep"].append(f"{f}.treasury += 3 * count(control == {f}) + 2")
        doc["actions"][f"{f}_attack"] = {
            "faction": f,
            "name": f"{f.title()} attacks",
            "cost": {"treasury": rnd.randint(8, 20)},
            "target": "region",
            "target_if": f"target.control != {f} and adjacent(target, {f})",
            "chance": f"45 + {f}.legitimacy // 10 - 8 * target.strength + 15 * (support > 0)",
            "success": [f"target.control = {f}", "target.strength = 1", f"{f}.legitimacy += 2"],
            "failure": [f"{f}.legitimacy -= 2", "tension += 1"],
        }
        doc["actions"][f"{f}_fortify"] = {
            "faction": f,
            "name": f"{f.title()} fortifies",
            "cost": {"treasury": 5},
            "target": "region",
            "target_if": f"target.control == {f} and target.strength < 5",
            "success": ["target.strength += 1"],
        }
        doc["actions"][f"{f}_funds"] = {
            "faction": f,
            "name": f"{f.title()} raises funds",
            "chance": 80,
            "success": [f"{f}.treasury += {rnd.randint(10, 25)}"],
            "failure": [f"{f}.legitimacy -= 1"],
        }
        doc["actions"][f"{f}_campaign"] = {
            "faction": f,
            "name": f"{f.title()} campaigns",
            "cost": {"treasury": 10},
            "chance": 60,
            "delay": rnd.choice([1, 2]),
            "success": [f"{f}.legitimacy += 5"],
            "failure": ["tension += 1"],
        }
        doc["actions"][f"{f}_smear"] = {
            "faction": f,
            "name": f"{f.title()} smears {rival.title()}",
            "cost": {"treasury": 6},
            "requires": f"{rival}.legitimacy > 5",
            "chance": "50 - 5 * tension",
            "success": [f"{rival}.legitimacy -= 4"],
            "failure": [f"{f}.legitimacy -= 3"],
        }
    for c in range(max(6, 2 * factions)):
        f = fids[c % factions]
        card = {
            "id": f"card{c}",
            "title": f"Event {c}",
            "weight": rnd.randint(1, 3),
            "effects": [f"{f}.treasury -= {rnd.randint(0, 10)}", "tension += 1"],
        }
        if c % 3 == 1:
            card["when"] = f"{f}.legitimacy > 10"
        if c % 2 == 0:
            card["choice"] = {
                "faction": f,
                "options": [
                    {
                        "label": "Accept help",
                        "effects": ["support = 3", f"{f}.legitimacy -= {rnd.randint(1, 5)}"],
                    },
                    {"label": "Refuse", "effects": [f"{f}.legitimacy += 1"]},
                    {
                        "label": "Pay",
                        "requires": f"{f}.treasury >= 20",
                        "effects": [f"{f}.treasury -= 20", "tension -= 2"],
                    },
                ],
            }
        doc["cards"].append(card)
    doc["injects"] = [{"turn": 2, "card": "card0"}]
    return yaml.safe_dump(doc, sort_keys=False)


def synth(seed: int = 0, **kw):
    """A loaded synthetic scenario."""
    from wargame.scenario import load_text

    return load_text(synth_text(seed, **kw), f"<synth-{seed}>")[0]
