"""Provides the keeper: the game's files (autosave, the save and quit dialogs, the debrief), nothing lost."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from textual.message import Message
from textual.widget import Widget

from wargame import saves
from wargame.tui import facilitator_flow as flow
from wargame.tui import session
from wargame.tui.autosave import AutosaveWriter
from wargame.tui.session import Game

SETTLE_SECONDS = 5.0  # how long quit waits for the autosave before it says the game is not saved


class Keeper(Widget):
    """An invisible member of the game screen that writes files and asks before anything is lost.

    The screen hands it the game after each decision (`autosave`) and on the
    keys s and q; it never changes the game.
    """

    DEFAULT_CSS = "Keeper { display: none; }"

    class Reported(Message):
        """From the writer thread: the autosave failed (`error`), or works again."""

        def __init__(self, path: Path | None, error: str) -> None:
            super().__init__()
            self.path, self.error = path, error

    def __init__(self, directory: Path, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.directory = Path(directory)
        self._writer: AutosaveWriter | None = None

    @property
    def writer(self) -> AutosaveWriter:
        """The autosave thread, started on mount (a keeper writes nothing before it is on screen)."""
        assert self._writer is not None
        return self._writer

    def on_mount(self) -> None:
        self._writer = AutosaveWriter(self.directory, self.report)

    def on_unmount(self) -> None:
        if self._writer is not None:
            self._writer.stop()

    def report(self, path: Path | None, error: str) -> None:
        """On the writer thread: post, never wait (post_message is thread-safe)."""
        self.post_message(self.Reported(path, error))

    def on_keeper_reported(self, message: Reported) -> None:
        message.stop()
        if message.error:
            self.notify(
                f"Autosave into {self.directory} failed ({message.error}): your moves are not on "
                "disk. Quitting (q) offers to save the game elsewhere.",
                title="Not saved",
                severity="warning",
                timeout=10,
            )
        else:
            self.notify(f"Autosave works again: {message.path}", title="Saved")

    def autosave(self, game: Game) -> None:
        """Queue the game for the writer thread; returns at once."""
        self.writer.write(game)

    async def settle(self, timeout: float = SETTLE_SECONDS) -> bool:
        """Wait, without holding the UI, until every queued autosave is written (or failed)."""
        return await asyncio.to_thread(self.writer.wait, timeout)

    # --- s: save as ---------------------------------------------------------------------
    def ask_save(self, game: Game) -> None:
        from wargame.tui.save_dialog import SaveDialog

        suggestion = f"{game.scenario.id}-turn{game.state.turn}"
        self.app.push_screen(SaveDialog(suggestion, str(self.directory)), lambda name: self.save_as(game, name))

    def save_as(self, game: Game, name: str | None, force: bool = False) -> None:
        """Write the named save; a file of another game (or of this game further on) is replaced
        only after a yes, and two names that make one file ('Team A', 'Team/A') are told apart."""
        if not name:
            return
        try:
            path = session.save_path(self.directory, name)
            why = "" if force else saves.conflict(path, session.record(game, name))
            if why:
                self.ask_replace(game, name, path, why)
                return
            path = session.save(game, self.directory, name, force=True)
        except saves.SaveError as exc:
            self.notify(str(exc), title="Not saved", severity="error")
        except OSError as exc:
            self.notify(
                f"cannot write into {self.directory}: {exc.strerror}",
                title="Not saved",
                severity="error",
            )
        else:
            self.notify(f"Saved to {path}", title="Saved")

    def ask_replace(self, game: Game, name: str, path: Path, why: str) -> None:
        from wargame.tui.confirm import Confirm

        note = saves.same_file_note(name, path)
        self.app.push_screen(
            Confirm(
                f"Replace {path.name}?",
                f"{note + ', and it' if note else 'It'} {why}. "
                "Replacing loses that game; No keeps it (then save under another name).",
                yes="Replace",
                no="No",
            ),
            lambda yes: self.save_as(game, name, force=True) if yes else None,
        )

    # --- q: quit ------------------------------------------------------------------------
    def quit(self, current: Callable[[], Game]) -> None:
        """Ask before quitting, saying truthfully whether the game is on disk."""
        self.run_worker(self.quitting(current), exclusive=True, group="quit")

    async def quitting(self, current: Callable[[], Game]) -> None:
        from wargame.tui.quit_dialog import KEEP, SAVE, QuitDialog

        problem = await self.flush(current())
        while True:
            status = "Nothing has been decided yet: there is nothing to save."
            if current().entries and self.writer.path is not None:
                status = (
                    f"It is saved as {self.writer.path.name}: choose it under 'Recent games' "
                    "on the start screen (wargame play) to resume."
                )
            answer, where = await self.app.push_screen_wait(
                QuitDialog(status, problem, str(Path.home() / "wargame-saves"))
            )
            if answer == KEEP:
                return
            if answer == SAVE:
                try:
                    path = await asyncio.to_thread(self.save_elsewhere, current(), where)
                except saves.SaveError as exc:
                    problem = f"Not saved: {exc}."
                    continue
                except OSError as exc:
                    problem = f"Not saved to {where}: {exc.strerror or exc}."
                    continue
                self.notify(f"Saved to {path}", title="Saved")
                break
            if not problem:  # a bot may have moved while the dialog was open: that too
                problem = await self.flush(current())
                if problem:
                    continue
            break
        self.app.exit()

    async def flush(self, game: Game) -> str:
        """Have `game` on disk; '' when it is (or there is nothing to save), else why not."""
        if not game.entries:
            return ""
        if not self.writer.saved(game):
            self.autosave(game)
        settled = await self.settle()
        return "" if self.writer.saved(game) else self.problem(settled)

    def problem(self, settled: bool) -> str:
        if not settled:
            return f"The autosave into {self.directory} has not finished after {SETTLE_SECONDS:g} s."
        return f"The autosave into {self.directory} failed: {self.writer.error}."

    def save_elsewhere(self, game: Game, where: str) -> Path:
        """Write the game into a folder (made if need be, the file named as its autosave) or to a
        file ending .json; never over another game's file. On the caller's thread."""
        target = Path(where).expanduser()
        saved = session.record(game)
        if target.is_dir() or target.suffix.lower() != ".json":
            target = target / f"{saves.autosave_stem(saved)}.json"
        why = saves.conflict(target, saved)
        if why:
            raise saves.SaveError(f"{target} {why}; choose another place")
        return saves.write_save(target, saved)

    # --- the debrief --------------------------------------------------------------------
    def debrief(self, game: Game) -> Path | None:
        """Write the HTML debrief beside the saves and say where; None (and why) if it failed."""
        try:
            path = flow.write_debrief(game, self.directory)
        except OSError as exc:
            self.notify(
                f"cannot write the debrief into {self.directory}: {exc.strerror or exc}",
                title="No debrief",
                severity="error",
            )
            return None
        except (saves.SaveError, ValueError) as exc:
            self.notify(str(exc), title="No debrief", severity="error")
            return None
        self.notify(f"Debrief written to {path}", title="Debrief", timeout=10)
        return path
