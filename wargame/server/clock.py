"""The orders countdown, kept beside the save with the tokens, so a restarted server continues it.

The countdown lives in the tokens file, never in the save (which is handed
round for the debrief and replays the same whenever it is read). A server
that crashes leaves the deadline: the teams kept deliberating meanwhile, so
the time ran on. A server stopped on purpose (Ctrl+C before lunch) leaves
what was left instead, and the countdown picks up from there.
"""

from __future__ import annotations

import time

import attrs


@attrs.define
class OrdersClock:
    """When this turn's orders are due: the turn it counts for and when it started (monotonic).

    `rewinds` is how many rewinds the game had when the countdown started: a
    rewind (to this turn's start, say) gives the teams a fresh countdown.
    """

    turn: int = -1
    started: float = 0.0
    seconds: float = 0.0
    rewinds: int = 0

    def remaining(self, turn: int, seconds: float, rewinds: int = 0) -> tuple[float, bool]:
        """Seconds left for `turn`'s orders, and whether the countdown has just started (to be kept)."""
        fresh = turn != self.turn or seconds != self.seconds or rewinds != self.rewinds
        if fresh:
            self.turn, self.started, self.seconds, self.rewinds = turn, time.monotonic(), seconds, rewinds
        return max(0.0, seconds - (time.monotonic() - self.started)), fresh

    def left(self) -> float:
        return max(0.0, self.seconds - (time.monotonic() - self.started))

    def to_json(self, stopping: bool = False) -> dict | None:
        """The countdown as the tokens file keeps it: its deadline on the wall clock, or, when the
        server stops on purpose, the seconds it had left."""
        if self.turn < 0:
            return None
        kept = {"turn": self.turn, "rewinds": self.rewinds, "seconds": self.seconds}
        if stopping:
            return {**kept, "left": round(self.left(), 3)}
        return {**kept, "deadline": time.time() + self.left()}

    @classmethod
    def from_json(cls, doc: object) -> OrdersClock:
        """The countdown a tokens file kept (a fresh clock for anything else: the file is not trusted)."""
        if not isinstance(doc, dict) or type(doc.get("turn")) is not int or type(doc.get("rewinds", 0)) is not int:
            return cls()
        seconds, left, deadline = _number(doc.get("seconds")), _number(doc.get("left")), _number(doc.get("deadline"))
        if left is None and deadline is not None:
            left = deadline - time.time()
        if seconds is None or left is None:
            return cls()
        left = min(max(0.0, left), seconds)
        return cls(doc["turn"], time.monotonic() - (seconds - left), seconds, doc.get("rewinds", 0))


def _number(x: object) -> float | None:
    """A finite number of a sane size, or None (NaN, infinities, text and huge values are not times)."""
    if type(x) not in (int, float):
        return None
    value = float(x)  # type: ignore[arg-type]  # checked just above: an int or a float
    return value if value == value and abs(value) < 1e12 else None
