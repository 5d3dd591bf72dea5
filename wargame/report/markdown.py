"""The debrief as Markdown: readable as plain text in a terminal, and as a page once rendered.

Scenario and save text is untrusted: it is flattened to one line and passed
through `wargame.text.markdown`, so no renderer takes any of it for HTML, a
link, an image or emphasis, and no terminal for a control sequence.
"""

from __future__ import annotations

from collections.abc import Sequence

from wargame.report import words as W
from wargame.report.markdown_aar import aar_lead, aar_rest
from wargame.report.model import Moment, Report, Series
from wargame.text import markdown

BLOCKS = "▁▂▃▄▅▆▇█"


def _t(text: str) -> str:
    """Untrusted prose on one line, with nothing a Markdown renderer would take for markup."""
    return markdown(" ".join(str(text).split()), line_start=False)  # callers put it after '- ', '| ', '# '...


def _c(text) -> str:
    return _t(text)  # '|' is escaped by markdown() too


def spark(values: Sequence[int]) -> str:
    """A one-line trend: '▁▂▅▇'."""
    if not values:
        return ""
    lo, hi = min(values), max(values)
    if lo == hi:
        return BLOCKS[3] * len(values)
    return "".join(BLOCKS[(v - lo) * (len(BLOCKS) - 1) // (hi - lo)] for v in values)


def _table(head: Sequence[str], rows: Sequence[Sequence]) -> list[str]:
    out = ["| " + " | ".join(_c(h) for h in head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(_c(x) for x in row) + " |" for row in rows]
    return [*out, ""]


def _series_table(labels: Sequence[str], series: Sequence[Series]) -> list[str]:
    head = ["", *(s.label + (f" ({s.unit})" if s.unit else "") for s in series)]
    rows = [[label, *(s.points[i] for s in series)] for i, label in enumerate(labels)]
    return _table(head, rows)


def render_markdown(r: Report) -> str:
    out: list[str] = [f"# Debrief: {_t(r.title)}", ""]
    if r.summary:
        out += [markdown(" ".join(r.summary.split())), ""]
    out += [f"- {_t(fact)}" for fact in W.header_facts(r)] + [""]

    out += ["## Seats", ""]
    out += _table(
        ["Faction", "Seat", "Decisions taken"],
        [[f"{s.short} ({s.name})", W.seat_text(s), W.decided_text(s)] for s in r.seats],
    )

    res = r.result
    aar = r.aar
    if aar is not None and not aar.lead_with_winner:
        out += aar_lead(aar, _table, _t) + aar_rest(aar, _table, _t)
    when = f", in {res.date} (turn {res.turn})" if res.finished else ""
    out += ["## Outcome", "", f"**{_t(res.headline)}**{when}.", ""]
    out += _table(
        ["Faction", "Score", "Threshold", "Behind the leader", "Missing to threshold"],
        [
            [
                x.name,
                x.score,
                "-" if x.threshold is None else x.threshold,
                x.behind,
                "-" if x.to_threshold is None else x.to_threshold,
            ]
            for x in res.scores
        ],
    )
    out += ["Scores over time:", "", *_series_table(r.point_labels, r.scores)]
    if aar is not None and aar.lead_with_winner:
        out += aar_lead(aar, _table, _t) + aar_rest(aar, _table, _t)

    out += ["## Facilitator's notes", ""]
    if r.facilitator:
        out += ["Bookmarks, rulings and corrections by the facilitator: not moves of any team.", ""]
        out += _table(
            ["Decision", "Date", "Act", "What", "Reason"],
            [[W.step_text(a.step), a.date, W.act_name(a), a.text, a.reason] for a in r.facilitator],
        )
    else:
        out += ["The facilitator made no bookmark, ruling or correction in this game.", ""]

    out += ["## Factions", ""]
    for f in r.factions:
        out += [f"### {_t(f.short)}: {_t(f.name)}", ""]
        if f.victory:
            out += [f"Victory: {_t(f.victory)}", ""]
        out += [f"Record: {_t(W.record_text(f))}.", ""]
        out += _table(
            ["Meter", "Start", "End", "Change", "Trend"],
            [
                [
                    m.series.label + (f" ({m.series.unit})" if m.series.unit else ""),
                    m.start,
                    m.end,
                    W.signed(m.end - m.start),
                    spark(m.series.points),
                ]
                for m in f.meters
            ],
        )
        for m in f.meters:
            out.append(
                f"**{_t(m.series.label)}** {m.start} -> {_t(W.with_unit(m.end, m.series.unit))}: "
                f"{_t(W.sources_text(m))}."
            )
            out.append("")
            for k, mv in enumerate(m.movers, 1):
                mark = f"[{W.FACILITATOR_MARK}] " if mv.facilitator else ""
                out.append(f"{k}. {W.signed(mv.delta)}: {mark}{_t(W.mover_text(mv))}")
            if m.movers:
                out.append("")
        out += [f"{_t(f.short)} meters by turn:", "", *_series_table(r.point_labels, [m.series for m in f.meters])]

    if r.tracks:
        out += ["## Tracks", ""]
        out += _table(
            ["Track", "Start", "End", "Trend"],
            [
                [t.label + (f" ({t.unit})" if t.unit else ""), t.points[0], t.points[-1], spark(t.points)]
                for t in r.tracks
            ],
        )
        out += _series_table(r.point_labels, r.tracks)

    if r.regions:
        out += ["## The board, start -> end", ""]
        head = ["Region", "Control", *(label for label, _, _ in r.regions[0].values)]
        out += _table(
            head,
            [
                [
                    g.name,
                    f"{g.control[0]} -> {g.control[1]}",
                    *(f"{a} -> {b}" if a != b else str(a) for _, a, b in g.values),
                ]
                for g in r.regions
            ],
        )

    out += ["## Learning objectives", ""]
    for team in r.objectives:
        out += [f"### {_t(team.name)}", ""]
        if not team.uses:
            out += ["No tagged action, card or choice reached this team.", ""]
            continue
        for u in team.uses:
            out.append(f"- **{_t(u.objective)}**: {_t(u.text)}  ")
            out.append(f"  {_t('; '.join(u.sources))}")
        out.append("")
    if r.unused_objectives:
        out += ["Not exercised by any team: " + "; ".join(f"**{_t(k)}** ({_t(v)})" for k, v in r.unused_objectives), ""]

    out += ["## What really happened", ""]
    if r.history:
        out += ["The history behind the cards drawn, in the order it happened.", ""]
        for h in r.history:
            mark = f" [injected by the {W.FACILITATOR_MARK.lower()}]" if h.facilitator else ""
            out.append(f"- **{_t(h.title)}** (in the game: {_t(', '.join(h.drawn))}){mark}: {_t(h.note)}")
        out.append("")
    else:
        out += ["No card with a history note was drawn.", ""]

    out += _exercise(r)

    out += ["## Timeline", ""]
    for turn in r.timeline:
        out += [f"### Turn {turn.number}: {_t(turn.date)}", ""]
        for moment in turn.moments:
            out += _moment(moment)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _exercise(r: Report) -> list[str]:
    """Orders with intents, deals and their fate, free-form acts, what each team knew (if any)."""
    x = r.exercise
    if x is None or x.empty:
        return []
    out = ["## Orders, deals, proposals and what each team knew", ""]
    if x.orders:
        out += ["### Orders", ""]
        out += _table(
            ["Date", "Team", "Ordered", "Intent", "Skipped"],
            [[o.date, o.faction, o.actions, o.intent or "-", "; ".join(o.skipped) or "-"] for o in x.orders],
        )
    if x.deals:
        out += ["### Deals", ""]
        out += _table(
            ["#", "Date", "Between", "Terms", "Fate", "Promises"],
            [[d.id, d.date, d.parties, d.terms, d.fate, "; ".join(d.promises) or "-"] for d in x.deals],
        )
    if x.proposals:
        out += ["### Free-form proposals", ""]
        out += _table(
            ["#", "Date", "Team", "Proposal", "Effects", "Arguments", "Fate"],
            [[p.id, p.date, p.faction, p.words, p.effects, p.arguments or "-", p.fate] for p in x.proposals],
        )
    if x.knew:
        out += ["### What each team knew at the end, and the truth", ""]
        out += _table(
            ["Team", "Value", "The team saw", "The truth"], [[k.faction, k.value, k.seen, k.truth] for k in x.knew]
        )
    return out


def _moment(m: Moment) -> list[str]:
    if m.kind == "upkeep" and not m.details:
        return []
    mark = f"**[{W.FACILITATOR_MARK}]** " if m.facilitator else ""
    head = _t(m.text)
    if m.kind in ("action", "choice", "pass") and m.who:
        head = f"**{head}** ({_t(m.who)})"
    elif m.kind in ("end",):
        head = f"**{head}**"
    lines = [f"- {mark}{head}"]
    sub = []
    if m.note:
        sub.append(f"_{_t(m.note)}_")
    if m.why:
        sub.append(f"why: {_t(m.why)}")
    if m.ruling:
        sub.append(f"**[{W.FACILITATOR_MARK} RULING]** {_t(m.ruling)}")
    if m.roll:
        sub.append(_t(m.roll) + (f" (odds: {_t(m.odds)})" if m.odds else ""))
    sub += [_t(d) for d in m.details]
    return lines + [f"  - {s}" for s in sub]
