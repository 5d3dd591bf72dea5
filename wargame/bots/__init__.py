"""Bots: choose a decision for the pending faction, with a one-line reason a trainee can read."""

from wargame.bots.policy import LEVELS, choose

__all__ = ["LEVELS", "choose"]
