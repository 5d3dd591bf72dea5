"""The balance report as terminal tables (rich) and CSV rows; the JSON is the report dict itself."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from rich.console import Console, JustifyMethod
from rich.table import Table
from rich.text import Text

from wargame.analysis.stats import sparkline
from wargame.text import markup as M  # scenario text in a markup context: shown, never applied
from wargame.text import plain
from wargame.words import plural


def pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def ci(pair: Sequence[float]) -> str:
    return f"{100 * pair[0]:.1f}-{100 * pair[1]:.1f}%"


def num(x: float | None, digits: int = 1) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def signed(x: float | None) -> str:
    return "" if x is None else f"{100 * x:+.0f}"


def card_delta(x: float | None, ci: list[float] | None) -> str:
    """A card's win-rate change, dimmed in parentheses when its 95% interval includes zero."""
    if x is None:
        return ""
    if ci is None or ci[0] <= 0 <= ci[1]:
        return f"[dim]({signed(x)})[/]"
    return signed(x)


def _card_swing_table(compared: list[dict], factions: list[str]) -> Table:
    """Per card, how each faction's win rate moves in games where it was drawn."""
    swing = Table(
        title="Cards: change in win rate (points) in games where the card was drawn",
        title_justify="left",
        caption="In parentheses: the 95% interval of the change includes 0, so it may be chance. "
        "Games that end early draw fewer cards, which biases cards drawn in nearly every game.",
        caption_justify="left",
    )
    swing.add_column("card")
    for fid in factions:
        swing.add_column(fid, justify="right")
    for c in compared:
        swing.add_row(M(c["title"]), *(card_delta(c["win_rate_delta"][f], c["win_rate_delta_ci"][f]) for f in factions))
    return swing


def print_report(console: Console, doc: dict) -> None:
    """Every section of the report, one table each."""
    r, st = doc["report"], doc["settings"]
    console.rule(f"[bold]{M(doc['scenario']['title'])}[/]: {r['games']} games, seed {st['seed']}")
    wins = Table(title="Who wins", title_justify="left")
    _add_columns(
        wins,
        (
            ("faction", "left"),
            ("bot", "left"),
            ("wins", "right"),
            ("win rate", "right"),
            ("95% CI", "right"),
            ("final score", "right"),
            ("margin vs best rival", "right"),
        ),
    )
    for f in r["factions"]:
        fs, mg = f["final_score"], f["margin_vs_best_rival"]
        wins.add_row(
            M(f["short"]),
            f["level"],
            str(f["wins"]),
            pct(f["win_rate"]),
            ci(f["ci95"]),
            f"{num(fs['mean'])} ± {num(fs['sd'])}",
            f"{num(mg['mean'])} ± {num(mg['sd'])}",
        )
    d = r["draws"]
    wins.add_row("[dim]draws[/]", "", str(d["games"]), pct(d["rate"]), ci(d["ci95"]), "", "")
    console.print(wins)
    wm = r["winning_margin"]
    console.print(f"Winning margin: mean {num(wm['mean'])}, sd {num(wm['sd'])}, range {wm['min']}..{wm['max']}")

    ends = Table(title="How games ended", title_justify="left")
    for col in ("how", "turn", "games", "share", "won by"):
        ends.add_column(col, justify="left" if col in ("how", "won by") else "right")
    grouped: dict = {}
    for e in r["endings"]:
        grouped.setdefault((e["how"], e["turn"]), []).append(e)
    for (how, turn), rows in grouped.items():
        games = sum(e["games"] for e in rows)
        by = ", ".join(f"{M(e['winner'] or 'draw')} {e['games']}" for e in sorted(rows, key=lambda e: -e["games"]))
        ends.add_row(how, str(turn), str(games), pct(games / r["finished"] if r["finished"] else None), by)
    console.print(ends)

    traj = Table(title="Mean trajectory (start of each turn, then the end)", title_justify="left")
    _add_columns(
        traj,
        (
            ("meter", "left"),
            ("turn 1", "right"),
            ("end", "right"),
            ("per turn", "left"),
        ),
    )
    for s in r["trajectory"]["series"]:
        m = s["mean"]
        traj.add_row(M(s["label"]), num(m[0]), num(m[-1]), s["spark"])
    console.print(traj)

    factions = [f["id"] for f in r["factions"]]
    ordered = sorted(r["cards"], key=lambda c: -c["games_drawn"])
    cards = Table(title="Cards: how often drawn, and what was chosen", title_justify="left")
    cards.add_column("card")
    cards.add_column("drawn", justify="right")
    cards.add_column("choices")
    for c in ordered:
        choices = "\n".join(f"{pct(o['share']):>6} {M(o['label'])}" for o in c["choices"])
        cards.add_row(M(c["title"]), pct(c["draw_rate"]), choices)
    console.print(cards)
    compared = [c for c in ordered if any(x is not None for x in c["win_rate_delta"].values())]
    if compared:
        console.print(_card_swing_table(compared, factions))
    else:
        console.print("No win-rate changes by card: every card was drawn in nearly every game, or in nearly none.")

    acts = Table(title="Actions", title_justify="left")
    _add_columns(
        acts,
        (
            ("action", "left"),
            ("faction", "left"),
            ("per game", "right"),
            ("success", "right"),
        ),
    )
    for a in sorted(r["actions"], key=lambda a: (a["faction"], -a["taken"])):
        success = pct(a["success_rate"]) if a["rolled"] else ("certain" if a["taken"] else "-")
        acts.add_row(M(a["name"]), a["faction"], num(a["per_game"], 2), success)
    console.print(acts)

    probs = r["problems"]
    if probs["games"]:
        t = Table(
            title=f"Problems: {plural(probs['games'], 'game')} hit a dead end, a broken rule or an error",
            title_justify="left",
            title_style="bold red",
        )
        for col in ("game", "seed", "kind", "detail", "reproduce"):
            t.add_column(col)
        for ex in probs["examples"]:
            t.add_row(str(ex["game"]), str(ex["seed"]), M(ex["kind"]), M(ex["detail"]), M(ex["reproduce"]))
        console.print(t)
    else:
        console.print("[green]No dead ends, invariant breaks or errors.[/]")
    notes = r.get("findings", [])
    if notes:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=2, justify="right")
        grid.add_column()
        for line in notes:
            grid.add_row("•", Text(plain(line)))
        console.print(Text("Worth a look", style="bold"))
        console.print(grid)

    if doc.get("sessions"):
        t = Table(title="Win rates per session preset", title_justify="left")
        t.add_column("session")
        t.add_column("orders")
        t.add_column("turns", justify="right")
        for fid in factions:
            t.add_column(fid, justify="right")
        t.add_column("draws", justify="right")
        for run in doc["sessions"]:
            t.add_row(
                Text(f"{run['session'] or '-'}: {run['title']}"),
                run["orders"],
                str(run["turns"]),
                *(pct(run["win_rate"][f]) for f in factions),
                pct(run["draw_rate"]),
            )
        console.print(t)

    for sens in doc.get("sensitivity", []):
        t = Table(title=f"Sensitivity: win rate as {M(sens['key'])} varies", title_justify="left")
        t.add_column("value", justify="right")
        for fid in factions:
            t.add_column(fid, justify="right")
        t.add_column("draws", justify="right")
        for point in sens["points"]:
            t.add_row(
                str(point["value"]),
                *(pct(point["win_rate"][f]) for f in factions),
                pct(point["draw_rate"]),
            )
        t.add_row(
            "[dim]trend[/]",
            *(sparkline([p["win_rate"][f] for p in sens["points"]]) for f in factions),
            sparkline([p["draw_rate"] for p in sens["points"]]),
        )
        console.print(t)


