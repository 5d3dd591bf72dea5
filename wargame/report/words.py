"""Phrases both renderers use, so the Markdown and the HTML debriefs say the same thing in the same words."""

from __future__ import annotations

from wargame.report.model import FacilitatorAct, FactionStory, MeterStory, Mover, Report, Seat
from wargame.words import plural

FACILITATOR_MARK = "FACILITATOR"
ACT_NAMES = {
    "bookmark": "Bookmark",
    "override": "Override",
    "inject": "Injected card",
    "ruling": "Ruling",
    "rewind": "Rewind",
}


def signed(n: int) -> str:
    return f"{n:+d}"


def with_unit(value: int, unit: str) -> str:
    return f"{value} {unit}" if unit else str(value)


def header_facts(r: Report) -> list[str]:
    facts = [
        f"Scenario '{r.scenario}'" + (f" by {r.author}" if r.author else "") + f", seed {r.seed}",
        f"Played {r.first_date} to {r.last_date}: turn {r.turns_played} of {r.turns_planned}, "
        f"{r.decisions} decisions recorded",
    ]
    if r.save_name or r.created:
        when = r.created.replace("T", " ").replace("+00:00", " UTC")
        text = ", ".join(
            x for x in (f"Save '{r.save_name}'" if r.save_name else "", f"game started {when}" if when else "") if x
        )
        facts.append(text[:1].upper() + text[1:])
    return facts


def seat_text(seat: Seat) -> str:
    if seat.playable or "bot" in seat.seat:
        return seat.seat
    return f"{seat.seat} (always a bot)"


def decided_text(seat: Seat) -> str:
    return ", ".join(f"{n} by {who}" for who, n in seat.decided_by) or "no decisions"


def record_text(f: FactionStory) -> str:
    out = f"{plural(f.actions, 'action')} taken, {plural(f.passes, 'pass', 'passes')}"
    if f.rolls:
        out += f"; {f.successes} of {plural(f.rolls, 'roll')} succeeded (average odds {f.mean_odds}%)"
    return out


def sources_text(m: MeterStory) -> str:
    parts = [f"{label} {signed(d)}" for label, d in m.by_source]
    return "; ".join(parts) if parts else "nothing moved it"


def mover_text(mv: Mover) -> str:
    out = f"{mv.date}: {mv.text}"
    if mv.who and mv.who != "facilitator":  # a facilitator's act is marked as such already
        out += f" ({mv.who})"
    if mv.later:
        out += ", result landed later"
    return out


def act_name(a: FacilitatorAct) -> str:
    return ACT_NAMES.get(a.kind, a.kind)


def step_text(step: int) -> str:
    return "start" if step == 0 else f"#{step}"
