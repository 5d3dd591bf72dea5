"""`wargame report SAVE [--format md|html] [-o FILE]`: every user mistake is one line and exit 1."""

from __future__ import annotations

from pathlib import Path

from wargame.errors import EXIT_OK, UserError
from wargame.files import STDOUT, check_output, write_output


def cmd_report(args) -> int:
    from wargame import report
    from wargame.saves import SaveError

    fmt = getattr(args, "format", None) or "md"
    if fmt not in report.FORMATS:
        raise UserError(f"unknown format '{fmt}': use md or html")
    output = getattr(args, "output", None)
    problem = check_output(output, "-o", make_folders=True)
    if problem:
        raise UserError(problem)
    if output and output != STDOUT and report._same_file(Path(output), Path(args.save)):
        raise UserError(f"{output} is the save itself; the report must go to another file")
    try:
        text = report.render(report.build_report(args.save), fmt)
    except SaveError as exc:
        raise UserError(" ".join(str(exc).split())) from None
    try:
        written = write_output(output or STDOUT, text)
    except OSError as exc:
        raise UserError(f"cannot write {output}: {exc.strerror or exc}") from None
    if written is not None:
        print(f"report written to {output}")
    return EXIT_OK
