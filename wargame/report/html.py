"""The debrief as one self-contained HTML file: inline CSS, inline SVG charts, no script, no external URL.

Sized to be read from the back of a room on a projector and to print cleanly
(charts and turns are never split across pages). Facilitator acts carry a
visible FACILITATOR tag and a distinct border, so nobody takes them for play.
Every scenario or save text is escaped here; colours come pre-sanitised.
"""

from __future__ import annotations

from html import escape

from wargame.report import words as W
from wargame.report.html_aar import render_aar
from wargame.report.model import FactionStory, MeterStory, Moment, Report, Series
from wargame.report.svg import line_chart
from wargame.text import plain

CSS = """
:root{--ink:#111;--muted:#444;--rule:#bbb;--fac:#8a4300;--fac-bg:#fff1dc}
html{font-size:19px}
body{font-family:system-ui,'Segoe UI',Helvetica,Arial,sans-serif;color:var(--ink);background:#fff;
line-height:1.45;margin:0 auto;max-width:66rem;padding:1.2rem 1.5rem 3rem}
h1{font-size:2.1rem;margin:.4rem 0}h2{font-size:1.6rem;border-bottom:3px solid var(--ink);margin:2.4rem 0 .8rem}
h3{font-size:1.3rem;margin:1.6rem 0 .5rem}h4{font-size:1.08rem;margin:.8rem 0 .3rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid var(--rule);padding:.3rem .55rem;text-align:left;vertical-align:top}
.d{white-space:nowrap}
th{background:#ececec}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.summary{font-size:1.1rem}.facts{color:var(--muted)}.headline{font-size:1.35rem;font-weight:700}
.sw{display:inline-block;width:.85em;height:.85em;border-radius:2px;margin-right:.35em;vertical-align:-.05em;
background:var(--c);border:1px solid #0006}
.tag{display:inline-block;font-weight:800;font-size:.78rem;letter-spacing:.06em;padding:0 .35em;
border:2px solid var(--fac);color:var(--fac);background:#fff;margin-right:.4em;vertical-align:.08em}
.fac{border-left:7px double var(--fac)!important;background:var(--fac-bg)}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(24rem,1fr));gap:1rem 1.5rem}
figure{margin:.4rem 0 1rem;break-inside:avoid}figcaption{font-weight:650;margin-bottom:.2rem}
.faction{border-top:6px solid var(--c);padding-top:.2rem;margin-top:1.8rem}
.meter p,.meter ol{margin:.25rem 0}.muted{color:var(--muted)}
ol.moments{list-style:none;padding:0;margin:0}
ol.moments>li{padding:.3rem .6rem;margin:.25rem 0;border-left:5px solid #ddd;break-inside:avoid}
ol.moments>li.play{border-left-color:var(--c,#777)}ol.moments>li.card{border-left-color:#666;background:#f6f6f6}
ol.moments>li.end{font-weight:700;border-left-color:#111}
.who{color:var(--muted);font-size:.92rem}.why{font-style:italic}
ul.details{margin:.15rem 0 0 1.1rem;padding:0;color:#333;font-size:.93rem}
nav ol{display:flex;flex-wrap:wrap;gap:.2rem 1.4rem;list-style:none;padding:0;margin:.3rem 0}
@page{margin:14mm}
@media print{html{font-size:11pt}body{max-width:none;padding:0}h2,h3,figcaption{break-after:avoid}
a{color:inherit;text-decoration:none}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""

SECTIONS = (
    ("seats", "Scenario and seats"),
    ("outcome", "Outcome"),
    ("facilitator", "Facilitator's notes"),
    ("factions", "Factions: meters and what moved them"),
    ("tracks", "Tracks and the board"),
    ("objectives", "Learning objectives"),
    ("history", "What really happened"),
    ("exercise", "Orders, deals, proposals and what each team knew"),
    ("timeline", "Timeline"),
)


def e(text) -> str:
    """Scenario or save text as HTML text: escaped, and control characters shown, never sent to a terminal."""
    return escape(plain(text), quote=True)


def _table(head, rows, numeric=(), row_class: str = "") -> str:
    th = "".join(f"<th{' class=n' if i in numeric else ''}>{e(h)}</th>" for i, h in enumerate(head))
    tr = f'<tr class="{row_class}">' if row_class else "<tr>"
    body = "".join(
        tr + "".join(f"<td{' class=n' if i in numeric else ''}>{c}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _swatch(color: str) -> str:
    return f'<span class="sw" style="--c:{color}"></span>'


def _chart(series: list[Series], labels, title: str, unit: str = "", small: bool = False, marks=()) -> str:
    size = {"width": 420, "height": 200} if small else {}
    svg = line_chart(
        [(s.label, s.color, s.points) for s in series], labels, title=title, unit=unit, marks=marks, **size
    )
    return f"<figure><figcaption>{e(title)}</figcaption>{svg}</figure>"


def _fac_tag(extra: str = "") -> str:
    return f'<span class="tag">{W.FACILITATOR_MARK}{(" " + extra) if extra else ""}</span>'


def render_html(r: Report) -> str:
    parts = [
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Debrief: {e(r.title)}</title><style>{CSS}</style></head><body>",
        f"<header><h1>Debrief: {e(r.title)}</h1>",
    ]
    if r.summary:
        parts.append(f'<p class="summary">{e(r.summary)}</p>')
    parts.append('<ul class="facts">' + "".join(f"<li>{e(x)}</li>" for x in W.header_facts(r)) + "</ul>")
    sections = list(SECTIONS)
    review = ("review", "After-action review")
    lead = r.aar is not None and r.aar.lead_with_winner
    sections.insert(sections.index(("outcome", "Outcome")) + (1 if lead else 0), review)
    parts.append(
        "<nav><ol>" + "".join(f'<li><a href="#{k}">{e(t)}</a></li>' for k, t in sections) + "</ol></nav></header><main>"
    )
    for key, title in sections:
        parts.append(f'<section id="{key}"><h2>{e(title)}</h2>{SECTION_RENDERERS[key](r)}</section>')
    parts.append("</main></body></html>\n")
    return "".join(parts)


def _seats(r: Report) -> str:
    rows = [[f"{_swatch(s.color)}{e(s.short)} ({e(s.name)})", e(W.seat_text(s)), e(W.decided_text(s))] for s in r.seats]
    return _table(["Faction", "Seat", "Decisions taken"], rows)


def _outcome(r: Report) -> str:
    res = r.result
    out = [f'<p class="headline">{e(res.headline)}</p>']
    if res.finished:
        out.append(f"<p>In {e(res.date)} (turn {res.turn}).</p>")
    rows = [
        [
            f"{_swatch(x.color)}{e(x.name)}",
            x.score,
            "-" if x.threshold is None else x.threshold,
            x.behind,
            "-" if x.to_threshold is None else x.to_threshold,
        ]
        for x in res.scores
    ]
    out.append(
        _table(
            ["Faction", "Score", "Threshold", "Behind the leader", "Missing to threshold"], rows, numeric=(1, 2, 3, 4)
        )
    )
    marks = _threshold_marks(res.scores)
    out.append(_chart(list(r.scores), r.point_labels, "Scores over time (dotted: victory thresholds)", marks=marks))
    return "".join(out)


def _threshold_marks(scores) -> list[tuple[str, str, int]]:
    """One dotted line per threshold value, naming the factions that share it (labels never overprint)."""
    groups: dict[int, list] = {}
    for x in scores:
        if x.threshold is not None:
            groups.setdefault(x.threshold, []).append(x)
    marks = []
    for value, group in groups.items():
        if len(group) == 1:
            marks.append((f"{group[0].short} threshold", group[0].color, value))
        else:
            who = "every faction's" if len(group) == len(scores) else ", ".join(x.short for x in group)
            marks.append((f"{who} threshold", "#444444", value))
    return marks


def _facilitator(r: Report) -> str:
    if not r.facilitator:
        return "<p>The facilitator made no bookmark, ruling or correction in this game.</p>"
    rows = [
        [
            e(W.step_text(a.step)),
            f'<span class="d">{e(a.date)}</span>',
            f"{_fac_tag()}{e(W.act_name(a))}",
            e(a.text),
            e(a.reason),
        ]
        for a in r.facilitator
    ]
    return "<p>Bookmarks, rulings and corrections by the facilitator: not moves of any team.</p>" + _table(
        ["Decision", "Date", "Act", "What", "Reason"], rows, row_class="fac"
    )


def _meter(m: MeterStory, labels) -> str:
    s = m.series
    title = f"{s.label}: {W.with_unit(m.start, s.unit)} to {W.with_unit(m.end, s.unit)} ({W.signed(m.end - m.start)})"
    out = [
        f'<div class="meter">{_chart([s], labels, title, s.unit, small=True)}',
        f"<p><b>What moved it:</b> {e(W.sources_text(m))}.</p>",
    ]
    if m.movers:
        items = "".join(
            f"<li{' class=fac' if mv.facilitator else ''}>"
            f"{_fac_tag() if mv.facilitator else ''}<b>{e(W.signed(mv.delta))}</b> {e(W.mover_text(mv))}"
            "</li>"
            for mv in m.movers
        )
        out.append(f"<p><b>Biggest single moves:</b></p><ol>{items}</ol>")
    out.append("</div>")
    return "".join(out)


def _faction(f: FactionStory, labels) -> str:
    out = [f'<article class="faction" style="--c:{f.color}"><h3>{_swatch(f.color)}{e(f.short)}: {e(f.name)}</h3>']
    if f.victory:
        out.append(f"<p><b>Victory:</b> {e(f.victory)}</p>")
    out.append(f"<p><b>Record:</b> {e(W.record_text(f))}.</p>")
    out.append('<div class="grid">' + "".join(_meter(m, labels) for m in f.meters) + "</div></article>")
    return "".join(out)


def _factions(r: Report) -> str:
    return "".join(_faction(f, r.point_labels) for f in r.factions)


def _tracks(r: Report) -> str:
    out = []
    if r.tracks:
        out.append(
            '<div class="grid">'
            + "".join(
                _chart(
                    [t],
                    r.point_labels,
                    f"{t.label}: {t.points[0]} to {W.with_unit(t.points[-1], t.unit)}",
                    t.unit,
                    small=True,
                )
                for t in r.tracks
            )
            + "</div>"
        )
    if r.regions:
        head = ["Region", "Control at the start", "at the end", *(lab for lab, _, _ in r.regions[0].values)]
        rows = [
            [
                e(g.name),
                e(g.control[0]),
                e(g.control[1]) if g.control[0] == g.control[1] else f"<b>{e(g.control[1])}</b>",
                *(e(f"{a} -> {b}") if a != b else e(a) for _, a, b in g.values),
            ]
            for g in r.regions
        ]
        out.append("<h3>The board, start and end</h3>" + _table(head, rows))
    return "".join(out) or "<p>This scenario has no tracks or regions.</p>"


def _objectives(r: Report) -> str:
    out = []
    for team in r.objectives:
        out.append(f"<h3>{e(team.name)}</h3>")
        if not team.uses:
            out.append('<p class="muted">No tagged action, card or choice reached this team.</p>')
            continue
        out.append(
            "<ul>"
            + "".join(
                f'<li><b>{e(u.objective)}</b>: {e(u.text)}<br><span class="muted">{e("; ".join(u.sources))}</span></li>'
                for u in team.uses
            )
            + "</ul>"
        )
    if r.unused_objectives:
        out.append(
            "<p><b>Not exercised by any team:</b> "
            + "; ".join(f"<b>{e(k)}</b> ({e(v)})" for k, v in r.unused_objectives)
            + "</p>"
        )
    return "".join(out)


def _history(r: Report) -> str:
    if not r.history:
        return "<p>No card with a history note was drawn.</p>"
    items = "".join(
        f"<li{' class=fac' if h.facilitator else ''}><b>{e(h.title)}</b> "
        f'<span class="muted">(in the game: {e(", ".join(h.drawn))})</span>'
        f"{' ' + _fac_tag('INJECT') if h.facilitator else ''}<br>{e(h.note)}</li>"
        for h in r.history
    )
    return f"<p>The history behind the cards drawn, in the order it happened.</p><ul>{items}</ul>"


def _moment(m: Moment, colors: dict[str, str]) -> str:
    if m.kind == "upkeep" and not m.details:
        return ""
    classes = [m.kind]
    if m.kind in ("action", "choice", "pass", "delayed"):
        classes.append("play")
    if m.facilitator:
        classes.append("fac")
    style = f' style="--c:{colors[m.faction]}"' if m.faction in colors else ""
    head = e(m.text)
    if m.kind in ("action", "choice", "pass") and m.who:
        head = f'<b>{head}</b> <span class="who">({e(m.who)})</span>'
    out = [f'<li class="{" ".join(classes)}"{style}>', _fac_tag() if m.facilitator else "", head]
    sub = []
    if m.note:
        sub.append(f"<i>{e(m.note)}</i>")
    if m.why:
        sub.append(f'<span class="why">why: {e(m.why)}</span>')
    if m.ruling:
        sub.append(f'<span class="fac">{_fac_tag("RULING")}{e(m.ruling)}</span>')
    if m.roll:
        sub.append(e(m.roll) + (f' <span class="muted">(odds: {e(m.odds)})</span>' if m.odds else ""))
    sub += [e(d) for d in m.details]
    if sub:
        out.append('<ul class="details">' + "".join(f"<li>{x}</li>" for x in sub) + "</ul>")
    out.append("</li>")
    return "".join(out)


def _timeline(r: Report) -> str:
    colors = {s.faction: s.color for s in r.seats}
    out = []
    for turn in r.timeline:
        items = "".join(_moment(m, colors) for m in turn.moments)
        out.append(
            f'<section class="turn"><h3>Turn {turn.number}: {e(turn.date)}</h3>'
            f'<ol class="moments">{items}</ol></section>'
        )
    return "".join(out)


def _exercise(r: Report) -> str:
    x = r.exercise
    if x is None or x.empty:
        return "<p>No simultaneous orders, deals, proposals or hidden values in this game.</p>"
    out = []
    if x.orders:
        out.append(
            "<h3>Orders</h3>"
            + _table(
                ["Date", "Team", "Ordered", "Intent", "Skipped"],
                [
                    [e(o.date), e(o.faction), e(o.actions), e(o.intent or "-"), e("; ".join(o.skipped) or "-")]
                    for o in x.orders
                ],
            )
        )
    if x.deals:
        out.append(
            "<h3>Deals</h3>"
            + _table(
                ["#", "Date", "Between", "Terms", "Fate", "Promises"],
                [
                    [e(d.id), e(d.date), e(d.parties), e(d.terms), e(d.fate), e("; ".join(d.promises) or "-")]
                    for d in x.deals
                ],
            )
        )
    if x.proposals:
        out.append(
            "<h3>Free-form proposals</h3>"
            + _table(
                ["#", "Date", "Team", "Proposal", "Effects", "Arguments", "Fate"],
                [
                    [e(p.id), e(p.date), e(p.faction), e(p.words), e(p.effects), e(p.arguments or "-"), e(p.fate)]
                    for p in x.proposals
                ],
            )
        )
    if x.knew:
        out.append(
            "<h3>What each team knew at the end, and the truth</h3>"
            + _table(
                ["Team", "Value", "The team saw", "The truth"],
                [[e(k.faction), e(k.value), e(k.seen), e(k.truth)] for k in x.knew],
                numeric=(3,),
            )
        )
    return "".join(out)


SECTION_RENDERERS = {
    "seats": _seats,
    "outcome": _outcome,
    "facilitator": _facilitator,
    "factions": _factions,
    "tracks": _tracks,
    "objectives": _objectives,
    "history": _history,
    "exercise": _exercise,
    "timeline": _timeline,
    "review": lambda r: render_aar(r.aar),
}
