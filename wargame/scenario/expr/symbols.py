"""What names mean in one scenario, as the compiler (compile.py, calls.py) resolves them."""

from __future__ import annotations

import attrs

from wargame.scenario.layout import Layout


@attrs.frozen(eq=False)
class Symbols:
    """What names mean in one scenario: the layout of its values, its factions, borders, tags and cards."""

    factions: tuple[str, ...]
    layout: Layout
    adjacency: tuple[tuple[int, ...], ...]
    tags: tuple[frozenset[str], ...]
    cards: frozenset[str]

    @property
    def meters(self) -> dict[str, dict[str, int]]:
        return self.layout.meters

    @property
    def tracks(self) -> dict[str, int]:
        return self.layout.tracks

    @property
    def regions(self) -> tuple[str, ...]:
        return self.layout.regions

    @property
    def attributes(self) -> tuple[str, ...]:
        return self.layout.attributes
