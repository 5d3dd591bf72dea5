"""Provides the hot-seat flow: who has the keyboard, the hand-over and brief, drafted orders, the reveal."""

from __future__ import annotations

from textual.widget import Widget

from wargame import engine as E
from wargame.engine import exevents as xe
from wargame.engine.parts import PUBLIC, SubmitOrders
from wargame.tui import session, view
from wargame.tui.board import Board
from wargame.tui.clock import OrdersClock
from wargame.tui.decision import DecisionBox
from wargame.tui.desk import Desk
from wargame.tui.facilitator import FacilitatorPanel
from wargame.tui.host import Host, host
from wargame.tui.log import GameLog
from wargame.tui.meters import Meters
from wargame.tui.region import RegionPanel
from wargame.tui.session import HUMAN, Game
from wargame.words import plural


class HotSeat(Widget):
    """The keyboard passing from team to team, kept apart from the screen that applies decisions.

    It remembers which team last passed the hand-over screen, which teams have
    read their brief, and the orders a team is drafting in a simultaneous
    turn; every decision it makes leaves through `GameScreen.decide`.
    """

    DEFAULT_CSS = "HotSeat { display: none; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.at_keyboard: str | None = None  # the human team that last passed the hand-over screen
        self.briefed: set[str] = set()  # teams shown their brief at their first hand-over
        self.draft: tuple[E.Act, ...] = ()  # the actions a team has picked for this turn's orders
        self.revealing = False  # the turn's resolution is on show: nothing else is pushed over it

    @property
    def game_screen(self) -> Host:
        return host(self.screen)

    def panel(self) -> FacilitatorPanel | None:
        found = self.screen.query(FacilitatorPanel)
        return found.first() if found else None

    def keyboard_team(self, game: Game) -> str | None:
        return session.keyboard_team(game.seats, self.at_keyboard)

    def show_sight(self, old: Game | None, new: Game, viewer: str, paused: bool) -> None:
        """Board, region panel, meters, log and previews as the team at the keyboard may see them
        (its own view: no marker, '?' or a band for what it does not see), on every change."""
        s, state, screen = new.scenario, new.state, self.screen
        board = screen.query_one(Board)
        board.hidden = view.unseen(s, state.values, viewer)
        board.values = state.values
        board.refresh()
        screen.query_one(RegionPanel).lines = tuple(view.region_lines(s, state.values, board.selected, board.hidden))
        screen.query_one(Meters).groups = tuple(view.meter_groups(s, state, scores=True, viewer=viewer))
        screen.query_one(GameLog).follow(old, new, viewer)
        note = screen.query_one(Desk).waiting(new, None if viewer == PUBLIC else viewer)
        screen.query_one(DecisionBox).show(new, paused, viewer, note)

    def needs_hand_over(self, game: Game, faction: str) -> bool:
        return len(session.humans(game.seats)) > 1 and self.at_keyboard != faction

    def hand_over(self, game: Game, faction: str, kind: str) -> None:
        """Cover the screen until the team whose turn it is says it has the keyboard."""
        from wargame.tui.handover import HandOver

        team = game.scenario.faction(faction).short
        what = "answer an event card" if kind == "choice" else "choose its actions"
        why = f"The {team} team must {what} ({game.scenario.calendar.label(game.state.turn)})."
        panel = self.panel()
        if panel is not None:
            panel.hide()
        self.draft = ()
        self.drop_hand_over()
        self.app.clear_notifications()  # 'orders submitted (2 actions)' is the last team's business
        clock = self.screen.query_one(OrdersClock).text
        self.app.push_screen(HandOver(team, why, clock), lambda _: self.handed_over(faction))

    def drop_hand_over(self) -> None:
        """Take away a hand-over screen the game has moved past (its team's turn is gone)."""
        from wargame.tui.handover import HandOver

        if isinstance(self.app.screen, HandOver):
            self.app.pop_screen()

    def handed_over(self, faction: str) -> None:
        """This team's own view from now on; at its first turn its brief comes first."""
        self.at_keyboard = faction
        screen = self.game_screen
        game = screen.game
        if game is None:
            return
        self.show_sight(game, game, screen.viewer(), screen.paused)
        panel = self.panel()
        if panel is not None:
            panel.show(game, faction)
        if faction not in self.briefed and game.scenario.faction(faction).brief:
            self.briefed.add(faction)
            from wargame.tui.brief import BriefScreen

            self.app.push_screen(BriefScreen(game.scenario, faction), lambda _: self.settle(faction))
            return
        self.settle(faction)

    def settle(self, faction: str) -> None:
        """The team is at the keyboard: offers waiting for it come first (it answers them before its
        orders), then its decision."""
        game = self.game_screen.game
        if game is not None and self.screen.query_one(Desk).answer_first(game, faction):
            return
        self.game_screen.focus_decision()

    # --- simultaneous orders ------------------------------------------------------
    def draft_order(self, faction: str, decision: E.Decision) -> bool:
        """A simultaneous turn: the team picks its actions one by one; they go in as one order, hidden
        behind the hand-over screen, when it has picked as many as it may or ends with Pass."""
        screen = self.game_screen
        s = screen.scenario
        draft = (*self.draft, decision) if isinstance(decision, E.Act) else self.draft
        most = s.faction(faction).actions_per_turn
        if isinstance(decision, E.Act) and len(draft) < most:
            self.draft = draft
            name = s.action(decision.action).name
            self.notify(f"Order {len(draft)} of {most}: {name}. Pick the next, or Pass to submit.", title="Orders")
            return True
        self.draft = ()
        ok = screen.decide(SubmitOrders(faction, draft))
        if ok:
            self.notify(
                f"{s.faction(faction).short}: orders submitted ({plural(len(draft), 'action')}); "
                "they are revealed when every team's are in.",
                title="Orders",
            )
        return ok

    def reveal(self, old: Game | None, new: Game, viewer: str) -> None:
        """The last orders are in: show the turn's resolution faction by faction (Enter: next, Esc: skip)."""
        if old is None or len(new.by_step) != len(old.by_step) + 1:
            return
        events = new.by_step[-1]
        if not any(isinstance(e, xe.OrdersRevealed) for e in events):
            return
        if all(new.seats.get(f, HUMAN) != HUMAN for f in new.scenario.order):
            return  # bots only: nobody to show it to step by step
        from wargame.tui.reveal import RevealScreen, steps

        shown = steps(new.scenario, new.state, viewer, events)
        if shown:
            self.drop_hand_over()  # a team was still to take the keyboard when the orders closed
            self.revealing = True
            self.app.push_screen(RevealScreen(shown), lambda _: self.after_reveal())

    def after_reveal(self) -> None:
        self.revealing = False
        self.game_screen.next_step()
