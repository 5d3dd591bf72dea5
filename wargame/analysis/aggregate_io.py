"""An Aggregate as plain JSON-able data and back, checking every field: shard files are untrusted."""

from __future__ import annotations

from collections import Counter

from wargame.analysis.aggregate import ACTION_COUNTS, MAX_DETAIL, MAX_EXAMPLES, Aggregate
from wargame.analysis.stats import Moments
from wargame.scenario import Scenario

MAX_TEXT = MAX_DETAIL  # a problem's detail or an ending's reason: longer is not something we wrote


class ShapeError(ValueError):
    """Totals that do not have the shape this scenario gives them; the message names the field."""


def to_dict(agg: Aggregate) -> dict:
    """The totals only (no scenario): what a worker sends back and a shard file stores."""
    return {
        "games": agg.games,
        "finished": agg.finished,
        "draws": agg.draws,
        "wins": agg.wins,
        "draw_share": agg.draw_share,
        "win_margin": agg.win_margin.to_list(),
        "margins": [m.to_list() for m in agg.margins],
        "final": [m.to_list() for m in agg.final],
        "endings": sorted([reason, turn, winner, n] for (reason, turn, winner), n in agg.endings.items()),
        "traj": agg.traj,
        "traj_n": agg.traj_n,
        "card_drawn": agg.card_drawn,
        "card_games": agg.card_games,
        "card_choice": [[list(kv) for kv in sorted(c.items())] for c in agg.card_choice],
        "card_wins": agg.card_wins,
        **{name: getattr(agg, name) for name in ACTION_COUNTS},
        "problems": [list(kv) for kv in sorted(agg.problems.items())],
        "examples": agg.examples,
    }


def from_dict(scenario: Scenario, seats: dict[str, str], data: object) -> Aggregate:
    """An Aggregate from `to_dict`'s output, or ShapeError saying which field is wrong."""
    agg = Aggregate(scenario, seats)
    nf, points, series, nc, na = agg.shape()
    d = _fields(data, agg)
    agg.games, agg.finished, agg.draws = (_count(d[k], k) for k in ("games", "finished", "draws"))
    if agg.finished > agg.games or agg.draws > agg.finished:
        raise ShapeError("games, finished and draws do not add up")
    agg.wins, agg.draw_share = _counts(d["wins"], nf, "wins"), _counts(d["draw_share"], nf, "draw_share")
    agg.win_margin = _moments(d["win_margin"], "win_margin")
    agg.margins = [_moments(m, "margins") for m in _list(d["margins"], nf, "margins")]
    agg.final = [_moments(m, "final") for m in _list(d["final"], nf, "final")]
    agg.endings = Counter()
    for row in _list(d["endings"], None, "endings"):
        reason, turn, winner, n = _list(row, 4, "endings")
        if winner != "" and winner not in scenario.faction_index:
            raise ShapeError(f"endings: {str(winner)[:40]!r} is not a faction of this scenario")
        key = (_text(reason, "endings"), _count(turn, "endings"), winner)
        agg.endings[key] += _count(n, "endings")
    agg.traj = [_counts(row, points, "traj") for row in _list(d["traj"], series, "traj")]
    agg.traj_n = _counts(d["traj_n"], points, "traj_n")
    agg.card_drawn, agg.card_games = (
        _counts(d["card_drawn"], nc, "card_drawn"),
        _counts(d["card_games"], nc, "card_games"),
    )
    agg.card_choice = []
    for card, pairs in zip(scenario.cards, _list(d["card_choice"], nc, "card_choice"), strict=True):
        options = len(card.choice.options) if card.choice is not None else 0
        choice: Counter = Counter()
        for pair in _list(pairs, None, "card_choice"):
            option, n = _list(pair, 2, "card_choice")
            if _count(option, "card_choice") >= options:
                raise ShapeError(f"card_choice: card '{card.id}' has no option {option}")
            choice[option] += _count(n, "card_choice")
        agg.card_choice.append(choice)
    agg.card_wins = [_counts(row, nf, "card_wins") for row in _list(d["card_wins"], nc, "card_wins")]
    for name in ACTION_COUNTS:
        setattr(agg, name, _counts(d[name], na, name))
    agg.problems = Counter()
    for pair in _list(d["problems"], None, "problems"):
        kind, n = _list(pair, 2, "problems")
        agg.problems[_text(kind, "problems")] += _count(n, "problems")
    agg.examples = [_example(e) for e in _list(d["examples"], None, "examples")[:MAX_EXAMPLES]]
    return agg


def _fields(data: object, agg: Aggregate) -> dict:
    if not isinstance(data, dict):
        raise ShapeError("the totals are not a JSON object")
    want = set(to_dict(agg))
    missing, extra = sorted(want - set(data)), sorted(set(data) - want)
    if missing or extra:
        raise ShapeError(f"the totals miss {missing} and have unknown {extra}"[:200])
    return data


def _count(x: object, field: str) -> int:
    if type(x) is not int or x < 0:
        raise ShapeError(f"{field}: {str(x)[:40]!r} is not a count")
    return x


def _int(x: object, field: str) -> int:
    if type(x) is not int:
        raise ShapeError(f"{field}: {str(x)[:40]!r} is not a whole number")
    return x


def _text(x: object, field: str) -> str:
    if not isinstance(x, str) or len(x) > MAX_TEXT:
        raise ShapeError(f"{field}: expected a short text")
    return x


def _list(x: object, length: int | None, field: str) -> list:
    if not isinstance(x, list):
        raise ShapeError(f"{field}: expected a list")
    if length is not None and len(x) != length:
        raise ShapeError(f"{field}: expected {length} entries for this scenario, found {len(x)}")
    return x


def _counts(x: object, length: int, field: str) -> list[int]:
    return [_count(v, field) for v in _list(x, length, field)]


def _moments(x: object, field: str) -> Moments:
    n, total, squares, lo, hi = _list(x, 5, field)
    _count(n, field), _int(total, field), _count(squares, field)
    if n == 0:
        if (total, squares, lo, hi) != (0, 0, None, None):
            raise ShapeError(f"{field}: an empty spread with values")
    elif _int(lo, field) > _int(hi, field):
        raise ShapeError(f"{field}: minimum above maximum")
    return Moments.from_list([n, total, squares, lo, hi])


def _example(e: object) -> dict:
    if not isinstance(e, dict) or set(e) != {"game", "seed", "kind", "detail"}:
        raise ShapeError("examples: each needs exactly game, seed, kind and detail")
    return {
        "game": _count(e["game"], "examples"),
        "seed": _count(e["seed"], "examples"),
        "kind": _text(e["kind"], "examples"),
        "detail": _text(e["detail"], "examples"),
    }
