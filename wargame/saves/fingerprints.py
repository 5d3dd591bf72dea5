"""Scenario fingerprints: a short digest per element, so a save can say what changed in its scenario."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from wargame.scenario import Scenario
from wargame.scenario.expr.statements import Stmt
from wargame.scenario.model import Expr


def fingerprint(scenario: Scenario) -> dict[str, str]:
    """A short digest per scenario element, so a changed file can be explained, not just refused.

    Only what the rules read goes in: fixing a label, a unit or a text in a
    scenario must not make a class's saves unloadable.
    """

    def h(*parts: Any) -> str:
        return hashlib.sha256(repr(parts).encode()).hexdigest()[:12]

    def stmts(xs: Iterable[Stmt]) -> tuple[str, ...]:
        return tuple(x.text for x in xs)

    def ex(e: Expr | None) -> str | None:
        return e.text if e is not None else None

    out = {
        "calendar": h(scenario.calendar, scenario.cards_per_turn, scenario.order),
        "upkeep": h(stmts(scenario.upkeep)),
        "injects": h(tuple((i.card, i.turn, ex(i.when)) for i in scenario.injects)),
    }
    for f in scenario.factions:
        meters = tuple((m.id, m.start, m.lo, m.hi) for m in f.meters)
        out[f"factions.{f.id}"] = h(meters, ex(f.score), f.threshold, f.actions_per_turn)
    for t in scenario.tracks:
        out[f"tracks.{t.id}"] = h(t.start, t.lo, t.hi)
    for a in scenario.attributes:
        out[f"region_attributes.{a.id}"] = h(a.lo, a.hi, a.default)
    for r in scenario.regions:
        out[f"regions.{r.id}"] = h(r.control, r.adjacent, r.tags, r.values)
    for act in scenario.actions:
        limit = (act.per_turn,) if act.per_turn else ()  # only when set: older saves keep their fingerprints
        out[f"actions.{act.id}"] = h(
            act.faction,
            act.cost,
            act.targeted,
            ex(act.target_if),
            ex(act.requires),
            ex(act.chance),
            stmts(act.success),
            stmts(act.failure),
            act.delay,
            *limit,
        )
    for c in scenario.cards:
        choice = None
        if c.choice:
            choice = (c.choice.faction, tuple((ex(o.requires), stmts(o.effects)) for o in c.choice.options))
        out[f"cards.{c.id}"] = h(ex(c.when), c.weight, stmts(c.effects), choice)
    return out


def explain_changes(old: dict[str, str], new: dict[str, str]) -> str:
    """'changed: actions.raid; added: cards.truce': which elements differ between two fingerprints."""
    changed = [k for k in old if k in new and old[k] != new[k]]
    removed = [k for k in old if k not in new]
    added = [k for k in new if k not in old]
    parts = []
    for label, keys in (("changed", changed), ("removed", removed), ("added", added)):
        if keys:
            shown = ", ".join(keys[:8]) + (f" and {len(keys) - 8} more" if len(keys) > 8 else "")
            parts.append(f"{label}: {shown}")
    return "; ".join(parts)
