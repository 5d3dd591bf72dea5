"""Every wargame App (play, join, replay) shows notifications as written: scenario, save and server text is data."""

from __future__ import annotations

from wargame.server.join_app import JoinApp
from wargame.tui.app import WargameApp
from wargame.tui.plain_app import PlainApp
from wargame.tui.replay import ReplayApp

HOSTILE = "[bold]Tripoli[/] [@click=app.quit]quit[/] [/]"


def test_play_join_and_replay_share_the_plain_notifications():
    assert all(issubclass(app, PlainApp) for app in (WargameApp, JoinApp, ReplayApp))


async def test_a_notification_quoting_markup_shows_it_as_text():
    app = PlainApp()
    async with app.run_test(size=(100, 20)) as pilot:
        app.notify(f"{HOSTILE} offers you a deal", title="[b]Deals")
        await pilot.pause()
        await pilot.pause()
        (note,) = app._notifications
        assert not note.markup and note.message == f"{HOSTILE} offers you a deal" and note.title == "[b]Deals"
        assert app.is_running  # '[@click=app.quit]' did not become a link, '[/]' did not crash it
