"""`Act`, the decision to take an action: on its own so that the exercise's orders (parts.py) can hold Acts."""

from __future__ import annotations

import attrs


@attrs.frozen
class Act:
    """Take an action (on a target region, for targeted actions).

    `ruling` lets a facilitator adjudicate instead of the scenario's chance:
    "success" or "failure" decide outright; "argue" rolls 2d6 + pro - con >= 7.
    """

    action: str
    target: str | None = None
    ruling: str | None = None
    pro: int = 0
    con: int = 0
    reason: str = ""
