"""`wargame validate` and `wargame schema` as an author runs them: real files, exit codes, one line per problem."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"
MALFORMED = ROOT / "tests" / "scenario" / "malformed"
MINI = (ROOT / "tests" / "scenario" / "mini.yaml").read_text(encoding="utf-8")
LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>\S.*)$")


def wargame(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "wargame.cli", *args], capture_output=True, text=True, cwd=cwd or ROOT, timeout=60
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stdout, proc.stdout
    return proc


def problem_lines(stdout: str) -> list[re.Match]:
    lines = stdout.splitlines()
    matches = [LINE.match(line) for line in lines]
    assert all(matches), [line for line, m in zip(lines, matches, strict=True) if not m]
    return matches


@pytest.fixture
def files(tmp_path):
    """A valid copy of the corpus base, one with two errors, one with a warning only."""
    good = tmp_path / "good.yaml"
    good.write_text(MINI, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        MINI.replace("treasury: {start: 10,", "treasury: {start: ten,").replace(
            "  - gna.treasury += 1", "  - gna.tresury += 1"
        ),
        encoding="utf-8",
    )
    warn = tmp_path / "warn.yaml"
    warn.write_text(MINI.replace("order: [gna, isis]", "order: [gna]"), encoding="utf-8")
    return good, bad, warn


def test_valid_file_exits_0(files):
    good, _, _ = files
    proc = wargame("validate", str(good))
    assert proc.returncode == 0
    assert proc.stdout == ""
    assert proc.stderr == f"{good}: ok\n"


def test_invalid_file_exits_1_with_one_located_line_per_problem(files):
    """A type error and an expression typo in one file: both in one run, as the README promises."""
    _, bad, _ = files
    proc = wargame("validate", str(bad))
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        f"{bad}:12:25: error: 'start' must be a whole number, not 'ten'",
        f"{bad}:52:9: error: in 'gna.tresury += 1': faction 'gna' has no meter 'tresury' (did you mean 'treasury'?)",
    ]
    assert proc.stderr == f"{bad}: 2 errors\n"


def test_cross_reference_errors_are_printed_once_the_shape_is_right(files, tmp_path):
    _, bad, _ = files
    bad.write_text(MINI.replace("  - gna.treasury += 1", "  - gna.tresury += 1"), encoding="utf-8")
    proc = wargame("validate", str(bad))
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        f"{bad}:52:9: error: in 'gna.tresury += 1': faction 'gna' has no meter 'tresury' (did you mean 'treasury'?)"
    ]


def test_warnings_are_printed_but_do_not_fail(files):
    _, _, warn = files
    proc = wargame("validate", str(warn))
    assert proc.returncode == 0
    assert proc.stdout.splitlines() == [f"{warn}:5:8: warning: faction 'isis' is not in order; it will never act"]
    assert proc.stderr == f"{warn}: ok (1 warning)\n"
    quiet = wargame("validate", "--quiet", str(warn))
    assert (quiet.returncode, quiet.stdout) == (0, "")


def test_several_files_at_once_report_each_and_fail_if_any_fails(files, tmp_path):
    good, bad, warn = files
    missing = tmp_path / "missing.yaml"
    proc = wargame("validate", str(good), str(bad), str(missing), str(warn))
    assert proc.returncode == 1
    assert [(m["file"], m["sev"]) for m in problem_lines(proc.stdout)] == [
        (str(bad), "error"),
        (str(bad), "error"),
        (str(missing), "error"),
        (str(warn), "warning"),
    ]
    assert proc.stderr.splitlines() == [
        f"{good}: ok",
        f"{bad}: 2 errors",
        f"{missing}: 1 error",
        f"{warn}: ok (1 warning)",
    ]
    assert f"{missing}:1:1: error: no such file" in proc.stdout


def test_every_malformed_corpus_file_prints_only_located_lines():
    corpus = sorted(MALFORMED.glob("*.yaml"))
    proc = wargame("validate", *map(str, corpus))
    assert proc.returncode == 1
    matches = problem_lines(proc.stdout)
    expected = sum(len(re.findall(r"^# expect: ", p.read_text(encoding="utf-8"), re.M)) for p in corpus)
    assert len(matches) == expected
    assert {m["file"] for m in matches} == set(map(str, corpus))
    assert all(int(m["line"]) >= 1 and int(m["col"]) >= 1 for m in matches)
    assert len(proc.stderr.splitlines()) == len(corpus)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x7fELF\x02\x01\x01\x00\x00", "1:1: error: this is a binary file, not a YAML scenario"),
        (b"title: caf\xe9\n", "1:1: error: the file is not UTF-8 text (byte 10)"),
        (b"", "1:1: error: the file is empty; a scenario starts with 'format: 1'"),
        (b"a: &a [x, x]\nb: [*a, *a]\n", "2:5: error: '*a' is an alias"),
        (b"x: !!python/object/apply:os.system [ls]\n", "1:4: error: the tag '!!python/object/apply:os.system'"),
        (b"format: 1\n  id: [\n", "2:5: error: YAML syntax:"),
    ],
)
def test_hostile_files_give_one_line_and_exit_1(tmp_path, content, message):
    path = tmp_path / "hostile.yaml"
    path.write_bytes(content)
    proc = wargame("validate", str(path))
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"{path}:{message}")
    problem_lines(proc.stdout)


def test_a_folder_is_not_a_scenario(tmp_path):
    proc = wargame("validate", str(tmp_path))
    assert proc.returncode == 1
    assert proc.stdout == f"{tmp_path}:1:1: error: this is a folder, not a scenario file\n"


def test_no_file_is_a_usage_error():
    proc = wargame("validate")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "error:" in proc.stderr


def test_bundled_tutorial_validates():
    proc = wargame("validate", str(TUTORIAL))
    assert proc.returncode == 0, proc.stdout


def test_schema_prints_the_committed_schema():
    proc = wargame("schema")
    assert proc.returncode == 0
    assert proc.stdout == (ROOT / "docs" / "scenario.schema.json").read_text(encoding="utf-8")
    assert json.loads(proc.stdout)["$schema"] == "http://json-schema.org/draft-07/schema#"


@pytest.mark.parametrize("argv", [["validate", "GOOD", "BAD"], ["schema"]])
def test_authoring_commands_never_import_textual(files, argv):
    good, bad, _ = files
    argv = [str(good) if a == "GOOD" else str(bad) if a == "BAD" else a for a in argv]
    code = (
        "import contextlib, io, json, sys\n"
        "from wargame.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        f"    rc = main({argv!r})\n"
        "print(json.dumps([rc, sorted(sys.modules)]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    rc, modules = json.loads(proc.stdout.splitlines()[-1])
    assert rc == (1 if "validate" in argv else 0)
    assert "wargame.scenario.load" in modules or argv == ["schema"]
    assert not [m for m in modules if m == "textual" or m.startswith("textual.")]


def test_importtime_of_validate_shows_no_textual(files):
    good, _, _ = files
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "wargame.cli", "validate", str(good)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 0
    imported = [line.split("|")[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")]
    assert "wargame.scenario.load" in imported
    assert not [m for m in imported if m.split(".")[0] == "textual"]
