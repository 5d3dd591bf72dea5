"""The TUI and config.toml: the theme and bot delay applied, the palette's theme written back, keymaps, commands."""

from __future__ import annotations

from types import MappingProxyType

from conftest import SIZE, game_screen, until

from wargame.config import Config, load_config
from wargame.tui import session
from wargame.tui.app import WargameApp

SOLO = {"gna": "human", "isis": "random"}


def app_with(saves_dir, tutorial, config):
    return WargameApp(saves_dir, session.start(tutorial, 7, SOLO), seed=7, scenario_dirs=[], config=config)


async def test_the_config_theme_and_bot_delay_apply_and_a_palette_pick_is_written_back(tmp_path, saves_dir, tutorial):
    path = tmp_path / "config.toml"
    path.write_text('# mine\ntheme = "nord"\nbot_delay = 0.1\n\n[seats]\ngna = "human"\n')
    app = app_with(saves_dir, tutorial, load_config(path))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.theme == "nord")
        assert app.bot_delay == 0.1
        app.theme = "dracula"  # what picking a theme in the command palette does
        await until(pilot, lambda: load_config(path).theme == "dracula")
    assert path.read_text() == '# mine\ntheme = "dracula"\nbot_delay = 0.1\n\n[seats]\ngna = "human"\n'


async def test_an_unknown_theme_is_a_warning_not_a_crash(tmp_path, saves_dir, tutorial):
    app = app_with(saves_dir, tutorial, Config(path=tmp_path / "c.toml", theme="no-such-theme"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme != "no-such-theme"
        assert any("no-such-theme" in n.message for n in app._notifications)
    assert not (tmp_path / "c.toml").exists(), "nothing is written until the user picks a theme"


async def test_without_a_config_file_nothing_is_written(tmp_path, saves_dir, tutorial):
    app = app_with(saves_dir, tutorial, None)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "dracula"
        await pilot.pause()
    assert list(tmp_path.glob("**/*.toml")) == []


async def test_a_keymap_rebinds_the_games_keys_by_id(tmp_path, saves_dir, tutorial):
    config = Config(path=tmp_path / "c.toml", keymap=MappingProxyType({"game.help": "h"}))
    app = app_with(saves_dir, tutorial, config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen")


async def test_the_games_commands_are_in_the_command_palette(saves_dir, tutorial):
    app = app_with(saves_dir, tutorial, None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(game_screen(app))]
        assert {"Save the game", "Game help", "Quit the game", "Theme"} <= set(titles)
        assert "Facilitator panel" not in titles, "only the commands the screen allows"
        help_command = next(c for c in app.get_system_commands(game_screen(app)) if c.title == "Game help")
        help_command.callback()
        await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen")


async def test_the_start_screen_seats_come_from_the_config(tmp_path, saves_dir, scenario_dir):
    from conftest import until as wait

    config = Config(path=tmp_path / "c.toml", seats=MappingProxyType({"gna": "easy", "isis": "human"}))
    app = WargameApp(saves_dir, None, seed=1, scenario_dirs=[scenario_dir], bot_delay=0, config=config)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot, lambda: getattr(app.screen, "current", None) is not None)
        assert app.screen.seats == {"gna": "easy", "isis": "normal"}, "a bot-only faction stays a bot"
