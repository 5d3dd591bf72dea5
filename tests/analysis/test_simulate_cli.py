"""`wargame simulate` end to end: the same report whatever the worker count, and one-line errors."""

from __future__ import annotations

import csv
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WARGAME = str(Path(sys.executable).parent / "wargame")


def synth_text(seed: int) -> str:
    spec = importlib.util.spec_from_file_location("synth_for_simulate", ROOT / "tests" / "bots" / "synth.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.synth_text(seed, factions=3, regions=8, turns=6)


def simulate(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([WARGAME, "simulate", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.mark.parametrize("scenario", ["tutorial", "synth"])
def test_same_seed_same_json_whatever_the_worker_count(tmp_path, scenario):
    if scenario == "synth":
        path = tmp_path / "synth.yaml"
        path.write_text(synth_text(4))
        scenario = str(path)
    outputs = []
    for workers in ("1", "2", "3"):
        out = tmp_path / f"w{workers}.json"
        r = simulate(
            scenario,
            "--games",
            "24",
            "--seed",
            "5",
            "--workers",
            workers,
            "--bots",
            "easy",
            "--json",
            str(out),
        )
        assert r.returncode == 0, r.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    doc = json.loads(outputs[0])
    report = doc["report"]
    assert report["games"] == 24
    assert sum(f["wins"] for f in report["factions"]) + report["draws"]["games"] == report["finished"]


def test_report_sections_json_csv_and_sensitivity(tmp_path):
    out, table = tmp_path / "r.json", tmp_path / "r.csv"
    r = simulate(
        "tutorial",
        "--games",
        "20",
        "--seat",
        "isis=easy",
        "--workers",
        "2",
        "--vary",
        "factions.gna.meters.treasury.start=40..80",
        "--json",
        str(out),
        "--csv",
        str(table),
    )
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    doc = json.loads(out.read_text())
    assert doc["settings"]["seats"] == {"gna": "normal", "isis": "easy"}
    report = doc["report"]
    for key in (
        "factions",
        "draws",
        "winning_margin",
        "endings",
        "trajectory",
        "cards",
        "actions",
        "problems",
    ):
        assert key in report
    series = {s["name"]: s for s in report["trajectory"]["series"]}
    assert series["gna.treasury"]["mean"][0] == 60
    assert all(len(s["spark"]) == len(report["trajectory"]["points"]) for s in series.values())
    sens = doc["sensitivity"][0]
    assert sens["key"] == "factions.gna.meters.treasury.start"
    assert [p["value"] for p in sens["points"]] == [40, 50, 60, 70, 80]
    rows = list(csv.DictReader(table.open()))
    assert {"wins", "cards", "actions", "trajectory", "sensitivity"} <= {row["section"] for row in rows}
    for word in (
        "Who wins",
        "How games ended",
        "Mean trajectory",
        "Cards",
        "Actions",
        "Sensitivity",
    ):
        assert word in r.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["tutorial", "--seat", "gnaa=hard"], ["no faction 'gnaa'", "did you mean 'gna'"]),
        (["tutorial", "--seat", "gna=expert"], ["no bot level 'expert'"]),
        (["tutorial", "--seat", "gna"], ["FACTION=LEVEL"]),
        (
            ["tutorial", "--vary", "factions.gna.meters.tresury.start=1..9"],
            ["no key 'tresury'", "did you mean 'treasury'"],
        ),
        (
            ["tutorial", "--vary", "factions.gna.meters.treasury.start=9..1"],
            ["LO must be below HI"],
        ),
        (["tutorial", "--vary", "factions.gna.meters.treasury.start"], ["KEY=LO..HI"]),
        (["tutorial", "--vary", "factions.gna.meters.treasury.start=x..y"], ["two numbers"]),
        (["tutorial", "--vary", "factions.gna.name=1..3"], ["not a number"]),
        (["tutorial", "--vary", "factions.gna.meters.treasury.start=-9..-1"], ["invalid"]),
        (["tutorail"], ["no scenario 'tutorail'", "did you mean 'tutorial'"]),
        (["tutorial", "--games", "0"], ["--games"]),
        (["tutorial", "--json", "/no/such/dir/r.json"], ["does not exist"]),
    ],
)
def test_user_errors_are_one_line_without_traceback(args, words, capsys, monkeypatch):
    from wargame.cli import main

    monkeypatch.chdir(ROOT)
    assert main(["simulate", *args]) != 0
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1, lines
    for word in words:
        assert word in lines[0]


def test_a_missing_scenario_fails_cleanly_in_a_real_process():
    r = simulate("no-such-scenario", "--games", "3")
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert r.stderr.strip().count("\n") == 0 and "no scenario 'no-such-scenario'" in r.stderr