def csv_text(doc: dict) -> str:
    """The report in long form (section, item, faction, metric, value): one row per number."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["section", "item", "faction", "metric", "value"])
    r = doc["report"]
    for f in r["factions"]:
        w.writerow(["wins", f["id"], f["id"], "win_rate", f["win_rate"]])
        w.writerow(["wins", f["id"], f["id"], "ci95_low", f["ci95"][0]])
        w.writerow(["wins", f["id"], f["id"], "ci95_high", f["ci95"][1]])
        for key in ("mean", "sd"):
            w.writerow(["final_score", f["id"], f["id"], key, f["final_score"][key]])
            w.writerow(["margin_vs_best_rival", f["id"], f["id"], key, f["margin_vs_best_rival"][key]])
    w.writerow(["wins", "draw", "", "rate", r["draws"]["rate"]])
    for e in r["endings"]:
        w.writerow(["endings", f"{e['how']} turn {e['turn']}", e["winner"] or "", "share", e["share"]])
    points = r["trajectory"]["points"]
    for s in r["trajectory"]["series"]:
        for label, m in zip(points, s["mean"], strict=True):
            w.writerow(["trajectory", s["name"], "", label, m])
    for c in r["cards"]:
        w.writerow(["cards", c["id"], "", "draw_rate", c["draw_rate"]])
        for o in c["choices"]:
            w.writerow(["cards", c["id"], "", f"choice:{o['label']}", o["share"]])
        for fid, delta in c["win_rate_delta"].items():
            w.writerow(["cards", c["id"], fid, "win_rate_delta", delta])
            ci = c["win_rate_delta_ci"][fid] or [None, None]
            w.writerow(["cards", c["id"], fid, "win_rate_delta_low", ci[0]])
            w.writerow(["cards", c["id"], fid, "win_rate_delta_high", ci[1]])
    for a in r["actions"]:
        w.writerow(["actions", a["id"], a["faction"], "per_game", a["per_game"]])
        w.writerow(["actions", a["id"], a["faction"], "success_rate", a["success_rate"]])
    for ex in r["problems"]["examples"]:
        w.writerow(["problems", ex["seed"], "", ex["kind"], ex["detail"]])
    for run in doc.get("sessions", []):
        for fid, rate in run["win_rate"].items():
            w.writerow(["sessions", run["session"] or "", fid, "win_rate", rate])
    for sens in doc.get("sensitivity", []):
        for point in sens["points"]:
            for fid, rate in point["win_rate"].items():
                w.writerow(["sensitivity", f"{sens['key']}={point['value']}", fid, "win_rate", rate])
    return out.getvalue()


def _add_columns(table: Table, columns: Sequence[tuple[str, JustifyMethod]]) -> None:
    for name, justify in columns:
        table.add_column(name, justify=justify)
