"""Provides the game flow (seats, moves, bots, undo, saves) as plain functions, no Textual."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import attrs

from wargame import engine as E
from wargame import saves
from wargame.engine.codec import from_dict, to_dict
from wargame.scenario import Scenario
from wargame.text import one_line

HUMAN = "human"
FACILITATOR = "facilitator"  # `by` of decisions a facilitator takes (injects, overrides, rulings)
BOT_LEVELS = ("easy", "normal", "hard")
SEAT_CHOICES = (HUMAN, *BOT_LEVELS)
ALL_LEVELS = (*BOT_LEVELS, "random")  # "random" is accepted for tests and demos, not offered

# every decision the screens may send: the game's own and the exercise's (orders, deals, proposals)
Decision = E.Decision


class SeatError(ValueError):
    """A --seat the scenario cannot honour; the message names the fix."""


@attrs.frozen
class Game:
    """Everything that defines a game in progress: replaying `decisions` from `seed` gives `state`."""

    scenario: Scenario
    seed: int
    seats: dict[str, str]
    decisions: tuple[dict, ...]  # the save's word (SavedGame.decisions): each decision as written
    state: E.GameState
    events: tuple  # every event so far, for the log and the cards of the turn
    by_step: tuple  # the events of each decision (index 0: before the first one)
    branches: tuple = ()
    name: str = ""
    game_id: str = ""  # the game's identity from its start, kept by every save of it
    started: str = ""  # when it began (ISO): names its autosave
    paused: bool = False  # as the facilitator left it: written to the save, restored on resume


def default_seats(scenario: Scenario) -> dict[str, str]:
    """The first playable faction is human; every other faction is a normal bot."""
    seats, human = {}, False
    for f in scenario.factions:
        if f.playable and not human:
            seats[f.id], human = HUMAN, True
        else:
            seats[f.id] = "normal"
    return seats


def parse_seats(scenario: Scenario, specs: list[str], base: dict[str, str]) -> dict[str, str]:
    """Apply `FACTION=human|easy|normal|hard` specs over `base`; raises SeatError in plain words."""
    seats = dict(base)
    ids = ", ".join(f.id for f in scenario.factions)
    for spec in specs:
        fid, sep, who = spec.partition("=")
        fid, who = fid.strip(), who.strip().lower()
        if not sep or not fid or not who:
            raise SeatError(f"--seat '{spec}' should look like FACTION=human (factions: {ids})")
        if fid not in scenario.faction_index:
            raise SeatError(f"--seat: '{scenario.id}' has no faction '{fid}' (factions: {ids})")
        if who not in (HUMAN, *ALL_LEVELS):
            raise SeatError(f"--seat {fid}: '{who}' is not human, easy, normal or hard")
        if who == HUMAN and not scenario.faction(fid).playable:
            raise SeatError(f"--seat: {scenario.faction(fid).name} is always played by a bot in this scenario")
        seats[fid] = who
    return seats


def humans(seats: dict[str, str]) -> list[str]:
    return [f for f, who in seats.items() if who == HUMAN]


def keyboard_team(seats: dict[str, str], at_keyboard: str | None) -> str | None:
    """The team whose options the game screen shows now: the only human team, else the one that
    last passed the hand-over screen (None: nobody's)."""
    teams = humans(seats)
    return teams[0] if len(teams) == 1 else at_keyboard


def start(scenario: Scenario, seed: int, seats: dict[str, str], started: str = "") -> Game:
    """A new game: its own identity, so its autosave is its own."""
    import datetime as dt

    state, events = E.begin(scenario, seed, seats)
    started = started or dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    game_id = saves.new_game_id(scenario.id, seed, started)
    return Game(
        scenario, seed, dict(seats), (), state, tuple(events), (tuple(events),), game_id=game_id, started=started
    )


def resume(scenario: Scenario, saved: saves.SavedGame, seats: dict[str, str] | None = None) -> Game:
    """A loaded save as a Game; `seats` (from --seat) may hand a faction to someone else.

    Raises saves.SaveError when the save seats someone the game cannot run (a seat
    edited to anything but a human or a bot level would stop the first bot decision).
    """
    for fid, who in saved.seats.items():
        if who not in (*SEAT_CHOICES, "random"):
            raise saves.SaveError(
                f"the save seats '{one_line(who, 40)}' at {one_line(fid, 40)}; a seat is "
                f"{', '.join(SEAT_CHOICES)} or random"
            )
    game = rebuild(scenario, saved.seed, dict(saved.seats), saved.decisions)
    game = attrs.evolve(
        game,
        branches=saved.branches,
        name=saved.name,
        game_id=saved.game_id,
        started=saved.started,
        paused=saved.paused,
    )
    if seats is not None and seats != game.seats:
        game = attrs.evolve(
            game,
            seats=dict(seats),
            state=attrs.evolve(game.state, seats=tuple(sorted(seats.items()))),
        )
    return game


def apply(scenario: Scenario, state: E.GameState, decision: Decision) -> tuple[E.GameState, list]:
    """E.apply for any decision a screen sends; raises E.DecisionError when the engine refuses it."""
    return E.apply(scenario, state, decision)


def refusal(scenario: Scenario, state: E.GameState, decision: Decision) -> str:
    """'' if the engine would take `decision` now, else its reason: a form's trial before it sends,
    so a mistake is said in the form (nothing is applied: the engine is pure)."""
    try:
        apply(scenario, state, decision)
    except E.DecisionError as exc:
        return str(exc)
    return ""


def play(game: Game, decision: Decision, by: str = HUMAN, why: str = "") -> tuple[Game, list]:
    """Apply one decision; raises E.DecisionError when the engine refuses it."""
    state, events = apply(game.scenario, game.state, decision)
    entry = to_dict(decision, by=by, why=why)
    return attrs.evolve(
        game,
        decisions=(*game.decisions, entry),
        state=state,
        events=(*game.events, *events),
        by_step=(*game.by_step, tuple(events)),
    ), events


def bot_move(scenario: Scenario, state: E.GameState, level: str) -> tuple[E.Decision, str, str]:
    """The bot's decision, its reason and the level that decided (random if it is missing)."""
    from wargame import bots

    try:
        decision, why = bots.choose(scenario, state, level)
        return decision, why, level
    except ImportError:  # the easy/normal/hard bots are not installed yet
        decision, why = bots.choose(scenario, state, "random")
        return decision, why, "random"


def rebuild(scenario: Scenario, seed: int, seats: dict[str, str], decisions) -> Game:
    """Replay `decisions` from the start through the engine (load, undo, rewind all come here)."""
    game = start(scenario, seed, seats)
    for entry in decisions:
        game, _ = play(game, from_dict(entry), entry.get("by", HUMAN), entry.get("why", ""))
        game = attrs.evolve(game, decisions=(*game.decisions[:-1], dict(entry)))
    return game


def undo_point(game: Game) -> tuple[int | None, str]:
    """Where undo would cut the log (the last human decision), or None and why not.

    In hot-seat play a team may only take back its own decision: the last human
    decision must be by the faction now at the keyboard.
    """
    last = max((i for i, e in enumerate(game.decisions) if e.get("by", HUMAN) == HUMAN), default=None)
    if last is None:
        return None, "there is no human decision to undo"
    before = rebuild(game.scenario, game.seed, game.seats, game.decisions[:last])
    who = before.state.pending.faction if before.state.pending else None
    now = game.state.pending.faction if game.state.pending else None
    if len(humans(game.seats)) > 1 and now is not None and who != now:
        name = game.scenario.faction(who).short if who else "another team"
        return None, f"the last human decision was the {name} team's; only they can take it back"
    return last, ""


def undo(game: Game) -> tuple[Game | None, str]:
    cut, why = undo_point(game)
    if cut is None:
        return None, why
    rebuilt = rebuild(game.scenario, game.seed, game.seats, game.decisions[:cut])
    return same_game(rebuilt, game), ""


def same_game(rebuilt: Game, game: Game) -> Game:
    """A rebuilt game (undo, rewind) keeps what the log does not hold: name, identity, branches."""
    return attrs.evolve(
        rebuilt, branches=game.branches, name=game.name, game_id=game.game_id, started=game.started, paused=game.paused
    )


def record(game: Game, name: str = "") -> saves.SavedGame:
    return saves.record(
        game.scenario,
        game.state,
        list(game.decisions),
        name=name or game.name,
        branches=game.branches,
        game_id=game.game_id,
        started=game.started,
        paused=game.paused,
    )


def save_path(directory: Path, name: str) -> Path:
    """Where a typed save name goes; saves.SaveError if nothing usable is left of it."""
    return Path(directory) / saves.safe_name(name)


def save(game: Game, directory: Path, name: str, force: bool = False) -> Path:
    """Write a named save atomically; saves.SaveError (bad name, or another game's file there and
    not `force`) or OSError."""
    return saves.write_new(save_path(directory, name), record(game, name), force=force)


def autosave(game: Game, directory: Path, claimed: Path | None = None) -> Path:
    """Write the game's own autosave (named by scenario, seed and start); returns its path."""
    return saves.write_autosave(directory, record(game), claimed)


def configured_seats(scenario: Scenario, configured: Mapping[str, str], strict: bool = True) -> dict[str, str]:
    """The default seats with config.toml's [seats] over them; factions this scenario lacks are skipped.

    `strict`: a seat the scenario forbids (a bot-only faction set to human)
    raises SeatError; otherwise (the start screen) that one seat is skipped.
    """
    seats = default_seats(scenario)
    for fid, who in configured.items():
        if fid not in scenario.faction_index:
            continue
        try:
            seats = parse_seats(scenario, [f"{fid}={who}"], seats)
        except SeatError:
            if strict:
                raise
    return seats
