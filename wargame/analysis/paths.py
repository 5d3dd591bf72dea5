"""Human-only paths: card options some legal play closes before the card comes, and actions only humans take.

Bots play the same way every time, so a balance run never sees what a team
that plays differently can do to the game. Here each playable faction in
turn plays at random (every legal decision equally likely) while the others
keep their bots, and the games are compared with all-bot games on the same
seeds: an option the bots always found open but some random play found
closed is a path only humans reach (with the seed and the reason the engine
gives), and so is an action the bots never take.
"""

from __future__ import annotations

from collections import Counter

from wargame import bots
from wargame import engine as E
from wargame.analysis.runner import game_seed, play
from wargame.scenario import Scenario

RECENT = 3  # the random faction's last actions shown with a closed option


class _Watcher:
    """Wraps the bots: counts each card option offered or closed when the card comes, and who took which action."""

    def __init__(self, random_faction: str | None):
        self.random_faction = random_faction
        self.came: Counter = Counter()  # card -> times its choice was pending
        self.closed: Counter = Counter()  # (card, option) -> times it could not be picked
        self.examples: dict = {}  # (card, option) -> first example
        self.taken: Counter = Counter()  # action -> times taken by the random faction
        self.bot_taken: Counter = Counter()  # action -> times taken in all-bot games
        self.seed = 0
        self.recent: list[str] = []

    def choose(self, scenario: Scenario, state: E.GameState, level: str) -> tuple[E.Decision, str]:
        p = state.pending
        if p is not None and p.kind == "choice" and p.card is not None:
            self.came[p.card] += 1
            for i, (_o, why) in enumerate(E.available_options(scenario, state, p.card)):
                if why:
                    self.closed[(p.card, i)] += 1
                    self.examples.setdefault(
                        (p.card, i),
                        {
                            "seed": self.seed,
                            "turn": state.turn,
                            "why": why,
                            "after": list(self.recent[-RECENT:]),
                        },
                    )
        if p is not None and p.faction == self.random_faction:
            decision, why = bots.choose(scenario, state, "random")
            if isinstance(decision, E.Act):
                self.taken[decision.action] += 1
                self.recent.append(f"turn {state.turn}: {decision.action}")
            return decision, why
        return bots.choose(scenario, state, level)


def find(scenario: Scenario, seats: dict[str, str], games: int, master: int) -> dict:
    """Play `games` all-bot games, then as many with each playable faction at random; what only humans reach."""
    seeds = [game_seed(master, g) for g in range(games)]
    base = _watch(scenario, seats, seeds, None)
    closed: list[dict] = []
    taken_by_random: Counter = Counter()
    for f in scenario.factions:
        if not f.playable:
            continue
        w = _watch(scenario, seats, seeds, f.id)
        taken_by_random.update(w.taken)
        for (card, i), n in sorted(w.closed.items()):
            if base.closed.get((card, i), 0) == 0 and w.came[card]:
                choice = scenario.card(card).choice
                if choice is None:  # only a card's choice closes options
                    continue
                closed.append(
                    {
                        "card": card,
                        "option": choice.options[i].label,
                        "chooser": choice.faction,
                        "random_faction": f.id,
                        "closed": n,
                        "came": w.came[card],
                        **w.examples[(card, i)],
                    }
                )
    never = [a.id for a in scenario.actions if a.id not in base.bot_taken and taken_by_random[a.id]]
    return {"games": games, "closed_options": closed, "actions_only_humans_take": never}


def _watch(scenario: Scenario, seats: dict[str, str], seeds: list[int], random_faction: str | None) -> _Watcher:
    w = _Watcher(random_faction)
    action_ids = [a.id for a in scenario.actions]
    for seed in seeds:
        w.seed, w.recent = seed, []
        summary = play(scenario, seed, seats, chooser=w.choose)
        if random_faction is None:
            for ix, _ok in summary["actions"]:
                w.bot_taken[action_ids[ix]] += 1
    return w
