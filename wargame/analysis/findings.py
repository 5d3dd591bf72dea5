"""What a balance report says an author should look at: the same figures, read as short findings.

An instructor reading forty rows of tables before a class needs the few that
call for a decision: a card that never comes up, an action nobody takes, a
faction that cannot win, a meter stuck at a bound, games decided too early.
Every finding is computed from the report alone, so it is the same whatever
the number of worker processes.
"""

from __future__ import annotations

from wargame.scenario import Scenario
from wargame.words import plural

MIN_GAMES = 100  # fewer games say too little for "never" to mean anything
CHOICES_SEEN = 20  # a card option never chosen says something once the card came up this often
ROLLS_FOR_CERTAINTY = 30  # an action rolled this often and never (or always) succeeding is worth a look
DRAWS_TOO_MANY = 0.2


def findings(scenario: Scenario, report: dict) -> list[str]:
    """Short sentences, most decisive first; empty when nothing stands out (or too few games)."""
    n = report["finished"]
    if n < MIN_GAMES:
        return []
    out: list[str] = []
    never_win = [f["id"] for f in report["factions"] if f["wins"] == 0]
    for fid in never_win:
        out.append(f"{scenario.faction(fid).short} never won in {n:,} games: can its score reach its rivals'?")
    if report["draws"]["rate"] and report["draws"]["rate"] >= DRAWS_TOO_MANY:
        out.append(f"{report['draws']['rate']:.0%} of games end in a draw: scores may be too coarse or too close.")
    third = scenario.turns // 3
    early = sum(e["games"] for e in report["endings"] if e["how"] == "sudden victory" and e["turn"] <= third)
    if early and early / n >= 0.1:
        out.append(
            f"{early / n:.0%} of games end by sudden victory in the first third (by turn "
            f"{third}): a threshold may be too low or a start too generous."
        )
    out += _cards(report["cards"])
    out += _actions(scenario, report["actions"])
    out += _meters(scenario, report["trajectory"]["series"])
    return out


def _cards(cards: list[dict]) -> list[str]:
    out = []
    never = [c["title"] for c in cards if c["games_drawn"] == 0]
    if never:
        out.append(f"Never drawn: {', '.join(never)} (a 'when' that never holds, or weight 0 without an inject).")
    for c in cards:
        if c["games_drawn"] >= CHOICES_SEEN and c["choices"]:
            unused = [o["label"] for o in c["choices"] if o["chosen"] == 0]
            if unused and len(unused) < len(c["choices"]):
                out.append(
                    f"'{c['title']}': the bots never chose {', '.join(repr(u) for u in unused)} "
                    f"in {plural(c['games_drawn'], 'game')}."
                )
    return out


def _actions(scenario: Scenario, actions: list[dict]) -> list[str]:
    out = []
    never = [f"{a['name']} ({scenario.faction(a['faction']).short})" for a in actions if a["taken"] == 0]
    if never:
        out.append(f"Never taken by the bots: {', '.join(never)} (too costly, never offered, or not worth it).")
    for a in actions:
        rate = a["success_rate"]
        if a["rolled"] >= ROLLS_FOR_CERTAINTY and rate is not None and rate in (0.0, 1.0):
            word = "never succeeded" if rate == 0 else "always succeeded"
            out.append(f"{a['name']} {word} in {plural(a['rolled'], 'roll')}: check its chance.")
    return out


def _meters(scenario: Scenario, series: list[dict]) -> list[str]:
    out = []
    index = scenario.slot_index
    for s in series:
        slot = index.get(s["name"])
        means = [m for m in s["mean"][1:] if m is not None]
        if slot is None or len(means) < 2:
            continue
        lo, hi = scenario.slot_bounds[slot]
        if all(m == lo for m in means):
            out.append(f"{s['label']} sits at its minimum ({lo}) in every game from turn 2 on.")
        elif all(m == hi for m in means):
            out.append(f"{s['label']} sits at its maximum ({hi}) in every game from turn 2 on.")
    return out
