"""Shards, `wargame merge` and the Dask backend, through the CLI on real files: one run's report, or one clear error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WARGAME = str(Path(sys.executable).parent / "wargame")
RUN = ["tutorial", "--games", "60", "--seed", "7", "--bots", "easy", "--seat", "isis=random"]
VARY = ["--vary", "factions.gna.meters.treasury.start=40..80"]


def wargame(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([WARGAME, *args], capture_output=True, text=True, cwd=cwd, timeout=300, env=env)


def ok(*args: str, **kw) -> subprocess.CompletedProcess:
    r = wargame(*args, **kw)
    assert r.returncode == 0, r.stderr
    return r


def one_clear_error(r: subprocess.CompletedProcess, *words: str) -> None:
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    for word in words:
        assert word in lines[0], lines[0]


@pytest.fixture(scope="module")
def parts(tmp_path_factory) -> Path:
    """One run of all the games (report, JSON, CSV), and the same run as four shard files."""
    d = tmp_path_factory.mktemp("shards")
    one = ok("simulate", *RUN, *VARY, "--json", str(d / "one.json"), "--csv", str(d / "one.csv"))
    (d / "one.txt").write_text(one.stdout)
    for k in range(1, 5):
        r = ok("simulate", *RUN, *VARY, "--workers", "2", "--shard", f"{k}/4", "--out", str(d / f"part-{k}.json"))
        assert f"shard {k}/4: games" in r.stderr and not r.stdout
    return d


def test_four_shards_merged_print_and_write_the_report_of_one_run(parts, tmp_path):
    files = [str(parts / f"part-{k}.json") for k in (3, 1, 4, 2)]  # any order
    r = ok("merge", *files, "--json", str(tmp_path / "m.json"), "--csv", str(tmp_path / "m.csv"))
    assert r.stdout == (parts / "one.txt").read_text()
    assert (tmp_path / "m.json").read_bytes() == (parts / "one.json").read_bytes()
    assert (tmp_path / "m.csv").read_bytes() == (parts / "one.csv").read_bytes()
    doc = json.loads((tmp_path / "m.json").read_text())
    assert doc["report"]["games"] == 60 and len(doc["sensitivity"][0]["points"]) == 5


def test_a_part_records_the_scenario_settings_and_its_games(parts):
    doc = json.loads((parts / "part-2.json").read_text())
    assert doc["shard"] == {"index": 2, "count": 4, "first": 15, "end": 30}
    assert doc["settings"]["seed"] == 7 and doc["settings"]["seats"] == {"gna": "easy", "isis": "random"}
    assert doc["settings"]["vary"] == [VARY[1]]
    assert len(doc["scenario"]["digest"]) == 64 and "text" in doc["scenario"]
    assert [g["label"] for g in doc["groups"]][:2] == ["", "factions.gna.meters.treasury.start=40"]


def test_a_missing_shard_is_named_and_partial_merges_the_rest_labelled(parts, tmp_path):
    have = [str(parts / f"part-{k}.json") for k in (1, 2, 4)]
    one_clear_error(wargame("merge", *have), "shard 3 (games 30..44) of 4 missing", "--partial")
    r = ok("merge", *have, "--partial", "--json", str(tmp_path / "p.json"))
    assert r.stdout.startswith("PARTIAL REPORT: shards 1, 2, 4 of 4, 45 of 60 games")
    doc = json.loads((tmp_path / "p.json").read_text())
    assert doc["partial"] == {"shards": [1, 2, 4], "of": 4, "games": 45, "missing": [3]}
    assert doc["report"]["games"] == 45
    piped = ok("merge", *have, "--partial", "--json", "-")  # stdout is the JSON's: the label goes to stderr
    assert json.loads(piped.stdout)["partial"]["missing"] == [3] and "PARTIAL REPORT" in piped.stderr


def _edited(parts: Path, tmp_path: Path, change) -> str:
    doc = json.loads((parts / "part-2.json").read_text())
    change(doc)
    out = tmp_path / "part-2-edited.json"
    out.write_text(json.dumps(doc))
    return str(out)


def test_parts_of_another_run_or_overlapping_parts_are_refused(parts, tmp_path):
    p1, p2 = str(parts / "part-1.json"), str(parts / "part-2.json")
    other_seed = tmp_path / "seed8.json"
    ok("simulate", *RUN[:-6], "--seed", "8", *RUN[-4:], *VARY, "--shard", "2/4", "--out", str(other_seed))
    one_clear_error(wargame("merge", p1, str(other_seed)), "different run", "seed 8 vs 7")
    one_clear_error(wargame("merge", p1, p2, p2), "are both shard 2/4", "overlap")
    fewer = _edited(parts, tmp_path, lambda d: d["shard"].update(count=3, first=20, end=40))
    one_clear_error(wargame("merge", p1, fewer), "different run", "split into 3 shards vs 4")


def test_a_part_of_another_scenario_file_is_refused(parts, tmp_path):
    def other_scenario(doc):
        doc["scenario"]["text"] += "\n# edited\n"
        doc["scenario"]["digest"] = __import__("hashlib").sha256(doc["scenario"]["text"].encode()).hexdigest()

    edited = _edited(parts, tmp_path, other_scenario)
    one_clear_error(wargame("merge", str(parts / "part-1.json"), edited), "different run", "another scenario file")
    tampered = _edited(parts, tmp_path, lambda d: d["scenario"].update(text=d["scenario"]["text"] + " "))
    one_clear_error(wargame("merge", tampered), "text does not match its digest")


@pytest.mark.parametrize(
    "content, words",
    [
        (b"{not json", ["not a shard file", "bad JSON at line 1"]),
        (b"\xff\xfe\x00", ["not UTF-8"]),
        (b"[" * 100_000 + b"]" * 100_000, ["not a shard file"]),
        (b'{"format": "something else"}', ["not a shard file written by"]),
        (b"[1, 2, 3]", ["not a shard file written by"]),
    ],
    ids=["bad-json", "not-utf8", "deeply-nested", "other-format", "a-list"],
)
def test_malformed_shard_files_are_one_clear_error(tmp_path, content, words):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    one_clear_error(wargame("merge", str(bad)), str(bad), *words)


def test_totals_of_the_wrong_shape_name_the_file_and_the_field(parts, tmp_path):
    short = _edited(parts, tmp_path, lambda d: d["groups"][0]["totals"].update(wins=[1]))
    one_clear_error(wargame("merge", short), short, "wins: expected 2 entries")
    lying = _edited(parts, tmp_path, lambda d: d["shard"].update(first=0))
    one_clear_error(wargame("merge", lying), "shard 2/4 plays games 15..29, the file says 0..29")


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    huge = tmp_path / "huge.json"
    with huge.open("wb") as fh:
        fh.truncate(65 * 2**20)  # sparse: costs no disk
    one_clear_error(wargame("merge", str(huge)), "larger than any shard file (64 MB)")


def test_a_missing_part_file_is_one_line(tmp_path):
    one_clear_error(wargame("merge", str(tmp_path / "part-*.json")), "no such file")


@pytest.mark.parametrize(
    "args, words",
    [
        (["--shard", "2/4"], ["--shard K/N needs --out FILE"]),
        (["--shard", "5/4", "--out", "x.json"], ["between 1 and N"]),
        (["--shard", "two", "--out", "x.json"], ["write K/N"]),
        (["--shard", "1/99", "--out", "x.json"], ["60 games cannot be split into 99 shards"]),
        (["--out", "x.json", "--json", "y.json"], ["the merge writes --json"]),
        (["--scheduler", "tcp://127.0.0.1:1"], ["--scheduler ADDRESS goes with --backend dask"]),
        (["--batch", "0"], ["--batch must be at least 1"]),
    ],
)
def test_shard_and_backend_mistakes_are_one_line(tmp_path, args, words):
    one_clear_error(wargame("simulate", *RUN, *args, cwd=ROOT), *words)
    assert not (ROOT / "x.json").exists()


def test_the_dask_backend_without_the_extra_says_how_to_install_it(tmp_path):
    (tmp_path / "distributed.py").write_text("raise ImportError('not installed')\n")  # hides the real one
    env = {**__import__("os").environ, "PYTHONPATH": str(tmp_path)}
    r = wargame("simulate", *RUN, "--backend", "dask", env=env)
    assert r.returncode == 2
    one_clear_error(r, "pip install 'wargame[dask]'")


def test_the_dask_backend_on_a_local_cluster_gives_the_one_run_report(parts, tmp_path):
    pytest.importorskip("distributed")
    out = tmp_path / "dask.json"
    args = ("simulate", *RUN, *VARY, "--backend", "dask", "--workers", "2", "--batch", "10", "--json", str(out))
    r = ok(*args)
    assert r.stdout == (parts / "one.txt").read_text()
    assert out.read_bytes() == (parts / "one.json").read_bytes()
    assert "Traceback" not in r.stderr and r.stderr.strip().count("\n") == 0, r.stderr


def test_shards_of_a_run_with_session_presets_merge_into_its_report(tmp_path):
    """Each preset is a group of the run: the merge rebuilds every one (a preset changes the number of
    turns, so a merge that forgot them refused the parts)."""
    run = [str(ROOT / "tests" / "engine" / "exercise.yaml"), "--games", "6", "--session", "two-hours"]
    run += ["--session", "seminar", "--bots", "easy"]
    one = ok("simulate", *run, "--json", str(tmp_path / "one.json"))
    for k in (1, 2):
        ok("simulate", *run, "--shard", f"{k}/2", "--out", str(tmp_path / f"p{k}.json"))
    merged = ok("merge", str(tmp_path / "p2.json"), str(tmp_path / "p1.json"), "--json", str(tmp_path / "m.json"))
    assert json.loads((tmp_path / "m.json").read_text()) == json.loads((tmp_path / "one.json").read_text())
    assert [line for line in merged.stdout.splitlines() if "games/s" not in line] == [
        line for line in one.stdout.splitlines() if "games/s" not in line
    ]
