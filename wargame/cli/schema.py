"""`wargame schema`: the JSON Schema of the scenario format, for editors (yaml-language-server)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from wargame.cli.common import add_command
from wargame.errors import EXIT_OK

if TYPE_CHECKING:
    from wargame.cli.common import Subcommands


def add(sub: Subcommands) -> None:
    p = add_command(
        sub,
        "schema",
        help="print the JSON Schema of the scenario format (for editors)",
        description="Print the draft-07 JSON Schema of the scenario format. Point your editor's\n"
        "YAML support at it for completion and checks as you type; a copy also ships\n"
        "inside the package (`wargame new` points new scenarios at it).",
        examples="""
wargame schema > scenario.schema.json
then start a scenario with:  # yaml-language-server: $schema=scenario.schema.json
""",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from wargame.scenario.schema import schema_text

    print(schema_text(), end="")
    return EXIT_OK
