"""A sweep as tasks: groups of games, cut into batches that a worker reduces to one set of totals.

Every backend (this process, a process pool, a Dask cluster, a shard on some
other machine) runs the same `play_batch`, a module-level function, so it is
sent by name and the worker imports it from the installed package. A worker
loads each scenario text once and keeps it by digest, however many batches
of it come its way.
"""

from __future__ import annotations

import hashlib
import math
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from wargame.analysis.aggregate import Aggregate
from wargame.analysis.aggregate_io import to_dict
from wargame.analysis.runner import game_seed, play
from wargame.engine.sessions import apply_session
from wargame.scenario import Scenario, load_text

CACHED_SCENARIOS = 16  # a worker keeps this many loaded scenarios (a grid's points, a probe's variants)


@dataclass(frozen=True)
class Group:
    """One set of games to report on: the base run, a `--vary` point, a probe, a preset.

    All groups of a sweep play the same game numbers, so with the same master
    seed they play the same seeds and a point is compared with the base on the
    same games. `play` is called as `play(scenario, seed, seats, **options)` and
    returns a game summary (see `runner.play`); it must be a module-level
    function of the package, and `options` plain data, so both travel by name.
    """

    label: str  # "" for the base run; "KEY=VALUE" for a --vary point
    text: str  # the scenario's YAML, exactly as played (a varied copy for a --vary point)
    name: str  # the file name the loader's messages give
    seats: dict[str, str]
    play: Callable[..., dict] = play
    options: dict = field(default_factory=dict)
    session: str = ""  # a session preset applied to the scenario ('' : as written)
    digest: str = field(init=False)

    def __post_init__(self) -> None:
        key = self.text + (f"\0session:{self.session}" if self.session else "")
        object.__setattr__(self, "digest", hashlib.sha256(key.encode("utf-8")).hexdigest())


@dataclass(frozen=True)
class Batch:
    """Games first..end-1 of group number `group`."""

    group: int
    first: int
    end: int

    @property
    def games(self) -> int:
        return self.end - self.first


def plan(groups: int, first: int, end: int, size: int) -> list[Batch]:
    """Every group's games first..end-1, cut into batches of at most `size` games."""
    return [Batch(g, lo, min(lo + size, end)) for g in range(groups) for lo in range(first, end, max(1, size))]


def batch_size(requested: int, games: int, workers: int) -> int:
    """`requested`, made smaller when a run is too short to give every worker four batches."""
    return max(1, min(requested, math.ceil(games / (4 * max(1, workers)))))


_SCENARIOS: OrderedDict[str, Scenario] = OrderedDict()


def scenario_of(group: Group) -> Scenario:
    """The group's scenario, loaded once per worker process and kept by digest."""
    scenario = _SCENARIOS.get(group.digest)
    if scenario is None:
        scenario = _SCENARIOS[group.digest] = apply_session(load_text(group.text, group.name)[0], group.session)
        if len(_SCENARIOS) > CACHED_SCENARIOS:
            _SCENARIOS.popitem(last=False)
    else:
        _SCENARIOS.move_to_end(group.digest)
    return scenario


def play_batch(group: Group, first: int, end: int, master: int) -> dict:
    """Games first..end-1 of a group, reduced to one set of totals (`aggregate_io.to_dict`).

    Only the totals leave the worker: a few kilobytes a batch, whatever the
    number of games in it.
    """
    scenario = scenario_of(group)
    agg = Aggregate(scenario, group.seats)
    for game in range(first, end):
        summary = group.play(scenario, game_seed(master, game), group.seats, **group.options)
        summary["game"] = game
        agg.add(summary)
    return to_dict(agg)


def remember(group: Group, scenario: Scenario) -> None:
    """Keep a scenario this process has already loaded, so its first batch here does not load it again."""
    _SCENARIOS[group.digest] = scenario
    if len(_SCENARIOS) > CACHED_SCENARIOS:
        _SCENARIOS.popitem(last=False)
