"""Provides the decision box: the event card and the actions, set from the game as it stands."""

from __future__ import annotations

from textual.containers import Vertical

from wargame.tui import choices
from wargame.tui.actions import ActionsPanel
from wargame.tui.card import EventCard
from wargame.tui.session import HUMAN, Game


class DecisionBox(Vertical):
    """What the team at the keyboard decides now, or who it waits for; it never changes the game."""

    def on_mount(self) -> None:
        self.border_title = "Decision"

    def show(self, game: Game, paused: bool) -> None:
        s, state, p = game.scenario, game.state, game.state.pending
        human = p is not None and game.seats.get(p.faction, HUMAN) == HUMAN
        card = self.query_one(EventCard)
        card.set_reactive(EventCard.human, human)
        card.cards = choices.cards_this_turn(s, state, list(game.events))
        actions = self.query_one(ActionsPanel)
        self.border_title = "Decision"
        choosing = human and p.kind == "choice"
        self.set_class(choosing, "-choosing")  # the card takes the whole panel
        if choosing:
            self.border_title = f"{s.faction(p.faction).short}: answer the event"
        if state.over:
            actions.note, actions.rows = "The game is over. Press r for the results.", ()
        elif p is None:
            actions.note, actions.rows = "", ()
        elif not human:
            who = f"{s.faction(p.faction).short} ({game.seats[p.faction]} bot)"
            waits = "waits: the game is paused" if paused else "is deciding… (space: skip the wait)"
            actions.note, actions.rows = f"{who} {waits}", ()
        elif p.kind == "choice":
            actions.note, actions.rows = "Answer the event card first.", ()
        else:
            self.border_title = f"{s.faction(p.faction).short}: choose an action"
            actions.note, actions.rows = "", choices.action_rows(s, state, p.faction)
        events = list(game.events)
        mine = human and p is not None and p.kind == "action" and not state.over
        actions.since = choices.moves_since(s, events, p.faction) if mine else ()
        actions.last = choices.last_result(s, state, events, own_only=mine)
