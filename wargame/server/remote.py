"""The client side of the API: connect with a token, and mirror the seat's views as a game the TUI can show.

The mirror holds only what the server sent: the visible values (hidden ones
read as 0), the events and decisions, who is pending. It has no seed, no
generator and no deck, so nothing on the client can reveal what is to come.
"""

from __future__ import annotations

import json
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from typing import cast

import attrs

from wargame import engine as E
from wargame.engine.codec import from_dict
from wargame.engine.parts import Commitment, Deal, Exercise, Offer, Proposal, SubmitOrders
from wargame.engine.state import MalformedDecision, PendingKind
from wargame.scenario.model import Scenario
from wargame.server.seatview import event_from_json, hidden_slots

TIMEOUT = 10.0
TOKEN_ENV = "WARGAME_TOKEN"  # where `wargame join` finds the token when --token is not given (the browser bridge)


BAD_VIEW = (KeyError, TypeError, ValueError, AttributeError, IndexError, MalformedDecision)  # a view that won't read


class RemoteError(Exception):
    """The server cannot be reached or refuses us: one line that says what to do."""


@attrs.define
class Client:
    """Where the server is, the seat's token, and the scenario the game is played on."""

    url: str
    token: str
    scenario: Scenario
    first: dict  # the first view, fetched on connecting

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    @property
    def seat(self) -> str:
        return self.first["seat"]

    @property
    def viewer(self) -> str:
        return self.first["viewer"]


