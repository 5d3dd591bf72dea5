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
        self.writer: AutosaveWriter | None = None

    def on_mount(self) -> None:
        self.writer = AutosaveWriter(self.directory, self.report)

    def on_unmount(self) -> None:
        if self.writer is not None:
            self.writer.stop()

    def report(self, path: Path | None, error: str) -> None:
        """On the writer thread: post, never wait (post_message is thread-safe)."""
        self.post_message(self.Reported(path, error))

    def on_keeper_reported(self, message: Reported) -> None:
        message.stop()
        if message.error:
            self.notify(
                f"Autosave failed ({message.error}); press s to save elsewhere.",
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
        self.app.push_screen(
            SaveDialog(suggestion, str(self.directory)), lambda name: self.save_as(game, name)
        )

    def save_as(self, game: Game, name: str | None) -> None:
        if not name:
            return
        try:
            path = session.save(game, self.directory, name)
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

    # --- q: quit ------------------------------------------------------------------------
    def quit(self, current: Callable[[], Game]) -> None:
        """Ask before quitting, saying truthfully whether the game is on disk."""
        self.run_worker(self.quitting(current), exclusive=True, group="quit")

    async def quitting(self, current: Callable[[], Game]) -> None:
        from wargame.tui.quit_dialog import KEEP, SAVE, QuitDialog

        game = current()
        if game.entries:
            self.autosave(game)
        settled = await self.settle()
        problem = ""
        if game.entries and not self.writer.saved(current()):
            problem = self.problem(settled)
        status = "Nothing has been decided yet: there is nothing to save."
        if game.entries and self.writer.path is not None:
            status = (
                f"It is saved as {self.writer.path.name}: choose it under 'Recent games' "
                "on the start screen (wargame play) to resume."
            )
        while True:
            answer, where = await self.app.push_screen_wait(
                QuitDialog(status, problem, str(Path.home() / "wargame-saves"))
            )
            if answer == KEEP:
                return
            if answer != SAVE:
                break
            try:
                path = await asyncio.to_thread(self.save_elsewhere, current(), where)
            except (OSError, saves.SaveError) as exc:
                problem = f"Not saved to {where}: {getattr(exc, 'strerror', None) or exc}"
                continue
            self.notify(f"Saved to {path}", title="Saved")
            break
        self.app.exit()

    def problem(self, settled: bool) -> str:
        if not settled:
            return f"The autosave into {self.directory} has not finished after {SETTLE_SECONDS:g} s."
        return f"The autosave into {self.directory} failed: {self.writer.error}."

    def save_elsewhere(self, game: Game, where: str) -> Path:
        """Write the game to a folder (under its autosave name) or a file; on the caller's thread."""
        target = Path(where).expanduser()
        if target.is_dir() or where.endswith(("/", "\\")):
            target = target / saves.safe_name(session.autosave_name(game.scenario))
        elif target.suffix.lower() != ".json":
            target = target.with_name(target.name + ".json")
        return saves.write_save(target, session.record(game))

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
