"""Small statistics for balance reports: Wilson intervals, means and spreads, sparklines."""

from __future__ import annotations

import math

BARS = "▁▂▃▄▅▆▇█"


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval for k successes in n trials (95% by default).

    Unlike the normal approximation it stays inside 0..1 and behaves at 0 and n
    wins, which balance reports hit often (a faction that never wins).
    """
    if n <= 0:
        return (0.0, 1.0)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def difference_interval(k1: int, n1: int, k2: int, n2: int, z: float = 1.96) -> tuple[float, float]:
    """A 95% interval for k1/n1 - k2/n2 (Newcombe's hybrid score method, from two Wilson intervals).

    A card drawn in 98% of games leaves a handful of games without it, and the
    raw difference of win rates between the two groups is then mostly noise;
    this interval says how much of it could be chance.
    """
    p1, p2 = k1 / n1, k2 / n2
    l1, u1 = wilson(k1, n1, z)
    l2, u2 = wilson(k2, n2, z)
    d = p1 - p2
    return (d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2))


class Moments:
    """Count, sum and sum of squares: a mean and a spread in constant memory, exact for integers."""

    __slots__ = ("hi", "lo", "n", "squares", "total")

    def __init__(self) -> None:
        self.n, self.total, self.squares = 0, 0, 0
        self.lo: int | None = None
        self.hi: int | None = None

    def add(self, x: int) -> None:
        self.n += 1
        self.total += x
        self.squares += x * x
        self.lo = x if self.lo is None or x < self.lo else self.lo
        self.hi = x if self.hi is None or x > self.hi else self.hi

    def merge(self, other: Moments) -> None:
        """Fold in another run's moments: exact, so the order of merging never shows."""
        self.n += other.n
        self.total += other.total
        self.squares += other.squares
        if other.lo is not None and other.hi is not None:  # both set by the first add
            self.lo = other.lo if self.lo is None else min(self.lo, other.lo)
            self.hi = other.hi if self.hi is None else max(self.hi, other.hi)

    def to_list(self) -> list:
        return [self.n, self.total, self.squares, self.lo, self.hi]

    @classmethod
    def from_list(cls, data: list) -> Moments:
        """The inverse of `to_list`; the caller has checked the shape (see `aggregate_io`)."""
        m = cls()
        m.n, m.total, m.squares, m.lo, m.hi = data
        return m

    @property
    def mean(self) -> float | None:
        return self.total / self.n if self.n else None

    @property
    def sd(self) -> float | None:
        if self.n < 2:
            return 0.0 if self.n else None
        var = (self.squares - self.total * self.total / self.n) / (self.n - 1)
        return math.sqrt(max(0.0, var))

    def as_dict(self) -> dict:
        return {
            "mean": rounded(self.mean),
            "sd": rounded(self.sd),
            "min": self.lo,
            "max": self.hi,
            "n": self.n,
        }


def rounded(x: float | None, digits: int = 4) -> float | None:
    """Floats rounded for reports, so JSON stays readable and stable."""
    return None if x is None else round(x, digits)


def sparkline(values: list[float | None]) -> str:
    """A unicode sparkline; gaps (no game reached that turn) are blanks."""
    seen = [v for v in values if v is not None]
    if not seen:
        return ""
    lo, hi = min(seen), max(seen)
    span = hi - lo
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        elif span == 0:
            out.append(BARS[len(BARS) // 2])
        else:
            out.append(BARS[min(len(BARS) - 1, int((v - lo) / span * (len(BARS) - 1) + 0.5))])
    return "".join(out)
