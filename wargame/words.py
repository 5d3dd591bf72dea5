"""Counting in plain English: '1 action', '3 actions', never 'action(s)'."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 card', '2 cards', '0 passes' (with `many` for irregular words)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"
