"""The save document: versioned JSON of the decision log, its checks and its migrations.

A save stores decisions, not a snapshot: loading re-reads the scenario and
replays them through the engine, then checks the state hash. That makes a
save small, auditable and impossible to tamper with silently, and it makes
rewind and branching a matter of replaying fewer decisions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Callable
from typing import Any

import attrs

from wargame import engine as E
from wargame.engine.codec import from_dict
from wargame.saves.fingerprints import fingerprint
from wargame.scenario import Scenario
from wargame.text import one_line

SAVE_KIND = "wargame-save"
SAVE_VERSION = 3  # 2: game_id, started, paused and the audit digest; 3: the session preset ("session")
MAX_SAVE_BYTES = 20_000_000

DecisionDict = dict[str, Any]
"""One decision as a save holds it: the engine's dict (engine.codec.to_dict), with 'by' and 'why'."""
Document = dict[str, Any]
"""A save file's parsed JSON."""


class SaveError(Exception):
    """A save that cannot be read, replayed or written; the message says why, in plain words."""


@attrs.frozen
class Branch:
    """Decisions discarded by a rewind, kept so nothing a team did is lost (a what-if to replay).

    The branch's game is the main line's first `from_step` decisions followed
    by `decisions`; `state_hash` is where that game had got to, so the branch
    can be replayed and checked like the main line (`branch_line`).
    """

    from_step: int
    decisions: tuple[DecisionDict, ...]
    note: str = ""
    state_hash: str = ""  # "" in saves written before branches carried their hash
    turn: int = 0


@attrs.frozen
class SavedGame:
    scenario_id: str
    scenario_path: str
    fingerprint: dict[str, str]
    seed: int
    seats: dict[str, str]
    decisions: tuple[DecisionDict, ...]  # the decision log, each with its "by"/"why", as the file's "decisions"
    state_hash: str
    created: str
    name: str = ""
    branches: tuple[Branch, ...] = ()
    turn: int = 0
    digest: str = ""  # sha256 of the scenario file's bytes when saved: tells "file edited" from "save altered"
    game_id: str = ""  # one game from its start, across every save of it (named, autosave, resumed)
    started: str = ""  # when the game began (ISO, UTC): names its autosave
    paused: bool = False  # the facilitator had paused the game: a resumed session stays paused
    ended: str = ""  # "" while the game runs, else its end as the engine said it ("gna wins (final)"):
    # for listings only (the start screen marks ended games); loading replays and recomputes it
    # the audit digest the file carried ("" before save version 2); never part of equality: it is
    # recomputed on every write (to_json) and checked against the log by `verify`
    audit: str = attrs.field(default="", eq=False)
    saved_at: str = attrs.field(default="", eq=False)  # when the file was written (ISO), as read
    session: str = ""  # the session preset the game was played with ('' : the scenario as written)

    @property
    def engine_decisions(self) -> list[E.Decision]:
        """The decision log as the engine's decisions, without the "by"/"why" metadata."""
        return [from_dict(e) for e in self.decisions]


# --- building and replaying -------------------------------------------------


def record(
    scenario: Scenario,
    state: E.GameState,
    entries: list[DecisionDict],
    *,
    created: str | None = None,
    name: str = "",
    branches: tuple[Branch, ...] = (),
    game_id: str = "",
    started: str = "",
    paused: bool = False,
) -> SavedGame:
    """The save of a game: what is needed to replay it and to check the replay.

    Without `game_id` this is a new game (its id made from `started`, or now).
    """
    started = started or created or _now()
    return SavedGame(
        scenario_id=scenario.id,
        scenario_path=scenario.path,
        fingerprint=fingerprint(scenario),
        seed=state.seed,
        seats=dict(state.seats),
        decisions=tuple(entries),
        state_hash=E.state_hash(state),
        created=created or _now(),
        name=name,
        branches=branches,
        turn=state.turn,
        digest=scenario.digest,
        game_id=game_id or new_game_id(scenario.id, state.seed, started),
        started=started,
        paused=paused,
        ended=ended_text(state),
        session=scenario.session.id if scenario.session is not None else "",
    )


def ended_text(state: E.GameState) -> str:
    o = state.outcome
    if o is None:
        return ""
    return f"{o.winner or 'draw'} ({o.reason}, turn {o.turn})"


