"""Folds game summaries into the balance report: fixed-size counters that merge exactly."""

from __future__ import annotations

from collections import Counter

from wargame.analysis.stats import Moments, difference_interval, rounded, sparkline, wilson
from wargame.scenario import Scenario

MAX_EXAMPLES = 20  # problem games listed with their seeds; the rest are only counted
MAX_DETAIL = 1_000  # a problem's detail is cut here, so a shard file's examples stay small
MIN_GROUP = 10  # a card's win-rate difference needs this many games with it and without it


class Aggregate:
    """Running totals over games. `add` one summary at a time, `merge` another batch's totals; `report`.

    Every total is an integer count, sum, minimum or maximum, and the examples
    kept are the lowest-numbered problem games, so adding and merging commute:
    any split of the games into batches, merged in any order, gives the same report.
    """

    def __init__(self, scenario: Scenario, seats: dict[str, str]):
        s = self.s = scenario
        self.seats = seats
        nf = len(s.factions)
        self.games = 0
        self.finished = 0
        self.wins = [0] * nf
        self.draws = 0
        self.draw_share = [0] * nf  # games a faction finished tied for first
        self.win_margin = Moments()
        self.margins = [Moments() for _ in range(nf)]  # own final score minus the best rival's
        self.final = [Moments() for _ in range(nf)]
        self.endings: Counter = Counter()  # (reason, turn, winner or "") -> games
        # trajectory: meters, tracks, regions held per faction, at each turn's start and the end
        self.series = _series(s)
        points = s.turns + 1
        self.traj = [[0] * points for _ in self.series]
        self.traj_n = [0] * points
        self.card_drawn = [0] * len(s.cards)
        self.card_games = [0] * len(s.cards)  # games in which the card was drawn at least once
        self.card_choice: list[Counter[int]] = [Counter() for _ in s.cards]
        self.card_wins = [[0] * nf for _ in s.cards]  # wins per faction in games where the card was drawn
        self.act_taken = [0] * len(s.actions)
        self.act_rolled = [0] * len(s.actions)
        self.act_success = [0] * len(s.actions)
        self.act_games = [0] * len(s.actions)
        self.problems: Counter = Counter()
        self.examples: list[dict] = []

    def add(self, g: dict) -> None:
        s = self.s
        self.games += 1
        fidx = s.faction_index
        if g["problem"] is not None:
            kind, detail = g["problem"]
            self.problems[kind] += 1
            self.examples.append({"game": g["game"], "seed": g["seed"], "kind": kind, "detail": detail[:MAX_DETAIL]})
            if len(self.examples) > MAX_EXAMPLES:
                self._keep_first_examples()
            return
        self.finished += 1
        winner = g["winner"]
        if winner is None:
            self.draws += 1
            for fid in g["tied"]:
                self.draw_share[fidx[fid]] += 1
        scores = g["scores"]
        if winner is not None:
            self.wins[fidx[winner]] += 1
            # the lead over the runner-up (docs/simulate.md), also after a sudden victory, where the
            # engine's own margin is the points past the threshold
            w = fidx[winner]
            self.win_margin.add(scores[w] - max(scores[:w] + scores[w + 1 :], default=scores[w]))
        for i, x in enumerate(scores):
            self.final[i].add(x)
            if len(scores) > 1:
                self.margins[i].add(x - max(scores[:i] + scores[i + 1 :]))
        self.endings[(g["reason"], g["turn"], winner or "")] += 1
        history = g["history"]
        last = len(self.traj_n) - 1
        for k, values in enumerate(history):
            point = last if k == len(history) - 1 else min(k, last - 1)
            self.traj_n[point] += 1
            for j, (kind, ref, cells) in enumerate(self.series):
                self.traj[j][point] += values[ref] if kind == "slot" else sum(1 for c in cells if values[c] == ref)
        seen = set()
        for card, option in g["cards"]:
            self.card_drawn[card] += 1
            if option >= 0:
                self.card_choice[card][option] += 1
            if card not in seen:
                seen.add(card)
                if winner is not None:
                    self.card_wins[card][fidx[winner]] += 1
        for card in seen:
            self.card_games[card] += 1
        used = set()
        for action, result in g["actions"]:
            self.act_taken[action] += 1
            used.add(action)
            if result >= 0:
                self.act_rolled[action] += 1
                self.act_success[action] += result
        for action in used:
            self.act_games[action] += 1

    def merge(self, other: Aggregate) -> Aggregate:
        """Fold in the totals of other games of the same scenario and seats; returns self."""
        if other.seats != self.seats or other.shape() != self.shape():
            raise ValueError("cannot merge totals of a different scenario or seats")
        for name in ("games", "finished", "draws"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("wins", "draw_share", "traj_n", "card_drawn", "card_games", *ACTION_COUNTS):
            mine = getattr(self, name)
            for i, x in enumerate(getattr(other, name)):
                mine[i] += x
        self.win_margin.merge(other.win_margin)
        for mine, theirs in zip(self.margins + self.final, other.margins + other.final, strict=True):
            mine.merge(theirs)
        self.endings.update(other.endings)
        self.problems.update(other.problems)
        for rows, more in ((self.traj, other.traj), (self.card_wins, other.card_wins)):
            for row, extra in zip(rows, more, strict=True):
                for i, x in enumerate(extra):
                    row[i] += x
        for chosen, more_chosen in zip(self.card_choice, other.card_choice, strict=True):
            chosen.update(more_chosen)
        self.examples.extend(other.examples)
        self._keep_first_examples()
        return self

    def shape(self) -> tuple[int, ...]:
        """The sizes every total is laid out by: factions, trajectory points and series, cards, actions."""
        s = self.s
        return (len(s.factions), len(self.traj_n), len(self.series), len(s.cards), len(s.actions))

    def _keep_first_examples(self) -> None:
        self.examples.sort(key=lambda e: (e["game"], e["seed"], e["kind"], e["detail"]))
        del self.examples[MAX_EXAMPLES:]

    # --- the report ------------------------------------------------------------
    def report(self) -> dict:
        s, n = self.s, self.finished
        card_games = self.card_games
        factions = []
        for i, f in enumerate(s.factions):
            lo, hi = wilson(self.wins[i], n)
            factions.append(
                {
                    "id": f.id,
                    "name": f.name,
                    "short": f.short,
                    "level": self.seats[f.id],
                    "wins": self.wins[i],
                    "win_rate": rounded(self.wins[i] / n if n else None),
                    "ci95": [rounded(lo), rounded(hi)],
                    "tied_first": self.draw_share[i],
                    "final_score": self.final[i].as_dict(),
                    "margin_vs_best_rival": self.margins[i].as_dict(),
                }
            )
        dlo, dhi = wilson(self.draws, n)
        endings = [
            {
                "how": "sudden victory" if reason == "threshold" else "final scoring",
                "turn": turn,
                "winner": winner or None,
                "games": count,
                "share": rounded(count / n if n else None),
            }
            for (reason, turn, winner), count in sorted(
                self.endings.items(), key=lambda kv: (kv[0][0] != "threshold", kv[0][1], kv[0][2])
            )
        ]
        trajectory = []
        for j, (kind, ref, _cells) in enumerate(self.series):
            means = [rounded(t / c, 2) if c else None for t, c in zip(self.traj[j], self.traj_n, strict=True)]
            trajectory.append(
                {
                    "name": _series_name(s, kind, ref),
                    "label": _series_label(s, kind, ref),
                    "mean": means,
                    "spark": sparkline(means),
                }
            )
        cards = []
        for c, card in enumerate(s.cards):
            drawn_games = card_games[c]
            choices = []
            if card.choice is not None:
                total = sum(self.card_choice[c].values())
                for k, option in enumerate(card.choice.options):
                    share = self.card_choice[c][k] / total if total else None
                    choices.append(
                        {
                            "label": option.label,
                            "chosen": self.card_choice[c][k],
                            "share": rounded(share),
                        }
                    )
            delta: dict[str, float | None] = {}
            delta_ci: dict[str, list[float | None] | None] = {}
            for i, f in enumerate(s.factions):
                rest = n - drawn_games
                if drawn_games >= MIN_GROUP and rest >= MIN_GROUP:
                    with_card, without = self.card_wins[c][i], self.wins[i] - self.card_wins[c][i]
                    delta[f.id] = rounded(with_card / drawn_games - without / rest)
                    lo, hi = difference_interval(with_card, drawn_games, without, rest)
                    delta_ci[f.id] = [rounded(lo), rounded(hi)]
                else:
                    delta[f.id] = delta_ci[f.id] = None
            cards.append(
                {
                    "id": card.id,
                    "title": card.title,
                    "drawn": self.card_drawn[c],
                    "games_drawn": drawn_games,
                    "games_not_drawn": n - drawn_games,
                    "draw_rate": rounded(drawn_games / n if n else None),
                    "choices": choices,
                    "win_rate_delta": delta,
                    "win_rate_delta_ci": delta_ci,
                }
            )
        actions = []
        for a, action in enumerate(s.actions):
            rolled = self.act_rolled[a]
            actions.append(
                {
                    "id": action.id,
                    "name": action.name,
                    "faction": action.faction,
                    "taken": self.act_taken[a],
                    "per_game": rounded(self.act_taken[a] / n if n else None),
                    "games_used": self.act_games[a],
                    "rolled": rolled,
                    "success_rate": rounded(self.act_success[a] / rolled if rolled else None),
                }
            )
        return {
            "games": self.games,
            "finished": n,
            "factions": factions,
            "draws": {
                "games": self.draws,
                "rate": rounded(self.draws / n if n else None),
                "ci95": [rounded(dlo), rounded(dhi)],
            },
            "winning_margin": self.win_margin.as_dict(),
            "endings": endings,
            "trajectory": {
                "points": [s.calendar.label(t) for t in range(1, s.turns + 1)] + ["end"],
                "series": trajectory,
            },
            "cards": cards,
            "actions": actions,
            "problems": {
                "games": sum(self.problems.values()),
                "by_kind": dict(sorted(self.problems.items())),
                "examples": self.examples,
            },
        }


ACTION_COUNTS = ("act_taken", "act_rolled", "act_success", "act_games")


Line = tuple[str, int, tuple[int, ...]]
"""A trajectory line: ("slot", its slot, ()) for a meter or track, ("held", faction index, the control
slots) for the regions a faction holds."""


def _series(s: Scenario) -> list[Line]:
    out: list[Line] = []
    for f in s.factions:
        for m in f.meters:
            out.append(("slot", s.meter_slot(f.id, m.id), ()))
    for t in s.tracks:
        out.append(("slot", s.slot_index[t.id], ()))
    if s.regions:
        controls = s.layout.column(s.layout.control_offset)
        for i, _f in enumerate(s.factions):
            out.append(("held", i, controls))
    return out


def _series_name(s: Scenario, kind: str, ref: int) -> str:
    return s.slot_names[ref] if kind == "slot" else f"{s.factions[ref].id}.regions_held"


def _series_label(s: Scenario, kind: str, ref: int) -> str:
    from wargame.engine.events import slot_label

    if kind == "slot":
        return slot_label(s, s.slot_names[ref])
    return f"{s.factions[ref].short} regions held"
