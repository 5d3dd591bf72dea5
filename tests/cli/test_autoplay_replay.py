"""`wargame autoplay` and `wargame replay --verify` through a real process, as a user or CI would run them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.y*ml"))
GOLDEN = ROOT / "tests" / "golden"
sys.path.insert(0, str(ROOT / "tests" / "engine"))


def wargame(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in __import__("os").environ.items() if k not in ("NO_COLOR", "TEXTUAL_THEME")}
    return subprocess.run(
        [sys.executable, "-m", "wargame.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**env, "COLUMNS": "120"},
        timeout=300,
    )


def final_hash(output: str) -> str:
    found = re.findall(r"hash ([0-9a-f]{16})", output)
    assert found, output
    return found[-1]


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.name for p in SCENARIOS])
def test_autoplay_plays_every_bundled_scenario_and_one_seed_gives_one_hash(path, tmp_path):
    from engine_helpers import load

    load(path)  # skips a scenario that is still being written (the scenario tests say what is wrong)
    runs = [wargame("autoplay", str(path), "--seed", "5", "--quiet", cwd=tmp_path) for _ in range(2)]
    for run in runs:
        assert run.returncode == 0, run.stderr
        assert "Traceback" not in run.stderr
    assert runs[0].stdout == runs[1].stdout
    other = wargame("autoplay", str(path), "--seed", "6", "--quiet", cwd=tmp_path)
    assert final_hash(other.stdout) != final_hash(runs[0].stdout)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    """A game played and saved by `wargame autoplay`, then verified by `wargame replay --verify`."""
    where = tmp_path_factory.mktemp("cli")
    save = where / "game.json"
    run = wargame("autoplay", "tutorial", "--seed", "3", "--save", str(save), cwd=where)
    assert run.returncode == 0, run.stderr
    assert save.is_file()
    return where, save, final_hash(run.stdout)


def test_replay_verify_passes_on_a_fresh_save(recorded):
    where, save, played = recorded
    run = wargame("replay", str(save), "--verify", cwd=where)
    assert run.returncode == 0, run.stderr
    assert "verified" in run.stdout and final_hash(run.stdout) == played


def test_replay_verify_passes_on_the_golden_saves():
    for path in sorted(GOLDEN.glob("v*-tutorial-facilitated.json")):
        run = wargame("replay", str(path), "--verify", cwd=ROOT)
        assert run.returncode == 0, run.stderr
        assert "verified" in run.stdout


def edit(doc_change):
    def apply(data: bytes) -> bytes:
        doc = json.loads(data)
        doc_change(doc)
        return json.dumps(doc).encode()

    return apply


TAMPERED = {
    "edited decision": edit(lambda d: d["decisions"][1].clear() or d["decisions"][1].update(bookmark="x")),
    "edited hash": edit(lambda d: d.update(state_hash="0000000000000000")),
    "truncated file": lambda data: data[: len(data) // 2],
    "binary junk": lambda data: bytes(range(256)) * 20,
    "newer version": edit(lambda d: d.update(version=d["version"] + 1)),
    "missing scenario": edit(lambda d: d["scenario"].update(id="gone", path="gone/gone.yaml")),
    "empty file": lambda data: b"",
}


@pytest.mark.parametrize("damage", TAMPERED, ids=list(TAMPERED))
def test_replay_verify_fails_cleanly_on_a_tampered_save(recorded, damage, tmp_path):
    where, save, _ = recorded
    bad = tmp_path / "bad.json"
    bad.write_bytes(TAMPERED[damage](save.read_bytes()))
    before = bad.read_bytes()
    run = wargame("replay", str(bad), "--verify", cwd=where)
    assert run.returncode == 1, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr + run.stdout
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("wargame replay: error: "), run.stderr
    assert "verified" not in run.stdout
    assert bad.read_bytes() == before, "a failed replay must not touch the file"


# --- another game's file, and the audit trail -------------------------------------------------


def test_autoplay_never_saves_over_another_games_file_unless_forced(recorded, tmp_path):
    where, save, _ = recorded
    target = tmp_path / "Team-A.json"
    target.write_bytes(save.read_bytes())
    before = target.read_bytes()
    run = wargame("autoplay", "tutorial", "--seed", "4", "--save", str(target), cwd=where)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "holds another game" in lines[0] and "--force" in lines[0], run.stderr
    assert target.read_bytes() == before, "the other game's save is untouched"
    forced = wargame("autoplay", "tutorial", "--seed", "4", "--save", str(target), "--force", cwd=where)
    assert forced.returncode == 0, forced.stderr
    assert json.loads(target.read_text())["seed"] == 4


AUDIT_EDITS = {
    "a seat label": lambda d: d["seats"].update(gna="human"),
    "who decided": lambda d: d["decisions"][0].update(by="facilitator"),
    "a bot's reason": lambda d: d["decisions"][0].update(why="a forged reason"),
    "an inserted override": lambda d: d["decisions"].insert(
        2, {"override": "gna.treasury += 5", "reason": "slipped in", "by": "facilitator"}
    ),
}


@pytest.mark.parametrize("edit", AUDIT_EDITS, ids=list(AUDIT_EDITS))
def test_replay_verify_covers_the_audit_trail_and_hands_out_no_hash(recorded, edit, tmp_path):
    where, save, played = recorded
    doc = json.loads(save.read_text())
    AUDIT_EDITS[edit](doc)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    run = wargame("replay", str(bad), "--verify", cwd=where)
    assert run.returncode == 1, run.stdout
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "altered" in lines[0], run.stderr
    found = re.findall(r"[0-9a-f]{16}", (run.stdout + run.stderr).replace(str(tmp_path), ""))
    assert set(found) <= {doc["state_hash"]}, f"a hash other than the saved one was printed: {found}"


def test_replay_without_verify_prints_no_hash_an_altered_save_reached(recorded, tmp_path):
    where, save, _ = recorded
    doc = json.loads(save.read_text())
    AUDIT_EDITS["an inserted override"](doc)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    run = wargame("replay", str(bad), cwd=where)
    assert run.returncode == 0
    assert "does not reach the saved state hash" in run.stdout
    assert "state hash" not in run.stdout.replace("saved state hash", "")


def test_replay_verify_of_a_version_1_save_says_what_it_could_not_cover():
    run = wargame("replay", str(GOLDEN / "v1-tutorial-facilitated.json"), "--verify", cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "verified" in run.stdout and "save version 1" in run.stdout
    new = wargame("replay", str(GOLDEN / "v2-tutorial-facilitated.json"), "--verify", cwd=ROOT)
    assert "audit trail matches" in new.stdout and "note" not in new.stdout
