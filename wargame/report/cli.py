"""`wargame report SAVE [--format md|html] [-o FILE]`: every user mistake is one line and exit 1."""

from __future__ import annotations

import sys
from pathlib import Path

from wargame.errors import EXIT_OK, UserError


def cmd_report(args) -> int:
    from wargame import report
    from wargame.saves import SaveError

    fmt = getattr(args, "format", None) or "md"
    if fmt not in report.FORMATS:
        raise UserError(f"unknown format '{fmt}': use md or html")
    output = getattr(args, "output", None)
    if output and report._same_file(Path(output), Path(args.save)):
        raise UserError(f"{output} is the save itself; the report must go to another file")
    try:
        text = report.render(report.build_report(args.save), fmt)
    except SaveError as exc:
        message = " ".join(str(exc).split())
        raise UserError(message if args.save in message else f"{args.save}: {message}") from None
    if not output:
        _print(text)
        return EXIT_OK
    try:
        report.write_atomic(Path(output), text.encode("utf-8"))
    except OSError as exc:
        raise UserError(f"cannot write {output}: {exc.strerror or exc}") from None
    print(f"report written to {output}")
    return EXIT_OK


def _print(text: str) -> None:
    """Print the report even on a terminal that cannot show every character (they become '?')."""
    out = sys.stdout
    encoding = getattr(out, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        text = text.encode(encoding, errors="replace").decode(encoding, errors="replace")
    out.write(text)
    out.flush()
