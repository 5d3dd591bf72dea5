"""`wargame briefs`: the handout pack, one page per playable faction and a facilitator page with them all.

Every text comes from the scenario file and is treated as data: control
characters are dropped in Markdown, and the HTML escapes everything before a
small Markdown subset (headings, lists, paragraphs, bold, italics) is drawn.
"""

from __future__ import annotations

import re
from html import escape

import attrs

from wargame.scenario import Scenario
from wargame.scenario.model import Visibility
from wargame.words import plural

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """File text made safe to print: no terminal escapes or other control characters."""
    return _CONTROL.sub("", text)


def demote(md: str) -> str:
    """An author's Markdown headings pushed two levels down, so they nest under the page's own."""
    return re.sub(r"^(#{1,4})(?=\s)", r"##\1", md, flags=re.MULTILINE)


@attrs.frozen
class Page:
    title: str
    blocks: tuple[tuple[str, str], ...]  # (heading, Markdown body)


def settings(s: Scenario) -> str:
    """The session's settings in Markdown bullets: turns, dates, orders mode, timer."""
    first, last = s.initial[0], s.turns
    lines = [f"- **Turns**: {last - first + 1}, {s.calendar.label(first)} to {s.calendar.label(last)}"]
    lines.append(
        "- **Orders**: "
        + (
            "simultaneous: every team submits its orders, then they are resolved together"
            if s.simultaneous
            else "sequential: one team after another"
        )
    )
    p = s.session
    if p is not None and p.timer:
        strict = " (strict: orders not in when it runs out become passes)" if p.timer_strict else ""
        lines.append(f"- **Timer**: {p.timer // 60} min {p.timer % 60:02d} s per orders phase{strict}")
    if s.freeform is not None:
        lines.append(
            f"- **Free-form proposals**: {plural(s.freeform.per_turn, 'proposal')} per team a turn, "
            f"decided by {s.freeform.odds.text}"
        )
    return "\n".join(lines)


def _sight(s: Scenario, fid: str) -> str:
    """What this team sees that others do not, and what it does not see."""
    own: list[str] = []
    hidden: list[str] = []
    bands: list[str] = []
    for f in s.factions:
        for m in f.meters:
            label = f"{f.short} {m.label}"
            _sort(m.visible, fid, f.id, label, own, hidden, bands)
    for t in s.tracks:
        _sort(t.visible, fid, "", t.label, own, hidden, bands)
    for a in s.attributes:
        vis = a.visible
        if vis.kind == "own":
            own.append(f"{a.label} of the regions you control (elsewhere you see '?')")
        else:
            _sort(vis, fid, "", f"{a.label} (every region)", own, hidden, bands)
    out = []
    if own:
        out.append("- **You see, others may not**: " + "; ".join(own))
    if bands:
        out.append("- **Known only as a range**: " + "; ".join(bands))
    if hidden:
        out.append("- **Hidden from you** (shown as '?'): " + "; ".join(hidden))
    return "\n".join(out) or "- Every value is visible to every team."


def _sort(
    vis: Visibility, fid: str, owner: str, label: str, own: list[str], hidden: list[str], bands: list[str]
) -> None:
    if vis.kind == "all":
        return
    if vis.kind == "estimate":
        bands.append(f"{label} (a band {vis.width} wide)")
    elif (vis.kind == "own" and owner == fid) or (vis.kind == "list" and fid in vis.factions):
        own.append(label)
    else:
        hidden.append(label)


def team_page(s: Scenario, fid: str) -> Page:
    f = s.faction(fid)
    meters = "\n".join(
        f"- {clean(m.label)}: {m.start}{(' ' + clean(m.unit)) if m.unit else ''}"
        + (" (tradable in deals)" if m.tradable else "")
        for m in f.meters
    )
    actions = "\n".join(f"- **{clean(a.name)}**" + (f": {clean(a.text)}" if a.text else "") for a in s.actions_of(fid))
    goal = clean(f.victory_text or f"score = {f.score.text}")
    sudden = f" You win at once at a score of {f.threshold}." if f.threshold is not None else ""
    blocks = [
        ("The exercise", f"{clean(s.title)}\n\n{settings(s)}"),
        ("Your brief", demote(clean(f.brief)) or clean(f.text) or "(this scenario gives no brief for your team)"),
        ("How you win", goal + "." * (not goal.endswith(".")) + sudden),
        ("Your resources", meters),
        ("What you can do", actions or "(no actions)"),
        ("What you know", _sight(s, fid)),
    ]
    return Page(f"{clean(f.name)}: team brief", tuple(blocks))


