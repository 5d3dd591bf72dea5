"""Strategy probes: one faction's bot follows a fixed preference, compared with unprobed bots on the same seeds.

A probe never changes a rule. It acts only through the bot's choice: among
the decisions the bot ranked, a `prefer` probe takes the best-ranked one that
is a preferred action whenever one is legal, an `avoid` probe the best-ranked
one that is not an avoided action, and a `choose` probe picks the given
option of a card whenever it is offered. Every probe is played on the same
game seeds as the base run, so the difference in win rate is the probe's
effect plus chance, and the report says how much could be chance.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from wargame import bots
from wargame import engine as E
from wargame.analysis.runner import play
from wargame.analysis.stats import difference_interval, rounded
from wargame.errors import UserError
from wargame.scenario import Scenario
from wargame.scenario.problems import did_you_mean

if TYPE_CHECKING:
    from wargame.analysis.aggregate import Aggregate
    from wargame.analysis.sweep import Sweep

KINDS = ("prefer", "avoid", "choose")


def parse_probe(scenario: Scenario, kind: str, spec: str) -> dict:
    """`gna=pay_brigades,train_forces` or `pfg_deal=2` (an option's number, 1-based, or its label) as probe data."""
    flag = f"--{kind} '{spec}'"
    key, sep, rest = spec.partition("=")
    key, items = key.strip(), [x.strip() for x in rest.split(",") if x.strip()]
    if kind == "choose":
        return _parse_choose(scenario, flag, key, sep, rest.strip())
    if not sep or not key or not items:
        raise UserError(f"{flag}: write FACTION=ACTION[,ACTION], e.g. --{kind} gna=pay_brigades")
    factions = [f.id for f in scenario.factions]
    if key not in factions:
        hint = did_you_mean(key, factions)
        raise UserError(f"{flag}: no faction '{key}'{hint}; the factions are {', '.join(factions)}")
    own = [a.id for a in scenario.actions if a.faction == key]
    for item in items:
        if item not in own:
            others = [a.id for a in scenario.actions]
            hint = did_you_mean(item, own) or (
                f" ('{item}' belongs to {scenario.action(item).faction})" if item in others else ""
            )
            raise UserError(f"{flag}: '{key}' has no action '{item}'{hint}; its actions are {', '.join(own)}")
    return {"kind": kind, "faction": key, "actions": items, "label": f"{kind} {key}={','.join(items)}"}


def _parse_choose(scenario: Scenario, flag: str, card: str, sep: str, option: str) -> dict:
    if not sep or not card or not option:
        raise UserError(f"{flag}: write CARD=OPTION (the option's number from 1, or its label)")
    choices = {c.id: c.choice for c in scenario.cards if c.choice is not None}
    if card not in choices:
        raise UserError(f"{flag}: no card with a choice named '{card}'{did_you_mean(card, list(choices))}")
    options = [o.label for o in choices[card].options]
    if option.isdigit() and 1 <= int(option) <= len(options):
        index = int(option) - 1
    elif option in options:
        index = options.index(option)
    else:
        listed = "; ".join(f"{n}: {label}" for n, label in enumerate(options, 1))
        hint = did_you_mean(option, options)
        raise UserError(f"{flag}: '{card}' has no option '{option}'{hint}; its options are {listed}")
    faction = choices[card].faction
    return {
        "kind": "choose",
        "faction": faction,
        "card": card,
        "option": index,
        "label": f"choose {card}={options[index]}",
    }


def probe_choice(scenario: Scenario, state: E.GameState, level: str, probe: dict) -> tuple[E.Decision, str] | None:
    """The probe's decision for the pending faction, or None when the probe has nothing to say here."""
    p = state.pending
    if p is None or p.faction != probe["faction"]:
        return None
    if probe["kind"] == "choose":
        if p.kind != "choice" or p.card != probe["card"]:
            return None
        pick = E.Choose(probe["option"])
        return (pick, "the probe's option") if pick in E.legal_decisions(scenario, state) else None
    if p.kind != "action":
        return None
    from wargame.bots import evaluate

    wanted = set(probe["actions"])
    ranked = evaluate.rank(scenario, state)
    for c in ranked:
        d = c.decision
        named = d.action if isinstance(d, E.Act) and d.action in wanted else ""
        if bool(named) == (probe["kind"] == "prefer"):
            return d, f"the probe {probe['kind']}s {named or 'anything else'}"
    return None


def play_probed(scenario: Scenario, seed: int, seats: dict[str, str], probe: dict) -> dict:
    """One bot game in which the probed faction's bot follows the probe where it applies."""

    def choose(sc: Scenario, state: E.GameState, level: str) -> tuple[E.Decision, str]:
        return probe_choice(sc, state, level, probe) or bots.choose(sc, state, level)

    return play(scenario, seed, seats, chooser=choose)


def compare(base: dict, probed: dict, probe: dict, watch: list[str]) -> dict:
    """The probe's effect: each faction's change in win rate with a 95% interval, and the watched values at the end."""
    n0, n1 = base["finished"] or 1, probed["finished"] or 1
    rows = []
    for f0, f1 in zip(base["factions"], probed["factions"], strict=True):
        lo, hi = difference_interval(f1["wins"], n1, f0["wins"], n0)
        rows.append(
            {
                "id": f0["id"],
                "base": f0["win_rate"],
                "probed": f1["win_rate"],
                "change": rounded(f1["win_rate"] - f0["win_rate"]),
                "ci95": [rounded(lo), rounded(hi)],
                "clear": lo > 0 or hi < 0,
                "score_change": _mean_change(f0["final_score"], f1["final_score"]),
            }
        )
    ends = {}
    series0 = {s["name"]: s["mean"][-1] for s in base["trajectory"]["series"]}
    series1 = {s["name"]: s["mean"][-1] for s in probed["trajectory"]["series"]}
    for name in watch:
        if name in series0:
            ends[name] = {
                "base": series0[name],
                "probed": series1[name],
                "change": rounded(series1[name] - series0[name]),
            }
    return {
        "label": probe["label"],
        "faction": probe["faction"],
        "factions": rows,
        "watch": ends,
        "draws": {"base": base["draws"]["rate"], "probed": probed["draws"]["rate"]},
    }


def _mean_change(m0: dict, m1: dict) -> dict:
    """A difference of two means with a 95% normal interval (the games are many; the scores are sums of many steps)."""
    if not m0["n"] or not m1["n"]:
        return {"change": None, "ci95": None}
    d = m1["mean"] - m0["mean"]
    half = 1.96 * ((m0["sd"] or 0) ** 2 / m0["n"] + (m1["sd"] or 0) ** 2 / m1["n"]) ** 0.5
    return {"change": rounded(d), "ci95": [rounded(d - half), rounded(d + half)]}


def check_watch(scenario: Scenario, watch: list[str]) -> list[str]:
    """The --watch names, each a meter or track of the scenario (a slot name such as gna.legitimacy)."""
    names = [n for n in scenario.slot_names[1:] if ":" not in n]
    for name in watch:
        if name not in names:
            raise UserError(f"--watch '{name}': no meter or track by that name{did_you_mean(name, names)}")
    return watch


def add_probes(
    sweep: Sweep, scenario: Scenario, text: str, seats: dict[str, str], args: argparse.Namespace
) -> list[tuple[int, dict[str, Any]]]:
    """One group per --prefer, --avoid and --choose, on the base run's seeds: (group number, probe)."""
    from wargame.analysis.tasks import Group

    check_watch(scenario, args.watch)
    probes = [parse_probe(scenario, kind, spec) for kind in KINDS for spec in getattr(args, kind)]
    out = []
    for probe in probes:
        out.append((len(sweep.groups), probe))
        session = scenario.session.id if scenario.session is not None else ""  # a probe plays the run's preset
        sweep.add(Group(probe["label"], text, scenario.path, seats, play_probed, {"probe": probe}, session), scenario)
    return out


def add_probe_reports(
    doc: dict[str, Any],
    sweep: Sweep,
    aggs: list[Aggregate],
    probes: list[tuple[int, dict[str, Any]]],
    watch: list[str],
) -> None:
    """The probes' effects in the report document, each against the base run."""
    if not probes:
        return
    from wargame.analysis.sweep import group_report

    doc["probes"] = [compare(doc["report"], group_report(sweep, k, aggs[k]), probe, watch) for k, probe in probes]
