"""What `wargame serve` and `wargame join` do (their arguments are in wargame/cli/serve.py and join.py)."""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import json
import os
import secrets
import signal
import socket
import sys
from pathlib import Path

from wargame.errors import EXIT_OK, EXIT_USAGE, UserError
from wargame.server.remote import TOKEN_ENV


def cmd_serve(args) -> int:
    from wargame import saves
    from wargame.server.room import Room

    if not 0 <= args.port <= 65535:
        raise UserError(f"--port {args.port} is not a port (0 to 65535)", EXIT_USAGE)
    directory = saves.saves_dir(args.saves_dir)
    try:
        if args.resume:
            if args.scenario or args.session or args.seed is not None:
                raise UserError(
                    "a resumed game keeps its scenario, session and seed: give only --resume SAVE", EXIT_USAGE
                )
            path = _save_path(args.resume, directory)
            seats = _seats(saves.load_game(path)[0], args.seat, None) if args.seat else None
            room, fresh = Room.resume(path, seats)
            if fresh:
                print("No tokens were found beside the save: the links below are new.", file=sys.stderr)
        else:
            if not args.scenario:
                raise UserError("name a scenario to serve, or --resume a save", EXIT_USAGE)
            from wargame.catalog import load

            scenario = _with_session(load(args.scenario), args.session)
            seats = _seats(scenario, args.seat, "human")
            if not any(who == "human" for who in seats.values()):
                raise UserError("no team would play: give at least one --seat FACTION=human", EXIT_USAGE)
            name = args.name or f"{scenario.id}-{dt.datetime.now():%Y%m%d-%H%M}"
            directory.mkdir(parents=True, exist_ok=True)
            path = directory / saves.safe_name(name)
            seed = args.seed if args.seed is not None else secrets.randbelow(2**31)
            room = Room.create(scenario, seed, seats, path, name)
    except saves.SaveError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"cannot write the save in {directory}: {exc.strerror or exc}") from None
    _check_scenario_sent(room)
    try:
        asyncio.run(_serve(room, args))
    except OSError as exc:
        if not args.resume and room.state.step == 0:  # the game never started: leave no save behind
            from wargame.server.room import tokens_path

            room.save_path.unlink(missing_ok=True)
            tokens_path(room.save_path).unlink(missing_ok=True)
        raise UserError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    return EXIT_OK


def _check_scenario_sent(room) -> None:
    """Each seat's copy of the scenario can be made (masked) before any team connects."""
    from wargame.server.room import Refused
    from wargame.server.sentscenario import Unmaskable

    try:
        for seat in room.tokens:
            room.scenario_for(seat)
    except (Unmaskable, Refused, OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot send the scenario to the teams: {getattr(exc, 'reason', exc)}") from None


def _with_session(scenario, preset: str | None):
    """The scenario as the session preset plays it; refused while saves cannot record the preset."""
    if not preset:
        return scenario
    import attrs

    from wargame import saves
    from wargame.engine.sessions import UnknownSession, apply_session

    try:
        adjusted = apply_session(scenario, preset)
    except UnknownSession as exc:
        raise UserError(str(exc), EXIT_USAGE) from None
    if "session" not in attrs.fields_dict(saves.SavedGame):
        raise UserError(
            "this wargame's saves do not record a session preset yet, so the game could not be "
            "resumed or replayed: serve the scenario as written (without --session)"
        )
    return adjusted


def _save_path(name: str, directory: Path) -> Path:
    """A save given by path, else by name in the saves folder."""
    p = Path(name)
    return p if p.exists() else directory / saves_name(name)


def saves_name(name: str) -> str:
    from wargame import saves

    return saves.safe_name(name[:-5] if name.endswith(".json") else name)


def _seats(scenario, specs: list[str], default: str | None) -> dict[str, str]:
    from wargame.tui.session import SeatError, parse_seats

    base = {f.id: (default if f.playable and default else "normal") for f in scenario.factions}
    try:
        return parse_seats(scenario, specs, base)
    except SeatError as exc:
        raise UserError(str(exc), EXIT_USAGE) from None


async def _serve(room, args) -> None:
    from aiohttp import web

    from wargame.server.api import make_app

    app = make_app(room, bot_delay=args.bot_delay)
    runner = web.AppRunner(app, access_log=None, handle_signals=False)  # an access log would hold tokens
    await runner.setup()
    site = web.TCPSite(runner, args.host, args.port)
    await site.start()
    port = runner.addresses[0][1] if runner.addresses else args.port
    links = join_links(room, _public_host(args.host), port)
    print(links_text(room, links, args), flush=True)
    if args.links:
        Path(args.links).write_text(json.dumps(links, indent=2) + "\n", encoding="utf-8")
        os.chmod(args.links, 0o600)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        print("Stopping; the game is saved in " + str(room.save_path), file=sys.stderr, flush=True)
        await runner.cleanup()


def _public_host(host: str) -> str:
    """The address other laptops use: the one bound to, or this machine's name when bound to all."""
    try:
        if ipaddress.ip_address(host).is_unspecified:
            return socket.gethostname()
    except ValueError:
        return host or socket.gethostname()
    return f"[{host}]" if ":" in host else host


def join_links(room, host: str, port: int) -> dict:
    base = f"http://{host}:{port}"
    return {seat: {"token": token, "url": base} for seat, token in room.tokens.items()}


def links_text(room, links: dict, args) -> str:
    """What the facilitator reads on starting: one line per link and how to open it."""
    s = room.scenario
    lines = [f"Serving {s.title} ({room.save_path}), turn {room.state.turn}, decision {room.state.step}."]
    try:
        if ipaddress.ip_address(args.host).is_unspecified:
            lines.append(
                f"WARNING: listening on every address ({args.host}): anyone on the network can reach "
                "this server; only the tokens keep them out."
            )
    except ValueError:
        pass
    for seat, link in links.items():
        who = s.faction(seat).name if seat in s.faction_index else seat.capitalize()
        size = "&fontsize=24" if seat == "projector" else ""
        lines += [
            f"\n{who}:",
            f"  browser:  {link['url']}/play?token={link['token']}{size}",
            f"  terminal: wargame join {link['url']} --token {link['token']}",
        ]
    lines.append("\nStop with Ctrl+C; continue later with: wargame serve --resume " + str(room.save_path))
    return "\n".join(lines)


def cmd_join(args) -> int:
    token = args.token or os.environ.get(TOKEN_ENV)
    if not token:
        raise UserError(f"give your team's token with --token (or {TOKEN_ENV})", EXIT_USAGE)
    from wargame.server.remote import RemoteError, connect

    try:
        client = connect(args.url, token)
    except RemoteError as exc:
        raise UserError(str(exc)) from None
    from wargame.server.join_app import run_join

    run_join(client)
    return EXIT_OK
