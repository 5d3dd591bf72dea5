"""Dice odds for free-form proposals: "2d6 + pro - con >= 7", parsed once and counted exactly."""

from __future__ import annotations

import re
from functools import cache

import attrs

DEFAULT_ODDS = "2d6 + pro - con >= 7"
_DICE = re.compile(r"\s*(\d+)d(\d+)\s*")
_TERM = re.compile(r"\s*([+-])\s*(pro|con|\d+)\s*")
_TEST = re.compile(r"\s*(>=|<=|>|<)\s*(-?\d+)\s*$")


class DiceError(ValueError):
    """A dice formula that does not parse; `offset` is where in the text it went wrong."""

    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.message, self.offset = message, offset


@attrs.frozen
class DiceOdds:
    """NdM plus signed counts of arguments for (pro) and against (con) and constants, compared with a number."""

    text: str
    dice: int
    sides: int
    pro: int  # +1, -1 or 0: how the arguments for enter the total
    con: int
    constant: int
    test: str
    threshold: int

    def success(self, rolled: int, pro: int, con: int) -> bool:
        """Whether a dice total `rolled` succeeds with these argument counts."""
        total = rolled + self.pro * pro + self.con * con + self.constant
        return {
            ">=": total >= self.threshold,
            ">": total > self.threshold,
            "<=": total <= self.threshold,
            "<": total < self.threshold,
        }[self.test]

    def percent(self, pro: int, con: int) -> int:
        """The chance of success in whole percent (rounded down), counted over every dice outcome."""
        counts = _totals(self.dice, self.sides)
        wins = sum(n for total, n in counts.items() if self.success(total, pro, con))
        outcomes: int = self.sides**self.dice
        return wins * 100 // outcomes


@cache
def _totals(dice: int, sides: int) -> dict[int, int]:
    counts = {0: 1}
    for _ in range(dice):
        nxt: dict[int, int] = {}
        for total, n in counts.items():
            for face in range(1, sides + 1):
                nxt[total + face] = nxt.get(total + face, 0) + n
        counts = nxt
    return counts


def parse_odds(text: str) -> DiceOdds:
    """Parse "NdM [+|- pro|con|N]... (>=|>|<=|<) N"; DiceError with an offset otherwise."""
    m = _DICE.match(text)
    if not m:
        raise DiceError("a free-form formula starts with dice such as 2d6", 0)
    dice, sides = int(m.group(1)), int(m.group(2))
    if not 1 <= dice <= 6 or not 2 <= sides <= 100:
        raise DiceError("use 1 to 6 dice of 2 to 100 sides", m.start(1))
    pos, pro, con, constant = m.end(), 0, 0, 0
    while (t := _TERM.match(text, pos)) is not None:
        sign = 1 if t.group(1) == "+" else -1
        word = t.group(2)
        if word == "pro":
            pro += sign
        elif word == "con":
            con += sign
        else:
            constant += sign * int(word)
        pos = t.end()
    test = _TEST.match(text, pos)
    if test is None:
        raise DiceError("expected + or - pro, con or a number, then a test such as '>= 7'", pos)
    return DiceOdds(text, dice, sides, pro, con, constant, test.group(1), int(test.group(2)))
