"""Provides the base of every wargame App: notifications show their text as written, never as markup."""

from __future__ import annotations

from textual.app import App
from textual.notifications import SeverityLevel

from wargame.text import plain


class PlainApp(App[None]):
    """An App whose notifications quote scenario, save and server text safely (play, join, replay)."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification shows its text as written, never as markup.

        Messages quote save names, paths, faction and action names and the
        server's reasons; one named '[/]' must not crash the screen, nor
        '[@click=app.quit]' become a button.
        """
        text = plain(message)
        if len(text) > 600:
            text = text[:597] + "..."
        super().notify(text, title=plain(title), severity=severity, timeout=timeout, markup=False)
