"""One served game: the authoritative state, the decision log, the seats' tokens, a save after every decision.

The room is plain synchronous Python (no sockets, no event loop): the API calls
it under one lock, tests and the benchmark call it directly. Every accepted
decision reaches the save file (atomically) before the room answers, so a
server killed at any moment resumes with every decision it ever accepted.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import time
from pathlib import Path
from typing import cast

import attrs

from wargame import engine as E
from wargame import saves
from wargame.engine.codec import from_dict, to_dict
from wargame.engine.parts import Adjudicate, Answer, CloseOrders, MarkDeal
from wargame.scenario.model import Scenario
from wargame.server import seatview, sentscenario
from wargame.server.clock import OrdersClock
from wargame.server.seatview import FACILITATOR, PUBLIC

TOKEN_BYTES = 24  # 192 bits
PROJECTOR = "projector"  # the seat name of the projector's link; it sees the PUBLIC view
FACILITATOR_SEAT = "facilitator"  # the seat name of the facilitator's link; it sees everything
TOKENS_KIND = "wargame-serve-tokens"
BOT_LEVELS = ("easy", "normal", "hard", "random")
FACILITATOR_DECISIONS = (E.Override, E.InjectCard, E.Bookmark, MarkDeal, Adjudicate, CloseOrders)
_FACILITATOR_VERBS = {
    E.Override: "override a value",
    E.InjectCard: "inject a card",
    E.Bookmark: "bookmark the game",
    MarkDeal: "mark a deal's promise kept or broken",
    Adjudicate: "adjudicate a proposal",
    CloseOrders: "close the orders",
}


class Refused(Exception):
    """A request the room turns down; `status` is the HTTP status the API answers with."""

    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status, self.reason = status, reason


def tokens_path(save_path: Path) -> Path:
    """Where a save's tokens live: beside it, never inside the save that is handed round."""
    return save_path.with_name(save_path.stem + ".tokens")


def new_tokens(seats: dict[str, str]) -> dict[str, str]:
    names = [f for f, who in seats.items() if who == "human"] + [FACILITATOR_SEAT, PROJECTOR]
    return {name: secrets.token_urlsafe(TOKEN_BYTES) for name in names}


def write_tokens(path: Path, tokens: dict[str, str], timer: dict | None = None) -> None:
    """The tokens (and the orders countdown) beside the save, readable by the facilitator's account only."""
    doc: dict[str, object] = {"kind": TOKENS_KIND, "tokens": tokens}
    if timer is not None:
        doc["timer"] = timer
    saves.write_atomic(path, json.dumps(doc, indent=2).encode())
    os.chmod(path, 0o600)


