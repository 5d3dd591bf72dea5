"""`wargame new`: the starter scenario validates and plays; names are checked; nothing is overwritten."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from wargame.cli import new as starter
from wargame.scenario import load_text
from wargame.scenario.schema import json_schema

ROOT = Path(__file__).resolve().parents[2]


def wargame(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "wargame.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_new_writes_a_scenario_that_validates_and_plays_to_the_end(tmp_path):
    proc = wargame("new", "border-crisis", "--dir", str(tmp_path), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    path = tmp_path / "border-crisis.yaml"
    assert proc.stdout.startswith(f"wrote {path}\n")
    text = path.read_text(encoding="utf-8")
    assert "\nid: border-crisis " in text
    checked = wargame("validate", str(path), cwd=tmp_path)
    assert (checked.returncode, checked.stdout) == (0, "")
    played = wargame("autoplay", str(path), "--quiet", cwd=tmp_path)
    assert played.returncode == 0, played.stderr
    assert played.stdout.startswith("border-crisis seed 1: ")
    assert "(final, turn 8)" in played.stdout or "(threshold, turn" in played.stdout


def test_new_defaults_to_the_scenarios_folder_of_the_current_directory(tmp_path):
    proc = wargame("new", "drill", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "scenarios" / "drill.yaml").is_file()


def test_new_never_overwrites(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("my precious work\n", encoding="utf-8")
    proc = wargame("new", "mine", "--dir", str(tmp_path), cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr == (
        f"wargame new: error: {path} already exists; choose another name or move that file (nothing was written)\n"
    )
    assert path.read_text(encoding="utf-8") == "my precious work\n"


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("My Crisis", " (e.g. 'wargame new my-crisis')"),
        ("crisis.yaml", " (e.g. 'wargame new crisis')"),
        ("under_score", " (e.g. 'wargame new under-score')"),
        ("Crisis 2016!", " (e.g. 'wargame new crisis-2016')"),
        ("!!!", ""),
    ],
)
def test_new_refuses_a_name_that_is_not_a_scenario_id(tmp_path, name, hint):
    proc = wargame("new", name, "--dir", str(tmp_path), cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == (
        f"wargame new: error: '{name}' is not a valid scenario id: use lowercase letters, digits and '-'{hint}\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_new_reports_an_unwritable_folder_in_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    proc = wargame("new", "x", "--dir", str(blocker / "sub"), cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"wargame new: error: cannot write {blocker / 'sub' / 'x.yaml'}: ")
    assert len(proc.stderr.splitlines()) == 1


def test_the_template_is_a_clean_scenario_for_the_schema_and_the_loader():
    text = starter.render("starter", ROOT / "scenarios")
    scenario, warnings = load_text(text, "starter.yaml")
    assert warnings == []
    assert scenario.id == "starter"
    jsonschema.validate(yaml.safe_load(text), json_schema())


def test_modeline_points_at_the_schema_from_inside_the_repo_and_outside(tmp_path):
    inside = starter.render("x", ROOT / "scenarios").splitlines()[0]
    assert inside == "# yaml-language-server: $schema=../docs/scenario.schema.json"
    outside = starter.render("x", tmp_path).splitlines()[0]
    assert outside == f"# yaml-language-server: $schema={(ROOT / 'docs' / 'scenario.schema.json').as_uri()}"


def test_without_a_schema_file_the_modeline_becomes_instructions(monkeypatch, tmp_path):
    monkeypatch.setattr(starter, "packaged", lambda name: None)
    text = starter.render("x", tmp_path)
    assert "$schema=SCHEMA" not in text
    assert "wargame schema > scenario.schema.json" in text
    load_text(text, "x.yaml")
