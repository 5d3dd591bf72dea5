"""Save files: versioned JSON holding the decision log, written atomically, replayed on load.

A save stores decisions, not a snapshot: loading re-reads the scenario and
replays them through the engine, then checks the state hash. That makes a
save small, auditable and impossible to tamper with silently, and it makes
rewind and branching a matter of replaying fewer decisions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Any

import attrs

from wargame import engine as E
from wargame.engine.codec import from_dict, to_dict
from wargame.scenario import Scenario, ScenarioError, load_scenario

SAVE_KIND = "wargame-save"
SAVE_VERSION = 1
MAX_SAVE_BYTES = 20_000_000
TEMP_PREFIX = ".wargame-"
STALE_TEMP_SECONDS = 60


class SaveError(Exception):
    """A save that cannot be read, replayed or written; the message says why, in plain words."""


@attrs.frozen
class Branch:
    """Decisions discarded by a rewind, kept so nothing a team did is lost."""

    from_step: int
    decisions: tuple[dict, ...]
    note: str = ""


@attrs.frozen
class SavedGame:
    scenario_id: str
    scenario_path: str
    fingerprint: dict[str, str]
    seed: int
    seats: dict[str, str]
    entries: tuple[dict, ...]  # decision dicts with their "by"/"why" metadata
    state_hash: str
    created: str
    name: str = ""
    branches: tuple[Branch, ...] = ()
    turn: int = 0

    @property
    def decisions(self) -> list[E.Decision]:
        return [from_dict(e) for e in self.entries]


# --- fingerprints: say what changed in a scenario ----------------------------


def fingerprint(scenario: Scenario) -> dict[str, str]:
    """A short digest per scenario element, so a changed file can be explained, not just refused."""

    def h(*parts: Any) -> str:
        return hashlib.sha256(repr(parts).encode()).hexdigest()[:12]

    def stmts(xs) -> tuple:
        return tuple(x.text for x in xs)

    def ex(e) -> str | None:
        return e.text if e is not None else None

    out = {
        "calendar": h(scenario.calendar, scenario.cards_per_turn, scenario.order),
        "upkeep": h(stmts(scenario.upkeep)),
        "injects": h(tuple((i.card, i.turn, ex(i.when)) for i in scenario.injects)),
    }
    for f in scenario.factions:
        out[f"factions.{f.id}"] = h(f.meters, ex(f.score), f.threshold, f.actions_per_turn)
    for t in scenario.tracks:
        out[f"tracks.{t.id}"] = h(t)
    for a in scenario.attributes:
        out[f"region_attributes.{a.id}"] = h(a.lo, a.hi, a.default)
    for r in scenario.regions:
        out[f"regions.{r.id}"] = h(r.control, r.adjacent, r.tags, r.values)
    for a in scenario.actions:
        out[f"actions.{a.id}"] = h(a.faction, a.cost, a.targeted, ex(a.target_if), ex(a.requires), ex(a.chance),
                                   stmts(a.success), stmts(a.failure), a.delay)
    for c in scenario.cards:
        choice = None
        if c.choice:
            choice = (c.choice.faction, tuple((o.label, ex(o.requires), stmts(o.effects)) for o in c.choice.options))
        out[f"cards.{c.id}"] = h(ex(c.when), c.weight, stmts(c.effects), choice)
    return out


def explain_changes(old: dict[str, str], new: dict[str, str]) -> str:
    changed = [k for k in old if k in new and old[k] != new[k]]
    removed = [k for k in old if k not in new]
    added = [k for k in new if k not in old]
    parts = []
    for label, keys in (("changed", changed), ("removed", removed), ("added", added)):
        if keys:
            shown = ", ".join(keys[:8]) + (f" and {len(keys) - 8} more" if len(keys) > 8 else "")
            parts.append(f"{label}: {shown}")
    return "; ".join(parts)


# --- building and replaying -------------------------------------------------


def record(scenario: Scenario, state: E.GameState, entries: list[dict], *, created: str | None = None,
           name: str = "", branches: tuple[Branch, ...] = ()) -> SavedGame:
    """The save of a game: what is needed to replay it and to check the replay."""
    return SavedGame(
        scenario_id=scenario.id, scenario_path=scenario.path, fingerprint=fingerprint(scenario), seed=state.seed,
        seats=dict(state.seats), entries=tuple(entries), state_hash=E.state_hash(state),
        created=created or _now(), name=name, branches=branches, turn=state.turn,
    )


def replay(scenario: Scenario, saved: SavedGame, to: int | None = None) -> tuple[E.GameState, list, list]:
    """Replay the first `to` decisions (all by default): (state, events, events per decision).

    `events_by_step[0]` holds the events resolved before the first decision.
    """
    state, first = E.begin(scenario, saved.seed, saved.seats)
    by_step = [first]
    events = list(first)
    entries = saved.entries if to is None else saved.entries[:to]
    for n, entry in enumerate(entries, 1):
        try:
            decision = from_dict(entry)
            state, evs = E.apply(scenario, state, decision)
        except E.DecisionError as exc:
            raise SaveError(f"decision {n} of the save cannot be replayed: {exc}") from None
        by_step.append(evs)
        events.extend(evs)
    return state, events, by_step


def to_json(saved: SavedGame) -> dict[str, Any]:
    return {
        "kind": SAVE_KIND,
        "version": SAVE_VERSION,
        "engine": _engine_version(),
        "name": saved.name,
        "scenario": {"id": saved.scenario_id, "path": saved.scenario_path, "fingerprint": saved.fingerprint},
        "seed": saved.seed,
        "seats": saved.seats,
        "decisions": list(saved.entries),
        "branches": [{"from_step": b.from_step, "decisions": list(b.decisions), "note": b.note}
                     for b in saved.branches],
        "state_hash": saved.state_hash,
        "turn": saved.turn,
        "created": saved.created,
        "saved": _now(),
    }


# migrations[v] turns a version-v document into a version-(v+1) one; none exist yet.
MIGRATIONS: dict[int, Any] = {}


def from_json(doc: Any, where: str) -> SavedGame:
    if not isinstance(doc, dict) or doc.get("kind") != SAVE_KIND:
        raise SaveError(f"{where} is not a wargame save file")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SaveError(f"{where}: the save has no valid version number")
    if version > SAVE_VERSION:
        raise SaveError(f"{where} was written by a newer wargame (save version {version}); "
                        f"this one reads up to version {SAVE_VERSION}: upgrade wargame to open it")
    while version < SAVE_VERSION:
        if version not in MIGRATIONS:
            raise SaveError(f"{where}: save version {version} is too old to migrate")
        doc = MIGRATIONS[version](doc)
        version += 1
    try:
        sc = doc["scenario"]
        entries = doc["decisions"]
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise TypeError("decisions")
        for e in entries:
            from_dict(e)
        branches = tuple(Branch(int(b["from_step"]), tuple(b["decisions"]), str(b.get("note", "")))
                         for b in doc.get("branches", []))
        seed = doc["seed"]
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise TypeError("seed")
        seats = doc.get("seats", {})
        if not isinstance(seats, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in seats.items()):
            raise TypeError("seats")
        return SavedGame(
            scenario_id=str(sc["id"]), scenario_path=str(sc["path"]), fingerprint=dict(sc.get("fingerprint", {})),
            seed=seed, seats=seats, entries=tuple(entries), state_hash=str(doc["state_hash"]),
            created=str(doc.get("created", "")), name=str(doc.get("name", "")), branches=branches,
            turn=int(doc.get("turn") or 0),
        )
    except E.DecisionError as exc:
        raise SaveError(f"{where}: a recorded decision is malformed: {exc}") from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise SaveError(f"{where}: the save is damaged or incomplete (bad or missing {exc})") from None


# --- files ------------------------------------------------------------------


def read_save(path: str | Path) -> SavedGame:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_SAVE_BYTES:
            raise SaveError(f"{path} is {size:,} bytes, too large for a save")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SaveError(f"{path}: no such save file") from None
    except IsADirectoryError:
        raise SaveError(f"{path} is a folder, not a save file") from None
    except UnicodeDecodeError:
        raise SaveError(f"{path} is not a wargame save file (not text)") from None
    except OSError as exc:
        raise SaveError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SaveError(f"{path} is damaged (invalid JSON at line {exc.lineno}, column {exc.colno}); "
                        "it may have been cut short") from None
    except RecursionError:
        raise SaveError(f"{path} is damaged (nested too deeply)") from None
    return from_json(doc, str(path))


def find_scenario(saved: SavedGame, save_path: str | Path | None = None) -> Scenario:
    """Load the save's scenario: its recorded path, then beside the save, then by id."""
    from wargame.commands import scenario_dirs

    recorded = Path(saved.scenario_path)
    candidates = [recorded]
    if save_path is not None and not recorded.is_absolute():
        candidates.append(Path(save_path).resolve().parent / recorded)
    candidates += [d / f"{saved.scenario_id}.yaml" for d in scenario_dirs()]
    for candidate in candidates:
        if candidate.is_file():
            try:
                scenario, _ = load_scenario(candidate)
            except ScenarioError as exc:
                raise SaveError(f"the save's scenario {candidate} no longer loads:\n"
                                + "\n".join(str(p) for p in exc.problems)) from None
            if scenario.id == saved.scenario_id:
                return scenario
    raise SaveError(f"cannot find scenario '{saved.scenario_id}' (recorded at {saved.scenario_path})")


