"""The probes and human-only paths sections of the simulate report, as rich tables."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from wargame.analysis.render import num, pct


def _points(x: float | None) -> str:
    return "-" if x is None else f"{x * 100:+.1f}"


def print_probes(console: Console, doc: dict) -> None:
    """One table per probe: each faction's win rate with and without it, the change and its 95% interval."""
    for pr in doc.get("probes", []):
        t = Table(title=f"Probe: {pr['label']} (same seeds as the base run)", title_justify="left")
        for col in ("faction", "base", "probed", "change (points)", "95% CI", "final score change"):
            t.add_column(col, justify="left" if col == "faction" else "right")
        for f in pr["factions"]:
            lo, hi = f["ci95"]
            sc = f["score_change"]
            score = "-" if sc["change"] is None else f"{sc['change']:+.1f} ({num(sc['ci95'][0])}..{num(sc['ci95'][1])})"
            change = _points(f["change"]) + ("" if f["clear"] else " (may be chance)")
            name = f"[bold]{f['id']}[/]" if f["id"] == pr["faction"] else f["id"]
            t.add_row(name, pct(f["base"]), pct(f["probed"]), change, f"{_points(lo)}..{_points(hi)}", score)
        console.print(t)
        for name, w in pr["watch"].items():
            line = f"  {name} at the end: {num(w['base'])} -> {num(w['probed'])} ({w['change']:+.2f}, mean over games)"
            console.print(Text(line))


def print_human_paths(console: Console, doc: dict) -> None:
    """What only a human team reaches: options that some legal play closes, actions the bots never take."""
    hp = doc.get("human_paths")
    if not hp:
        return
    console.print(Text(f"Human-only paths ({hp['games']} games per faction played at random)", style="bold"))
    if hp["closed_options"]:
        console.print(Text("  Card options some legal play closes before the card comes:"))
        for c in hp["closed_options"]:
            after = "; ".join(c["after"]) or "no action of its own yet"
            console.print(
                Text(
                    f"  • {c['card']}: '{c['option']}' ({c['chooser']}) closed in {c['closed']} of {c['came']} games"
                    f" with {c['random_faction']} at random; e.g. seed {c['seed']}, turn {c['turn']}: {c['why']}"
                    f" (after {after})"
                )
            )
    else:
        console.print("  No card option was closed by any play that the bots' play leaves open.")
    never = hp["actions_only_humans_take"]
    console.print(Text("  Actions the bots never take but a team can: " + (", ".join(never) if never else "none")))
