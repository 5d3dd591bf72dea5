"""The one-line reason every bot gives for its choice, shared by the levels and the rollouts."""

from __future__ import annotations

from wargame import engine as E
from wargame.bots import evaluate
from wargame.bots.evaluate import Candidate
from wargame.scenario import Scenario


def reason(
    scenario: Scenario,
    state: E.GameState,
    pick: Candidate,
    rest: list[Candidate],
    hunch: bool = False,
) -> str:
    """'Assault a district on Jiza: +6.5 expected score, 55% odds, beats Pay the brigades +2.1'."""
    parts = [f"{evaluate.label(scenario, state, pick.decision)}: {pick.gain:+.1f} expected score"]
    if pick.odds is not None:
        parts.append(f"{pick.odds}% odds")
    if rest:
        best_other = max(rest, key=lambda c: c.value)
        verb = "a hunch over" if hunch and best_other.value > pick.value else "beats"
        parts.append(f"{verb} {evaluate.label(scenario, state, best_other.decision)} {best_other.gain:+.1f}")
    else:
        parts.append("the only option")
    return ", ".join(parts)
