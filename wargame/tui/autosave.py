"""Provides the autosave writer: one thread that writes the game after every decision, in order.

The UI thread only queues a game (an immutable value) and never waits on the
disk; the writer thread never waits on the UI: it reports through a callback
that must not block (the keeper passes Textual's thread-safe `post_message`).
That one-way traffic is what keeps an unwritable folder from freezing quit.
"""

from __future__ import annotations

import contextvars
import queue
import threading
from collections.abc import Callable
from pathlib import Path

from wargame import saves
from wargame.tui import session
from wargame.tui.session import Game

_STOP = object()


class AutosaveWriter:
    """Owns the writer thread. `write` queues; `idle`/`ok`/`error` say where the disk stands.

    When several games wait in the queue only the newest is written: each one
    holds the whole decision log, so a skipped one loses nothing.
    """

    def __init__(self, directory: Path, report: Callable[[Path | None, str], None]) -> None:
        self.directory = Path(directory)
        self.report = report  # called on the writer thread with (path, "") or (None, error)
        self.ok = True  # the last write succeeded (or none was tried)
        self.error = ""
        self.path: Path | None = None  # where the last successful write went
        self.written: Game | None = None  # the game as the last successful write saw it
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._pending = 0
        self._lock = threading.Lock()
        self._idle = threading.Event()
        self._idle.set()
        self._thread = threading.Thread(
            target=contextvars.copy_context().run,
            args=(self._run,),
            name="autosave",
            daemon=True,
        )
        self._thread.start()

    def write(self, game: Game) -> None:
        with self._lock:
            self._pending += 1
            self._idle.clear()
        self._queue.put(game)

    def stop(self) -> None:
        """Let the thread finish what is queued and end (never waits for it)."""
        self._queue.put(_STOP)

    def idle(self) -> bool:
        return self._idle.is_set()

    def wait(self, timeout: float) -> bool:
        """Block until every queued game is written (for threads and tests, never the UI thread)."""
        return self._idle.wait(timeout)

    def saved(self, game: Game) -> bool:
        """True when `game`, exactly as it is, is on disk."""
        return self.idle() and self.ok and self.written is game

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is _STOP:
                return
            taken = 1
            while True:  # only the newest waiting game is worth writing
                try:
                    newer = self._queue.get_nowait()
                except queue.Empty:
                    break
                if newer is _STOP:
                    self._queue.put(_STOP)
                    break
                job, taken = newer, taken + 1
            self._write(job)
            with self._lock:
                self._pending -= taken
                if self._pending == 0:
                    self._idle.set()

    def _write(self, game: Game) -> None:
        try:
            path = session.autosave(game, self.directory, self.path)
        except Exception as exc:  # OSError, SaveError, or a bug: the thread must live on, and say it
            first = self.ok  # say it once, not after every decision
            self.ok, self.error = False, _why(exc)
            if first:
                self.report(None, self.error)
            return
        recovered = not self.ok
        self.ok, self.error, self.path, self.written = True, "", path, game
        if recovered:
            self.report(path, "")


def _why(exc: Exception) -> str:
    """'Read-only file system': the folder is named by whoever shows it (a temp file's name helps
    nobody)."""
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    if isinstance(exc, saves.SaveError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"
