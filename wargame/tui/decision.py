"""Provides the decision box: the event card, the actions and the target picker, set from the game."""

from __future__ import annotations

import attrs
from rich.text import Text
from textual.containers import Vertical

from wargame import engine as E
from wargame.engine.observe import PUBLIC, believed_values
from wargame.tui import choices
from wargame.tui.actions import ActionsPanel
from wargame.tui.card import EventCard
from wargame.tui.messages import Decide, PickTarget
from wargame.tui.session import HUMAN, Game


def as_seen(game: Game, viewer: str) -> E.GameState:
    """The state with the values `viewer` believes (a band's midpoint, the start value where it sees
    nothing), as the bots decide: previews and the target picker then never tell a hidden value."""
    s, state = game.scenario, game.state
    if not s.has_hidden or viewer == PUBLIC or viewer not in s.faction_index:
        return state
    believed = believed_values(s, state, viewer)
    return state if believed == state.values else attrs.evolve(state, values=believed)


class DecisionBox(Vertical):
    """What the team at the keyboard decides now, or who it waits for.

    It never changes the game: a choice leaves it as a `Decide` message for
    the screen. Odds and previews are worked out on the team's own view.
    """

    def __init__(self, *children, id: str | None = None) -> None:
        super().__init__(*children, id=id)
        self.game: Game | None = None
        self.seen: E.GameState | None = None  # the state as the team at the keyboard believes it

    def on_mount(self) -> None:
        self.border_title = "Decision"

    def show(self, game: Game, paused: bool, viewer: str = PUBLIC, note: str = "") -> None:
        s, state, p = game.scenario, game.state, game.state.pending
        self.game, self.seen = game, as_seen(game, viewer)
        human = p is not None and game.seats.get(p.faction, HUMAN) == HUMAN
        card = self.query_one(EventCard)
        card.set_reactive(EventCard.human, human)
        card.cards = choices.cards_this_turn(s, state, list(game.events))
        actions = self.query_one(ActionsPanel)
        self.border_title = "Decision"
        choosing = p is not None and human and p.kind == "choice"
        self.set_class(choosing, "-choosing")  # the card takes the whole panel
        if p is not None and choosing:
            self.border_title = Text(f"{s.faction(p.faction).short}: answer the event")
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
            self.border_title = Text(f"{s.faction(p.faction).short}: choose an action")
            actions.note, actions.rows = note, choices.action_rows(s, self.seen, p.faction)
        events = list(game.events)
        mine = human and p is not None and p.kind == "action" and not state.over
        actions.since = choices.moves_since(s, events, p.faction) if mine and p is not None else ()
        actions.last = choices.last_result(s, state, events, own_only=mine)

    def on_pick_target(self, message: PickTarget) -> None:
        """A targeted action: the picker lists its targets with the odds the team can see."""
        message.stop()
        game, seen = self.game, self.seen
        if game is None or seen is None:
            return
        asked = game.state
        rows = choices.target_rows(game.scenario, seen, message.action)
        from wargame.tui.targets import TargetPicker

        def picked(region: str | None) -> None:
            if region is not None and self.game is not None and self.game.state is asked:
                self.post_message(Decide(E.Act(message.action, region), asked=asked))

        self.app.push_screen(TargetPicker(game.scenario.action(message.action).name, rows), picked)
