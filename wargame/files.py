"""Output files: the one atomic writer every command and screen uses, and '-' meaning stdout.

What happens to each kind of target (docs/architecture.md, "Output files"):

- a regular file, or a new name: written to a temporary file beside it, fsynced,
  then renamed over it, so a reader sees the old file or the new one, never a
  torn one. An existing file keeps its mode; a new one gets the usual mode
  (0666 less the umask, as a shell's `>` would), never mkstemp's 0600.
- a symlink: the file it points to is written (atomically, beside that file);
  the link stays a link.
- a FIFO or a character device (`/dev/null`, a terminal, `/dev/stdout`): written
  through, in place, like the shell's `>` does; nothing to rename.
- a folder, socket or block device: refused with OutputError, nothing written.

`write_new` creates a file that must not exist yet (`wargame new`), whole or not at all.

On any failure (disk full, no permission) the temporary file is removed and the
target is untouched.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import sys
from pathlib import Path

TEMP_PREFIX = ".wargame-"  # saves.sweep_temp_files removes these when a killed writer left them
STDOUT = "-"


class OutputError(OSError):
    """A target that cannot take a file (a folder, a socket, a block device); the message says which."""


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write `data` to `path` as described above; returns the path actually written (a link's target).

    Raises OutputError for a target that is not a file, OSError when writing fails.
    """
    target = Path(os.path.realpath(path))  # a symlink (or a chain of them) means the file it points to
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        if stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
            _write_through(target, data)
            return target
        raise OutputError(f"{path} is {_kind(info.st_mode)}, not a file; give a file name")
    directory = target.parent
    directory.mkdir(parents=True, exist_ok=True)
    tmp = directory / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}.tmp"
    # 0o666 through the umask, like any new file; an existing file's own mode is restored below
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            if info is not None:
                os.chmod(tmp, stat.S_IMODE(info.st_mode))
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_folder(directory)
    return target


def write_new(path: str | Path, data: bytes) -> Path:
    """Create `path` with `data`, never replacing anything: FileExistsError when it exists, even in a race.

    The data goes to a temporary file first and is hard-linked into place, so the
    file appears whole or not at all (a full disk leaves nothing behind). Where
    the file system cannot hard-link, it is created with O_EXCL and removed again
    if writing fails.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    tmp = directory / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise
        except OSError:  # no hard links here: exclusive create, removed again if the write fails
            _create_exclusive(target, data)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    _fsync_folder(directory)
    return target


def _create_exclusive(target: Path, data: bytes) -> None:
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(target)
        raise


def write_output(name: str, text: str) -> Path | None:
    """Write `text` to the file `name`, or to stdout when `name` is '-' (then returns None)."""
    if name == STDOUT:
        print_text(text)
        return None
    return write_atomic(name, text.encode("utf-8"))


def print_text(text: str) -> None:
    """Print even on a terminal that cannot show every character (they become '?')."""
    out = sys.stdout
    encoding = getattr(out, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        text = text.encode(encoding, errors="replace").decode(encoding, errors="replace")
    out.write(text)
    out.flush()


def check_output(name: str | None, flag: str, make_folders: bool = False) -> str | None:
    """Why `name` cannot take an output file (None when it can), before any long work starts.

    A missing folder is refused unless `make_folders` (write_atomic then creates it).
    """
    if name is None or name == STDOUT:
        return None
    target = Path(os.path.realpath(name))
    try:
        info = target.stat()
    except FileNotFoundError:
        parent = target.parent
        if not parent.is_dir() and not make_folders:
            return f"{flag} {name}: the folder {parent} does not exist"
        return None
    except OSError as exc:
        return f"{flag} {name}: {exc.strerror}"
    if stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
        return None
    if stat.S_ISDIR(info.st_mode):
        return f"{flag} {name}: this is a folder; give a file name"
    return f"{flag} {name} is {_kind(info.st_mode)}, not a file; give a file name"


def _write_through(target: Path, data: bytes) -> None:
    with open(target, "wb") as f:  # a FIFO blocks here until someone reads it, as with the shell's `>`
        f.write(data)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a regular file"


def _fsync_folder(directory: Path) -> None:
    try:
        dfd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(dfd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on folders
        pass
    finally:
        os.close(dfd)
