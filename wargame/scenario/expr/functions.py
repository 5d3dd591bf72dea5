"""The expression language's functions, declared once: how each is written and what it reads.

`Compiler.c_Call` compiles a call through the method named after the
function, and adds to the arguments' reads what the table says the function
reads beyond them. A function missing from the table is an unknown name to
the compiler; a function in the table without a compile method fails at
import (see `check_table`), so a new function cannot leave a cache stale.
"""

from __future__ import annotations

import enum

import attrs


class Extra(enum.Enum):
    """What a function reads beyond its arguments' own reads."""

    NOTHING = "nothing"  # min, max, abs, clamp; has_tag (tags never change in play)
    EVERY_REGION = "its argument in every region"  # count, sum: the argument is evaluated per region
    CONTROL = "the controller of its region argument"  # controls
    NEIGHBOURS_CONTROL = "the controller of every neighbour of its region argument"  # adjacent


@attrs.frozen
class Function:
    usage: str  # the reference's one line: "count(condition): how many regions satisfy the condition"
    reads: Extra
    region_arg: int = -1  # the argument naming the region whose control (or neighbours') it reads

    def __str__(self) -> str:
        return self.usage


FUNCTIONS: dict[str, Function] = {
    "min": Function("min(a, b, ...): the smallest number", Extra.NOTHING),
    "max": Function("max(a, b, ...): the largest number", Extra.NOTHING),
    "abs": Function("abs(x): x without its sign", Extra.NOTHING),
    "clamp": Function("clamp(x, lo, hi): x kept within lo..hi", Extra.NOTHING),
    "count": Function("count(condition): how many regions satisfy the condition", Extra.EVERY_REGION),
    "sum": Function("sum(number): the number added up over every region", Extra.EVERY_REGION),
    "adjacent": Function(
        "adjacent(region, faction): the region borders one the faction controls", Extra.NEIGHBOURS_CONTROL, 0
    ),
    "controls": Function("controls(faction, region): the faction controls the region", Extra.CONTROL, 1),
    "has_tag": Function('has_tag(region, "tag"): the region carries the tag', Extra.NOTHING),
}


def check_table(compiler_class: type) -> None:
    """Every declared function has a compile method `fn_NAME`, and every such method is declared."""
    methods = {name[3:] for name in dir(compiler_class) if name.startswith("fn_")}
    if methods != set(FUNCTIONS):
        raise RuntimeError(f"functions and their compile methods differ: {sorted(methods ^ set(FUNCTIONS))}")
