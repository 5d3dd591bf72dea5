"""`wargame new NAME`: writes a commented starter scenario that validates and plays as it stands."""

from __future__ import annotations

from wargame.cli.common import add_command


def add(sub) -> None:
    p = add_command(
        sub,
        "new",
        help="write a commented starter scenario to scenarios/NAME.yaml",
        description="Write a small, commented scenario that validates and plays as it stands,\n"
        "to edit into your own. It starts with a modeline that points your editor at\n"
        "the JSON Schema shipped with wargame. It never overwrites a file.",
        examples="""
wargame new my-crisis                  writes scenarios/my-crisis.yaml
wargame new my-crisis --dir ~/crises   writes ~/crises/my-crisis.yaml
""",
    )
    p.add_argument("name", help="the scenario id: lowercase letters, digits and '-'")
    p.add_argument("--dir", default="scenarios", metavar="DIR", help="the folder to write it in (default: scenarios)")
    p.set_defaults(run=run)


def run(args) -> int:
    from wargame.starter import cmd_new

    return cmd_new(args)
