"""The debrief's facilitator's notes: what the facilitator did, apart from the teams' moves."""

from __future__ import annotations

from wargame import engine as E
from wargame.engine import events as ev
from wargame.report.model import FacilitatorAct, Moment
from wargame.saves import SavedGame, SaveError, branch_line, replay
from wargame.scenario.model import Scenario
from wargame.words import plural

SET_ASIDE_SHOWN = 6  # the first moves a rewind undid, named in the debrief; the rest are counted


def set_aside(s: Scenario, saved: SavedGame, k: int) -> str:
    """': G.N.A. took Assault on Jiza, ISIS passed, ... and 3 more': what branch k's rewind undid,
    in the log's words, from the branch replayed by the engine (nothing when it cannot be)."""
    b = saved.branches[k]
    try:
        _, _, by_step = replay(s, branch_line(saved, k))
    except SaveError:
        return ""
    moves = [
        E.describe(e, s).strip()
        for evs in by_step[b.from_step + 1 :]
        for e in evs
        if isinstance(e, (ev.ActionTaken, ev.Chose, ev.Passed))
    ]
    if not moves:
        return ""
    more = f" and {len(moves) - SET_ASIDE_SHOWN} more" if len(moves) > SET_ASIDE_SHOWN else ""
    return ": " + "; ".join(moves[:SET_ASIDE_SHOWN]) + more


def facilitator_acts(
    s: Scenario, saved: SavedGame, states: list[E.GameState], moments: list[Moment]
) -> tuple[FacilitatorAct, ...]:
    """The facilitator's notes: overrides, injects, bookmarks, rulings and rewinds, in decision order."""
    acts = []
    for m in moments:
        entry = saved.decisions[m.step - 1] if m.step else {}
        if m.kind == "override":
            acts.append(
                FacilitatorAct(
                    m.step,
                    m.turn,
                    m.date,
                    "override",
                    f"correction: {entry.get('override', '')}",
                    str(entry.get("reason", "")),
                )
            )
        elif m.kind == "inject":
            when = f" for {s.calendar.label(entry['turn'])}" if entry.get("turn") else ""
            acts.append(
                FacilitatorAct(
                    m.step,
                    m.turn,
                    m.date,
                    "inject",
                    f"injected '{s.card(m.ref).title}'{when}",
                    str(entry.get("reason", "")),
                )
            )
        elif m.kind == "bookmark":
            acts.append(FacilitatorAct(m.step, m.turn, m.date, "bookmark", str(entry.get("bookmark", "")), ""))
        elif m.ruling and m.kind == "action":
            verdict = m.roll if entry.get("ruling") == "argue" else f"ruled a {entry.get('ruling')}"
            acts.append(
                FacilitatorAct(m.step, m.turn, m.date, "ruling", f"{m.text}: {verdict}", str(entry.get("reason", "")))
            )
    for k, b in enumerate(saved.branches):
        at = states[min(max(b.from_step, 0), len(states) - 1)]
        where = f"rewound to just after decision {b.from_step}" if b.from_step else "rewound to the start"
        text = f"{where}, setting aside {plural(len(b.decisions), 'decision')} (kept in the save as a branch)"
        text += set_aside(s, saved, k)
        acts.append(FacilitatorAct(b.from_step, at.turn, s.calendar.label(at.turn), "rewind", text, b.note))
    return tuple(sorted(acts, key=lambda a: (a.step, a.kind != "rewind")))
