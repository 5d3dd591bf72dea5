"""What every subcommand module shares: the parser class, help layout, bot levels and error printing."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TypeAlias

from wargame.errors import EXIT_USAGE
from wargame.text import one_line

if TYPE_CHECKING:
    from wargame.scenario import Scenario

LEVELS = ("random", "easy", "normal", "hard")  # = wargame.bots.LEVELS (a test holds them equal); parsing stays light


class Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one plain line on a usage error (no usage dump)."""

    def error(self, message: str) -> NoReturn:
        message = one_line(message)  # an argument is quoted back: a 5 MB one must not be
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n(see '{self.prog} --help')\n")


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the line breaks of descriptions and example epilogs; options wrap as usual."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30)


if TYPE_CHECKING:
    Subcommands: TypeAlias = argparse._SubParsersAction[Parser]  # what `add(sub)` of a command module gets


def add_command(
    sub: Subcommands, name: str, *, help: str, description: str, examples: str, aliases: Sequence[str] = ()
) -> Parser:
    """A subcommand parser with its one-line help, a description, and an epilog of examples."""
    return sub.add_parser(
        name,
        help=help,
        description=description,
        epilog="examples:\n" + "\n".join(f"  {line}" if line else "" for line in examples.strip().splitlines()),
        formatter_class=HelpFormatter,
        aliases=list(aliases),
    )


def hidden_alias(parser: argparse.ArgumentParser, flag: str, dest: str, **kwargs: Any) -> None:
    """An old spelling of an option that still works but no longer shows in --help."""
    parser.add_argument(flag, dest=dest, help=argparse.SUPPRESS, **kwargs)


def seat_option(parser: argparse.ArgumentParser, metavar: str, help: str) -> None:
    """--seat FACTION=WHO, repeatable: one spelling of the seat option for every command that has it."""
    parser.add_argument("--seat", action="append", default=[], metavar=metavar, help=help)


def load_session(name: str, session: str | None) -> Scenario:
    """The scenario with session preset `session` applied; one line (listing the presets) if it has none."""
    from wargame.catalog import load
    from wargame.engine.sessions import UnknownSession, apply_session
    from wargame.errors import UserError

    scenario = load(name)
    try:
        return apply_session(scenario, session)
    except UnknownSession as exc:
        raise UserError(str(exc)) from None
