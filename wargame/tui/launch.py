"""Provides `wargame play`: checks the command line before any screen opens, then runs the app."""

from __future__ import annotations

import secrets

from wargame.errors import UserError


def plan(args):
    """The game to open (None: the start screen) and the seed; UserError for bad arguments."""
    from wargame import saves
    from wargame.catalog import load
    from wargame.tui import session

    seats_given = list(args.seat or [])
    if args.scenario and not args.load and args.scenario.lower().endswith(".json"):
        args.load, args.scenario = args.scenario, None  # `wargame play saves/x.json`: a save, not a scenario
    if args.load:
        if args.scenario:
            raise UserError("give a scenario or --load SAVE, not both")
        if args.seed is not None:
            raise UserError("--seed cannot change a saved game (its seed is part of the save)")
        if getattr(args, "session", None):
            raise UserError("--session cannot change a saved game (its preset is part of the save)")
        try:
            scenario, saved, _state, _events = saves.load_game(args.load)
        except saves.SaveError as exc:
            raise UserError(str(exc)) from None
        seats = None
        if seats_given:
            seats = _seats(session, scenario, seats_given, dict(saved.seats))
        try:
            return session.resume(scenario, saved, seats), args.seed
        except saves.SaveError as exc:
            raise UserError(f"{args.load}: {exc}") from None
    if not args.scenario:
        if seats_given:
            raise UserError("--seat needs a scenario: wargame play SCENARIO --seat FACTION=human")
        if getattr(args, "session", None):
            raise UserError("--session needs a scenario: wargame play SCENARIO --session NAME")
        return None, args.seed
    from wargame.engine.sessions import UnknownSession, apply_session

    try:
        scenario = apply_session(load(args.scenario), getattr(args, "session", None))
    except UnknownSession as exc:
        raise UserError(str(exc)) from None
    try:
        base = session.configured_seats(scenario, _config(args).seats)
    except session.SeatError as exc:
        raise UserError(f"config file {_config(args).path}: [seats]: {exc}") from None
    seats = _seats(session, scenario, seats_given, base)
    seed = args.seed if args.seed is not None else secrets.randbelow(1_000_000)
    return session.start(scenario, seed, seats), seed


def _seats(session, scenario, specs, base):
    try:
        return session.parse_seats(scenario, specs, base)
    except session.SeatError as exc:
        raise UserError(str(exc)) from None


def _config(args):
    """The settings the CLI read (config.toml), or the defaults when called without them."""
    from wargame.config import Config

    return getattr(args, "config", None) or Config()


def cmd_play(args) -> int:
    from wargame import saves

    config = _config(args)
    directory = saves.saves_dir(getattr(args, "saves_dir", None), config.saves_dir)
    if directory.exists() and not directory.is_dir():
        raise UserError(f"{directory} is not a folder; give --saves-dir a folder for the saves")
    game, seed = plan(args)
    saves.sweep_temp_files(directory)

    from wargame.tui.app import WargameApp

    WargameApp(directory, game, seed, facilitator=bool(getattr(args, "facilitator", False)), config=config).run()
    return 0
