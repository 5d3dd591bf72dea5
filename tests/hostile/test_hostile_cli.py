"""Every command on hostile files: no raw escape reaches the terminal, no crash, right exit codes."""

from __future__ import annotations

import json
import os
import re
import resource
import signal
from pathlib import Path

import pytest
from hostile_files import (
    ESCAPES,
    MARKUP,
    assert_clean,
    escapes_scenario,
    hostile_save,
    markup_scenario,
    wargame,
)

MINI = (Path(__file__).resolve().parents[1] / "scenario" / "mini.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    scenario = markup_scenario(folder)
    return folder, scenario, escapes_scenario(folder), hostile_save(folder, scenario)


def out(proc) -> str:
    return proc.stdout.decode("utf-8")


def test_a_scenario_with_markup_everywhere_goes_through_every_command(files):
    folder, scenario, _esc, _save = files
    s = str(scenario)
    for args in (
        ("validate", s),
        ("describe", s),
        ("autoplay", s, "--seed", "2"),
        ("autoplay", s, "--policy", "easy", "--save", str(folder / "easy.json")),
    ):
        proc = wargame(*args)
        assert proc.returncode == 0, (args, proc.stderr)
        assert_clean(proc)
        if args[0] in ("describe", "autoplay"):
            assert MARKUP in out(proc), args  # shown as written, not applied
    sim = wargame(
        "simulate",
        s,
        "--games",
        "3",
        "--workers",
        "1",
        "--bots",
        "random",
        "--json",
        str(folder / "sim.json"),
        "--csv",
        str(folder / "sim.csv"),
    )
    assert sim.returncode == 0, sim.stderr
    assert_clean(sim)
    assert "[/][/]" in out(sim)
    assert json.loads((folder / "sim.json").read_text())["scenario"]["title"].endswith("<b>")


def test_a_scenario_with_terminal_escapes_is_refused_in_clean_lines(files):
    _folder, _scenario, esc, _save = files
    for args in (
        ("validate", str(esc)),
        ("describe", str(esc)),
        ("autoplay", str(esc)),
        ("simulate", str(esc), "--games", "2"),
    ):
        proc = wargame(*args)
        assert proc.returncode == 1, (args, proc.stderr)
        assert_clean(proc)
        assert "the character U+001B is not allowed in a scenario" in (out(proc) + proc.stderr.decode())


def test_a_save_with_escapes_and_markup_everywhere_replays_and_reports(files):
    folder, _scenario, _esc, save = files
    replay = wargame("replay", str(save), "--verify")
    assert replay.returncode == 0, replay.stderr
    assert_clean(replay)
    text = out(replay)
    assert "note \u241b]0;pwned\u2407" in text  # ESC and BEL shown as symbols, never sent
    assert "verified" in text
    md = wargame("report", str(save))
    assert md.returncode == 0, md.stderr
    assert_clean(md)
    page = out(md)
    # escaped: no link, no image, no HTML for any renderer
    assert not re.search(r"(?<!\\)\[x(?<!\\)\]\(javascript|!(?<!\\)\[i|(?<!\\)<b>", page)
    assert "\\[x\\](javascript:alert(1))" in page
    html_path = folder / "report.html"
    html = wargame("report", str(save), "--format", "html", "-o", str(html_path))
    assert html.returncode == 0, html.stderr
    assert_clean(html)
    doc = html_path.read_text(encoding="utf-8")
    assert "\x1b" not in doc and "&lt;b&gt;" in doc
    assert not any("javascript" in href for href in re.findall(r'href="([^"]*)"', doc))


# --- bounded input -------------------------------------------------------------------


@pytest.fixture
def specials(tmp_path):
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    link = tmp_path / "evil.yaml"
    link.symlink_to("/dev/zero")
    return ["/dev/zero", "/dev/urandom", str(fifo), str(link)]


def test_devices_fifos_and_links_to_them_are_refused_at_once(specials):
    for path in specials:
        for args in (("validate", path), ("describe", path), ("autoplay", path), ("replay", path), ("report", path)):
            proc = wargame(*args, timeout=30)
            assert proc.returncode == 1, (args, proc.stderr)
            assert_clean(proc)
            err = (out(proc) + proc.stderr.decode()).strip()
            assert "not a regular file" in err, (args, err)
            assert len(err) < 400 and path in err


def _file(tmp_path, text: str, name: str = "big.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_numbers_past_the_bounds_are_refused_with_a_located_line(tmp_path):
    huge = "9" * 5000
    cases = {
        "calendar: {start: 2016-06, turns: 3}": f"calendar: {{start: 2016-06, turns: {huge}}}",
        "treasury: {start: 10, max: 100}": f"treasury: {{start: 10, max: {huge}}}",
        "fighters: {start: 5, max: 20}": "fighters: {start: 5, max: 1000000001}",
        '"40 + 5 * morale"': f'"40 + {"1" + "0" * 4400} * morale"',
        "format: 1": f"format: {huge}",
    }
    for old, new in cases.items():
        proc = wargame("validate", _file(tmp_path, MINI.replace(old, new)))
        assert proc.returncode == 1, (old, out(proc))
        assert_clean(proc)
        lines = out(proc).splitlines()
        assert lines and all(len(line) < 500 for line in lines), lines
        assert re.search(r"out of range|at most|too large", out(proc)), out(proc)


def test_a_score_that_multiplies_past_any_chart_still_reports(tmp_path):
    text = MINI.replace("treasury: {start: 10, max: 100}", "treasury: {start: 1000000000, max: 1000000000}")
    text = text.replace(
        'victory: {score: "gna.treasury + 10 * count(control == gna)"}',
        'victory: {score: "gna.treasury * gna.treasury * gna.treasury * gna.treasury"}',
    )
    scenario = _file(tmp_path, text, "square.yaml")
    save = tmp_path / "square.json"
    auto = wargame("autoplay", scenario, "--save", str(save))
    assert auto.returncode == 0, auto.stderr
    assert "1000000000000000000" in out(auto)  # held at 10**18, not a 36-digit number
    for fmt in ("md", "html"):
        proc = wargame("report", str(save), "--format", fmt)
        assert proc.returncode == 0, proc.stderr
        assert_clean(proc)
    sim = wargame("simulate", scenario, "--games", "2", "--workers", "1", "--bots", "random")
    assert sim.returncode == 0, sim.stderr
    assert_clean(sim)


def test_huge_command_line_numbers_get_one_short_line():
    for args in (
        ("autoplay", "tutorial", "--seed", "9" * 5000),
        ("simulate", "tutorial", "--games", "2", "--vary", f"seed=1..{'9' * 5000}"),
        ("simulate", "tutorial", "--games", "2", "--vary", "seed=1..1e400"),
    ):
        proc = wargame(*args)
        assert proc.returncode in (1, 2), (args, proc.stderr)
        assert_clean(proc)
        assert len(proc.stderr) < 600, proc.stderr[:600]


# --- messages --------------------------------------------------------------------------


def test_a_malformed_decision_is_quoted_up_to_a_limit_and_the_file_named(tmp_path, files):
    _folder, _scenario, _esc, save = files
    doc = json.loads(save.read_text(encoding="utf-8"))
    doc["decisions"][0] = {"act": "x" * 5_000_000, "target": [1] * 1000}
    bad = tmp_path / "five-megabytes.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    proc = wargame("replay", str(bad))
    assert proc.returncode == 1
    assert_clean(proc)
    assert len(proc.stderr) < 1000
    assert str(bad) in proc.stderr.decode()


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.pop("decisions"),
        lambda d: d.update(version=99),
        lambda d: d.update(seed="x"),
        lambda d: d["decisions"].insert(0, {"act": "no_such_action"}),
        lambda d: d["decisions"].insert(0, {"choose": 5}),
        lambda d: d["scenario"].update(id="nope", path="/nonexistent/nope.yaml"),
        lambda d: d.update(state_hash="0" * 16),
    ],
    ids=["no-decisions", "future-version", "seed-text", "unknown-action", "bad-choice", "lost-scenario", "hash"],
)
def test_every_replay_error_names_the_save(tmp_path, files, damage):
    _folder, _scenario, _esc, save = files
    doc = json.loads(save.read_text(encoding="utf-8"))
    damage(doc)
    bad = tmp_path / "damaged.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    proc = wargame("replay", str(bad), "--verify")
    assert proc.returncode == 1, proc.stdout[-500:]
    assert_clean(proc)
    assert str(bad) in proc.stderr.decode(), proc.stderr


