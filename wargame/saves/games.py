"""Games from saves: replay, load with checks, rewind into branches, verify. Pure but for finding the scenario."""

from __future__ import annotations

from pathlib import Path

import attrs

from wargame import engine as E
from wargame.engine.codec import from_dict
from wargame.engine.events import Event
from wargame.saves.document import (
    Branch,
    SavedGame,
    SaveError,
    audit_digest,
    ended_text,
)
from wargame.saves.files import read_save
from wargame.saves.fingerprints import explain_changes, fingerprint
from wargame.scenario import Scenario, ScenarioError, load_scenario
from wargame.text import one_line


def replay(
    scenario: Scenario, saved: SavedGame, to: int | None = None
) -> tuple[E.GameState, list[Event], list[list[Event]]]:
    """Replay the first `to` decisions (all by default): (state, events, events per decision).

    `events_by_step[0]` holds the events resolved before the first decision.
    """
    state, first = E.begin(scenario, saved.seed, saved.seats)
    by_step: list[list[Event]] = [first]
    events: list[Event] = list(first)
    entries = saved.decisions if to is None else saved.decisions[:to]
    for n, entry in enumerate(entries, 1):
        try:
            decision = from_dict(entry)
            state, evs = E.apply(scenario, state, decision)
        except E.DecisionError as exc:
            raise SaveError(f"decision {n} of the save cannot be replayed: {one_line(exc, 200)}") from None
        by_step.append(evs)
        events.extend(evs)
    return state, events, by_step


# --- rewind and branches (pure: no files) ---------------------------------------


def rewind(
    saved: SavedGame, to_decision: int, *, scenario: Scenario | None = None, note: str = ""
) -> tuple[SavedGame, E.GameState]:
    """Go back to just after decision `to_decision` (0: the start), keeping what is undone as a Branch.

    Returns the shortened save and the state to continue from; add decisions
    with `E.apply` and `extend`. Branches that grew from a decision now undone
    are re-anchored at `to_decision` (their decisions now include the undone
    stretch), so every branch stays "main line prefix + its decisions".
    """
    scenario = scenario or find_scenario(saved)
    n = len(saved.decisions)
    if type(to_decision) is not int or not 0 <= to_decision <= n:
        raise SaveError(f"cannot rewind to decision {to_decision!r}: the game has decisions 0 to {n}")
    state, _, _ = replay(scenario, saved, to_decision)
    branches: list[Branch] = []
    for b in saved.branches:
        if b.from_step > to_decision:
            moved = saved.decisions[to_decision : b.from_step]
            b = attrs.evolve(b, from_step=to_decision, decisions=(*moved, *b.decisions))
        branches.append(b)
    if to_decision < n:
        branches.append(Branch(to_decision, saved.decisions[to_decision:], note, saved.state_hash, saved.turn))
    shorter = attrs.evolve(
        saved,
        decisions=saved.decisions[:to_decision],
        state_hash=E.state_hash(state),
        turn=state.turn,
        branches=tuple(branches),
        audit="",
        ended=ended_text(state),
    )
    return shorter, state


def branch_line(saved: SavedGame, index: int) -> SavedGame:
    """Branch `index` as a save of its own (no branches), to replay, verify or continue the what-if."""
    if not 0 <= index < len(saved.branches):
        raise SaveError(f"there is no branch {index} (the save has {len(saved.branches)})")
    b = saved.branches[index]
    return attrs.evolve(
        saved,
        decisions=(*saved.decisions[: b.from_step], *b.decisions),
        state_hash=b.state_hash,
        turn=b.turn,
        branches=(),
        name=f"{saved.name or saved.scenario_id} (branch {index})",
        audit="",
    )


def verify(scenario: Scenario, saved: SavedGame, where: str = "the save") -> E.GameState:
    """Check the audit trail, replay the main line and every branch; SaveError unless each
    reaches its recorded hash. The messages never show a hash computed here: a save is not a
    signature, but an error must not hand out the value that would make an edit pass."""
    check_audit(saved, where)
    state, _, _ = replay(scenario, saved)
    if E.state_hash(state) != saved.state_hash:
        raise SaveError(_mismatch(where, scenario, saved))
    for k, b in enumerate(saved.branches):
        if b.state_hash:
            end, _, _ = replay(scenario, branch_line(saved, k))
            if E.state_hash(end) != b.state_hash:
                raise SaveError(
                    f"{where}: branch {k} (from decision {b.from_step}) does not replay to its "
                    f"saved state: the save was altered"
                )
    return state