def new_game_id(scenario_id: str, seed: int, started: str) -> str:
    """'libya-2016-s1234-20261201-153207-9f3a1c': readable, and unique even for two games of one
    scenario and seed begun in the same second (the random tail)."""
    return f"{scenario_id}-s{seed}-{stamp(started, seconds=True)}-{secrets.token_hex(3)}"


def stamp(when: str, seconds: bool = False) -> str:
    """'20261201-1532' (or '20261201-153207') from an ISO time; 'undated' if it is not one."""
    try:
        t = dt.datetime.fromisoformat(when)
    except (TypeError, ValueError):
        return "undated"
    return t.strftime("%Y%m%d-%H%M%S" if seconds else "%Y%m%d-%H%M")


def audit_digest(saved: SavedGame) -> str:
    """A digest of the audit trail: who played (seats), every decision with who took it and why,
    the facilitator's reasons and notes, every branch and its note, and the game's identity.

    The state hash says where the decisions lead; this says who took them. `verify` refuses a
    save whose trail does not match it. It is not a signature: it catches an edit, not a forger
    who recomputes it, and `verify` never prints the digest it computed.
    """
    trail = {
        "game_id": saved.game_id,
        "started": saved.started,
        "scenario": saved.scenario_id,
        "seed": saved.seed,
        "seats": saved.seats,
        "decisions": list(saved.decisions),
        "branches": [[b.from_step, list(b.decisions), b.note, b.state_hash, b.turn] for b in saved.branches],
    }
    text = json.dumps(trail, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).hexdigest()[:32]


def extend(saved: SavedGame, state: E.GameState, entries: list[DecisionDict]) -> SavedGame:
    """The save after more decisions (`entries`, which led to `state`): name, branches and date kept."""
    return attrs.evolve(
        saved,
        decisions=(*saved.decisions, *entries),
        state_hash=E.state_hash(state),
        turn=state.turn,
        ended=ended_text(state),
    )


def to_json(saved: SavedGame) -> dict[str, Any]:
    return {
        "kind": SAVE_KIND,
        "version": SAVE_VERSION,
        "engine": _engine_version(),
        "name": saved.name,
        "game_id": saved.game_id,
        "started": saved.started,
        "scenario": {
            "id": saved.scenario_id,
            "path": saved.scenario_path,
            "fingerprint": saved.fingerprint,
            "digest": saved.digest,
        },
        "seed": saved.seed,
        "session": saved.session or None,
        "seats": saved.seats,
        "decisions": list(saved.decisions),
        "branches": [
            {
                "from_step": b.from_step,
                "decisions": list(b.decisions),
                "note": b.note,
                "state_hash": b.state_hash,
                "turn": b.turn,
            }
            for b in saved.branches
        ],
        "state_hash": saved.state_hash,
        "audit": audit_digest(saved),
        "turn": saved.turn,
        "paused": saved.paused,
        "ended": saved.ended,
        "created": saved.created,
        "saved": _now(),
    }


def _v1_to_v2(doc: Document) -> Document:
    """Version 1 had no game identity and no audit digest.

    The id is made from what the save holds (so every load of one old file
    gives the same id, and its autosave continues one file); the audit digest
    stays empty: `verify` then says the trail is not covered, rather than
    vouching for seats and reasons that nothing ever checked.
    """
    sid, seed, created = doc["scenario"]["id"], doc["seed"], doc.get("created", "")
    tail = hashlib.sha256(json.dumps([sid, seed, created, doc.get("name", "")]).encode()).hexdigest()[:6]
    return {
        **doc,
        "game_id": f"{sid}-s{seed}-{stamp(str(created), seconds=True)}-{tail}",
        "started": created,
        "audit": "",
        "paused": False,
    }


def _v2_to_v3(doc: Document) -> Document:
    """Version 2 knew no session presets: its games were played on the scenario as written."""
    return {**doc, "session": None}


# MIGRATIONS[v] turns a version-v document into a version-(v+1) one (docs/contributing.md: the recipe).
MIGRATIONS: dict[int, Callable[[Document], Document]] = {1: _v1_to_v2, 2: _v2_to_v3}


