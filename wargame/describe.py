"""A plain-text summary of a scenario, for `wargame describe` and the help screen."""

from __future__ import annotations

from wargame.scenario import Scenario
from wargame.scenario.model import UNBOUNDED
from wargame.words import plural


def describe(s: Scenario, ids: bool = False) -> str:
    """The summary; with `ids`, also each id a command line takes and every action and card (for the CLI)."""
    cal = s.calendar
    lines = [s.title, "=" * len(s.title), ""]
    if s.summary:
        lines += [s.summary, ""]
    lines.append(
        f"{cal.turns} turns, {cal.label(1)} to {cal.label(cal.turns)}; "
        f"{plural(s.cards_per_turn, 'event card')} a turn; {plural(len(s.cards), 'card')}, "
        f"{plural(len(s.actions), 'action')}, {plural(len(s.regions), 'region')}."
    )
    lines += ["", "Factions (in the order they act):"]
    for fid in s.order:
        f = s.faction(fid)
        who = "" if f.playable else " (always a bot)"
        fid_text = f" [id: {f.id}]" if ids else ""
        lines.append(f"  {f.name} ({f.short}){who}{fid_text}: {plural(f.actions_per_turn, 'action')} a turn")
        meters = ", ".join(f"{m.label} {m.start}{(' ' + m.unit) if m.unit else ''}" for m in f.meters)
        lines.append(f"    meters: {meters}")
        goal = (f.victory_text or f"score = {f.score.text}").rstrip(".")
        sudden = f" (wins at once at a score of {f.threshold})" if f.threshold is not None else ""
        lines.append(f"    victory: {goal}{sudden}.")
    if s.tracks:
        lines += ["", "Tracks:"]
        for t in s.tracks:
            hi = "" if t.hi >= UNBOUNDED else f"..{t.hi}"
            lines.append(f"  {t.label}: {t.start}{(' ' + t.unit) if t.unit else ''} (range {t.lo}{hi})")
    if ids:
        lines += _actions(s) + _cards(s)
    hidden = [m.label for f in s.factions for m in f.meters if m.visible.kind != "all"]
    hidden += [t.label for t in s.tracks if t.visible.kind != "all"]
    hidden += [a.label for a in s.attributes if a.visible.kind != "all"]
    if hidden:
        lines += ["", f"Hidden or estimated values: {', '.join(hidden)} (wargame briefs shows who sees what)."]
    if s.sessions:
        lines += ["", "Session presets (--session NAME):"]
        for p in s.sessions:
            parts = [
                f"{p.turns} turns" if p.turns else "",
                f"from {p.start}" if p.start else "",
                f"{plural(p.actions_per_turn, 'action')} a turn" if p.actions_per_turn is not None else "",
                p.orders or "",
                f"{p.timer} s timer" + (" (strict)" if p.timer_strict else "") if p.timer else "",
            ]
            detail = ", ".join(x for x in parts if x)
            lines.append(f"  {p.id}: {p.title}" + (f" ({detail})" if detail else ""))
    if s.freeform is not None:
        lines += [
            "",
            f"Free-form proposals: {plural(s.freeform.per_turn, 'proposal')} per faction a turn, "
            f"{s.freeform.odds.text}.",
        ]
    if s.simultaneous:
        lines += [
            "",
            "Turn sequence: events (cards), orders (every faction at once, resolved in order), upkeep, victory check.",
        ]
    else:
        lines += ["", "Turn sequence: events (cards), actions (each faction in order), upkeep, victory check."]
    return "\n".join(lines)


def _actions(s: Scenario) -> list[str]:
    lines = ["", "Actions (id: name):"]
    for fid in s.order:
        mine = [a for a in s.actions if a.faction == fid]
        if mine:
            lines.append(f"  {s.faction(fid).name}:")
            lines += [f"    {a.id}: {a.name}" + (" (needs a target)" if a.targeted else "") for a in mine]
    return lines


def _cards(s: Scenario) -> list[str]:
    lines = ["", "Event cards (id: title):"]
    for c in s.cards:
        chooser = c.choice.faction if c.choice else None
        who = f", {s.faction(chooser).name} chooses" if chooser in s.faction_index else ""
        lines.append(f"  {c.id}: {c.title}{who}")
    return lines
