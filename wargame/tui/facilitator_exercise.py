"""Provides the facilitator panel's exercise tabs: mark deals' promises, adjudicate free-form proposals."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Select, Static

from wargame.engine import deals as D
from wargame.engine import exevents as xe
from wargame.engine import freeform
from wargame.engine.parts import Adjudicate, MarkDeal
from wargame.scenario import Scenario
from wargame.tui.deals import can_deal
from wargame.tui.facilitator_forms import Counter, Form, set_select


def freeform_rule(s: Scenario) -> str:
    """The scenario's dice formula for proposals as written ('2d6 + pro - con >= 7')."""
    odds = s.freeform.odds if s.freeform is not None else None
    return str(getattr(odds, "text", ""))


class DealsForm(Form):
    """Every accepted deal's promises: the facilitator marks one kept or broken, with a reason."""

    def compose(self) -> ComposeResult:
        yield Static("", id="deals-summary", classes="form-note")
        with Vertical(id="deals-mark"):
            yield Select([], id="deals-promise", prompt="Promise", compact=True)
            yield Input(placeholder="Your reason (required)", id="deals-reason", compact=True)
            with Horizontal(id="deals-buttons"):
                yield Button("Kept", id="deals-kept", variant="success", compact=True)
                yield Button("Broken", id="deals-broken", variant="error", compact=True)
        yield Static("", classes="form-result")

    def promises(self) -> list[tuple[str, str]]:
        """(label, 'deal:index') of every promise not yet marked, in accepted deals."""
        game = self.game
        if game is None:
            return []
        s = game.scenario
        out = []
        for d in game.state.ex.deals:
            if d.status != "accepted":
                continue
            for k, c in enumerate(d.promises):
                if not c.fate:
                    label = f"#{d.id} {s.faction(c.by).short}: {c.text} (by {s.calendar.label(c.due)})"
                    out.append((label, f"{d.id}:{k}"))
        return out

    def update_view(self) -> None:
        game = self.game
        if game is None:
            return
        deals = game.state.ex.deals
        counts = {st: sum(1 for d in deals if d.status == st) for st in ("open", "accepted", "declined", "lapsed")}
        summary = ", ".join(f"{n} {st}" for st, n in counts.items() if n) or "no deals yet"
        lines = [f"Deals: {summary}."]
        lines += [f"#{d.id} {D.terms(game.scenario, d.offer)} ({d.status})" for d in deals[-4:]]
        self.query_one("#deals-summary", Static).update(Text("\n".join(lines)))
        promises = self.promises()
        self.query_one("#deals-mark").display = bool(promises)
        if promises:
            set_select(self.query_one("#deals-promise", Select), list(promises))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        value = self.query_one("#deals-promise", Select).value
        if not isinstance(value, str):
            self.say("Pick the promise to mark.", error=True)
            return
        reason = self.need("#deals-reason", "a reason")
        if reason is None:
            return
        deal, _, k = value.partition(":")
        kept = event.button.id == "deals-kept"
        if self.send(MarkDeal(int(deal), int(k), kept, reason), f"Marked {'kept' if kept else 'broken'}."):
            self.query_one("#deals-reason", Input).value = ""


class ProposalsForm(Form):
    """An open free-form proposal: read it, count the arguments for and against, roll or rule."""

    def compose(self) -> ComposeResult:
        yield Static("", id="prop-none", classes="form-note")
        with Vertical(id="prop-body"):
            yield Select([], id="prop-pick", prompt="Proposal", compact=True)
            yield Static("", id="prop-text")
            yield Counter("Arguments for", id="prop-pro")
            yield Counter("Arguments against", id="prop-con")
            yield Button("Roll", id="prop-roll", variant="primary", compact=True)
            yield Input(placeholder="or rule outright: your reason", id="prop-reason", compact=True)
            with Horizontal(id="prop-buttons"):
                yield Button("Rule a success", id="prop-success", compact=True)
                yield Button("Rule a failure", id="prop-failure", compact=True)
        yield Static("", classes="form-result")

    def open_ones(self) -> list:
        game = self.game
        return [] if game is None else [p for p in game.state.ex.proposals if p.status == "open"]

    def update_view(self) -> None:
        game, props = self.game, self.open_ones()
        self.query_one("#prop-body").display = bool(props)
        none = "" if props else "No proposal waits for a ruling."
        self.query_one("#prop-none", Static).update(Text(none, style="italic"))
        if game is None or not props:
            return
        s = game.scenario
        set_select(
            self.query_one("#prop-pick", Select),
            [(f"#{p.id} {s.faction(p.faction).short}: {p.words}", p.id) for p in props],
        )
        self.show_odds()

    def picked(self):
        value = self.query_one("#prop-pick", Select).value
        return next((p for p in self.open_ones() if p.id == value), None)

    def show_odds(self) -> None:
        game, p = self.game, self.picked()
        if game is None or p is None or game.scenario.freeform is None:
            return
        pro, con = self.query_one("#prop-pro", Counter).value, self.query_one("#prop-con", Counter).value
        pct = freeform.odds(game.scenario, pro, con)
        body = Text.assemble(
            (f"{game.scenario.faction(p.faction).short}: {p.words}\n", "bold"),
            "Effects: " + "; ".join(p.effects) + "\n",
            f"Arguments: {p.arguments or '(none given)'}\n",
            (f"{freeform_rule(game.scenario)}: {pct}% with {pro} for, {con} against", "bold"),
        )
        self.query_one("#prop-text", Static).update(body)
        self.query_one("#prop-roll", Button).label = f"Roll ({pct}%)"

    def on_select_changed(self, event: Select.Changed) -> None:
        self.show_odds()

    def on_counter_changed(self, event: Counter.Changed) -> None:
        self.show_odds()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        p = self.picked()
        if p is None:
            return
        if event.button.id == "prop-roll":
            pro, con = self.query_one("#prop-pro", Counter).value, self.query_one("#prop-con", Counter).value
            decision, done = Adjudicate(p.id, "argue", pro, con), "Rolled."
        else:
            reason = self.need("#prop-reason", "a reason for the ruling")
            if reason is None:
                return
            ruling = "success" if event.button.id == "prop-success" else "failure"
            decision, done = Adjudicate(p.id, ruling, reason=reason), f"Ruled a {ruling}."
        applied = self.send(decision, done)
        if applied:
            said = next((e for e in applied.events if isinstance(e, xe.ProposalDecided)), None)
            if said is not None:
                self.say(f"{'Success' if said.success else 'Failure'}: {said.how}.")
            self.query_one("#prop-reason", Input).value = ""
            for wid in ("#prop-pro", "#prop-con"):
                self.query_one(wid, Counter).value = 0


def exercise_tabs(s: Scenario, seats: dict[str, str]) -> list[tuple[str, str, type[Form]]]:
    """The facilitator's tabs this game needs beyond the five: deals, proposals."""
    tabs: list[tuple[str, str, type[Form]]] = []
    if can_deal(s, seats):
        tabs.append(("deals", "Deals", DealsForm))
    if s.freeform is not None:
        tabs.append(("proposals", "Proposals", ProposalsForm))
    return tabs
