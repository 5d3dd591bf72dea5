"""The debrief as an after-action review: milestones against history, trade-offs, turning points, hot wash."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WARGAME = str(Path(sys.executable).parent / "wargame")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([WARGAME, *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


def debrief(tmp_path, scenario: str, seed: str) -> str:
    save, out = tmp_path / "game.json", tmp_path / "debrief.md"
    r = run("autoplay", scenario, "--seed", seed, "--bots", "normal", "--save", str(save))
    assert r.returncode == 0, r.stderr
    r = run("report", str(save), "--format", "md", "-o", str(out))
    assert r.returncode == 0, r.stderr
    return out.read_text()


def test_a_close_libya_game_leads_with_the_review_not_the_winner(tmp_path):
    text = debrief(tmp_path, "libya-2016", "7")
    review, outcome = text.index("## After-action review"), text.index("## Outcome")
    assert review < outcome, "a margin under 5 points: the review comes before the winner"
    assert "is under 5: within what chance moves" in text
    history = text[text.index("### The game against history") :]
    assert "| Sirte falls | " in history and "| 6-17 Dec 2016 |" in history
    house = next(line for line in history.splitlines() if line.startswith("| The House endorses the G.N.A. |"))
    assert "| never |" in house
    for section in (
        "### Trade-offs, objective by objective",
        "### Turning points",
        "### Questions for discussion",
        "### Hot wash: sustain and improve",
    ):
        assert section in text
    assert "Did the G.N.A. pay the brigades or train them" in text
    assert "- Sustain (G.N.A.):" in text or "- Improve (G.N.A.):" in text
    html = tmp_path / "debrief.html"
    assert run("report", str(tmp_path / "game.json"), "--format", "html", "-o", str(html)).returncode == 0
    page = html.read_text()
    assert page.index('<section id="review">') < page.index('<section id="outcome">')
    assert "<h3>The game against history</h3>" in page


def test_an_objective_is_exercised_only_by_a_decision(tmp_path):
    from wargame.report import build_report

    save = tmp_path / "game.json"
    assert run("autoplay", "tutorial", "--seed", "3", "--bots", "random", "--save", str(save)).returncode == 0
    r = build_report(save)
    moments = [m for t in r.timeline for m in t.moments]
    decided = {tag for m in moments if m.kind in ("action", "choice") for tag in m.objectives}
    faced = {tag for m in moments if m.kind == "card" for tag in m.objectives}
    unused = {k for k, _ in r.unused_objectives}
    assert unused == {k for k, _ in _objectives(r)} - decided
    assert faced - decided <= unused, "an objective met only on a card is not exercised"


def _objectives(r):
    from wargame.scenario import load_scenario

    return load_scenario(ROOT / "scenarios" / "tutorial.yaml")[0].objectives.items()


def test_a_two_hour_session_is_dated_from_its_first_month(tmp_path):
    from wargame.report import build_report

    save = tmp_path / "game.json"
    r = run("autoplay", "libya-2016", "--session", "two_hours", "--seed", "3", "--bots", "normal", "--save", str(save))
    assert r.returncode == 0, r.stderr
    report = build_report(save)
    moments = [m for t in report.timeline for m in t.moments]
    assert moments[0].turn == 2 and moments[0].date == "Jul 2016", "the preset starts in July 2016"
    assert report.first_date == "Jul 2016" and all(m.turn >= 2 for m in moments)
    text = run("report", str(save), "--format", "md").stdout
    assert "Played Jul 2016 to Feb 2017" in text
    together = [w for w in report.aar.turning_points if "resolved at once" in w.text]
    assert together, "simultaneous orders resolve several teams' orders in one step"
    for w in together:  # each team's swing is told by its own order in that step, when it gave one
        assert w.text.startswith(f"{w.team}: ") == w.own, w
    assert any(w.own for w in together)