def load_game(path: str | Path, to: int | None = None):
    """Read, find the scenario, check it did not change, replay: (scenario, saved, state, events)."""
    saved = read_save(path)
    scenario = find_scenario(saved, path)
    now = fingerprint(scenario)
    if saved.fingerprint and now != saved.fingerprint:
        raise SaveError(f"{path}: scenario '{scenario.id}' ({scenario.path}) has changed since this game was "
                        f"saved, so the game cannot be replayed faithfully ({explain_changes(saved.fingerprint, now)})")
    state, events, _ = replay(scenario, saved, to)
    if to is None and E.state_hash(state) != saved.state_hash:
        raise SaveError(f"{path}: replaying the decisions does not reach the saved state "
                        f"(hash {E.state_hash(state)}, saved {saved.state_hash}): the save was altered")
    return scenario, saved, state, events


def write_save(path: str | Path, saved: SavedGame) -> Path:
    """Write atomically: a reader sees the old file or the new one, never a torn one."""
    path = Path(path)
    data = json.dumps(to_json(saved), indent=1).encode("utf-8")
    write_atomic(path, data)
    return path


def write_atomic(path: Path, data: bytes) -> None:
    directory = path.parent if str(path.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=TEMP_PREFIX, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:
        dfd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)


def sweep_temp_files(directory: str | Path) -> int:
    """Remove temporary files left by a save that was killed mid-write; returns how many."""
    removed = 0
    directory = Path(directory)
    if not directory.is_dir():
        return 0
    cutoff = time.time() - STALE_TEMP_SECONDS
    for p in directory.glob(f"{TEMP_PREFIX}*.tmp"):
        try:
            if p.stat().st_mtime < cutoff:
                p.unlink()
                removed += 1
        except OSError:
            pass
    return removed


