"""Provides the Textual application: settings, and the move between start and game screens."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from wargame import saves
from wargame.config import Config
from wargame.tui import session
from wargame.tui.game import GameScreen
from wargame.tui.plain_app import PlainApp
from wargame.tui.session import Game

if TYPE_CHECKING:
    from wargame.tui.start import StartScreen


class WargameApp(PlainApp):
    """The `wargame play` application. Game facts live in the game screen; this routes screens."""

    CSS_PATH = "wargame.tcss"
    TITLE = "wargame"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "request_quit", "Quit", show=False, priority=True, id="app.quit")
    ]
    # The game's own commands in the command palette (Ctrl+P): (action, its parameters, title, help).
    GAME_COMMANDS: ClassVar[tuple[tuple[str, tuple[str, ...], str, str], ...]] = (
        ("save", (), "Save the game", "Save under a name of your choice (s)"),
        ("undo", (), "Undo", "Take back your team's last decision (u)"),
        ("show", ("results",), "Results", "The scores and the debrief of a finished game (r)"),
        ("show", ("help",), "Game help", "What every part of the screen means, and the keys (?)"),
        ("show", ("brief",), "Team brief", "Your team's brief: situation, aims, what you know (b)"),
        ("show", ("deals",), "Deals", "Offers waiting for your answer, your deals, a new offer (d)"),
        ("show", ("propose",), "Propose", "Propose an action of your own to the facilitator (w)"),
        ("facilitator", (), "Facilitator panel", "Show or hide the facilitator's controls (f)"),
        ("facilitator", ("pause",), "Pause", "Pause or resume the bots (p)"),
        ("quit_game", (), "Quit the game", "Back to the start screen, after asking (q)"),
    )

    def __init__(
        self,
        saves_dir: Path,
        game: Game | None = None,
        seed: int | None = None,
        scenario_dirs: list[Path] | None = None,
        bot_delay: float | None = None,
        facilitator: bool = False,
        config: Config | None = None,
    ) -> None:
        super().__init__()
        self.config = config or Config()  # config.toml's settings (wargame.config); defaults in tests
        self.facilitator = facilitator  # the facilitator's controls (--facilitator, start screen)
        self.saves_dir = Path(saves_dir)
        self.first_game = game
        self.seed = seed
        self.scenario_dirs = scenario_dirs
        self.bot_delay = self.config.bot_delay if bot_delay is None else bot_delay
        if self.config.keymap:
            self.set_keymap(dict(self.config.keymap))

    def on_mount(self) -> None:
        self.apply_config_theme()
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
        self.switch_screen(self.game_screen(session.start(message.scenario, message.seed, message.seats)))

    def on_start_screen_resume(self, message: StartScreen.Resume) -> None:
        self.facilitator = message.facilitator
        try:
            scenario, saved, _state, _events = saves.load_game(message.path)
            game = session.resume(scenario, saved)
        except saves.SaveError as exc:
            text, where = str(exc), str(message.path)  # every save error names the save file
            self.notify(
                text if where in text else f"{where}: {text}", title="Cannot resume", severity="error", timeout=10
            )
            return
        self.switch_screen(self.game_screen(game))

    def apply_config_theme(self) -> None:
        """Use config.toml's theme, then write back the one the user picks in the palette.

        Only when the settings came from a file (`wargame play`), so tests and
        other callers never touch a user's config.
        """
        wanted = self.config.theme
        if wanted and wanted in self.available_themes:
            self.theme = wanted
        elif wanted:
            self.notify(
                f"{self.config.path}: theme '{wanted}' is not one of the themes; Ctrl+P lists them",
                title="Settings",
                severity="warning",
                timeout=8,
                markup=False,
            )
        self._saved_theme = self.theme
        if self.config.path is not None:
            self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme) -> None:
        if theme.name == self._saved_theme or self.config.path is None:
            return
        from wargame.config import set_value

        try:
            set_value(self.config.path, "theme", theme.name)
        except OSError as exc:
            self.notify(
                f"cannot write {self.config.path}: {exc.strerror or exc}",
                title="Settings",
                severity="warning",
                timeout=8,
                markup=False,
            )
            return
        self._saved_theme = theme.name

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands, then the game's (those its screen allows right now)."""
        yield from super().get_system_commands(screen)
        if not isinstance(screen, GameScreen):
            return
        for action, params, title, help_text in self.GAME_COMMANDS:
            if screen.check_action(action, params) and hasattr(screen, f"action_{action}"):
                yield SystemCommand(title, help_text, partial(getattr(screen, f"action_{action}"), *params))

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
