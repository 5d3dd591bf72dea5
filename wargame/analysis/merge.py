"""`wargame merge`: the parts of a sharded `simulate` run, checked and merged into the run's report."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from wargame.analysis.aggregate_io import ShapeError, from_dict
from wargame.analysis.cli import _check_output, check_stdout, report_settings, write_report
from wargame.analysis.shards import Part, check_parts, missing_message, read_part
from wargame.analysis.sweep import Sweep, document, prepare
from wargame.bots import LEVELS
from wargame.errors import UserError
from wargame.files import STDOUT
from wargame.scenario import Scenario, ScenarioError, load_text


def cmd_merge(args: argparse.Namespace) -> int:
    for flag in ("json", "csv"):
        _check_output(getattr(args, flag), f"--{flag}")
    check_stdout(args.json, args.csv)
    parts = [read_part(path) for path in args.parts]
    missing = check_parts(parts)
    ref = parts[0]
    games = ref.settings["games"]
    sweep = _rebuild(ref)
    aggs = sweep.empty()
    for part in sorted(parts, key=lambda p: p.index):
        labels = [g["label"] for g in part.groups]
        if labels != [g.label for g in sweep.groups]:
            raise UserError(f"{part.path}: its groups of games do not match its settings (--vary)")
        for k, group in enumerate(part.groups):
            where = f"group '{group['label']}'" if group["label"] else "its totals"
            try:
                totals = from_dict(sweep.scenarios[k], sweep.groups[k].seats, group["totals"])
            except ShapeError as exc:
                raise UserError(f"{part.path}: not a part of this scenario's run ({where}: {exc})") from None
            if totals.games != part.end - part.first:
                raise UserError(f"{part.path}: {where} count {totals.games} games, not its {part.end - part.first}")
            aggs[k].merge(totals)
    if missing and not args.partial:  # after every part is checked: a broken part is the first thing to fix
        raise UserError(missing_message(missing, ref.count, games))
    doc = document(sweep, report_settings(ref.settings), aggs)
    if missing:
        played = sorted(p.index for p in parts)
        doc["partial"] = {"shards": played, "of": ref.count, "games": aggs[0].games, "missing": missing}
        print(
            f"PARTIAL REPORT: shards {', '.join(map(str, played))} of {ref.count}, "
            f"{aggs[0].games} of {games} games; {missing_message(missing, ref.count, games).split(';')[0]}",
            file=sys.stderr if STDOUT in (args.json, args.csv) else sys.stdout,  # stdout may be the JSON's
        )
    write_report(doc, args.json, args.csv)
    return 0


def _presets(part: Part, scenario: Scenario, st: dict[str, Any]) -> list[Scenario]:
    """The scenario under each session preset the run played (the first is the base), as simulate did."""
    from wargame.engine.sessions import UnknownSession, apply_session

    names = st.get("sessions")
    if names is None:  # a part written before 'sessions' was recorded
        names = [st["session"]] if st.get("session") else []
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise UserError(f"{part.path}: its session settings are not a list of preset names")
    try:
        return [apply_session(scenario, name) for name in names] or [scenario]
    except UnknownSession as exc:
        raise UserError(f"{part.path}: {exc}") from None


def _rebuild(part: Part) -> Sweep:
    """The run's groups, from the part's own scenario text and settings: what the shards played."""
    sc, st = part.scenario, part.settings
    try:
        scenario = load_text(sc["text"], sc["path"])[0]
    except ScenarioError as exc:
        raise UserError(f"{part.path}: its scenario does not load: {exc.problems[0].message}") from None
    seats, vary, bots = st.get("seats"), st.get("vary", []), st.get("bots")
    if bots not in LEVELS:
        raise UserError(f"{part.path}: its settings name no bot level")
    ids = [f.id for f in scenario.factions]
    if not isinstance(seats, dict) or sorted(seats) != sorted(ids) or not all(v in LEVELS for v in seats.values()):
        raise UserError(f"{part.path}: its seats do not fit its scenario")
    if not isinstance(vary, list) or not all(isinstance(v, str) for v in vary):
        raise UserError(f"{part.path}: its --vary settings are not a list of KEY=LO..HI")
    seats = {fid: seats[fid] for fid in ids}
    played = _presets(part, scenario, st)
    try:
        return prepare(sc["name"], sc["path"], played[0], sc["text"], seats, vary, tuple(played[1:]))
    except UserError as exc:
        raise UserError(f"{part.path}: {exc}") from None
