"""Cuts the engine's event stream into moments (a card, a decision, an upkeep) with who, why and odds.

The engine records what happened event by event; a debrief talks about
moments: "the G.N.A. assaulted District 3 (bot, normal: best expected score),
rolled 98 against 25%, and lost 10 treasury and 2 legitimacy". Every line of
text still comes from `describe`, so the debrief says what the log says.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from wargame import engine as E
from wargame.bots import LEVELS
from wargame.engine import events as ev
from wargame.engine.codec import from_dict
from wargame.report.model import Change, Moment
from wargame.scenario.model import Scenario

HEADLINES = (
    ev.CardDrawn,
    ev.NoCard,
    ev.Chose,
    ev.ChoiceSkipped,
    ev.ActionTaken,
    ev.Passed,
    ev.ResultLanded,
    ev.Overridden,
    ev.Injected,
    ev.Bookmarked,
    ev.GameOver,
)
FACILITATOR_EVENTS = (ev.Overridden, ev.Injected, ev.Bookmarked)
KINDS = {
    ev.CardDrawn: "card",
    ev.NoCard: "note",
    ev.Chose: "choice",
    ev.ChoiceSkipped: "note",
    ev.ActionTaken: "action",
    ev.Passed: "pass",
    ev.ResultLanded: "delayed",
    ev.Overridden: "override",
    ev.Injected: "inject",
    ev.Bookmarked: "bookmark",
    ev.GameOver: "end",
}


def who_label(by: str | None) -> str:
    """'normal' -> 'normal bot'; 'human' and 'facilitator' stay as they are."""
    if not by:
        return ""
    by = str(by)  # a hand-edited save may hold anything here
    return f"{by} bot" if by in LEVELS else by


def cause_label(scenario: Scenario, cause: str) -> str:
    """'card:us_offer' -> "'Washington offers air strikes'", for "drawn because of ..."."""
    c = ev.Cause(cause)
    kind, ident = c.kind, c.ident
    try:
        if kind in (ev.CauseKind.ACTION, ev.CauseKind.DELAYED):
            return f"'{scenario.action(ident).name}'"
        if kind is ev.CauseKind.CARD:
            return f"'{scenario.card(ident).title}'"
        if kind is ev.CauseKind.CHOICE:
            return f"a choice on '{scenario.card(ident).title}'"
    except KeyError:
        pass
    plain: dict[ev.CauseKind | None, str] = {
        ev.CauseKind.OVERRIDE: "the facilitator",
        ev.CauseKind.UPKEEP: "the upkeep",
    }
    return plain.get(kind, cause)


def odds_text(odds: E.Odds, decision: Any) -> str:
    """How the odds were built, term by term: '30 +15 [5 * morale] -20 [-10 * target.isis]'."""
    if not odds.rolled:
        return ""
    if getattr(decision, "ruling", None) == "argue":
        return f"2d6 {decision.pro:+d} for {-decision.con:+d} against must reach 7: {odds.percent}%"
    shown = [(text, value) for text, value in odds.terms if value != 0] or list(odds.terms)
    parts = []
    for text, value in shown:
        plain = text.replace(" ", "").lstrip("+-") == str(abs(value))
        parts.append(f"{value:+d}" + ("" if plain else f" [{text}]"))
    out = " ".join(parts)
    out = out[1:] if out.startswith("+") else out
    total = sum(value for _, value in odds.terms)
    if total != odds.percent:
        out += f" = {total}, held at {odds.percent}%"
    return out


class _Cutter:
    """Walks the events once; each headline event opens a moment, the others fill it in."""

    def __init__(self, scenario: Scenario, entries, states):
        self.s, self.entries, self.states = scenario, entries, states
        self.moments: list[dict] = []
        self.origin: dict[int, int] = {}  # delayed-outcome moment -> the decision that rolled it
        self.outcomes: dict[tuple[str, int], list[int]] = defaultdict(list)
        self.by_facilitator: dict[tuple[str, int], str] = {}  # (card, turn) -> reason, for scheduled injects
        self.queued: dict[str, str] = {}  # card -> cause of a `draw` statement
        self.inject_now: str | None = None
        self.turn: int = states[0].turn if states else 1  # a session preset may start later than turn 1
        self.expected_odds: int | None = None

    def open(self, step: int, e, **fields) -> dict:
        text = E.describe(e, self.s).strip() if e is not None else ""
        m = dict(
            index=len(self.moments),
            step=step,
            turn=self.turn,
            date=self.s.calendar.label(self.turn),
            kind="note",
            faction=None,
            ref="",
            text=text,
            who="",
            why="",
            facilitator=False,
            roll="",
            odds="",
            ruling="",
            note="",
            details=[],
            changes=[],
            objectives=(),
        )
        m.update(fields)
        self.moments.append(m)
        return m

    def cut(self, by_step) -> tuple[list[Moment], dict[int, int]]:
        for step, evs in enumerate(by_step):
            entry = self.entries[step - 1] if step else None
            decided = entry is None
            self.inject_now, self.expected_odds = None, None
            cur = None
            for e in evs:
                if isinstance(e, ev.TurnBegan):
                    self.turn, cur = e.turn, None
                elif isinstance(e, ev.PhaseBegan):
                    cur = self.open(step, e, kind="upkeep") if e.phase == "upkeep" else None
                elif isinstance(e, HEADLINES):
                    cur = self.headline(step, e)
                    if not decided and entry is not None and not (isinstance(e, ev.Passed) and e.forced):
                        self.decision(cur, step, entry, e)
                        decided = True
                else:
                    if cur is None:
                        cur = self.open(step, None)
                    self.detail(cur, e)
        return [_freeze(m) for m in self.moments], self.origin

    def headline(self, step: int, e) -> dict:
        s = self.s
        m = self.open(
            step,
            e,
            kind=KINDS[type(e)],
            faction=getattr(e, "faction", None),
            facilitator=isinstance(e, FACILITATOR_EVENTS),
            ref=getattr(e, "card", None) or getattr(e, "action", None) or "",
        )
        if isinstance(e, ev.CardDrawn):
            m["objectives"] = s.card(e.card).objectives
            self.card_origin(m, e)
        elif isinstance(e, (ev.Chose, ev.ChoiceSkipped)):
            m["objectives"] = s.card(e.card).objectives
        elif isinstance(e, ev.ActionTaken):
            m["objectives"] = s.action(e.action).objectives
        elif isinstance(e, ev.ResultLanded):
            m["faction"] = s.action(e.action).faction
            waiting = self.outcomes.get((e.action, e.turn))
            if waiting:
                self.origin[m["index"]] = waiting.pop(0)
        elif isinstance(e, ev.Injected):
            if e.for_turn is None:
                self.inject_now = e.reason
            else:
                self.by_facilitator[(e.card, e.for_turn)] = e.reason
        return m

    def card_origin(self, m: dict, e: ev.CardDrawn) -> None:
        """Say why a card was drawn when it was not the luck of the deck, and mark facilitator injects."""
        if self.inject_now is not None:
            m.update(facilitator=True, note=f"injected by the facilitator: {self.inject_now}")
            self.inject_now = None
        elif e.forced and (e.card, e.turn) in self.by_facilitator:
            reason = self.by_facilitator.pop((e.card, e.turn))
            m.update(facilitator=True, note=f"scheduled by the facilitator: {reason}")
        elif e.forced and e.card in self.queued:
            m["note"] = f"drawn because of {cause_label(self.s, self.queued.pop(e.card))}"
        elif e.forced:
            notes = [i.note for i in self.s.injects if i.card == e.card]
            m["note"] = "a scheduled event of the scenario" + (f": {notes[0]}" if notes and notes[0] else "")

    def decision(self, m: dict, step: int, entry: dict, e) -> None:
        """Attach who decided, the bot's reason and, for an action, how its odds were built."""
        m["why"] = str(entry.get("why") or "")
        m["who"] = "facilitator" if m["facilitator"] else who_label(entry.get("by"))
        if not isinstance(e, ev.ActionTaken):
            return
        decision = from_dict(entry)
        if not isinstance(decision, E.Act):  # resolved from orders (or after a deal): the roll tells the odds
            return
        if decision.ruling in ("success", "failure"):
            return
        if decision.ruling == "argue":
            m["ruling"] = f"argued before the facilitator ({decision.pro} for, {decision.con} against)" + (
                f": {decision.reason}" if decision.reason else ""
            )
        o = E.odds(self.s, self.states[step - 1], decision)
        m["odds"], self.expected_odds = odds_text(o, decision), o.percent

    def detail(self, m: dict, e) -> None:
        text = E.describe(e, self.s).strip()
        if isinstance(e, ev.Rolled):
            m["roll"] = text
            if self.expected_odds is not None and e.chance != self.expected_odds:
                m["odds"] = ""  # the chance moved when the cost was paid: show the rolled chance only
            return
        if isinstance(e, ev.Ruled):
            m["ruling"] = f"ruled a {'success' if e.success else 'failure'} by the facilitator" + (
                f": {e.reason}" if e.reason else ""
            )
            return
        m["details"].append(text)
        if isinstance(e, ev.Changed):
            m["changes"].append(Change(e.slot, e.old, e.new, e.cause))
        elif isinstance(e, ev.CardQueued):
            self.queued[e.card] = e.cause
        elif isinstance(e, ev.ResultScheduled):
            self.outcomes[(e.action, e.due)].append(m["index"])


def _freeze(m: dict) -> Moment:
    return Moment(
        **{**m, "details": tuple(m["details"]), "changes": tuple(m["changes"]), "objectives": tuple(m["objectives"])}
    )


def cut_moments(scenario: Scenario, entries, states, by_step) -> tuple[list[Moment], dict[int, int]]:
    """The moments of a replayed game, and for each delayed result the moment that rolled it.

    `states[n]` is the state after decision n (states[0]: the start), as
    `by_step[n]` holds its events; the state before decision n gives its odds.
    """
    return _Cutter(scenario, entries, states).cut(by_step)
