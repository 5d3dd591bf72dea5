"""The after-action review section of the HTML debrief (see report/aar.py for what it means)."""

from __future__ import annotations

from html import escape

from wargame.report import branches as br
from wargame.report.aar import AAR


def e(text) -> str:
    return escape(str(text), quote=True)


def _table(head, rows) -> str:
    th = "".join(f"<th>{e(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def render_aar(a: AAR | None) -> str:
    """Milestones, trade-offs, turning points, questions and the hot wash, as one section body."""
    if a is None:
        return "<p>No review: the scenario has no objectives or milestones.</p>"
    out = [f"<p>{e(a.margin_note)}</p>"]
    if a.milestones:
        out += [
            "<h3>The game against history</h3>",
            _table(
                ["Milestone", "In this game", "In reality", "What happened"],
                [[m.label, m.game, m.real or "-", m.note] for m in a.milestones],
            ),
        ]
    rows = [
        [
            x.objective,
            "; ".join(f"{team} x{n} (e.g. {ex})" for team, n, ex in x.teams) or "none",
            ", ".join(x.faced_only) or "-",
        ]
        for x in a.tradeoffs
    ]
    out += [
        "<h3>Trade-offs, objective by objective</h3>",
        "<p>A real trade-off: a decision tagged with the objective, taken when the engine offered another.</p>",
        _table(["Objective", "Real trade-offs made", "Met it without a choice"], rows),
        "<h3>Turning points</h3>",
        _table(
            ["Team", "Swing", "Date", "Decision", "What"],
            [[w.team, f"{w.delta:+d}", w.date, w.step, w.text] for w in a.turning_points],
        ),
    ]
    out += _branches(a)
    if a.questions:
        out.append("<h3>Questions for discussion</h3><ul>")
        out += [
            f"<li><b>{e(oid)}</b><ul>" + "".join(f"<li>{e(q)}</li>" for q in qs) + "</ul></li>"
            for oid, qs in a.questions
        ]
        out.append("</ul>")
    out.append("<h3>Hot wash: sustain and improve</h3><ul>")
    out += [f"<li>Sustain ({e(w.team)}): {e(w.text)}, {e(w.date)}: {w.delta:+d}</li>" for w in a.sustain]
    out += [f"<li>Improve ({e(w.team)}): {e(w.text)}, {e(w.date)}: {w.delta:+d}</li>" for w in a.improve]
    out.append("</ul>")
    return "".join(out)


def _branches(a: AAR) -> list[str]:
    """Each rewound branch replayed: its end beside the played line at the same point."""
    if not a.branches:
        return []
    out = ["<h3>Rewound branches: what was set aside, replayed</h3>"]
    for o in a.branches:
        out.append(f"<p>{e(br.headline(o))}</p>")
        if o.replayed:
            out.append(_table(br.SCORE_HEAD, br.score_rows(o)))
            if o.differences:
                out.append(_table(br.DIFF_HEAD, o.differences))
            else:
                out.append("<p>Nothing else came out differently.</p>")
    return out
