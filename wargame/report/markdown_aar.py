"""The after-action review sections of the Markdown debrief (see report/aar.py for what they mean)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from wargame.report import branches as br
from wargame.report.aar import AAR

Table = Callable[[Sequence[str], Sequence[Sequence]], list[str]]


def aar_lead(
    a: AAR, table: Callable[[Sequence[str], Sequence[Sequence]], list[str]], t: Callable[[str], str]
) -> list[str]:
    """Milestones (game against history) and trade-offs per objective: what the review leads with."""
    out = ["## After-action review", "", t(a.margin_note), ""]
    if a.milestones:
        out += ["### The game against history", ""]
        out += table(
            ["Milestone", "In this game", "In reality", "What happened"],
            [[m.label, m.game, m.real or "-", m.note] for m in a.milestones],
        )
    out += [
        "### Trade-offs, objective by objective",
        "",
        "A real trade-off: a decision tagged with the objective, taken when the engine offered another.",
        "",
    ]
    rows = []
    for x in a.tradeoffs:
        made = "; ".join(f"{team} x{n} (e.g. {ex})" for team, n, ex in x.teams) or "none"
        rows.append([x.objective, made, ", ".join(x.faced_only) or "-"])
    out += table(["Objective", "Real trade-offs made", "Met it without a choice"], rows)
    return out


def aar_rest(
    a: AAR, table: Callable[[Sequence[str], Sequence[Sequence]], list[str]], t: Callable[[str], str]
) -> list[str]:
    """Turning points, discussion questions and the hot wash (sustain / improve)."""
    out = [
        "### Turning points",
        "",
        "The decisions and cards behind the largest swings in each team's position (its score minus its best rival's).",
        "",
    ]
    out += table(
        ["Team", "Swing", "Date", "Decision", "What"],
        [[w.team, f"{w.delta:+d}", w.date, str(w.step), w.text] for w in a.turning_points],
    )
    out += aar_branches(a, table, t)
    if a.questions:
        out += ["### Questions for discussion", ""]
        for oid, qs in a.questions:
            out.append(f"- **{t(oid)}**")
            out += [f"  - {t(q)}" for q in qs]
        out.append("")
    out += ["### Hot wash: sustain and improve", ""]
    out += [f"- Sustain ({t(w.team)}): {t(w.text)}, {w.date}: {w.delta:+d} to its position." for w in a.sustain]
    out += [f"- Improve ({t(w.team)}): {t(w.text)}, {w.date}: {w.delta:+d} to its position." for w in a.improve]
    if not a.sustain and not a.improve:
        out.append("- No team decision moved a position.")
    return [*out, ""]


def aar_branches(a: AAR, table: Table, t: Callable[[str], str]) -> list[str]:
    """Each rewound branch replayed: its end beside the played line at the same point."""
    if not a.branches:
        return []
    out = ["### Rewound branches: what was set aside, replayed", ""]
    for o in a.branches:
        out += [t(br.headline(o)), ""]
        if o.replayed:
            out += table(br.SCORE_HEAD, br.score_rows(o))
            if o.differences:
                out += table(br.DIFF_HEAD, [list(d) for d in o.differences])
            else:
                out += ["Nothing else came out differently.", ""]
    return out