def facilitator_page(s: Scenario) -> Page:
    teams = [f for f in s.factions if f.playable]
    blocks = [("The session", settings(s))]
    if s.sessions:
        blocks.append(
            (
                "Presets (wargame play SCENARIO --session NAME)",
                "\n".join(
                    f"- `{p.id}`: {clean(p.title)}" + (" (this pack)" if s.session and s.session.id == p.id else "")
                    for p in s.sessions
                ),
            )
        )
    rows = []
    for f in s.factions:
        for m in f.meters:
            if m.visible.kind != "all":
                rows.append(f"- {clean(f.short)} {clean(m.label)}: {_who(s, m.visible, f.short)}")
    for t in s.tracks:
        if t.visible.kind != "all":
            rows.append(f"- {clean(t.label)}: {_who(s, t.visible, '')}")
    for a in s.attributes:
        if a.visible.kind != "all":
            rows.append(f"- {clean(a.label)} (regions): {_who(s, a.visible, 'the controlling team')}")
    blocks.append(("Hidden values", "\n".join(rows) or "- none: every team sees every value"))
    for f in teams:
        blocks.append((f"Brief of {clean(f.name)}", demote(clean(f.brief)) or "(none)"))
    bots = [clean(f.name) for f in s.factions if not f.playable]
    if bots:
        blocks.append(("Played by a bot", ", ".join(bots)))
    return Page(f"{clean(s.title)}: facilitator", tuple(blocks))


def _who(s: Scenario, vis: Visibility, owner: str) -> str:
    if vis.kind == "own":
        return f"only {clean(owner) or 'its faction'}"
    if vis.kind == "estimate":
        return f"everyone, as a band {vis.width} wide"
    return "only " + ", ".join(clean(s.faction(x).short) for x in vis.factions)


def pack(s: Scenario) -> list[Page]:
    return [*(team_page(s, f.id) for f in s.factions if f.playable), facilitator_page(s)]


def to_markdown(pages: list[Page]) -> str:
    out = []
    for k, page in enumerate(pages):
        if k:
            out.append("\n---\n")  # a page break when printed from most Markdown viewers
        out.append(f"# {page.title}\n")
        for heading, body in page.blocks:
            out.append(f"## {heading}\n\n{body.strip()}\n")
    return "\n".join(out)


def _inline(text: str) -> str:
    t = escape(text, quote=True)
    t = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", t)
    t = re.sub(r"`(.+?)`", r"<code>\1</code>", t)
    return re.sub(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"<em>\1</em>", t)


def markdown_html(md: str) -> str:
    """A small, safe Markdown subset: everything escaped, then headings, lists and paragraphs."""
    out: list[str] = []
    para: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if para:
            out.append(f"<p>{_inline(' '.join(para))}</p>")
            para.clear()
        if items:
            out.append("<ul>" + "".join(f"<li>{_inline(x)}</li>" for x in items) + "</ul>")
            items.clear()

    for line in md.splitlines():
        stripped = line.strip()
        heading = re.match(r"(#{1,4})\s+(.*)", stripped)
        bullet = re.match(r"[-*]\s+(.*)", stripped)
        if not stripped:
            flush()
        elif heading:
            flush()
            level = max(3, min(len(heading.group(1)), 6))  # inside a page: below its h1 and the block's h2
            out.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif bullet:
            if para:
                flush()
            items.append(bullet.group(1))
        else:
            if items:
                flush()
            para.append(stripped)
    flush()
    return "\n".join(out)


CSS = (
    "body{font-family:system-ui,Helvetica,Arial,sans-serif;max-width:48rem;margin:auto;padding:1rem;"
    "line-height:1.45}section{break-after:page;page-break-after:always}h1{border-bottom:3px solid #111}"
    "@media print{section{margin:0}}"
)


def to_html(pages: list[Page], title: str) -> str:
    body = []
    for page in pages:
        parts = [f"<section><h1>{escape(page.title)}</h1>"]
        for heading, md in page.blocks:
            parts.append(f"<h2>{escape(heading)}</h2>\n{markdown_html(md)}")
        parts.append("</section>")
        body.append("\n".join(parts))
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
