"""`wargame report` as a user runs it, and `write_report` as the TUI calls it: outputs, and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from argparse import Namespace
from pathlib import Path

import attrs
import pytest
from report_helpers import ROOT, SAVES, check_html, loaded

from wargame import saves
from wargame.errors import UserError
from wargame.report import default_path, write_report
from wargame.report.cli import cmd_report


def run(*argv: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TEXTUAL_THEME")}
    return subprocess.run(
        [sys.executable, "-m", "wargame.cli", "report", *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


@pytest.fixture
def save(tmp_path) -> Path:
    """A copy of a golden save, so a test can check that the report never touches it."""
    path = tmp_path / "game.json"
    path.write_bytes((SAVES / "tutorial-facilitated.json").read_bytes())
    return path


def one_line_error(result: subprocess.CompletedProcess, code: int = 1) -> str:
    assert result.returncode == code, result
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("wargame report: error: ")
    return lines[0]


def test_markdown_goes_to_stdout(save):
    before = save.read_bytes()
    result = run(str(save))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Debrief: Tutorial: The battle for Sirte\n")
    assert "## Timeline" in result.stdout and result.stderr == ""
    assert save.read_bytes() == before


def test_html_goes_to_the_output_file(save, tmp_path):
    before = save.read_bytes()
    out = tmp_path / "deeper" / "debrief.html"
    result = run(str(save), "--format", "html", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    check_html(text)
    assert save.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["debrief.html"], "no temporary file left behind"


def test_a_missing_save_is_one_line(tmp_path):
    line = one_line_error(run(str(tmp_path / "nope.json")))
    assert "nope.json" in line and "no such save file" in line


def test_a_corrupt_save_is_one_line(save):
    save.write_bytes(save.read_bytes()[:200])
    before = save.read_bytes()
    line = one_line_error(run(str(save), "-o", str(save.with_suffix(".md"))))
    assert "damaged" in line
    assert save.read_bytes() == before and not save.with_suffix(".md").exists()


def test_an_altered_save_is_one_line(save):
    doc = json.loads(save.read_text(encoding="utf-8"))
    doc["seed"] += 1
    save.write_text(json.dumps(doc), encoding="utf-8")
    line = one_line_error(run(str(save)))
    assert str(save) in line


def test_a_save_of_an_unknown_scenario_is_one_line(save):
    doc = json.loads(save.read_text(encoding="utf-8"))
    doc["scenario"].update(id="no-such-scenario", path="nowhere/none.yaml")
    save.write_text(json.dumps(doc), encoding="utf-8")
    assert "no-such-scenario" in one_line_error(run(str(save)))


def test_the_report_never_overwrites_the_save(save):
    before = save.read_bytes()
    line = one_line_error(run(str(save), "--format", "html", "-o", str(save)))
    assert "save itself" in line
    assert save.read_bytes() == before


def test_an_output_that_cannot_be_written_is_one_line(save, tmp_path):
    (tmp_path / "taken").mkdir()
    line = one_line_error(run(str(save), "-o", str(tmp_path / "taken")))
    assert "taken" in line and "folder" in line


def test_a_bad_format_is_refused_without_a_traceback(save):
    result = run(str(save), "--format", "pdf")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "pdf" in result.stderr.splitlines()[0]
    with pytest.raises(UserError, match="unknown format 'pdf'"):
        cmd_report(Namespace(save=str(save), format="pdf", output=None))


def test_write_report_puts_the_debrief_beside_the_save(save):
    path = write_report(save, "html")
    assert path == default_path(save, "html") == save.with_name("game.debrief.html")
    check_html(path.read_text(encoding="utf-8"))
    with pytest.raises(ValueError, match="save itself"):
        write_report(save, "md", save)
    with pytest.raises(ValueError, match="unknown report format"):
        write_report(save, "txt")


def test_write_report_takes_the_game_the_tui_holds(tmp_path):
    scenario, saved, state, _report = loaded("tutorial-unfinished")
    in_memory = saves.record(scenario, state, list(saved.decisions), name="from the end screen")
    out = write_report(in_memory, "md", tmp_path / "end.md", scenario=scenario)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Debrief:") and "Save 'from the end screen'" in text
    with pytest.raises(ValueError, match="output path"):
        write_report(in_memory, "md")


def test_write_report_refuses_a_game_that_does_not_replay(tmp_path):
    scenario, saved, state, _report = loaded("tutorial-seed3")
    tampered = attrs.evolve(saves.record(scenario, state, list(saved.decisions)), state_hash="0" * 16)
    with pytest.raises(saves.SaveError, match="does not reach the saved state"):
        write_report(tampered, "md", tmp_path / "x.md", scenario=scenario)
    assert not (tmp_path / "x.md").exists()


def test_the_report_needs_neither_textual_nor_rich():
    code = (
        "import sys\nfrom wargame.report import build_report, render\n"
        f"r = build_report({str(SAVES / 'tutorial-facilitated.json')!r})\n"
        "render(r, 'md'); render(r, 'html')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