def test_autoplay_quiet_is_one_line_whatever_the_width():
    proc = wargame(
        "autoplay", "libya-2016", "--quiet", "--seed", "7", "--policy", "random", env={**os.environ, "COLUMNS": "20"}
    )
    assert proc.returncode == 0, proc.stderr
    lines = out(proc).splitlines()
    assert len(lines) == 1 and re.search(r" hash [0-9a-f]{16}$", lines[0]), lines


def _full_disk():
    """What a full disk looks like to the process: any write past 200 bytes fails (EFBIG, not a signal)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))


@pytest.mark.parametrize("flag", ["--json", "--csv"])
def test_simulate_leaves_no_empty_or_temp_file_when_the_disk_is_full(tmp_path, flag):
    proc = wargame(
        "simulate",
        "tutorial",
        "--games",
        "2",
        "--workers",
        "1",
        "--bots",
        "random",
        flag,
        str(tmp_path / "out"),
        preexec_fn=_full_disk,
    )
    assert proc.returncode == 1, proc.stderr
    assert_clean(proc)
    assert f"{flag} {tmp_path / 'out'}: cannot write it" in proc.stderr.decode()
    assert os.listdir(tmp_path) == []


def test_the_escapes_in_a_file_name_are_not_sent_either(tmp_path):
    name = tmp_path / f"x{ESCAPES}.yaml"
    name.write_text("format: 1\n", encoding="utf-8")
    proc = wargame("validate", str(name))
    assert proc.returncode == 1
    assert_clean(proc)
