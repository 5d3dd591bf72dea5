"""The after-action review part of the debrief: milestones, trade-offs, turning points, questions, hot wash.

Everything here is read off the replayed states and the moments already cut
from them: a milestone is reached at the first state where the scenario's
condition holds; a team's position is its score minus its best rival's,
computed by the engine's own score functions; an alternative was available
when the engine offered another decision at that moment.
"""

from __future__ import annotations

from wargame import engine as E
from wargame.report.model import AAR, BranchOutcome, MilestoneRow, Moment, Swing, TradeOff
from wargame.scenario.model import Scenario
from wargame.words import plural

CLEAR_MARGIN = 5  # points: a smaller winning margin is within what chance moves in the scenario's bot games
TURNING_POINTS = 3  # per team


def build_aar(
    s: Scenario,
    states: list[E.GameState],
    moments: list[Moment],
    finished: bool,
    branches: tuple[BranchOutcome, ...] = (),
) -> AAR:
    """The AAR of a replayed game (`states[n]` after decision n).

    The margin it weighs is the winner's lead over the runner-up at the end,
    also after a sudden victory (where the engine's own margin counts the
    points past the threshold, which says nothing about how close the race was).
    """
    margin = winning_lead(s, states[-1].values)
    lead = finished and margin >= CLEAR_MARGIN
    note = (
        f"The winning margin ({plural(margin, 'point')}) is clear."
        if lead
        else f"The margin ({plural(margin, 'point')}) is under {CLEAR_MARGIN}: within what chance moves "
        "in this scenario, so the review leads with what happened and what was learned, not with who won."
    )
    tradeoffs = _tradeoffs(s, states, moments)
    played = {t.objective for t in tradeoffs if t.teams}
    questions = tuple((oid, qs) for oid, qs in s.questions.items() if qs and oid in played)
    swings = _swings(s, states, moments)
    return AAR(
        lead,
        note,
        _milestones(s, states),
        tradeoffs,
        _turning_points(swings),
        questions,
        *_hot_wash(s, swings),
        branches,
    )


def _milestones(s: Scenario, states: list[E.GameState]) -> tuple[MilestoneRow, ...]:
    rows = []
    for ms in s.milestones:
        hit = next((st for st in states if ms.when.fn(st.values, -1, -1)), None)
        game = s.calendar.label(hit.turn) if hit is not None else "not reached"
        rows.append(MilestoneRow(ms.label, game, hit.turn if hit is not None else None, ms.date, ms.note))
    return tuple(rows)


def _alternatives(s: Scenario, before: E.GameState, m: Moment) -> int:
    """How many other decisions the engine offered at this moment (a pass is not an alternative)."""
    legal = E.legal_decisions(s, before)
    if m.kind == "choice":
        return sum(1 for d in legal if isinstance(d, E.Choose)) - 1
    return len({d.action for d in legal if isinstance(d, E.Act)} - {m.ref})


def _tradeoffs(s: Scenario, states: list[E.GameState], moments: list[Moment]) -> tuple[TradeOff, ...]:
    short = {f.id: f.short for f in s.factions}
    real: dict[str, dict[str, list[str]]] = {oid: {} for oid in s.objectives}
    faced: dict[str, set[str]] = {oid: set() for oid in s.objectives}
    for m in moments:
        if not m.objectives or not m.faction:
            continue
        decided = m.kind in ("action", "choice") and m.step > 0
        for oid in m.objectives:
            if oid not in real:
                continue
            if decided and _alternatives(s, states[m.step - 1], m) > 0:
                real[oid].setdefault(m.faction, []).append(f"{m.text} ({m.date})")
            else:
                faced[oid].add(m.faction)
    out = []
    for oid, text in s.objectives.items():
        teams = tuple((short[f], len(ex), ex[0]) for f, ex in real[oid].items())
        only = tuple(short[f] for f in sorted(faced[oid] - set(real[oid])))
        out.append(TradeOff(oid, text, teams, only))
    return tuple(out)


def winning_lead(s: Scenario, values) -> int:
    """The best score minus the runner-up's (0 on a tie)."""
    top = sorted(E.scores(s, values).values(), reverse=True)
    return top[0] - top[1] if len(top) > 1 else 0


def _positions(s: Scenario, values) -> dict[str, int]:
    sc = E.scores(s, values)
    return {f: x - max([y for g, y in sc.items() if g != f] or [x]) for f, x in sc.items()}


def _swings(s: Scenario, states: list[E.GameState], moments: list[Moment]) -> list[Swing]:
    """Every decision step's change in each playable team's position, with what was decided or drawn then."""
    short = {f.id: f.short for f in s.factions}
    playable = [f.id for f in s.factions if f.playable]
    by_step: dict[int, list[Moment]] = {}
    for m in moments:
        by_step.setdefault(m.step, []).append(m)
    out = []
    before = _positions(s, states[0].values)
    for n in range(1, len(states)):
        now = _positions(s, states[n].values)
        ms = by_step.get(n, [])
        decided = [m for m in ms if m.kind in ("action", "choice")]  # several when simultaneous orders resolve
        rest = []
        if any(m.kind == "upkeep" for m in ms):
            rest.append(f"the end of {s.calendar.label(states[n - 1].turn)} (upkeep)")
        rest += [f"card: {m.text}" for m in ms if m.kind == "card"]
        for f in playable:
            d = now[f] - before[f]
            mine = next((m for m in decided if m.faction == f), None)
            text = "; ".join(_what(mine or (decided[0] if decided else None), len(decided)) + rest)
            if d and text:
                out.append(Swing(short[f], d, s.calendar.label(states[n].turn), n, text, mine is not None))
        before = now
    return out


def _what(lead: Moment | None, decided: int) -> list[str]:
    """The decision a team's swing is told by: its own when it had one in the step, and how many other
    orders resolved with it (a simultaneous turn resolves every team's orders in one step)."""
    if lead is None:
        return []
    if decided > 1:
        return [f"{lead.text} (with {plural(decided - 1, 'other order')} resolved at once)"]
    return [lead.text]


def _turning_points(swings: list[Swing]) -> tuple[Swing, ...]:
    out = []
    for team in dict.fromkeys(w.team for w in swings):
        mine = sorted((w for w in swings if w.team == team), key=lambda w: (-abs(w.delta), w.step))
        out += sorted(mine[:TURNING_POINTS], key=lambda w: w.step)
    return tuple(out)


def _hot_wash(s: Scenario, swings: list[Swing]) -> tuple[tuple[Swing, ...], tuple[Swing, ...]]:
    """Per team, its own decision that helped its position most (sustain) and the one that hurt it most (improve)."""
    sustain, improve = [], []
    for team in dict.fromkeys(w.team for w in swings):
        own = [w for w in swings if w.team == team and w.own]
        best = max(own, key=lambda w: w.delta, default=None)
        worst = min(own, key=lambda w: w.delta, default=None)
        if best is not None and best.delta > 0:
            sustain.append(best)
        if worst is not None and worst.delta < 0:
            improve.append(worst)
    return tuple(sustain), tuple(improve)