def saves_dir(override: str | None = None) -> Path:
    """--saves-dir, else $WARGAME_SAVES, else ./saves when it exists, else the user's data folder."""
    if override:
        return Path(override)
    env = os.environ.get("WARGAME_SAVES")
    if env:
        return Path(env)
    local = Path.cwd() / "saves"
    if local.is_dir():
        return local
    import platformdirs

    return Path(platformdirs.user_data_dir("wargame")) / "saves"


def safe_name(name: str) -> str:
    """A file name from what a user typed: no folders, no dots in front, nothing exotic."""
    stem = name.strip()
    if stem.lower().endswith(".json"):
        stem = stem[:-5]
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip(".-")[:64]
    if not stem:
        raise SaveError(f"'{name}' cannot be used as a save name; use letters, digits, '-' or '_'")
    return stem + ".json"


def list_saves(directory: str | Path) -> list[tuple[Path, dict]]:
    """Saves in a folder, newest first, with a summary (scenario, turn, date) of each readable one."""
    directory = Path(directory)
    out = []
    if not directory.is_dir():
        return out
    for p in directory.glob("*.json"):
        try:
            doc = json.loads(p.read_text(encoding="utf-8"))
            if doc.get("kind") != SAVE_KIND:
                continue
            out.append((p, {"scenario": doc["scenario"]["id"], "saved": doc.get("saved", ""),
                            "decisions": len(doc.get("decisions", [])), "turn": doc.get("turn"),
                            "name": doc.get("name", "")}))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
    out.sort(key=lambda item: item[1]["saved"], reverse=True)
    return out


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _engine_version() -> str:
    from wargame.commands import version

    return version()
