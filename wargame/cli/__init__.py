"""The `wargame` command line: the top layer, one module per subcommand (docs/contributing.md)."""

from wargame.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
