"""Session presets: a pure function from a scenario and a preset's id to the scenario as that session plays it."""

from __future__ import annotations

import attrs

from wargame.scenario.model import Scenario


class UnknownSession(ValueError):
    """The scenario has no preset of that name; the message lists the ones it has."""


def apply_session(scenario: Scenario, name: str | None) -> Scenario:
    """The scenario adjusted by preset `name` (None or '': unchanged).

    `start` moves the first turn later in the calendar (the file's starting
    values, on that month's turn), `turns` shortens the game, and
    `actions_per_turn` and `orders` replace the file's. The preset is kept on
    the result (`scenario.session`), for the timer, the save and the report.
    """
    if not name:
        return scenario
    preset = scenario.session_named(name)
    if preset is None:
        known = ", ".join(x.id for x in scenario.sessions) or "none"
        raise UnknownSession(f"scenario '{scenario.id}' has no session '{name}' (its sessions: {known})")
    first = preset.first_turn
    last = first + preset.turns - 1 if preset.turns else scenario.calendar.turns
    initial = (first, *scenario.initial[1:])
    factions = scenario.factions
    if preset.actions_per_turn is not None:
        factions = tuple(attrs.evolve(f, actions_per_turn=preset.actions_per_turn) for f in factions)
    return attrs.evolve(
        scenario,
        calendar=attrs.evolve(scenario.calendar, turns=last),
        initial=initial,
        factions=factions,
        orders=preset.orders or scenario.orders,
        session=preset,
    )
