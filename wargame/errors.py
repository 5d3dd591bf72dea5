"""What every layer may raise or report to the user: UserError, the exit codes, the version."""

from __future__ import annotations

import functools

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class UserError(Exception):
    """A mistake the user can fix: printed as one line, exit 1 (or `code`)."""

    def __init__(self, message: str, code: int = EXIT_ERROR):
        super().__init__(message)
        self.code = code


@functools.cache
def version() -> str:
    """The installed package's version (cached: metadata lookups cost ~40 ms)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as v

    try:
        return v("wargame")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"
