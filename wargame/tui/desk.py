"""Provides the team's desk: its brief (b), its deals and offers (d), its free-form proposals (w)."""

from __future__ import annotations

from textual.widget import Widget

from wargame.engine import deals as D
from wargame.engine.parts import PUBLIC, Answer, Offer, Propose
from wargame.tui.brief import BriefScreen
from wargame.tui.deals import NEW_OFFER, DealsScreen, OfferForm, can_deal, counterparts
from wargame.tui.host import Host, host
from wargame.tui.propose import ProposeForm
from wargame.tui.session import Game
from wargame.words import plural

DESK_KEYS = ("brief", "deals", "propose")


class Desk(Widget):
    """Opens the team-at-the-keyboard's papers and sends what it decides there through the screen.

    Every deal, answer and proposal leaves through `GameScreen.decide`, the
    path `wargame join` replaces, so a served game gets them unchanged.
    """

    DEFAULT_CSS = "Desk { display: none; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._told: set[tuple[str, int]] = set()  # (team, deal) offers already announced

    @property
    def host(self) -> Host:
        return host(self.screen)

    def team(self) -> str | None:
        """The team at the keyboard (None before the first hand-over, or on the projector)."""
        h = self.host
        viewer = h.viewer()
        return viewer if viewer != PUBLIC and viewer in h.scenario.faction_index else None

    def why_closed(self, what: str) -> str:
        """'' if `what` may be opened now, else why not, in words."""
        s, team = self.host.scenario, self.team()
        if team is None:
            return "No team has the keyboard yet."
        if what == "brief" and not s.faction(team).brief:
            return "This scenario gives your team no brief."
        game = self.host.game
        if what == "deals" and not (game is not None and can_deal(s, game.seats)):
            return "No deals here: this scenario has no tradable meters, and no other team of people to promise."
        if what == "propose" and s.freeform is None:
            return "This scenario allows no free-form proposals."
        if what == "propose" and not self.host.facilitator:
            return "Free-form proposals need a facilitator to judge them (wargame play --facilitator)."
        return ""

    def open(self, what: str) -> None:
        game, team = self.host.game, self.team()
        why = self.why_closed(what)
        if why or game is None or team is None:
            self.notify(why or "No game.", severity="warning")
            return
        s, state = game.scenario, game.state
        if what == "brief":
            self.app.push_screen(BriefScreen(s, team), lambda _: self.host.focus_decision())
        elif what == "deals":
            self.app.push_screen(DealsScreen(s, state, team), lambda r: self.dealt(r, team))
        else:
            self.app.push_screen(ProposeForm(s, state, team), self.proposed)

    def dealt(self, result: Answer | str | None, team: str) -> None:
        game = self.host.game
        if isinstance(result, Answer) and game is not None:
            if self.host.decide(result):
                self.say_answer(result)
        elif result == NEW_OFFER and game is not None:
            self.app.push_screen(
                OfferForm(game.scenario, game.state, team, counterparts(game.scenario, game.seats, team)), self.offered
            )
            return
        self.host.focus_decision()

    def say_answer(self, answer: Answer) -> None:
        game = self.host.game
        deal = next((d for d in game.state.ex.deals if d.id == answer.deal), None) if game else None
        if deal is not None:
            why = f": {deal.reason}" if deal.reason else ""
            self.notify(f"Deal #{deal.id} {deal.status}{why}.", title="Deals")

    def offered(self, offer: Offer | None) -> None:
        if offer is not None and self.host.decide(offer):
            to = self.host.scenario.faction(offer.to).short
            self.notify(f"Offer sent to {to}; it answers before its next orders.", title="Deals")
        self.host.focus_decision()

    def proposed(self, proposal: Propose | None) -> None:
        if proposal is not None and self.host.decide(proposal):
            self.notify("Proposal made: the facilitator hears your arguments and decides.", title="Proposal")
        self.host.focus_decision()

    def waiting(self, game: Game, team: str | None) -> str:
        """'1 offer waits for your answer: d' for the team at the keyboard ('' if none); a new one
        is announced once."""
        if team is None or team not in game.scenario.faction_index:
            return ""
        offers = D.open_offers(game.state, team)
        for d in offers:
            if (team, d.id) not in self._told:
                self._told.add((team, d.id))
                who = game.scenario.faction(d.offer.faction).short
                self.notify(f"{who} offers you a deal: press d to answer.", title="Deals")
        return f"Waiting for your answer: {plural(len(offers), 'offer')} (press d)." if offers else ""

    def answer_first(self, game: Game, team: str) -> bool:
        """At a team's hand-over: offers waiting for it open at once (it answers them before its orders)."""
        if not D.open_offers(game.state, team):
            return False
        self.app.push_screen(DealsScreen(game.scenario, game.state, team), lambda r: self.dealt(r, team))
        return True