def fetch(url: str, token: str, path: str, body: dict | None = None) -> dict:
    """One API call; RemoteError with the server's reason on a refusal, or when it cannot be reached."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(
        url.rstrip("/") + path,
        data=data,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
            return json.loads(resp.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        try:
            reason = json.loads(exc.read().decode("utf-8")).get("error", "")
        except (ValueError, AttributeError, UnicodeDecodeError):
            reason = ""
        raise RemoteError(f"the server refused ({exc.code}): {reason or exc.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        why = getattr(exc, "reason", exc)
        raise RemoteError(f"cannot reach the server at {url}: {why}") from None


def connect(url: str, token: str) -> Client:
    """Check the token, fetch the scenario and the first view."""
    url = url.rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise RemoteError(f"'{url}' is not a server address: it starts with http:// (as 'wargame serve' prints)")
    first = fetch(url, token, "/api/view")
    sent = fetch(url, token, "/api/scenario")
    client = Client(url, token, load_sent_scenario(sent), first)
    if (
        not isinstance(first, dict)
        or not isinstance(first.get("seat"), str)
        or not isinstance(first.get("viewer"), str)
    ):
        raise RemoteError("the server's answer is not a view; is this a wargame server?")
    Mirror(client.scenario, client.seat, first)  # the first view reads, or RemoteError says so now
    return client


def load_sent_scenario(sent: dict) -> Scenario:
    """Load the scenario text the server sent (checked like any file: it is untrusted input)."""
    from wargame.scenario import ScenarioError, load_scenario

    name = Path(str(sent.get("name", "scenario.yaml"))).name or "scenario.yaml"
    if not name.endswith((".yaml", ".yml")):
        name += ".yaml"
    with tempfile.TemporaryDirectory(prefix="wargame-join-") as tmp:
        path = Path(tmp) / name
        path.write_text(str(sent.get("text", "")), encoding="utf-8")
        try:
            scenario, _warnings = load_scenario(path)
        except ScenarioError as exc:
            raise RemoteError(
                f"the server's scenario does not load here: {exc.problems[0] if exc.problems else exc}"
            ) from None
    if sent.get("digest") and scenario.digest != sent["digest"]:
        raise RemoteError("the scenario arrived damaged (its digest differs); try again")
    preset = sent.get("session")
    if not preset:
        return scenario
    from wargame.engine.sessions import UnknownSession, apply_session

    try:
        return apply_session(scenario, str(preset))
    except UnknownSession as exc:
        raise RemoteError(f"the server plays a session preset this scenario lacks: {exc}") from None


def exercise_of(scenario: Scenario, view: dict) -> Exercise:
    """The orders, deals and proposals of a view as the engine's parts, so the screen's forms can show them.

    Another team's orders are only known to be in: they stand as orders with no
    actions (what they are stays on the server until they are revealed).
    """
    orders: tuple[SubmitOrders | None, ...] = ()
    if view.get("phase") == "orders":
        mine = view.get("my_orders")
        own = from_dict(mine) if isinstance(mine, dict) else None
        submitted = set(view.get("submitted", []))
        orders = tuple(
            own if isinstance(own, SubmitOrders) and own.faction == f else SubmitOrders(f) if f in submitted else None
            for f in scenario.order
        )
    deals = tuple(_deal(d) for d in view.get("deals", []))
    proposals = tuple(
        Proposal(
            p["id"],
            p["turn"],
            p["faction"],
            p["words"],
            tuple(p["effects"]),
            p["arguments"],
            p["status"],
            p["pro"],
            p["con"],
        )
        for p in view.get("proposals", [])
    )
    return Exercise(orders, deals, proposals)


def _deal(d: dict) -> Deal:
    o = d["offer"]

    def pairs(xs: list) -> tuple[tuple[str, int], ...]:
        return tuple((str(k), int(n)) for k, n in xs)

    def promises(xs: list) -> tuple[Commitment, ...]:
        return tuple(Commitment(c["by"], c["text"], c["due"], c.get("fate", ""), c.get("reason", "")) for c in xs)

    offer = Offer(o["faction"], o["to"], pairs(o["give"]), pairs(o["get"]), promises(o["promises"]), o["note"])
    return Deal(d["id"], d["turn"], offer, d["status"], d["reason"], promises(d["promises"]))


class Mirror:
    """The game as one seat sees it, rebuilt from the views the server pushes."""

    def __init__(self, scenario: Scenario, seat: str, first: dict):
        self.scenario, self.seat = scenario, seat
        self.events: list = []  # (step, event)
        self.entries: list[dict] = []
        self.view: dict = {}
        self.hidden = hidden_slots(scenario)
        try:
            if not self.update(first):
                raise RemoteError("the server's first view does not start at the beginning; try again")
        except BAD_VIEW as exc:
            raise RemoteError(f"the server sent a view this client cannot read ({type(exc).__name__})") from None

    @property
    def at(self) -> str:
        return str(self.view["at"])

    def update(self, view: dict) -> bool:
        """Take in a view; False when it does not follow what we hold (then ask for everything again).

        The view is checked whole before it is kept (BAD_VIEW when it does not
        read): a screen never holds half of one.
        """
        start = view["events_from"]
        if start > len(self.events):
            return False
        events = self.events[:start] + [(e["step"], event_from_json(e)) for e in view["events"]]
        first = view["decisions_from"]
        entries = (self.entries[: first - 1] + [dict(e) for e in view["decisions"]])[: view["step"]]
        old = (self.events, self.entries, self.view)
        self.events, self.entries, self.view = events, entries, view
        try:
            self.game({})
        except BAD_VIEW:
            self.events, self.entries, self.view = old
            raise
        return True

    def values(self, view: dict) -> tuple[int, ...]:
        """A full values tuple as this seat may believe it: exact where seen, a band's middle,
        the scenario's start where unknown (the lowest bound: the server masks it), 0 for the
        counters no one sees."""
        s = self.scenario
        out = [0 if i in self.hidden else s.initial[i] for i in range(len(s.slot_names))]
        out[0] = view["turn"]
        for v in view["values"]:
            i = s.slot_index.get(v.get("slot"))
            if i is None:
                continue
            if v["kind"] == "exact":
                out[i] = v["value"]
            elif v["kind"] == "band":
                out[i] = (v["lo"] + v["hi"]) // 2
        return tuple(out)

    def history(self, rows: list[list[int]], now: tuple[int, ...]) -> tuple[tuple[int, ...], ...]:
        """The values at the start of each turn (sent only when nothing is hidden from this seat)."""
        seen = [i for i in range(len(self.scenario.slot_names)) if i not in self.hidden]
        out = []
        for row in rows:
            full = [0] * len(now)
            for i, v in zip(seen, row, strict=False):
                full[i] = v
            out.append(tuple(full))
        return tuple(out) or (now,)

    def pending(self) -> E.Pending | None:
        """Who the screen waits for: in simultaneous orders this team while its orders are due (the
        engine's moment names one awaited team, any of them), else the moment the view names."""
        v, p = self.view, self.view["moment"]
        if v["phase"] == "orders" and "orders" in v["pending"] and self.seat in self.scenario.faction_index:
            return E.Pending(PendingKind.ORDERS, self.seat, None)
        return None if p is None else E.Pending(PendingKind(p["kind"]), p["faction"], p["card"])

    def state(self) -> E.GameState:
        v = self.view
        out = v["outcome"]
        outcome = (
            None
            if out is None
            else E.Outcome(
                out["winner"],
                out["reason"],
                out["turn"],
                tuple(tuple(x) for x in out["scores"]),
                out["margin"],
                tuple(out["tied"]),
            )
        )
        values = self.values(v)
        return E.GameState(
            values,
            v["phase"],
            self.pending(),
            v["actor"],
            v["actions_taken"],
            (),
            (),
            (),
            0,
            frozenset(),
            (),
            (),
            0,
            self.history(v["history"], values),
            outcome,
            v["step"],
            0,
            tuple(sorted(v["seats"].items())),
            exercise_of(self.scenario, v),
        )

    def game(self, seats: dict[str, str]):
        """The mirror as the TUI's Game (no seed: the client never learns it)."""
        from wargame.tui.session import Game

        by_step: list[list] = [[] for _ in range(self.view["step"] + 1)]
        for step, e in self.events:
            if step < len(by_step):
                by_step[step].append(e)
        return Game(
            self.scenario,
            cast(int, None),  # no seed: the client never learns it (nothing here replays the game)
            seats,
            tuple(self.entries),
            self.state(),
            tuple(e for _, e in self.events),
            tuple(tuple(b) for b in by_step),
        )
