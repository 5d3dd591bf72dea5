"""The `wargame` entry point: builds the parser from the subcommand modules and runs the one asked for.

Adding a subcommand is one module here plus one line in COMMANDS (docs/contributing.md).
Subcommand modules import heavy things (Textual, Rich, the engine) only inside
`run`, so `validate` and `schema` never load Textual (a test measures it).
"""

from __future__ import annotations

import difflib
import importlib
import sys
from types import ModuleType

from wargame.cli.common import HelpFormatter, Parser
from wargame.errors import EXIT_USAGE, UserError, version
from wargame.text import one_line

# One line per subcommand, in the order `wargame --help` lists them: the module wargame/cli/NAME.py.
COMMANDS = (
    "play",
    "validate",
    "schema",
    "describe",
    "autoplay",
    "replay",
    "simulate",
    "merge",
    "report",
    "briefs",
    "new",
    "serve",
    "join",
    "completion",
)

EXAMPLES = """\
examples:
  wargame play                      the start screen: pick a scenario and who plays
  wargame play tutorial             a ten-minute game that teaches the screen
  wargame describe libya-2016       factions (with the ids --seat takes), actions, cards
  wargame validate my-crisis.yaml   every problem of a scenario as FILE:LINE:COL
  wargame COMMAND --help            the options of one command, with examples
"""


def modules() -> list[ModuleType]:
    """The subcommand modules, imported (they are light: heavy imports wait inside `run`)."""
    return [importlib.import_module(f"wargame.cli.{name}") for name in COMMANDS]


def build_parser() -> Parser:
    p = Parser(
        prog="wargame",
        description="A terminal wargame for political-military crisis training, driven by YAML scenarios.",
        epilog=EXAMPLES,
        formatter_class=HelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"wargame {version()}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in modules():
        module.add(sub)
    return p


def command_names(parser: Parser) -> list[str]:
    """Every subcommand name the parser accepts (for did-you-mean and completion)."""
    for action in parser._actions:
        if action.dest == "command" and action.choices is not None:
            return list(action.choices)
    return []


def _unknown_command(parser: Parser, argv: list[str]) -> str | None:
    """The did-you-mean line for a mistyped subcommand, or None when the first word is fine."""
    words = [a for a in argv if not a.startswith("-")]
    if not words or argv[0].startswith("-"):
        return None
    names = command_names(parser)
    if words[0] in names:
        return None
    close = difflib.get_close_matches(words[0], names, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"wargame: error: no command '{words[0]}'{hint} (the commands are: {', '.join(names)})\n"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    wrong = _unknown_command(parser, argv)
    if wrong:
        sys.stderr.write(wrong)
        return EXIT_USAGE
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.run(args)
    except UserError as exc:
        # whatever a file put into the message is shown as characters, each line kept short
        lines = [one_line(line, 500) for line in str(exc).splitlines() or [""]]
        print(f"wargame {args.command}: error: " + "\n".join(lines), file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return 0


def _quiet_stdout() -> None:
    """After the reader of a pipe left (`wargame replay x | head`), flushing at exit must not complain."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