def check_audit(saved: SavedGame, where: str = "the save") -> None:
    """SaveError if the seats, a decision's `by`/`why`, a facilitator's reason or a branch's note
    differ from what the save's audit digest was made over (saves before version 2 have none)."""
    if saved.audit and saved.audit != audit_digest(saved):
        raise SaveError(
            f"{where}: the audit trail (seats, who took each decision, reasons, notes) does "
            "not match the save's audit digest: the save was altered"
        )


def audit_note(saved: SavedGame) -> str:
    """What `verify` could not cover, in one line ("" when it covered everything)."""
    if saved.audit:
        return ""
    return (
        "this save was written before wargame recorded an audit digest (save version 1): the replay "
        "is checked, but who played and who took each decision are not"
    )


def check_scenario(saved: SavedGame, scenario: Scenario, where: str = "the save") -> None:
    """SaveError naming what changed if the scenario's rules differ from those the game was played with."""
    now = fingerprint(scenario)
    if saved.fingerprint and now != saved.fingerprint:
        raise SaveError(
            f"{where}: scenario '{scenario.id}' ({scenario.path}) has changed since this game was "
            f"saved, so the game cannot be replayed faithfully ({explain_changes(saved.fingerprint, now)})"
        )


def _mismatch(where: str, scenario: Scenario, saved: SavedGame) -> str:
    why = "the save was altered"
    if saved.digest and saved.digest != scenario.digest:
        why = "the save was altered, or the scenario file was edited in a way its fingerprint does not show"
    return f"{where}: the decision log and the saved state hash disagree (replaying it ends elsewhere): {why}"


def find_scenario(saved: SavedGame, save_path: str | Path | None = None) -> Scenario:
    """Load the save's scenario: its recorded path, then beside the save, then by id."""
    from wargame.catalog import scenario_dirs

    recorded = Path(saved.scenario_path)
    candidates = [recorded]
    if save_path is not None and not recorded.is_absolute():
        candidates.append(Path(save_path).resolve().parent / recorded)
    candidates += [d / f"{saved.scenario_id}.yaml" for d in scenario_dirs()]
    for candidate in candidates:
        try:
            if not candidate.is_file():
                continue
        except OSError:
            continue
        try:
            scenario, _ = load_scenario(candidate)
        except ScenarioError as exc:
            first = str(exc.problems[0]) if exc.problems else "it does not load"
            more = f" (and {len(exc.problems) - 1} more problems)" if len(exc.problems) > 1 else ""
            raise SaveError(f"the save's scenario {candidate} no longer loads: {first}{more}") from None
        if scenario.id == saved.scenario_id:
            return _with_session(scenario, saved)
    raise SaveError(f"cannot find scenario '{saved.scenario_id}' (recorded at {saved.scenario_path})")


def _with_session(scenario: Scenario, saved: SavedGame) -> Scenario:
    """The scenario as the saved game was played: with its session preset applied, if it had one."""
    from wargame.engine.sessions import UnknownSession, apply_session

    try:
        return apply_session(scenario, saved.session)
    except UnknownSession as exc:
        raise SaveError(f"the game was played with a session preset the scenario no longer has: {exc}") from None


def load_game(path: str | Path, to: int | None = None) -> tuple[Scenario, SavedGame, E.GameState, list[Event]]:
    """Read, find the scenario, check it did not change, replay: (scenario, saved, state, events).

    With `to`, the state after that many decisions (a rewind preview); the
    whole game is still checked against its hash first.
    """
    saved = read_save(path)
    scenario = find_scenario(saved, path)
    check_scenario(saved, scenario, str(path))
    check_audit(saved, str(path))
    state, events, _ = replay(scenario, saved)
    if E.state_hash(state) != saved.state_hash:
        raise SaveError(_mismatch(str(path), scenario, saved))
    if to is not None:
        if type(to) is not int or not 0 <= to <= len(saved.decisions):
            raise SaveError(f"{path}: no decision {to!r} (the game has 0 to {len(saved.decisions)})")
        state, events, _ = replay(scenario, saved, to)
    return scenario, saved, state, events
