"""`wargame simulate` probes and human-only paths, end to end through the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WARGAME = str(Path(sys.executable).parent / "wargame")
STRIKES = str(ROOT / "tests" / "analysis" / "data" / "strike-offer.yaml")


def simulate(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([WARGAME, "simulate", *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_human_paths_report_an_option_that_an_early_action_closes(tmp_path):
    out = tmp_path / "r.json"
    r = simulate(STRIKES, "--games", "10", "--workers", "1", "--human-paths", "20", "--json", str(out))
    assert r.returncode == 0, r.stderr
    hp = json.loads(out.read_text())["human_paths"]
    closed = [(c["card"], c["option"]) for c in hp["closed_options"]]
    assert closed == [("offer", "Request the strikes")]
    example = hp["closed_options"][0]
    assert "Request made" in example["why"] and any("ask_for_strikes" in a for a in example["after"])
    assert hp["actions_only_humans_take"] == ["ask_for_strikes"]
    assert "closed in" in r.stdout and "Actions the bots never take but a team can: ask_for_strikes" in r.stdout


def test_a_probe_is_compared_with_the_base_run_on_the_same_seeds(tmp_path):
    out = tmp_path / "r.json"
    r = simulate(
        STRIKES,
        "--games",
        "30",
        "--workers",
        "1",
        "--prefer",
        "gna=ask_for_strikes",
        "--choose",
        "offer=2",
        "--watch",
        "gna.legitimacy",
        "--json",
        str(out),
    )
    assert r.returncode == 0, r.stderr
    doc = json.loads(out.read_text())
    labels = [p["label"] for p in doc["probes"]]
    assert labels == ["prefer gna=ask_for_strikes", "choose offer=Fight on alone"]
    prefer = doc["probes"][0]
    gna = prefer["factions"][0]
    assert gna["id"] == "gna" and gna["ci95"][0] <= gna["change"] <= gna["ci95"][1]
    # asking costs 5 legitimacy at once: the watched meter says so
    assert prefer["watch"]["gna.legitimacy"]["change"] < 0
    assert "Probe: prefer gna=ask_for_strikes" in r.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--prefer", "gan=govern"], "no faction 'gan' (did you mean 'gna'?)"),
        (["--avoid", "gna=govren"], "'gna' has no action 'govren' (did you mean 'govern'?)"),
        (["--prefer", "gna=hold"], "('hold' belongs to isis)"),
        (["--choose", "ofer=1"], "no card with a choice named 'ofer' (did you mean 'offer'?)"),
        (["--choose", "offer=3"], "'offer' has no option '3'"),
        (["--prefer", "gna"], "write FACTION=ACTION[,ACTION]"),
        (["--watch", "gna.legit"], "--watch 'gna.legit': no meter or track by that name"),
        (["--prefer", "gna=govern", "--shard", "1/2", "--out", "x.json"], "cannot be sharded"),
    ],
)
def test_a_bad_probe_is_one_line_and_a_non_zero_exit(args, message):
    r = simulate(STRIKES, "--games", "4", "--workers", "1", *args)
    assert r.returncode != 0
    assert message in r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