def from_json(doc: Any, where: str) -> SavedGame:
    """Check and migrate a parsed save document; every problem is a SaveError naming `where`."""
    if not isinstance(doc, dict) or doc.get("kind") != SAVE_KIND:
        raise SaveError(f"{where} is not a wargame save file")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SaveError(f"{where}: the save has no valid version number")
    if version > SAVE_VERSION:
        raise SaveError(
            f"{where} was written by a newer wargame (save version {version}); "
            f"this one reads up to version {SAVE_VERSION}: upgrade wargame to open it"
        )
    if version < 1:
        raise SaveError(f"{where}: save version {version} does not exist")
    native = version  # a save written at version 2 or later must carry its audit digest
    while version < SAVE_VERSION:
        if version not in MIGRATIONS:
            raise SaveError(f"{where}: save version {version} is too old to migrate")
        try:
            doc = MIGRATIONS[version](doc)
        except (KeyError, TypeError, ValueError, AttributeError):
            raise SaveError(f"{where}: the save (version {version}) is damaged and cannot be migrated") from None
        version += 1
    try:
        sc = _field(doc, "scenario", dict)
        decisions = _decisions(_field(doc, "decisions", list), "decisions")
        branches: list[Branch] = []
        for k, b in enumerate(_field(doc, "branches", list, [])):
            if not isinstance(b, dict):
                raise _Bad(f"branches[{k}]")
            step = _field(b, "from_step", int)
            if not 0 <= step <= len(decisions):
                raise _Bad(f"branches[{k}].from_step")
            branches.append(
                Branch(
                    step,
                    _decisions(_field(b, "decisions", list), f"branches[{k}].decisions"),
                    _field(b, "note", str, ""),
                    _field(b, "state_hash", str, ""),
                    _field(b, "turn", int, 0),
                )
            )
        fp = _field(sc, "fingerprint", dict, {})
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in fp.items()):
            raise _Bad("scenario.fingerprint")
        seats = _field(doc, "seats", dict, {})
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in seats.items()):
            raise _Bad("seats")
        return SavedGame(
            scenario_id=_field(sc, "id", str),
            scenario_path=_field(sc, "path", str),
            fingerprint=fp,
            seed=_field(doc, "seed", int),
            seats=seats,
            decisions=decisions,
            state_hash=_field(doc, "state_hash", str),
            created=_field(doc, "created", str, ""),
            name=_field(doc, "name", str, ""),
            branches=tuple(branches),
            turn=_field(doc, "turn", int, 0) if doc.get("turn") is not None else 0,
            digest=_field(sc, "digest", str, ""),
            game_id=_field(doc, "game_id", str),
            started=_field(doc, "started", str, ""),
            paused=_field(doc, "paused", bool, False),
            ended=_field(doc, "ended", str, ""),
            audit=_audit(doc, native),
            saved_at=_field(doc, "saved", str, ""),
            session=_session(doc),
        )
    except E.DecisionError as exc:
        raise SaveError(f"{where}: a recorded decision is malformed: {one_line(exc, 200)}") from None
    except _Bad as exc:
        raise SaveError(f"{where}: the save is damaged or incomplete (bad or missing '{exc}')") from None


def _audit(doc: Document, native: int) -> str:
    """The audit digest of a save written at version 2 or later (required); "" for older ones."""
    if native < 2:
        return ""
    audit: str = _field(doc, "audit", str)
    if not audit:
        raise _Bad("audit")
    return audit


def _session(doc: Document) -> str:
    value = doc.get("session")
    if value is None:
        return ""
    if not isinstance(value, str) or not value:
        raise _Bad("session")
    return value


class _Bad(Exception):
    """A field of a save document that is missing or of the wrong kind (its path is the message)."""


def _field(d: Document, key: str, kind: type, default: Any = ...) -> Any:
    """`d[key]` if it is a `kind` (a bool is no int), else `default`; without one, a missing key is _Bad too."""
    if key not in d:
        if default is ...:
            raise _Bad(key)
        return default
    value = d[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _Bad(key)
    return value


def _decisions(items: list[Any], where: str) -> tuple[DecisionDict, ...]:
    for k, e in enumerate(items):
        if not isinstance(e, dict):
            raise _Bad(f"{where}[{k}]")
        from_dict(e)
    return tuple(items)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _engine_version() -> str:
    from wargame.errors import version

    return version()
