"""Located problems (errors and warnings) collected while loading a scenario."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

import attrs

from wargame.text import plain

MAX_ERRORS = 50


@attrs.frozen
class Where:
    """A place in a file: 1-based line and column, as editors count them."""

    file: str
    line: int
    column: int

    def shifted(self, columns: int) -> Where:
        """The same line, `columns` further right (for a spot inside a scalar)."""
        return Where(self.file, self.line, self.column + columns)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@attrs.frozen
class Problem:
    severity: str  # "error" or "warning"
    where: Where
    message: str

    def __str__(self) -> str:
        return plain(f"{self.where}: {self.severity}: {self.message}")  # a file name may hold anything


class TooManyProblems(Exception):
    """Raised once the error cap is reached, so a hopeless file stops early."""


@attrs.define
class Problems:
    """Collects every problem of one load, up to a cap, in file order."""

    items: list[Problem] = attrs.field(factory=list)
    cap: int = MAX_ERRORS
    unsound: int = 0  # errors that lose an id or a whole mapping (see the loader's names_sound)

    def error(self, where: Where, message: str) -> None:
        self.items.append(Problem("error", where, short(message)))
        if len(self.errors) >= self.cap:
            raise TooManyProblems

    def warning(self, where: Where, message: str) -> None:
        self.items.append(Problem("warning", where, short(message)))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=lambda p: (p.where.line, p.where.column))

    def capped(self) -> list[Problem]:
        """The problems found before the cap, then one line saying the check stopped there."""
        out = self.sorted()
        last = max((p.where for p in self.errors), key=lambda w: (w.line, w.column))
        out.append(Problem("error", last, f"too many errors: stopped after {self.cap}; fix these and validate again"))
        return out


MAX_MESSAGE = 400
_LONG_WORD = re.compile(r"\S{61,}")


def short(message: str) -> str:
    """A message kept to one readable line: any quoted word past 60 characters is cut, the whole past 400."""
    if len(message) <= MAX_MESSAGE:
        return message
    message = _LONG_WORD.sub(lambda m: m[0][:56] + "...", message)
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 3] + "..."


def clip(text: str, limit: int = 60) -> str:
    """Text quoted in a one-line message: whitespace runs folded, long text cut with '...'."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3].rstrip() + "..."


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean X?)' suffix when a close match exists, else ''."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


class ScenarioError(Exception):
    """A scenario that could not be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
