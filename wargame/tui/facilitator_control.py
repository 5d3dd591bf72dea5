"""Provides the game screen's facilitator side: the panel, the pause, rewinds and the debrief."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import Static

from wargame import saves
from wargame.tui import facilitator_flow as flow
from wargame.tui.session import HUMAN
from wargame.words import plural

BANNER = "PAUSED by the facilitator · bots and teams wait · p resumes"
# the game's keys that still work while the keyboard is in the panel
PANEL_KEYS = ("help", "facilitator", "pause", "close_panel")


class FacilitatorControls:
    """Mixed into GameScreen (which owns the game): what the facilitator's panel asks for.

    Engine decisions from the panel arrive as `Decide(..., by="facilitator")`
    through the screen's usual door; the acts that are not engine decisions
    (pause, rewind, debrief) arrive as the messages handled here.
    """

    facilitator: bool = False
    paused: bool = False

    # --- widgets -------------------------------------------------------------------------
    def facilitator_banner(self):
        """The paused banner (only in facilitator mode), hidden until the game is paused."""
        if self.facilitator:
            banner = Static(Text(BANNER, style="bold"), id="paused-banner")
            banner.display = False
            yield banner

    def facilitator_panel(self):
        if self.facilitator:
            from wargame.tui.facilitator import FacilitatorPanel

            panel = FacilitatorPanel(id="facilitator")
            panel.display = False
            yield panel

    def panel(self):
        from wargame.tui.facilitator import FacilitatorPanel

        found = self.query(FacilitatorPanel)
        return found.first() if found else None

    def publish_to_panel(self) -> None:
        panel = self.panel()
        if panel is not None and self.game is not None:
            panel.show(self.game, self.keyboard_team())

    def keyboard_team(self) -> str | None:
        """The team whose options the game screen shows now (None: nobody's)."""
        game = self.game
        humans = [f for f, who in game.seats.items() if who == HUMAN]
        return humans[0] if len(humans) == 1 else self._at_keyboard

    def panel_has_focus(self) -> bool:
        panel = self.panel()
        return (
            panel is not None
            and panel.display
            and self.focused is not None
            and panel in self.focused.ancestors_with_self
        )

    # --- keys ----------------------------------------------------------------------------
    def action_facilitator(self) -> None:
        """f: open the panel; in it, close it; open but elsewhere, go back to its tabs."""
        panel = self.panel()
        if panel is None:
            return
        if panel.display and self.panel_has_focus():
            panel.action_close()
        elif panel.display:
            panel.focus_tabs()
        else:
            panel.at_keyboard = self.keyboard_team()
            panel.open()

    def action_close_panel(self) -> None:
        panel = self.panel()
        if panel is not None and panel.display:
            panel.action_close()

    def hand_over_panel(self) -> None:
        """The keyboard goes to a team: the panel closes so that team sees its own screen."""
        panel = self.panel()
        if panel is not None and panel.display:
            panel.display = False

    def action_pause(self) -> None:
        self.set_paused(not self.paused)

    def set_paused(self, on: bool) -> None:
        """Pause: bots stop (the bot player is told nothing and forgets its move), teams' decisions
        are refused; the facilitator can still act. Resume: everything picks up where it was."""
        from wargame.tui.bot_player import BotPlayer

        if not self.facilitator or on == self.paused:
            return
        self.paused = on
        self.query_one("#paused-banner").display = on
        bots = self.query_one(BotPlayer)
        bots.reset()
        bots.game = None if on else self.game
        panel = self.panel()
        if panel is not None:
            panel.paused(on)
        self.show_decision(self.game)  # 'ISIS is deciding…' becomes 'waits', and back
        self.refresh_bindings()
        if on:
            self.notify("Paused: bots and teams wait until you resume (p).", title="Paused")
        else:
            self.notify("Resumed.")
            self.call_after_refresh(self.next_step)

    def on_session_form_pause(self, message) -> None:
        message.stop()
        self.action_pause()

    # --- rewind --------------------------------------------------------------------------
    def on_rewind_form_rewind(self, message) -> None:
        message.stop()
        from wargame.tui.confirm import Confirm

        to, note = message.to, message.note
        n = len(self.game.entries) - to
        asked = self.game

        def answered(yes: bool | None) -> None:
            if yes and self.game is asked:
                self.rewind(to, note)

        self.app.push_screen(
            Confirm(
                f"Rewind, setting aside the last {plural(n, 'decision')}?",
                "They stay in the save as a branch (the debrief lists it); play goes on from the moment you picked.",
                yes="Rewind",
                no="Cancel",
            ),
            answered,
        )

    def rewind(self, to: int, note: str) -> None:
        from wargame.tui.bot_player import BotPlayer

        try:
            game = flow.rewind(self.game, to, note)
        except saves.SaveError as exc:
            self.notify(str(exc), title="Not rewound", severity="error")
            return
        n = len(self.game.entries) - to
        self.query_one(BotPlayer).reset()
        self._end_shown = None
        self.game = game
        self.autosave()
        self.notify(
            f"Rewound: {plural(n, 'decision')} set aside as branch {len(game.branches)}, kept in the save."
        )

    # --- the debrief ---------------------------------------------------------------------
    def on_session_form_debrief(self, message) -> None:
        message.stop()
        path = self.write_debrief()
        panel = self.panel()
        if path is not None and panel is not None:
            from wargame.tui.facilitator import SessionForm

            panel.query_one(SessionForm).wrote(f"Written to {path}")

    def write_debrief(self) -> Path | None:
        """Write the HTML debrief beside the saves and say where; None (and why) if it failed."""
        try:
            path = flow.write_debrief(self.game, self.saves_dir)
        except OSError as exc:
            self.notify(
                f"cannot write the debrief into {self.saves_dir}: {exc.strerror or exc}",
                title="No debrief",
                severity="error",
            )
            return None
        except (saves.SaveError, ValueError) as exc:
            self.notify(str(exc), title="No debrief", severity="error")
            return None
        self.notify(f"Debrief written to {path}", title="Debrief", timeout=10)
        return path
