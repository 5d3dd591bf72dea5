"""Provides a team's deals: the offers waiting for its answer, its deals so far, and the offer form."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Select, Static

from wargame import engine as E
from wargame.engine import deals as D
from wargame.engine.parts import Answer, Commitment, Deal, Offer
from wargame.scenario import Scenario
from wargame.text import plain
from wargame.tui import session

NEW_OFFER = "offer"  # what the deals screen returns when the team wants to write an offer


def can_trade(scenario: Scenario) -> bool:
    """Some meter of this scenario may change hands (`tradable`)."""
    return any(m.tradable for f in scenario.factions for m in f.meters)


def people(seats: dict[str, str]) -> list[str]:
    """The factions played by people: a human team at this keyboard or another (a bot level is not)."""
    return [f for f, who in seats.items() if who not in session.ALL_LEVELS]


def can_deal(scenario: Scenario, seats: dict[str, str]) -> bool:
    """Deals are offered where a meter may change hands, or where two teams of people can promise each
    other something: a bot weighs only what changes hands, so promises alone are for people."""
    return can_trade(scenario) or len(people(seats)) >= 2


def counterparts(scenario: Scenario, seats: dict[str, str], team: str) -> list[str]:
    """Whom `team` may offer a deal: every other faction played by people, and any faction that
    can trade a meter with it either way (a bot answers what changes hands)."""
    others = [f.id for f in scenario.factions if f.id != team]
    return [
        f
        for f in others
        if f in people(seats) or tradable_pairs(scenario, team, f) or tradable_pairs(scenario, f, team)
    ]


def tradable_pairs(scenario: Scenario, payer: str, payee: str) -> list[tuple[str, str]]:
    """(meter id, label) of the payer's tradable meters the payee can receive (it has the same one)."""
    theirs = {m.id for m in scenario.faction(payee).meters if m.tradable}
    return [(m.id, m.label) for m in scenario.faction(payer).meters if m.tradable and m.id in theirs]


def deal_line(scenario: Scenario, deal: Deal, me: str) -> str:
    """'#2 from South, Jul 2016: North gives 5 $M Treasury; ... — accepted', with promises' fates."""
    o = deal.offer
    other = o.to if o.faction == me else o.faction
    way = "to" if o.faction == me else "from"
    status = deal.status + (f" ({deal.reason})" if deal.reason else "")
    fates = [f"'{c.text}': {c.fate}" for c in deal.promises if c.fate]
    tail = f" [{'; '.join(fates)}]" if fates else ""
    return (
        f"#{deal.id} {way} {scenario.faction(other).short}, {scenario.calendar.label(deal.turn)}: "
        f"{D.terms(scenario, o)} — {status}{tail}"
    )


