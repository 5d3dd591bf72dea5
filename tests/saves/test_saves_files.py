"""Save files: round trip, versions and migrations, every kind of damage refused cleanly, names, folders, sweeping."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from saves_helpers import GOLDEN, finished_game

from wargame import engine as E
from wargame import saves
from wargame.engine import state_hash
from wargame.saves import document


def doc_of(path: Path) -> dict:
    return json.loads(path.read_text())


def rewrite(path: Path, change) -> None:
    doc = doc_of(path)
    change(doc)
    path.write_text(json.dumps(doc))


# --- round trip ---------------------------------------------------------------------------


def test_a_save_round_trips_and_replays_to_its_hash(tmp_path):
    scenario, saved, path = finished_game(tmp_path)
    doc = doc_of(path)
    assert doc["kind"] == "wargame-save" and doc["version"] == saves.SAVE_VERSION
    assert doc["scenario"]["digest"] == scenario.digest and doc["scenario"]["fingerprint"]
    assert saves.read_save(path) == saved
    scenario2, saved2, state, events = saves.load_game(path)
    assert state_hash(state) == saved.state_hash and state.outcome is not None and events
    assert not list(path.parent.glob(".wargame-*")), "no temp file is left behind"
    early = saves.load_game(path, to=4)[2]
    assert early.step == 4
    with pytest.raises(saves.SaveError, match="no decision 999"):
        saves.load_game(path, to=999)


# --- versions and the migration chain -------------------------------------------------------


def test_a_save_from_a_newer_version_is_refused_with_a_clear_message(tmp_path):
    _, _, path = finished_game(tmp_path)
    rewrite(path, lambda d: d.update(version=saves.SAVE_VERSION + 1))
    newer = saves.SAVE_VERSION + 1
    with pytest.raises(saves.SaveError, match=rf"newer wargame \(save version {newer}\).*upgrade wargame"):
        saves.read_save(path)


@pytest.mark.parametrize("version", [0, -1, "1", None, True, 1.0])
def test_a_save_with_a_nonsense_version_is_refused(tmp_path, version):
    _, _, path = finished_game(tmp_path)
    rewrite(path, lambda d: d.update(version=version))
    with pytest.raises(saves.SaveError, match="version"):
        saves.read_save(path)


def test_the_current_version_fixture_goes_through_a_migration_chain(monkeypatch):
    """Pretend the format is at version 3: the v1 golden must be migrated 1 -> 2 -> 3, in order."""
    fixture = GOLDEN / "v1-tutorial-facilitated.json"
    steps = []
    real = document.MIGRATIONS[1]

    def one_to_two(doc):
        steps.append(1)
        doc = real(doc)
        return {**doc, "title": doc.pop("name")}

    def two_to_three(doc):
        steps.append(2)
        return {**doc, "name": doc.pop("title").upper()}

    monkeypatch.setattr(document, "SAVE_VERSION", 3)
    monkeypatch.setattr(document, "MIGRATIONS", {1: one_to_two, 2: two_to_three})
    saved = saves.read_save(fixture)
    assert steps == [1, 2] and saved.name == "FACILITATED"
    monkeypatch.setattr(document, "MIGRATIONS", {2: two_to_three})
    with pytest.raises(saves.SaveError, match="version 1 is too old to migrate"):
        saves.read_save(fixture)
    monkeypatch.setattr(document, "MIGRATIONS", {1: lambda doc: doc["no such key"], 2: two_to_three})
    with pytest.raises(saves.SaveError, match="damaged and cannot be migrated"):
        saves.read_save(fixture)


def test_a_version_1_save_loads_through_the_real_chain_without_a_session():
    scenario, saved, state, _events = saves.load_game(GOLDEN / "v1-tutorial-facilitated.json")
    assert saved.session == "" and scenario.session is None and state.outcome is not None
    doc = saves.to_json(saved)
    assert doc["version"] == saves.SAVE_VERSION and doc["session"] is None


# --- damage: every kind refused with one SaveError ---------------------------------------------

DAMAGE = {
    "empty": lambda p: p.write_bytes(b""),
    "binary junk": lambda p: p.write_bytes(bytes(range(256)) * 40),
    "not json": lambda p: p.write_text("this is not a save"),
    "a json list": lambda p: p.write_text("[1, 2, 3]"),
    "another kind": lambda p: p.write_text(json.dumps({"kind": "something-else", "version": 1})),
    "huge number": lambda p: p.write_text('{"kind": "wargame-save", "version": ' + "9" * 5000 + "}"),
    "deep nesting": lambda p: p.write_text("[" * 100_000 + "]" * 100_000),
    "no decisions": lambda p: rewrite(p, lambda d: d.pop("decisions")),
    "decisions not a list": lambda p: rewrite(p, lambda d: d.update(decisions={"pass": True})),
    "decision not an object": lambda p: rewrite(p, lambda d: d["decisions"].append("pass")),
    "malformed decision": lambda p: rewrite(p, lambda d: d["decisions"].append({"choose": "one"})),
    "seed as text": lambda p: rewrite(p, lambda d: d.update(seed="3")),
    "scenario missing": lambda p: rewrite(p, lambda d: d.pop("scenario")),
    "fingerprint of numbers": lambda p: rewrite(p, lambda d: d["scenario"].update(fingerprint={"x": 1})),
    "seats of numbers": lambda p: rewrite(p, lambda d: d.update(seats={"gna": 1})),
    "branch past the end": lambda p: rewrite(p, lambda d: d.update(branches=[{"from_step": 999, "decisions": []}])),
    "branch of junk": lambda p: rewrite(p, lambda d: d.update(branches=["junk"])),
    "hash missing": lambda p: rewrite(p, lambda d: d.pop("state_hash")),
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_save_is_refused_with_one_save_error(tmp_path, damage):
    _, _, path = finished_game(tmp_path)
    DAMAGE[damage](path)
    with pytest.raises(saves.SaveError) as info:
        saves.load_game(path)
    assert "\n" not in str(info.value) and str(path) in str(info.value)


def test_a_save_cut_short_anywhere_is_refused(tmp_path):
    _, _, path = finished_game(tmp_path)
    data = path.read_bytes()
    for cut in range(0, len(data), max(1, len(data) // 40)):
        path.write_bytes(data[:cut])
        with pytest.raises(saves.SaveError):
            saves.load_game(path)


TAMPER = {
    "an edited decision": lambda d: d["decisions"][2].update(act="recruit", target=None),
    "a decision swapped for a pass": lambda d: d["decisions"].__setitem__(1, {"pass": True}),
    "a decision removed": lambda d: d["decisions"].pop(5),
    "an illegal decision added": lambda d: d["decisions"].insert(0, {"choose": 0}),
    "the hash edited": lambda d: d.update(state_hash="0123456789abcdef"),
    "the seed edited": lambda d: d.update(seed=d["seed"] + 1),
}


@pytest.mark.parametrize("tamper", TAMPER, ids=list(TAMPER))
def test_a_tampered_save_does_not_load(tmp_path, tamper):
    _, _, path = finished_game(tmp_path)
    rewrite(path, TAMPER[tamper])
    with pytest.raises(saves.SaveError, match=r"altered|cannot be replayed|malformed"):
        saves.load_game(path)


@pytest.mark.parametrize("where", ["a folder", "missing", "a fifo"])
def test_what_is_not_a_save_file_is_refused(tmp_path, where):
    path = tmp_path / "x.json"
    if where == "a folder":
        path.mkdir()
    elif where == "a fifo":
        os.mkfifo(path)
    with pytest.raises(saves.SaveError, match=r"folder|no such|not a regular"):
        saves.read_save(path)


# --- the scenario changed ----------------------------------------------------------------------


def test_a_changed_scenario_is_refused_saying_what_changed(tmp_path):
    scenario, saved, path = finished_game(tmp_path)
    yaml_path = Path(scenario.path)
    text = yaml_path.read_text()
    yaml_path.write_text(
        text.replace('chance: "30 + 5 * morale', 'chance: "35 + 5 * morale', 1).replace(
            "  - id: oil_revenue", "  - id: oil_money"
        )
    )
    with pytest.raises(saves.SaveError) as info:
        saves.load_game(path)
    message = str(info.value)
    assert "has changed since this game was saved" in message
    assert "changed: actions.assault" in message and "removed: cards.oil_revenue" in message
    assert "added: cards.oil_money" in message


def test_an_edit_the_fingerprint_cannot_see_is_told_apart_from_tampering(tmp_path):
    scenario, saved, path = finished_game(tmp_path, seed=5)
    yaml_path = Path(scenario.path)
    text = yaml_path.read_text()
    a, b = text.index("  - id: salaries_late"), text.index("  - id: civilians_flee")
    c = text.index("  - id: oil_revenue")
    yaml_path.write_text(text[:a] + text[b:c] + text[a:b] + text[c:])  # two cards swap places in the deck
    with pytest.raises(saves.SaveError, match="scenario file was edited"):
        saves.load_game(path)


def test_a_missing_scenario_is_named(tmp_path):
    _, _, path = finished_game(tmp_path)
    rewrite(path, lambda d: d["scenario"].update(id="no-such-scenario", path="nowhere/x.yaml"))
    with pytest.raises(saves.SaveError, match="cannot find scenario 'no-such-scenario'"):
        saves.load_game(path)


# --- writing -----------------------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_save_and_no_temp_file(tmp_path, monkeypatch):
    _, saved, path = finished_game(tmp_path)
    before = path.read_bytes()

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        saves.write_save(path, attrs.evolve(saved, name="other"))
    assert path.read_bytes() == before and not list(path.parent.glob(".wargame-*"))


def test_a_save_too_large_to_read_back_is_not_written(tmp_path, monkeypatch):
    _, saved, path = finished_game(tmp_path)
    before = path.read_bytes()
    monkeypatch.setattr(saves.files, "MAX_SAVE_BYTES", 100)
    with pytest.raises(saves.SaveError, match="too long to save"):
        saves.write_save(path, saved)
    assert path.read_bytes() == before


def test_temp_files_of_killed_saves_are_swept_where_saves_are_written_and_listed(tmp_path):
    _, saved, path = finished_game(tmp_path)
    folder = path.parent
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        orphan = folder / f".wargame-{dead_pid}-abc.tmp"
        busy = folder / f".wargame-{live.pid}-def.tmp"
        stale = folder / f".wargame-{live.pid}-old.tmp"
        for p in (orphan, busy, stale):
            p.write_text("{")
        old = time.time() - 2 * saves.STALE_TEMP_SECONDS
        os.utime(stale, (old, old))
        saves.write_save(path, saved)
        assert not orphan.exists() and not stale.exists(), "a dead writer's and an old temp file go"
        assert busy.exists(), "a live writer's fresh temp file stays"
        orphan.write_text("{")
        assert [p for p, _ in saves.list_saves(folder)] == [path]
        assert not orphan.exists() and busy.exists()
    finally:
        live.kill()
        live.wait()


def test_list_saves_summarises_readable_saves_newest_first(tmp_path):
    _, saved, path = finished_game(tmp_path, name="first")
    time.sleep(1.1)  # 'saved' has one-second resolution
    second = saves.write_save(path.parent / "second.json", attrs.evolve(saved, name="second"))
    (path.parent / "junk.json").write_bytes(b"\x00\xff")
    (path.parent / "other.json").write_text('{"kind": "other"}')
    (path.parent / "list.json").write_text("[]")
    listed = saves.list_saves(path.parent)
    assert [p for p, _ in listed] == [second, path]
    assert listed[0][1]["name"] == "second" and listed[0][1]["scenario"] == "tutorial"
    assert saves.list_saves(path.parent / "missing") == []


# --- names and folders ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, name",
    [
        ("../../etc/passwd", "etc-passwd.json"),
        ("/etc/passwd", "etc-passwd.json"),
        ("..\\..\\windows\\system32", "windows-system32.json"),
        ("my game!.json", "my-game.json"),
        ("  Sirte, week 3  ", "Sirte-week-3.json"),
        ("CON", "save-CON.json"),
        ("nul.txt", "save-nul.txt.json"),
        ("a..b", "a.b.json"),
        ("x" * 200, "x" * 64 + ".json"),
    ],
)
def test_save_names_are_sanitised(typed, name):
    assert saves.safe_name(typed) == name


@pytest.mark.parametrize("typed", ["", "   ", "..", "../..", "///", ".json", "é中"])
def test_names_with_nothing_usable_are_refused(typed):
    with pytest.raises(saves.SaveError, match="cannot be used as a save name"):
        saves.safe_name(typed)


@settings(max_examples=300, deadline=None)
@given(typed=st.text(max_size=80))
def test_any_name_stays_inside_the_saves_folder(tmp_path_factory, typed):
    folder = Path("/srv/saves")
    try:
        name = saves.safe_name(typed)
    except saves.SaveError:
        return
    assert "/" not in name and "\\" not in name and not name.startswith(".") and name.endswith(".json")
    assert (folder / name).parent == folder and ".." not in Path(name).parts


def test_the_saves_folder_is_the_flag_then_the_variable_then_local_saves_then_the_user_folder(tmp_path, monkeypatch):
    import platformdirs

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WARGAME_SAVES", raising=False)
    assert saves.saves_dir() == Path(platformdirs.user_data_dir("wargame")) / "saves"
    (tmp_path / "saves").mkdir()
    assert saves.saves_dir() == tmp_path / "saves"
    monkeypatch.setenv("WARGAME_SAVES", str(tmp_path / "env"))
    assert saves.saves_dir() == tmp_path / "env"
    assert saves.saves_dir(str(tmp_path / "flag")) == tmp_path / "flag"


FACILITATOR = {
    "override": E.Override("gna.treasury = 99", "donors paid early"),
    "inject now": E.InjectCard("us_offer", "test the G.N.A. now"),
    "inject later": E.InjectCard("salaries_late", "the bank stalls", turn=4),
    "bookmark": E.Bookmark("ask each team for its plan"),
    "ruled success": E.Act("pay_brigades", ruling="success", reason="paid in person"),
    "ruled failure": E.Act("pay_brigades", ruling="failure", reason="the cash went missing"),
    "argued": E.Act("pay_brigades", ruling="argue", pro=2, con=1, reason="loyal units vs late pay"),
}


@pytest.mark.parametrize("kind", FACILITATOR, ids=list(FACILITATOR))
def test_each_facilitator_decision_is_saved_and_replayed_like_any_other(tmp_path, kind):
    from saves_helpers import scenario_copy

    from wargame.engine.codec import to_dict

    _, scenario = scenario_copy(tmp_path)
    state, _ = E.begin(scenario, 4)
    entries, events = [], []
    for step in range(4):
        if step == 0:
            decision = FACILITATOR[kind]
        else:
            decision = E.Pass() if state.pending.kind == "action" else E.legal_decisions(scenario, state)[-1]
        state, evs = E.apply(scenario, state, decision)
        entries.append(to_dict(decision, by="facilitator"))
        events.append(evs)
    path = saves.write_save(tmp_path / "f.json", saves.record(scenario, state, entries))
    _, saved, replayed, _ = saves.load_game(path)
    assert saved.engine_decisions[0] == FACILITATOR[kind]
    assert saved.decisions == tuple(entries)
    assert replayed == state
    assert saves.replay(scenario, saved)[2][1:] == events
