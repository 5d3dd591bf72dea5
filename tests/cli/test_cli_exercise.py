"""The exercise through the CLI as a facilitator would run it: presets, briefs, saves that replay, simulate."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXERCISE = ROOT / "tests" / "engine" / "exercise.yaml"


def wargame(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wargame.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "120", "HOME": str(cwd)},
        timeout=300,
    )


@pytest.fixture
def scenario(tmp_path) -> Path:
    path = tmp_path / "exercise.yaml"
    shutil.copy(EXERCISE, path)
    return path


@pytest.mark.parametrize("session", [None, "two-hours", "seminar"])
@pytest.mark.parametrize("policy", ["random", "normal"])
def test_autoplay_saves_and_replay_verifies_in_both_order_modes(scenario, tmp_path, session, policy):
    extra = ["--session", session] if session else []
    run = wargame(
        "autoplay", str(scenario), "--seed", "3", "--policy", policy, "--save", "game.json", *extra, cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr
    doc = json.loads((tmp_path / "game.json").read_text())
    assert doc["version"] == 3 and doc["session"] == session
    assert any("orders" in d for d in doc["decisions"]) == (session != "seminar")
    replay = wargame("replay", "game.json", "--verify", cwd=tmp_path)
    assert replay.returncode == 0, replay.stderr
    assert "verified" in replay.stdout
    if session != "seminar":
        assert "ordered:" in replay.stdout and "Orders phase" in replay.stdout


def test_an_unknown_session_is_one_line_listing_the_presets(scenario, tmp_path):
    for cmd in (["autoplay", str(scenario)], ["briefs", str(scenario)], ["simulate", str(scenario), "--games", "1"]):
        run = wargame(*cmd, "--session", "three-hours", cwd=tmp_path)
        assert run.returncode == 1 and "Traceback" not in run.stderr
        assert run.stderr.strip().endswith("has no session 'three-hours' (its sessions: two-hours, seminar)")
        assert len(run.stderr.strip().splitlines()) == 1


def test_briefs_print_one_page_per_team_and_a_facilitator_page(scenario, tmp_path):
    run = wargame("briefs", str(scenario), "--session", "two-hours", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    pages = run.stdout.split("\n---\n")
    assert [p.strip().splitlines()[0] for p in pages] == [
        "# Northern government: team brief",
        "# Southern government: team brief",
        "# Ceasefire at the port: facilitator",
    ]
    assert "Your aim" in pages[0] and "Your aim" not in pages[1] and "Your aim" in pages[2]
    assert "**Hidden from you** (shown as '?'): Port militia Fighters" in pages[0]
    assert "**Timer**: 10 min 00 s per orders phase (strict" in pages[0]
    assert "`two-hours`: Two-hour classroom session (this pack)" in pages[2]
    assert "Port militia" not in [p.splitlines()[0] for p in pages]  # not playable: no page


def test_briefs_as_html_escape_the_files_text(scenario, tmp_path):
    text = scenario.read_text().replace("The south wants", "The <script>alert(1)</script> south wants")
    scenario.write_text(text)
    run = wargame("briefs", str(scenario), "--format", "html", "-o", "pack.html", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    html = (tmp_path / "pack.html").read_text()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("<section>") == 3


def test_describe_lists_the_presets(scenario, tmp_path):
    run = wargame("describe", str(scenario), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "  two-hours: Two-hour classroom session (3 turns, from 2016-08" in run.stdout
    assert "Hidden or estimated values: Loyalty, Fighters, Tension, Mines, Unrest" in run.stdout


def test_simulate_reports_win_rates_per_preset(scenario, tmp_path):
    run = wargame(
        "simulate",
        str(scenario),
        "--games",
        "12",
        "--workers",
        "1",
        "--session",
        "two-hours",
        "--session",
        "seminar",
        "--json",
        "out.json",
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    assert "Win rates per session preset" in run.stdout
    doc = json.loads((tmp_path / "out.json").read_text())
    runs = {r["session"]: r for r in doc["sessions"]}
    assert set(runs) == {"two-hours", "seminar"}
    assert runs["two-hours"]["orders"] == "simultaneous" and runs["two-hours"]["turns"] == 3
    assert runs["seminar"]["orders"] == "sequential" and runs["seminar"]["turns"] == 6
    for r in runs.values():
        assert abs(sum(r["win_rate"].values()) + r["draw_rate"] - 1) < 1e-9 and r["problems"] == 0
