"""Provides the Textual application: settings, and the move between start and game screens."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from wargame import saves
from wargame.tui import session
from wargame.tui.game import GameScreen
from wargame.tui.session import Game

if TYPE_CHECKING:
    from wargame.tui.start import StartScreen


class WargameApp(App[None]):
    """The `wargame play` application. Game facts live in the game screen; this routes screens."""

    CSS_PATH = "wargame.tcss"
    TITLE = "wargame"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "request_quit", "Quit", show=False, priority=True)
    ]

    def __init__(
        self,
        saves_dir: Path,
        game: Game | None = None,
        seed: int | None = None,
        scenario_dirs: list[Path] | None = None,
        bot_delay: float = 0.7,
        facilitator: bool = False,
    ) -> None:
        super().__init__()
        self.facilitator = facilitator  # the facilitator's controls (--facilitator, start screen)
        self.saves_dir = Path(saves_dir)
        self.first_game = game
        self.seed = seed
        self.scenario_dirs = scenario_dirs
        self.bot_delay = bot_delay

    def on_mount(self) -> None:
        if self.first_game is not None:
            self.push_screen(self.game_screen(self.first_game))
        else:
            self.push_screen(self.start_screen())

    def start_screen(self) -> StartScreen:
        from wargame.catalog import scenario_dirs
        from wargame.tui.start import StartScreen  # not needed when a game opens straight away

        seed = self.seed if self.seed is not None else secrets.randbelow(1_000_000)
        return StartScreen(
            self.scenario_dirs if self.scenario_dirs is not None else scenario_dirs(),
            self.saves_dir,
            seed,
            self.facilitator,
        )

    def game_screen(self, game: Game) -> GameScreen:
        return GameScreen(game, self.saves_dir, self.bot_delay, self.facilitator)

    def show_start(self) -> None:
        self.switch_screen(self.start_screen())

    def on_start_screen_new_game(self, message: StartScreen.NewGame) -> None:
        self.facilitator = message.facilitator
        self.switch_screen(
            self.game_screen(session.start(message.scenario, message.seed, message.seats))
        )

    def on_start_screen_resume(self, message: StartScreen.Resume) -> None:
        self.facilitator = message.facilitator
        try:
            scenario, saved, _state, _events = saves.load_game(message.path)
        except saves.SaveError as exc:
            self.notify(str(exc), title="Cannot resume", severity="error", timeout=10)
            return
        self.switch_screen(self.game_screen(session.resume(scenario, saved)))

    def action_request_quit(self) -> None:
        """Ctrl+Q: in a game (even under a dialog) the game's quit question, which never loses it."""
        from wargame.tui.quit_dialog import QuitDialog

        if isinstance(self.screen, QuitDialog):
            return  # already asking
        game = next((s for s in self.screen_stack if isinstance(s, GameScreen)), None)
        if game is not None:
            game.action_quit_game()
        else:
            self.exit()