class DealsScreen(ModalScreen["Answer | str | None"]):
    """A team's deals: accept or decline what waits for it, see its others, or write a new offer.

    It returns the team's answer (an `Answer`), NEW_OFFER, or None; the game
    screen applies the answer, so a decision never leaves a widget directly.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back to the game"),
        Binding("o", "offer", "Offer a deal"),
    ]

    def __init__(self, scenario: Scenario, state: E.GameState, team: str) -> None:
        super().__init__()
        self.scenario, self.state, self.team = scenario, state, team

    def compose(self) -> ComposeResult:
        s, me = self.scenario, self.team
        waiting = D.open_offers(self.state, me)
        mine = [d for d in self.state.ex.deals if me in (d.offer.faction, d.offer.to) and d not in waiting]
        with Vertical(id="deals"):
            yield Static(Text(f"{s.faction(me).short} team: deals", style="bold"), id="deals-title")
            with VerticalScroll(id="deals-body"):
                if waiting:
                    yield Static(Text("Waiting for your answer", style="bold underline"))
                for d in waiting:
                    yield Static(Text(plain(deal_line(s, d, me))), classes="deal-line")
                    with Horizontal(classes="deal-buttons"):
                        yield Button("Accept", id=f"accept-{d.id}", variant="success", compact=True)
                        yield Button("Decline", id=f"decline-{d.id}", variant="error", compact=True)
                yield Static(Text("Your deals", style="bold underline"))
                if not mine:
                    yield Static(Text("None yet.", style="dim"))
                for d in mine:
                    yield Static(Text(plain(deal_line(s, d, me))), classes="deal-line")
            with Horizontal(id="dialog-buttons"):
                yield Button("Offer a deal (o)", id="deals-offer", variant="primary", compact=True)
                yield Button("Close (Esc)", id="deals-close", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        bid = event.button.id or ""
        if bid == "deals-offer":
            self.dismiss(NEW_OFFER)
        elif bid == "deals-close":
            self.dismiss(None)
        else:
            how, _, num = bid.partition("-")
            self.dismiss(Answer(int(num), how == "accept"))

    def action_offer(self) -> None:
        self.dismiss(NEW_OFFER)

    def action_close(self) -> None:
        self.dismiss(None)


class OfferForm(ModalScreen["Offer | None"]):
    """Write an offer: to whom, what each side pays (tradable meters), what each side promises, by when.

    The offer is checked by the engine on a copy before it leaves, so a
    mistake (an amount the team cannot pay, an empty deal) is said here.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, scenario: Scenario, state: E.GameState, team: str, others: list[str] | None = None) -> None:
        super().__init__()
        self.scenario, self.state, self.team = scenario, state, team
        self.others = others or [f.id for f in scenario.factions if f.id != team]

    def compose(self) -> ComposeResult:
        s, me = self.scenario, self.team
        turns = [(Text(s.calendar.label(t)), t) for t in range(self.state.turn, s.turns + 1)]
        due = min(self.state.turn + 1, s.turns)  # next turn: a promise the room can check soon
        with Vertical(id="offer"):
            yield Static(Text(f"{s.faction(me).short} offers a deal", style="bold"))
            with VerticalScroll(id="offer-body"):
                yield Select(
                    [(Text(s.faction(f).name), f) for f in self.others],
                    id="offer-to",
                    prompt="To",
                    allow_blank=False,
                    compact=True,
                )
                for other in self.others:
                    for mid, label in tradable_pairs(s, me, other):
                        yield Input(placeholder=f"You give: {label} (amount)", id=f"give-{other}-{mid}", compact=True)
                    for mid, label in tradable_pairs(s, other, me):
                        who = s.faction(other).short
                        yield Input(
                            placeholder=f"You ask {who}: {label} (amount)", id=f"get-{other}-{mid}", compact=True
                        )
                yield Input(
                    placeholder="Your promise, in plain words (optional); due by:", id="offer-mine", compact=True
                )
                yield Select(turns, id="offer-mine-due", value=due, allow_blank=False, compact=True)
                yield Input(
                    placeholder="Their promise, in plain words (optional); due by:", id="offer-theirs", compact=True
                )
                yield Select(turns, id="offer-theirs-due", value=due, allow_blank=False, compact=True)
                yield Input(placeholder="A note (optional)", id="offer-note", compact=True)
            yield Static("", id="offer-error")
            with Horizontal(id="dialog-buttons"):
                yield Button("Send the offer", id="offer-send", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="offer-cancel", compact=True)

    def on_mount(self) -> None:
        self.show_fields()
        self.query_one("#offer-to", Select).focus()

    def to(self) -> str:
        value = self.query_one("#offer-to", Select).value
        return value if isinstance(value, str) else self.others[0]

    def show_fields(self) -> None:
        """Only the meters this counterpart can trade are offered."""
        to = self.to()
        for field in self.query(Input):
            wid = field.id or ""
            if wid.startswith(("give-", "get-")):
                field.display = wid.split("-")[1] == to

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "offer-to":
            self.show_fields()

    def say(self, text: str) -> None:
        self.query_one("#offer-error", Static).update(Text(text, style="bold red"))

    def offer(self) -> Offer | str:
        """The offer the form describes, or what is wrong with it in words."""
        to, me = self.to(), self.team
        give: list[tuple[str, int]] = []
        get: list[tuple[str, int]] = []
        for field in self.query(Input):
            wid, text = field.id or "", field.value.strip()
            if not text or not wid.startswith(("give-", "get-")) or wid.split("-")[1] != to:
                continue
            if not text.isdigit() or int(text) < 1:
                return f"'{text}' is not an amount: write a whole number, 1 or more"
            pair = (wid.split("-", 2)[2], int(text))
            (give if wid.startswith("give-") else get).append(pair)
        promises = []
        for wid, by in (("#offer-mine", me), ("#offer-theirs", to)):
            text = self.query_one(wid, Input).value.strip()
            if text:
                due = self.query_one(f"{wid}-due", Select).value
                if not isinstance(due, int):
                    return "Say by which turn the promise is due."
                promises.append(Commitment(by, text, due))
        note = self.query_one("#offer-note", Input).value.strip()
        return Offer(me, to, tuple(give), tuple(get), tuple(promises), note)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "offer-cancel":
            self.dismiss(None)
        else:
            self.send()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.send()

    def send(self) -> None:
        offer = self.offer()
        if isinstance(offer, str):
            self.say(offer)
            return
        try:
            session.apply(self.scenario, self.state, offer)  # a trial on the pure engine: nothing is applied
        except E.DecisionError as exc:
            self.say(f"Not sent: {exc}")
            return
        self.dismiss(offer)

    def action_cancel(self) -> None:
        self.dismiss(None)
