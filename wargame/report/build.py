"""Builds the debrief (a model.Report) from a save: read and replay it, then summarise, purely.

`summarise` is a pure function of the scenario, the save and its replay, so
the TUI's end screen (which already holds them) and the CLI share one code
path, and tests can check every number against the replayed state.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

from wargame import engine as E
from wargame.engine import events as ev
from wargame.engine.codec import from_dict
from wargame.engine.state import FACILITATOR
from wargame.report.aar import build_aar
from wargame.report.branches import compare_branches
from wargame.report.credit import attribute, movers
from wargame.report.exercise import exercise_story
from wargame.report.facilitation import facilitator_acts
from wargame.report.history import history_notes
from wargame.report.model import (
    FactionStory,
    MeterStory,
    Moment,
    ObjectiveUse,
    RegionRow,
    Report,
    Result,
    Score,
    Seat,
    Series,
    TeamObjectives,
    Turn,
)
from wargame.report.timeline import cut_moments, who_label
from wargame.saves import (
    SavedGame,
    SaveError,
    explain_changes,
    find_scenario,
    fingerprint,
    read_save,
)
from wargame.scenario.model import Scenario

PALETTE = ("#2e86de", "#c0392b", "#27ae60", "#8e44ad", "#e67e22", "#16a085", "#7f8c8d", "#d35400")
TRACK_COLORS = ("#34495e", "#b9770e", "#117a65", "#6c3483", "#a93226", "#1f618d")
CSS_NAMES = {
    "black",
    "blue",
    "brown",
    "crimson",
    "darkblue",
    "darkgreen",
    "darkred",
    "gold",
    "gray",
    "green",
    "grey",
    "maroon",
    "navy",
    "olive",
    "orange",
    "purple",
    "red",
    "teal",
}


# --- reading and replaying ------------------------------------------------------


def replay_states(
    scenario: Scenario, saved: SavedGame, where: str = "the save"
) -> tuple[list[E.GameState], list[list[ev.Event]]]:
    """Every state of the game (states[n] after decision n) and the events of each decision."""
    state, first = E.begin(scenario, saved.seed, saved.seats)
    states, by_step = [state], [first]
    for n, entry in enumerate(saved.decisions, 1):
        try:
            state, evs = E.apply(scenario, state, from_dict(entry))
        except E.DecisionError as exc:
            raise SaveError(f"{where}: decision {n} cannot be replayed: {exc}") from None
        states.append(state)
        by_step.append(evs)
    return states, by_step


def build_report(source: str | Path | SavedGame, scenario: Scenario | None = None) -> Report:
    """The debrief of a save file or an in-memory save; raises SaveError if it cannot be replayed faithfully."""
    where = "the game"
    if isinstance(source, SavedGame):
        saved = source
    else:
        saved, where = read_save(source), str(source)
    if scenario is None:
        scenario = find_scenario(saved, None if isinstance(source, SavedGame) else source)
    if scenario.id != saved.scenario_id:
        raise SaveError(f"{where} is a game of '{saved.scenario_id}', not of '{scenario.id}'")
    now = fingerprint(scenario)
    if saved.fingerprint and now != saved.fingerprint:
        raise SaveError(
            f"{where}: scenario '{scenario.id}' ({scenario.path}) has changed since this game was "
            f"saved, so it cannot be replayed faithfully ({explain_changes(saved.fingerprint, now)})"
        )
    states, by_step = replay_states(scenario, saved, where)
    if E.state_hash(states[-1]) != saved.state_hash:
        raise SaveError(f"{where}: replaying the decisions does not reach the saved state: the save was altered")
    return summarise(scenario, saved, states, by_step)


# --- summarising ------------------------------------------------------------------


def safe_color(color: str, i: int) -> str:
    """A colour safe to put in CSS and SVG: '#rrggbb' or a plain CSS name, else the palette."""
    if re.fullmatch(r"#[0-9a-fA-F]{6}", color) or color in CSS_NAMES:
        return color
    return PALETTE[i % len(PALETTE)]


def summarise(scenario: Scenario, saved: SavedGame, states: list[E.GameState], by_step: list[list[ev.Event]]) -> Report:
    """The debrief of a replayed save (`states[n]` after decision n, `by_step[n]` its events)."""
    s, final = scenario, states[-1]
    moments, origin = cut_moments(s, saved.decisions, states, by_step)
    snapshots = [*final.history, final.values]
    labels = (*(s.calendar.label(v[0]) for v in final.history), "end" if final.over else "now")
    colors = {f.id: safe_color(f.color, i) for i, f in enumerate(s.factions)}
    events = [e for evs in by_step for e in evs]
    deltas, sources, later = attribute(s, moments, origin)

    def series(slot: str, label: str, unit: str, color: str) -> Series:
        i = s.slot_index[slot]
        return Series(slot, label, unit, color, tuple(v[i] for v in snapshots))

    factions = []
    for f in s.factions:
        meters = []
        for meter in f.meters:
            slot = f"{f.id}.{meter.id}"
            line = series(slot, meter.label, meter.unit, colors[f.id])
            moved = movers(moments, deltas[slot], later[slot])
            by_source = tuple(sorted(((k, d) for k, d in sources[slot].items() if d), key=lambda kd: -abs(kd[1])))
            meters.append(MeterStory(line, line.points[0], line.points[-1], by_source, moved))
        rolls = [e for e in events if isinstance(e, ev.Rolled) and e.faction == f.id]
        factions.append(
            FactionStory(
                f.id,
                f.name,
                f.short,
                colors[f.id],
                f.text,
                f.victory_text,
                actions=sum(1 for e in events if isinstance(e, ev.ActionTaken) and e.faction == f.id),
                passes=sum(1 for e in events if isinstance(e, ev.Passed) and e.faction == f.id and not e.forced),
                rolls=len(rolls),
                successes=sum(1 for e in rolls if e.success),
                mean_odds=round(sum(e.chance for e in rolls) / len(rolls)) if rolls else None,
                meters=tuple(meters),
            )
        )
    score_lines = tuple(
        Series(f.id, f.short, "", colors[f.id], tuple(f.score(v) for v in snapshots)) for f in s.factions
    )
    tracks = tuple(series(t.id, t.label, t.unit, TRACK_COLORS[i % len(TRACK_COLORS)]) for i, t in enumerate(s.tracks))
    teams, unused = _objectives(s, moments)
    over = next((e for e in reversed(events) if isinstance(e, ev.GameOver)), None)
    result = _result(s, final, colors, over)
    turns: dict[int, list[Moment]] = defaultdict(list)
    for m in moments:
        turns[m.turn].append(m)
    return Report(
        scenario=s.id,
        title=s.title,
        summary=s.summary,
        author=s.author,
        save_name=saved.name,
        created=saved.created,
        seed=saved.seed,
        decisions=len(saved.decisions),
        turns_planned=s.turns,
        turns_played=final.turn,
        first_date=s.calendar.label(states[0].turn),
        last_date=s.calendar.label(final.turn),
        seats=_seats(s, saved, states, colors),
        result=result,
        point_labels=labels,
        scores=score_lines,
        factions=tuple(factions),
        tracks=tracks,
        regions=_regions(s, final),
        objectives=teams,
        unused_objectives=unused,
        history=history_notes(s, moments),
        facilitator=facilitator_acts(s, saved, states, moments),
        timeline=tuple(Turn(t, s.calendar.label(t), tuple(ms)) for t, ms in sorted(turns.items())),
        aar=build_aar(s, states, moments, result.finished, compare_branches(s, saved, states)),
        exercise=exercise_story(s, final, events),
    )


def _seats(s: Scenario, saved: SavedGame, states: list[E.GameState], colors: dict[str, str]) -> tuple[Seat, ...]:
    deciders: dict[str, Counter[str]] = defaultdict(Counter)
    for n, entry in enumerate(saved.decisions, 1):
        p = states[n - 1].pending
        if p is not None and not isinstance(from_dict(entry), FACILITATOR):
            deciders[p.faction][who_label(entry.get("by")) or "not recorded"] += 1
    out = []
    for f in s.factions:
        seat = saved.seats.get(f.id)
        label = who_label(seat) if seat else ("not recorded" if f.playable else "bot")
        out.append(Seat(f.id, f.name, f.short, colors[f.id], f.playable, label, tuple(deciders[f.id].most_common())))
    return tuple(out)


def _result(s: Scenario, final: E.GameState, colors: dict[str, str], over: ev.GameOver | None) -> Result:
    """The end as the engine said it (`over`: its GameOver event), or the scores as they stand."""
    o = final.outcome
    values = dict(o.scores) if o else E.scores(s, final.values)
    best = max(values.values()) if values else 0
    rows = []
    for f in s.factions:
        x = values[f.id]
        gap = None if f.threshold is None else max(0, f.threshold - x)
        rows.append(Score(f.id, f.name, f.short, colors[f.id], x, f.threshold, best - x, gap))
    rows.sort(key=lambda r: -r.score)
    date = s.calendar.label(final.turn)
    if o is None or over is None:
        headline = f"Not finished: saved in {date} (turn {final.turn} of {s.turns}); scores as they stand"
        return Result(False, headline, None, "", final.turn, date, 0, (), tuple(rows))
    headline = E.describe(over, s)
    if o.winner is None and o.tied:
        headline += " between " + " and ".join(s.faction(t).name for t in o.tied)
    return Result(True, headline, o.winner, o.reason, o.turn, date, o.margin, o.tied, tuple(rows))


def _objectives(s: Scenario, moments: list[Moment]) -> tuple[tuple[TeamObjectives, ...], tuple[tuple[str, str], ...]]:
    """Which learning objectives each team met: actions it took, cards and choices it faced."""
    uses: dict[str, dict[str, Counter[str]]] = {f.id: defaultdict(Counter) for f in s.factions}
    for m in moments:
        if not m.objectives:
            continue
        teams: list[str]
        if m.kind == "action" and m.faction:
            teams, source = [m.faction], f"took '{s.action(m.ref).name}'"
        elif m.kind == "choice" and m.faction:
            teams, source = [m.faction], f"answered '{s.card(m.ref).title}' ({m.date})"
        elif m.kind == "note" and m.faction:
            teams, source = [m.faction], f"faced '{s.card(m.ref).title}' ({m.date})"
        elif m.kind == "card" and s.card(m.ref).choice is None:
            hit = {c.slot.split(".", 1)[0] for c in m.changes} & set(s.faction_index)
            teams = [f.id for f in s.factions if f.id in hit] or [f.id for f in s.factions]
            source = f"faced '{s.card(m.ref).title}' ({m.date})"
        else:
            continue
        for team in teams:
            for tag in m.objectives:
                uses[team][tag][source] += 1
    out = []
    for f in s.factions:
        mine = uses[f.id]
        rows = tuple(
            ObjectiveUse(
                tag,
                s.objectives.get(tag, ""),
                tuple(src + (f" (x{n})" if n > 1 else "") for src, n in mine[tag].items()),
            )
            for tag in [*s.objectives, *sorted(set(mine) - set(s.objectives))]
            if tag in mine
        )
        out.append(TeamObjectives(f.id, f.name, rows))
    # exercised: some team decided something tagged with it (facing a card is not exercising it)
    used = {tag for m in moments if m.kind in ("action", "choice") for tag in m.objectives}
    return tuple(out), tuple((k, v) for k, v in s.objectives.items() if k not in used)


def _regions(s: Scenario, final: E.GameState) -> tuple[RegionRow, ...]:
    rows = []
    for r in s.regions:
        c = s.layout.control(s.region_index[r.id])
        values = tuple(
            (a.label, s.initial[s.slot_index[f"{r.id}.{a.id}"]], final.values[s.slot_index[f"{r.id}.{a.id}"]])
            for a in s.attributes
        )
        rows.append(
            RegionRow(r.id, r.name, (ev.faction_name(s, s.initial[c]), ev.faction_name(s, final.values[c])), values)
        )
    return tuple(rows)
