"""Shared by the test folders: play a game on, and wait for a Pilot app (tests/ is on pytest's
pythonpath, so any folder imports it as `playing`)."""

from __future__ import annotations


def play_passively(game, steps: int | None = None):
    """Play on with the humans passing (or taking a card's first option) and random bots:
    `steps` decisions, or to the end of the game. The same game every time."""
    from wargame import engine as E
    from wargame.tui import session

    taken = 0
    while not game.state.over and (steps is None or taken < steps):
        p = game.state.pending
        if game.seats[p.faction] == "human":
            game, _ = session.play(game, E.Choose(0) if p.kind == "choice" else E.Pass())
        else:
            decision, why, by = session.bot_move(game.scenario, game.state, "random")
            game, _ = session.play(game, decision, by, why)
        taken += 1
    return game


async def until(pilot, condition, timeout: float = 30.0) -> None:
    """Let the app run until `condition()` holds (bots think in a worker thread). The limit counts the
    pauses, not the clock, and is generous: a loaded two-core CI machine runs the worker slowly."""
    waited = 0.0
    while not condition():
        if waited > timeout:
            raise AssertionError(f"timed out waiting for {condition}")
        await pilot.pause(0.02)
        waited += 0.02
