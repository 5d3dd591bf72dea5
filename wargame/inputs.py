"""Reads an input file (a scenario) only when it is a regular file, and never more than a size cap.

`Path.read_bytes()` on `/dev/zero` reads until memory runs out, on a FIFO it
blocks forever, and a symlink makes either look like a `.yaml` file. Here the
file is opened without blocking, checked with `fstat` on the open descriptor
(so it cannot be swapped between the check and the read), and read up to the
cap plus one byte.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

NOT_REGULAR = "not a regular file (a device, a pipe or a socket, or a link to one); only regular files are read"


class InputError(Exception):
    """Why a file was not read, in plain words (without the file name: the caller adds it)."""


def read_regular(path: str | Path, limit: int) -> bytes:
    """The bytes of `path`, or InputError when it is missing, not a regular file, or over `limit` bytes."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("this is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError("this is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(NOT_REGULAR)
        if info.st_size > limit:
            raise InputError(f"file is {info.st_size:,} bytes; the limit is {limit:,}")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # it grew while being read
            raise InputError(f"file is over {limit:,} bytes; the limit is {limit:,}")
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}") from None
    finally:
        os.close(fd)
