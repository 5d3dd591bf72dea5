"""`wargame new NAME`: writes a commented starter scenario that validates and plays as it stands."""

from __future__ import annotations

import argparse
import os
import re
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from wargame.catalog import packaged
from wargame.cli.common import add_command
from wargame.errors import EXIT_OK, EXIT_USAGE, UserError
from wargame.files import write_new

if TYPE_CHECKING:
    from wargame.cli.common import Subcommands


def add(sub: Subcommands) -> None:
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


NO_SCHEMA = (
    "# Editor help: run 'wargame schema > scenario.schema.json' beside this file, then\n"
    "# start this file with the line:  # yaml-language-server: $schema=scenario.schema.json"
)


def template() -> str:
    return (files("wargame") / "templates" / "starter.yaml").read_text(encoding="utf-8")


def render(name: str, folder: Path) -> str:
    """The starter text for scenario `name`, its schema modeline made relative to `folder`.

    The schema ships inside the package (wargame/data/, or docs/ in a checkout);
    a folder inside the checkout gets a relative link, any other an absolute
    file:// link to the installed copy. Without a schema file at all the text
    says how to make one instead of writing a dead link.
    """
    text = re.sub(r"^id: starter(\s)", rf"id: {name}\1", template(), count=1, flags=re.M)
    schema = packaged("scenario.schema.json")
    if schema is not None and schema.is_file():
        where, home = folder.resolve(), schema.parent.parent
        inside = where == home or home in where.parents
        link = Path(os.path.relpath(schema, where)).as_posix() if inside else schema.as_uri()
        return text.replace("$schema=SCHEMA", f"$schema={link}", 1)
    return text.replace("# yaml-language-server: $schema=SCHEMA", NO_SCHEMA, 1)


def check_name(name: str) -> None:
    from wargame.scenario.spec import SCENARIO_ID_PATTERN

    if re.match(SCENARIO_ID_PATTERN, name):
        return
    stem = re.sub(r"\.ya?ml$", "", name)
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    hint = f" (e.g. 'wargame new {slug}')" if slug and re.match(SCENARIO_ID_PATTERN, slug) else ""
    raise UserError(f"'{name}' is not a valid scenario id: use lowercase letters, digits and '-'{hint}", EXIT_USAGE)


def run(args: argparse.Namespace) -> int:
    name, folder = args.name, Path(args.dir)
    check_name(name)
    path = folder / f"{name}.yaml"
    if path.exists():
        raise UserError(f"{path} already exists; choose another name or move that file (nothing was written)")
    try:
        write_new(path, render(name, folder).encode("utf-8"))  # never overwrites, even in a race
    except FileExistsError:
        raise UserError(f"{path} already exists; choose another name or move that file (nothing was written)") from None
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror}") from None
    print(f"wrote {path}")
    print("next: edit it, then")
    print(f"  wargame validate {path}")
    print(f"  wargame autoplay {path}")
    print(f"  wargame play {path}")
    return EXIT_OK