def read_tokens(path: Path) -> tuple[dict[str, str] | None, object]:
    """The tokens kept beside a save and the countdown kept with them; None when there are none
    (or the file is not ours)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None, None
    ours = isinstance(doc, dict) and doc.get("kind") == TOKENS_KIND
    tokens = doc.get("tokens") if ours else None
    if not isinstance(tokens, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in tokens.items()):
        return None, None
    return tokens, doc.get("timer")


@attrs.frozen
class Change:
    """A decision (or rewind) the engine accepted: written, then committed, by whoever holds the lock."""

    saved: saves.SavedGame
    state: E.GameState
    events: list
    before: E.GameState
    rewound: bool = False
    views: dict = attrs.field(factory=dict)  # per viewer: its picture of `state`, made early (Room.warm)


@attrs.define
class Room:
    """The game one server holds, and who may see and decide what."""

    scenario: Scenario
    save_path: Path
    saved: saves.SavedGame
    state: E.GameState
    tokens: dict[str, str]
    events: list = attrs.field(factory=list)  # (step, event) of the main line, in order
    revision: int = attrs.field(factory=lambda: time.time_ns() // 1_000_000)  # grows across restarts too
    _event_json: dict = attrs.field(factory=dict, init=False)  # per viewer: each event as JSON, or None if unseen
    _entry_json: dict = attrs.field(factory=dict, init=False)  # per viewer: each decision as it may read it
    clock: OrdersClock = attrs.field(factory=OrdersClock)
    _views: dict = attrs.field(factory=dict, init=False)
    _texts: dict = attrs.field(factory=dict, init=False)
    _cached_at: int = attrs.field(default=-1, init=False)
    _sent_scenarios: dict = attrs.field(factory=dict, init=False)  # per viewer: what GET /api/scenario answers

    # --- making and resuming -----------------------------------------------------
    @classmethod
    def create(cls, scenario: Scenario, seed: int, seats: dict[str, str], save_path: Path, name: str) -> Room:
        """A new game written to `save_path` (which must not exist: nothing is overwritten)."""
        if save_path.exists():
            raise saves.SaveError(f"{save_path} already exists: resume it with --resume, or choose another --session")
        state, first = E.begin(scenario, seed, seats)
        saved = saves.record(scenario, state, [], name=name)
        tokens = new_tokens(seats)
        room = cls(scenario, save_path, saved, state, tokens, [(0, e) for e in first])
        write_tokens(tokens_path(save_path), tokens)
        room.write()
        return room

    @classmethod
    def resume(cls, save_path: Path, seats: dict[str, str] | None = None) -> tuple[Room, bool]:
        """The game of a save, with the tokens beside it; the flag says whether they had to be made anew."""
        scenario, saved, _state, _events = saves.load_game(save_path)
        if seats is not None:
            saved = attrs.evolve(saved, seats=dict(seats))
        state, first = E.begin(scenario, saved.seed, saved.seats)
        events = [(0, e) for e in first]
        for n, entry in enumerate(saved.decisions, 1):
            state, evs = E.apply(scenario, state, from_dict(entry))
            events.extend((n, e) for e in evs)
        old, timer = read_tokens(tokens_path(save_path))
        wanted = set(new_tokens(saved.seats))
        fresh = old is None or set(old) != wanted
        tokens = new_tokens(saved.seats) if fresh or old is None else old
        if fresh:
            write_tokens(tokens_path(save_path), tokens, timer if isinstance(timer, dict) else None)
        room = cls(scenario, save_path, saved, state, tokens, events, clock=OrdersClock.from_json(timer))
        return room, fresh

    # --- who is who ------------------------------------------------------------
    def seat_for(self, token: str | None) -> str | None:
        """The seat a token opens, compared in constant time; None for a wrong or missing token."""
        if not token or not isinstance(token, str):
            return None
        given = token.encode("utf-8", "replace")
        found = None
        for seat, t in self.tokens.items():
            if hmac.compare_digest(given, t.encode()):
                found = seat
        return found

    @property
    def at(self) -> str:
        """Names the state a view was made at: the rewinds so far and the step on the line."""
        return f"{len(self.saved.branches)}.{self.state.step}"

    def viewer(self, seat: str) -> str:
        """The engine's viewer for a seat: the projector sees the PUBLIC view, the facilitator everything."""
        return PUBLIC if seat == PROJECTOR else FACILITATOR if seat == FACILITATOR_SEAT else seat

    def remaining(self) -> float | None:
        """Seconds left for this turn's orders (the countdown starts when the orders phase does)."""
        session = self.scenario.session
        if self.state.phase != "orders" or session is None or not session.timer:
            return None
        left, started = self.clock.remaining(self.state.turn, session.timer, len(self.saved.branches))
        if started:  # kept beside the save, so a restarted server continues this countdown
            write_tokens(tokens_path(self.save_path), self.tokens, self.clock.to_json())
        return left

    def stop_clock(self) -> None:
        """The server stops on purpose: keep the seconds left, so the countdown resumes where it was."""
        if self.remaining() is not None:
            write_tokens(tokens_path(self.save_path), self.tokens, self.clock.to_json(stopping=True))

    def view(self, seat: str, since: int = 0) -> dict:
        """The seat's view with the events from sequence number `since` on."""
        d, _head = self._seat_view(self.viewer(seat))
        v = dict(d)
        if v.get("timer"):
            v["timer"] = dict(v["timer"], remaining=self.remaining())
        v.update(self._tail(seat, since))
        return v

    def _seat_view(self, viewer: str) -> tuple[dict, str]:
        """The viewer's picture of the state and its JSON text without the countdown and the closing
        brace, made once per change however many clients it has (or beforehand, by `warm`)."""
        self._fresh()
        if viewer not in self._views:
            self._views[viewer] = self._made(self.state, viewer)
        return self._views[viewer]

    def _made(self, state: E.GameState, viewer: str) -> tuple[dict, str]:
        return seatview.seat_view_text(self.scenario, state, viewer)

    def warm(self, change: Change, seats: set[str]) -> None:
        """Make the seats' views of a change's state before it is committed (the API does it while the
        save syncs to disk); `commit` adopts them. Nothing is sent before the commit."""
        for viewer in {self.viewer(seat) for seat in seats}:
            change.views[viewer] = self._made(change.state, viewer)

    def _tail(self, seat: str, since: int) -> dict:
        """What a view adds to the seat's picture: the events from `since` on, the decision log a seat
        may read, where the game is."""
        viewer = self.viewer(seat)
        since = max(0, min(since, len(self.events)))
        cache = self._event_json.setdefault(viewer, [])
        for i in range(len(cache), len(self.events)):  # each event judged once per viewer, as it goes out
            step, e = self.events[i]
            seen = seatview.visible_event(self.scenario, self.state, viewer, e)
            cache.append(None if seen is None else dict(seatview.event_json(seen, self.scenario), seq=i, step=step))
        v: dict = {"events": [e for e in cache[since:] if e is not None]}
        # decision number k (from 1) led to the events of step k: send those the events sent belong to
        first = max(1, self.events[since][0] if since < len(self.events) else self.state.step + 1)
        entries = self._entry_json.setdefault(viewer, [])
        for e in self.saved.decisions[len(entries) :]:  # each decision judged once per viewer
            entries.append(seatview.sent_entry(self.scenario, self.state, viewer, e))
        v["decisions"], v["decisions_from"] = [dict(e) for e in entries[first - 1 :]], first
        v["events_from"], v["events_total"] = since, len(self.events)
        v["revision"], v["at"] = self.revision, self.at
        v["seat"] = seat
        return v

    def _fresh(self) -> None:
        """Forget the views made before the last change."""
        if self._cached_at != self.revision:
            self._cached_at, self._views, self._texts = self.revision, {}, {}

    def view_text(self, seat: str, since: int = 0) -> str:
        """The view as JSON text, made once per seat, `since` and change (what the API and WebSocket send):
        the seat's picture as text once per change, then what this `since` adds.

        The countdown is written afresh on each call: a cached text must not
        carry the seconds left at the moment it was made.
        """
        self._fresh()
        key = (seat, since)
        if key not in self._texts:
            d, head = self._seat_view(self.viewer(seat))
            self._texts[key] = (f"{head}, {json.dumps(self._tail(seat, since))[1:-1]}", d.get("timer"))
        body, timer = self._texts[key]
        if timer:
            timer = dict(timer, remaining=self.remaining())
        return f'{body}, "timer": {json.dumps(timer)}}}'

    def scenario_for(self, seat: str) -> dict:
        """The scenario file as this seat may read it (sentscenario.py), made once per viewer.

        The file is read again and must be the one the game was loaded from
        (its digest), so an edit made since the start is never sent.
        """
        viewer = self.viewer(seat)
        if viewer not in self._sent_scenarios:
            raw = Path(self.scenario.path).read_bytes()
            if hashlib.sha256(raw).hexdigest() != self.scenario.digest:
                raise Refused(409, f"{self.scenario.path} changed since the game started; restart the server")
            self._sent_scenarios[viewer] = sentscenario.sent_scenario(self.scenario, raw.decode("utf-8"), viewer)
        return self._sent_scenarios[viewer]

    # --- deciding --------------------------------------------------------------
    def decide(self, seat: str, body: object) -> Change:
        """Check a seat's decision from a request body; raises Refused (and nothing changes) on any error."""
        if seat == PROJECTOR:
            raise Refused(403, "the projector's link is read-only")
        if not isinstance(body, dict) or not isinstance(body.get("decision"), dict):
            raise Refused(400, 'the body must be a JSON object {"decision": {...}}')
        at = body.get("at")
        if at is not None and at != self.at:
            raise Refused(
                409, f"stale: the game has moved on since that view (at {at}, now {self.at}); fetch the view again"
            )
        try:
            decision = from_dict({k: v for k, v in body["decision"].items() if k not in ("by", "why")})
        except E.MalformedDecision as exc:
            raise Refused(400, str(exc)) from None
        facilitating = isinstance(decision, FACILITATOR_DECISIONS) or (
            isinstance(decision, E.Act) and decision.ruling is not None
        )
        if seat == FACILITATOR_SEAT:
            return self.prepare(decision, "facilitator")
        if facilitating:
            raise Refused(403, f"only the facilitator may {_FACILITATOR_VERBS.get(type(decision), 'rule')}")
        owner = getattr(decision, "faction", None)  # orders, offers and proposals name their faction
        if isinstance(decision, Answer):
            deal = next((d for d in self.state.ex.deals if d.id == decision.deal), None)
            owner = deal.offer.to if deal is not None else seat
            if owner != seat:
                raise Refused(403, f"deal #{decision.deal} was offered to {self._short(owner)}: only they answer it")
        if owner is not None and owner != seat:
            raise Refused(
                403, f"a team decides only for itself: this link is {self._short(seat)}'s, not {str(owner)[:40]}'s"
            )
        if self.state.over:
            raise Refused(409, "the game is over")
        if isinstance(decision, (E.Act, E.Pass, E.Choose)):
            p = self.state.pending
            if p is None or p.faction != seat:
                who = "nobody" if p is None else self.scenario.faction(p.faction).short
                raise Refused(409, f"not your moment: {who} is to decide")
        return self.prepare(decision, "human")

    def _short(self, fid: str) -> str:
        return self.scenario.faction(fid).short if fid in self.scenario.faction_index else fid

    def apply(self, decision: E.Decision, by: str, why: str = "") -> list:
        """Apply, save, then publish (all at once: for callers without an event loop)."""
        change = self.prepare(decision, by, why)
        self.write_change(change)
        self.commit(change)
        return change.events

    def prepare(self, decision: object, by: str, why: str = "") -> Change:
        """The engine's answer to a decision, not yet saved nor seen; its refusal is a 409 (400 if malformed).

        Any decision of the save format: the engine's `Decision` alias names the
        sequential ones only, but `apply` takes the exercise's (orders, deals...) too.
        """
        decision = cast(E.Decision, decision)
        try:
            state, evs = E.apply(self.scenario, self.state, decision)
        except E.MalformedDecision as exc:
            raise Refused(400, str(exc)) from None
        except E.IllegalDecision as exc:
            raise Refused(409, str(exc)) from None
        saved = saves.extend(self.saved, state, [to_dict(decision, by=by, why=why)])
        return Change(saved, state, evs, self.state)

    def write_change(self, change: Change) -> None:
        """On disk before anyone hears of it (the slow part: the API runs it on a thread)."""
        saves.write_save(self.save_path, change.saved)

    def commit(self, change: Change) -> None:
        if self.state is not change.before:
            raise RuntimeError("a change committed over another one: the room's lock was not held")
        if change.rewound:
            self.events = [(s, e) for s, e in self.events if s <= change.state.step]
            for cache in self._event_json.values():
                del cache[len(self.events) :]
            for cache in self._entry_json.values():
                del cache[len(change.saved.decisions) :]
        self.saved, self.state = change.saved, change.state
        self.events.extend((change.state.step, e) for e in change.events)
        self.revision += 1
        self._fresh()
        self._views.update(change.views)

    def rewind(self, seat: str, body: object) -> Change:
        """The facilitator takes the game back to just after decision `to`; the undone part becomes a branch."""
        if seat != FACILITATOR_SEAT:
            raise Refused(403, "only the facilitator may rewind")
        if not isinstance(body, dict) or type(body.get("to")) is not int or not isinstance(body.get("note", ""), str):
            raise Refused(400, 'the body must be {"to": DECISION_NUMBER, "note": "why"}')
        try:
            saved, state = saves.rewind(self.saved, body["to"], scenario=self.scenario, note=body.get("note", ""))
        except saves.SaveError as exc:
            raise Refused(409, str(exc)) from None
        return Change(saved, state, [], self.state, rewound=True)

    # --- bots ------------------------------------------------------------------
    def bot_to_move(self) -> str | None:
        """The bot level that must decide now, if a bot seat is pending."""
        p = self.state.pending
        if p is None or self.state.over:
            return None
        who = self.saved.seats.get(p.faction, "normal")
        return who if who in BOT_LEVELS else None

    def write(self) -> None:
        saves.write_save(self.save_path, self.saved)
